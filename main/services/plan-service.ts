/**
 * Plans of many moves on the current inventory: preview, run as a job group, export as PowerShell,
 * save to compare; maintenance mode (evacuate a host, with a preview); abort a group, and restore
 * what it had already moved. Running a plan submits its moves in the plan's order with their
 * dependencies; the scheduler applies the same slot rules the plan assumed.
 */
import { said, say, sentences, text, type Text } from '../../shared/i18n/text.js';
import { jobError, jobErrorOf, type Job, type JobError } from '../../shared/model/job.js';
import type { ConnectorResult } from '../domain/connector/host-connector.js';
import type { GroupAbort, JobGroup, MaintenanceSavedVms, MaintenanceStop, Plan, PlanRequest, PlanRun, PlanWhatIf, SavedPlan } from '../../shared/model/plan.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import { optimizeHosts } from '../domain/optimize/optimize-hosts.js';
import type { GroupThresholds } from '../domain/optimize/thresholds.js';
import type { OptimizeOutcome, OptimizeRequest } from '../../shared/model/optimize.js';
import { snapshotIndex } from '../domain/placement/placement-index.js';
import { planMoves } from '../domain/planner/planner.js';
import { planScript } from '../domain/scripts/plan-script.js';
import { transferMovesStorage } from '../domain/placement/transfer-type.js';
import { nameKey } from '../domain/storage-paths/names.js';
import { buildStorageIndex, defaultStorageLocation } from '../domain/storage-paths/storage-index.js';
import type { JobGroupRepository } from '../infra/db/job-group-repository.js';
import type { JobRepository } from '../infra/db/job-repository.js';
import type { EventHub } from './event-hub.js';
import type { InventoryService } from './inventory-service.js';
import type { JobService } from './job-service.js';
import type { EnqueueItem, SchedulerService } from './scheduler-service.js';

/** Saves a VM's state on its host (the host's connector: Save-VM, QEMU's state file, or the simulator). */
export type VmSaver = (vm: string, host: string) => Promise<ConnectorResult>;

/** Starts a VM as a Start job (the console's Start: MigrationService.startVm). */
export type VmStarter = (vm: string) => Result<Job>;

/** Plans, job groups and maintenance mode. */
export class PlanService {
  constructor(
    private readonly inventory: InventoryService,
    private readonly jobRows: JobRepository,
    private readonly jobs: JobService,
    private readonly groups: JobGroupRepository,
    private readonly scheduler: SchedulerService,
    private readonly hub: EventHub,
    private readonly saveVm: VmSaver,
    private readonly startVm: VmStarter = (vm) => err('start-unavailable', `${vm} cannot be started from here.`),
    private readonly thresholds: () => GroupThresholds = () => ({}),
  ) {}

  /**
   * Optimize Hosts on the inventory as it is now: the moves worth making, as a plan of those VMs pinned to their
   * destinations (a plan like any other: Run, Save and View Script take its `request`), with `optimize` telling the
   * balance before and after and why each move. Nothing worth moving: a plan with no move and the reason.
   */
  optimize(request: OptimizeRequest, whatIf: PlanWhatIf = {}): Result<Plan> {
    const inventory = this.inventory.snapshot().inventory;
    const found = optimizeHosts(inventory, request, this.thresholds());
    if (!found.ok) return found;
    const outcome = found.value;
    if (outcome.moves.length === 0) return ok(emptyPlan(outcome, whatIf));
    const perVm: Record<string, string> = {};
    for (const m of outcome.moves) perVm[m.vm] = m.to;
    const planned = planMoves(inventory, { kind: 'vms', vms: outcome.moves.map((m) => m.vm), to: 'auto', perVm }, whatIf, {
      holds: this.scheduler.holds(),
      index: snapshotIndex(inventory),
    });
    return planned.ok ? ok({ ...planned.value, optimize: outcome }) : planned;
  }

  /** The plan of a request on the inventory as it is now. */
  plan(request: PlanRequest, whatIf: PlanWhatIf = {}): Result<Plan> {
    const inventory = this.inventory.snapshot().inventory;
    return planMoves(inventory, request, whatIf, { holds: this.scheduler.holds(), index: snapshotIndex(inventory) });
  }

