import { makeStyles, mergeClasses, ProgressBar, tokens } from '@fluentui/react-components';
import { memo, useCallback, useMemo, type KeyboardEvent, type ReactNode } from 'react';
import type { Job } from '../../../shared/model/job.js';
import type { MenuAnchor } from '../../components/ContextMenu.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { layoutForColumns } from '../../components/grid-columns.js';
import { GridCell, VirtualGrid, VirtualGridRow, type GridRowState } from '../../components/VirtualGrid.js';
import { assertNever } from '../../../shared/model/result.js';
import { JOB_COLUMN_LABEL, JOB_COLUMN_WIDTH, JOB_COLUMNS, JOB_GRID_SIZES, WAITING_COLUMNS, type JobColumn } from './job-columns.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import { formatDuration, progressColor } from './job-format.js';
import { groupIdOfKey, groupKey, type JobListItem } from './job-groups.js';
import { JobGroupRow } from './JobGroupRow.js';
import { jobName, jobWaitingFor } from './job-words.js';

const useStyles = makeStyles({
  name: { fontWeight: tokens.fontWeightSemibold },
  progress: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1, minWidth: '40px' },
  percent: { width: '34px', flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  number: { fontVariantNumeric: 'tabular-nums' },
  waiting: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
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
  /** The columns shown, in order. */
  columns: readonly JobColumn[];
  translator: Translator;
}

/** One job: name, status, progress (or what a queued job waits for), time left, start, end, target; the columns shown. */
const JobRow = memo(function JobRow({ job, grouped, columns, translator, ...row }: RowProps) {
  const styles = useStyles();
  const { t, formatDateTime, formatNumber } = translator;
  const name = jobName(job, translator);
  const waitingFor = jobWaitingFor(job, translator);
  const eta = job.status === 'Running' && job.metrics?.etaSeconds != null ? formatDuration(translator, job.metrics.etaSeconds) : '';
  // A queued job has no progress, time left, start or end yet: what it waits for takes their place.
  const waiting = job.status === 'Queued' && waitingFor ? sentence(waitingFor) : null;
  const waitingSpan = columns.filter((c) => WAITING_COLUMNS.has(c)).length;
  const cells: ReactNode[] = [];
  let waitingShown = false;
  columns.forEach((column, i) => {
    const at = i + 1;
    if (waiting !== null && WAITING_COLUMNS.has(column)) {
      if (!waitingShown) {
        cells.push(
          <GridCell key="waiting" column={at} span={waitingSpan > 1 ? waitingSpan : undefined} className={styles.waiting} title={waiting}>
            {waiting}
          </GridCell>,
        );
      }
      waitingShown = true;
      return;
    }
    switch (column) {
      case 'name':
        cells.push(
          <GridCell key={column} column={at} className={mergeClasses(styles.name, grouped && styles.grouped)} title={name}>
            {name}
          </GridCell>,
        );
        return;
      case 'status':
        cells.push(
          <GridCell key={column} column={at}>
            <JobStatusLabel status={job.status} />
          </GridCell>,
        );
        return;
      case 'progress':
        cells.push(
          <GridCell key={column} column={at} className={styles.progress}>
            <ProgressBar className={styles.bar} value={job.progress} max={100} color={progressColor(job.status)} aria-label={t('jobs.progressOf', { name })} />
            <span className={styles.percent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span>
          </GridCell>,
        );
        return;
      case 'timeLeft':
        cells.push(
          <GridCell key={column} column={at} className={styles.number}>
            {eta}
          </GridCell>,
        );
        return;
      case 'start':
        cells.push(
          <GridCell key={column} column={at} className={styles.number}>
            {formatDateTime(job.startedAt)}
          </GridCell>,
        );
        return;
      case 'end':
        cells.push(
          <GridCell key={column} column={at} className={styles.number}>
            {formatDateTime(job.endedAt)}
          </GridCell>,
        );
        return;
      case 'target':
        cells.push(
          <GridCell key={column} column={at} title={translator.origin(job.target)}>
            {translator.origin(job.target)}
          </GridCell>,
        );
        return;
      default:
        assertNever(column);
    }
  });
  return (
    <VirtualGridRow {...row} data-job-id={job.id}>
      {cells}
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
  /** The grid takes the focus whenever this number changes. */
  focusRequest?: number;
  /** The columns shown, in order (Name first); every column when absent. */
  columns?: readonly JobColumn[];
}

/**
 * The jobs list: a virtual grid, so thousands of jobs scroll smoothly and a progress batch re-renders
 * only the rows in view. A job group's row (name, state, "3 of 5 done", predicted window) heads its jobs;
 * Left folds it, Right unfolds it, Left on one of its jobs goes up to it. A new selection from outside (a
 * wizard's Move, Restart) is scrolled into view; a progress batch is not.
 */
export function JobsGrid({ items, selectedKey, label, onSelect, onRowContextMenu, onToggleGroup, focusRequest, columns: shown = JOB_COLUMNS }: JobsGridProps) {
  const translator = useT();
  const { t } = translator;
  const columns = useMemo(() => shown.map((id) => ({ id, label: t(JOB_COLUMN_LABEL[id]) })), [t, shown]);
  const layout = useMemo(() => layoutForColumns(shown, JOB_COLUMN_WIDTH, JOB_GRID_SIZES), [shown]);
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
      layout={layout}
      columns={columns}
      count={items.length}
      keyAt={keyAt}
      selectedKey={selectedKey}
      revealOn={selectedKey}
      onSelect={onSelect}
      onRowContextMenu={onRowContextMenu}
      onCursorKeyDown={onCursorKeyDown}
      focusRequest={focusRequest}
      renderRow={(position, row) => {
        const item = items[position];
        return item.kind === 'group' ? (
          <JobGroupRow item={item} columns={shown} translator={translator} onToggle={onToggleGroup} {...row} />
        ) : (
          <JobRow job={item.job} grouped={item.grouped} columns={shown} translator={translator} {...row} />
        );
      }}
    />
  );
}
