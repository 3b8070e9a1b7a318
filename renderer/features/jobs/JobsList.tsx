import { useMemo, useState } from 'react';
import type { Job } from '../../../shared/model/job.js';
import { useContextMenuAnchor } from '../../components/ContextMenu.js';
import { useAppStore } from '../../store/store-context.js';
import { GroupAbortDialog } from './GroupAbortDialog.js';
import { GroupContextMenu } from './GroupContextMenu.js';
import { JobContextMenu } from './JobContextMenu.js';
import { groupIdOfKey, groupKey, jobListItems } from './job-groups.js';
import { JobsGrid } from './JobsGrid.js';
import { JOB_COLUMNS } from './job-columns.js';
import { shownColumns } from '../../components/grid-columns.js';

/**
 * The jobs grid bound to the store's selection, with jobs of a group under the group's row; its context
 * menus (a job's Cancel, Restart; a group's Abort, Abort and restore) and the abort confirmation. Focus
 * returns to the grid when a menu closes.
 */
export function JobsList({ jobs, label }: { jobs: readonly Job[]; label: string }) {
  const selectedJobId = useAppStore((s) => s.selectedJobId);
  const selectedGroupId = useAppStore((s) => s.selectedGroupId);
  const selectJob = useAppStore((s) => s.selectJob);
  const selectGroup = useAppStore((s) => s.selectGroup);
  const groups = useAppStore((s) => s.groups);
  const collapsed = useAppStore((s) => s.collapsedGroupIds);
  const toggleGroup = useAppStore((s) => s.toggleGroup);
  const focusRequest = useAppStore((s) => s.jobsFocusRequest);
  const hidden = useAppStore((s) => s.settings.hiddenColumns.jobs);
  const columns = useMemo(() => shownColumns(JOB_COLUMNS, hidden), [hidden]);
  const menu = useContextMenuAnchor();
  const [menuOn, setMenuOn] = useState<'job' | 'group'>('job');
  const groupsById = useMemo(() => new Map(groups.map((g) => [g.id, g])), [groups]);
  const items = useMemo(() => jobListItems(jobs, groupsById, collapsed), [jobs, groupsById, collapsed]);
  const selectedKey = selectedJobId ?? (selectedGroupId !== null ? groupKey(selectedGroupId) : null);
  const onSelect = (key: string) => {
    const groupId = groupIdOfKey(key);
    if (groupId !== null) {
      selectGroup(groupId);
    } else {
      selectJob(key);
      selectGroup(null);
    }
  };
  return (
    <>
      <JobsGrid
        items={items}
        selectedKey={selectedKey}
        label={label}
        onSelect={onSelect}
        onToggleGroup={toggleGroup}
        focusRequest={focusRequest}
        columns={columns}
        onRowContextMenu={(key, anchor) => {
          setMenuOn(groupIdOfKey(key) !== null ? 'group' : 'job');
          menu.open(anchor);
        }}
      />
      {menuOn === 'group' ? <GroupContextMenu anchor={menu.anchor} onClose={menu.close} /> : <JobContextMenu anchor={menu.anchor} onClose={menu.close} />}
      <GroupAbortDialog />
    </>
  );
}
