import type { InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { Issue } from '../../../shared/model/placement.js';
import type { DestinationUse, PlannedFileMove, StorageMovePlan, StoragePlanCheck, StoragePlanCode } from '../../../shared/model/storage.js';

export type { DestinationUse, PlannedFileMove, StorageMovePlan, StoragePlanCheck, StoragePlanCode } from '../../../shared/model/storage.js';
import { assertNever } from '../../../shared/model/result.js';
import { DEFAULT_DISK_RESERVE_MB, formatGB, mbToGB } from './amounts.js';
import { checkStoragePath } from './check-storage-path.js';
import { nameKey } from './names.js';
import { describeTarget, locateStorage, toStorageIndex, type StorageIndex, type StorageTarget } from './storage-index.js';
import { isRunningForMigration, vmDiskFolderIn, vmFolderIn, vmsSharingDisk } from './vm-storage.js';
import { fileName, joinPath, pathKey } from './windows-path.js';

/** Options of a plan check. */
export interface StoragePlanOptions {
  /** Space each destination keeps free; default 100 MB. */
  diskReserveMB?: number;
}

/**
 * Checks a storage migration plan before Move: every destination path (section 3's rules), a shared VHDX may
 * not move while the VM runs (`shared-vhdx`; its other files may), and each destination volume or share must
 * hold what lands on it plus the disk reserve (`insufficient-storage`). Paused counts as running. Chosen VHDs may
 * move alone, the configuration staying where it is, whether the VM runs or not (section 3: moving the
 * configuration too is the admin's choice, never a condition; Move-VMStorage -Vhds does it).
 */
export function checkStoragePlan(plan: StorageMovePlan, inventory: InventoryDocument | StorageIndex, options: StoragePlanOptions = {}): StoragePlanCheck {
  const index = toStorageIndex(inventory);
  const problems: Issue<StoragePlanCode>[] = [];
  const vm = index.vms.get(nameKey(plan.vm));
  if (!vm) return result([{ code: 'vm-not-found', message: `No VM named "${plan.vm}" is in the inventory: refresh the inventory and pick the VM again.` }], []);

  const destinations =
    plan.scope === 'whole-vm' ? [plan.path] : [...plan.disks.map((d) => d.destination), ...(plan.configurationPath === null ? [] : [plan.configurationPath])];
  const badPaths = new Set<string>();
  for (const path of new Set(destinations)) {
    const check = checkStoragePath(vm.host, path, index);
    if (!check.valid && check.code !== null) {
      problems.push({ code: check.code, message: check.message });
      badPaths.add(path);
    }
  }

  const moves = planMoves(plan, vm, problems);
  const running = isRunningForMigration(vm);
  for (const move of moves) {
    if (move.kind !== 'disk' || !move.shared || !running) continue;
    const others = vmsSharingDisk({ path: move.from, sizeGB: move.sizeGB, shared: true }, vm, index.inventory);
    const sharers = others.length > 0 ? ` (shared with ${others.join(', ')})` : '';
    problems.push({
      code: 'shared-vhdx',
      message: `${move.from} is a shared VHDX${sharers} and cannot move while ${vm.name} runs: leave it where it is and move the other files (place VHDs individually), or shut down the VMs that share it first.`,
    });
  }
  if (plan.scope === 'per-disk' && moves.length === 0 && problems.length === 0) {
    problems.push({
      code: 'nothing-to-move',
      message: `The plan moves none of ${vm.name}'s files: choose a new folder for at least one VHD or for the configuration.`,
    });
  }

  const uses = destinationUses(
    vm,
    moves.filter((m) => !badPaths.has(m.destination)),
    index,
  );
  const reserveGB = mbToGB(options.diskReserveMB ?? DEFAULT_DISK_RESERVE_MB);
  for (const use of uses) {
    const needGB = use.requiredGB + reserveGB;
    if (use.freeGB < needGB) {
      problems.push({
        code: 'insufficient-storage',
        message: `${use.description} has ${formatGB(use.freeGB)} free; the files moving there need ${formatGB(use.requiredGB)} plus the ${formatGB(reserveGB)} disk reserve: ${formatGB(needGB - use.freeGB)} missing. Free space there or pick another location.`,
      });
    }
  }
  return result(problems, moves, uses);
}

function result(problems: Issue<StoragePlanCode>[], moves: PlannedFileMove[], destinations: DestinationUse[] = []): StoragePlanCheck {
  return { valid: problems.length === 0, problems, moves, destinations };
}

function planMoves(plan: StorageMovePlan, vm: Vm, problems: Issue<StoragePlanCode>[]): PlannedFileMove[] {
  switch (plan.scope) {
    case 'whole-vm': {
      const folder = vmFolderIn(plan.path, vm);
      const diskFolder = vmDiskFolderIn(plan.path, vm);
      const all: PlannedFileMove[] = [
        { kind: 'configuration', from: vm.configurationPath, to: folder, destination: plan.path, sizeGB: 0, shared: false },
        ...vm.disks.map((d) => ({
          kind: 'disk' as const,
          from: d.path,
          to: joinPath(diskFolder, fileName(d.path)),
          destination: plan.path,
          sizeGB: d.sizeGB,
          shared: d.shared,
        })),
      ];
      return all.filter((m) => pathKey(m.from) !== pathKey(m.to));
    }
    case 'per-disk': {
      const moves: PlannedFileMove[] = [];
      if (plan.configurationPath !== null && pathKey(plan.configurationPath) !== pathKey(vm.configurationPath)) {
        moves.push({
          kind: 'configuration',
          from: vm.configurationPath,
          to: plan.configurationPath,
          destination: plan.configurationPath,
          sizeGB: 0,
          shared: false,
        });
      }
      for (const chosen of plan.disks) {
        const disk = vm.disks.find((d) => pathKey(d.path) === pathKey(chosen.path));
        if (!disk) {
          problems.push({ code: 'disk-not-found', message: `${chosen.path} is not a disk of ${vm.name}: refresh the VM and choose its disks again.` });
          continue;
        }
        const to = joinPath(chosen.destination, fileName(disk.path));
        if (pathKey(to) !== pathKey(disk.path))
          moves.push({ kind: 'disk', from: disk.path, to, destination: chosen.destination, sizeGB: disk.sizeGB, shared: disk.shared });
      }
      return moves;
    }
    default:
      return assertNever(plan);
  }
}

/** Sums what lands on each destination volume or share; shares the inventory does not know are skipped. */
function destinationUses(vm: Vm, moves: readonly PlannedFileMove[], index: StorageIndex): DestinationUse[] {
  const host = index.hosts.get(nameKey(vm.host));
  if (!host) return [];
  const byRoot = new Map<string, { target: StorageTarget; gb: number }>();
  for (const move of moves) {
    const target = locateStorage(host, move.to, index);
    if (!target) continue;
    const k = pathKey(target.root);
    const entry = byRoot.get(k) ?? { target, gb: 0 };
    entry.gb += move.sizeGB;
    byRoot.set(k, entry);
  }
  return [...byRoot.values()].map(({ target, gb }) => ({
    root: target.root,
    description: `${describeTarget(target)} of ${host.name}`,
    requiredGB: gb,
    freeGB: target.freeGB,
  }));
}
