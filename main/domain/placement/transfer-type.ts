import type { Host } from '../../../shared/model/inventory.js';
import type { TransferType } from '../../../shared/model/placement.js';
import { assertNever } from '../../../shared/model/result.js';
import { english, plural, text, type Text } from '../../../shared/i18n/text.js';
import { isSmb3OrLater } from '../storage-paths/dotted-version.js';
import { hostReachesShare, targetText, type StorageTarget } from '../storage-paths/storage-index.js';
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
  /** `why` as a catalogue sentence. */
  whyText: Text;
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
  return english(destinationText(storage));
}

/** A storage destination as a catalogue sentence. */
export function destinationText(storage: StorageDestination): Text {
  if (!storage.target) return text('storage.dest.unknown', { path: storage.path });
  const free = { gb: storage.target.freeGB };
  return pathKey(storage.path) === pathKey(storage.target.root)
    ? text('storage.dest.root', { target: targetText(storage.target), free })
    : text('storage.dest.path', { path: storage.path, target: targetText(storage.target), free });
}

/** A transfer type's name as a catalogue sentence (the code stays the same in JSON). */
export function transferTypeText(type: TransferType): Text {
  return text(`transferType.${type}`);
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

/** Which sentence says why a transfer type was chosen. */
type WhyKey = 'live-cluster' | 'live-share' | 'vsm.oldSmb' | 'vsm.noShare' | 'vsm' | 'quick' | 'network';

/**
 * A decision whose sentences are built when first read: the planner decides thousands of (VM, host) pairs and
 * shows none, so a decision is one small object and no sentence until a row is shown.
 */
class LazyDecision implements TransferDecision {
  readonly storageMoves: boolean;
  #text: Text | undefined;
  #words: string | undefined;
  constructor(
    readonly type: TransferType,
    readonly rule: TransferRule,
    private readonly facts: VmFacts,
    private readonly dest: Host,
    private readonly key: WhyKey,
  ) {
    this.storageMoves = transferMovesStorage(type);
  }
  get whyText(): Text {
    return (this.#text ??= whyText(this.facts, this.dest, this.key));
  }
  get why(): string {
    return (this.#words ??= english(this.whyText));
  }
}

/** The sentence of `key` for the VM of `f` going to `dest`. */
function whyText(f: VmFacts, dest: Host, key: WhyKey): Text {
  const { vm } = f;
  const base = { vm: vm.name, state: text(`vmState.${vm.state}`), host: dest.name, storage: f.storageText };
  const share = f.oneShare;
  switch (key) {
    case 'live-cluster':
    case 'quick':
      return text(`transfer.why.${key}`, { ...base, cluster: dest.cluster ?? '' });
    case 'live-share':
    case 'vsm.oldSmb':
      return text(`transfer.why.${key}`, { ...base, share: share?.path ?? '', version: share?.smbVersion ?? '' });
    case 'vsm.noShare':
      return text('transfer.why.vsm.noShare', { ...base, share: share?.path ?? '' });
    case 'vsm':
    case 'network':
      return text(`transfer.why.${key}`, base);
    default:
      return assertNever(key);
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
  if (f.running) {
    if (same && vm.highlyAvailable && f.onClusterStorage) return new LazyDecision('Live', 1, f, dest, 'live-cluster');
    const share = f.oneShare;
    if (share) {
      if (!isSmb3OrLater(share.smbVersion)) return new LazyDecision('Live (VSM)', 3, f, dest, 'vsm.oldSmb');
      if (hostReachesShare(dest, share, index.storage)) return new LazyDecision('Live', 2, f, dest, 'live-share');
      return new LazyDecision('Live (VSM)', 3, f, dest, 'vsm.noShare');
    }
    return new LazyDecision('Live (VSM)', 3, f, dest, 'vsm');
  }
  if (vm.state === 'Saved' && vm.highlyAvailable && same) return new LazyDecision('Quick', 4, f, dest, 'quick');
  return new LazyDecision('Network', 5, f, dest, 'network');
}

/** The decision of a VM that moves `Quick` to `dest` whatever else it could do: a drained node's saved or off HA VM. */
export function quickDecision(f: VmFacts, dest: Host): TransferDecision {
  return new LazyDecision('Quick', 4, f, dest, 'quick');
}

/** Lines for the row's transfer explanation: why this type, what is copied (GB), slots, and the HA-loss window. */
export function explainTransfer(f: VmFacts, dest: Host, decision: TransferDecision, storage: StorageDestination | null): Text[] {
  const lines = [text('transfer.line', { type: transferTypeText(decision.type), why: decision.whyText })];
  const size = { gb: f.diskGB };
  if (decision.storageMoves) {
    const vhds = plural('transfer.vhds', f.vm.disks.length);
    lines.push(
      storage ? text('transfer.copied.storage', { size, vhds, location: destinationText(storage) }) : text('transfer.copied.storageNoLocation', { size, vhds }),
    );
  } else if (decision.type === 'Live') {
    lines.push(text('transfer.copied.memory', { memory: { mb: f.vm.memoryMB }, storage: f.storageText }));
  } else {
    lines.push(text('transfer.copied.savedState', { storage: f.storageText, host: dest.name }));
  }
  if (decision.type === 'Live (VSM)') lines.push(text('transfer.vsmSlots', { source: f.source.name, host: dest.name }));
  if (f.vm.highlyAvailable && !sameCluster(f.source, dest)) lines.push(text('transfer.haLine', { window: haWindow(f, dest, decision) }));
  return lines;
}

/** The HA-loss sentence: how long the VM is not highly available while it leaves its cluster. */
export function haWindow(f: VmFacts, dest: Host, decision: TransferDecision): Text {
  const target =
    dest.cluster === null ? text('transfer.ha.standalone', { host: dest.name }) : text('transfer.ha.clustered', { host: dest.name, cluster: dest.cluster });
  const size = { gb: f.diskGB };
  switch (decision.type) {
    case 'Live':
    case 'Quick':
      return text('transfer.ha.short', { vm: f.vm.name, target });
    case 'Live (VSM)':
      return text('transfer.ha.vsm', { vm: f.vm.name, target, size });
    case 'Network':
      return text('transfer.ha.network', { vm: f.vm.name, target, size });
    default:
      return assertNever(decision.type);
  }
}
