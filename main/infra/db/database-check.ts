import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { MIGRATIONS } from './migrations.js';
import { sqliteOptions } from './sqlite-binding.js';

/** Marks a SQLite file as Ferry's (`PRAGMA application_id`): the bytes of "Fery". */
export const FERRY_APPLICATION_ID = 0x46657279;

/** Ferry will not open a database file: someone else's, damaged, or from a newer Ferry. Says which file and why. */
export class DatabaseRefusedError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Ferry will not open ${path}: ${reason}. Nothing was written to it; choose another file with --db (or FERRY_DB).`);
    this.name = 'DatabaseRefusedError';
  }
}

/** What a database file is to Ferry, once it passed the check. */
export type DatabaseKind = 'new' | 'ferry' | 'older-ferry';

/** Every table Ferry's migrations create (or rename to), read from the migrations themselves. */
function ferryTables(): Set<string> {
  const names = new Set<string>();
  for (const sql of MIGRATIONS) {
    for (const m of sql.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/gi)) names.add(m[1].toLowerCase());
    for (const m of sql.matchAll(/RENAME\s+TO\s+["`]?(\w+)/gi)) names.add(m[1].toLowerCase());
  }
  return names;
}

const hex = (id: number): string => `0x${(id >>> 0).toString(16).padStart(8, '0')}`;

/**
 * Checks a database file before Ferry writes a byte to it (read-only; `journal_mode = WAL` alone would
 * convert the file). Answers what it is: absent or empty (new), Ferry's, or an older Ferry's that
 * predates the application id (Ferry's tables and a schema version, no id). Throws DatabaseRefusedError
 * for another application's file, a file that is not SQLite, a schema newer than this Ferry, or a file
 * that fails SQLite's quick_check (about 60-200 ms on a 45,000-VM estate).
 */
export function checkDatabaseFile(path: string): DatabaseKind {
  if (!existsSync(path) || statSync(path).size === 0) return 'new';
  const refuse = (reason: string): never => {
    throw new DatabaseRefusedError(path, reason);
  };
  // Outside the try: a missing SQLite module for this runtime is not a fault of the file.
  const binding = sqliteOptions();
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...binding });
    db.pragma('busy_timeout = 5000');
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").pluck().all() as string[]).map(
      (t) => t.toLowerCase(),
    );
    let kind: DatabaseKind;
    if (applicationId === FERRY_APPLICATION_ID) kind = 'ferry';
    else if (applicationId !== 0)
      return refuse(`it belongs to another application (its application_id is ${hex(applicationId)}, Ferry's is ${hex(FERRY_APPLICATION_ID)})`);
    else if (tables.length === 0 && version === 0) kind = 'new';
    else {
      const known = ferryTables();
      const foreign = tables.filter((t) => !known.has(t));
      if (foreign.length > 0)
        return refuse(
          `it holds tables that are not Ferry's (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}), so it is another application's database`,
        );
      if (version === 0 || !tables.includes('jobs')) return refuse('it holds some tables but no Ferry schema version, so it is not a Ferry database');
      kind = 'older-ferry';
    }
    if (version > MIGRATIONS.length) return refuse(`its schema is version ${version}, newer than this Ferry knows (${MIGRATIONS.length}); use a newer Ferry`);
    const check = db.pragma('quick_check(1)', { simple: true }) as string;
    if (check !== 'ok') return refuse(`it fails SQLite's integrity check (${String(check).replace(/\s+/g, ' ').slice(0, 200)}); restore it from a backup`);
    return kind;
  } catch (e) {
    if (e instanceof DatabaseRefusedError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') return refuse('it is not a SQLite database');
    if (code.startsWith('SQLITE_CORRUPT')) return refuse(`it fails SQLite's integrity check (${(e as Error).message}); restore it from a backup`);
    throw e;
  } finally {
    db?.close();
  }
}
