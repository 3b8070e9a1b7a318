import { describe, expect, it } from 'vitest';
import type { AffinityRule, InventoryDocument } from '../../../../shared/model/inventory.js';
import { minimalInventory } from '../../../../test/fixtures/minimal-inventory.js';
import { estateOf, type StubCall, type StubEstate } from '../../../../test/pwsh/stub-estate.js';
import { addClusteredNameTraps, HOSTILE, PWSH, SLOW, usePwshStubs, WILD } from '../../../../test/pwsh/stub-powershell.js';

// Set-FerryAffinityRule.ps1 in a real PowerShell 7 (pwsh) through PowerShellRunner, against the stub
// FailoverClusters module (documented signatures, every call logged), as in hyperv-placement.pwsh.test.ts.
const stubs = usePwshStubs();

/** The minimal inventory with web[1], web1 and the hostile name clustered on HV-MI-11, and rule SQL-APART. */
function inventory(level: number): InventoryDocument {
  const doc = minimalInventory();
  doc.clusters[0].functionalLevel = level;
  addClusteredNameTraps(doc);
  doc.affinityRules = [{ name: 'SQL-APART', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }];
  return doc;
}

function connector(tweak: (estate: StubEstate) => void = () => undefined, level = 11) {
  const doc = inventory(level);
  const estate = estateOf(doc);
  tweak(estate);
  return stubs.connector(doc, estate);
}

const WRITES = ['New-ClusterAffinityRule', 'Add-ClusterGroupToAffinityRule', 'Remove-ClusterGroupFromAffinityRule', 'Remove-ClusterAffinityRule'];
/** The calls that change the cluster's rules, as [cmdlet, Name, Groups/RuleType]. */
const writes = (calls: StubCall[]) =>
  calls.filter((c) => WRITES.includes(c.cmdlet)).map((c) => [c.cmdlet, c.params.Name, c.params.Groups ?? c.params.RuleType ?? null]);
const rule = (name: string, vms: string[], required = true, type: AffinityRule['type'] = 'DifferentNode'): AffinityRule => ({ name, type, vms, required });

