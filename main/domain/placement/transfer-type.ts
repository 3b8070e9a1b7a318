import type { Host } from '../../../shared/model/inventory.js';
import type { TransferType } from '../../../shared/model/placement.js';
import { assertNever } from '../../../shared/model/result.js';
import { formatGB, formatMB } from '../storage-paths/amounts.js';
import { isSmb3OrLater } from '../storage-paths/dotted-version.js';
import { describeTarget, hostReachesShare, type StorageTarget } from '../storage-paths/storage-index.js';
import { pathKey } from '../storage-paths/windows-path.js';
import { sameCluster, type PlacementIndex } from './placement-index.js';
import type { VmFacts } from './vm-facts.js';

/** The rule of migration-rules.md 2.2 that decided a transfer type (1 to 5, tried in that order). */
export type TransferRule = 1 | 2 | 3 | 4 | 5;

/** A transfer type with the rule that chose it and why, in words. */
export interface TransferDecision {
  type: TransferType;
  rule: TransferRule;
  /** Whether the VM's files are copied to the destination (`Live (VSM)` and `Network`). */
  storageMoves: boolean;
  why: string;
}

/** Where moving storage lands on the destination: the chosen or default location and its volume or share. */
export interface StorageDestination {
  path: string;
  /** Null when the inventory does not know the volume or share under `path`. */
  target: StorageTarget | null;
  /** True when the admin chose the path; false for the host's default location. */
  chosen: boolean;
}

/** A storage destination for a sentence: "D:\Hyper-V on volume D:\ (2470 GB free)", the root alone when the path is the root. */
export function describeDestination(storage: StorageDestination): string {
  if (!storage.target) return `${storage.path} (free space unknown)`;
  const where = pathKey(storage.path) === pathKey(storage.target.root) ? describeTarget(storage.target) : `${storage.path} on ${describeTarget(storage.target)}`;
  return `${where} (${formatGB(storage.target.freeGB)} free)`;
}

/** Whether a transfer type copies the VM's files to the destination. */
export function transferMovesStorage(type: TransferType): boolean {
  switch (type) {
    case 'Live':
    case 'Quick':
      return false;
    case 'Live (VSM)':
    case 'Network':
      return true;
    default:
      return assertNever(type);
  }
}

/**
 * Decides the transfer type for a VM to `dest` by migration-rules.md 2.2, first rule that applies:
 * 1 running, HA, same cluster, files on the cluster's storage: Live; 2 running, every file on one SMB 3.0+
 * share `dest` reaches: Live; 3 running otherwise: Live (VSM); 4 saved, HA, same cluster: Quick;
 * 5 otherwise: Network. Paused counts as running (VMM live-migrates a paused VM).
 */
export function decideTransfer(f: VmFacts, dest: Host, index: PlacementIndex): TransferDecision {
  const { vm } = f;
  const same = sameCluster(f.source, dest);
  const state = vm.state === 'Paused' ? 'paused (Ferry treats a paused VM as running: VMM live-migrates it)' : vm.state.toLowerCase();
  const decide = (type: TransferType, rule: TransferRule, why: string): TransferDecision => ({ type, rule, storageMoves: transferMovesStorage(type), why });
  if (f.running) {
    if (same && vm.highlyAvailable && f.onClusterStorage) {
      return decide('Live', 1, `${vm.name} is ${state}, highly available in ${dest.cluster}, and its files are on the cluster's storage (${f.storageDescription}), which ${dest.name} reaches.`);
    }
    const share = f.oneShare;
    if (share && isSmb3OrLater(share.smbVersion) && hostReachesShare(dest, share, index.storage)) {
      return decide('Live', 2, `${vm.name} is ${state} and every file is on ${share.path} (SMB ${share.smbVersion}), which ${dest.name} reaches.`);
    }
    return decide('Live (VSM)', 3, `${vm.name} is ${state} and ${dest.name} cannot run it from where its files are (${f.storageDescription})${vsmDetail(f, dest, index)}, so the storage is mirrored to ${dest.name} first, then memory moves.`);
  }
  if (vm.state === 'Saved' && vm.highlyAvailable && same) {
    return decide('Quick', 4, `${vm.name} is saved and highly available in ${dest.cluster}: the cluster moves the saved VM to ${dest.name} (a short outage while its state is restored).`);
  }
  return decide('Network', 5, `${vm.name} is ${state}, so it cannot be live-migrated: its files are copied over the network and it is registered on ${dest.name}. Start it first to live-migrate it instead.`);
}

function vsmDetail(f: VmFacts, dest: Host, index: PlacementIndex): string {
  const share = f.oneShare;
  if (!share) return '';
  if (!isSmb3OrLater(share.smbVersion)) return `: ${share.path} is SMB ${share.smbVersion}, older than 3.0`;
  if (!hostReachesShare(dest, share, index.storage)) return `: ${dest.name} does not reach ${share.path}`;
  return '';
}

/** Lines for the row's transfer explanation: why this type, what is copied (GB), slots, and the HA-loss window. */
export function explainTransfer(f: VmFacts, dest: Host, decision: TransferDecision, storage: StorageDestination | null): string[] {
  const lines = [`${decision.type} (rule ${decision.rule} of 2.2): ${decision.why}`];
  if (decision.storageMoves) {
    const where = storage ? ` to ${describeDestination(storage)}` : ' (no destination location is known: choose one on Select Path)';
    lines.push(`Copied: ${formatGB(f.diskGB)} of virtual disks (${f.vm.disks.length} VHDs, plus the configuration files)${where}.`);
  } else if (decision.type === 'Live') {
    lines.push(`Copied: nothing on disk; only memory (${formatMB(f.vm.memoryMB)}) and device state move, the files stay on ${f.storageDescription}.`);
  } else {
    lines.push(`Copied: nothing; the files stay on ${f.storageDescription} and the cluster moves the saved state to ${dest.name}.`);
  }
  if (decision.type === 'Live (VSM)') lines.push(`The move takes one live and one storage slot on both ${f.source.name} and ${dest.name}.`);
  if (f.vm.highlyAvailable && !sameCluster(f.source, dest)) lines.push(haWindow(f, dest, decision));
  return lines;
}

/** The HA-loss sentence: how long the VM is not highly available while it leaves its cluster. */
export function haWindow(f: VmFacts, dest: Host, decision: TransferDecision): string {
  const target = dest.cluster === null ? `standalone host ${dest.name}` : `${dest.name} in ${dest.cluster}`;
  switch (decision.type) {
    case 'Live':
    case 'Quick':
      return `High availability: ${f.vm.name} is not highly available while it moves to ${target}; with shared storage the window is short (only the memory copy).`;
    case 'Live (VSM)':
      return `High availability: ${f.vm.name} is not highly available while it moves to ${target}; with Live (VSM) the window lasts the whole storage copy (${formatGB(f.diskGB)}).`;
    case 'Network':
      return `High availability: ${f.vm.name} is not highly available from the start of the copy (${formatGB(f.diskGB)}) until it is made highly available again on ${target}.`;
    default:
      return assertNever(decision.type);
  }
}
