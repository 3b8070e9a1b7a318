import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHeadless } from './serve.js';

// `ferry serve` stops cleanly on SIGINT or SIGTERM, including one that comes while it is still starting: its
// runner already runs queued moves then, and a signal with no handler would kill it in the middle of a write
// (seen in test/integration/crash.test.ts, where a restarted runner ran a queued move before its host was up).

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Ferry</title>');
  process.env.FERRY_RENDERER_DIR = dir;
});
afterEach(() => {
  delete process.env.FERRY_RENDERER_DIR;
  rmSync(dir, { recursive: true, force: true });
});

/** The runners registered in the database: a clean stop leaves none. */
function runners(databasePath: string): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM runners').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('ferry serve and signals', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`a ${signal} that comes while the backend starts stops it cleanly once it is up`, async () => {
      const databasePath = join(dir, 'ferry.db');
      const out: string[] = [];
      const served = runHeadless({ databasePath, port: 0, io: { out: (t) => out.push(t), err: (t) => out.push(t) } });
      // The backend has not opened its database yet: the signal comes during start-up.
      expect(out).toEqual([]);
      process.emit(signal);
      const host = await served;
      expect(out[0]).toMatch(/^Ferry console: http:\/\/127\.0\.0\.1:\d+\//);
      expect(runners(databasePath)).toBe(0);
      expect(process.listenerCount(signal)).toBe(0);
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1/);
    });
  }

  it('a signal after start-up stops it too, and leaves no handler behind', async () => {
    const databasePath = join(dir, 'ferry.db');
    const out: string[] = [];
    const before = process.listenerCount('uncaughtException');
    const served = runHeadless({ databasePath, port: 0, io: { out: (t) => out.push(t), err: (t) => out.push(t) } });
    while (out.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(runners(databasePath)).toBe(1);
    process.emit('SIGTERM');
    await served;
    expect(runners(databasePath)).toBe(0);
    expect(process.listenerCount('SIGTERM')).toBe(0);
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });
});
