import type { Job } from '../../../shared/model/job.js';
import { jobGroupCounts, jobGroupState, type JobGroup, type JobGroupState } from '../../../shared/model/plan.js';

/** A row of the jobs list: a job group (its jobs below it unless folded), or a job. */
export type JobListItem =
  | { kind: 'group'; key: string; groupId: string; group: JobGroup | null; jobs: Job[]; expanded: boolean }
  | { kind: 'job'; key: string; job: Job; grouped: boolean };

const GROUP_KEY_PREFIX = 'group:';

/** The list key of a group's row (job rows use the job's id). */
export function groupKey(groupId: string): string {
  return `${GROUP_KEY_PREFIX}${groupId}`;
}

/** The group a list key stands for, or null for a job's key. */
export function groupIdOfKey(key: string): string | null {
  return key.startsWith(GROUP_KEY_PREFIX) ? key.slice(GROUP_KEY_PREFIX.length) : null;
}

/**
 * The jobs list with groups: each group's row stands where its newest job would, and its jobs follow it in
 * the plan's order (folded groups hide them). Jobs of no group keep their place, newest first.
 */
export function jobListItems(jobs: readonly Job[], groups: ReadonlyMap<string, JobGroup>, collapsed: ReadonlySet<string>): JobListItem[] {
  const byGroup = new Map<string, Job[]>();
  for (const job of jobs) {
    if (!job.groupId) continue;
    const list = byGroup.get(job.groupId);
    if (list) list.push(job);
    else byGroup.set(job.groupId, [job]);
  }
  if (byGroup.size === 0) return jobs.map((job) => ({ kind: 'job', key: job.id, job, grouped: false }));
  const items: JobListItem[] = [];
  const placed = new Set<string>();
  for (const job of jobs) {
    if (!job.groupId) {
      items.push({ kind: 'job', key: job.id, job, grouped: false });
      continue;
    }
    if (placed.has(job.groupId)) continue;
    placed.add(job.groupId);
    const group = groups.get(job.groupId) ?? null;
    const members = planOrder(byGroup.get(job.groupId) ?? [], group);
    const expanded = !collapsed.has(job.groupId);
    items.push({ kind: 'group', key: groupKey(job.groupId), groupId: job.groupId, group, jobs: members, expanded });
    if (expanded) for (const member of members) items.push({ kind: 'job', key: member.id, job: member, grouped: true });
  }
  return items;
}

/** A group's jobs in the plan's order: as the group lists them, else oldest first (they were submitted in order). */
function planOrder(jobs: Job[], group: JobGroup | null): Job[] {
  const position = new Map((group?.jobIds ?? []).map((id, i) => [id, i]));
  const created = (job: Job) => Date.parse(job.createdAt) || 0;
  return [...jobs].sort(
    (a, b) =>
      (position.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (position.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
      created(a) - created(b) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** How a group stands: its state and counts. */
export interface GroupProgress {
  state: JobGroupState;
  counts: JobGroup['counts'];
  /** Jobs that have ended (completed, failed or canceled). */
  done: number;
}

/**
 * How a group stands now. When every job of the group is loaded its counts and state come from them (the
 * backend's rules: aborted wins, running while any job is to finish), so the row follows each progress
 * batch; otherwise from the last `groups.list`.
 */
export function groupProgress(group: JobGroup | null, jobs: readonly Job[]): GroupProgress {
  const live = group === null || jobs.length >= group.counts.total;
  const counts = live ? jobGroupCounts(jobs) : group.counts;
  const state = live ? jobGroupState(counts, group?.abortedAt ?? null) : group.state;
  return { state, counts, done: counts.completed + counts.failed + counts.canceled };
}

/** What a group's End column shows: the real end once its jobs have ended, the predicted end while it runs, or nothing. */
export type GroupEnd = { kind: 'ended'; at: string } | { kind: 'predicted'; at: string } | null;

/**
 * A group's end: once no job is queued or running, the latest end of its jobs (the real end, not the plan's
 * prediction); while it runs, its start plus the plan's predicted window; an aborted group still winding down
 * has no end to show yet.
 */
export function groupEnd(group: JobGroup | null, jobs: readonly Job[], progress: GroupProgress): GroupEnd {
  if (progress.counts.queued + progress.counts.running > 0) {
    if (progress.state !== 'Running' || !group) return null;
    const start = Date.parse(group.createdAt);
    return Number.isNaN(start) ? null : { kind: 'predicted', at: new Date(start + group.makespan * 1000).toISOString() };
  }
  let latest: string | null = null;
  let latestMs = -Infinity;
  for (const job of jobs) {
    const ms = job.endedAt ? Date.parse(job.endedAt) : NaN;
    if (!Number.isNaN(ms) && ms > latestMs) {
      latestMs = ms;
      latest = job.endedAt;
    }
  }
  return latest === null ? null : { kind: 'ended', at: latest };
}

/** What the admin can do with a group: Abort (while it runs), and move its VMs back (a plan or evacuation not yet restored). */
export function groupAbilities(group: JobGroup | null, progress: GroupProgress, groups: readonly JobGroup[]): { canAbort: boolean; canRestore: boolean } {
  if (!group) return { canAbort: false, canRestore: false };
  const running = progress.state === 'Running' && !group.abortedAt;
  const restored = groups.some((g) => g.restoreOf === group.id);
  const restorable = group.kind !== 'restore' && !restored && (running || progress.counts.completed > 0);
  return { canAbort: running, canRestore: restorable };
}
