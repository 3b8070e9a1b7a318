import type { Host } from '../../../shared/model/inventory.js';
import { useAppStore } from '../../store/store-context.js';

/** Start and Stop Maintenance Mode for a host of the tree. */
export interface MaintenanceActions {
  /** The host, when the node is one. */
  host: Host | null;
  canStart: boolean;
  canStop: boolean;
  /** Opens the preview: the plan view of the host's evacuation, with Confirm. */
  start(): void;
  /** Opens Stop Maintenance Mode: what happens, and the VMs the evacuation saved, to start. */
  stop(): void;
}

/** The maintenance-mode actions of a tree node (the selected one by default), for the ribbon and the tree's context menu. */
export function useMaintenanceActions(nodeId?: string): MaintenanceActions {
  const host = useAppStore((s) => {
    const node = s.index?.tree.nodesById.get(nodeId ?? s.selectedNodeId);
    return node?.kind === 'host' ? (s.index?.hostByName.get(node.name.toLowerCase()) ?? null) : null;
  });
  const openPlan = useAppStore((s) => s.openPlan);
  const stopMaintenance = useAppStore((s) => s.maintenanceStopOpen);
  // A preview already running for this host is shown, not planned again.
  const previewRunning = useAppStore((s) => s.planRun !== null && s.planView?.request.kind === 'evacuate' && s.planView.request.host === host?.name);
  return {
    host,
    canStart: host !== null && !host.maintenanceMode && !previewRunning,
    canStop: host !== null && host.maintenanceMode,
    start: () => {
      if (host && !host.maintenanceMode) openPlan({ kind: 'evacuate', host: host.name, cannotMove: 'save' }, 'maintenance');
    },
    stop: () => {
      if (host?.maintenanceMode) stopMaintenance(host.name);
    },
  };
}
