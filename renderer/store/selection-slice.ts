import { ROOT_NODE_ID } from '../features/host-tree/build-host-tree.js';
import type { SliceCreator } from './app-store.js';
import { hostMaskForNode } from './inventory-index.js';

/** A VM selection as the list makes it: the VMs chosen, the row the cursor is on, and where a Shift range starts. */
export interface VmSelection {
  ids: readonly string[];
  /** The row the keyboard and the last click are on (it may be out of the selection after a Ctrl+click). */
  cursor: string | null;
  /** Where a Shift+click or Shift+Arrow range starts: the last row clicked or toggled without Shift. */
  anchor: string | null;
}

/** What the admin has selected: a node of the host tree, and one or more VMs in the list. */
export interface SelectionSlice {
  selectedNodeId: string;
  /** The one selected VM, or null when none or several are selected (details, Start, Migrate Storage act on one). */
  selectedVmId: string | null;
  /** Every selected VM (Ctrl+click, Shift+click, Ctrl+A), in the order they were added. */
  selectedVmIds: readonly string[];
  /** The VM list's cursor row. */
  vmCursorId: string | null;
  /** Where the VM list's next Shift range starts. */
  vmAnchorId: string | null;
  /** Selects a tree node; the VM selection clears, as the list now shows other VMs. */
  selectNode(nodeId: string): void;
  /** Selects one VM (or none), as a plain click does. */
  selectVm(vmId: string | null): void;
  /** Replaces the VM selection (the list's Ctrl, Shift and Ctrl+A selections; a host's running VMs). */
  setVmSelection(selection: VmSelection): void;
  /** After a new revision, drops selections whose node or VM no longer exists, and VMs that left the node (moved away). */
  reconcileSelection(): void;
}

/** The state that a VM selection sets: `selectedVmId` only when exactly one VM is selected. */
function vmSelectionState(selection: VmSelection): Pick<SelectionSlice, 'selectedVmId' | 'selectedVmIds' | 'vmCursorId' | 'vmAnchorId'> {
  const ids = [...new Set(selection.ids)];
  return { selectedVmIds: ids, selectedVmId: ids.length === 1 ? ids[0] : null, vmCursorId: selection.cursor, vmAnchorId: selection.anchor };
}

const NO_VMS = vmSelectionState({ ids: [], cursor: null, anchor: null });

/** Creates the selection slice. */
export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedNodeId: ROOT_NODE_ID,
  ...NO_VMS,
  selectNode: (nodeId) => {
    if (nodeId === get().selectedNodeId) return;
    set({ selectedNodeId: nodeId, ...NO_VMS });
  },
  selectVm: (vmId) => set(vmSelectionState({ ids: vmId === null ? [] : [vmId], cursor: vmId, anchor: vmId })),
  setVmSelection: (selection) => set(vmSelectionState(selection)),
  reconcileSelection: () => {
    const { index, selectedNodeId, selectedVmIds, vmCursorId, vmAnchorId } = get();
    if (!index) return;
    const patch: Partial<SelectionSlice> = {};
    if (!index.tree.nodesById.has(selectedNodeId)) patch.selectedNodeId = ROOT_NODE_ID;
    // A selected VM stays selected while the list can show it: it exists and runs under the node (a filter may hide it).
    const mask = hostMaskForNode(index, patch.selectedNodeId ?? selectedNodeId);
    const inScope = (id: string) => {
      const vm = index.vmById.get(id);
      if (!vm) return false;
      if (!mask) return true;
      const host = index.hostIndexByName.get(vm.host.toLowerCase());
      return host !== undefined && mask[host] === 1;
    };
    const known = (id: string | null) => (id !== null && inScope(id) ? id : null);
    const ids = selectedVmIds.filter(inScope);
    if (ids.length !== selectedVmIds.length || known(vmCursorId) !== vmCursorId || known(vmAnchorId) !== vmAnchorId) {
      Object.assign(patch, vmSelectionState({ ids, cursor: known(vmCursorId), anchor: known(vmAnchorId) }));
    }
    if (Object.keys(patch).length > 0) set(patch);
  },
});
