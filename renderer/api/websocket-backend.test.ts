import { describe, expect, it, vi } from 'vitest';
import { WebSocketBackend, defaultWebSocketUrl, type WebSocketLike } from './websocket-backend.js';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const backend = new WebSocketBackend({
    url: 'ws://127.0.0.1:1234/ws',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  return { backend, sockets, timers };
}

describe('WebSocket backend', () => {
  it('connects next to the page, over wss when the page is https', () => {
    expect(defaultWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/ws');
    expect(defaultWebSocketUrl({ protocol: 'https:', host: 'ferry.local' })).toBe('wss://ferry.local/ws');
  });

  it('sends requests made before the socket opens once it does, and resolves them by id', async () => {
    const { backend, sockets } = setup();
    const answer = backend.invoke('settings.get', {});
    expect(sockets[0].sent).toEqual([]);
    sockets[0].open();
    expect(sockets[0].sent).toEqual([{ type: 'request', id: 1, channel: 'settings.get', args: {} }]);
    sockets[0].receive({ type: 'response', id: 1, result: { ok: true, value: { language: 'it', theme: 'dark' } } });
    await expect(answer).resolves.toEqual({ ok: true, value: { language: 'it', theme: 'dark' } });
  });

  it('delivers every event of a batch to its listeners', () => {
    const { backend, sockets } = setup();
    const seen: unknown[] = [];
    backend.on('import.progress', (p) => seen.push(p.phase));
    sockets[0].open();
    sockets[0].receive({
      type: 'events',
      events: [
        { name: 'import.progress', payload: { phase: 'parsing', fraction: 0.2, fileName: 'a.json' } },
        { name: 'jobs.changed', payload: { jobs: [] } },
        { name: 'import.progress', payload: { phase: 'writing', fraction: 0.9, fileName: 'a.json' } },
      ],
    });
    expect(seen).toEqual(['parsing', 'writing']);
  });

  it('answers pending requests with "disconnected" when the socket closes', async () => {
    const { backend, sockets } = setup();
    sockets[0].open();
    const answer = backend.invoke('inventory.get', {});
    sockets[0].close();
    const result = await answer;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('disconnected');
  });

  it('reconnects with growing delays and resets them once connected', () => {
    const { backend, sockets, timers } = setup();
    const states: string[] = [];
    backend.onConnectionChange((s) => states.push(s));
    sockets[0].close();
    timers[0].fn();
    sockets[1].close();
    timers[1].fn();
    expect(timers.map((t) => t.ms)).toEqual([250, 500]);
    sockets[2].open();
    sockets[2].close();
    expect(timers[2].ms).toBe(250);
    expect(states).toEqual(['reconnecting', 'open', 'reconnecting']);
  });

  it('ignores frames that are not JSON and keeps working', async () => {
    const { backend, sockets } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    sockets[0].open();
    sockets[0].onmessage?.({ data: 'not json' });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    const answer = backend.invoke('app.info', {});
    sockets[0].receive({ type: 'response', id: 1, result: { ok: true, value: 'fine' } });
    await expect(answer).resolves.toEqual({ ok: true, value: 'fine' });
  });

  it('stops delivering to a listener after it unsubscribes', () => {
    const { backend, sockets } = setup();
    const seen: unknown[] = [];
    const off = backend.on('jobs.changed', (p) => seen.push(p));
    off();
    sockets[0].open();
    sockets[0].receive({ type: 'events', events: [{ name: 'jobs.changed', payload: { jobs: [] } }] });
    expect(seen).toEqual([]);
  });
});
