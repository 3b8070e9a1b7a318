import type { Vm } from '../../../shared/model/inventory.js';
import type { MoveRequest } from '../connector/host-connector.js';
import { vmDiskFolderIn, vmFolderIn } from '../storage-paths/vm-storage.js';
import { fileName, joinPath, pathKey } from '../storage-paths/windows-path.js';

/** Where a VM's files are once a move has completed. */
export interface VmPathsAfterMove {
  configurationPath: string;
  /** In the VM's disk order. */
  disks: string[];
}

/**
 * The VM's paths after a completed move: a whole-VM storage move puts the configuration in `location\VM name`
 * (as VMM does) and each disk, keeping its file name, in its `Virtual Hard Disks` subfolder (Hyper-V's layout);
 * VHDs placed individually go to their own folders, and the configuration moves only when a new folder was given
 * (a VM migration with VHDs placed individually has both: the configuration to `location\VM name`, unlisted VHDs
 * to its `Virtual Hard Disks`). Moves that leave storage where it is keep every path.
 */
export function pathsAfterMove(vm: Vm, request: Pick<MoveRequest, 'destinationPath' | 'diskDestinations' | 'configurationPath'>): VmPathsAfterMove {
  if (request.destinationPath && request.diskDestinations) {
    // A VM migration with VHDs placed individually: the configuration to its folder, each listed VHD to its own.
    const folder = vmFolderIn(request.destinationPath, vm);
    const diskFolder = vmDiskFolderIn(request.destinationPath, vm);
    const byKey = new Map(Object.entries(request.diskDestinations).map(([from, to]) => [pathKey(from), to]));
    return {
      configurationPath: request.configurationPath ?? folder,
      disks: vm.disks.map((d) => joinPath(byKey.get(pathKey(d.path)) ?? diskFolder, fileName(d.path))),
    };
  }
  if (request.destinationPath) {
    const diskFolder = vmDiskFolderIn(request.destinationPath, vm);
    return { configurationPath: vmFolderIn(request.destinationPath, vm), disks: vm.disks.map((d) => joinPath(diskFolder, fileName(d.path))) };
  }
  if (request.diskDestinations) {
    const byKey = new Map(Object.entries(request.diskDestinations).map(([from, to]) => [pathKey(from), to]));
    return {
      configurationPath: request.configurationPath ?? vm.configurationPath,
      disks: vm.disks.map((d) => {
        const to = byKey.get(pathKey(d.path));
        return to === undefined ? d.path : joinPath(to, fileName(d.path));
      }),
    };
  }
  return { configurationPath: vm.configurationPath, disks: vm.disks.map((d) => d.path) };
}
