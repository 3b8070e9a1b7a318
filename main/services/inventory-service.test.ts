import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n/text.js';
import type { ImportProblem } from '../../shared/model/import.js';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { MAX_IMPORT_CHARS } from '../../shared/contract/invoke.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { createAppServices, type AppServices } from './app-services.js';

let dir: string;
let s: AppServices;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-import-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db') });
  const first = await s.inventory.importText('base.json', JSON.stringify(minimalInventory()));
  expect(first.ok).toBe(true);
});

afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Imports a broken copy of the minimal inventory and answers its problems, checking nothing was written. */
async function rejected(text: string): Promise<ImportProblem[]> {
  const before = s.inventory.snapshot();
  const result = await s.inventory.importText('bad.json', text);
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.error.code).toBe('inventory-invalid');
  const after = s.inventory.snapshot();
  expect(after.revision).toBe(before.revision);
  expect(after.inventory).toEqual(before.inventory);
  const failed = s.jobs.list(1)[0];
  expect(failed.status).toBe('Failed');
  expect(failed.error?.recommendedAction).toMatch(/current inventory is unchanged/);
  const problems = (result.error.detail as { problems: ImportProblem[] }).problems;
  // Every problem is a catalogue sentence (the console words it in the admin's language) whose English is its message.
  for (const p of problems)
    expect({ key: p.text?.key, english: p.text && english(p.text) }, p.path).toEqual({ key: expect.stringMatching(/^import\./), english: p.message });
  return problems.map(({ path, message }) => ({ path, message }));
}

async function rejectedDoc(change: (doc: InventoryDocument) => void): Promise<ImportProblem[]> {
  const doc = minimalInventory();
  change(doc);
  return rejected(JSON.stringify(doc));
}

const where = (problems: ImportProblem[], path: string): string[] => problems.filter((p) => p.path === path).map((p) => p.message);

describe('importing a ferry-inventory file', () => {
  it('writes a valid file and reports what it imported', async () => {
    const snap = s.inventory.snapshot();
    expect(snap.meta?.origin).toBe('base.json');
    expect(snap.inventory.hosts.map((h) => h.name)).toEqual(['HV-MI-11', 'HV-MI-12', 'HV-MI-20']);
    expect(snap.inventory).toEqual(minimalInventory());
    expect(s.jobs.list(1)[0]).toMatchObject({ status: 'Completed', kind: 'import-inventory', summary: 'Imported 3 VMs on 3 hosts (1 clusters)' });
  });

  it('replaces the estate as a whole and keeps the job history', async () => {
    const doc = minimalInventory();
    doc.vms = doc.vms.slice(0, 1);
    const result = await s.inventory.importText('smaller.json', JSON.stringify(doc));
    expect(result.ok).toBe(true);
    expect(s.inventory.snapshot().inventory.vms.map((v) => v.name)).toEqual(['SQL-PROD-01']);
    expect(s.jobs.list().map((j) => j.target)).toEqual(['smaller.json', 'base.json']);
  });

  it('fills optional fields with VMM defaults', async () => {
    const doc = JSON.parse(JSON.stringify(minimalInventory()));
    delete doc.hosts[2].liveMigration;
    delete doc.hosts[2].memory.reserveMB;
    delete doc.vms[2].dirtyRateMBps;
    expect((await s.inventory.importText('defaults.json', JSON.stringify(doc))).ok).toBe(true);
    const host = s.inventory.snapshot().inventory.hosts[2];
    expect(host.liveMigration).toMatchObject({ enabled: true, maxLive: 2, maxStorage: 2, performanceOption: 'Compression', authentication: 'CredSSP' });
    expect(host.memory.reserveMB).toBe(256);
  });

  it('keeps names with quotes, dollars, backticks and accents as plain data', async () => {
    const doc = minimalInventory();
    doc.vms[2].name = `Fattura 'Q4' $env:USERNAME \`whoami\`; "Università" \u00e0\u00f2`;
    expect((await s.inventory.importText('odd.json', JSON.stringify(doc))).ok).toBe(true);
    expect(s.inventory.snapshot().inventory.vms[2].name).toBe(doc.vms[2].name);
  });

  it('accepts a file that starts with a byte order mark', async () => {
    expect((await s.inventory.importText('bom.json', `\ufeff${JSON.stringify(minimalInventory())}`)).ok).toBe(true);
  });
});

