import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AffinityRule, InventoryDocument } from '../../shared/model/inventory.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { estateOf, type StubCall, type StubEstate } from '../../test/pwsh/stub-estate.js';
import { addClusteredNameTraps, called, PWSH, SLOW, usePwshStubs, WILD, type StubPowerShell } from '../../test/pwsh/stub-powershell.js';
import { createAppServices, type AppServices } from './app-services.js';

// Placement-rule edits from the console (issue 15 point 6) on a Hyper-V host group: the service's job, real SQLite,
// and the connector's fixed scripts (Set-FerryVmPlacement.ps1, Set-FerryAffinityRule.ps1) run by Ferry's
// PowerShellRunner in a real PowerShell 7 (pwsh) against the stub FailoverClusters module (test/pwsh). The checks
// that need no PowerShell (simulator groups, validation, View Script, functional level) are in
// placement-rules-service.test.ts.
const GROUP = 'All Hosts/Milano';
const ACCESS_DENIED = {
  message: 'You do not have administrative privileges on the cluster. Contact your network administrator to request access.\n    Access is denied',
  hresult: 0x80070005,
  errorId: 'ClusterCmdletError',
  category: 'PermissionDenied',
};
const stubs = usePwshStubs();

let dir: string;
let s: AppServices | null = null;

/** The app's services on a fresh database holding `doc`, with its group on Hyper-V through pwsh and the stub estate. */
async function open(doc: InventoryDocument, tweak: (estate: StubEstate) => void = () => undefined): Promise<{ s: AppServices; ps: StubPowerShell }> {
  const estate = estateOf(doc);
  tweak(estate);
  const ps = stubs.powershell(estate);
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), powershell: ps.options });
  expect((await s.inventory.importText('base.json', JSON.stringify(doc))).ok).toBe(true);
  expect(s.connections.set({ hostGroup: GROUP, connector: 'hyperv' }).ok).toBe(true);
  return { s, ps };
}

/** The affinity rules in the database, as Ferry reads them after a restart. */
async function rulesAfterRestart(): Promise<AffinityRule[]> {
  await s?.close();
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), powershell: { executable: join(dir, 'no-powershell-here') } });
  return s.inventory.snapshot().inventory.affinityRules ?? [];
}

const WRITES = ['New-ClusterAffinityRule', 'Add-ClusterGroupToAffinityRule', 'Remove-ClusterGroupFromAffinityRule', 'Remove-ClusterAffinityRule'];
/** The calls that change the cluster's affinity rules, as [cmdlet, -Name, -Groups or -RuleType]. */
const writes = (calls: StubCall[]) =>
  calls.filter((c) => WRITES.includes(c.cmdlet)).map((c) => [c.cmdlet, c.params.Name, c.params.Groups ?? c.params.RuleType ?? null]);
/** The cluster's Virtual Machine resources Ferry looked up, always by their VmID private property. */
const byVmId = (calls: StubCall[]) => called(calls, 'Get-ClusterParameter').every((c) => JSON.stringify(c.params.Name) === '["VmID"]');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-rule-edits-pwsh-'));
});
afterEach(async () => {
  await s?.close();
  s = null;
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(PWSH === null)('VM Properties > Placement on a Hyper-V cluster, in PowerShell 7 against the stub FailoverClusters module', () => {
  it('sets them on the cluster through Set-FerryVmPlacement.ps1, the resource found by VmID, then records them', { timeout: SLOW }, async () => {
    const { s, ps } = await open(minimalInventory());
    const r = s.placementRules.vmSet('SQL-PROD-01', { possibleOwners: null, preferredOwners: ['HV-MI-12'], availabilitySets: ['SQL-AG'] });
    if (!r.ok) throw new Error(r.error.message);
    const job = await r.value.done;
    expect(job.status).toBe('Completed');
    expect(job.summary).toMatch(/SQL-PROD-01’s possible and preferred owners and availability sets are set/);
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'SQL-PROD-01')).toMatchObject({
      possibleOwners: null,
      preferredOwners: ['HV-MI-12'],
      availabilitySets: ['SQL-AG'],
    });
    const calls = ps.calls();
    expect(byVmId(calls)).toBe(true);
    // Possible owners null: every node of the cluster, on the VM's resource; the preferred ones on its group.
    expect(called(calls, 'Set-ClusterOwnerNode').map((c) => [c.params.InputObject, c.params.Owners])).toEqual([
      ['Virtual Machine SQL-PROD-01', ['HV-MI-11', 'HV-MI-12']],
      ['SQL-PROD-01', ['HV-MI-12']],
    ]);
    expect(called(calls, 'ClusterGroup.AntiAffinityClassNames').map((c) => c.params)).toEqual([{ Group: 'SQL-PROD-01', Value: ['SQL-AG'] }]);
  });

  it('a cluster that refuses the change fails the job with its problem, and Ferry’s inventory keeps the old values', { timeout: SLOW }, async () => {
    const { s, ps } = await open(minimalInventory(), (e) => {
      e.fail = { 'Set-ClusterOwnerNode': ACCESS_DENIED };
    });
    const r = s.placementRules.vmSet('SQL-PROD-01', { possibleOwners: null, preferredOwners: ['HV-MI-12'], availabilitySets: ['SQL-AG'] });
    if (!r.ok) throw new Error(r.error.message);
    const job = await r.value.done;
    expect(job.status).toBe('Failed');
    expect(job.error?.problem).toMatch(/Setting the owners and availability sets of SQL-PROD-01 failed: access is denied/);
    expect(job.error?.recommendedAction).toMatch(/Hyper-V Administrators.*Ferry's inventory is unchanged\.$/s);
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'SQL-PROD-01')).not.toHaveProperty('preferredOwners');
    expect(called(ps.calls(), 'Set-ClusterOwnerNode')).toHaveLength(1);
    expect(called(ps.calls(), 'ClusterGroup.AntiAffinityClassNames')).toEqual([]);
  });
});

