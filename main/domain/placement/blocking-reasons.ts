import type { Host } from '../../../shared/model/inventory.js';
import type { Issue, ReasonCode } from '../../../shared/model/placement.js';
import { english, plural, text, type Text } from '../../../shared/i18n/text.js';
import { mbToGB } from '../storage-paths/amounts.js';
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

type Check = (input: ReasonInput) => Text | null;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** One check per code of migration-rules.md 2.1, in the table's order; each returns its sentence or null. */
const CHECKS: readonly (readonly [ReasonCode, Check])[] = [
  [
    'host-not-responding',
    ({ dest }) =>
      dest.state === 'Responding' ? null : text(dest.state === 'Updating' ? 'reason.host-updating' : 'reason.host-not-responding', { host: dest.name }),
  ],
  ['maintenance-mode', ({ dest }) => (dest.maintenanceMode ? text('reason.maintenance-mode', { host: dest.name }) : null)],
  [
    'live-migration-disabled',
    ({ facts, dest }) => {
      if (!facts.running) return null;
      const off = [
        ...(facts.source.liveMigration.enabled ? [] : [text('reason.role.source', { host: facts.source.name })]),
        ...(dest.liveMigration.enabled ? [] : [text('reason.role.destination', { host: dest.name })]),
      ];
      if (off.length === 0) return null;
      return plural('reason.live-migration-disabled', off.length, { hosts: { list: off } });
    },
  ],
  [
    'processor-vendor-mismatch',
    ({ facts, dest }) =>
      facts.running && !same(facts.source.cpu.vendor, dest.cpu.vendor)
        ? text('reason.processor-vendor-mismatch', { vm: facts.vm.name, sourceVendor: facts.source.cpu.vendor, host: dest.name, destVendor: dest.cpu.vendor })
        : null,
  ],
  [
    'processor-version-mismatch',
    ({ facts, dest }) =>
      facts.running &&
      same(facts.source.cpu.vendor, dest.cpu.vendor) &&
      !same(facts.source.cpu.generation, dest.cpu.generation) &&
      !facts.vm.processorCompatibility
        ? text('reason.processor-version-mismatch', {
            source: facts.source.name,
            sourceGeneration: facts.source.cpu.generation,
            host: dest.name,
            destGeneration: dest.cpu.generation,
            vm: facts.vm.name,
          })
        : null,
  ],
  [
    'config-version-unsupported',
    ({ facts, dest, index }) =>
      hostRunsConfigVersion(dest, facts.vm.configVersion)
        ? null
        : text('reason.config-version-unsupported', {
            vm: facts.vm.name,
            version: facts.vm.configVersion,
            host: dest.name,
            versions: configVersionsText(dest),
            fix: configVersionFix(facts.vm.configVersion, facts.source, index),
          }),
  ],
  [
    'compatibility-vector-stale',
    ({ facts, dest }) => {
      const cluster = facts.sourceCluster;
      const vector = facts.vm.compatibilityVector;
      if (!cluster || !sameCluster(facts.source, dest) || vector === null || vector >= cluster.functionalLevel) return null;
      return text('reason.compatibility-vector-stale', { vm: facts.vm.name, cluster: cluster.name, vector, level: cluster.functionalLevel });
    },
  ],
  [
    'insufficient-memory',
    ({ facts, dest }) => {
      const haveMB = dest.memory.availableMB - dest.memory.reserveMB;
      const needMB = facts.vm.memoryMB;
      if (haveMB >= needMB) return null;
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
  ],
  [
    'insufficient-storage',
    ({ facts, dest, decision, storage, diskReserveMB }) => {
      if (!decision.storageMoves || !storage?.target) return null;
      const reserveGB = mbToGB(diskReserveMB);
      const needGB = facts.diskGB + reserveGB;
      const freeGB = storage.target.freeGB;
      if (freeGB >= needGB) return null;
      return text('reason.insufficient-storage', {
        location: destinationText(storage),
        host: dest.name,
        vm: facts.vm.name,
        need: { gb: facts.diskGB },
        reserve: { mb: diskReserveMB },
        missing: { gb: needGB - freeGB },
      });
    },
  ],
  [
    'shared-vhdx',
    ({ facts, decision }) =>
      decision.storageMoves && facts.running && facts.sharedDisks.length > 0
        ? text('reason.shared-vhdx', { vm: facts.vm.name, paths: { list: facts.sharedDisks.map((d) => d.path) } })
        : null,
  ],
  [
    'storage-unreachable',
    ({ facts, dest, index }) => {
      if (!facts.vm.highlyAvailable || !sameCluster(facts.source, dest)) return null;
      const missing = [...facts.sharesUsed.filter((s) => !hostReachesShare(dest, s, index.storage)).map((s) => s.path), ...facts.unknownShares];
      if (missing.length === 0) return null;
      return text('reason.storage-unreachable', { host: dest.name, paths: { list: missing }, vm: facts.vm.name });
    },
  ],
];

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

/** Every blocking reason of migration-rules.md 2.1 that applies to the pair, not only the first. */
export function blockingReasons(input: ReasonInput): Issue<ReasonCode>[] {
  const reasons: Issue<ReasonCode>[] = [];
  for (const [code, check] of CHECKS) {
    const sentence = check(input);
    if (sentence !== null) reasons.push(lazyIssue(code, sentence));
  }
  return reasons;
}

/**
 * A reason whose English words are rendered when first read: the planner weighs thousands of (VM, host) pairs
 * and reads the sentences of only the few it reports.
 */
function lazyIssue(code: ReasonCode, sentence: Text): Issue<ReasonCode> {
  let message: string | undefined;
  return {
    code,
    get message(): string {
      return (message ??= english(sentence));
    },
    text: sentence,
  };
}
