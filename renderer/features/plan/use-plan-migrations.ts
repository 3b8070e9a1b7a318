import { useMemo } from 'react';
import type { PlanRequest } from '../../../shared/model/plan.js';
import { useAppStore } from '../../store/store-context.js';

/** Plan Migrations for the current selection: what it would plan, and the action. */
export interface PlanMigrationsAction {
  /** The VMs it plans: the selected VMs, else the selected host's VMs. */
  vms: readonly string[];
  canPlan: boolean;
  open(): void;
}

/**
 * Plan Migrations (ribbon): plans the VMs selected in the VM list, each to its best host; with no VM
 * selected, every VM of the host selected in the tree (a rehearsal of emptying it).
 */
export function usePlanMigrations(): PlanMigrationsAction {
  const index = useAppStore((s) => s.index);
  const selectedVmId = useAppStore((s) => s.selectedVmId);
  const selectedVmIds = useAppStore((s) => s.selectedVmIds);
  const selectedNodeId = useAppStore((s) => s.selectedNodeId);
  const openPlan = useAppStore((s) => s.openPlan);
  const vms = useMemo(() => {
    if (!index) return [];
    const ids = selectedVmIds.length > 0 ? selectedVmIds : selectedVmId ? [selectedVmId] : [];
    const selected = ids.map((id) => index.vmById.get(id)?.name).filter((name): name is string => name !== undefined);
    if (selected.length > 0) return selected;
    const node = index.tree.nodesById.get(selectedNodeId);
    if (node?.kind !== 'host') return [];
    return (index.vmsByHost.get(node.name.toLowerCase()) ?? []).map((vm) => vm.name);
  }, [index, selectedVmId, selectedVmIds, selectedNodeId]);
  return {
    vms,
    canPlan: vms.length > 0,
    open: () => {
      if (vms.length === 0) return;
      const request: PlanRequest = { kind: 'vms', vms: [...vms], to: 'auto' };
      openPlan(request, 'plan');
    },
  };
}
