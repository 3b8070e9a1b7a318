import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n/text.js';
import type { ImportProblem } from '../../shared/model/import.js';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { createAppServices, type AppServices } from './app-services.js';

// Placement rules in the inventory (inventory-format.md "Placement rules"): imported into SQLite, read back
// as given, and refused record by record and field by field, with nothing written when any is wrong.

let dir: string;
let s: AppServices;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-rules-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db') });
  expect((await s.inventory.importText('base.json', JSON.stringify(minimalInventory()))).ok).toBe(true);
});

afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The minimal estate with a fourth VM on each node and a full set of rules. */
function withRules(): InventoryDocument {
  const doc = minimalInventory();
  doc.vms.push({ ...doc.vms[0], name: 'SQL-PROD-02', id: '3e0a6c7b-5c4d-4c8f-8daa-6e8c4c3f5d44', host: 'HV-MI-12' });
  doc.vms[0].possibleOwners = ['HV-MI-11', 'HV-MI-12'];
  doc.vms[0].preferredOwners = ['HV-MI-11'];
  doc.vms[0].availabilitySets = ['SQL-AG-PROD'];
  doc.vms[3].availabilitySets = ['SQL-AG-PROD'];
  doc.vms[1].possibleOwners = null;
  doc.affinityRules = [
    { name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'SQL-PROD-02'], required: true },
    { name: 'web-with-accounts', type: 'SameNode', vms: ['WEB-01', 'Contabilità-01'], required: false },
  ];
  return doc;
}

async function rejected(doc: unknown): Promise<ImportProblem[]> {
  const before = s.inventory.snapshot();
  const result = await s.inventory.importText('bad.json', JSON.stringify(doc));
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.error.code).toBe('inventory-invalid');
  expect(s.inventory.snapshot().revision).toBe(before.revision);
  expect(s.inventory.snapshot().inventory).toEqual(before.inventory);
  const problems = (result.error.detail as { problems: ImportProblem[] }).problems;
  // Every problem is a catalogue sentence (the console words it in the admin's language) whose English is its message.
  for (const p of problems)
    expect({ key: p.text?.key, english: p.text && english(p.text) }, p.path).toEqual({ key: expect.stringMatching(/^import\./), english: p.message });
  return problems.map(({ path, message }) => ({ path, message }));
}

const broken = (change: (doc: InventoryDocument) => void): InventoryDocument => {
  const doc = withRules();
  change(doc);
  return doc;
};

describe('importing placement rules', () => {
  it('stores owners, availability sets and affinity rules and reads them back as given', async () => {
    const doc = withRules();
    expect((await s.inventory.importText('rules.json', JSON.stringify(doc))).ok).toBe(true);
    expect(s.inventory.snapshot().inventory).toEqual(doc);
  });

  it('keeps them across a restart (they are in the database, not in memory)', async () => {
    expect((await s.inventory.importText('rules.json', JSON.stringify(withRules()))).ok).toBe(true);
    await s.close();
    s = await createAppServices({ databasePath: join(dir, 'ferry.db') });
    expect(s.inventory.snapshot().inventory).toEqual(withRules());
  });

  it('leaves the fields out of an estate that has none (it exports as it came)', () => {
    const inv = s.inventory.snapshot().inventory;
    expect(inv).not.toHaveProperty('affinityRules');
    for (const vm of inv.vms) for (const field of ['possibleOwners', 'preferredOwners', 'availabilitySets']) expect(vm).not.toHaveProperty(field);
  });

  it('a later import without rules drops the earlier rules', async () => {
    expect((await s.inventory.importText('rules.json', JSON.stringify(withRules()))).ok).toBe(true);
    expect((await s.inventory.importText('plain.json', JSON.stringify(minimalInventory()))).ok).toBe(true);
    expect(s.inventory.snapshot().inventory).toEqual(minimalInventory());
  });
});

