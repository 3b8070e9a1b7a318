import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/infra/db/open.js';
import { ferryKillAll, ferryRun } from '../fixtures/ferry-process.js';

// `ferry serve` on a database Ferry must not open: the process ends with one line saying which file
// and why (exit code 2), no stack trace, and the file is byte for byte as it was.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-refused-'));
});
afterEach(async () => {
  await ferryKillAll();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `ferry serve` on `path` and checks it refused: answers the line it printed. */
async function serveRefused(path: string): Promise<string> {
  const before = readFileSync(path);
  const r = await ferryRun(['serve', '--db', path, '--port', '0']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(path).equals(before)).toBe(true);
  return r.stderr.trimEnd();
}

describe("the headless host on a database that is not Ferry's", () => {
  it("ends with one line naming another application's file", async () => {
    const path = join(dir, 'crm.db');
    const other = new Database(path);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    expect(await serveRefused(path)).toBe(
      `ferry serve: Ferry will not open ${path}: it holds tables that are not Ferry's (customers), so it is another application's database. Nothing was written to it; choose another file with --db (or FERRY_DB).`,
    );
  }, 120_000);

  it('ends with one line naming a Ferry database that fails its integrity check', async () => {
    const path = join(dir, 'damaged.db');
    const db = openDatabase(path);
    db.exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO settings (key, value) SELECT 'k' || i, printf('%.500c', 'x') FROM n",
    );
    db.pragma('journal_mode = DELETE');
    db.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0xff), 0, 100, 4096 * 3);
    closeSync(fd);
    expect(await serveRefused(path)).toMatch(
      new RegExp(`^ferry serve: Ferry will not open ${path.replace(/[.]/g, '\\.')}: it fails SQLite's integrity check \\(.+\\); restore it from a backup\\.`),
    );
  }, 120_000);
});
