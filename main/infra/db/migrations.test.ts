import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.js';
import { openDatabase } from './open.js';

describe('database migrations', () => {
  it('bring a fresh database to the latest version with WAL and foreign keys on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-mig-'));
    const db = openDatabase(join(dir, 'new.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual([
      'affinity_rule_vms',
      'affinity_rules',
      'cluster_shared_volumes',
      'clusters',
      'connection_settings',
      'file_shares',
      'host_file_shares',
      'host_groups',
      'host_storage_locations',
      'host_volumes',
      'hosts',
      'inventory_meta',
      'job_groups',
      'jobs',
      'runners',
      'saved_plans',
      'settings',
      'vm_disks',
      'vms',
    ]);
    for (const t of tables) expect(t.sql).toMatch(/\) STRICT$/);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are idempotent: opening an up-to-date database changes nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    migrate(db);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    db.close();
  });

  it('refuse a database from a newer Ferry, naming both versions', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    expect(() => migrate(db)).toThrow(/newer than this Ferry knows/);
    db.close();
  });

  it('STRICT tables refuse a value of the wrong type', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('x', ?)").run(Buffer.from('blob'))).toThrow(/cannot store BLOB/);
    db.close();
  });
});
