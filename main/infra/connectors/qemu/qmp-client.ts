/**
 * A client for QEMU's machine protocol (QMP) over a Unix socket.
 *
 * QMP speaks newline-delimited JSON: the server greets with `{"QMP": {...}}`, the client must send
 * `qmp_capabilities` before anything else, then each `{"execute", "arguments", "id"}` gets exactly one
 * `{"return"|"error", "id"}` reply. Asynchronous `{"event", "data", "timestamp"}` messages may arrive at any
 * time, interleaved with replies. This client adds an `id` to every command and matches replies by it, so
 * several commands may be in flight at once. Once the socket closes or fails, every pending command rejects
 * at once and every later call rejects immediately: a caller never waits on a dead QEMU.
 */
import net from 'node:net';

/** QEMU's version as its QMP greeting reports it (`QMP.version.qemu`). */
export interface QmpVersion {
  major: number;
  minor: number;
  micro: number;
}

/** An asynchronous QMP event, e.g. `STOP`, `RESUME`, `MIGRATION`, `JOB_STATUS_CHANGE`. */
export interface QmpEvent<D = Record<string, unknown>> {
  event: string;
  data?: D;
  /** When QEMU emitted it (host wall clock). */
  timestamp: { seconds: number; microseconds: number };
}

/** Milliseconds since the epoch of an event's timestamp (to measure e.g. downtime from STOP to RESUME). */
export function eventTimeMs(ev: QmpEvent): number {
  return ev.timestamp.seconds * 1000 + ev.timestamp.microseconds / 1000;
}

/** QEMU refused a command: `qmpClass` is QEMU's error class (e.g. `CommandNotFound`, `GenericError`). */
export class QmpCommandError extends Error {
  constructor(
    readonly command: string,
    readonly qmpClass: string,
    readonly desc: string,
  ) {
    super(`QMP ${command} failed: ${qmpClass}: ${desc}`);
    this.name = 'QmpCommandError';
  }
}

/** The connection is gone (QEMU exited, was killed, or `close()` was called). */
export class QmpClosedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QmpClosedError';
  }
}

/** How `QmpClient.connect` waits for QEMU. */
export interface QmpConnectOptions {
  /** How long to keep trying (the socket may not exist yet just after spawning QEMU). Default 10 s. */
  timeoutMs?: number;
  /** Pause between attempts. Default 50 ms. */
  retryMs?: number;
}

type EventHandler = (ev: QmpEvent) => void;
interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/** One QMP session. Create with `QmpClient.connect(path)`. */
export class QmpClient {
  /** QEMU's version from the greeting. */
  readonly version: QmpVersion;
  /** The distribution's package string from the greeting (e.g. `Debian 1:10.0.2+ds-2…`), or ''. */
  readonly packageName: string;

  readonly #path: string;
  readonly #sock: net.Socket;
  readonly #pending = new Map<number, Pending>();
  readonly #handlers = new Map<string, Set<EventHandler>>();
  readonly #closeHandlers = new Set<(err: QmpClosedError) => void>();
  #nextId = 1;
  #closed: QmpClosedError | null = null;

