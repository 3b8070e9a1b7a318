import type { GroupAbort, JobGroup } from '../../shared/model/plan.js';
import type { ErrorDto, Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** At most one `groups.list` this often while a group's jobs change (the last change is always followed by one). */
export const GROUPS_REFRESH_MS = 1000;

/** An Abort (or Abort and restore) the admin asked for. */
export interface GroupAction {
  groupId: string;
  restore: boolean;
}

/** Job groups (plan runs, evacuations, restores), the one selected, which are folded, and Abort in flight. */
export interface GroupsSlice {
  /** Newest first, as `groups.list` answers. */
  groups: JobGroup[];
  groupsError: ErrorDto | null;
  selectedGroupId: string | null;
  /** Groups whose jobs are hidden under their row. */
  collapsedGroupIds: ReadonlySet<string>;
  groupActionPending: GroupAction | null;
  groupActionError: (GroupAction & { error: ErrorDto }) | null;
  /** The Abort confirmation open now, if any (from the group's details or its context menu). */
  groupConfirm: GroupAction | null;
  /** Asks the admin to confirm Abort (or Abort and restore) of a group. */
  askGroupAbort(groupId: string, restore: boolean): void;
  closeGroupConfirm(): void;
  /** Fetches `groups.list`. */
  refreshGroups(): Promise<void>;
  /** Asks for `groups.list` soon: at once if none was asked for lately, else once the throttle allows. */
  scheduleGroupsRefresh(): void;
  /** Merges groups (a run's or an abort's answer), replacing older copies by id, newest first. */
  mergeGroups(changed: readonly JobGroup[]): void;
  /** Selects a group row (and no job). */
  selectGroup(groupId: string | null): void;
  /** Folds or unfolds a group's jobs under its row (`open` forces one way). */
  toggleGroup(groupId: string, open?: boolean): void;
  /**
   * Aborts a group: queued moves are canceled and running ones stop, each VM staying on its source; with
   * `restore`, the VMs already moved go back as a new group. The answer comes once nothing of it runs.
   */
  abortGroup(groupId: string, restore: boolean): Promise<Result<GroupAbort>>;
}

/** Merges groups into a list, newest first. */
export function mergeGroupLists(current: readonly JobGroup[], changed: readonly JobGroup[]): JobGroup[] {
  if (changed.length === 0) return current as JobGroup[];
  const byId = new Map(current.map((g) => [g.id, g]));
  for (const group of changed) byId.set(group.id, group);
  return [...byId.values()].sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Creates the groups slice. */
export const createGroupsSlice: SliceCreator<GroupsSlice> = (set, get, backend) => {
  let lastAsked = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  return {
    groups: [],
    groupsError: null,
    selectedGroupId: null,
    collapsedGroupIds: new Set(),
    groupActionPending: null,
    groupActionError: null,
    groupConfirm: null,
    askGroupAbort: (groupId, restore) => set({ groupConfirm: { groupId, restore } }),
    closeGroupConfirm: () => set({ groupConfirm: null }),
    refreshGroups: async () => {
      lastAsked = Date.now();
      const result = await backend.invoke('groups.list', {});
      if (result.ok) set({ groups: mergeGroupLists(get().groups, result.value), groupsError: null });
      else set({ groupsError: result.error });
    },
    scheduleGroupsRefresh: () => {
      if (timer !== null) return;
      const wait = lastAsked + GROUPS_REFRESH_MS - Date.now();
      if (wait <= 0) {
        void get().refreshGroups();
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        void get().refreshGroups();
      }, wait);
    },
    mergeGroups: (changed) => set({ groups: mergeGroupLists(get().groups, changed) }),
    selectGroup: (groupId) => {
      if (groupId !== null) get().selectJob(null);
      if (groupId === get().selectedGroupId) return;
      const error = get().groupActionError;
      set({ selectedGroupId: groupId, groupActionError: error && error.groupId === groupId ? error : null });
    },
    toggleGroup: (groupId, open) => {
      const collapsed = new Set(get().collapsedGroupIds);
      const fold = open === undefined ? !collapsed.has(groupId) : !open;
      if (fold === collapsed.has(groupId)) return;
      if (fold) collapsed.add(groupId);
      else collapsed.delete(groupId);
      set({ collapsedGroupIds: collapsed });
    },
    abortGroup: async (groupId, restore) => {
      set({ groupActionPending: { groupId, restore }, groupActionError: null });
      const result = await backend.invoke('groups.abort', { id: groupId, restore });
      set({ groupActionPending: null });
      if (!result.ok) {
        set({ groupActionError: { groupId, restore, error: result.error } });
        return result;
      }
      const { group, restore: restored } = result.value;
      get().mergeGroups(restored ? [group, restored.group] : [group]);
      if (restored) {
        get().mergeJobs(restored.jobs);
        get().pushNotice({ intent: 'success', key: 'groups.restoreStarted', params: { name: group.name, restore: restored.group.name } });
      } else {
        get().pushNotice({ intent: 'success', key: 'groups.aborted', params: { name: group.name } });
      }
      void get().refreshJobs();
      return result;
    },
  };
};
