import type { Job, MoveKind } from './job.js';
import { assertNever } from './result.js';

/** Job history as a table, for Export (the Jobs workspace) and `ferry jobs --csv`: one module builds the rows for both. */

/** The columns of an exported job history, in order: stable names a script or a spreadsheet can rely on, in any UI language. */
export const JOB_HISTORY_COLUMNS = [
  'id',
  'name',
  'kind',
  'status',
  'vm',
  'source',
  'destination',
  'transfer_type',
  'queued',
  'started',
  'ended',
  'actual_duration_s',
  'predicted_duration_s',
  'actual_downtime_ms',
  'predicted_downtime_ms',
  'error_problem',
] as const;

/** A column of an exported job history. */
export type JobHistoryColumn = (typeof JOB_HISTORY_COLUMNS)[number];

/** One job as a row of the export: text, numbers, or null for an empty cell. */
export type JobHistoryRow = Record<JobHistoryColumn, string | number | null>;

/** How a move ran, in VMM's words for a transfer type (a storage move keeps its VM on its host). */
export function transferTypeLabel(kind: MoveKind): string {
  switch (kind) {
    case 'live':
      return 'Live';
    case 'live-vsm':
      return 'Live (VSM)';
    case 'quick':
      return 'Quick';
    case 'network':
      return 'Network';
    case 'storage':
      return 'Storage';
    default:
      return assertNever(kind);
  }
}

/** Seconds between two ISO times, to a tenth; null when either is missing. */
function secondsBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.round(ms / 100) / 10 : null;
}

/**
 * A job as a row. A move's actual duration is the one its host measured (the simulator's in model
 * time, so it compares with the prediction at any simulator speed); other jobs' is from start to end.
 */
export function jobHistoryRow(job: Job): JobHistoryRow {
  const move = job.move;
  const measured = job.metrics?.totalSeconds ?? null;
  return {
    id: job.id,
    name: job.name,
    kind: job.kind,
    status: job.status,
    vm: move ? job.target : null,
    source: move?.sourceHost ?? null,
    destination: move?.destinationHost ?? null,
    transfer_type: move ? transferTypeLabel(move.kind) : null,
    queued: job.createdAt,
    started: job.startedAt,
    ended: job.endedAt,
    actual_duration_s: measured !== null ? Math.round(measured * 10) / 10 : secondsBetween(job.startedAt, job.endedAt),
    predicted_duration_s: move?.prediction?.durationSeconds ?? null,
    actual_downtime_ms: job.metrics?.downtimeMs ?? null,
    predicted_downtime_ms: move?.prediction?.downtimeMs ?? null,
    error_problem: job.error?.problem ?? null,
  };
}

/** The rows of a job history, in the order given. */
export function jobHistoryRows(jobs: readonly Job[]): JobHistoryRow[] {
  return jobs.map(jobHistoryRow);
}

/** Starts that make a spreadsheet read a cell as a formula (CSV injection): such a cell gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text that starts like a formula neutralised, then quoted per RFC 4180 when it holds a quote, comma or line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A job history as CSV (RFC 4180: a header row, CRLF after every record, fields quoted where needed). */
export function jobHistoryCsv(jobs: readonly Job[]): string {
  const lines = [JOB_HISTORY_COLUMNS.join(',')];
  for (const row of jobHistoryRows(jobs)) lines.push(JOB_HISTORY_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A job history as JSON: an array of rows with the CSV's columns as keys, numbers as numbers. */
export function jobHistoryJson(jobs: readonly Job[]): string {
  return `${JSON.stringify(jobHistoryRows(jobs), null, 2)}\n`;
}
