import type { Host } from '../../../shared/model/inventory.js';
import type { Issue, ReasonCode } from '../../../shared/model/placement.js';
import { english, plural, text, type Text } from '../../../shared/i18n/text.js';
import { mbToGB } from '../storage-paths/amounts.js';
import { sameName } from '../storage-paths/names.js';
import { hostReachesShare } from '../storage-paths/storage-index.js';
import { configVersionsText, hostRunsConfigVersion, oldestOsRunning } from './config-versions.js';
import { sameCluster, type PlacementIndex } from './placement-index.js';
import { destinationText, type StorageDestination, type TransferDecision } from './transfer-type.js';
import type { VmFacts } from './vm-facts.js';

/** What the blocking checks of one (VM, destination) pair look at. */
export interface ReasonInput {
  facts: VmFacts;
  dest: Host;
  /** The transfer type the destination would get (decides whether storage moves). */
  decision: TransferDecision;
  /** Where moving storage would land; null when storage does not move or no location is known. */
  storage: StorageDestination | null;
  diskReserveMB: number;
  index: PlacementIndex;
}

/** A check of migration-rules.md 2.1: whether it blocks the pair (cheap, no sentence), and its sentence when it does. */
interface Check {
  code: ReasonCode;
  /** It reads the transfer decision or the storage destination (the others can run before either is made). */
  decided?: true;
  blocks: (input: ReasonInput) => boolean;
  says: (input: ReasonInput) => Text;
}

/** The shares a highly available VM uses that `dest`, a node of its cluster, does not reach (its UNC roots). */
function sharesUnreached({ facts, dest, index }: ReasonInput): string[] {
  if (!facts.vm.highlyAvailable || !sameCluster(facts.source, dest)) return [];
  return [...facts.sharesUsed.filter((s) => !hostReachesShare(dest, s, index.storage)).map((s) => s.path), ...facts.unknownShares];
}

