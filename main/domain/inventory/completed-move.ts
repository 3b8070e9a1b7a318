import type { Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { nameKey } from '../storage-paths/names.js';

/** What a completed move changes in the inventory. */
export interface CompletedMove {
  vm: string;
  destinationHost: string;
  configurationPath: string;
  /** New disk paths, in the VM's disk order. */
  disks: string[];
  /** Memory that leaves the source and lands on the destination (a running VM's assigned memory). */
  memoryMB: number;
  /** A storage path to add to the destination's default locations ("add this path to the defaults"). */
  addDefaultLocation: string | null;
  /** The VM's high availability after the move, when the move changed it (a highly available VM moved to a standalone host). */
  highlyAvailable?: boolean;
}

/**
 * The inventory after a completed move, as a new document that shares every record the move didn't
 * touch (the VM, and its two hosts, are new objects). The same change the database records in
 * `applyCompletedMove`, so a process can keep its snapshot without reading 25,000 VMs back.
 * Null when the document doesn't have the VM or the host (read it from the database instead).
 */
export function withCompletedMove(doc: InventoryDocument, move: CompletedMove): InventoryDocument | null {
  const vmIndex = doc.vms.findIndex((v) => nameKey(v.name) === nameKey(move.vm));
  const destIndex = doc.hosts.findIndex((h) => nameKey(h.name) === nameKey(move.destinationHost));
  if (vmIndex === -1 || destIndex === -1) return null;
  const vm = doc.vms[vmIndex];
  const hosts = doc.hosts.slice();
  const dest = hosts[destIndex];
  const srcIndex = hosts.findIndex((h) => nameKey(h.name) === nameKey(vm.host));
  const withMemory = (h: Host, availableMB: number): Host => ({ ...h, memory: { ...h.memory, availableMB } });
  if (srcIndex !== destIndex && move.memoryMB > 0) {
    if (srcIndex !== -1) {
      const src = hosts[srcIndex];
      hosts[srcIndex] = withMemory(src, Math.min(src.memory.totalMB, src.memory.availableMB + move.memoryMB));
    }
    hosts[destIndex] = withMemory(dest, Math.max(0, dest.memory.availableMB - move.memoryMB));
  }
  const location = move.addDefaultLocation;
  if (location !== null && !hosts[destIndex].defaultStorageLocations.some((p) => p.toLowerCase() === location.toLowerCase())) {
    hosts[destIndex] = { ...hosts[destIndex], defaultStorageLocations: [...hosts[destIndex].defaultStorageLocations, location] };
  }
  const moved: Vm = {
    ...vm,
    host: dest.name,
    configurationPath: move.configurationPath,
    highlyAvailable: move.highlyAvailable ?? vm.highlyAvailable,
    disks: vm.disks.map((d, i) => (i < move.disks.length ? { ...d, path: move.disks[i] } : d)),
  };
  const vms = doc.vms.slice();
  vms[vmIndex] = moved;
  return { ...doc, hosts, vms };
}
