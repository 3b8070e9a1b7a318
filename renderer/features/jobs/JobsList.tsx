import { useRef, useState } from 'react';
import type { Job } from '../../../shared/model/job.js';
import { useAppStore } from '../../store/store-context.js';
import type { MenuAnchor } from '../vm-actions/VmContextMenu.js';
import { JobContextMenu } from './JobContextMenu.js';
import { JobsGrid } from './JobsGrid.js';

/** The jobs grid bound to the store's selection, with its context menu (Cancel, Restart); focus returns to the grid when the menu closes. */
export function JobsList({ jobs, label }: { jobs: readonly Job[]; label: string }) {
  const selectedJobId = useAppStore((s) => s.selectedJobId);
  const selectJob = useAppStore((s) => s.selectJob);
  const [menuAnchor, setMenuAnchor] = useState<MenuAnchor | null>(null);
  const focusBeforeMenu = useRef<HTMLElement | null>(null);
  return (
    <>
      <JobsGrid
        jobs={jobs}
        selectedJobId={selectedJobId}
        label={label}
        onSelect={selectJob}
        onRowContextMenu={(_jobId, anchor) => {
          focusBeforeMenu.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          setMenuAnchor(anchor);
        }}
      />
      <JobContextMenu
        anchor={menuAnchor}
        onClose={() => {
          setMenuAnchor(null);
          focusBeforeMenu.current?.focus({ preventScroll: true });
        }}
      />
    </>
  );
}
