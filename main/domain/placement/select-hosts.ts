import type { Host, InventoryDocument } from '../../../shared/model/inventory.js';
import type { VmHold } from '../../../shared/model/job.js';
import type { HostBusy, HostRating, Issue, ReasonCode } from '../../../shared/model/placement.js';
import { vmBusyIssue } from '../scheduler/vm-hold.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { DEFAULT_DISK_RESERVE_MB, mbToGB } from '../storage-paths/amounts.js';
import { byNameKey, nameKey, type ByName } from '../storage-paths/names.js';
import { defaultStorageLocation, locateStorage, targetText } from '../storage-paths/storage-index.js';
import { english, plural, text, type Text } from '../../../shared/i18n/text.js';
import { blockedBeyond, blockedBeyondDecided, blockingReasons, plainIssue, type PairInput, type ReasonInput } from './blocking-reasons.js';
import { cpuKey, toPlacementIndex, type PlacementIndex } from './placement-index.js';
import { placementWarnings } from './placement-warnings.js';
import { rateHeadroom } from './rating.js';
import { ruleReason, ruleWarning } from './placement-rule-texts.js';
import { vmPlacementRules, type Placements, type RuleFinding } from './placement-rules.js';
import { rateRules } from './rule-rating.js';
import { decideTransfer, explainTransfer, type StorageDestination, type TransferDecision } from './transfer-type.js';
import { vmFacts, type VmFacts } from './vm-facts.js';