describe.skipIf(PWSH === null)('affinity rules on a Hyper-V cluster, in PowerShell 7 against the stub FailoverClusters module', () => {
  it(
    'sets a required rule through Set-FerryAffinityRule.ps1, with the VMs’ groups found by VmID, then records it in the database',
    { timeout: SLOW },
    async () => {
      const { s, ps } = await open(minimalInventory());
      const r = s.placementRules.ruleSet({ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'contabilità-01'], required: true });
      if (!r.ok) throw new Error(r.error.message);
      const job = await r.value.done;
      expect(job.status).toBe('Completed');
      expect(job.steps.map((x) => [x.name, x.status])).toEqual([
        ['Set it on cluster CL-MI-22', 'Completed'],
        ['Record them in Ferry’s inventory', 'Completed'],
      ]);
      const calls = ps.calls();
      expect(byVmId(calls)).toBe(true);
      expect(called(calls, 'Get-ClusterParameter').length).toBeGreaterThan(0);
      expect(writes(calls)).toEqual([
        ['New-ClusterAffinityRule', 'sql-apart', 'DifferentNode'],
        ['Add-ClusterGroupToAffinityRule', ['sql-apart'], ['SQL-PROD-01', 'Contabilità-01']],
      ]);
      expect(await rulesAfterRestart()).toEqual([{ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }]);
    },
  );

  it(
    'edits a rule the cluster has in place: web[1] joins by its VmID (not web1, whose role is named web[1]), Contabilità-01 leaves',
    { timeout: SLOW },
    async () => {
      const doc = minimalInventory();
      addClusteredNameTraps(doc);
      doc.affinityRules = [{ name: 'SQL-APART', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }];
      const { s, ps } = await open(doc, (e) => {
        const record = (name: string) => e.vms.find((v) => v.name === name) as Record<string, unknown>;
        record(WILD).roleName = 'SCVMM web[1] Resource';
        record('web1').roleName = WILD;
      });
      const r = s.placementRules.ruleSet({ name: 'SQL-APART', type: 'DifferentNode', vms: ['SQL-PROD-01', WILD], required: true }, 'sql-apart');
      if (!r.ok) throw new Error(r.error.message);
      expect(await r.value.done).toMatchObject({ status: 'Completed', name: 'Change affinity rule SQL-APART' });
      expect(byVmId(ps.calls())).toBe(true);
      expect(writes(ps.calls())).toEqual([
        ['Add-ClusterGroupToAffinityRule', ['SQL-APART'], ['SCVMM web[1] Resource']],
        ['Remove-ClusterGroupFromAffinityRule', ['SQL-APART'], ['Contabilità-01']],
      ]);
      expect(await rulesAfterRestart()).toEqual([{ name: 'SQL-APART', type: 'DifferentNode', vms: ['SQL-PROD-01', WILD], required: true }]);
    },
  );

  it('removes a rule with Remove-ClusterAffinityRule, then from the database', { timeout: SLOW }, async () => {
    const doc = minimalInventory();
    doc.affinityRules = [{ name: 'SQL-APART', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }];
    const { s, ps } = await open(doc);
    const removed = s.placementRules.ruleRemove('sql-apart');
    if (!removed.ok) throw new Error(removed.error.message);
    const job = await removed.value.done;
    expect(job).toMatchObject({ status: 'Completed', summary: 'Affinity rule SQL-APART is removed.' });
    expect(writes(ps.calls())).toEqual([['Remove-ClusterAffinityRule', ['SQL-APART'], null]]);
    expect(await rulesAfterRestart()).toEqual([]);
  });

  it('keeps a not-required rule in Ferry’s inventory only: the script writes nothing on the cluster, and the job says so', { timeout: SLOW }, async () => {
    const { s, ps } = await open(minimalInventory());
    const r = s.placementRules.ruleSet({ name: 'soft', type: 'SameNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: false });
    if (!r.ok) throw new Error(r.error.message);
    const job = await r.value.done;
    expect(job.summary).toMatch(/^Affinity rule soft is saved in Ferry’s inventory only: it is not required/);
    expect(called(ps.calls(), 'Get-ClusterAffinityRule')).toHaveLength(1);
    expect(writes(ps.calls())).toEqual([]);
    expect((await rulesAfterRestart()).map((x) => [x.name, x.required])).toEqual([['soft', false]]);
  });

  it('a cluster that refuses a rule fails the job with its problem, and Ferry’s inventory keeps the old rules', { timeout: SLOW }, async () => {
    const { s, ps } = await open(minimalInventory(), (e) => {
      e.fail = { 'New-ClusterAffinityRule': ACCESS_DENIED };
    });
    const r = s.placementRules.ruleSet({ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true });
    if (!r.ok) throw new Error(r.error.message);
    const job = await r.value.done;
    expect(job.status).toBe('Failed');
    expect(job.error?.problem).toMatch(/Setting affinity rule sql-apart on the cluster failed: access is denied/);
    expect(job.error?.recommendedAction).toMatch(/Ferry's inventory is unchanged\.$/);
    expect(writes(ps.calls()).map((w) => w[0])).toEqual(['New-ClusterAffinityRule']);
    expect(await rulesAfterRestart()).toEqual([]);
  });
});
