import type { Vm } from '../../../shared/model/inventory.js';
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
