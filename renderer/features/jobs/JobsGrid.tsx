import { makeStyles, mergeClasses, ProgressBar, tokens } from '@fluentui/react-components';
import { memo, useCallback, useMemo, type KeyboardEvent } from 'react';
import type { Job } from '../../../shared/model/job.js';
import type { MenuAnchor } from '../../components/ContextMenu.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { GridCell, VirtualGrid, VirtualGridRow, type GridLayout, type GridRowState } from '../../components/VirtualGrid.js';
import type { MessageKey } from '../../i18n/en.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import { formatDuration, progressColor } from './job-format.js';
import { groupIdOfKey, groupKey, type JobListItem } from './job-groups.js';
import { JobGroupRow } from './JobGroupRow.js';
import { jobName, jobWaitingFor } from './job-words.js';

/** Columns of the jobs grid, in order. */
const COLUMNS: readonly MessageKey[] = ['jobs.col.name', 'jobs.col.status', 'jobs.col.progress', 'jobs.col.timeLeft', 'jobs.col.start', 'jobs.col.end', 'jobs.col.target'];
const LAYOUT: GridLayout = {
  template: 'minmax(220px, 2fr) 150px 150px 84px 140px 140px minmax(110px, 1fr)',
  minWidth: 994,
  rowHeight: 28,
  headerHeight: 28,
  overscan: 10,
};

const useStyles = makeStyles({
  name: { fontWeight: tokens.fontWeightSemibold },
  progress: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1, minWidth: '40px' },
  percent: { width: '34px', flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  number: { fontVariantNumeric: 'tabular-nums' },
  waiting: { gridColumn: '3 / span 4', color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  // A job of a group sits under its group's row, indented past the group's chevron.
  grouped: { paddingLeft: `calc(${tokens.spacingHorizontalS} + 28px)` },
});

/** Capitalises a backend sentence fragment ("waiting for …") to start a cell. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface RowProps extends GridRowState {
  job: Job;
  /** The job belongs to the group whose row is above it. */
  grouped: boolean;
  translator: Translator;
}

/** One job: name, status, progress (or what a queued job waits for), time left, start, end, target. */
const JobRow = memo(function JobRow({ job, grouped, translator, ...row }: RowProps) {
  const styles = useStyles();
  const { t, formatDateTime, formatNumber } = translator;
  const name = jobName(job, translator);
  const waitingFor = jobWaitingFor(job, translator);
  const eta = job.status === 'Running' && job.metrics?.etaSeconds != null ? formatDuration(translator, job.metrics.etaSeconds) : '';
  return (
    <VirtualGridRow {...row} data-job-id={job.id}>
      <GridCell column={1} className={mergeClasses(styles.name, grouped && styles.grouped)} title={name}>
        {name}
      </GridCell>
      <GridCell column={2}>
        <JobStatusLabel status={job.status} />
      </GridCell>
      {job.status === 'Queued' && waitingFor ? (
        // A queued job has no progress, time left, start or end yet: what it waits for takes their place.
        <GridCell column={3} span={4} className={styles.waiting} title={sentence(waitingFor)}>
          {sentence(waitingFor)}
        </GridCell>
      ) : (
        <>
          <GridCell column={3} className={styles.progress}>
            <ProgressBar
              className={styles.bar}
              value={job.progress}
              max={100}
              color={progressColor(job.status)}
              aria-label={t('jobs.progressOf', { name })}
            />
            <span className={styles.percent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span>
          </GridCell>
          <GridCell column={4} className={styles.number}>
            {eta}
          </GridCell>
          <GridCell column={5} className={styles.number}>
            {formatDateTime(job.startedAt)}
          </GridCell>
          <GridCell column={6} className={styles.number}>
            {formatDateTime(job.endedAt)}
          </GridCell>
        </>
      )}
      <GridCell column={7} title={translator.origin(job.target)}>
        {translator.origin(job.target)}
      </GridCell>
    </VirtualGridRow>
  );
});

/** Props of the jobs grid. */
export interface JobsGridProps {
  /** The rows: jobs, and job groups with their jobs below them. */
  items: readonly JobListItem[];
  /** The selected row's key: a job's id, or a group's `groupKey`. */
  selectedKey: string | null;
  label: string;
  onSelect: (key: string) => void;
  /** Right-click on a row, Shift+F10 or the context-menu key: the row's key (now selected) and where to open a menu. */
  onRowContextMenu?: (key: string, anchor: MenuAnchor) => void;
  /** Folds or unfolds a group's jobs (its chevron, Left and Right on its row). */
  onToggleGroup?: (groupId: string, open: boolean) => void;
}

/**
 * The jobs list: a virtual grid, so thousands of jobs scroll smoothly and a progress batch re-renders
 * only the rows in view. A job group's row (name, state, "3 of 5 done", predicted window) heads its jobs;
 * Left folds it, Right unfolds it, Left on one of its jobs goes up to it. A new selection from outside (a
 * wizard's Move, Restart) is scrolled into view; a progress batch is not.
 */
export function JobsGrid({ items, selectedKey, label, onSelect, onRowContextMenu, onToggleGroup }: JobsGridProps) {
  const translator = useT();
  const { t } = translator;
  const columns = useMemo(() => COLUMNS.map((id) => ({ id, label: t(id) })), [t]);
  const keyAt = useCallback((position: number) => items[position].key, [items]);
  const onCursorKeyDown = (key: string, event: KeyboardEvent<HTMLDivElement>): boolean => {
    if (!onToggleGroup || event.shiftKey || event.ctrlKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return false;
    const groupId = groupIdOfKey(key);
    const item = items.find((i) => i.key === key);
    if (groupId !== null && item?.kind === 'group') {
      if (item.expanded === (event.key === 'ArrowRight')) return false;
      onToggleGroup(groupId, event.key === 'ArrowRight');
      return true;
    }
    if (item?.kind === 'job' && item.grouped && item.job.groupId && event.key === 'ArrowLeft') {
      onSelect(groupKey(item.job.groupId));
      return true;
    }
    return false;
  };
  return (
    <VirtualGrid
      label={label}
      layout={LAYOUT}
      columns={columns}
      count={items.length}
      keyAt={keyAt}
      selectedKey={selectedKey}
      revealOn={selectedKey}
      onSelect={onSelect}
      onRowContextMenu={onRowContextMenu}
      onCursorKeyDown={onCursorKeyDown}
      renderRow={(position, row) => {
        const item = items[position];
        return item.kind === 'group' ? (
          <JobGroupRow item={item} translator={translator} onToggle={onToggleGroup} {...row} />
        ) : (
          <JobRow job={item.job} grouped={item.grouped} translator={translator} {...row} />
        );
      }}
    />
  );
}
