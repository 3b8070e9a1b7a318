import type { Host } from '../../../shared/model/inventory.js';
import type { Issue, ReasonCode } from '../../../shared/model/placement.js';
import { formatGB, formatMB, mbToGB } from '../storage-paths/amounts.js';
import { hostReachesShare } from '../storage-paths/storage-index.js';
import { describeConfigVersions, hostRunsConfigVersion } from './config-versions.js';
import { sameCluster, type PlacementIndex } from './placement-index.js';
import { describeDestination, type StorageDestination, type TransferDecision } from './transfer-type.js';
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

type Check = (input: ReasonInput) => string | null;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** One check per code of migration-rules.md 2.1, in the table's order; each returns its sentence or null. */
const CHECKS: readonly (readonly [ReasonCode, Check])[] = [
  ['host-not-responding', ({ dest }) =>
    dest.state === 'Responding' ? null
      : `${dest.name} is ${dest.state === 'Updating' ? 'updating' : 'not responding'} and cannot be reached: refresh the host, or check that the VMM agent and WinRM are running on it.`],
  ['maintenance-mode', ({ dest }) =>
    dest.maintenanceMode ? `${dest.name} is in maintenance mode: stop maintenance mode on it first, or pick another host.` : null],
  ['live-migration-disabled', ({ facts, dest }) => {
    if (!facts.running) return null;
    const off = [
      ...(facts.source.liveMigration.enabled ? [] : [`${facts.source.name} (the source)`]),
      ...(dest.liveMigration.enabled ? [] : [`${dest.name} (the destination)`]),
    ];
    if (off.length === 0) return null;
    return `Live migration is disabled on ${off.join(' and ')}: enable incoming and outgoing live migrations in ${off.length > 1 ? 'each host\'s' : 'that host\'s'} Hyper-V settings (Live Migrations).`;
  }],
  ['processor-vendor-mismatch', ({ facts, dest }) =>
    facts.running && !same(facts.source.cpu.vendor, dest.cpu.vendor)
      ? `${facts.vm.name} runs on ${facts.source.cpu.vendor} and ${dest.name} is ${dest.cpu.vendor}: a running VM can never move across CPU vendors. Shut it down and use a network move.`
      : null],
  ['processor-version-mismatch', ({ facts, dest }) =>
    facts.running && same(facts.source.cpu.vendor, dest.cpu.vendor) && !same(facts.source.cpu.generation, dest.cpu.generation) && !facts.vm.processorCompatibility
      ? `${facts.source.name} is ${facts.source.cpu.generation} and ${dest.name} is ${dest.cpu.generation}, and ${facts.vm.name} has processor compatibility off: shut the VM down and enable "Migrate to a physical computer with a different processor version", then migrate.`
      : null],
  ['config-version-unsupported', ({ facts, dest }) =>
    hostRunsConfigVersion(dest, facts.vm.configVersion) ? null
      : `${facts.vm.name} has configuration version ${facts.vm.configVersion}; ${dest.name} runs ${describeConfigVersions(dest)}: the destination's Windows Server version cannot run this VM version. Pick a newer host.`],
  ['compatibility-vector-stale', ({ facts, dest }) => {
    const cluster = facts.sourceCluster;
    const vector = facts.vm.compatibilityVector;
    if (!cluster || !sameCluster(facts.source, dest) || vector === null || vector >= cluster.functionalLevel) return null;
    return `${facts.vm.name}'s compatibility vector is ${vector}, older than ${cluster.name}'s functional level ${cluster.functionalLevel} (it came from an older cluster and has not restarted since): restart the VM to refresh its Msvm_CompatibilityVector, then migrate.`;
  }],
  ['insufficient-memory', ({ facts, dest }) => {
    const haveMB = dest.memory.availableMB - dest.memory.reserveMB;
    const needMB = facts.vm.memoryMB;
    if (haveMB >= needMB) return null;
    return `${facts.vm.name} needs ${formatMB(needMB)}; ${dest.name} has ${formatMB(dest.memory.availableMB)} available − ${formatMB(dest.memory.reserveMB)} reserve = ${formatMB(haveMB)}: ${formatMB(needMB - haveMB)} (${formatGB(mbToGB(needMB - haveMB))}) missing. Free memory on ${dest.name} or pick a host with more available memory.`;
  }],
  ['insufficient-storage', ({ facts, dest, decision, storage, diskReserveMB }) => {
    if (!decision.storageMoves || !storage?.target) return null;
    const reserveGB = mbToGB(diskReserveMB);
    const needGB = facts.diskGB + reserveGB;
    const freeGB = storage.target.freeGB;
    if (freeGB >= needGB) return null;
    return `${describeDestination(storage)} on ${dest.name} is too small: ${facts.vm.name}'s files need ${formatGB(facts.diskGB)} plus the ${formatMB(diskReserveMB)} disk reserve: ${formatGB(needGB - freeGB)} missing. Choose another location on Select Path or free space there.`;
  }],
  ['shared-vhdx', ({ facts, decision }) =>
    decision.storageMoves && facts.running && facts.sharedDisks.length > 0
      ? `${facts.vm.name} has shared VHDX ${facts.sharedDisks.map((d) => d.path).join(', ')}, and a shared VHDX cannot be moved live: shut down the VMs that share it and move the file, or move the other files only (Migrate Storage, VHDs placed individually).`
      : null],
  ['storage-unreachable', ({ facts, dest, index }) => {
    if (!facts.vm.highlyAvailable || !sameCluster(facts.source, dest)) return null;
    const missing = [...facts.sharesUsed.filter((s) => !hostReachesShare(dest, s, index.storage)).map((s) => s.path), ...facts.unknownShares];
    if (missing.length === 0) return null;
    return `${dest.name} cannot reach ${missing.join(', ')}, where ${facts.vm.name}'s files are: connect the node to the share (give its computer account access and add it to the host's file shares) or to the CSV, then refresh it.`;
  }],
];

/** Every blocking reason of migration-rules.md 2.1 that applies to the pair, not only the first. */
export function blockingReasons(input: ReasonInput): Issue<ReasonCode>[] {
  const reasons: Issue<ReasonCode>[] = [];
  for (const [code, check] of CHECKS) {
    const message = check(input);
    if (message !== null) reasons.push({ code, message });
  }
  return reasons;
}