/** What the caller knows beyond the inventory when rating hosts. */
export interface PlacementContext {
  /** Slots in use per host name (from the scheduler); a host without an entry is not busy. */
  busy?: ByName<HostBusy>;
  /** A destination path the admin chose on Select Path, per host name; other hosts use their default location. */
  destinationPaths?: ByName<string>;
  /** Space each destination keeps free when storage moves; default 100 MB. */
  diskReserveMB?: number;
  /** The job that holds the VM now (one move per VM): every host then has the `vm-busy` reason first. */
  heldBy?: VmHold | null;
  /** Where a plan has already put other VMs (VM name -> host name), for the placement rules; default: the inventory. */
  placed?: Placements;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Select Host (migration-rules.md section 2): one row per other host of the inventory for the VM named
 * `vmName` (ignoring case), sorted available first, best rated first, then by name. Pass a cached
 * `buildPlacementIndex(inventory)` instead of the inventory to rate many VMs cheaply.
 *
 * Storage checks use, for each host, the path chosen in `context.destinationPaths` when the inventory knows
 * its volume or share, else the host's first default storage location whose volume, CSV or share the
 * inventory knows; with neither, free space is not checked and the explanation says so.
 * A Paused VM is treated as running: VMM can live-migrate a paused VM.
 */
export function selectHosts(vmName: string, inventory: InventoryDocument | PlacementIndex, context: PlacementContext = {}): Result<HostRating[]> {
  const index = toPlacementIndex(inventory);
  const vm = index.storage.vms.get(nameKey(vmName));
  if (!vm) return err('vm-not-found', `No VM named "${vmName}" is in the inventory: check the name or refresh the inventory.`);
  const facts = vmFacts(vm, index);
  if (!facts) return err('vm-host-not-found', `${vm.name}'s host "${vm.host}" is not in the inventory: refresh the inventory.`, { vm: vm.name, host: vm.host });

  const busy = byNameKey(context.busy);
  const diskReserveMB = context.diskReserveMB ?? DEFAULT_DISK_RESERVE_MB;
  const rows: HostRating[] = [];
  const held = context.heldBy ? [vmBusyIssue(context.heldBy)] : [];
  const rules = vmPlacementRules(index.rules, vm.name, context.placed);
  // Available rows the rules may re-rate, with what rateRules needs.
  const rated: { row: HostRating; freeAfterMB: number; findings: RuleFinding[] }[] = [];
  for (const candidate of hostCandidates(facts, index, context)) {
    const { dest, decision, storage } = candidate;
    const findings = rules?.hasRules ? rules.findings(dest) : [];
    const ruleReasons = findings.flatMap((f) => ruleReason(f) ?? []);
    const reasons = [...held, ...candidate.reasons, ...ruleReasons];
    const available = reasons.length === 0;
    const transferExplanation = (): Text[] => explainTransfer(facts, dest, decision, storage);
    if (!available) {
      rows.push(
        explainedRow(
          { host: dest.name, cluster: dest.cluster, rating: 0, transferType: null, available, reasons, warnings: [] },
          () => [
            plural('rating.unavailable', reasons.length, { host: dest.name, vm: vm.name }),
            ...reasons.map((r) => r.text ?? text('list', { items: r.message })),
          ],
          () => [text('transfer.unavailable', { host: dest.name }), ...transferExplanation()],
        ),
      );
      continue;
    }
    const target = storage?.target ?? null;
    const { rating, explanation } = rateHeadroom({
      host: dest.name,
      vm: vm.name,
      totalMB: dest.memory.totalMB,
      availableMB: dest.memory.availableMB,
      reserveMB: dest.memory.reserveMB,
      vmMemoryMB: vm.memoryMB,
      cpuUsagePercent: dest.cpu.usagePercent,
      storage:
        target && storage
          ? {
              label: text('rating.location', { path: storage.path, target: targetText(target) }),
              freeGB: target.freeGB,
              capacityGB: target.capacityGB,
              movingGB: facts.diskGB,
              reserveGB: mbToGB(diskReserveMB),
            }
          : null,
    });
    const row = explainedRow(
      {
        host: dest.name,
        cluster: dest.cluster,
        rating,
        transferType: decision.type,
        available,
        reasons,
        warnings: [...placementWarnings({ facts, dest, decision, storage, busy }), ...findings.flatMap((f) => ruleWarning(f) ?? [])],
      },
      () => explanation,
      transferExplanation,
    );
    rows.push(row);
    rated.push({ row, freeAfterMB: dest.memory.availableMB - dest.memory.reserveMB - vm.memoryMB, findings });
  }
  if (rated.some((r) => r.findings.length > 0)) {
    const after = rateRules(rated.map(({ row, freeAfterMB, findings }) => ({ host: row.host, rating: row.rating, freeAfterMB, findings })));
    rated.forEach(({ row }, i) => {
      const { rating, explanation } = after[i];
      if (explanation.length === 0) return;
      row.rating = rating;
      // The rules' lines first: they give the rating the row shows; the headroom lines after them give the one it started from.
      row.ratingExplanation = [...explanation.map(english), ...row.ratingExplanation];
      row.ratingExplanationText = [...explanation, ...(row.ratingExplanationText ?? [])];
    });
  }
  rows.sort((a, b) => Number(b.available) - Number(a.available) || b.rating - a.rating || collator.compare(a.host, b.host));
  return ok(rows);
}

/** A row's fields but its explanations. */
type RowFields = Omit<HostRating, 'ratingExplanation' | 'transferExplanation' | 'ratingExplanationText' | 'transferExplanationText'>;

/**
 * A Select Host row whose explanations, as catalogue sentences and as English lines, are worked out when first read
 * (a Select Host of 2,500 hosts shows one row's explanation at a time), with setters for the rules' re-rating.
 * JSON takes every field through `toJSON`; what leaves the process by structured clone goes through `plainRow`.
 */
class RatedRow implements HostRating {
  host: string;
  cluster: string | null;
  rating: number;
  transferType: HostRating['transferType'];
  available: boolean;
  reasons: HostRating['reasons'];
  warnings: HostRating['warnings'];
  readonly #rating: () => Text[];
  readonly #transfer: () => Text[];
  #ratingText: Text[] | undefined;
  #transferText: Text[] | undefined;
  #ratingWords: string[] | undefined;
  #transferWords: string[] | undefined;
  constructor(fields: RowFields, rating: () => Text[], transfer: () => Text[]) {
    this.host = fields.host;
    this.cluster = fields.cluster;
    this.rating = fields.rating;
    this.transferType = fields.transferType;
    this.available = fields.available;
    this.reasons = fields.reasons;
    this.warnings = fields.warnings;
    this.#rating = rating;
    this.#transfer = transfer;
  }
  get ratingExplanationText(): Text[] {
    return (this.#ratingText ??= this.#rating());
  }
  set ratingExplanationText(value: Text[]) {
    this.#ratingText = value;
  }
  get ratingExplanation(): string[] {
    return (this.#ratingWords ??= this.ratingExplanationText.map(english));
  }
  set ratingExplanation(value: string[]) {
    this.#ratingWords = value;
  }
  get transferExplanationText(): Text[] {
    return (this.#transferText ??= this.#transfer());
  }
  set transferExplanationText(value: Text[]) {
    this.#transferText = value;
  }
  get transferExplanation(): string[] {
    return (this.#transferWords ??= this.transferExplanationText.map(english));
  }
  set transferExplanation(value: string[]) {
    this.#transferWords = value;
  }
  toJSON(): HostRating {
    return plainRow(this, true);
  }
}

function explainedRow(fields: RowFields, rating: () => Text[], transfer: () => Text[]): HostRating {
  return new RatedRow(fields, rating, transfer);
}

/**
 * A Select Host row as plain data (own properties only, every sentence rendered), for what leaves the process: with
 * its explanations, or without them (empty lists) for a grid of thousands of hosts.
 */
export function plainRow(row: HostRating, explain: boolean): HostRating {
  const plain = {
    host: row.host,
    cluster: row.cluster,
    rating: row.rating,
    transferType: row.transferType,
    available: row.available,
    reasons: row.reasons.map(plainIssue),
    warnings: row.warnings.map(plainIssue),
  };
  return explain
    ? {
        ...plain,
        ratingExplanation: row.ratingExplanation,
        transferExplanation: row.transferExplanation,
        ratingExplanationText: row.ratingExplanationText,
        transferExplanationText: row.transferExplanationText,
      }
    : { ...plain, ratingExplanation: [], transferExplanation: [] };
}

/** A destination considered for a VM: how the VM would move there, where its storage would go, and what blocks it. */
export interface HostCandidate {
  dest: Host;
  decision: TransferDecision;
  storage: StorageDestination | null;
  /** Empty when the host is available. */
  reasons: Issue<ReasonCode>[];
}

/**
 * Every other host of the inventory for the VM `facts` describes, with its transfer decision, storage
 * destination and blocking reasons, in inventory order: Select Host's rules without the sentences
 * that explain them (the planner rates thousands of pairs with it).
 */
export function hostCandidates(
  facts: VmFacts,
  index: PlacementIndex,
  context: Pick<PlacementContext, 'destinationPaths' | 'diskReserveMB'> = {},
  /** Skips hosts it answers false for, before any rule runs (a caller's cheap test of what it can't use anyway). */
  consider: (dest: Host) => boolean = () => true,
  /** When given, hosts blocked by a reason outside this set are left out, their reasons never worked out. */
  onlyBlockedBy?: ReadonlySet<ReasonCode>,
  /** The hosts to look at, in this order (default: `firstLookHosts`). */
  among?: readonly Host[],
): HostCandidate[] {
  const chosen = byNameKey(context.destinationPaths);
  const diskReserveMB = context.diskReserveMB ?? DEFAULT_DISK_RESERVE_MB;
  const out: HostCandidate[] = [];
  const hosts = among ?? firstLookHosts(facts, index, onlyBlockedBy);
  // One pair's input, reused from host to host (blockingReasons copies it for the reasons it keeps).
  const pair: PairInput = { facts, dest: facts.source, decision: null, storage: null, diskReserveMB, index };
  for (const dest of hosts) {
    if (dest === facts.source || !consider(dest)) continue;
    pair.dest = dest;
    pair.decision = null;
    pair.storage = null;
    // The checks that need no transfer decision run first, before one is made.
    if (onlyBlockedBy && blockedBeyond(pair, onlyBlockedBy)) continue;
    const decision = decideTransfer(facts, dest, index);
    const storage = decision.storageMoves ? storageDestination(dest, chosen.size ? chosen.get(nameKey(dest.name)) : undefined, index) : null;
    pair.decision = decision;
    pair.storage = storage;
    const input = pair as ReasonInput;
    if (onlyBlockedBy && blockedBeyondDecided(input, onlyBlockedBy)) continue;
    out.push({ dest, decision, storage, reasons: blockingReasons(input, onlyBlockedBy) });
  }
  return out;
}

/**
 * The hosts a VM's candidates come from, in inventory order: every host; or, when only some reasons are kept and the
 * processor's are not among them, for a running VM only the hosts it could move to live (its processor's vendor,
 * and generation unless in compatibility mode), since the others are blocked anyway.
 */
export function firstLookHosts(facts: VmFacts, index: PlacementIndex, onlyBlockedBy?: ReadonlySet<ReasonCode>): readonly Host[] {
  return onlyBlockedBy && facts.running && !onlyBlockedBy.has('processor-vendor-mismatch') && !onlyBlockedBy.has('processor-version-mismatch')
    ? (index.byCpu.get(cpuKey(facts.source, !facts.vm.processorCompatibility)) ?? [])
    : index.inventory.hosts;
}

/** Where moving storage would land on `dest` when the admin has chosen no path: its default location, if known. */
export function storageDestinationOf(dest: Host, index: PlacementIndex): StorageDestination | null {
  return storageDestination(dest, undefined, index);
}

/** Each index's hosts' default storage destinations, worked out once (the same for every VM). */
const defaults = new WeakMap<PlacementIndex, Map<Host, StorageDestination | null>>();

/** The chosen path (its space unknown when the inventory does not know its volume or share), else the host's default location. */
function storageDestination(dest: Host, chosenPath: string | undefined, index: PlacementIndex): StorageDestination | null {
  if (chosenPath !== undefined) return { path: chosenPath, target: locateStorage(dest, chosenPath, index.storage), chosen: true };
  let known = defaults.get(index);
  if (!known) {
    known = new Map();
    defaults.set(index, known);
  }
  if (!known.has(dest)) {
    const fallback = defaultStorageLocation(dest, index.storage);
    known.set(dest, fallback ? { path: fallback.path, target: fallback.target, chosen: false } : null);
  }
  return known.get(dest) ?? null;
}
