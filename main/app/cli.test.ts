import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { runFerry } from '../../test/fixtures/cli-run.js';

let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-'));
  db = join(dir, 'ferry.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ferry = (...argv: string[]) => runFerry(argv);

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('ferry import and ferry inventory', () => {
  it('imports a good file and prints what it imported', async () => {
    const r = await ferry('import', file('good.json', minimalInventory()), '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 host groups, 1 clusters, 3 hosts, 3 VMs, 3 disks, 1 file shares/);
  });

  it('prints every problem of a bad file and exits non-zero, importing nothing', async () => {
    await ferry('import', file('good.json', minimalInventory()), '--db', db);
    const bad = minimalInventory();
    (bad.hosts[1].memory as { availableMB: unknown }).availableMB = 'x';
    bad.vms[0].host = 'NOWHERE';
    const r = await ferry('import', file('bad.json', bad), '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/hosts\[1\]\.memory\.availableMB: expected a number, got the string "x"/);
    const inv = await ferry('inventory', '--json', '--db', db);
    expect(JSON.parse(inv.out)).toEqual(minimalInventory());
  });

  it('lists the inventory as a table', async () => {
    await ferry('import', file('good.json', minimalInventory()), '--db', db);
    const r = await ferry('inventory', '--db', db);
    expect(r.out).toMatch(/good\.json: 1 host groups, 1 clusters, 3 hosts, 3 VMs/);
    expect(r.out).toMatch(/All Hosts\/Milano\s+CL-MI-22\s+HV-MI-11\s+Responding\s+1/);
  });

  it('prints an inventory that imports back unchanged', async () => {
    await ferry('import', file('good.json', minimalInventory()), '--db', db);
    const exported = (await ferry('inventory', '--json', '--db', db)).out;
    const other = join(dir, 'other.db');
    expect((await ferry('import', file('exported.json', exported), '--db', other)).code).toBe(0);
    expect((await ferry('inventory', '--json', '--db', other)).out).toBe(exported);
  });

  it('prints placement rules in --json as imported, and they import back unchanged', async () => {
    const doc = minimalInventory();
    doc.vms[0].possibleOwners = ['HV-MI-11', 'HV-MI-12'];
    doc.vms[0].preferredOwners = ['HV-MI-12'];
    doc.vms[0].availabilitySets = ['SQL-AG-PROD'];
    doc.vms[1].availabilitySets = ['SQL-AG-PROD'];
    doc.affinityRules = [{ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }];
    expect((await ferry('import', file('rules.json', doc), '--db', db)).code).toBe(0);
    const exported = (await ferry('inventory', '--json', '--db', db)).out;
    expect(JSON.parse(exported)).toEqual(doc);
    const other = join(dir, 'other.db');
    expect((await ferry('import', file('exported.json', exported), '--db', other)).code).toBe(0);
    expect((await ferry('inventory', '--json', '--db', other)).out).toBe(exported);
  });

  it('refuses a rule naming a VM that is not in the file, naming record and field', async () => {
    const doc = minimalInventory();
    doc.affinityRules = [{ name: 'apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'SQL-PROD-09'], required: true }];
    const r = await ferry('import', file('bad-rule.json', doc), '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('affinityRules[0].vms[1]: VM "SQL-PROD-09" is not listed in vms');
  });

  it('says a missing file is missing, with exit code 2', async () => {
    const r = await ferry('import', join(dir, 'nope.json'), '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read .*nope\.json: no such file/);
  });

  it('refuses an unknown command or option with the usage, exit code 2', async () => {
    expect((await ferry('frobnicate')).code).toBe(2);
    const r = await ferry('inventory', '--colour');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option --colour/);
  });

  it('runs as the installed `ferry` command', () => {
    const out = execFileSync(process.execPath, ['bin/ferry.mjs', 'import', file('good.json', minimalInventory()), '--db', db], { encoding: 'utf8' });
    expect(out).toMatch(/3 VMs/);
  });
});

describe("ferry on a database that is not Ferry's", () => {
  it('refuses it with one line naming the file, exit code 2, and writes nothing to it', async () => {
    const foreign = join(dir, 'crm.db');
    const other = new Database(foreign);
    other.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Contoso')");
    other.close();
    const before = readFileSync(foreign);
    const message = `Ferry will not open ${foreign}: it holds tables that are not Ferry's (customers), so it is another application's database. Nothing was written to it; choose another file with --db (or FERRY_DB).`;
    expect(await ferry('inventory', '--db', foreign)).toEqual({ code: 2, out: '', err: `ferry inventory: ${message}\n` });
    expect(await ferry('import', file('good.json', minimalInventory()), '--db', foreign)).toEqual({ code: 2, out: '', err: `ferry import: ${message}\n` });
    expect(readFileSync(foreign).equals(before)).toBe(true);
  });
});
