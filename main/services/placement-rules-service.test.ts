import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../shared/model/import.js';
import type { HostRating } from '../../shared/model/placement.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { createAppServices, type AppServices } from './app-services.js';

// Placement-rule edits from the console (issue 15 point 6) against real SQLite and the simulator, and what a
// Hyper-V group refuses before any PowerShell runs: PowerShell is a path where there is none, so an edit that
// started it would fail saying PowerShell could not be run. Edits set on a Hyper-V cluster through PowerShell 7
// and the stub FailoverClusters module are in placement-rules-service.pwsh.test.ts.
let dir: string;
let s: AppServices;

async function open(): Promise<AppServices> {
  return createAppServices({ databasePath: join(dir, 'ferry.db'), powershell: { executable: join(dir, 'no-powershell-here') } });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-rule-edits-'));
  s = await open();
  expect((await s.inventory.importText('base.json', JSON.stringify(minimalInventory()))).ok).toBe(true);
});

afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const vmOf = (name: string) => s.inventory.snapshot().inventory.vms.find((v) => v.name === name);
const rowOf = (vm: string, host: string): HostRating | undefined => {
  const rows = s.migration.selectHosts(vm);
  return rows.ok ? rows.value.find((r) => r.host === host) : undefined;
};

describe('VM Properties > Placement: a VM’s owners and availability sets, as a job', () => {
  it('records them in the inventory (simulator group) and Select Host uses them at once', async () => {
    const started = s.placementRules.vmSet('sql-prod-01', { possibleOwners: ['hv-mi-11'], preferredOwners: [], availabilitySets: ['SQL-AG'] });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value.job).toMatchObject({ kind: 'placement-rules', name: 'Set the placement rules of SQL-PROD-01', status: 'Running' });
    const job = await started.value.done;
    expect(job.status).toBe('Completed');
    expect(job.summary).toMatch(/SQL-PROD-01’s possible and preferred owners and availability sets are set/);
    expect(vmOf('SQL-PROD-01')).toMatchObject({ possibleOwners: ['HV-MI-11'], preferredOwners: [], availabilitySets: ['SQL-AG'] });
    expect(rowOf('SQL-PROD-01', 'HV-MI-12')?.reasons.map((r) => r.code)).toEqual(['not-possible-owner']);
  });

  it('refuses owners that are not nodes of the VM’s cluster, naming the field, with no job and nothing changed', () => {
    const before = s.inventory.snapshot();
    const r = s.placementRules.vmSet('SQL-PROD-01', { possibleOwners: ['HV-MI-11', 'HV-MI-20'], preferredOwners: [], availabilitySets: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('rules-invalid');
    expect((r.error.detail as { problems: ImportProblem[] }).problems).toMatchObject([
      { path: 'possibleOwners[1]', message: 'HV-MI-20 is not a node of CL-MI-22', text: { key: 'import.owners.notNode' } },
    ]);
    expect(s.inventory.snapshot()).toBe(before);
    expect(s.jobs.list(1)[0].kind).toBe('import-inventory');
  });

  it('refuses a VM that is not in the inventory', () => {
    const r = s.placementRules.vmSet('NOPE', { possibleOwners: null, preferredOwners: [], availabilitySets: [] });
    expect(r.ok ? null : r.error.code).toBe('vm-not-found');
  });

  it('View Script shows the Failover Clustering cmdlets with every value a literal', () => {
    const r = s.placementRules.vmScript('SQL-PROD-01', { possibleOwners: ['HV-MI-11'], preferredOwners: [], availabilitySets: ["SQL'AG"] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toContain("Set-ClusterOwnerNode -InputObject $resource -Owners 'HV-MI-11'");
    expect(r.value).toContain("[void] $classes.Add('SQL''AG')");
    expect(r.value).toContain("-Name VmID).Value -eq '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11'");
  });
});

describe('affinity rules: add, edit, remove (a cluster’s Properties, Keep apart…)', () => {
  it('Keep apart adds a required DifferentNode rule that Select Host honours', async () => {
    const r = s.placementRules.ruleSet({ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'contabilità-01'], required: true });
    if (!r.ok) throw new Error(r.error.message);
    expect((await r.value.done).status).toBe('Completed');
    expect(s.inventory.snapshot().inventory.affinityRules).toEqual([
      { name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true },
    ]);
    expect(rowOf('SQL-PROD-01', 'HV-MI-12')?.reasons.map((x) => x.code)).toEqual(['affinity-rule']);
  });

  it('edits a rule in place and removes it', async () => {
    await (
      s.placementRules.ruleSet({ name: 'pair', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }) as {
        ok: true;
        value: { done: Promise<unknown> };
      }
    ).value.done;
    const edited = s.placementRules.ruleSet({ name: 'pair-soft', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: false }, 'PAIR');
    if (!edited.ok) throw new Error(edited.error.message);
    expect((await edited.value.done).name).toBe('Change affinity rule pair-soft');
    expect(s.inventory.snapshot().inventory.affinityRules?.map((x) => [x.name, x.required])).toEqual([['pair-soft', false]]);
    expect(rowOf('SQL-PROD-01', 'HV-MI-12')?.warnings.map((w) => w.code)).toEqual(['availability-set']);
    const removed = s.placementRules.ruleRemove('pair-soft');
    if (!removed.ok) throw new Error(removed.error.message);
    expect((await removed.value.done).summary).toBe('Affinity rule pair-soft is removed.');
    expect(s.inventory.snapshot().inventory.affinityRules ?? []).toEqual([]);
  });

  it('names a removed rule as the inventory spells it, whatever case the request used', async () => {
    await (
      s.placementRules.ruleSet({ name: 'Pair', type: 'SameNode', vms: ['SQL-PROD-01', 'WEB-01'], required: false }) as {
        ok: true;
        value: { done: Promise<unknown> };
      }
    ).value.done;
    const removed = s.placementRules.ruleRemove('PAIR');
    if (!removed.ok) throw new Error(removed.error.message);
    expect(removed.value.job).toMatchObject({ name: 'Remove affinity rule Pair', target: 'Pair' });
    expect((await removed.value.done).summary).toBe('Affinity rule Pair is removed.');
  });

  it('a cluster below functional level 11 refuses a required rule with what to do, before any PowerShell runs, and nothing changes', async () => {
    const doc = minimalInventory();
    doc.clusters[0].functionalLevel = 10;
    expect((await s.inventory.importText('level10.json', JSON.stringify(doc))).ok).toBe(true);
    s.connections.set({ hostGroup: 'All Hosts/Milano', connector: 'hyperv' });
    const r = s.placementRules.ruleSet({ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true });
    if (!r.ok) throw new Error(r.error.message);
    const job = await r.value.done;
    expect(job.status).toBe('Failed');
    expect(job.error?.problem).toBe(
      'Cluster CL-MI-22 has functional level 10: affinity rules need Windows Server 2022 (functional level 11) or later, so the cluster refused the rule.',
    );
    expect(job.error?.recommendedAction).toMatch(/Update-ClusterFunctionalLevel.*Ferry's inventory is unchanged\.$/);
    expect(s.inventory.snapshot().inventory.affinityRules ?? []).toEqual([]);
  });

  it('View Script for a rule edit shows the affinity-rule cmdlets on the VMs’ cluster, by VM ids', () => {
    const r = s.placementRules.ruleScript({
      kind: 'rule-set',
      rule: { name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true },
      replaces: null,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toContain("New-ClusterAffinityRule -Name 'sql-apart' -RuleType DifferentNode -CimSession 'CL-MI-22'");
    expect(r.value).toContain("-Name VmID).Value -eq '1c8e4a5f-3a2b-4a6d-8b88-4c6a2a1d3b22'");
  });

  it('refuses a rule name already used, a VM named twice or missing, and a rule that is not there', async () => {
    await (
      s.placementRules.ruleSet({ name: 'pair', type: 'SameNode', vms: ['SQL-PROD-01', 'WEB-01'], required: false }) as {
        ok: true;
        value: { done: Promise<unknown> };
      }
    ).value.done;
    const dup = s.placementRules.ruleSet({ name: 'PAIR', type: 'DifferentNode', vms: ['SQL-PROD-01', 'WEB-01'], required: true });
    expect(dup.ok ? null : dup.error.detail).toMatchObject({
      problems: [{ path: 'name', message: 'duplicate affinity rule "PAIR": affinityRules[0] has the same name (compared ignoring case)' }],
    });
    const twice = s.placementRules.ruleSet({ name: 'x', type: 'DifferentNode', vms: ['WEB-01', 'web-01', 'NOPE'], required: true });
    expect(twice.ok ? null : (twice.error.detail as { problems: ImportProblem[] }).problems.map((p) => p.message)).toEqual([
      'VM "NOPE" is not listed in vms',
      'VM "WEB-01" is listed twice (compared ignoring case)',
    ]);
    const gone = s.placementRules.ruleRemove('nothing');
    expect(gone.ok ? null : gone.error.code).toBe('rule-not-found');
  });

  it('keeps the rules across a restart', async () => {
    await (
      s.placementRules.ruleSet({ name: 'pair', type: 'SameNode', vms: ['SQL-PROD-01', 'WEB-01'], required: false }) as {
        ok: true;
        value: { done: Promise<unknown> };
      }
    ).value.done;
    await s.close();
    s = await open();
    expect(s.inventory.snapshot().inventory.affinityRules?.map((r) => r.name)).toEqual(['pair']);
  });
});
