import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ResponseFrame } from '../../shared/contract/backend.js';
import { createAppServices, createHandlers, type AppServices } from '../services/app-services.js';
import { MAX_FRAME_BYTES, startHeadlessHost, type HeadlessHost } from './headless-host.js';

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

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

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

/** Sends bytes on a fresh TCP connection and answers everything the host sent back until it closed. */
function rawExchange(bytes: Buffer | string, afterHandshake?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port: host.port });
    const chunks: Buffer[] = [];
    let upgraded = false;
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (afterHandshake && !upgraded && Buffer.concat(chunks).includes('\r\n\r\n')) {
        upgraded = true;
        socket.write(afterHandshake);
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks)) : reject(e)));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    // An HTTP answer leaves the connection open for the next request: ask it to close after one.
    socket.setTimeout(20_000, () => socket.destroy(new Error('the host did not answer')));
  });
}

/** The status code of a raw HTTP answer. */
const statusOf = (answer: Buffer): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer.toString('latin1'))?.[1] ?? 0);

/** A raw GET of an exact request target, with the connection closed after the answer. */
const rawGet = async (target: string, extra = ''): Promise<number> =>
  statusOf(await rawExchange(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n${extra}\r\n`));

/** A client WebSocket frame built by hand (masked unless told otherwise). */
function wsFrame(opcode: number, payload: Buffer, options: { mask?: boolean; claimedLength?: number } = {}): Buffer {
  const mask = options.mask ?? true;
  const length = options.claimedLength ?? payload.length;
  const head: number[] = [0x80 | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([Buffer.from(head), key, body]);
}

/** Upgrades a raw connection to a WebSocket, sends `frame`, and answers the code of the host's close frame. */
async function closeCodeAfter(frame: Buffer): Promise<number> {
  const handshake = [
    'GET /ws HTTP/1.1',
    `Host: 127.0.0.1:${host.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    `Authorization: Bearer ${host.token}`,
    '',
    '',
  ].join('\r\n');
  const answer = await rawExchange(handshake, frame);
  const split = answer.indexOf('\r\n\r\n');
  expect(answer.subarray(0, split).toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
  let at = split + 4;
  while (at < answer.length) {
    const opcode = answer[at] & 0x0f;
    let length = answer[at + 1] & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = answer.readUInt16BE(at + 2);
      start += 2;
    }
    if (opcode === 0x8) return answer.readUInt16BE(start);
    at = start + length;
  }
  return 0;
}

// What escaped the host as an exception: in `ferry serve` each of these would end the process.
const escaped: unknown[] = [];
const noteEscape = (e: unknown): void => void escaped.push(e);
beforeAll(() => void process.on('uncaughtException', noteEscape));
afterAll(() => void process.off('uncaughtException', noteEscape));

/** Whether the host still answers a good request on a new connection, and nothing escaped it. */
async function stillServes(): Promise<void> {
  expect(escaped).toEqual([]);
  const { outcome, ws } = await connect({ origin: host.origin, token: host.token });
  expect(outcome).toBe('open');
  const info = await call(ws, 'app.info', {});
  expect(info.result).toMatchObject({ ok: true, value: { transport: 'websocket' } });
  ws.close();
  expect((await get('/', { Cookie: `ferry_token=${host.token}` })).status).toBe(200);
}

/** Sends one raw text frame on an authorised WebSocket and answers the host's reply, as text. */
function sendRaw(text: string): Promise<string> {
  return connect({ origin: host.origin, token: host.token }).then(
    ({ ws }) =>
      new Promise((resolve) => {
        ws.once('message', (data) => {
          resolve(data.toString());
          ws.close();
        });
        ws.send(text);
      }),
  );
}

describe('the headless host, given requests no browser would make, answers and keeps serving', () => {
  it.each([
    ['//', 401],
    ['///', 401],
    ['http://', 400],
    ['http://[::1', 400],
    ['*', 400],
  ])('GET %s with no token is refused (%i), and the host still serves', async (target, status) => {
    expect(await rawGet(target)).toBe(status);
    await stillServes();
  });

  it('GET // from a page with the cookie is a 404, not a crash', async () => {
    expect(await rawGet('//', `Cookie: ferry_token=${host.token}\r\n`)).toBe(404);
    await stillServes();
  });

  it.each(['/%', '/%zz', '/%E0%A4%A'])('a bad percent-escape %s is refused with 400', async (target) => {
    expect(await rawGet(target, `Cookie: ferry_token=${host.token}\r\n`)).toBe(400);
    await stillServes();
  });

  it('a WebSocket upgrade to a target that is not a path is refused with 400', async () => {
    const answer = await rawExchange(
      `GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(400);
    await stillServes();
  });

  it('a WebSocket handshake with a version ws does not speak is refused with 400', async () => {
    const answer = await rawExchange(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 99\r\nAuthorization: Bearer ${host.token}\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(400);
    await stillServes();
  });

  it('does not redirect a tokened //other.example/ path to another site', async () => {
    const res = await get(`//other.example/?token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/other.example/');
  });

  it('closes a connection that sends an unmasked frame with 1002 (protocol error)', async () => {
    expect(await closeCodeAfter(wsFrame(0x1, Buffer.from('{}'), { mask: false }))).toBe(1002);
    await stillServes();
  });

  it('closes a connection that sends a reserved opcode with 1002', async () => {
    expect(await closeCodeAfter(wsFrame(0x3, Buffer.from('x')))).toBe(1002);
    await stillServes();
  });

  it('closes a connection that sends invalid UTF-8 in a text frame with 1007', async () => {
    expect(await closeCodeAfter(wsFrame(0x1, Buffer.from([0x7b, 0xc3, 0x28, 0x7d])))).toBe(1007);
    await stillServes();
  });

  it('closes a connection whose frame header claims 1 GiB with 1009 (too big), before reading it', async () => {
    expect(await closeCodeAfter(wsFrame(0x2, Buffer.alloc(0), { claimedLength: 1024 ** 3 }))).toBe(1009);
    expect(await closeCodeAfter(wsFrame(0x2, Buffer.alloc(0), { claimedLength: MAX_FRAME_BYTES + 1 }))).toBe(1009);
    await stillServes();
  });

  it('sizes frames to the largest real estate: 128 MiB, over 4x a 45,000-VM import (29.8 MB)', () => {
    expect(MAX_FRAME_BYTES).toBe(128 * 1024 * 1024);
  });

  it('answers a channel nested 10,000 arrays deep with unknown-channel, not a stack overflow', async () => {
    const channel = '['.repeat(10_000) + ']'.repeat(10_000);
    const reply = JSON.parse(await sendRaw(`{"type":"request","id":7,"channel":${channel},"args":{}}`)) as ResponseFrame;
    expect(reply).toMatchObject({ id: 7, result: { ok: false, error: { code: 'unknown-channel', message: 'Unknown request channel an array.' } } });
    await stillServes();
  });

  it('answers arguments nested 10,000 levels deep with bad-request', async () => {
    const args = '{"theme":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const reply = JSON.parse(await sendRaw(`{"type":"request","id":8,"channel":"settings.set","args":${args}}`)) as ResponseFrame;
    expect(reply).toMatchObject({ id: 8, result: { ok: false, error: { code: 'bad-request' } } });
    expect(reply.result.ok ? '' : reply.result.error.message).toMatch(/nest deeper than 32 levels/);
    await stillServes();
  });

  it('answers an id of 1e999 (Infinity) with a JSON response whose id is null', async () => {
    const text = await sendRaw('{"type":"request","id":1e999,"channel":"app.info","args":{}}');
    expect(JSON.parse(text)).toEqual({
      type: 'response',
      id: null,
      result: { ok: false, error: { code: 'bad-request', message: 'A request frame needs an "id" that is a finite number.' } },
    });
    await stillServes();
  });

  it('does not echo an 8 MB channel name: the error repeats a short prefix and the length', async () => {
    const channel = 'x'.repeat(8 * 1024 * 1024);
    const text = await sendRaw(JSON.stringify({ type: 'request', id: 9, channel, args: {} }));
    expect(text.length).toBeLessThan(300);
    const reply = JSON.parse(text) as ResponseFrame;
    expect(reply.result).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: `Unknown request channel "${'x'.repeat(60)}"… (8388608 characters).` },
    });
    await stillServes();
  });
});
