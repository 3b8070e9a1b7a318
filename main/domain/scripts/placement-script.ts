import type { AffinityRuleType, Vm } from '../../../shared/model/inventory.js';
import { psLiteral } from './ps-literal.js';

const list = (names: readonly string[]): string => (names.length === 0 ? '@()' : names.map(psLiteral).join(', '));

/**
 * View Script for VM Properties > Placement: the Failover Clustering cmdlets that set a clustered VM's possible
 * owners (its Virtual Machine resource), preferred owners and AntiAffinityClassNames (its cluster group), as
 * Ferry's fixed script runs them. Every value is a single-quoted literal. A VM of a standalone host has none
 * of these on Hyper-V: the script says Ferry keeps them for planning only.
 */
export function placementScript(
  vm: Pick<Vm, 'name' | 'id' | 'highlyAvailable'>,
  cluster: string | null,
  placement: {
    possibleOwners: readonly string[] | null;
    preferredOwners: readonly string[];
    availabilitySets: readonly string[];
  },
): string {
  if (cluster === null || !vm.highlyAvailable) {
    return [
      `# ${vm.name} is not a role of a failover cluster: possible and preferred owners and availability sets`,
      '# exist only in a cluster, so Ferry keeps them in its inventory, for planning, and runs no cmdlet.',
    ].join('\n');
  }
  const lines = [
    `# Placement rules of ${vm.name} on cluster ${cluster} (migration-rules.md section 8)`,
    'Import-Module FailoverClusters',
    `$resource = Get-ClusterResource -Cluster ${psLiteral(cluster)} |`,
    `    Where-Object { $_.ResourceType.Name -eq 'Virtual Machine' -and (Get-ClusterParameter -InputObject $_ -Name VmID).Value -eq ${psLiteral(vm.id)} }`,
    '$group = $resource.OwnerGroup',
    placement.possibleOwners === null
      ? `Set-ClusterOwnerNode -InputObject $resource -Owners (Get-ClusterNode -Cluster ${psLiteral(cluster)}).Name   # possible owners: every node`
      : `Set-ClusterOwnerNode -InputObject $resource -Owners ${list(placement.possibleOwners)}   # possible owners`,
    `Set-ClusterOwnerNode -InputObject $group -Owners ${list(placement.preferredOwners)}   # preferred owners, in order`,
    '$classes = New-Object System.Collections.Specialized.StringCollection',
    ...placement.availabilitySets.map((s) => `[void] $classes.Add(${psLiteral(s)})`),
    '$group.AntiAffinityClassNames = $classes   # availability sets',
  ];
  return lines.join('\n');
}

/** An affinity-rule edit as the fixed Set-FerryAffinityRule.ps1 runs it: the rules it takes off, and the one it writes. */
export interface AffinityRuleScript {
  /** Rule names removed from the cluster, if there (the rule an edit replaces, or the one removed). */
  remove: readonly string[];
  /** The rule written (null: none, for a removal or a not-required rule), with each VM's name and id. */
  rule: { name: string; type: AffinityRuleType; vms: readonly { name: string; id: string }[] } | null;
  /** The rule the admin edits, and whether it is required (a cluster has no non-required affinity rule). */
  name: string;
  required: boolean;
}

/**
 * View Script for an affinity-rule edit (Affinity Rules…, Keep apart…): the Windows Server 2022 cmdlets the change
 * runs on `cluster` (functional level 11 or later), each VM's cluster group found by its VmID. Every value is a
 * single-quoted literal. Without a cluster, or for a not-required rule, the script says what Ferry keeps instead.
 */
export function affinityRuleScript(cluster: string | null, change: AffinityRuleScript): string {
  if (cluster === null) {
    return [`# The VMs of ${change.name} are not roles of a failover cluster: Ferry keeps the rule in its inventory, for planning, and runs no cmdlet.`].join(
      '\n',
    );
  }
  const lines = [
    `# Affinity rule ${change.name} on cluster ${cluster} (Windows Server 2022, cluster functional level 11 or later)`,
    'Import-Module FailoverClusters',
  ];
  if (!change.required) {
    lines.push(
      `# ${change.name} is not required: failover clusters have no non-required affinity rule, so Ferry keeps it in its inventory`,
      '# (Select Host and plans warn about it) and takes the rule it replaces off the cluster.',
    );
  }
  for (const name of change.remove) {
    lines.push(`if (Get-ClusterAffinityRule -Name ${psLiteral(name)} -CimSession ${psLiteral(cluster)} -ErrorAction SilentlyContinue) {`);
    lines.push(`    Remove-ClusterAffinityRule -Name ${psLiteral(name)} -CimSession ${psLiteral(cluster)} -Confirm:$false`);
    lines.push('}');
  }
  if (change.rule !== null) {
    lines.push('$vms = Get-ClusterResource -Cluster ' + psLiteral(cluster) + " | Where-Object { $_.ResourceType.Name -eq 'Virtual Machine' }");
    lines.push('$groups = @(');
    for (const vm of change.rule.vms) {
      lines.push(
        `    ($vms | Where-Object { (Get-ClusterParameter -InputObject $_ -Name VmID).Value -eq ${psLiteral(vm.id)} }).OwnerGroup.Name   # ${vm.name}`,
      );
    }
    lines.push(')');
    lines.push(`New-ClusterAffinityRule -Name ${psLiteral(change.rule.name)} -RuleType ${change.rule.type} -CimSession ${psLiteral(cluster)}`);
    lines.push(`Add-ClusterGroupToAffinityRule -Name ${psLiteral(change.rule.name)} -Groups $groups -CimSession ${psLiteral(cluster)}`);
  }
  return lines.join('\n');
}
