import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import type { WebSocket } from 'ws';
import type { EventFrame, RequestFrame, ResponseFrame } from '../../shared/contract/backend.js';
import { describeUntrusted } from '../../shared/contract/validate.js';
import { err, type Result } from '../../shared/model/result.js';
import { dispatch, type Handlers } from '../services/app-services.js';
import type { EventHub } from '../services/event-hub.js';

/**
 * Largest WebSocket frame (bytes). The biggest frame is an import: the largest real estate (2,500 hosts,
 * 45,000 VMs, a 26.0 MB file) is a 29.8 MB frame once its text is escaped as a JSON string; 128 MiB
 * carries a file at the 100 MiB import limit (MAX_IMPORT_CHARS) escaped the same way, over 4x that estate.
 * A longer frame closes its connection with 1009 before any of it is read into memory.
 */
export const MAX_FRAME_BYTES = 128 * 1024 * 1024;

/** The cookie that carries the per-run token after the first, tokened page load. */
export const TOKEN_COOKIE = 'ferry_token';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

// Services answer the same object until it changes (the inventory snapshot, cached per revision),
// so its JSON, 14 MB for 25,000 VMs, is written once and reused for every window that asks.
const serialized = new WeakMap<object, string>();

/** The text of a response frame, reusing the JSON of a value already sent. */
function responseText(id: number, result: Result<unknown>): string {
  if (!result.ok || result.value === null || typeof result.value !== 'object') {
    const reply: ResponseFrame = { type: 'response', id, result };
    return JSON.stringify(reply);
  }
  let value = serialized.get(result.value);
  if (value === undefined) {
    value = JSON.stringify(result.value);
    serialized.set(result.value, value);
  }
  return `{"type":"response","id":${id},"result":{"ok":true,"value":${value}}}`;
}

/** Options for `startHeadlessHost`. */
export interface HeadlessHostOptions {
  handlers: Handlers;
  hub: EventHub;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  /** Where the host notes a request it refused for being broken (stderr for `ferry serve`). */
  log?: (text: string) => void;
}

/** A running headless host. */
export interface HeadlessHost {
  /** The URL to open: it carries the token once, then a cookie does. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The Content-Security-Policy of the console's page, the same as in Electron. */
export function contentSecurityPolicy(wsOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${wsOrigin}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return null;
}

/**
 * The request target as a URL on this host, or null when it is not a path (`http://...`, `*`, garbage).
 * Built from the path alone, so `//` is the path "//", not a URL with an empty host.
 */
function requestUrl(target: string | undefined): URL | null {
  if (target === undefined || !target.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}

/**
 * Serves the console to a browser on 127.0.0.1 only: the built renderer over HTTP and the contract
 * over a WebSocket at /ws. Every request needs the per-run token (in the URL once, then a strict
 * cookie, or an `Authorization: Bearer` header); the Host header must name this listener (against
 * DNS rebinding), and a WebSocket's Origin must be this host's own.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const csp = contentSecurityPolicy(`ws://127.0.0.1:${port} ws://localhost:${port}`);

  const authorised = (req: IncomingMessage, url: URL): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return sameToken(cookieToken(req), token) || sameToken(bearer, token) || sameToken(url.searchParams.get('token'), token);
  };

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    if (!hosts.has(req.headers.host ?? '')) return deny(res, 421, 'Misdirected request: this host only answers to 127.0.0.1.');
    const url = requestUrl(req.url);
    if (url === null) return deny(res, 400, 'Bad request: the address is not a path on this host.');
    if (!authorised(req, url)) return deny(res, 401, 'Ferry needs the token printed when it started: open the URL it printed.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Only GET is served here; requests go over the WebSocket.');
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      res.writeHead(303, {
        // One leading slash: `//other.example/` would send the browser to another site.
        Location: url.pathname.replace(/^\/+/, '/'),
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    let rel: string;
    try {
      rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    } catch {
      return deny(res, 400, 'Bad request: the path has a malformed percent-escape.');
    }
    const file = normalize(join(options.staticDir, rel));
    if (!file.startsWith(normalize(options.staticDir) + sep)) return deny(res, 404, 'Not found.');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (rel === 'index.html') return deny(res, 503, 'The console is not built yet: run "npm run build", then reload.');
      return deny(res, 404, 'Not found.');
    }
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (extname(file) === '.html') {
      headers['Content-Security-Policy'] = csp;
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };
  server.on('request', (req, res) => {
    // Whatever a request holds, it gets an answer and the host keeps serving.
    try {
      serve(req, res);
    } catch (e) {
      options.log?.(`Ferry could not answer ${req.method ?? '?'} ${describeUntrusted(req.url ?? '')}: ${(e as Error).message}`);
      if (!res.headersSent) deny(res, 500, 'Ferry could not answer this request.');
      else res.destroy();
    }
  });

  // Loaded here, not at the top: `ferry import` and the other one-shot commands never load the WebSocket server.
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = requestUrl(req.url);
    if (url === null) return refuse('400 Bad Request');
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (!hosts.has(req.headers.host ?? '')) return refuse('421 Misdirected Request');
    const origin = req.headers.origin;
    // Browsers always send Origin on a WebSocket; a foreign page must not drive Ferry. Non-browser
    // clients (the CLI, tests) may omit it but still need the token.
    if (origin !== undefined && !origins.has(origin)) return refuse('403 Forbidden');
    if (!authorised(req, url)) return refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that drops the connection mid-handshake must not end the process.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (e) {
      options.log?.(`Ferry could not answer a WebSocket upgrade: ${(e as Error).message}`);
      socket.destroy();
    }
  });

  const clients = new Set<WebSocket>();
  const unsubscribe = options.hub.subscribe((events) => {
    const frame: EventFrame = { type: 'events', events: events.map((e) => ({ name: e.name, payload: e.payload })) };
    const text = JSON.stringify(frame);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // A protocol error (an unmasked frame, a reserved opcode, invalid UTF-8, a frame over MAX_FRAME_BYTES):
    // ws closes that connection with the matching code (1002, 1007, 1009); the host serves on.
    ws.on('error', (e) => options.log?.(`Ferry closed a WebSocket: ${e.message}`));
    ws.on('message', (data: Buffer) => {
      answer(ws, data).catch((e: unknown) => {
        options.log?.(`Ferry could not answer a request: ${(e as Error).message}`);
        if (ws.readyState === ws.OPEN) ws.close(1011, 'internal error');
      });
    });
  });

  /** Answers one frame: a response for every request, whatever it holds. */
  const answer = async (ws: WebSocket, data: Buffer): Promise<void> => {
    let frame: Partial<RequestFrame> | null;
    try {
      frame = JSON.parse(data.toString()) as Partial<RequestFrame> | null;
    } catch {
      return ws.close(1003, 'frames must be JSON');
    }
    if (frame === null || typeof frame !== 'object' || frame.type !== 'request') return ws.close(1003, 'expected a request frame');
    const id = frame.id;
    // The id is repeated in the response, which must stay JSON: 1e999 parses to Infinity, which is not.
    if (typeof id !== 'number' || !Number.isFinite(id)) {
      const refused: Result<never> = err('bad-request', 'A request frame needs an "id" that is a finite number.');
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'response', id: null, result: refused }));
      return;
    }
    const result = await dispatch(options.handlers, frame.channel, frame.args);
    if (ws.readyState === ws.OPEN) ws.send(responseText(id, result));
  };

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
