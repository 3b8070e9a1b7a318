import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ResponseFrame } from '../../shared/contract/backend.js';
import { createAppServices, createHandlers, type AppServices } from '../services/app-services.js';
import { startHeadlessHost, type HeadlessHost } from './headless-host.js';

let dir: string;
let services: AppServices;
let host: HeadlessHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Ferry</title>');
  services = await createAppServices({ databasePath: join(dir, 'ferry.db') });
  host = await startHeadlessHost({
    handlers: createHandlers(services, { transport: 'websocket', systemLocale: 'it-IT' }),
    hub: services.hub,
    staticDir: dir,
  });
});

afterAll(async () => {
  await host.close();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket and answers how the upgrade ended: 'open' or the HTTP status of the refusal. */
function connect(options: { token?: string; origin?: string; cookie?: string }): Promise<{ outcome: string; ws: WebSocket }> {
  const url = `ws://127.0.0.1:${host.port}/ws${options.token ? `?token=${options.token}` : ''}`;
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  const ws = new WebSocket(url, { headers, origin: options.origin });
  return new Promise((resolve) => {
    ws.on('open', () => resolve({ outcome: 'open', ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ outcome: String(res.statusCode), ws }));
    ws.on('error', () => resolve({ outcome: 'error', ws }));
  });
}

function call(ws: WebSocket, channel: string, args: unknown): Promise<ResponseFrame> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ResponseFrame;
      if (frame.type === 'response' && frame.id === id) resolve(frame);
    });
    ws.send(JSON.stringify({ type: 'request', id, channel, args }));
  });
}

describe('the headless host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('refuses a page request with no token', async () => {
    const res = await get('/');
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/token/);
  });

  it('refuses a page request with a wrong token', async () => {
    expect((await get('/?token=not-the-token')).status).toBe(401);
    expect((await get('/', { Cookie: 'ferry_token=not-the-token' })).status).toBe(401);
  });

  it('trades the token in the URL for a strict HttpOnly cookie', async () => {
    const res = await get(`/?token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/ferry_token=.+; HttpOnly; SameSite=Strict/);
  });

  it('serves the console with a strict Content-Security-Policy once the cookie is set', async () => {
    const res = await get('/', { Cookie: `ferry_token=${host.token}` });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const res = await get('/', { Cookie: `ferry_token=${host.token}`, Host: `evil.example:${host.port}` });
    expect(res.status).toBe(421);
  });

  it('does not serve files outside the console folder', async () => {
    const res = await get('/..%2Fferry.db', { Cookie: `ferry_token=${host.token}` });
    expect(res.status).toBe(404);
  });

  it('refuses a WebSocket with no token', async () => {
    const { outcome } = await connect({ origin: host.origin });
    expect(outcome).toBe('401');
  });

  it('refuses a WebSocket with a wrong token', async () => {
    const { outcome } = await connect({ origin: host.origin, token: 'wrong' });
    expect(outcome).toBe('401');
  });

  it('refuses a WebSocket from a foreign Origin even with the token', async () => {
    const { outcome } = await connect({ origin: 'http://evil.example', cookie: `ferry_token=${host.token}` });
    expect(outcome).toBe('403');
  });

  it('answers contract requests on an authorised WebSocket', async () => {
    const { outcome, ws } = await connect({ origin: host.origin, cookie: `ferry_token=${host.token}` });
    expect(outcome).toBe('open');
    const info = await call(ws, 'app.info', {});
    expect(info.result).toMatchObject({ ok: true, value: { transport: 'websocket', systemLocale: 'it-IT' } });
    ws.close();
  });

  it('answers a malformed request with a bad-request error, not a crash', async () => {
    const { ws } = await connect({ origin: host.origin, token: host.token });
    const bad = await call(ws, 'settings.set', { theme: 'purple' });
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const unknown = await call(ws, 'vm.delete', {});
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    ws.close();
  });
});