/** One check per code of migration-rules.md 2.1, in the table's order. */
const CHECKS: readonly Check[] = [
  {
    code: 'host-not-responding',
    blocks: ({ dest }) => dest.state !== 'Responding',
    says: ({ dest }) => text(dest.state === 'Updating' ? 'reason.host-updating' : 'reason.host-not-responding', { host: dest.name }),
  },
  {
    code: 'maintenance-mode',
    blocks: ({ dest }) => dest.maintenanceMode,
    says: ({ dest }) => text('reason.maintenance-mode', { host: dest.name }),
  },
  {
    code: 'live-migration-disabled',
    blocks: ({ facts, dest }) => facts.running && (!facts.source.liveMigration.enabled || !dest.liveMigration.enabled),
    says: ({ facts, dest }) => {
      const off = [
        ...(facts.source.liveMigration.enabled ? [] : [text('reason.role.source', { host: facts.source.name })]),
        ...(dest.liveMigration.enabled ? [] : [text('reason.role.destination', { host: dest.name })]),
      ];
      return plural('reason.live-migration-disabled', off.length, { hosts: { list: off } });
    },
  },
  {
    code: 'processor-vendor-mismatch',
    blocks: ({ facts, dest }) => facts.running && !sameName(facts.source.cpu.vendor, dest.cpu.vendor),
    says: ({ facts, dest }) =>
      text('reason.processor-vendor-mismatch', { vm: facts.vm.name, sourceVendor: facts.source.cpu.vendor, host: dest.name, destVendor: dest.cpu.vendor }),
  },
  {
    code: 'processor-version-mismatch',
    blocks: ({ facts, dest }) =>
      facts.running &&
      sameName(facts.source.cpu.vendor, dest.cpu.vendor) &&
      !sameName(facts.source.cpu.generation, dest.cpu.generation) &&
      !facts.vm.processorCompatibility,
    says: ({ facts, dest }) =>
      text('reason.processor-version-mismatch', {
        source: facts.source.name,
        sourceGeneration: facts.source.cpu.generation,
        host: dest.name,
        destGeneration: dest.cpu.generation,
        vm: facts.vm.name,
      }),
  },
  {
    code: 'config-version-unsupported',
    blocks: ({ facts, dest }) => !hostRunsConfigVersion(dest, facts.vm.configVersion),
    says: ({ facts, dest, index }) =>
      text('reason.config-version-unsupported', {
        vm: facts.vm.name,
        version: facts.vm.configVersion,
        host: dest.name,
        versions: configVersionsText(dest),
        fix: configVersionFix(facts.vm.configVersion, facts.source, index),
      }),
  },
  {
    code: 'compatibility-vector-stale',
    blocks: ({ facts, dest }) => {
      const cluster = facts.sourceCluster;
      const vector = facts.vm.compatibilityVector;
      return cluster !== null && sameCluster(facts.source, dest) && vector !== null && vector < cluster.functionalLevel;
    },
    says: ({ facts }) =>
      text('reason.compatibility-vector-stale', {
        vm: facts.vm.name,
        cluster: facts.sourceCluster?.name ?? '',
        vector: facts.vm.compatibilityVector ?? 0,
        level: facts.sourceCluster?.functionalLevel ?? 0,
      }),
  },
  {
    code: 'insufficient-memory',
    blocks: ({ facts, dest }) => dest.memory.availableMB - dest.memory.reserveMB < facts.vm.memoryMB,
    says: ({ facts, dest }) => {
      const haveMB = dest.memory.availableMB - dest.memory.reserveMB;
      const needMB = facts.vm.memoryMB;
      return text('reason.insufficient-memory', {
        vm: facts.vm.name,
        need: { mb: needMB },
        host: dest.name,
        available: { mb: dest.memory.availableMB },
        reserve: { mb: dest.memory.reserveMB },
        have: { mb: haveMB },
        missing: { mb: needMB - haveMB },
      });
    },
  },
  {
    code: 'insufficient-storage',
    decided: true,
    blocks: ({ facts, decision, storage, diskReserveMB }) =>
      decision.storageMoves && !!storage?.target && storage.target.freeGB < facts.diskGB + mbToGB(diskReserveMB),
    says: ({ facts, dest, storage, diskReserveMB }) => {
      const needGB = facts.diskGB + mbToGB(diskReserveMB);
      return text('reason.insufficient-storage', {
        location: destinationText(storage as StorageDestination),
        host: dest.name,
        vm: facts.vm.name,
        need: { gb: facts.diskGB },
        reserve: { mb: diskReserveMB },
        missing: { gb: needGB - (storage?.target?.freeGB ?? 0) },
      });
    },
  },
  {
    code: 'shared-vhdx',
    decided: true,
    blocks: ({ facts, decision }) => decision.storageMoves && facts.running && facts.sharedDisks.length > 0,
    says: ({ facts }) => text('reason.shared-vhdx', { vm: facts.vm.name, paths: { list: facts.sharedDisks.map((d) => d.path) } }),
  },
  {
    code: 'storage-unreachable',
    blocks: ({ facts, dest, index }) =>
      facts.vm.highlyAvailable &&
      sameCluster(facts.source, dest) &&
      (facts.unknownShares.length > 0 || facts.sharesUsed.some((s) => !hostReachesShare(dest, s, index.storage))),
    says: (input) => text('reason.storage-unreachable', { host: input.dest.name, paths: { list: sharesUnreached(input) }, vm: input.facts.vm.name }),
  },
];

/** The checks of each set of codes a caller keeps (the planner keeps one or two sets for every pair). */
const subsets = new WeakMap<ReadonlySet<ReasonCode>, readonly Check[]>();

function checksIn(codes: ReadonlySet<ReasonCode>): readonly Check[] {
  let checks = subsets.get(codes);
  if (!checks) subsets.set(codes, (checks = CHECKS.filter((c) => codes.has(c.code))));
  return checks;
}

/** The checks that run before a transfer decision is made, and those that need it. */
const EARLY_CHECKS = CHECKS.filter((c) => !c.decided);
const DECIDED_CHECKS = CHECKS.filter((c) => c.decided);

/** Per index: for each configuration version, a host of the inventory that runs it (null for none). */
const runnersOf = new WeakMap<PlacementIndex, Map<string, Host | null>>();