describe('refusing bad placement rules, naming record and field, with nothing written', () => {
  it('refuses a possible owner that is a node of another cluster or a standalone host', async () => {
    const problems = await rejected(broken((d) => (d.vms[0].possibleOwners = ['HV-MI-11', 'HV-MI-20'])));
    expect(problems).toEqual([{ path: 'vms[0].possibleOwners[1]', message: 'HV-MI-20 is not a node of CL-MI-22' }]);
  });

  it('refuses a preferred owner that is no host at all', async () => {
    const problems = await rejected(broken((d) => (d.vms[0].preferredOwners = ['HV-GONE'])));
    expect(problems).toEqual([{ path: 'vms[0].preferredOwners[0]', message: 'HV-GONE is not a node of CL-MI-22: no host of that name is listed in hosts' }]);
  });

  it('refuses owners for a VM of a standalone host', async () => {
    const problems = await rejected(broken((d) => (d.vms[2].possibleOwners = ['HV-MI-11'])));
    expect(problems).toEqual([
      { path: 'vms[2].possibleOwners', message: 'WEB-01 runs on HV-MI-20, a standalone host: a standalone VM has no possible owners' },
    ]);
  });

  it('refuses an empty possible-owner list, saying to give null for every node', async () => {
    const problems = await rejected(broken((d) => (d.vms[0].possibleOwners = [])));
    expect(problems).toEqual([{ path: 'vms[0].possibleOwners', message: expect.stringMatching(/run on no node.*null for every node/) }]);
  });

  it('refuses an owner listed twice, compared ignoring case', async () => {
    const problems = await rejected(broken((d) => (d.vms[0].possibleOwners = ['HV-MI-11', 'hv-mi-11'])));
    expect(problems).toEqual([{ path: 'vms[0].possibleOwners[1]', message: 'hv-mi-11 is listed twice (compared ignoring case)' }]);
  });

  it('refuses an owner list or availability set of the wrong shape', async () => {
    const problems = await rejected(broken((d) => Object.assign(d.vms[0], { preferredOwners: 'HV-MI-11', availabilitySets: [''] })));
    expect(problems.map((p) => p.path)).toEqual(['vms[0].preferredOwners', 'vms[0].availabilitySets[0]']);
    expect(problems[0].message).toBe('expected an array, got the string "HV-MI-11"');
  });

  it('refuses duplicate affinity rule names compared ignoring case', async () => {
    const problems = await rejected(broken((d) => (d.affinityRules![1].name = 'SQL-Apart')));
    expect(problems).toEqual([
      { path: 'affinityRules[1].name', message: 'duplicate affinity rule "SQL-Apart": affinityRules[0] has the same name (compared ignoring case)' },
    ]);
  });

  it('refuses a rule naming fewer than two VMs', async () => {
    const problems = await rejected(broken((d) => (d.affinityRules![0].vms = ['SQL-PROD-01'])));
    expect(problems).toEqual([{ path: 'affinityRules[0].vms', message: 'a rule names at least two VMs' }]);
  });

  it('refuses a rule naming a VM twice', async () => {
    const problems = await rejected(broken((d) => (d.affinityRules![0].vms = ['SQL-PROD-01', 'SQL-PROD-02', 'sql-prod-01'])));
    expect(problems).toEqual([{ path: 'affinityRules[0].vms[2]', message: 'VM "sql-prod-01" is listed twice (compared ignoring case)' }]);
  });

  it('refuses a rule naming a VM that does not exist', async () => {
    const problems = await rejected(broken((d) => (d.affinityRules![1].vms = ['WEB-01', 'WEB-99'])));
    expect(problems).toEqual([{ path: 'affinityRules[1].vms[1]', message: 'VM "WEB-99" is not listed in vms' }]);
  });

  it('does not call a rule’s VM missing when that VM’s record is only malformed', async () => {
    const problems = await rejected(broken((d) => ((d.vms[3] as { memoryMB: unknown }).memoryMB = 'lots')));
    expect(problems.map((p) => p.path)).toEqual(['vms[3].memoryMB']);
  });

  it('refuses a rule type other than SameNode or DifferentNode, and a missing required', async () => {
    const problems = await rejected(
      broken((d) => {
        (d.affinityRules![0] as { type: string }).type = 'SameFault';
        delete (d.affinityRules![1] as { required?: boolean }).required;
      }),
    );
    expect(problems).toEqual([
      { path: 'affinityRules[0].type', message: 'expected one of "SameNode", "DifferentNode", got the string "SameFault"' },
      { path: 'affinityRules[1].required', message: 'required: expected true or false' },
    ]);
  });

  it('refuses affinityRules that is not a list', async () => {
    const problems = await rejected({ ...withRules(), affinityRules: { name: 'x' } });
    expect(problems).toEqual([{ path: 'affinityRules', message: 'expected an array, got an object' }]);
  });

  it('lists problems of every rule together, at their places in the file', async () => {
    const problems = await rejected(
      broken((d) => {
        d.affinityRules!.unshift({ name: 'bad', type: 'DifferentNode', vms: ['X'], required: true });
        d.affinityRules![2].vms.push('NOPE');
        d.vms[1].preferredOwners = ['HV-MI-20'];
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['affinityRules[0].vms', 'vms[1].preferredOwners[0]', 'affinityRules[2].vms[2]']);
  });
});
