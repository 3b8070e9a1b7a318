import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { english, say, text, type Said, type Text } from '../../shared/i18n/text.js';
import type { Host, InventoryDocument, Vm } from '../../shared/model/inventory.js';
import { jobError, jobErrorOf, type Job, type JobMetrics, type JobStep, type MovePrediction, type VmHold } from '../../shared/model/job.js';
import type { HostBusy } from '../../shared/model/placement.js';
import { assertNever, err, ok, type Result } from '../../shared/model/result.js';
import type { HostConnector, MoveOutcome, MoveProgress, MoveRequest, RunningMove } from '../domain/connector/host-connector.js';
import { decideDispatch, waitText, type ScheduledMove } from '../domain/scheduler/dispatch.js';
import { pathsAfterMove } from '../domain/scheduler/move-result.js';
import { haAfterMove, haAfterMoveSentence, type HaAfterMove } from '../domain/placement/ha-after-move.js';
import { movePhaseSteps } from '../domain/simulation/move-phases.js';
import { hostLimits, slotsNeeded, type HostLimits } from '../domain/scheduler/slot-rules.js';
import { nameKey } from '../domain/storage-paths/names.js';
import { isRunningForMigration } from '../domain/storage-paths/vm-storage.js';
import { VmBusyError, type ActiveMoveRow, type JobRepository } from '../infra/db/job-repository.js';
import { vmBusyError } from '../domain/scheduler/vm-hold.js';
import type { Db } from '../infra/db/open.js';
import type { RunnerKind, RunnerRepository } from '../infra/db/runner-repository.js';
import { movePredict } from '../domain/simulation/move-prediction.js';
import { buildPlacementIndex, type PlacementIndex } from '../domain/placement/placement-index.js';
import { moveStartCheck, type StartContext } from '../domain/scheduler/start-check.js';
import type { Issue, ReasonCode } from '../../shared/model/placement.js';
import type { EventHub } from './event-hub.js';
import type { InventoryService } from './inventory-service.js';

/** A move as the scheduler keeps it with its job, enough to run, reconcile or restart it. */
export interface ScheduledRequest extends Omit<MoveRequest, 'jobId' | 'diskDestinations'> {
  diskDestinations: Record<string, string> | null;
  /** Add the destination path to the host's default storage locations once the move completes. */
  addToDefaults: boolean;
  /** Jobs that must complete before this move starts (a plan's move onto memory other moves free). */
  after?: string[];
  /** Jobs that must end, however they end, before this move starts (a plan's order on a busy migration network). */
  follows?: string[];
  /** Set when the move was checked again at start and sent elsewhere: what changed and where it goes instead. */
  redirect?: Said;
}

/** One move of a batch `enqueueAll` queues. */
export interface EnqueueItem {
  request: ScheduledRequest;
  /** The job's name: English, or a catalogue sentence with its English. */
  name: string | Said;
  restartOf?: string | null;
  groupId?: string | null;
  /** The caller's name for this item, for later items' `after` and `follows`. */
  key?: string;
  /** Earlier items (by key) this move must wait to complete; added to the request's `after`. */
  after?: readonly string[];
  /** Earlier items (by key) this move must wait to end; added to the request's `follows`. */
  follows?: readonly string[];
}

/** A queued or running move's request, parsed, with the slots it needs. */
interface ParsedRequest {
  request: ScheduledRequest;
  move: ScheduledMove;
}

/** How often a running move's progress is written and published, at most (4 a second). */
const PROGRESS_INTERVAL_MS = 250;

/** Limits for a host the inventory no longer has (a newer import): VMM's defaults. */
const DEFAULT_LIMITS: HostLimits = { live: 2, storage: 2 };

const toMove = (id: string, r: ScheduledRequest): ScheduledMove => ({ id, needs: slotsNeeded(r.kind, r.sourceHost, r.destinationHost) });

