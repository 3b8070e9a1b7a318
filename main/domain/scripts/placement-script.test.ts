import { describe, expect, it } from 'vitest';
import { affinityRuleScript } from './placement-script.js';

describe('View Script for an affinity-rule edit', () => {
  it('creates the rule and adds the VMs’ groups found by VmID, every value a single-quoted literal', () => {
    const s = affinityRuleScript('CL-MI-22', {
      remove: ['old'],
      rule: { name: "R'; $(x)", type: 'DifferentNode', vms: [{ name: 'SQL-PROD-01', id: '0b7d' }] },
      name: "R'; $(x)",
      required: true,
    });
    expect(s).toContain("Remove-ClusterAffinityRule -Name 'old' -CimSession 'CL-MI-22' -Confirm:$false");
    expect(s).toContain("(Get-ClusterParameter -InputObject $_ -Name VmID).Value -eq '0b7d'");
    expect(s).toContain("New-ClusterAffinityRule -Name 'R''; $(x)' -RuleType DifferentNode -CimSession 'CL-MI-22'");
    expect(s).toContain("Add-ClusterGroupToAffinityRule -Name 'R''; $(x)' -Groups $groups -CimSession 'CL-MI-22'");
  });

  it('writes no rule that is not required, and says Ferry keeps it in its inventory', () => {
    const s = affinityRuleScript('CL-MI-22', { remove: ['soft'], rule: null, name: 'soft', required: false });
    expect(s).toContain('soft is not required: failover clusters have no non-required affinity rule');
    expect(s).not.toContain('New-ClusterAffinityRule');
  });

  it('runs no cmdlet for VMs outside a cluster', () => {
    expect(affinityRuleScript(null, { remove: ['r'], rule: null, name: 'r', required: true })).not.toMatch(/ClusterAffinityRule/);
  });
});
