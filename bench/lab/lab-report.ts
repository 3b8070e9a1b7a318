import type { MoveEstimate } from '../../main/domain/simulation/migration-model.js';
import { median } from '../report.js';
import type { LabCase } from './lab-model.js';
import type { MoveSample } from './lab-session.js';

/** Downtime buckets the comparison uses, upper bounds in seconds (the last is open). */
export const DOWNTIME_BUCKETS = [0.3, 1, 2] as const;

/** A downtime's bucket, for a table: "≤0.3 s", "≤1 s", "≤2 s", ">2 s". */
export function downtimeBucket(seconds: number): string {
  const edge = DOWNTIME_BUCKETS.find((b) => seconds <= b);
  return edge === undefined ? `>${DOWNTIME_BUCKETS[DOWNTIME_BUCKETS.length - 1]} s` : `≤${edge} s`;
}

/** A case's measured result: medians of its completed moves, or that it did not converge. */
export interface CaseMeasurement {
  converges: boolean;
  totalSeconds: number | null;
  downtimeSeconds: number | null;
  samples: MoveSample[];
}

/** Sums a case's moves up: it converges when most of its moves completed; times are medians of those. */
export function caseMeasure(samples: MoveSample[]): CaseMeasurement {
  const done = samples.filter((s) => s.outcome === 'completed' && s.totalSeconds !== null);
  const stalled = samples.filter((s) => s.outcome === 'not-converging');
  if (done.length === 0 && stalled.length === 0) throw new Error(`no move of the case ended usefully: ${samples.map((s) => s.problem).join('; ')}`);
  const converges = done.length >= stalled.length;
  const downs = done.filter((s) => s.downtimeMs !== null).map((s) => (s.downtimeMs as number) / 1000);
  return {
    converges,
    totalSeconds: converges ? median(done.map((s) => s.totalSeconds as number)) : null,
    downtimeSeconds: converges && downs.length ? median(downs) : null,
    samples,
  };
}

/** One row of the comparison. */
export interface CaseRow {
  c: LabCase;
  measured: CaseMeasurement;
  predicted: MoveEstimate;
  /** |predicted − measured| / measured for cases the lab converged; null otherwise. */
  totalError: number | null;
  /** Right: both do not converge, or both converge with the downtime in the same bucket. */
  right: boolean;
}

/** Compares a case's measurement with its prediction. */
export function caseCompare(c: LabCase, measured: CaseMeasurement, predicted: MoveEstimate): CaseRow {
  if (!measured.converges) return { c, measured, predicted, totalError: null, right: !predicted.converges };
  const total = measured.totalSeconds as number;
  const totalError = Math.abs(predicted.totalSeconds - total) / total;
  const right =
    predicted.converges && measured.downtimeSeconds !== null && downtimeBucket(measured.downtimeSeconds) === downtimeBucket(predicted.downtimeMs / 1000);
  return { c, measured, predicted, totalError, right };
}

/** "256 MiB, 30 MiB/s, cap 100 MiB/s". */
export function caseName(c: LabCase): string {
  const memory = c.memoryMB >= 1024 ? `${c.memoryMB / 1024} GiB` : `${c.memoryMB} MiB`;
  return `${memory}, ${c.dirtyRateMBps} MiB/s, ${c.capMBps === null ? 'uncapped' : `cap ${c.capMBps} MiB/s`}`;
}

function seconds(s: number | null): string {
  return s === null ? '—' : `${s.toFixed(2)} s`;
}

/** The comparison table, one line per case. */
export function caseTable(rows: CaseRow[]): string[] {
  const header = ['case', 'runs', 'measured total', 'measured down', 'predicted total', 'predicted down', 'error', 'bucket meas/pred', 'right'];
  const body = rows.map((r) => {
    const m = r.measured;
    const totals = m.samples.filter((s) => s.totalSeconds !== null).map((s) => s.totalSeconds as number);
    const runs = `${m.samples.length}${totals.length > 1 ? ` (${Math.min(...totals).toFixed(2)}–${Math.max(...totals).toFixed(2)})` : ''}`;
    const p = r.predicted;
    const predictedDown = p.downtimeMs / 1000;
    if (!m.converges) {
      return [
        caseName(r.c),
        runs,
        'does not converge',
        '—',
        p.converges ? seconds(p.totalSeconds) : `no (${p.risk})`,
        p.converges ? seconds(predictedDown) : '—',
        '—',
        `no conv. / ${p.converges ? downtimeBucket(predictedDown) : 'no conv.'}`,
        r.right ? 'yes' : 'no',
      ];
    }
    return [
      caseName(r.c),
      runs,
      seconds(m.totalSeconds),
      seconds(m.downtimeSeconds),
      `${seconds(p.totalSeconds)}${p.converges ? '' : ' (forced)'}`,
      seconds(predictedDown),
      r.totalError === null ? '—' : `${Math.round(r.totalError * 100)}%`,
      `${m.downtimeSeconds === null ? '?' : downtimeBucket(m.downtimeSeconds)} / ${downtimeBucket(predictedDown)}`,
      r.right ? 'yes' : 'no',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

/** The two figures the bench is judged by. */
export interface LabScore {
  /** Median |error| of total time over the cases the lab converged. */
  medianTotalError: number;
  timedCases: number;
  /** Share of cases with the right downtime bucket (or rightly not converging). */
  rightShare: number;
}

/** Scores the comparison. */
export function labScore(rows: CaseRow[]): LabScore {
  const errors = rows.map((r) => r.totalError).filter((e): e is number => e !== null);
  return {
    medianTotalError: errors.length ? median(errors) : Number.NaN,
    timedCases: errors.length,
    rightShare: rows.filter((r) => r.right).length / rows.length,
  };
}
