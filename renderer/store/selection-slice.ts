import { ROOT_NODE_ID } from '../features/host-tree/build-host-tree.js';
import type { SliceCreator } from './app-store.js';

/** What the admin has selected: a node of the host tree, and a VM in the list. */
export interface SelectionSlice {
  selectedNodeId: string;
  selectedVmId: string | null;
  /** Selects a tree node; the VM selection clears, as the list now shows other VMs. */
  selectNode(nodeId: string): void;
  selectVm(vmId: string | null): void;
  /** After a new revision, drops selections whose node or VM no longer exists. */
  reconcileSelection(): void;
}

/** Creates the selection slice. */
export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedNodeId: ROOT_NODE_ID,
  selectedVmId: null,
  selectNode: (nodeId) => {
    if (nodeId === get().selectedNodeId) return;
    set({ selectedNodeId: nodeId, selectedVmId: null });
  },
  selectVm: (vmId) => set({ selectedVmId: vmId }),
  reconcileSelection: () => {
    const { index, selectedNodeId, selectedVmId } = get();
    if (!index) return;
    const patch: Partial<SelectionSlice> = {};
    if (!index.tree.nodesById.has(selectedNodeId)) patch.selectedNodeId = ROOT_NODE_ID;
    if (selectedVmId !== null && !index.vmById.has(selectedVmId)) patch.selectedVmId = null;
    if (Object.keys(patch).length > 0) set(patch);
  },
});
