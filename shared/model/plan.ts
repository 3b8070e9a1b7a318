/**
 * Plans of many moves (offline planning, multi-select migrate, maintenance mode): what moves where, in
 * what order, when each is predicted to start and end, what cannot move and why. Times are seconds
 * from the plan's start. `ferry plan --json` prints `moves`, `unmovable`, `makespan` and `lowerBound`
 * exactly as named here (outside tests read them), and may print more.
 */
import type { PerformanceOption } from './inventory.js';
import type { Job, MoveKind } from './job.js';
import type { HostLimits, SlotKind } from './migration-slots.js';
import type { Issue, ReasonCode, TransferType } from './placement.js';
import type { Text } from '../i18n/text.js';
import type { OptimizeOutcome } from './optimize.js';

/** What to plan: chosen VMs (each to a host, or to the best host, `auto`), or a host's evacuation. */
export type PlanRequest =
  | {
      kind: 'vms';
      vms: string[];
      /** Where every VM goes unless `perVm` says otherwise: a host name, or `auto`. */
      to: string;
      /** A row the user changed: VM name → host name (or `auto`). */
      perVm?: Record<string, string>;
    }
  | {
      kind: 'evacuate';
      host: string;
      /** What to do with running VMs that cannot live-migrate anywhere: save their state, or leave them running. */
      cannotMove: 'save' | 'leave';
    };

/** What-if controls: they change the plan, not the estate. */
export interface PlanWhatIf {
  /** Per host (by name): live and storage migration limits to plan with. */
  limits?: Record<string, Partial<HostLimits>>;
  /** One performance option for every move, instead of each source host's own. */
  performanceOption?: PerformanceOption | null;
  /** A cap on every host's migration network, Gbps (the slower of the cap and the host's line rate applies). */
  bandwidthCapGbps?: number | null;
  /** Plan with VMM's behaviour instead: first in first out in the request's order, every host limited to 2. */
  naive?: boolean;
}

/** A planned move. */
export interface PlannedMove {
  /** The move's id in the plan (its order: 1 runs first when slots allow). */
  id: string;
  vm: string;
  from: string;
  to: string;
  transferType: TransferType;
  kind: MoveKind;
  performanceOption: PerformanceOption;
  /** Predicted start and end, seconds from the plan's start. */
  start: number;
  end: number;
  /** Predicted downtime, seconds. */
  downtime: number;
  bytes: number;
  /** Pre-copy passes predicted. */
  passes: number;
  /** How the destination was chosen: pinned by the user, or the best-rated host that still fits. */
  chosen: 'pinned' | 'auto';
  /** The destination's rating (0.5 to 5) once the moves before this one are counted. */
  rating: number;
  /** Whether pre-copy converges on its link: `slow` and `never` come with a warning. */
  risk: 'ok' | 'slow' | 'never' | null;
  /** Why it converges or not, and what to change, in words. */
  convergence: string;
  /** `convergence` as a catalogue sentence for the console; absent in plans saved before Ferry kept it. */
  convergenceText?: Text;
  /** Moves that must end before this one starts (their departure frees what this one needs). */
  after: string[];
  /**
   * The placement rule that shaped its destination (migration-rules.md section 8), with the rule finding's code:
   * "kept apart from SQL-02: availability set SQL-AG"; a soft rule it could not keep, in a full sentence. Absent: none.
   */
  rule?: Issue<PlanRuleCode>;
  /**
   * Moves the plan starts this one after, however they end: its hosts' migration networks are full
   * until then, and sharing them would only slow every move on them down.
   */
  follows: string[];
}

/** The codes of the placement rules (migration-rules.md section 8) that can shape a planned move. */
export type PlanRuleCode = 'not-possible-owner' | 'affinity-rule' | 'availability-set' | 'affinity-split' | 'not-preferred-owner';

/** A VM that cannot move in this plan, and why. */
export interface UnmovableVm {
  vm: string;
  host: string;
  reasons: Issue<ReasonCode | PlanReasonCode>[];
  /** For an evacuation: what happens to it instead (it stays running; one the plan saves is `staying`). */
  action: 'leave' | null;
}

/** Why a VM of an evacuated host stays on it on purpose (migration-rules.md section 9). */
export type StayingCode = 'not-running' | 'saved-by-plan';

/** A VM of an evacuated host that stays on it on purpose, with why. */
export interface StayingVm {
  vm: string;
  host: string;
  reason: Issue<StayingCode>;
  /** For `saved-by-plan`: why it could not move (every reason, as `unmovable` would list them). */
  because: Issue<ReasonCode | PlanReasonCode>[];
}