  /** The plan as one PowerShell script. */
  script(request: PlanRequest, whatIf: PlanWhatIf = {}): Result<string> {
    const plan = this.plan(request, whatIf);
    if (!plan.ok) return plan;
    return planScript(plan.value, this.inventory.snapshot().inventory);
  }

  /**
   * Runs a request: plans it on the inventory as it is now (so nothing stale runs), then submits every
   * move as a job of one group, in the plan's order. An evacuation first puts its host in maintenance
   * mode (no move lands there) and saves the VMs that cannot move when asked to. What-if limits and
   * caps are only hypotheses: the hosts' own settings apply; a what-if performance option applies to
   * every move.
   */
  run(request: PlanRequest, whatIf: PlanWhatIf = {}, restoreOf: string | null = null): Result<PlanRun> {
    const planned = this.plan(request, whatIf);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const saving = plan.staying.filter((st) => st.reason.code === 'saved-by-plan');
    if (plan.moves.length === 0 && saving.length === 0 && request.kind !== 'evacuate') {
      const why = plan.unmovable.map((u) => text('result.notStarted', { vm: u.vm, why: u.reasons[0]?.text ?? u.reasons[0]?.message ?? '' }));
      return err('nothing-to-run', said(sentences([text('err.nothingToRun'), ...why])), { plan });
    }
    const kind = restoreOf ? 'restore' : request.kind === 'evacuate' ? 'maintenance' : 'plan';
    const target = request.kind === 'evacuate' ? request.host : `${plan.moves.length} VM${plan.moves.length === 1 ? '' : 's'}`;
    const name =
      kind === 'maintenance' ? `Start maintenance mode on ${target}` : kind === 'restore' ? `Restore: move ${target} back` : `Run plan: migrate ${target}`;
    const index = buildStorageIndex(this.inventory.snapshot().inventory);
    const items = plan.moves.map((m): EnqueueItem => {
      const dest = index.hosts.get(nameKey(m.to));
      const destinationPath = transferMovesStorage(m.transferType) && dest ? (defaultStorageLocation(dest, index)?.path ?? null) : null;
      return {
        key: m.id,
        request: {
          kind: m.kind,
          vm: m.vm,
          sourceHost: m.from,
          destinationHost: m.to,
          performanceOption: m.performanceOption,
          destinationPath,
          diskDestinations: null,
          configurationPath: null,
          addToDefaults: false,
        },
        after: m.after,
        follows: m.follows,
        name: say('job.migrateVm', { vm: m.vm, host: m.to }),
      };
    });
    // The group and every move are written in one transaction: when another submitter took one of the
    // VMs since the plan was made (vm-busy), nothing is queued and no group is left behind. The host
    // goes into maintenance mode before any of the moves is dispatched.
    let groupId = '';
    const queued = this.scheduler.enqueueAll(items, {
      dispatch: false,
      group: () => (groupId = this.groups.create({ kind, name, target, plan, restoreOf })),
    });
    if (!queued.ok) return queued;
    if (request.kind === 'evacuate') this.inventory.maintenanceSet(request.host, true);
    this.scheduler.dispatch();
    const jobs: Job[] = [...queued.value];
    for (const u of saving) {
      const saved = this.vmSave(u.vm, u.host, groupId);
      if (saved.ok) jobs.push(saved.value);
    }
    return ok({ group: this.group(groupId) as JobGroup, plan, jobs });
  }

  /** A group with its state from its jobs. */
  group(id: string): JobGroup | undefined {
    return this.groups.get(id, (g) => this.jobRows.ofGroup(g));
  }

  /** The newest groups first. */
  groupList(limit = 100): JobGroup[] {
    return this.groups.list((g) => this.jobRows.ofGroup(g), limit);
  }

