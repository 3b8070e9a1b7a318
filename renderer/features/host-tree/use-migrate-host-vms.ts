import { useMemo } from 'react';
import { useAppStore } from '../../store/store-context.js';

/** Migrate Virtual Machines… on a host or cluster of the tree: its running VMs, and the action. */
export interface MigrateHostVmsAction {
  /** Whether the node is a host or a cluster (the command shows only there). */
  applies: boolean;
  /** Ids of the running VMs on the node's hosts. */
  vmIds: readonly string[];
  canMigrate: boolean;
  /** Selects those VMs in the list and opens the Migrate VM Wizard for them. */
  migrate(): void;
}

/** The running VMs of a host or cluster node, to migrate them together. */
export function useMigrateHostVms(nodeId: string | undefined): MigrateHostVmsAction {
  const index = useAppStore((s) => s.index);
  const setVmSelection = useAppStore((s) => s.setVmSelection);
  const openMultiVmWizard = useAppStore((s) => s.openMultiVmWizard);
  const node = nodeId && index ? index.tree.nodesById.get(nodeId) : undefined;
  const applies = node?.kind === 'host' || node?.kind === 'cluster';
  const vmIds = useMemo(() => {
    if (!index || !node || !applies) return [];
    const hosts = node.hostIndexes.map((i) => index.inventory.hosts[i].name.toLowerCase());
    return hosts.flatMap((host) => (index.vmsByHost.get(host) ?? []).filter((vm) => vm.state === 'Running').map((vm) => vm.id));
  }, [index, node, applies]);
  return {
    applies,
    vmIds,
    canMigrate: vmIds.length > 0,
    migrate: () => {
      if (vmIds.length === 0) return;
      setVmSelection({ ids: vmIds, cursor: vmIds[0], anchor: vmIds[0] });
      openMultiVmWizard(vmIds);
    },
  };
}
