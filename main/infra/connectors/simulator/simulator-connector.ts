import { text } from '../../../../shared/i18n/text.js';
import { jobError, jobErrorOf, type JobError } from '../../../../shared/model/job.js';
import type { Host, InventoryDocument, PerformanceOption, Vm } from '../../../../shared/model/inventory.js';
import type { ConnectorResult, HostConnector, MoveOutcome, MoveProgress, MoveRequest, RunningMove } from '../../../domain/connector/host-connector.js';
import { linkEstimate, type LinkEnd } from '../../../domain/simulation/link-model.js';
import { estimateMove, movePlan, moveRates, type MoveEstimate } from '../../../domain/simulation/migration-model.js';
import type { ModelConstants } from '../../../domain/simulation/model-constants.js';
import type { MoveRates } from '../../../domain/simulation/move-engine.js';
import { usesMigrationNetwork } from '../../../domain/simulation/move-phases.js';
import { nameKey } from '../../../domain/storage-paths/names.js';
import { pathKey } from '../../../domain/storage-paths/windows-path.js';
import { LinkRegistry } from './link-registry.js';
import { SimulatedMove, type SimulatorFault } from './simulated-move.js';
import { realClock, type SimulatorClock } from './simulator-clock.js';
import { DEFAULT_SIMULATOR_SPEED } from './simulator-speed.js';

/** How a simulator is set up; every field is optional. */
export interface SimulatorOptions {
  /** Simulated seconds per wall second: 1 is real time, 60 a minute per second. */
  speed?: number;
  /** The clock and timers to run on (tests pass fake ones). */
  clock?: SimulatorClock;
  /** A fault hook for tests: makes a move fail as it enters a step, leaving the VM on its source. */
  failAt?: (request: MoveRequest) => SimulatorFault | null;
  /** Overrides of the migration model's constants. */
  constants?: Partial<ModelConstants>;
}

/** A move in flight, with what its rates are recomputed from. */
interface InFlight {
  request: MoveRequest;
  hosts: string[];
  source: LinkEnd;
  destination: LinkEnd;
  option: PerformanceOption;
  networked: boolean;
  constants: ModelConstants;
}

/** What a request resolves to in the inventory, or why it cannot run. */
type Resolved = { ok: true; vm: Vm; source: Host; destination: Host } | ({ ok: false } & JobError);

/**
 * The simulated connector: the embedded default for the demo estate and offline planning. Moves play
 * the migration model (main/domain/simulation/migration-model.ts) in scaled real time, with moves on
 * the same host link sharing its bandwidth. Deterministic for a given inventory and order of starts.
 * Outcomes report simulated time (what the move would take), not the wall time a sped-up demo takes.
 */
export class SimulatorConnector implements HostConnector {
  private speed: number;
  private readonly clock: SimulatorClock;
  private readonly failAt: SimulatorOptions['failAt'];
  private readonly constants: Partial<ModelConstants> | undefined;
  /** Where the simulator put VMs it moved (by name key); VMs it never moved are where the inventory says. */
  private readonly located = new Map<string, string>();
  private readonly links = new LinkRegistry<SimulatedMove>();
  private readonly inFlight = new Map<SimulatedMove, InFlight>();

  constructor(
    private readonly inventory: () => InventoryDocument,
    options: SimulatorOptions = {},
  ) {
    this.speed = checkedSpeed(options.speed ?? DEFAULT_SIMULATOR_SPEED);
    this.clock = options.clock ?? realClock;
    this.failAt = options.failAt;
    this.constants = options.constants;
  }

  /** Changes the time compression, for new moves and those in flight (the UI's setting). */
  speedSet(speed: number): void {
    this.speed = checkedSpeed(speed);
    for (const move of this.inFlight.keys()) move.speedChange(this.speed);
  }

  /** Starts a VM: fine on a Responding host, otherwise a problem and what to do. */
  async vmStart(vm: string, host: string): Promise<ConnectorResult> {
    const doc = this.inventory();
    const h = findHost(doc, host);
    if (!h) return { ok: false, ...jobError(text('fail.hostNotListed', { host }), text('fail.refreshThenStart')) };
    if (!findVm(doc, vm)) return { ok: false, ...jobError(text('fail.vmNotListed', { vm }), text('fail.refreshThenRetry')) };
    if (h.state !== 'Responding') return { ok: false, ...notResponding(h) };
    return { ok: true };
  }