function owner(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * The migration scheduler (migration-rules.md sections 4 and 6). Its state is the jobs table:
 * moves wait there as Queued jobs in submission order, and each decision reads them and the hosts'
 * current limits, claims what may start, and hands it to the connector. Several processes may share
 * one database (the app and `ferry` commands): a claim is atomic, so no job runs twice, and a job
 * whose process died is reconciled at the next start, never forgotten.
 */
export class SchedulerService {
  private readonly running = new Map<string, RunningMove>();
  private readonly requests = new Map<string, ParsedRequest>();
  /** Dependencies' names and, once ended, their status: read once each (neither changes after). */
  private readonly names = new Map<string, string | Text>();
  private readonly endings = new Map<string, Job | null>();
  /**
   * The moves still to finish, as the last decision saw them, kept up to date by this process's own
   * writes; read again from SQLite when another process has committed (its data_version changed).
   */
  private active: { dataVersion: number; rows: Map<string, ActiveMoveRow> } | null = null;
  private limits: { inventory: InventoryDocument; index: Map<string, HostLimits> } | null = null;
  private placement: PlacementIndex | null = null;
  private names_: { inventory: InventoryDocument; vms: Map<string, Vm>; hosts: Map<string, Host> } | null = null;
  private readonly lastWrite = new Map<string, number>();
  /** Only a process opened as a runner starts moves; others only queue them. */
  private opened = false;
  private closed = false;
  private kind: RunnerKind | null = null;

  constructor(
    private readonly db: Db,
    private readonly inventory: InventoryService,
    private readonly jobs: JobRepository,
    private readonly runners: RunnerRepository,
    private readonly hub: EventHub,
    private readonly connector: HostConnector,
    readonly runnerId: string = randomUUID(),
  ) {}

  /** Registers this process as a runner of the given kind and starts what may start. */
  async open(kind: RunnerKind): Promise<void> {
    this.runners.register(kind, this.runnerId);
    this.kind = kind;
    this.opened = true;
    this.dispatch();
  }

  /** Stops taking new work; moves in flight are canceled (a live migration leaves the VM on its source). */
  async close(): Promise<void> {
    this.closed = true;
    const ends = [...this.running.values()].map((m) => {
      m.cancel();
      return m.done;
    });
    await Promise.all(ends);
    if (this.opened) this.runners.unregister(this.runnerId);
    this.opened = false;
  }

  /**
   * Stops taking new work and waits for the moves this process runs to end (a `ferry` command that
   * picked up queued jobs sees them through rather than canceling them), then unregisters.
   * Cancel requests from other processes still reach these moves while they finish.
   */
  async drain(): Promise<void> {
    this.closed = true;
    // Each move's own end handler (which records its outcome) runs before the race resolves.
    while (this.running.size > 0) await Promise.race([...this.running.values()].map((m) => m.done));
    if (this.opened) this.runners.unregister(this.runnerId);
    this.opened = false;
  }

  /** How many moves this process is running now. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Whether another live app serves this database and will run what is queued. */
  appElsewhere(): boolean {
    return this.runners.anotherAlive('app', this.runnerId);
  }

  /**
   * Queues a move as a job and runs a decision at once. Refused with `vm-busy` when the VM already has
   * a move, start or save queued or running, whichever process submitted it (the database decides).
   */
  enqueue(request: ScheduledRequest, name: string | Said, restartOf: string | null = null, groupId: string | null = null): Result<Job> {
    const queued = this.enqueueAll([{ request, name, restartOf, groupId }]);
    return queued.ok ? ok(queued.value[0]) : queued;
  }

  /**
   * Queues several moves as jobs, all or none: if any VM is already held by another job, nothing is
   * queued and the answer is `vm-busy` naming that job. `options.group` runs first in the same
   * transaction and answers the group every job joins (a plan run creates its group there), so a
   * refused batch leaves nothing behind. An item's `after`/`follows` name earlier items by `key`.
   * With `dispatch: false` the caller runs the decision itself (after its own writes).
   */
  enqueueAll(items: readonly EnqueueItem[], options: { group?: () => string; dispatch?: boolean } = {}): Result<Job[]> {
    // The submitting runner, if this process is one: a `ferry` command runs only its own jobs
    // (and ones whose submitter has gone), so it never starts a move another command waits for.
    const runner = this.opened && !this.closed ? this.runnerId : null;
    let created: Job[];
    try {
      created = this.db
        .transaction(() => {
          const groupOfAll = options.group?.() ?? null;
          const jobOf = new Map<string, string>();
          const jobsOf = (keys: readonly string[] | undefined): string[] =>
            (keys ?? []).map((k) => jobOf.get(k)).filter((id): id is string => id !== undefined);
          return items.map((item) => {
            const request: ScheduledRequest =
              item.after || item.follows
                ? {
                    ...item.request,
                    after: [...(item.request.after ?? []), ...jobsOf(item.after)],
                    follows: [...(item.request.follows ?? []), ...jobsOf(item.follows)],
                  }
                : item.request;
            const named = typeof item.name === 'string' ? { message: item.name, text: null } : item.name;
            const job = this.jobs.create({
              kind: request.kind === 'storage' ? 'migrate-storage' : 'migrate-vm',
              name: named.message,
              nameText: named.text,
              owner: owner(),
              target: request.vm,
              status: 'Queued',
              steps: movePhaseSteps(request.kind).map((st): JobStep => ({ name: st.message, text: st.text, status: 'Queued', progress: 0 })),
              now: new Date(),
              request: this.withPrediction(request),
              restartOf: item.restartOf ?? null,
              groupId: item.groupId ?? groupOfAll,
              runner,
            });
            if (item.key !== undefined) jobOf.set(item.key, job.id);
            return job;
          });
        })
        .immediate();
    } catch (e) {
      if (e instanceof VmBusyError) return vmBusyError(e.hold);
      throw e;
    }
    for (const job of created) {
      this.active?.rows.set(job.id, { id: job.id, status: 'Queued', runner, waiting_for: null });
      this.publish(job);
    }
    if (options.dispatch !== false) this.dispatch();
    return ok(created.map((job) => this.jobs.get(job.id) as Job));
  }

  /** The job holding a VM now (a move, start or save queued or running), or null. */
  holderOf(vm: string): VmHold | null {
    return this.jobs.holderOf(vm);
  }

  /** Every VM held by a queued or running job, by name key. */
  holds(): Map<string, VmHold> {
    return this.jobs.holds();
  }

  /**
   * One scheduling decision, in one write transaction so processes sharing the database decide in
   * turn: start what may start, and tell every other queued move what it waits for.
   */
  dispatch(): void {
    if (!this.opened || this.closed) return;
    const toRun: { job: Job; request: ScheduledRequest }[] = [];
    const changed: string[] = [];
    const refused: { id: string; reason: Issue<ReasonCode> }[] = [];
    let redispatch = false;
    this.db
      .transaction(() => {
        const rows = [...this.activeRows()];
        const active = new Set(rows.map((r) => r.id));
        const queued: ScheduledMove[] = [];
        const running: ScheduledMove[] = [];
        const byId = new Map<string, { row: ActiveMoveRow; parsed: ParsedRequest }>();
        const held: { id: string; text: string; sentence: Text }[] = [];
        const dropped: { id: string; summary: Said }[] = [];
        for (const row of rows) {
          const parsed = this.parsed(row.id);
          if (!parsed) continue;
          byId.set(row.id, { row, parsed });
          if (row.status === 'Queued' && (parsed.request.after?.length || parsed.request.follows?.length)) {
            const gate = this.dependencyGate(parsed.request, active);
            if (gate.kind === 'wait') {
              held.push({ id: row.id, text: gate.text.message, sentence: gate.text.text });
              continue;
            }
            if (gate.kind === 'drop') {
              dropped.push({ id: row.id, summary: gate.text });
              continue;
            }
          }
          (row.status === 'Queued' ? queued : running).push(parsed.move);
        }
        for (const d of dropped) {
          if (this.jobs.cancelQueued(d.id, new Date())) {
            const job = this.jobs.get(d.id) as Job;
            job.summary = d.summary.message;
            job.summaryText = d.summary.text;
            this.jobs.update(job);
            changed.push(d.id);
            this.active?.rows.delete(d.id);
          }
        }
        for (const h of held) {
          const entry = byId.get(h.id);
          if (entry && h.text !== entry.row.waiting_for && this.jobs.setWaitingFor(h.id, h.text, h.sentence)) {
            entry.row.waiting_for = h.text;
            changed.push(h.id);
          }
        }
        this.forgetEnded(byId);
        const limits = this.limitsIndex();
        const decision = decideDispatch(queued, running, (host) => limits.get(nameKey(host)) ?? DEFAULT_LIMITS);
        const now = new Date();
        let appAlive: boolean | undefined;
        const mayClaim = (runner: string | null): boolean => {
          // The app runs every queued move. A `ferry` command runs the moves it submitted, and adopts
          // those nobody will run: submitted by a process that has gone, with no app serving the file.
          if (this.kind === 'app' || runner === this.runnerId) return true;
          if (runner !== null && this.runners.alive(runner)) return false;
          appAlive ??= this.runners.anotherAlive('app', this.runnerId);
          return !appAlive;
        };
        // Each move about to start is checked again against the inventory as it is now (section 10).
        let context: (StartContext & { arrivingMB: Map<string, number> }) | null = null;
        for (const id of decision.start) {
          const entry = byId.get(id);
          if (!entry || !mayClaim(entry.row.runner)) continue;
          const request = entry.parsed.request;
          context ??= this.startContext(byId);
          const groupId = this.jobs.groupOf(id);
          const check = moveStartCheck(this.placementIndex(), request, context, groupId !== null && request.redirect === undefined);
          if (!check.ok && check.fallback) {
            const redirected: ScheduledRequest = { ...request, destinationHost: check.fallback.host, redirect: check.fallback.said };
            const name = say('job.migrateVm', { vm: request.vm, host: check.fallback.host });
            if (
              this.jobs.redirect(
                id,
                { ...redirected, prediction: this.withPrediction(redirected).prediction },
                name.message,
                name.text,
                check.fallback.said.message,
                check.fallback.said.text,
              )
            ) {
              this.requests.delete(id);
              changed.push(id);
              redispatch = true;
            }
            continue;
          }
          if (!this.jobs.claim(id, this.runnerId, now)) continue;
          Object.assign(entry.row, { status: 'Running', runner: this.runnerId });
          if (!check.ok) {
            refused.push({ id, reason: check.reason });
            continue;
          }
          const vm = this.byName().vms.get(nameKey(request.vm));
          if (vm && isRunningForMigration(vm)) {
            const k = nameKey(request.destinationHost);
            context.arrivingMB.set(k, (context.arrivingMB.get(k) ?? 0) + vm.memoryMB);
          }
          toRun.push({ job: this.jobs.get(id) as Job, request });
        }
        for (const [id, wait] of decision.waiting) {
          const entry = byId.get(id);
          const sentence = waitText(wait);
          const text = english(sentence);
          if (entry && text !== entry.row.waiting_for && this.jobs.setWaitingFor(id, text, sentence)) {
            entry.row.waiting_for = text;
            changed.push(id);
          }
        }
      })
      .immediate();
    for (const id of changed) {
      const job = this.jobs.get(id);
      if (job) this.publish(job);
    }
    for (const { id, reason } of refused) {
      const job = this.jobs.get(id);
      if (!job) continue;
      const action = say('start.action.reselect');
      this.end(job, 'Failed', {
        error: { code: reason.code, problem: reason.message, problemText: reason.text, recommendedAction: action.message, recommendedActionText: action.text },
      });
    }
    for (const { job, request } of toRun) this.run(job, request);
    if (redispatch || refused.length > 0) this.dispatch();
  }

  /** The moves queued or running now, as the check at start needs them: memory arriving on each host, and where each VM goes. */
  private startContext(byId: ReadonlyMap<string, { row: ActiveMoveRow; parsed: ParsedRequest }>): StartContext & { arrivingMB: Map<string, number> } {
    const { vms } = this.byName();
    const arrivingMB = new Map<string, number>();
    const placements = new Map<string, string>();
    const rules = this.placementIndex().rules.any;
    for (const { row, parsed } of byId.values()) {
      const r = parsed.request;
      if (r.kind === 'storage') continue;
      if (rules) placements.set(nameKey(r.vm), r.destinationHost);
      if (row.status !== 'Running') continue;
      const vm = vms.get(nameKey(r.vm));
      if (!vm || !isRunningForMigration(vm)) continue;
      const k = nameKey(r.destinationHost);
      arrivingMB.set(k, (arrivingMB.get(k) ?? 0) + vm.memoryMB);
    }
    return { arrivingMB, placements };
  }

  /** Select Host's lookups over the inventory, once per snapshot. */
  private placementIndex(): PlacementIndex {
    const inv = this.inventory.snapshot().inventory;
    if (this.placement?.inventory !== inv) this.placement = buildPlacementIndex(inv);
    return this.placement;
  }

  /**
   * Whether a move's dependencies let it be considered: all ended as they must, some still to end, or
   * one it needed that failed. An `after` move must complete (it frees memory); a `follows` move only
   * has to end, however it ends (the plan ran them one after the other on a busy network). A dependency
   * still queued or running is known from `active` (no read); only an ended `after` is read, once.
   */
  private dependencyGate(request: ScheduledRequest, active: ReadonlySet<string>): { kind: 'go' } | { kind: 'wait' | 'drop'; text: Said } {
    for (const id of request.after ?? []) {
      if (active.has(id)) return { kind: 'wait', text: say('wait.after', { job: this.jobName(id), host: request.destinationHost }) };
      let dep = this.endings.get(id);
      if (dep === undefined) {
        dep = this.jobs.get(id) ?? null;
        this.endings.set(id, dep);
      }
      if (dep?.status === 'Failed' || dep?.status === 'Canceled') {
        return {
          kind: 'drop',
          text: say(dep.status === 'Failed' ? 'wait.dropped.failed' : 'wait.dropped.canceled', {
            job: dep.nameText ?? dep.name,
            host: request.destinationHost,
          }),
        };
      }
    }
    for (const id of request.follows ?? []) {
      if (active.has(id)) return { kind: 'wait', text: say('wait.follows', { job: this.jobName(id) }) };
    }
    return { kind: 'go' };
  }

  /** A job's name (its catalogue sentence when it has one), read once (names never change). */
  private jobName(id: string): string | Text {
    let name = this.names.get(id);
    if (name === undefined) {
      const job = this.jobs.get(id);
      name = job?.nameText ?? job?.name ?? id;
      this.names.set(id, name);
    }
    return name;
  }

  /**
   * Each busy host's slots in use, limits, and the place a move submitted now would take in its
   * queue (Select Host's `host-busy` warning). Hosts with nothing running or queued are left out.
   */
  busy(): Map<string, HostBusy> {
    const limits = this.limitsIndex();
    const out = new Map<string, HostBusy>();
    const entry = (host: string): HostBusy => {
      const k = nameKey(host);
      let b = out.get(k);
      if (!b) {
        const l = limits.get(k) ?? DEFAULT_LIMITS;
        b = { liveInUse: 0, liveMax: l.live, storageInUse: 0, storageMax: l.storage, queuePosition: 1 };
        out.set(k, b);
      }
      return b;
    };
    for (const row of this.activeRows()) {
      const p = this.parsed(row.id);
      if (!p) continue;
      if (row.status === 'Running') {
        for (const n of p.move.needs) entry(n.host)[n.kind === 'live' ? 'liveInUse' : 'storageInUse'] += 1;
      } else {
        for (const host of new Set(p.move.needs.map((n) => n.host))) entry(host).queuePosition += 1;
      }
    }
    return out;
  }

  /** The moves still to finish, in submission order: from memory unless another process wrote. */
  private activeRows(): Iterable<ActiveMoveRow> {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    if (this.active?.dataVersion !== dataVersion) {
      this.active = { dataVersion, rows: new Map(this.jobs.activeMoves().map((r) => [r.id, r])) };
    }
    return this.active.rows.values();
  }

  /** A move's request and slot needs, parsed once per job (requests never change). */
  private parsed(id: string): ParsedRequest | null {
    let p = this.requests.get(id);
    if (!p) {
      const text = this.jobs.requestText(id);
      if (text === null) return null;
      const request = JSON.parse(text) as ScheduledRequest;
      p = { request, move: toMove(id, request) };
      this.requests.set(id, p);
    }
    return p;
  }

  /** Drops parsed requests of jobs that have ended. */
  private forgetEnded(active: ReadonlyMap<string, unknown>): void {
    if (this.requests.size <= active.size) return;
    for (const id of this.requests.keys()) if (!active.has(id)) this.requests.delete(id);
  }

  /** The request with the migration model's prediction for it (kept with the job, for predicted against actual); none when the VM or a host is gone. */
  /** The request with the migration model's prediction of the move, kept with the job (job history export: predicted against actual). */
  private withPrediction(request: ScheduledRequest): ScheduledRequest & { prediction: MovePrediction | null } {
    const { vms, hosts } = this.byName();
    const vm = vms.get(nameKey(request.vm));
    const source = hosts.get(nameKey(request.sourceHost));
    const destination = hosts.get(nameKey(request.destinationHost));
    return { ...request, prediction: vm && source && destination ? movePredict(request, vm, source, destination) : null };
  }

  /** The inventory's VMs and hosts by name key, once per snapshot (a plan run queues a thousand moves at once). */
  private byName(): { vms: Map<string, Vm>; hosts: Map<string, Host> } {
    const inv = this.inventory.snapshot().inventory;
    if (this.names_?.inventory !== inv) {
      this.names_ = { inventory: inv, vms: new Map(inv.vms.map((v) => [nameKey(v.name), v])), hosts: new Map(inv.hosts.map((h) => [nameKey(h.name), h])) };
    }
    return this.names_;
  }

  /** Each host's limits, worked out once per inventory snapshot. */
  private limitsIndex(): Map<string, HostLimits> {
    const inv = this.inventory.snapshot().inventory;
    if (this.limits?.inventory === inv) return this.limits.index;
    const clusters = new Map(inv.clusters.map((c) => [nameKey(c.name), c]));
    const index = new Map(inv.hosts.map((h) => [nameKey(h.name), hostLimits(h, h.cluster === null ? null : (clusters.get(nameKey(h.cluster)) ?? null))]));
    this.limits = { inventory: inv, index };
    return index;
  }

  private run(job: Job, request: ScheduledRequest): void {
    job.steps = job.steps.map((s, i) => (i === 0 ? { ...s, status: 'Running' } : s));
    job.metrics = { bytesSent: 0, throughputBps: 0, downtimeMs: null, passes: 0, etaSeconds: null, totalSeconds: null };
    this.save(job);
    const vm = this.inventory.snapshot().inventory.vms.find((v) => nameKey(v.name) === nameKey(request.vm));
    if (!vm) {
      this.end(job, 'Failed', {
        error: jobError(text('fail.vmGoneAtStart', { vm: request.vm }), text('fail.vmGoneAtStart.action')),
      });
      this.dispatch();
      return;
    }
    const move = this.connector.moveStart({ ...request, jobId: job.id }, (p) => this.progress(job, p));
    this.running.set(job.id, move);
    void move.done.then((outcome) => {
      this.running.delete(job.id);
      this.lastWrite.delete(job.id);
      this.finish(job, request, outcome);
      this.dispatch();
    });
  }

  private progress(job: Job, p: MoveProgress): void {
    job.steps = job.steps.map((s, i): JobStep => {
      if (i < p.step) return { ...s, status: 'Completed', progress: 100 };
      if (i === p.step) return { ...s, status: 'Running', progress: Math.round(p.stepPercent) };
      return s;
    });
    job.progress = Math.min(99, Math.round(p.percent));
    job.metrics = {
      bytesSent: p.bytesSent,
      throughputBps: p.throughputBps,
      downtimeMs: null,
      passes: p.passes,
      etaSeconds: p.etaSeconds,
      totalSeconds: null,
      precopy: p.memory ?? null,
    };
    const now = Date.now();
    if (now - (this.lastWrite.get(job.id) ?? 0) < PROGRESS_INTERVAL_MS) return;
    this.lastWrite.set(job.id, now);
    this.save(job);
  }

  private finish(job: Job, request: ScheduledRequest, outcome: MoveOutcome): void {
    switch (outcome.status) {
      case 'completed': {
        const ha = this.haAfter(request);
        const stale = this.recordMove(request, ha);
        job.metrics = {
          bytesSent: outcome.bytesSent,
          throughputBps: outcome.totalSeconds > 0 ? outcome.bytesSent / outcome.totalSeconds : 0,
          downtimeMs: outcome.downtimeMs,
          passes: outcome.passes,
          etaSeconds: null,
          totalSeconds: outcome.totalSeconds,
        };
        // Left on a standalone host, the VM is no longer highly available: the job says so, with what to do (info).
        const haSaid = haAfterMoveSentence(request.vm, ha);
        const notes = [outcome.info, stale].filter((x): x is string | Text => x !== null && x !== '');
        const info = notes.length === 0 ? null : notes.length === 1 ? notes[0] : text('fail.twoNotes', { first: notes[0], second: notes[1] });
        const summary = say('result.moved', {
          what:
            request.kind === 'storage'
              ? text('result.what.storage', { host: request.destinationHost })
              : text('result.what.vm', { vm: request.vm, host: request.destinationHost }),
          seconds: Math.round(outcome.totalSeconds * 10) / 10,
          downtime: request.kind === 'storage' || outcome.downtimeMs === null ? '' : text('result.downtime', { ms: outcome.downtimeMs }),
          sent: outcome.bytesSent >= 1e9 ? { gb: outcome.bytesSent / 1e9 } : { mb: Math.round(outcome.bytesSent / 1e6) },
          how: outcome.how ? text('result.how', { how: outcome.how }) : '',
          ha: haSaid ? text('result.info', { info: haSaid.text }) : '',
          info: info ? text('result.info', { info }) : '',
          redirect: request.redirect ? text('result.info', { info: request.redirect.text }) : '',
        });
        this.end(job, info || request.redirect || ha.kind === 'leaves-cluster' ? 'Completed with info' : 'Completed', { summary });
        return;
      }
      case 'failed':
        this.end(job, 'Failed', {
          error: jobErrorOf(outcome),
          summary: say('result.vmIsOn', { vm: request.vm, host: outcome.vmHost }),
        });
        return;
      case 'canceled':
        this.end(job, 'Canceled', { summary: say('result.canceled', { vm: request.vm, host: outcome.vmHost }) });
        return;
      default:
        assertNever(outcome);
    }
  }

  /** What the move did to the VM's high availability, from the inventory as it was before the move is recorded. */
  private haAfter(request: ScheduledRequest): HaAfterMove {
    const doc = this.inventory.snapshot().inventory;
    const vm = doc.vms.find((v) => nameKey(v.name) === nameKey(request.vm));
    const source = doc.hosts.find((h) => nameKey(h.name) === nameKey(request.sourceHost));
    const dest = doc.hosts.find((h) => nameKey(h.name) === nameKey(request.destinationHost));
    return vm && source && dest ? haAfterMove(vm, source, dest, request.kind) : { kind: 'unchanged' };
  }

  /** Records a move that ended with the VM on its destination; answers what kept the inventory from showing it, if anything. */
  private recordMove(request: ScheduledRequest, ha: HaAfterMove = { kind: 'unchanged' }): Text | null {
    const vm = this.inventory.snapshot().inventory.vms.find((v) => nameKey(v.name) === nameKey(request.vm));
    if (!vm) return text('fail.vmGoneAfterMove', { vm: request.vm });
    const paths = pathsAfterMove(vm, request);
    try {
      const revision = this.inventory.applyMove({
        vm: vm.name,
        destinationHost: request.destinationHost,
        configurationPath: paths.configurationPath,
        disks: paths.disks,
        memoryMB: vm.state === 'Off' ? 0 : vm.memoryMB,
        addDefaultLocation: request.addToDefaults ? (request.destinationPath ?? request.configurationPath) : null,
        ...(ha.kind === 'leaves-cluster' ? { highlyAvailable: false } : {}),
      });
      const delta = this.inventory.delta(revision, [vm.name], [request.sourceHost, request.destinationHost]);
      this.hub.emit('inventory.changed', { revision, meta: this.inventory.snapshot().meta, ...(delta ? { delta } : {}) });
      return null;
    } catch (e) {
      // An import replaced the estate while the move ran: the move is done, the inventory can't show it.
      return text('fail.inventoryNotShown', { message: (e as Error).message });
    }
  }

  private end(job: Job, status: 'Completed' | 'Completed with info' | 'Failed' | 'Canceled', detail: { error?: Job['error']; summary?: string | Said }): void {
    const failedAt = job.steps.findIndex((s) => s.status === 'Running');
    job.steps = job.steps.map((s, i): JobStep => {
      if (status === 'Completed' || status === 'Completed with info') return { ...s, status: 'Completed', progress: 100 };
      if (i === failedAt) return { ...s, status: status === 'Failed' ? 'Failed' : 'Canceled' };
      return s;
    });
    job.status = status;
    if (status.startsWith('Completed')) job.progress = 100;
    job.error = detail.error ?? null;
    job.summary = typeof detail.summary === 'object' ? detail.summary.message : (detail.summary ?? null);
    job.summaryText = typeof detail.summary === 'object' ? detail.summary.text : null;
    job.waitingFor = null;
    job.waitingForText = null;
    if (job.metrics) job.metrics = { ...job.metrics, etaSeconds: null };
    job.endedAt = new Date().toISOString();
    this.save(job);
    this.active?.rows.delete(job.id);
  }

  /**
   * Cancels a queued or running move. A queued one ends at once; a running one is stopped by the
   * process that runs it (this one, or another sharing the database), leaving the VM on its source.
   */
  cancel(jobId: string): Result<Job> {
    const job = this.jobs.get(jobId);
    if (!job) return err('job-not-found', say('err.noJob', { id: jobId }));
    if (job.status === 'Queued' && this.jobs.cancelQueued(jobId, new Date())) {
      this.active?.rows.delete(jobId);
      const canceled = this.jobs.get(jobId) as Job;
      canceled.summary = 'Canceled before it started.';
      this.jobs.update(canceled);
      this.publish(canceled);
      this.dispatch();
      return ok(canceled);
    }
    if (job.status !== 'Running' && job.status !== 'Queued')
      return err('job-ended', say('err.jobEnded', { job: job.nameText ?? job.name, status: text(`status.${job.status}`) }));
    const move = this.running.get(jobId);
    if (move) move.cancel();
    else this.jobs.requestCancel(jobId);
    return ok(this.jobs.get(jobId) as Job);
  }

  /** Ids of the queued and running moves (of any process) whose source or destination `on` selects. */
  jobsOn(on: (host: string) => boolean): string[] {
    return this.jobs
      .active<ScheduledRequest>()
      .filter((a) => on(a.request.sourceHost) || on(a.request.destinationHost))
      .map((a) => a.job.id);
  }

  /** Waits until no move touching a host `on` selects is queued or running, up to `timeoutMs`; answers whether none is. */
  async idleOn(on: (host: string) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobsOn(on).length > 0) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return true;
  }

  /** Restarts a failed or canceled move as a new job, from where the VM is now. */
  restart(jobId: string): Result<Job> {
    const job = this.jobs.get(jobId);
    if (!job) return err('job-not-found', say('err.noJob', { id: jobId }));
    if (job.status !== 'Failed' && job.status !== 'Canceled')
      return err('job-not-restartable', say('err.jobNotRestartable', { job: job.nameText ?? job.name, status: text(`status.${job.status}`) }));
    const request = this.jobs.request<ScheduledRequest>(jobId);
    if (!request) return err('job-not-restartable', say('err.jobNotMove', { job: job.nameText ?? job.name }));
    const vm = this.inventory.snapshot().inventory.vms.find((v) => nameKey(v.name) === nameKey(request.vm));
    if (!vm) return err('vm-not-found', say('err.vmGoneOnly', { vm: request.vm }));
    const sourceHost = vm.host;
    if (request.kind !== 'storage' && nameKey(sourceHost) === nameKey(request.destinationHost)) {
      return err('already-there', say('err.alreadyThere', { vm: vm.name, host: request.destinationHost }));
    }
    return this.enqueue(
      { ...request, sourceHost, ...(request.kind === 'storage' ? { destinationHost: sourceHost } : {}) },
      job.nameText ? { message: job.name, text: job.nameText } : job.name,
      job.id,
    );
  }

  /** Handles cancel requests other processes left for this one's running moves. */
  pollCancelRequests(): void {
    for (const id of this.jobs.cancelRequests(this.runnerId)) this.running.get(id)?.cancel();
  }

  /**
   * Jobs that were running when their process died are failed, with the VM where the connector
   * says it is; queued jobs stay queued and run. Nothing is lost and nothing runs twice. Runs at
   * start-up, and from the database watcher while a runner lives (a `ferry` command may die while
   * the app runs). Answers how many jobs it ended.
   */
  async reconcile(): Promise<number> {
    if (this.closed) return 0;
    this.runners.prune();
    const orphans = this.jobs
      .active<ScheduledRequest>()
      .filter((a) => a.job.status === 'Running' && a.runner !== this.runnerId && !this.runners.alive(a.runner));
    let ended = 0;
    for (const { job, request, runner } of orphans) {
      const where = (await this.connector.vmLocate(request.vm)) ?? request.sourceHost;
      if (this.closed) break;
      // Another process may reconcile the same job at the same time: end it only if it is still the orphan seen.
      // A host may have finished the move on its own (QEMU completes a migration its client left): the VM is there.
      const arrived = request.kind !== 'storage' && nameKey(where) === nameKey(request.destinationHost) && nameKey(where) !== nameKey(request.sourceHost);
      this.db
        .transaction(() => {
          const now = this.jobs.get(job.id);
          if (now?.status !== 'Running' || this.jobs.runnerOf(job.id) !== runner) return;
          ended++;
          if (arrived) {
            const ha = this.haAfter(request);
            const stale = this.recordMove(request, ha);
            const haSaid = haAfterMoveSentence(request.vm, ha);
            this.end(now, 'Completed with info', {
              summary: say('fail.hostFinished', {
                vm: request.vm,
                host: where,
                ha: haSaid ? text('result.info', { info: haSaid.text }) : '',
                stale: stale ? text('result.info', { info: stale }) : '',
              }),
            });
            return;
          }
          this.end(now, 'Failed', {
            error: jobError(text('fail.moveInterrupted', { vm: request.vm, host: where }), text('fail.moveInterrupted.action')),
          });
        })
        .immediate();
    }
    return ended;
  }

  private save(job: Job): void {
    this.jobs.update(job);
    this.publish(job);
  }

  private publish(job: Job): void {
    this.hub.emit('jobs.changed', { jobs: [{ ...job, steps: job.steps.map((s) => ({ ...s })), metrics: job.metrics && ({ ...job.metrics } as JobMetrics) }] });
  }
}
