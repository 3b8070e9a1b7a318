import type { Host, Vm } from '../../../shared/model/inventory.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { checkStoragePath } from './check-storage-path.js';
import type { StorageIndex } from './storage-index.js';
import { vmDiskFolderIn } from './vm-storage.js';
import { fileName, joinPath, pathKey } from './windows-path.js';

/** A VHD placed individually in a VM migration that moves storage: the disk and its folder on the destination. */
export interface VmDiskDestination {
  path: string;
  destination: string;
}

/**
 * Checks the VHDs placed individually on Select Path of the Migrate VM Wizard: each must be one of the VM's
 * disks, listed once, and its folder must pass the same path checks as the VM's location (section 3) on the
 * destination host. Answers the placements keyed by the VM's own disk paths, or the first problem, naming the disk
 * (`detail.field` = 'diskDestinations', `detail.disk` = its path).
 */
export function checkVmDiskDestinations(vm: Vm, destination: Host, disks: readonly VmDiskDestination[], index: StorageIndex): Result<Record<string, string>> {
  const byKey = new Map(vm.disks.map((d) => [pathKey(d.path), d]));
  const placed: Record<string, string> = {};
  const seen = new Set<string>();
  for (const entry of disks) {
    const key = pathKey(entry.path);
    const disk = byKey.get(key);
    if (!disk) return err('disk-not-found', `${entry.path} is not a virtual hard disk of ${vm.name}.`, { field: 'diskDestinations', disk: entry.path });
    if (seen.has(key))
      return err('disk-listed-twice', `${fileName(disk.path)} is placed twice: give each VHD one destination.`, { field: 'diskDestinations', disk: disk.path });
    seen.add(key);
    const folder = entry.destination.trim();
    const check = checkStoragePath(destination, folder, index);
    if (!check.valid) {
      return err(check.code ?? 'path-invalid', `Destination of ${fileName(disk.path)}: ${check.message}`, { field: 'diskDestinations', disk: disk.path });
    }
    placed[disk.path] = folder;
  }
  return ok(placed);
}

/**
 * Where every VHD goes when storage moves with VHDs placed individually: a placed VHD to its own folder, every other
 * VHD with the VM to `location\VM name\Virtual Hard Disks` (Hyper-V's layout); each keeps its file name. In the VM's disk order.
 */
export function vmDiskTargets(vm: Vm, location: string, placed: Readonly<Record<string, string>>): { from: string; folder: string; to: string }[] {
  const byKey = new Map(Object.entries(placed).map(([from, folder]) => [pathKey(from), folder]));
  const vmFolder = vmDiskFolderIn(location, vm);
  return vm.disks.map((d) => {
    const folder = byKey.get(pathKey(d.path)) ?? vmFolder;
    return { from: d.path, folder, to: joinPath(folder, fileName(d.path)) };
  });
}
