import type { JobListHideableColumn } from '../../../shared/model/settings.js';
import type { ColumnWidth } from '../../components/grid-columns.js';
import type { GridLayout } from '../../components/VirtualGrid.js';
import type { MessageKey } from '../../i18n/en.js';

/** A column of the jobs lists. */
export type JobColumn = 'name' | JobListHideableColumn;

/** The jobs lists' columns, in order. */
export const JOB_COLUMNS: readonly JobColumn[] = ['name', 'status', 'progress', 'timeLeft', 'start', 'end', 'target'];

/** Header text of each jobs list column. */
export const JOB_COLUMN_LABEL: Record<JobColumn, MessageKey> = {
  name: 'jobs.col.name',
  status: 'jobs.col.status',
  progress: 'jobs.col.progress',
  timeLeft: 'jobs.col.timeLeft',
  start: 'jobs.col.start',
  end: 'jobs.col.end',
  target: 'jobs.col.target',
};

/** Width of each jobs list column (the minimums add up to 994 px with every column shown). */
export const JOB_COLUMN_WIDTH: Record<JobColumn, ColumnWidth> = {
  name: { track: 'minmax(220px, 2fr)', min: 220 },
  status: { track: '150px', min: 150 },
  progress: { track: '150px', min: 150 },
  timeLeft: { track: '84px', min: 84 },
  start: { track: '140px', min: 140 },
  end: { track: '140px', min: 140 },
  target: { track: 'minmax(110px, 1fr)', min: 110 },
};

/** Sizes of the jobs grid's rows. */
export const JOB_GRID_SIZES: Omit<GridLayout, 'template' | 'minWidth'> = { rowHeight: 28, headerHeight: 28, overscan: 10 };

/** The columns a queued job's "waiting for" sentence takes the place of (it has no progress, time left, start or end yet). */
export const WAITING_COLUMNS: ReadonlySet<JobColumn> = new Set<JobColumn>(['progress', 'timeLeft', 'start', 'end']);
