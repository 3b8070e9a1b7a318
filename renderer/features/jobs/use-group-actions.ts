import { useMemo } from 'react';
import type { JobGroup } from '../../../shared/model/plan.js';
import { useAppStore } from '../../store/store-context.js';
import { groupAbilities, groupProgress, type GroupProgress } from './job-groups.js';

/** What the admin can do with a job group, for its details and its context menu. */
export interface GroupActions {
  group: JobGroup | null;
  progress: GroupProgress;
  /** Abort applies while the group runs. */
  canAbort: boolean;
  /** Moving its VMs back applies to a plan or evacuation that moved some and was not restored yet. */
  canRestore: boolean;
  /** The group still runs: restoring also aborts it ("Abort and restore…"); otherwise it only moves VMs back. */
  running: boolean;
  /** An Abort of this group is in flight (the backend answers once its moves have stopped). */
  pending: boolean;
  abort(): void;
  restore(): void;
}

/** Abort and Abort and restore for a group (the selected one unless another is given); both ask to confirm first. */
export function useGroupActions(groupId?: string | null): GroupActions {
  const id = useAppStore((s) => (groupId === undefined ? s.selectedGroupId : groupId));
  const groups = useAppStore((s) => s.groups);
  const allJobs = useAppStore((s) => s.jobs);
  const pendingAction = useAppStore((s) => s.groupActionPending);
  const ask = useAppStore((s) => s.askGroupAbort);
  const group = id === null ? null : (groups.find((g) => g.id === id) ?? null);
  const jobs = useMemo(() => (id === null ? [] : allJobs.filter((job) => job.groupId === id)), [allJobs, id]);
  const progress = groupProgress(group, jobs);
  const abilities = groupAbilities(group, progress, groups);
  const pending = id !== null && pendingAction?.groupId === id;
  return {
    group,
    progress,
    canAbort: abilities.canAbort && !pending,
    canRestore: abilities.canRestore && !pending,
    running: abilities.canAbort,
    pending,
    abort: () => {
      if (id !== null) ask(id, false);
    },
    restore: () => {
      if (id !== null) ask(id, true);
    },
  };
}
