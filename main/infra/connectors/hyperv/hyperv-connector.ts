import { text, type Text } from '../../../../shared/i18n/text.js';
import { jobError, jobErrorOf, type JobError } from '../../../../shared/model/job.js';
import type { Host, InventoryDocument, LiveMigrationSettings, Vm } from '../../../../shared/model/inventory.js';
import type {
  ConnectorResult,
  HostConnector,
  MoveOutcome,
  MoveProgress,
  MoveRequest,
  RunningMove,
  VmPlacement,
  AffinityRuleChange,
} from '../../../domain/connector/host-connector.js';
import { movePhases, type PhaseKey } from '../../../domain/simulation/move-phases.js';
import { nameKey } from '../../../domain/storage-paths/names.js';
import { pathKey } from '../../../domain/storage-paths/windows-path.js';
import { err, type Result } from '../../../../shared/model/result.js';
import { mapHyperVError, mapRunFailure, type FailureContext, type MappedFailure } from './error-map.js';
import { hostGroupRecords, type HostGroupRead } from './inventory-parser.js';
import type { PowerShellRunner, PsOutcome } from './powershell-runner.js';
import type { PsRecord, PsTarget } from './scripts.js';

/** How a host group's hosts are reached, or why they can't be (a password this process can't read). */
export type TargetResolver = (hostGroup: string) => Result<PsTarget>;

/** What the Hyper-V connector needs. */
export interface HyperVConnectorOptions {
  inventory: () => InventoryDocument;
  runner: PowerShellRunner;
  targetFor: TargetResolver;
  /** Seconds between polls of a move's job (default 2). */
  pollSeconds?: number;
  /** Time source for throughput and ETA (tests pass a fake one). */
  now?: () => number;
}

/** A VM's files and memory, for estimating bytes sent and splitting a VSM's progress. */
interface MoveAmounts {
  memoryBytes: number;
  diskBytes: number;
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** The share of a move's progress each phase takes; the transfer phases share what is left. */
const FIXED_WEIGHT: Partial<Record<PhaseKey, number>> = { validate: 3, 'switch-over': 4, 'clean-up': 2, register: 3 };

/** Joins a Windows folder and a file name. */
const windowsJoin = (folder: string, file: string): string => `${folder.replace(/[\\/]+$/, '')}\\${file}`;
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/**
 * The Hyper-V connector: runs Ferry's fixed PowerShell scripts (resources/scripts/hyperv) against real
 * hosts, from a Windows workstation. Every value travels as JSON data on the script's standard input;
 * progress comes back as records, failures as Hyper-V's words mapped to a problem and a fix.
 */
export class HyperVConnector implements HostConnector {
  private readonly inventory: () => InventoryDocument;
  private readonly runner: PowerShellRunner;
  private readonly targetFor: TargetResolver;
  private readonly pollSeconds: number;
  private readonly now: () => number;

  constructor(options: HyperVConnectorOptions) {
    this.inventory = options.inventory;
    this.runner = options.runner;
    this.targetFor = options.targetFor;
    this.pollSeconds = options.pollSeconds ?? 2;
    this.now = options.now ?? Date.now;
  }

  /** Starts a VM with Start-VM on its host. */
  vmStart(vm: string, host: string): Promise<ConnectorResult> {
    return this.vmState('start', vm, host);
  }

  /** Saves a VM's state with Save-VM on its host. */
  vmSave(vm: string, host: string): Promise<ConnectorResult> {
    return this.vmState('save', vm, host);
  }

