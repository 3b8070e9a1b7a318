import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseRefusedError, FERRY_APPLICATION_ID } from './database-check.js';
import { MIGRATIONS } from './migrations.js';
import { openDatabase } from './open.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-dbcheck-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A SQLite file made by `setup`, in rollback-journal mode as most applications leave theirs. */
function sqliteFile(name: string, setup: (db: Database.Database) => void): string {
  const path = join(dir, name);
  const db = new Database(path);
  setup(db);
  db.close();
  return path;
}

/** A Ferry database holding some settings, checkpointed into one file. */
function ferryFile(name: string): string {
  const path = join(dir, name);
  const db = openDatabase(path);
  db.exec(
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO settings (key, value) SELECT 'k' || i, printf('%.500c', 'x') FROM n",
  );
  db.pragma('journal_mode = DELETE');
  db.close();
  return path;
}

/** Opens `path` expecting a refusal; answers its message after checking the file was not touched. */
function refused(path: string): string {
  const before = readFileSync(path);
  let error: unknown = null;
  try {
    openDatabase(path).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DatabaseRefusedError);
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(existsSync(`${path}-wal`)).toBe(false);
  const message = (error as Error).message;
  expect(message).toContain(`Ferry will not open ${path}: `);
  expect(message).not.toContain('\n');
  return message;
}

describe("Ferry's database mark", () => {
  it("a new database gets Ferry's application id", () => {
    const db = openDatabase(join(dir, 'new.db'));
    expect(db.pragma('application_id', { simple: true })).toBe(FERRY_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('an empty file is taken as a new database', () => {
    writeFileSync(join(dir, 'empty.db'), '');
    const db = openDatabase(join(dir, 'empty.db'));
    expect(db.pragma('application_id', { simple: true })).toBe(FERRY_APPLICATION_ID);
    db.close();
  });

  it("an older Ferry database (Ferry's tables, no id) is adopted: it gets the id and keeps its data", () => {
    const path = ferryFile('older.db');
    const old = new Database(path);
    old.pragma('application_id = 0');
    old.close();
    const db = openDatabase(path);
    expect(db.pragma('application_id', { simple: true })).toBe(FERRY_APPLICATION_ID);
    expect(db.prepare('SELECT COUNT(*) FROM settings').pluck().get()).toBe(200);
    db.close();
  });

  it("refuses another application's database (its own tables, no id), naming the file and its tables", () => {
    const path = sqliteFile('crm.db', (db) => {
      db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Contoso');");
      db.pragma('user_version = 3');
    });
    expect(refused(path)).toBe(
      `Ferry will not open ${path}: it holds tables that are not Ferry's (customers), so it is another application's database. Nothing was written to it; choose another file with --db (or FERRY_DB).`,
    );
  });

  it('refuses a database marked with another application id, even with no tables', () => {
    const path = sqliteFile('other.db', (db) => db.pragma('application_id = 1234'));
    expect(refused(path)).toMatch(/it belongs to another application \(its application_id is 0x000004d2, Ferry's is 0x46657279\)/);
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(200));
    expect(refused(path)).toMatch(/it is not a SQLite database/);
  });

  it('refuses a Ferry database that fails its integrity check, and writes nothing to it', () => {
    const path = ferryFile('damaged.db');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0xff), 0, 100, 4096 * 3);
    closeSync(fd);
    expect(refused(path)).toMatch(/it fails SQLite's integrity check \(.+\); restore it from a backup/);
  });

  it('refuses a Ferry database whose schema is newer than this Ferry', () => {
    const path = ferryFile('newer.db');
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(refused(path)).toMatch(new RegExp(`its schema is version ${MIGRATIONS.length + 1}, newer than this Ferry knows \\(${MIGRATIONS.length}\\)`));
  });
});
