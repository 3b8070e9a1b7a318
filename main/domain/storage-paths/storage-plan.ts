import { say, text } from '../../../shared/i18n/text.js';
import type { InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { Issue } from '../../../shared/model/placement.js';
import type { DestinationUse, PlannedFileMove, StorageMovePlan, StoragePlanCheck, StoragePlanCode } from '../../../shared/model/storage.js';

export type { DestinationUse, PlannedFileMove, StorageMovePlan, StoragePlanCheck, StoragePlanCode } from '../../../shared/model/storage.js';
import { assertNever } from '../../../shared/model/result.js';
import { DEFAULT_DISK_RESERVE_MB, mbToGB } from './amounts.js';
import { checkStoragePath } from './check-storage-path.js';
import { nameKey } from './names.js';
import { describeTarget, targetText, locateStorage, toStorageIndex, type StorageIndex, type StorageTarget } from './storage-index.js';
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
  if (!vm) return result([{ code: 'vm-not-found', ...say('storagePlan.noVm', { vm: plan.vm }) }], []);

  const destinations =
    plan.scope === 'whole-vm' ? [plan.path] : [...plan.disks.map((d) => d.destination), ...(plan.configurationPath === null ? [] : [plan.configurationPath])];
  const badPaths = new Set<string>();
  for (const path of new Set(destinations)) {
    const check = checkStoragePath(vm.host, path, index);
    if (!check.valid && check.code !== null) {
      problems.push({ code: check.code, message: check.message, ...(check.text ? { text: check.text } : {}) });
      badPaths.add(path);
    }
  }

  const moves = planMoves(plan, vm, problems);
  const running = isRunningForMigration(vm);
  for (const move of moves) {
    if (move.kind !== 'disk' || !move.shared || !running) continue;
    const others = vmsSharingDisk({ path: move.from, sizeGB: move.sizeGB, shared: true }, vm, index.inventory);
    const sharers = others.length > 0 ? text('storagePlan.sharedWith', { vms: { list: others } }) : '';
    problems.push({ code: 'shared-vhdx', ...say('storagePlan.sharedVhdx', { path: move.from, sharers, vm: vm.name }) });
  }
  if (plan.scope === 'per-disk' && moves.length === 0 && problems.length === 0) {
    problems.push({ code: 'nothing-to-move', ...say('storagePlan.nothing', { vm: vm.name }) });
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
        ...say('storagePlan.insufficient', {
          where: use.descriptionText ?? use.description,
          free: { gb: use.freeGB },
          need: { gb: use.requiredGB },
          reserve: { gb: reserveGB },
          missing: { gb: needGB - use.freeGB },
        }),
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
          problems.push({ code: 'disk-not-found', ...say('storagePlan.noDisk', { path: chosen.path, vm: vm.name }) });
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
    descriptionText: text('storagePlan.targetOf', { target: targetText(target), host: host.name }),
    requiredGB: gb,
    freeGB: target.freeGB,
  }));
}