  /** Start-VM or Save-VM through one fixed script; the action is one of two words, never inventory data. */
  private async vmState(action: 'start' | 'save', vm: string, host: string): Promise<ConnectorResult> {
    const h = this.host(host);
    if (!h)
      return { ok: false, ...jobError(text('fail.hostNotListed', { host }), text(action === 'start' ? 'fail.refreshThenStart' : 'fail.refreshThenSave')) };
    const target = this.targetFor(h.hostGroup);
    if (!target.ok) return { ok: false, problem: target.error.message, recommendedAction: actionOf(target.error.detail) };
    // The VM goes by its id: Hyper-V's -Name takes wildcards, so a name like web[1] would address another VM.
    const v = this.vm(vm);
    if (!v) return { ok: false, ...jobError(text('fail.vmNotListed', { vm }), text('fail.refreshThenRetry')) };
    const outcome = await this.runner.run('vmState', target.value, { vm: v.name, vmId: v.id, host: computerOf(h), action }).done;
    return this.actionResult(outcome, { action, mode: target.value.mode, vm, host: h.name });
  }

  /** Applies a host's live-migration settings: Enable/Disable-VMMigration, Set-VMHost, Add/Remove-VMMigrationNetwork. */
  async hostSettingsApply(host: string, settings: LiveMigrationSettings): Promise<ConnectorResult> {
    const h = this.host(host);
    if (!h) return { ok: false, ...jobError(text('fail.hostNotListed', { host }), text('fail.settingsHostGone.action')) };
    const target = this.targetFor(h.hostGroup);
    if (!target.ok) return { ok: false, problem: target.error.message, recommendedAction: actionOf(target.error.detail) };
    const outcome = await this.runner.run('hostSettingsApply', target.value, { host: computerOf(h), settings }).done;
    return this.actionResult(outcome, { action: 'settings', mode: target.value.mode, host: h.name });
  }

  /**
   * Sets a clustered VM's possible owners (its Virtual Machine resource), preferred owners and
   * AntiAffinityClassNames (its cluster group) on the node that runs it; a VM of a standalone host has none
   * of these on Hyper-V, so Ferry keeps them in its inventory only.
   */
  async vmPlacementApply(vm: string, placement: VmPlacement): Promise<ConnectorResult> {
    const v = this.vm(vm);
    const h = v ? this.host(v.host) : undefined;
    if (!v || !h)
      return {
        ok: false,
        problem: `The virtual machine ${vm} is not in the inventory.`,
        recommendedAction: 'Refresh the inventory, then change its placement rules.',
      };
    if (h.cluster === null || !v.highlyAvailable) return { ok: true };
    const target = this.targetFor(h.hostGroup);
    if (!target.ok) return { ok: false, problem: target.error.message, recommendedAction: actionOf(target.error.detail) };
    const owners = (names: readonly string[]) => names.map((n) => this.host(n)?.name ?? n);
    const outcome = await this.runner.run('vmPlacementApply', target.value, {
      host: computerOf(h),
      vm: v.name,
      vmId: v.id,
      possibleOwners: placement.possibleOwners === null ? null : owners(placement.possibleOwners),
      preferredOwners: owners(placement.preferredOwners),
      availabilitySets: [...placement.availabilitySets],
    }).done;
    return this.actionResult(outcome, { action: 'placement', mode: target.value.mode, vm: v.name, host: h.name });
  }

