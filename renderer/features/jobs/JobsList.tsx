import type { Job } from '../../../shared/model/job.js';
import { useContextMenuAnchor } from '../../components/ContextMenu.js';
import { useAppStore } from '../../store/store-context.js';
import { JobContextMenu } from './JobContextMenu.js';
import { JobsGrid } from './JobsGrid.js';

/** The jobs grid bound to the store's selection, with its context menu (Cancel, Restart); focus returns to the grid when the menu closes. */
export function JobsList({ jobs, label }: { jobs: readonly Job[]; label: string }) {
  const selectedJobId = useAppStore((s) => s.selectedJobId);
  const selectJob = useAppStore((s) => s.selectJob);
  const menu = useContextMenuAnchor();
  return (
    <>
      <JobsGrid jobs={jobs} selectedJobId={selectedJobId} label={label} onSelect={selectJob} onRowContextMenu={(_jobId, anchor) => menu.open(anchor)} />
      <JobContextMenu anchor={menu.anchor} onClose={menu.close} />
    </>
  );
}