/**
 * The fix for a VM version a host cannot run that can exist: another host of the inventory that runs it;
 * else the oldest Windows Server that would; else none Ferry knows. Never "pick a newer host" when there is none.
 */
function configVersionFix(version: string, source: Host, index: PlacementIndex): Text {
  let known = runnersOf.get(index);
  if (!known) runnersOf.set(index, (known = new Map()));
  if (!known.has(version)) known.set(version, index.inventory.hosts.find((h) => h !== source && hostRunsConfigVersion(h, version)) ?? null);
  const example = known.get(version) ?? null;
  if (example) return text('reason.config-fix.otherHost', { version, example: example.name });
  const os = oldestOsRunning(version);
  return os ? text('reason.config-fix.newerOs', { version, os }) : text('reason.config-fix.none', { version });
}

/**
 * Every blocking reason of migration-rules.md 2.1 that applies to the pair, not only the first (of those in `only`,
 * when given). Their sentences are built when first read: pass them through `plainIssue` before they leave the
 * process by structured clone (JSON reads them through `toJSON`).
 */
export function blockingReasons(input: ReasonInput, only?: ReadonlySet<ReasonCode>): Issue<ReasonCode>[] {
  let reasons: Issue<ReasonCode>[] | null = null;
  // The caller may reuse `input` for its next pair: the sentences, built later, read a copy.
  let kept: ReasonInput | null = null;
  for (const check of only ? checksIn(only) : CHECKS) {
    if (!check.blocks(input)) continue;
    kept ??= { facts: input.facts, dest: input.dest, decision: input.decision, storage: input.storage, diskReserveMB: input.diskReserveMB, index: input.index };
    (reasons ??= []).push(new PendingReason(check, kept));
  }
  return reasons ?? NO_REASONS;
}

/** The reasons of an available pair: one shared, frozen empty list. */
const NO_REASONS = Object.freeze([]) as unknown as Issue<ReasonCode>[];

/**
 * A blocking reason whose sentence is built, and its English words rendered, when first read: the planner weighs
 * hundreds of thousands of (VM, host) pairs and reads the sentences of only the few it reports. One small object.
 */
class PendingReason implements Issue<ReasonCode> {
  readonly code: ReasonCode;
  readonly #check: Check;
  readonly #pair: ReasonInput;
  #text: Text | undefined;
  #message: string | undefined;
  constructor(check: Check, pair: ReasonInput) {
    this.code = check.code;
    this.#check = check;
    this.#pair = pair;
  }
  get text(): Text {
    return (this.#text ??= this.#check.says(this.#pair));
  }
  get message(): string {
    return (this.#message ??= english(this.text));
  }
  toJSON(): Issue<ReasonCode> {
    return plainIssue(this);
  }
}

/** An issue as plain data (own properties, its words rendered): what leaves the process by JSON or structured clone. */
export function plainIssue<C extends string>(issue: Issue<C>): Issue<C> {
  return issue.text === undefined ? { code: issue.code, message: issue.message } : { code: issue.code, message: issue.message, text: issue.text };
}

/**
 * Whether any reason but those `ignored` blocks the pair, without a sentence: the planner's first look at
 * thousands of pairs, most of which it never reports.
 */
export function blockedBeyond(input: PairInput, ignored: ReadonlySet<ReasonCode>): boolean {
  for (const check of input.decision === null ? EARLY_CHECKS : CHECKS) if (!ignored.has(check.code) && check.blocks(input as ReasonInput)) return true;
  return false;
}

/**
 * Whether a check that reads the transfer decision blocks the pair: the rest of `blockedBeyond` once the decision
 * is made, for a pair that passed its early checks.
 */
export function blockedBeyondDecided(input: ReasonInput, ignored: ReadonlySet<ReasonCode>): boolean {
  for (const check of DECIDED_CHECKS) if (!ignored.has(check.code) && check.blocks(input)) return true;
  return false;
}

/** A pair whose transfer decision may not be made yet (null): then only the checks that don't read it run. */
export type PairInput = Omit<ReasonInput, 'decision'> & { decision: TransferDecision | null };