describe('refusing a bad inventory file, with nothing written', () => {
  it('refuses text that is not JSON, saying the line and column', async () => {
    const problems = await rejected('{\n  "format": "ferry-inventory",\n  "version": 1,\n  "hosts": [}\n');
    expect(problems).toEqual([{ path: '', message: 'not valid JSON: unexpected "}" at line 4, column 13' }]);
  });

  it('refuses a file cut short', async () => {
    const text = JSON.stringify(minimalInventory());
    const problems = await rejected(text.slice(0, 200));
    expect(problems[0].message).toMatch(/ends too soon/);
  });

  it('refuses a file whose format is not ferry-inventory', async () => {
    const problems = await rejectedDoc((d) => ((d as { format: string }).format = 'something-else'));
    expect(where(problems, 'format')[0]).toMatch(/expected exactly "ferry-inventory"/);
  });

  it('refuses a version other than 1', async () => {
    const problems = await rejectedDoc((d) => ((d as { version: number }).version = 2));
    expect(where(problems, 'version')).toEqual(['expected 1 (the only version this Ferry reads), got the number 2']);
  });

  it('refuses a field of the wrong type, naming record and field', async () => {
    const problems = await rejectedDoc((d) => ((d.hosts[1].memory as { availableMB: unknown }).availableMB = 'lots'));
    expect(where(problems, 'hosts[1].memory.availableMB')).toEqual(['expected a number, got the string "lots"']);
  });

  it('refuses a missing required field', async () => {
    const problems = await rejectedDoc((d) => delete (d.hosts[0] as Partial<InventoryDocument['hosts'][0]>).os);
    expect(where(problems, 'hosts[0].os')[0]).toMatch(/^required/);
  });

  it('refuses a value outside its enumeration', async () => {
    const problems = await rejectedDoc((d) => ((d.vms[0] as { state: string }).state = 'Sleeping'));
    expect(where(problems, 'vms[0].state')[0]).toBe('expected one of "Running", "Off", "Saved", "Paused", got the string "Sleeping"');
  });

  it('refuses negative numbers', async () => {
    const problems = await rejectedDoc((d) => (d.vms[1].memoryMB = -1));
    expect(where(problems, 'vms[1].memoryMB')).toEqual(['expected at least 0, got the number -1']);
  });

  it('refuses available memory above total memory', async () => {
    const problems = await rejectedDoc((d) => (d.hosts[2].memory.availableMB = 300000));
    expect(where(problems, 'hosts[2].memory.availableMB')).toEqual(['available memory 300000 MB is more than the total 262144 MB']);
  });

  it('refuses free space above capacity on volumes, shares and CSVs', async () => {
    const problems = await rejectedDoc((d) => {
      d.hosts[0].volumes[0].freeGB = 5000;
      d.fileShares[0].freeGB = 9000;
      d.clusters[0].sharedVolumes[0].freeGB = 20000;
    });
    expect(where(problems, 'hosts[0].volumes[0].freeGB')).toHaveLength(1);
    expect(where(problems, 'fileShares[0].freeGB')).toHaveLength(1);
    expect(where(problems, 'clusters[0].sharedVolumes[0].freeGB')).toHaveLength(1);
  });

  it('refuses duplicate host names compared ignoring case', async () => {
    const problems = await rejectedDoc((d) => (d.hosts[2].name = 'hv-mi-11'));
    expect(where(problems, 'hosts[2].name')[0]).toMatch(/duplicate host "hv-mi-11": hosts\[0\] has the same name/);
  });

  it('refuses duplicate cluster names', async () => {
    const problems = await rejectedDoc((d) => d.clusters.push({ ...d.clusters[0], name: 'cl-mi-22' }));
    expect(where(problems, 'clusters[1].name')[0]).toMatch(/duplicate cluster/);
  });

  it('refuses duplicate VM names', async () => {
    const problems = await rejectedDoc((d) => (d.vms[2].name = 'SQL-prod-01'));
    expect(where(problems, 'vms[2].name')[0]).toMatch(/duplicate VM "SQL-prod-01"/);
  });

  it('refuses duplicate VM ids', async () => {
    const problems = await rejectedDoc((d) => (d.vms[2].id = d.vms[0].id.toUpperCase()));
    expect(where(problems, 'vms[2].id')[0]).toMatch(/duplicate VM/);
  });

  it("refuses a VM whose host isn't in the file", async () => {
    const problems = await rejectedDoc((d) => (d.vms[0].host = 'HV-NOWHERE'));
    expect(where(problems, 'vms[0].host')).toEqual(['host "HV-NOWHERE" is not listed in hosts']);
  });

  it("refuses a host whose cluster isn't in the file", async () => {
    const problems = await rejectedDoc((d) => (d.hosts[0].cluster = 'CL-GONE'));
    expect(where(problems, 'hosts[0].cluster')).toEqual(['cluster "CL-GONE" is not listed in clusters']);
  });

  it("refuses a host whose host group isn't in the file", async () => {
    const problems = await rejectedDoc((d) => (d.hosts[2].hostGroup = 'All Hosts/Napoli'));
    expect(where(problems, 'hosts[2].hostGroup')).toEqual(['host group "All Hosts/Napoli" is not listed in hostGroups']);
  });

  it("refuses a cluster whose host group isn't in the file", async () => {
    const problems = await rejectedDoc((d) => (d.clusters[0].hostGroup = 'All Hosts/Bari'));
    expect(where(problems, 'clusters[0].hostGroup')).toHaveLength(1);
  });

  it("refuses a host's file share that isn't in the file", async () => {
    const problems = await rejectedDoc((d) => d.hosts[1].fileShares.push('\\\\fs-x.contoso.com\\other'));
    expect(where(problems, 'hosts[1].fileShares[1]')).toEqual(['file share "\\\\fs-x.contoso.com\\other" is not listed in fileShares']);
  });

  it('refuses a path that is neither a drive path nor a UNC path', async () => {
    const problems = await rejectedDoc((d) => {
      d.vms[0].configurationPath = 'VMs\\SQL';
      d.vms[0].disks[0].path = '/var/lib/os.vhdx';
      d.hosts[0].defaultStorageLocations = ['E:'];
    });
    for (const path of ['vms[0].configurationPath', 'vms[0].disks[0].path', 'hosts[0].defaultStorageLocations[0]']) {
      expect(where(problems, path)[0]).toMatch(/^expected an absolute Windows path/);
    }
  });

  it('refuses a file share that is not a UNC path', async () => {
    const problems = await rejectedDoc((d) => (d.fileShares[0].path = 'D:\\share'));
    expect(where(problems, 'fileShares[0].path')[0]).toMatch(/^expected a UNC path/);
  });

  it('refuses an exportedAt that is not an ISO 8601 time', async () => {
    const problems = await rejectedDoc((d) => (d.exportedAt = 'yesterday'));
    expect(where(problems, 'exportedAt')[0]).toMatch(/ISO 8601/);
  });

  it('lists every problem in the file, not only the first', async () => {
    const problems = await rejectedDoc((d) => {
      (d.hosts[0].memory as { totalMB: unknown }).totalMB = null;
      (d.vms[1] as { memoryMB: unknown }).memoryMB = '8 GB';
      (d.vms[2] as { state: unknown }).state = 2;
    });
    expect(problems.map((p) => p.path)).toEqual(['hosts[0].memory.totalMB', 'vms[1].memoryMB', 'vms[2].state']);
  });

  it('lists every broken reference together', async () => {
    const problems = await rejectedDoc((d) => {
      d.vms[0].host = 'A';
      d.vms[1].host = 'B';
      d.hosts[0].cluster = 'C';
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['hosts[0].cluster', 'vms[0].host', 'vms[1].host']);
  });

  it('lists problems of fields and of references together, at their places in the file', async () => {
    const problems = await rejectedDoc((d) => {
      (d.hosts[0].memory as { availableMB: unknown }).availableMB = 'plenty';
      d.vms[2].host = 'HV-NOWHERE';
    });
    expect(problems).toEqual([
      { path: 'hosts[0].memory.availableMB', message: 'expected a number, got the string "plenty"' },
      { path: 'vms[2].host', message: 'host "HV-NOWHERE" is not listed in hosts' },
    ]);
  });

  it('does not call a reference missing when the record it names is only malformed', async () => {
    const problems = await rejectedDoc((d) => ((d.hosts[0].cpu as { logicalProcessors: unknown }).logicalProcessors = 'many'));
    expect(problems.map((p) => p.path)).toEqual(['hosts[0].cpu.logicalProcessors']);
  });

  it('refuses a record list that is not a list', async () => {
    const problems = await rejected(JSON.stringify({ ...minimalInventory(), clusters: { name: 'CL' } }));
    expect(where(problems, 'clusters')).toEqual(['expected an array, got an object']);
  });

  it('caps a flood of problems and says how many more there were', async () => {
    const problems = await rejectedDoc((d) => {
      for (let i = 0; i < 600; i++) d.vms.push({ ...d.vms[0], name: `VM-${i}`, id: `id-${i}`, host: 'NOWHERE' });
    });
    expect(problems).toHaveLength(501);
    expect(problems[500].message).toMatch(/and \d+ more problems not listed/);
  });
});

describe('an import whose write fails', () => {
  it('leaves the estate as it was and its job Failed, never Completed', async () => {
    const other = new Database(join(dir, 'ferry.db'));
    other.exec("CREATE TRIGGER refuse_vms BEFORE INSERT ON vms BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;");
    other.close();
    const before = s.inventory.snapshot();
    const result = await s.inventory.importText('next.json', JSON.stringify(minimalInventory()));
    expect(result).toMatchObject({ ok: false, error: { code: 'database-error', message: 'The inventory could not be written: the disk is full' } });
    expect(s.inventory.snapshot().revision).toBe(before.revision);
    const job = s.jobs.list(1)[0];
    expect(job).toMatchObject({ status: 'Failed', summary: null, error: { problem: 'The database could not be written: the disk is full' } });
    expect(job.steps.map((st) => st.status)).toEqual(['Completed', 'Failed']);
  });
});

describe('refusing a file nested too deep, or too large, with where and why', () => {
  const nested = (levels: number, closeWith: string): string => {
    const head = JSON.stringify({ format: 'ferry-inventory', version: 1, hosts: [] }).slice(0, -1);
    return `${head},\n"vms": ${'['.repeat(levels)}${']'.repeat(levels - 1)}${closeWith}\n}`;
  };
  const tooDeep = { path: '', message: 'nested deeper than 64 levels at line 2, column 71: a ferry-inventory file nests 5 levels at most' };

  it.each([5_000, 100_000])('refuses valid JSON nested %i levels deep, with line and column', async (levels) => {
    expect(await rejected(nested(levels, ']'))).toEqual([tooDeep]);
  });

  it.each([5_000, 100_000])('refuses broken JSON nested %i levels deep the same way, without overflowing the stack', async (levels) => {
    expect(await rejected(nested(levels, '}'))).toEqual([tooDeep]);
  });

  it('still finds the place of a JSON error inside a file of normal depth', async () => {
    expect(await rejected(nested(60, '}'))).toEqual([{ path: '', message: 'not valid JSON: unexpected "}" at line 2, column 127' }]);
  });

  it('refuses a file larger than 100 MiB, naming the limit', async () => {
    expect(await rejected(' '.repeat(MAX_IMPORT_CHARS + 1))).toEqual([{ path: '', message: 'the file is 100.0 MiB, larger than the 100 MiB Ferry imports' }]);
  });
});
