import { appendFileSync, closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How bad a logged event is. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Where the main process writes what happened, for an admin (Help > Log) or support to read later. */
export interface Logger {
  readonly path: string | null;
  log(level: LogLevel, message: string, error?: unknown): void;
  /** The last lines written, oldest first. */
  tail(maxLines?: number): string[];
}

/** A log that writes nothing (`:memory:` databases, tests that don't look). */
export const noLog: Logger = { path: null, log: () => undefined, tail: () => [] };

/** The log file of a database: `ferry.db` logs to `ferry.log` beside it. */
export function logPathFor(databasePath: string): string {
  return join(dirname(databasePath), `${basename(databasePath).replace(/\.[^.]*$/, '')}.log`);
}

/** Options of a file log. */
export interface FileLogOptions {
  /** The size at which the file is rotated (default 5 MiB). */
  maxBytes?: number;
  /** How many rotated files are kept: `ferry.log.1` (newest) to `ferry.log.N` (default 3). */
  keep?: number;
}

/** One line of text for a value that may hold a newline (names are data): newlines shown as `\n`. */
const oneLine = (text: string): string => text.replace(/\r?\n/g, '\\n');

/**
 * A rotating text log: one line per event (time, level, process id, message), and for an error its
 * stack on the lines after it, indented. Each write is one synchronous append, so a crash loses at
 * most the event being written, and several processes sharing a database can share its log. When
 * the file passes `maxBytes` it is renamed to `.1` (the older ones shift up, the oldest is dropped).
 * A log that can't be written (a read-only folder) never stops Ferry: the event is dropped.
 */
export class FileLog implements Logger {
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number;

  constructor(
    readonly path: string,
    options: FileLogOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 3;
    this.size = existsSync(path) ? statSync(path).size : 0;
  }

  log(level: LogLevel, message: string, error?: unknown): void {
    const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : error === undefined ? null : String(error);
    const text = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${process.pid}] ${oneLine(message)}\n${
      stack
        ? `${stack
            .split('\n')
            .map((l) => `    ${l}`)
            .join('\n')}\n`
        : ''
    }`;
    try {
      this.rotateIfFull();
      appendFileSync(this.path, text, 'utf8');
      this.size += Buffer.byteLength(text);
    } catch {
      // The log is for reading later; an unwritable one must not stop a migration.
    }
  }

  /** The last `maxLines` lines of the current file (Help > Log), reading at most its last 256 KiB. */
  tail(maxLines = 200): string[] {
    if (!existsSync(this.path)) return [];
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, 256 * 1024);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n');
      if (length < size) lines.shift(); // a partial first line
      if (lines.at(-1) === '') lines.pop();
      return lines.slice(-maxLines);
    } finally {
      closeSync(fd);
    }
  }

  private rotateIfFull(): void {
    // Another process may have written: the file's own size decides.
    if (this.size < this.maxBytes) return;
    this.size = existsSync(this.path) ? statSync(this.path).size : 0;
    if (this.size < this.maxBytes) return;
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) if (existsSync(`${this.path}.${n}`)) renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`);
    renameSync(this.path, `${this.path}.1`);
    this.size = 0;
  }
}