/** Why a VM has no destination in a plan, besides Select Host's reasons. */
export type PlanReasonCode = 'vm-not-found' | 'host-not-found' | 'no-capacity-left' | 'already-there';

/** One lane of the timeline: one slot of one host, with the moves it carries in order. */
export interface PlanLane {
  host: string;
  kind: SlotKind;
  /** 1-based slot number on that host. */
  slot: number;
  moves: string[];
}

/** A warning about the plan as a whole or one move, with what to change. */
export interface PlanWarning {
  code: 'not-converging' | 'slow-convergence' | 'vms-left-running' | 'vms-saved' | 'availability-set' | 'affinity-split';
  vm: string | null;
  message: string;
  /** `message` as a catalogue sentence, for the console. */
  text?: Text;
}

/** A whole plan. */
export interface Plan {
  request: PlanRequest;
  whatIf: PlanWhatIf;
  moves: PlannedMove[];
  unmovable: UnmovableVm[];
  /**
   * An evacuation's VMs that stay on the host on purpose: off or saved and not highly available
   * (`not-running`), or saved by the plan instead of moving (`saved-by-plan`). Empty for chosen VMs.
   */
  staying: StayingVm[];
  /** VMs saved instead of moved (an evacuation with `cannotMove: 'save'`), with when their save ends. */
  saves: { vm: string; host: string; start: number; end: number }[];
  /** Predicted end of the last move, seconds. */
  makespan: number;
  /** No order of these moves can end sooner (see `lowerBoundBasis`). */
  lowerBound: number;
  /** Which bound is the largest, in words. */
  lowerBoundBasis: string;
  /** `lowerBoundBasis` as a catalogue sentence, for the console. */
  lowerBoundBasisText?: Text;
  lanes: PlanLane[];
  warnings: PlanWarning[];
  /** For Optimize Hosts: why these moves, the balance before and after, the thresholds; absent for other plans. */
  optimize?: OptimizeOutcome;
}

/** How a job group stands, from its jobs: still moving, done, done with failures, or aborted by the admin. */
export type JobGroupState = 'Running' | 'Completed' | 'Completed with problems' | 'Aborted';

/** Many jobs run as one: a plan run, an evacuation for maintenance, or the restore of an aborted group. */
export interface JobGroup {
  id: string;
  kind: 'plan' | 'maintenance' | 'restore';
  name: string;
  /** The evacuated host, or what the plan moves ("3 VMs"). */
  target: string;
  createdAt: string;
  abortedAt: string | null;
  /** For a restore: the group whose moves it undoes. */
  restoreOf: string | null;
  state: JobGroupState;
  counts: { total: number; queued: number; running: number; completed: number; failed: number; canceled: number };
  /** The plan it runs: predicted makespan and lower bound, seconds. */
  makespan: number;
  lowerBound: number;
  jobIds: string[];
}

/** A plan saved to compare with another. */
export interface SavedPlan {
  id: string;
  name: string;
  savedAt: string;
  plan: Plan;
}

/** What running a plan started: its group, the plan it runs, and the group's jobs. */
export interface PlanRun {
  group: JobGroup;
  plan: Plan;
  jobs: Job[];
}

/** What aborting a group did: the group, and the restore that moves its VMs back (when asked and needed). */
export interface GroupAbort {
  group: JobGroup;
  restore: PlanRun | null;
}

/** What Stop Maintenance Mode did: its job, and the Start jobs of the saved VMs it was asked to start. */
export interface MaintenanceStop {
  job: Job;
  starts: Job[];
}

/** The VMs a host's evacuation saved that are still saved there: what Stop Maintenance Mode offers to start. */
export interface MaintenanceSavedVms {
  host: string;
  vms: string[];
}

/** A group's counts from its jobs (the backend's answer and the console's live view count the same way). */
export function jobGroupCounts(jobs: readonly Pick<Job, 'status'>[]): JobGroup['counts'] {
  const counts = { total: jobs.length, queued: 0, running: 0, completed: 0, failed: 0, canceled: 0 };
  for (const job of jobs) {
    if (job.status === 'Queued') counts.queued++;
    else if (job.status === 'Running') counts.running++;
    else if (job.status === 'Completed' || job.status === 'Completed with info') counts.completed++;
    else if (job.status === 'Failed') counts.failed++;
    else counts.canceled++;
  }
  return counts;
}

/** A group's state from its counts: aborted wins; running while any job is to finish; then with or without problems. */
export function jobGroupState(counts: JobGroup['counts'], abortedAt: string | null): JobGroupState {
  if (abortedAt) return 'Aborted';
  if (counts.queued + counts.running > 0) return 'Running';
  return counts.failed + counts.canceled > 0 ? 'Completed with problems' : 'Completed';
}
