import type { InventoryDocument, Vm, VmDisk } from '../../../shared/model/inventory.js';
import { joinPath, pathKey } from './windows-path.js';

/**
 * Whether a VM counts as running for migration purposes: Running, and also Paused, because VMM live-migrates
 * a paused VM (its memory is in use and is copied like a running VM's). Off and Saved VMs are not running.
 */
export function isRunningForMigration(vm: Vm): boolean {
  return vm.state === 'Running' || vm.state === 'Paused';
}

/** Every file path of a VM that must move with it: its configuration location and each virtual disk. */
export function vmFilePaths(vm: Vm): string[] {
  return [vm.configurationPath, ...vm.disks.map((d) => d.path)];
}

/**
 * The gigabytes a move of all of a VM's files copies: the sum of its disks' `sizeGB`. The configuration,
 * checkpoint and smart-paging files are not counted (the inventory has no size for them; a configuration
 * is a few MB, well inside the disk reserve), which matches the demo estate's figures (127 + 400 = 527 GB).
 */
export function vmDiskGB(vm: Vm): number {
  let total = 0;
  for (const disk of vm.disks) total += disk.sizeGB;
  return total;
}

/** The VM's shared VHDX disks (guest-cluster disks that several VMs attach). */
export function sharedDisks(vm: Vm): VmDisk[] {
  return vm.disks.filter((d) => d.shared);
}

/** The names of the other VMs that attach the same disk file, for sentences ("shared with SQL-FCI-MI-02"). */
export function vmsSharingDisk(disk: VmDisk, vm: Vm, inventory: InventoryDocument): string[] {
  const key = pathKey(disk.path);
  return inventory.vms.filter((other) => other !== vm && other.disks.some((d) => pathKey(d.path) === key)).map((other) => other.name);
}

/**
 * The folder a whole-VM move puts the VM's files in when given a location: `location\VM name`, as VMM does,
 * so that VMs moved to one location (two `os.vhdx`, say) never collide.
 */
export function vmFolderIn(location: string, vm: Vm): string {
  return joinPath(location, windowsFolderName(vm.name));
}

/**
 * A VM name as a Windows folder name: the characters Windows forbids in a name (\ / : * ? " < > | and control
 * characters) become `_`, trailing dots and spaces go (Windows drops them); nothing left becomes `_`.
 */
export function windowsFolderName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const replaced = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/[. ]+$/, '');
  return replaced === '' ? '_' : replaced;
}

/** The subfolder Hyper-V keeps a VM's VHDs in under its folder (`D:\VMs\SQL-01\Virtual Hard Disks`). */
export const VHD_SUBFOLDER = 'Virtual Hard Disks';

/**
 * The folder a VHD lands in when its place is derived from the VM's location rather than chosen for it:
 * `location\VM name\Virtual Hard Disks`, Hyper-V's own layout (Move-VMStorage -DestinationStoragePath puts VHDs there).
 */
export function vmDiskFolderIn(location: string, vm: Vm): string {
  return joinPath(vmFolderIn(location, vm), VHD_SUBFOLDER);
}