  /**
   * Aborts a group: its queued moves are canceled and its running ones stopped (each VM stays where it
   * is). With `restore`, once nothing of it runs, the VMs it had moved go back to the hosts they left,
   * as a new group; an evacuation's host leaves maintenance mode first so they can land there.
   */
  async abort(id: string, restore: boolean, waitMs = 120_000): Promise<Result<GroupAbort>> {
    const group = this.group(id);
    if (!group) return err('group-not-found', say('err.noGroup', { id }));
    if (group.state !== 'Running' && !restore) return err('group-ended', say('err.groupEnded', { group: group.name, state: group.state }));
    this.groups.markAborted(id);
    for (const job of this.jobRows.ofGroup(id)) if (job.status === 'Queued' || job.status === 'Running') this.scheduler.cancel(job.id);
    const deadline = Date.now() + waitMs;
    while (this.jobRows.ofGroup(id).some((j) => j.status === 'Queued' || j.status === 'Running')) {
      if (Date.now() > deadline) return err('abort-timeout', say('err.abortTimeout', { group: group.name, seconds: waitMs / 1000 }));
      await new Promise((r) => setTimeout(r, 100));
    }
    this.publishGroupJobs(id);
    if (!restore) return ok({ group: this.group(id) as JobGroup, restore: null });
    if (group.kind === 'maintenance') this.inventory.maintenanceSet(group.target, false);
    const inventory = this.inventory.snapshot().inventory;
    const back: Record<string, string> = {};
    for (const job of this.jobRows.ofGroup(id)) {
      if ((job.status !== 'Completed' && job.status !== 'Completed with info') || !job.move) continue;
      const vm = inventory.vms.find((v) => nameKey(v.name) === nameKey(job.target));
      if (vm && nameKey(vm.host) !== nameKey(job.move.sourceHost)) back[vm.name] = job.move.sourceHost;
    }
    if (Object.keys(back).length === 0) return ok({ group: this.group(id) as JobGroup, restore: null });
    const restored = this.run({ kind: 'vms', vms: Object.keys(back), to: 'auto', perVm: back }, {}, id);
    if (!restored.ok) return restored;
    return ok({ group: this.group(id) as JobGroup, restore: restored.value });
  }

  /** Start Maintenance Mode: the evacuation plan, run as a group. */
  maintenanceStart(host: string, cannotMove: 'save' | 'leave', whatIf: PlanWhatIf = {}): Result<PlanRun> {
    return this.run({ kind: 'evacuate', host, cannotMove }, whatIf);
  }

  /**
   * The VMs the evacuation that put `host` in maintenance mode saved (its newest maintenance group's completed
   * Save jobs), in that order, that are still saved on `host`: what Stop Maintenance Mode offers to start.
   */
  maintenanceSavedVms(host: string): Result<MaintenanceSavedVms> {
    const inventory = this.inventory.snapshot().inventory;
    const h = inventory.hosts.find((x) => nameKey(x.name) === nameKey(host));
    if (!h) return err('host-not-found', say('err.noHost', { host }));
    const evacuation = this.groupList().find((g) => g.kind === 'maintenance' && nameKey(g.target) === nameKey(h.name));
    if (!evacuation) return ok({ host: h.name, vms: [] });
    const saved = this.jobRows.ofGroup(evacuation.id).filter((j) => j.kind === 'save-vm' && (j.status === 'Completed' || j.status === 'Completed with info'));
    const vms: string[] = [];
    for (const job of saved) {
      const vm = inventory.vms.find((v) => nameKey(v.name) === nameKey(job.target));
      if (vm && vm.state === 'Saved' && nameKey(vm.host) === nameKey(h.name) && !vms.includes(vm.name)) vms.push(vm.name);
    }
    return ok({ host: h.name, vms });
  }