  /**
   * Sets or removes a cluster's affinity rule with the fixed Set-FerryAffinityRule.ps1 on a node of the cluster
   * (each VM's cluster group found by its id). Only required rules are written: a failover cluster has no
   * non-required affinity rule, so a not-required one is kept in Ferry's inventory (an edit that makes a rule
   * not required takes the old one off the cluster). A cluster below functional level 11 refuses.
   */
  async affinityRuleApply(cluster: string, change: AffinityRuleChange): Promise<ConnectorResult> {
    const doc = this.inventory();
    const c = doc.clusters.find((x) => nameKey(x.name) === nameKey(cluster));
    const h = doc.hosts.find((x) => x.cluster !== null && nameKey(x.cluster) === nameKey(cluster));
    if (!c || !h) return { ok: false, ...jobError(text('err.noCluster', { cluster }), text('fail.refreshThenRetry')) };
    const ruleName = change.kind === 'set' ? change.rule.name : change.name;
    const levelRefused = (level: number): ConnectorResult => ({
      ok: false,
      ...jobError(text('rules.fail.level', { cluster: c.name, level }), text('rules.fail.level.action', { cluster: c.name })),
    });
    const remove = change.kind === 'remove' ? [change.name] : [...new Set([change.replaces ?? change.rule.name, change.rule.name])];
    const written = change.kind === 'set' && change.rule.required;
    if (c.functionalLevel < 11 && written) return levelRefused(c.functionalLevel);
    const ids = change.kind === 'set' ? change.rule.vms.map((n) => this.vm(n)?.id ?? n) : [];
    const target = this.targetFor(h.hostGroup);
    if (!target.ok) return { ok: false, problem: target.error.message, recommendedAction: actionOf(target.error.detail) };
    const outcome = await this.runner.run('affinityRuleApply', target.value, {
      host: computerOf(h),
      remove,
      rule: written ? { name: change.rule.name, ruleType: change.rule.type, vmIds: ids } : null,
    }).done;
    if (outcome.kind === 'result') {
      const value = outcome.value as { refused?: unknown; level?: unknown } | null;
      if (value?.refused === 'functional-level') return written ? levelRefused(Number(value.level)) : { ok: true };
    }
    return this.actionResult(outcome, { action: 'affinity', mode: target.value.mode, vm: ruleName, host: h.name });
  }

  /** Where a VM is registered now: its inventory host first, then the other hosts of its group. */
  async vmLocate(vm: string): Promise<string | null> {
    const doc = this.inventory();
    const v = doc.vms.find((x) => nameKey(x.name) === nameKey(vm));
    const home = v ? this.host(v.host) : undefined;
    if (!v || !home) return null;
    const target = this.targetFor(home.hostGroup);
    if (!target.ok) return null;
    const candidates = [home, ...doc.hosts.filter((h) => nameKey(h.hostGroup) === nameKey(home.hostGroup) && h !== home)];
    const outcome = await this.runner.run('vmLocate', target.value, { vm: v.name, vmId: v.id, hosts: candidates.map(computerOf) }).done;
    if (outcome.kind !== 'result') return null;
    const found = (outcome.value as { host?: unknown } | null)?.host;
    return typeof found === 'string' ? (this.hostByComputer(found)?.name ?? found) : null;
  }

  /** Reads a host group's hosts (inventory refresh): the records, or every problem with record and field. */
  async hostGroupRead(hostGroup: string): Promise<Result<HostGroupRead>> {
    const hosts = this.inventory().hosts.filter((h) => nameKey(h.hostGroup) === nameKey(hostGroup));
    if (hosts.length === 0) {
      return err('host-group-empty', `The inventory has no hosts in ${hostGroup}, so there is nothing to read.`, {
        recommendedAction: 'Import an inventory that lists the hosts (run Export-FerryInventory.ps1 on a host or cluster node), then refresh.',
      });
    }
    const target = this.targetFor(hostGroup);
    if (!target.ok) return target;
    const outcome = await this.runner.run('inventoryRead', target.value, { hosts: hosts.map(computerOf) }).done;
    if (outcome.kind !== 'result') {
      const failure = this.failureOf(outcome, { action: 'refresh', mode: target.value.mode, host: hosts[0].name });
      return err(`hyperv-${failure.code}`, { message: failure.problem, text: failure.problemText }, { recommendedAction: failure.recommendedAction });
    }
    return hostGroupRecords(outcome.value, hostGroup);
  }

