import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkDatabaseFile, FERRY_APPLICATION_ID } from './database-check.js';
import { migrate } from './migrations.js';
import { sqliteOptions } from './sqlite-binding.js';

/** An open Ferry database connection. */
export type Db = Database.Database;

/**
 * Opens (creating if needed) a Ferry database with the house pragmas, and brings its schema up to
 * date. A file that is not Ferry's, or that fails its integrity check, is refused before anything is
 * written to it (DatabaseRefusedError); an older Ferry database without the application id gets it.
 * `:memory:` gives a private in-memory database for tests.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    checkDatabaseFile(path);
  }
  const db = new Database(path, sqliteOptions());
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // The CLI and a running app may share one file: wait for the other's short write instead of failing.
  db.pragma('busy_timeout = 5000');
  if (db.pragma('application_id', { simple: true }) !== FERRY_APPLICATION_ID) db.pragma(`application_id = ${FERRY_APPLICATION_ID}`);
  migrate(db);
  return db;
}