  /** Saves a VM's state: fine for a running VM on a Responding host (the inventory records it as Saved). */
  async vmSave(vm: string, host: string): Promise<ConnectorResult> {
    const doc = this.inventory();
    const h = findHost(doc, host);
    if (!h) return { ok: false, ...jobError(text('fail.hostNotListed', { host }), text('fail.refreshThenSave')) };
    if (!findVm(doc, vm)) return { ok: false, ...jobError(text('fail.vmNotListed', { vm }), text('fail.refreshThenRetry')) };
    if (h.state !== 'Responding') return { ok: false, ...notResponding(h) };
    return { ok: true };
  }

  /** Applies a host's settings: fine on a Responding host (the simulator has nothing else to change). */
  async hostSettingsApply(host: string): Promise<ConnectorResult> {
    const h = findHost(this.inventory(), host);
    if (!h) return { ok: false, ...jobError(text('fail.hostNotListed', { host }), text('fail.settingsHostGone.action')) };
    if (h.state !== 'Responding') return { ok: false, ...notResponding(h) };
    return { ok: true };
  }

  /** Where a VM is now: where the simulator last put it, else where the inventory says; null if unknown. */
  async vmLocate(vm: string): Promise<string | null> {
    return this.locate(vm, this.inventory());
  }

  /** The model's estimate for a request, as if it ran alone on its link; null when it cannot run. */
  moveEstimate(request: MoveRequest): MoveEstimate | null {
    const r = this.resolve(request, this.inventory());
    if (!r.ok) return null;
    const link = linkEstimate({ source: r.source, destination: r.destination, option: request.performanceOption, sharedBy: 1 });
    return estimateMove({ vm: vmAmounts(r.vm, request), kind: request.kind, link, constants: this.constants });
  }

  /**
   * Starts a move: validates it against the inventory (a move that cannot start fails at once, without
   * progress), then plays the model's timeline in scaled time; moves on the same host link share it.
   */
  moveStart(request: MoveRequest, onProgress: (progress: MoveProgress) => void): RunningMove {
    const r = this.resolve(request, this.inventory());
    if (!r.ok) {
      const outcome: MoveOutcome = { status: 'failed', ...jobErrorOf(r), vmHost: request.sourceHost };
      return { done: Promise.resolve(outcome), cancel: () => undefined };
    }
    const plan = movePlan({ vm: vmAmounts(r.vm, request), kind: request.kind, constants: this.constants });
    const flight: InFlight = {
      request,
      hosts: [r.source.name, r.destination.name],
      source: linkEnd(r.source),
      destination: linkEnd(r.destination),
      option: request.performanceOption,
      networked: usesMigrationNetwork(request.kind) && nameKey(r.source.name) !== nameKey(r.destination.name),
      constants: plan.constants,
    };
    // Moves already on the link play up to now at their old rates before this one joins.
    const others = flight.networked ? this.links.movesOn(flight.hosts) : [];
    const joining = flight.networked ? 1 : 0;
    const move = new SimulatedMove(request, plan, this.rates(flight, joining), this.failAt?.(request) ?? null, {
      clock: this.clock,
      speed: this.speed,
      onProgress,
      onEnd: (m, outcome) => this.moveEnded(m, outcome),
    });
    this.inFlight.set(move, flight);
    if (flight.networked) {
      this.links.add(move, flight.hosts);
      for (const other of others) this.rerate(other);
    }
    return move;
  }

  private moveEnded(move: SimulatedMove, outcome: MoveOutcome): void {
    const flight = this.inFlight.get(move);
    if (!flight) return;
    this.inFlight.delete(move);
    if (outcome.status === 'completed') this.located.set(nameKey(flight.request.vm), flight.request.destinationHost);
    if (!flight.networked) return;
    this.links.remove(move, flight.hosts);
    for (const other of this.links.movesOn(flight.hosts)) this.rerate(other);
  }