  /** Runs a move through Invoke-FerryMove.ps1; progress records become the job's steps. */
  moveStart(request: MoveRequest, onProgress: (progress: MoveProgress) => void): RunningMove {
    const doc = this.inventory();
    const vm = doc.vms.find((v) => nameKey(v.name) === nameKey(request.vm));
    const source = this.host(request.sourceHost);
    const destination = this.host(request.destinationHost);
    const fail = (error: JobError): RunningMove => ({
      done: Promise.resolve<MoveOutcome>({ status: 'failed', ...error, vmHost: request.sourceHost }),
      cancel: () => undefined,
    });
    if (!vm) return fail(jobError(text('fail.vmNotListed', { vm: request.vm }), text('fail.refreshThenRestart')));
    if (!source || !destination)
      return fail(jobError(text('fail.hostNotListed', { host: source ? request.destinationHost : request.sourceHost }), text('fail.refreshThenRestart')));
    const target = this.targetFor(source.hostGroup);
    if (!target.ok) return fail({ problem: target.error.message, recommendedAction: actionOf(target.error.detail) });

    const amounts = moveAmounts(vm, request);
    const ctx: FailureContext = {
      action: 'move',
      mode: target.value.mode,
      vm: vm.name,
      host: source.name,
      destination: request.kind === 'storage' ? undefined : destination.name,
    };
    const sameCluster =
      source.cluster !== null &&
      destination.cluster !== null &&
      nameKey(source.cluster) === nameKey(destination.cluster) &&
      vm.highlyAvailable &&
      request.kind !== 'storage';
    // A highly available VM leaving its cluster: its role is removed on the source cluster before Move-VM (which
    // refuses a clustered VM) and added on the destination's cluster once it has arrived (section 2.3).
    const leavesCluster = vm.highlyAvailable && !sameCluster && request.kind !== 'storage' && source.cluster !== null;
    // Between nodes of its cluster the cluster moves the role; storage that moves too goes first (Move-VMStorage),
    // and takes its share of the progress by size (memory is not copied for a VM that is not running).
    const storageMoves = request.kind === 'live-vsm' || request.kind === 'network';
    const diskShare = amounts.diskBytes + amounts.memoryBytes > 0 ? (amounts.diskBytes / (amounts.diskBytes + amounts.memoryBytes)) * 100 : 50;
    const storageShare = sameCluster && storageMoves ? Math.min(99, Math.max(1, request.kind === 'network' ? 99 : diskShare)) : null;
    const args = {
      kind: request.kind,
      vm: vm.name,
      vmId: vm.id,
      sourceCluster: leavesCluster ? source.cluster : null,
      destinationCluster: leavesCluster ? destination.cluster : null,
      sourceHost: computerOf(source),
      destinationHost: computerOf(destination),
      cluster: sameCluster ? source.cluster : null,
      storageShare,
      destinationNode: destination.name,
      destinationStoragePath: request.diskDestinations ? null : request.destinationPath,
      virtualMachinePath: request.configurationPath,
      vhds: request.diskDestinations
        ? Object.entries(request.diskDestinations).map(([src, folder]) => ({ sourceFilePath: src, destinationFilePath: windowsJoin(folder, fileName(src)) }))
        : [],
      performanceOption: request.performanceOption !== source.liveMigration.performanceOption && request.kind !== 'storage' ? request.performanceOption : null,
      pollSeconds: this.pollSeconds,
    };

    const started = this.now();
    let last = { at: started, bytes: 0 };
    let throughput = 0;
    const report = (record: PsRecord): void => {
      if (record.type !== 'progress') return;
      const p = progressOf(request.kind, record, amounts);
      const at = this.now();
      if (at > last.at && p.bytesSent >= last.bytes) {
        throughput = ((p.bytesSent - last.bytes) * 1000) / (at - last.at);
        last = { at, bytes: p.bytesSent };
      }
      const total = amounts.memoryBytes * (request.kind === 'storage' ? 0 : 1) + amounts.diskBytes;
      const eta = throughput > 0 ? Math.max(0, Math.round((total - p.bytesSent) / throughput)) : null;
      onProgress({ ...p, throughputBps: Math.round(throughput), etaSeconds: eta });
    };
    const run = this.runner.run('moveRun', target.value, args, report);
    const done = run.done.then(async (outcome): Promise<MoveOutcome> => {
      switch (outcome.kind) {
        case 'result': {
          const value = (outcome.value ?? {}) as { vmHost?: unknown; seconds?: unknown; info?: unknown; infoCode?: unknown; optionBefore?: unknown };
          const seconds = typeof value.seconds === 'number' && value.seconds >= 0 ? value.seconds : (this.now() - started) / 1000;
          return {
            status: 'completed',
            totalSeconds: Math.round(seconds * 10) / 10,
            downtimeMs: null,
            bytesSent: Math.round(bytesMoved(request.kind, amounts)),
            passes: 0,
            info: moveInfo(value, source.name, request.performanceOption),
          };
        }
        case 'canceled':
          return { status: 'canceled', vmHost: this.hostByComputer(outcome.vmHost)?.name ?? source.name };
        case 'error': {
          const failure = mapHyperVError(outcome.error, ctx);
          const at = outcome.error.vmHost ? (this.hostByComputer(outcome.error.vmHost)?.name ?? outcome.error.vmHost) : source.name;
          return { status: 'failed', ...jobErrorOf(failure), vmHost: at };
        }
        default: {
          const failure = mapRunFailure(outcome, ctx);
          // PowerShell ended without saying where the VM is: ask the hosts, else say the source.
          const where = outcome.kind === 'not-started' ? null : await this.vmLocate(vm.name).catch(() => null);
          return { status: 'failed', ...jobErrorOf(failure), vmHost: where ?? source.name };
        }
      }
    });
    return { done, cancel: () => run.cancel() };
  }