  private constructor(path: string, sock: net.Socket, greeting: Greeting, leftover: string) {
    this.#path = path;
    this.#sock = sock;
    this.version = greeting.QMP.version.qemu;
    this.packageName = greeting.QMP.version.package ?? '';
    let buf = leftover;
    sock.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) this.#dispatch(line);
      }
    });
    sock.on('error', (err) => this.#shutdown(err));
    sock.on('close', () => this.#shutdown());
    sock.resume();
  }

  /**
   * Connects to the QMP socket at `path`, reads the greeting and negotiates capabilities. Retries while the
   * socket does not exist or refuses connections, until `timeoutMs`.
   */
  static async connect(path: string, opts: QmpConnectOptions = {}): Promise<QmpClient> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    for (;;) {
      try {
        const { sock, greeting, leftover } = await openAndGreet(path, deadline);
        const client = new QmpClient(path, sock, greeting, leftover);
        await client.execute('qmp_capabilities');
        return client;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const retriable = code === 'ENOENT' || code === 'ECONNREFUSED';
        if (!retriable || Date.now() >= deadline) {
          throw new QmpClosedError(`Could not connect to QMP at ${path}: ${(err as Error).message}`, { cause: err });
        }
        await new Promise((r) => setTimeout(r, opts.retryMs ?? 50));
      }
    }
  }

  /** True once the socket has closed or failed. */
  get closed(): boolean {
    return this.#closed !== null;
  }

  /** Runs a QMP command; resolves with its `return` value, rejects with `QmpCommandError` or `QmpClosedError`. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.#closed) {
      return Promise.reject(new QmpClosedError(`QMP connection to ${this.#path} is closed; cannot run ${command}`, { cause: this.#closed }));
    }
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject });
      const msg = args ? { execute: command, arguments: args, id } : { execute: command, id };
      this.#sock.write(JSON.stringify(msg) + '\n');
    });
  }

  /** Calls `handler` for each event named `event` (`'*'` for all). Returns a function that unsubscribes. */
  on(event: string, handler: EventHandler): () => void {
    let set = this.#handlers.get(event);
    if (!set) this.#handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Calls `handler` once when the connection closes, with the reason. Returns a function that unsubscribes. */
  onClose(handler: (err: QmpClosedError) => void): () => void {
    if (this.#closed) {
      const err = this.#closed;
      queueMicrotask(() => handler(err));
      return () => {};
    }
    this.#closeHandlers.add(handler);
    return () => this.#closeHandlers.delete(handler);
  }

  /**
   * Resolves with the next event named `name` that satisfies `predicate`. Subscribe before running the
   * command that causes it. Rejects after `timeoutMs`, or at once if the connection closes.
   */
  waitForEvent<D = Record<string, unknown>>(name: string, predicate: (ev: QmpEvent<D>) => boolean = () => true, timeoutMs = 10_000): Promise<QmpEvent<D>> {
    return new Promise((resolve, reject) => {
      const finish = (fn: () => void) => {
        clearTimeout(timer);
        off();
        offClose();
        fn();
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for QMP event ${name} from ${this.#path}`))),
        timeoutMs,
      );
      const off = this.on(name, (ev) => {
        if (predicate(ev as QmpEvent<D>)) finish(() => resolve(ev as QmpEvent<D>));
      });
      const offClose = this.onClose((err) =>
        finish(() => reject(new QmpClosedError(`QMP connection to ${this.#path} closed while waiting for event ${name}`, { cause: err }))),
      );
    });
  }

  /** Closes the connection; pending commands reject. Resolves once the socket is closed. */
  close(): Promise<void> {
    if (this.#sock.destroyed) {
      this.#shutdown();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#sock.once('close', () => resolve());
      this.#sock.destroy();
    });
  }

  #dispatch(line: string): void {
    let msg: Reply;
    try {
      msg = JSON.parse(line) as Reply;
    } catch {
      this.#sock.destroy(new Error(`QMP sent a line that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (typeof msg.event === 'string') {
      const ev = msg as QmpEvent;
      for (const key of [ev.event, '*']) {
        for (const h of [...(this.#handlers.get(key) ?? [])]) {
          try {
            h(ev);
          } catch (err) {
            // A subscriber's bug must not break parsing; surface it as an uncaught error instead of hiding it.
            queueMicrotask(() => {
              throw err;
            });
          }
        }
      }
      return;
    }
    // Replies without our id (QEMU's answer to input it could not parse) cannot be matched; we never send such input.
    const p = typeof msg.id === 'number' ? this.#pending.get(msg.id) : undefined;
    if (!p) return;
    this.#pending.delete(msg.id as number);
    if (msg.error) p.reject(new QmpCommandError(p.command, msg.error.class, msg.error.desc));
    else p.resolve(msg.return);
  }

  #shutdown(cause?: Error): void {
    if (this.#closed) return;
    this.#closed = new QmpClosedError(`QMP connection to ${this.#path} closed${cause ? `: ${cause.message}` : ''}`, { cause });
    for (const p of this.#pending.values()) {
      p.reject(new QmpClosedError(`QMP connection to ${this.#path} closed while waiting for ${p.command}`, { cause: this.#closed }));
    }
    this.#pending.clear();
    for (const h of [...this.#closeHandlers]) h(this.#closed);
    this.#closeHandlers.clear();
    this.#sock.destroy();
  }
}

interface Greeting {
  QMP: { version: { qemu: QmpVersion; package?: string }; capabilities: string[] };
}
interface Reply {
  id?: unknown;
  event?: unknown;
  return?: unknown;
  error?: { class: string; desc: string };
}

/** Opens the socket and reads up to the greeting line; returns any bytes after it. */
function openAndGreet(path: string, deadline: number): Promise<{ sock: net.Socket; greeting: Greeting; leftover: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.createConnection(path);
    let buf = '';
    const fail = (err: Error) => {
      clearTimeout(timer);
      sock.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error('no QMP greeting in time')), Math.max(0, deadline - Date.now()));
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      sock.pause(); // hold later bytes until the client attaches its own reader
      sock.off('data', onData).off('error', fail).off('close', onClose);
      try {
        const greeting = JSON.parse(buf.slice(0, nl)) as Greeting;
        if (!greeting.QMP?.version?.qemu) throw new Error(`not a QMP greeting: ${buf.slice(0, nl).slice(0, 200)}`);
        resolve({ sock, greeting, leftover: buf.slice(nl + 1) });
      } catch (err) {
        fail(err as Error);
      }
    };
    const onClose = () => fail(new Error('socket closed before the QMP greeting'));
    sock.on('data', onData).on('error', fail).on('close', onClose);
  });
}