  /**
   * Stop Maintenance Mode, as a job: the host takes VMs again (moves still running from its evacuation go on),
   * then each VM of `startVms` (VMs its evacuation saved: `maintenanceSavedVms`) gets a Start job. A VM that is
   * not one of them is refused before anything changes.
   */
  maintenanceStop(host: string, startVms: readonly string[] = []): Result<MaintenanceStop> {
    const h = this.inventory.snapshot().inventory.hosts.find((x) => nameKey(x.name) === nameKey(host));
    if (!h) return err('host-not-found', say('err.noHost', { host }));
    if (!h.maintenanceMode) return err('not-in-maintenance', say('err.notInMaintenance', { host: h.name }));
    const saved = this.maintenanceSavedVms(h.name);
    if (!saved.ok) return saved;
    const toStart: string[] = [];
    for (const name of startVms) {
      const vm = saved.value.vms.find((v) => nameKey(v) === nameKey(name));
      if (!vm) {
        return err('vm-not-saved-by-evacuation', say('err.notSavedByEvacuation', { vm: name, host: h.name }), { field: 'startVms', vm: name });
      }
      if (!toStart.includes(vm)) toStart.push(vm);
    }
    const steps = [say('step.maintenanceOff'), ...(toStart.length > 0 ? [say('step.startSaved')] : [])];
    const job = this.jobs.start('stop-maintenance', say('job.stopMaintenance', { host: h.name }), h.name, steps);
    if (!this.inventory.maintenanceSet(h.name, false)) {
      const failed = this.jobs.finish(job, 'Failed', {
        error: jobError(text('fail.hostGone', { host: h.name }), text('fail.hostGone.stopMaintenance')),
      });
      return ok({ job: failed, starts: [] });
    }
    if (toStart.length === 0)
      return ok({ job: this.jobs.finish(job, 'Completed', { summary: say('result.maintenanceOff', { host: h.name, started: '', refused: '' }) }), starts: [] });
    this.jobs.advance(job, 0);
    const starts: Job[] = [];
    const refused: Text[] = [];
    for (const vm of toStart) {
      const started = this.startVm(vm);
      if (started.ok) starts.push(started.value);
      else refused.push(text('result.notStarted', { vm, why: started.error.text ?? started.error.message }));
    }
    const summary = say('result.maintenanceOff', {
      host: h.name,
      started: starts.length > 0 ? text('result.startJobs', { vms: { list: starts.map((j) => j.target) } }) : '',
      refused: refused.length > 0 ? text('result.notStartedList', { vms: { list: refused } }) : '',
    });
    return ok({ job: this.jobs.finish(job, refused.length === 0 ? 'Completed' : 'Completed with info', { summary }), starts });
  }

  /** Plans a request again (Optimize Hosts when `optimize` is given) and saves the plan under a name, to compare with another. */
  planSave(name: string, request: PlanRequest, whatIf: PlanWhatIf = {}, optimize?: OptimizeRequest): Result<SavedPlan> {
    const plan = optimize ? this.optimize(optimize, whatIf) : this.plan(request, whatIf);
    return plan.ok ? ok(this.groups.planSave(name, plan.value)) : plan;
  }

  /** Saved plans, newest first. */
  plansSaved(): SavedPlan[] {
    return this.groups.plansSaved();
  }

  /**
   * Saves a VM's state as a job of the group (an evacuation's VM that cannot move): the job runs until
   * the host's connector answers; the inventory shows the VM Saved once it has.
   */
  private vmSave(vm: string, host: string, groupId: string): Result<Job> {
    const started = this.jobs.startOnVm('save-vm', say('job.saveVm', { vm }), vm, [say('step.saveState')], groupId);
    if (!started.ok) return started;
    const job = started.value;
    const failed = (error: JobError): Job => this.jobs.finish(job, 'Failed', { failedStep: 0, error: jobErrorOf(error) });
    void this.saveVm(vm, host).then(
      (result) => {
        if (!result.ok) return failed(result);
        this.inventory.vmStateSet(vm, 'Saved');
        return this.jobs.finish(job, 'Completed', { summary: say('result.saved', { vm, host }) });
      },
      (e: unknown) => failed(jobError(text('fail.saveThrew', { vm, host, message: (e as Error).message }), text('fail.saveThrew.action'))),
    );
    return ok(job);
  }

  private publishGroupJobs(id: string): void {
    const jobs = this.jobRows.ofGroup(id);
    if (jobs.length) this.hub.emit('jobs.changed', { jobs });
  }
}

/** The plan of an Optimize Hosts that found nothing worth moving: no move, and why in `optimize.summary`. */
function emptyPlan(outcome: OptimizeOutcome, whatIf: PlanWhatIf): Plan {
  return {
    request: { kind: 'vms', vms: [], to: 'auto' },
    whatIf,
    moves: [],
    unmovable: [],
    staying: [],
    saves: [],
    makespan: 0,
    lowerBound: 0,
    lowerBoundBasis: outcome.summary.message,
    lowerBoundBasisText: outcome.summary.text,
    lanes: [],
    warnings: [],
    optimize: outcome,
  };
}