describe.skipIf(PWSH === null)("the Hyper-V connector's affinity-rule script in PowerShell 7, against the stub FailoverClusters module", () => {
  it("adds a required rule: New-ClusterAffinityRule, then the VMs' cluster groups found by VmID", { timeout: SLOW }, async () => {
    // web[1]'s role kept the name SCVMM gave it; web1's role is named 'web[1]': a lookup by name would pick web1's.
    const { hyperv, calls } = connector((e) => {
      const record = (name: string) => e.vms.find((v) => v.name === name) as Record<string, unknown>;
      record(WILD).roleName = 'SCVMM web[1] Resource';
      record('web1').roleName = WILD;
    });
    expect(
      await hyperv.affinityRuleApply('CL-MI-22', { kind: 'set', rule: rule('WEB-TOGETHER', [WILD, 'SQL-PROD-01'], true, 'SameNode'), replaces: null }),
    ).toEqual({
      ok: true,
    });
    expect(writes(calls())).toEqual([
      ['New-ClusterAffinityRule', 'WEB-TOGETHER', 'SameNode'],
      ['Add-ClusterGroupToAffinityRule', ['WEB-TOGETHER'], ['SCVMM web[1] Resource', 'SQL-PROD-01']],
    ]);
  });

  it('edits a rule in place: the groups it gains are added and the ones it loses removed', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const r = await hyperv.affinityRuleApply('CL-MI-22', { kind: 'set', rule: rule('SQL-APART', ['SQL-PROD-01', 'web1']), replaces: 'SQL-APART' });
    expect(r).toEqual({ ok: true });
    expect(writes(calls())).toEqual([
      ['Add-ClusterGroupToAffinityRule', ['SQL-APART'], ['web1']],
      ['Remove-ClusterGroupFromAffinityRule', ['SQL-APART'], ['Contabilità-01']],
    ]);
  });

  it('renames a rule: the old one is removed from the cluster and the new one created', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const r = await hyperv.affinityRuleApply('CL-MI-22', { kind: 'set', rule: rule('SQL-SPREAD', ['SQL-PROD-01', 'Contabilità-01']), replaces: 'SQL-APART' });
    expect(r).toEqual({ ok: true });
    expect(writes(calls())).toEqual([
      ['Remove-ClusterAffinityRule', ['SQL-APART'], null],
      ['New-ClusterAffinityRule', 'SQL-SPREAD', 'DifferentNode'],
      ['Add-ClusterGroupToAffinityRule', ['SQL-SPREAD'], ['SQL-PROD-01', 'Contabilità-01']],
    ]);
  });

  it('removes a rule with Remove-ClusterAffinityRule', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    expect(await hyperv.affinityRuleApply('CL-MI-22', { kind: 'remove', name: 'SQL-APART' })).toEqual({ ok: true });
    expect(writes(calls())).toEqual([['Remove-ClusterAffinityRule', ['SQL-APART'], null]]);
  });

  it('writes no not-required rule (a cluster has none), and takes the required one it replaces off the cluster', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const r = await hyperv.affinityRuleApply('CL-MI-22', {
      kind: 'set',
      rule: rule('SQL-APART', ['SQL-PROD-01', 'Contabilità-01'], false),
      replaces: 'SQL-APART',
    });
    expect(r).toEqual({ ok: true });
    expect(writes(calls())).toEqual([['Remove-ClusterAffinityRule', ['SQL-APART'], null]]);
  });

  it('refuses a required rule on a cluster below functional level 11, with the level and what to do, and runs nothing', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector(() => undefined, 10);
    const r = await hyperv.affinityRuleApply('CL-MI-22', { kind: 'set', rule: rule('WEB-APART', ['web1', WILD]), replaces: null });
    expect(r).toMatchObject({
      ok: false,
      problem:
        'Cluster CL-MI-22 has functional level 10: affinity rules need Windows Server 2022 (functional level 11) or later, so the cluster refused the rule.',
      recommendedAction: expect.stringMatching(/^Update every node of CL-MI-22 to Windows Server 2022 .*Update-ClusterFunctionalLevel/),
    });
    expect(calls()).toEqual([]);
  });

  it('refuses when the cluster itself reports a level below 11 though the inventory says 11, and writes nothing', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      (e.clusters[0] as Record<string, unknown>).functionalLevel = 10;
    });
    const r = await hyperv.affinityRuleApply('CL-MI-22', { kind: 'set', rule: rule('WEB-APART', ['web1', WILD]), replaces: null });
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/^Cluster CL-MI-22 has functional level 10:/) });
    expect(writes(calls())).toEqual([]);
  });

  it('passes rule names with quotes, $(), backticks and ; and a hostile VM group name to the cluster exactly, as data', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const name = 'R\'; Remove-Item x $(whoami) `b` "d"';
    expect(await hyperv.affinityRuleApply('CL-MI-22', { kind: 'set', rule: rule(name, [HOSTILE, 'web1']), replaces: null })).toEqual({ ok: true });
    expect(writes(calls())).toEqual([
      ['New-ClusterAffinityRule', name, 'DifferentNode'],
      ['Add-ClusterGroupToAffinityRule', [name], [HOSTILE, 'web1']],
    ]);
  });

  it('maps access denied from the cluster to the access-denied problem and action, naming the rule', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.fail = {
        'New-ClusterAffinityRule': {
          message: 'You do not have administrative privileges on the cluster. Contact your network administrator to request access.\n    Access is denied',
          hresult: 0x80070005,
          errorId: 'ClusterCmdletError',
          category: 'PermissionDenied',
        },
      };
    });
    const r = await hyperv.affinityRuleApply('CL-MI-22', { kind: 'set', rule: rule('WEB-APART', ['web1', WILD]), replaces: null });
    expect(r).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Setting affinity rule WEB-APART on the cluster failed: access is denied/),
      recommendedAction: expect.stringMatching(/Add the account to the "Hyper-V Administrators" group .* on HV-MI-11/),
    });
    expect(writes(calls()).map((w) => w[0])).toEqual(['New-ClusterAffinityRule']);
  });
});
