import type { Backend, EventFrame, RequestFrame, ResponseFrame } from '../../shared/contract/backend.js';
import type { EventContract, EventName } from '../../shared/contract/events.js';
import type { InvokeArgs, InvokeChannel, InvokeResults } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/model/result.js';
import type { ConnectionAware, ConnectionState } from './connection.js';

/** The part of the DOM WebSocket this backend uses, so tests can pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

/** Options of the WebSocket backend; the defaults suit the browser. */
export interface WebSocketBackendOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  /** First reconnect delay; doubles on each failure up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;

type Listener = (payload: never) => void;

interface Pending {
  frame: RequestFrame;
  sent: boolean;
  resolve: (result: Result<unknown>) => void;
}

/** The URL of the headless host's WebSocket, next to the page that loaded us. */
export function defaultWebSocketUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws`;
}

/**
 * `Backend` over a WebSocket to the headless host. Requests wait for the socket to open; when it
 * closes, every pending request answers `disconnected` and the socket reconnects with backoff.
 */
export class WebSocketBackend implements Backend, ConnectionAware {
  private socket: WebSocketLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = 'connecting';
  private delayMs: number;
  private timer: unknown = null;
  private closedByUser = false;
  private readonly createSocket: (url: string) => WebSocketLike;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: WebSocketBackendOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.delayMs = options.initialDelayMs ?? 250;
    this.connect();
  }

  invoke<C extends InvokeChannel>(channel: C, args: InvokeArgs[C]): Promise<Result<InvokeResults[C]>> {
    return new Promise((resolve) => {
      const frame: RequestFrame = { type: 'request', id: this.nextId++, channel, args };
      const entry: Pending = { frame, sent: false, resolve: resolve as (r: Result<unknown>) => void };
      this.pending.set(frame.id, entry);
      if (this.socket?.readyState === OPEN) this.send(entry);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventContract[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Closes the socket for good (tests, window unload); pending requests answer `disconnected`. */
  dispose(): void {
    this.closedByUser = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.socket?.close();
    this.failPending();
  }

  private connect(): void {
    let socket: WebSocketLike;
    try {
      socket = this.createSocket(this.options.url);
    } catch (error) {
      console.error('ferry: cannot open the WebSocket', error);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.delayMs = this.options.initialDelayMs ?? 250;
      this.setState('open');
      for (const entry of this.pending.values()) if (!entry.sent) this.send(entry);
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      if (!this.closedByUser) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const max = this.options.maxDelayMs ?? 10_000;
    const delay = Math.min(this.delayMs, max);
    this.delayMs = Math.min(this.delayMs * 2, max);
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (!this.closedByUser) this.connect();
    }, delay);
  }

  private send(entry: Pending): void {
    try {
      this.socket?.send(JSON.stringify(entry.frame));
      entry.sent = true;
    } catch (error) {
      this.pending.delete(entry.frame.id);
      entry.resolve({ ok: false, error: { code: 'send-failed', message: `The request could not be sent: ${String(error)}` } });
    }
  }

  private failPending(): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      entry.resolve({
        ok: false,
        error: { code: 'disconnected', message: 'The connection to the Ferry host was lost before it answered.', detail: { channel: entry.frame.channel } },
      });
    }
  }

  private receive(data: unknown): void {
    let frame: ResponseFrame | EventFrame;
    try {
      frame = JSON.parse(String(data)) as ResponseFrame | EventFrame;
    } catch {
      console.warn('ferry: ignored a frame that is not JSON');
      return;
    }
    if (frame?.type === 'response') {
      const entry = this.pending.get(frame.id);
      if (!entry) return;
      this.pending.delete(frame.id);
      entry.resolve(frame.result);
    } else if (frame?.type === 'events' && Array.isArray(frame.events)) {
      for (const event of frame.events) this.dispatch(event.name, event.payload);
    }
  }

  private dispatch(name: EventName, payload: unknown): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (p: unknown) => void)(payload);
      } catch (error) {
        console.error(`ferry: a listener of ${name} failed`, error);
      }
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}