  private rerate(move: SimulatedMove): void {
    const flight = this.inFlight.get(move);
    if (flight && !move.isEnded) move.ratesChange(this.rates(flight, 0));
  }

  /** The move's rates with the moves on each end's link now (`joining`: 1 for a move not on them yet). */
  private rates(flight: InFlight, joining: number): MoveRates {
    const [source, destination] = flight.hosts;
    const sharedAt = flight.networked
      ? { source: this.links.countOn(source) + joining, destination: this.links.countOn(destination) + joining }
      : { source: 1, destination: 1 };
    const link = linkEstimate({
      source: flight.source,
      destination: flight.destination,
      option: flight.option,
      sharedBy: Math.max(sharedAt.source, sharedAt.destination),
      sharedAt,
    });
    return moveRates(link, flight.constants);
  }

  private locate(vm: string, doc: InventoryDocument): string | null {
    return this.located.get(nameKey(vm)) ?? findVm(doc, vm)?.host ?? null;
  }

  /** Checks a request against the inventory the way VMM's validation step would. */
  private resolve(request: MoveRequest, doc: InventoryDocument): Resolved {
    const vm = findVm(doc, request.vm);
    if (!vm) return { ok: false, ...jobError(text('fail.vmNotListed', { vm: request.vm }), text('fail.refreshThenRestart')) };
    const source = findHost(doc, request.sourceHost);
    const destination = findHost(doc, request.destinationHost);
    if (!source) return unknownHost(request.sourceHost);
    if (!destination) return unknownHost(request.destinationHost);
    for (const host of [source, destination]) if (host.state !== 'Responding') return { ok: false, ...notResponding(host) };
    const at = this.locate(request.vm, doc);
    if (at !== null && nameKey(at) !== nameKey(source.name)) {
      return { ok: false, ...jobError(text('fail.vmElsewhere', { vm: vm.name, at, host: source.name }), text('fail.vmElsewhere.action', { vm: vm.name, at })) };
    }
    return { ok: true, vm, source, destination };
  }
}

function findHost(doc: InventoryDocument, name: string): Host | undefined {
  const key = nameKey(name);
  return doc.hosts.find((h) => nameKey(h.name) === key);
}

function findVm(doc: InventoryDocument, name: string): Vm | undefined {
  const key = nameKey(name);
  return doc.vms.find((v) => nameKey(v.name) === key);
}

function unknownHost(name: string): { ok: false } & JobError {
  return { ok: false, ...jobError(text('fail.hostNotListed', { host: name }), text('fail.refreshThenRestart')) };
}

function notResponding(host: Host): JobError {
  return jobError(text('fail.hostDown', { host: host.name, state: host.state }), text('fail.hostDown.action', { host: host.name }));
}

/** A host's link facts, copied at the start so a later inventory change does not alter a running move. */
function linkEnd(host: Host): LinkEnd {
  return { migrationNetwork: { ...host.migrationNetwork }, cpu: { ...host.cpu } };
}

/**
 * The VM's amounts for the model: memory, dirty rate, and the disks the move copies: every disk not
 * shared between VMs, or only the ones listed in a per-disk storage move.
 */
function vmAmounts(vm: Vm, request: MoveRequest): { memoryMB: number; dirtyRateMBps: number | null; diskGB: number } {
  const listed = request.diskDestinations ? new Set(Object.keys(request.diskDestinations).map(pathKey)) : null;
  const diskGB = vm.disks.filter((d) => !d.shared && (listed === null || listed.has(pathKey(d.path)))).reduce((sum, d) => sum + d.sizeGB, 0);
  // A VM that is off or saved has no memory to save and restore: its Quick move only hands its cluster group over.
  const memoryMB = request.kind === 'quick' && vm.state !== 'Running' && vm.state !== 'Paused' ? 0 : vm.memoryMB;
  return { memoryMB, dirtyRateMBps: vm.dirtyRateMBps, diskGB };
}

function checkedSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`simulator speed must be a finite number > 0, got ${String(speed)}`);
  return speed;
}
