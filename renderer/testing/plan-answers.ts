import type { Job } from '../../shared/model/job.js';
import { jobGroupCounts, jobGroupState, type JobGroup, type Plan, type PlannedMove, type PlanRequest, type UnmovableVm } from '../../shared/model/plan.js';
import type { Issue } from '../../shared/model/placement.js';
import { makeMoveJob } from './sample-jobs.js';

/** A planned move, as `plan.create` would answer it (tests seed these; the renderer never plans). */
export function plannedMove(id: string, vm: string, from: string, to: string, patch: Partial<PlannedMove> = {}): PlannedMove {
  return {
    id,
    vm,
    from,
    to,
    transferType: 'Live',
    kind: 'live',
    performanceOption: 'Compression',
    start: 0,
    end: 30,
    downtime: 0.15,
    bytes: 8e9,
    passes: 3,
    chosen: 'auto',
    rating: 4,
    risk: 'ok',
    convergence: 'Converges in 3 passes.',
    after: [],
    follows: [],
    ...patch,
  };
}

/** A VM the plan cannot move, with its reasons. */
export function unmovableVm(vm: string, host: string, reasons: Issue<string>[]): UnmovableVm {
  return { vm, host, reasons: reasons as UnmovableVm['reasons'], action: null };
}

/** A plan of these moves; its window is the last move's end unless the patch says. */
export function planOf(request: PlanRequest, moves: PlannedMove[], unmovable: UnmovableVm[] = [], patch: Partial<Plan> = {}): Plan {
  const makespan = Math.max(0, ...moves.map((m) => m.end));
  return {
    request,
    whatIf: {},
    moves,
    unmovable,
    staying: [],
    saves: [],
    makespan,
    lowerBound: makespan,
    lowerBoundBasis: 'the longest move takes this long on its own',
    lanes: [],
    warnings: [],
    ...patch,
  };
}

/** A job group, as `groups.list` would answer it: its counts from `jobs`. */
export function jobGroup(id: string, name: string, jobs: readonly Job[], patch: Partial<JobGroup> = {}): JobGroup {
  const counts = jobGroupCounts(jobs);
  return {
    id,
    kind: 'plan',
    name,
    target: `${jobs.length} VMs`,
    createdAt: '2026-11-20T11:00:00Z',
    abortedAt: null,
    restoreOf: null,
    state: jobGroupState(counts, null),
    counts,
    makespan: 95,
    lowerBound: 80,
    jobIds: jobs.map((j) => j.id),
    ...patch,
  };
}

/** A move job of a group. */
export function groupMoveJob(id: string, groupId: string, vm: string, from: string, to: string, patch: Parameters<typeof makeMoveJob>[4] = {}): Job {
  return makeMoveJob(id, vm, from, to, { groupId, createdAt: '2026-11-20T11:00:00Z', ...patch });
}