  private vm(name: string): Vm | undefined {
    return this.inventory().vms.find((x) => nameKey(x.name) === nameKey(name));
  }

  private host(name: string): Host | undefined {
    return this.inventory().hosts.find((h) => nameKey(h.name) === nameKey(name));
  }

  /** A host from what a script said (its FQDN or its name). */
  private hostByComputer(computer: string): Host | undefined {
    const k = nameKey(computer);
    return this.inventory().hosts.find((h) => nameKey(h.fqdn) === k || nameKey(h.name) === k || nameKey(h.name) === k.split('.')[0]);
  }

  private failureOf(outcome: PsOutcome, ctx: FailureContext): MappedFailure {
    switch (outcome.kind) {
      case 'error':
        return mapHyperVError(outcome.error, ctx);
      case 'not-started':
      case 'crashed':
      case 'cancel-timeout':
        return mapRunFailure(outcome, ctx);
      default:
        return {
          ...(jobError(text('fail.scriptAnswer', { kind: outcome.kind }), text('fail.tryAgain')) as Required<Omit<JobError, 'code'>>),
          code: 'unknown',
        };
    }
  }

  private actionResult(outcome: PsOutcome, ctx: FailureContext): ConnectorResult {
    if (outcome.kind === 'result') return { ok: true };
    const failure = this.failureOf(outcome, ctx);
    return { ok: false, ...jobErrorOf(failure) };
  }
}

/** The name PowerShell reaches a host by: its FQDN when the inventory has one. */
function computerOf(host: Host): string {
  return host.fqdn || host.name;
}

function actionOf(detail: unknown): string {
  const action = (detail as { recommendedAction?: unknown } | undefined)?.recommendedAction;
  return typeof action === 'string' ? action : "Check the host group's connection settings (Host > Connection Settings), then try again.";
}

function moveAmounts(vm: Vm, request: MoveRequest): MoveAmounts {
  const listed = request.diskDestinations ? new Set(Object.keys(request.diskDestinations).map(pathKey)) : null;
  const diskGB = vm.disks.filter((d) => !d.shared && (listed === null || listed.has(pathKey(d.path)))).reduce((n, d) => n + d.sizeGB, 0);
  return { memoryBytes: vm.memoryMB * MIB, diskBytes: diskGB * GIB };
}

/** What a move of `kind` copies: memory for live and quick moves, files for storage moves, both for VSM. */
function bytesMoved(kind: MoveRequest['kind'], a: MoveAmounts): number {
  switch (kind) {
    case 'live':
    case 'quick':
      return a.memoryBytes;
    case 'storage':
    case 'network':
      return a.diskBytes;
    case 'live-vsm':
      return a.memoryBytes + a.diskBytes;
  }
}

/** The phase a script's transfer percentage belongs to, and the percentage within it. */
function transferPhase(kind: MoveRequest['kind'], percent: number, a: MoveAmounts): { phase: PhaseKey; stepPercent: number } {
  switch (kind) {
    case 'live':
      return { phase: 'migrate-memory', stepPercent: percent };
    case 'storage':
      return { phase: 'copy-storage', stepPercent: percent };
    case 'quick':
      return { phase: 'move', stepPercent: percent };
    case 'network':
      return { phase: 'copy-files', stepPercent: percent };
    case 'live-vsm': {
      // Storage is mirrored first, then memory: split the job's percentage by how much each is.
      const total = a.diskBytes + a.memoryBytes;
      const storageShare = total > 0 ? (a.diskBytes / total) * 100 : 50;
      if (percent < storageShare || storageShare >= 100) return { phase: 'copy-storage', stepPercent: storageShare > 0 ? (percent / storageShare) * 100 : 100 };
      return { phase: 'migrate-memory', stepPercent: ((percent - storageShare) / (100 - storageShare)) * 100 };
    }
  }
}

/** A script's progress record as the job's step, step percentage, overall percentage and bytes. */
export function progressOf(
  kind: MoveRequest['kind'],
  record: Extract<PsRecord, { type: 'progress' }>,
  a: MoveAmounts,
): Omit<MoveProgress, 'throughputBps' | 'etaSeconds'> {
  const phases = movePhases(kind);
  const clamp = (n: number): number => Math.max(0, Math.min(100, Number.isFinite(n) ? n : 0));
  let phase: PhaseKey;
  let stepPercent = clamp(record.percent);
  switch (record.phase) {
    case 'validate':
      phase = 'validate';
      break;
    case 'transfer':
      ({ phase, stepPercent } = transferPhase(kind, clamp(record.percent), a));
      break;
    case 'switch-over':
      phase = phases.includes('switch-over') ? 'switch-over' : phases[phases.length - 1];
      break;
    default:
      phase = phases.includes('clean-up') ? 'clean-up' : phases[phases.length - 1];
  }
  const step = Math.max(0, phases.indexOf(phase));
  // Weights: fixed phases take a little; the transfers share the rest by their size.
  const transfers = phases.filter((p) => FIXED_WEIGHT[p] === undefined);
  const left = 100 - phases.reduce((n, p) => n + (FIXED_WEIGHT[p] ?? 0), 0);
  const total = a.diskBytes + a.memoryBytes;
  const weight = (p: PhaseKey): number => {
    const fixed = FIXED_WEIGHT[p];
    if (fixed !== undefined) return fixed;
    if (kind === 'live-vsm' && total > 0) return left * ((p === 'copy-storage' ? a.diskBytes : a.memoryBytes) / total);
    return left / transfers.length;
  };
  const before = phases.slice(0, step).reduce((n, p) => n + weight(p), 0);
  const percent = Math.min(99, before + (weight(phases[step]) * clamp(stepPercent)) / 100);
  const moved = bytesMoved(kind, a);
  return { step, stepPercent: clamp(stepPercent), percent, bytesSent: Math.round((moved * percent) / 100), passes: 0 };
}

/** The note a move's script ended with, as a catalogue sentence when the script named it by code, else its words. */
function moveInfo(value: { info?: unknown; infoCode?: unknown; optionBefore?: unknown }, source: string, option: string): string | Text | null {
  if (value.infoCode === 'option-restored' && typeof value.optionBefore === 'string')
    return text('hv.info.optionRestored', { host: source, before: value.optionBefore, option });
  if (value.infoCode === 'finished-before-cancel') return text('hv.info.finishedBeforeCancel');
  return typeof value.info === 'string' && value.info !== '' ? value.info : null;
}
