import { labWorkingSetMB } from '../../main/domain/lab/lab-estate.js';
import { estimateMove, type MoveEstimate } from '../../main/domain/simulation/migration-model.js';
import { BYTES_PER_MB } from '../../main/domain/simulation/model-constants.js';
import { QEMU_DOWNTIME_LIMIT_MS } from '../../main/domain/lab/qemu-migration-settings.js';
import { median } from '../report.js';
import type { MoveSample } from './lab-session.js';

/**
 * The migration model as the QEMU lab needs it, calibrated from calibration moves that are not among
 * the cases it then predicts. How (see `labCalibrate`):
 *
 * Calibration moves: one idle VM (0 MiB/s dirty, so every page it has crosses exactly once) whose
 * memory size is not one of the cases', moved uncapped and at two caps that are not the cases' cap.
 * With QEMU's stop test (continuous: pre-copy stops once the pending bytes fit rate × `downtime-limit`,
 * leaving T = target × rate for the pause, or all of R if that is less) each move takes
 *   total − downtime = F + R / B − target   (F: fixed costs, R: resident MiB, B: the move's rate)
 *   downtime        = switch-over + T / B_final
 * so:
 * - R, the VM's resident memory, is the bytes the idle VM's moves sent; less the guest's working set
 *   (`labWorkingSetMB`) it gives the guest's own resident part (kernel, initramfs, its tables), which
 *   every lab VM adds to its working set;
 * - the two capped levels give the cap's efficiency η (rate = η × cap) and F from their two values of
 *   total − downtime (a line in 1 / cap);
 * - the uncapped moves' total − downtime then gives the lab's uncapped rate B_u (loopback under TCG);
 * - the three levels' downtimes against their T give a line: its intercept is the fixed switch-over
 *   cost, its slope the rate of the final copy B_final (QEMU sends it uncapped, with the guest's vCPU
 *   stopped, so it need not be the pre-copy rate).
 * A case is then predicted with the model's own pre-copy (passes, dirtying bounded by the working
 * set, the pass limit), its memory at min(B_u, η × cap), its final copy at B_final, F as
 * `validateSeconds` (F, mostly launching the destination QEMU and quitting the source, is measured as
 * a whole, so `cleanUpSeconds` is 0), and QEMU's 300 ms `downtime-limit` as the target.
 */

/** Seconds of a measured downtime, or NaN when the move did not report one. */
function downtimeSeconds(s: MoveSample): number {
  return s.downtimeMs === null ? Number.NaN : s.downtimeMs / 1000;
}

/** The calibration moves: the idle VM's memory, and its moves uncapped and at the two caps. */
export interface CalibrationRuns {
  memoryMB: number;
  uncapped: MoveSample[];
  /** Moves at the higher and the lower cap, MiB/s. */
  high: { capMBps: number; samples: MoveSample[] };
  low: { capMBps: number; samples: MoveSample[] };
}

/** What calibration found: the lab's rates, fixed costs and the guest's resident memory besides its working set. */
export interface LabCalibration {
  /** Memory rate with no cap (loopback, TCG), MiB/s. */
  uncappedMBps: number;
  /** Rate over cap under a cap (QEMU's `max-bandwidth`). */
  capEfficiency: number;
  /** Rate of the final copy with the VM paused, MiB/s. */
  finalCopyMBps: number;
  /** Fixed seconds of a move outside pre-copy and downtime (launch the destination, end polling, quit the source). */
  fixedSeconds: number;
  /** Fixed part of the downtime besides the final copy, ms. */
  switchOverMs: number;
  /** Guest memory that is not zero pages besides the working set, MiB. */
  guestResidentMB: number;
  /** The calibration VM's resident memory, MiB. */
  calibrationResidentMB: number;
  /** The downtime line's points: what each calibration level left for the pause (MiB) and its median downtime (s). */
  downtimePoints: { label: string; finalMB: number; downtimeSeconds: number }[];
}

function completed(samples: MoveSample[]): MoveSample[] {
  const done = samples.filter((s) => s.outcome === 'completed' && s.totalSeconds !== null && s.downtimeMs !== null);
  if (done.length === 0) throw new Error('a calibration setting has no completed move');
  return done;
}

/** The median of total − downtime over the completed moves, seconds. */
function precopyAndFixed(samples: MoveSample[]): number {
  return median(completed(samples).map((s) => (s.totalSeconds as number) - downtimeSeconds(s)));
}

/** The least-squares line through points. */
function lineFit(points: { x: number; y: number }[]): { slope: number; intercept: number } {
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const slope = sxx > 0 ? points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx : 0;
  return { slope, intercept: my - slope * mx };
}

/** The slowest final copy the fit may report, s/MiB: a flat or falling line means "faster than we can tell". */
const MIN_FINAL_COPY_SECONDS_PER_MB = 1e-6;

/** Calibrates the lab's model from the calibration moves (the derivation is in this module's comment). */
export function labCalibrate(runs: CalibrationRuns): LabCalibration {
  const target = QEMU_DOWNTIME_LIMIT_MS / 1000;
  const all = completed([...runs.uncapped, ...runs.high.samples, ...runs.low.samples]);
  const residentMB = median(all.map((s) => s.bytesSent / BYTES_PER_MB));
  const yHigh = precopyAndFixed(runs.high.samples);
  const yLow = precopyAndFixed(runs.low.samples);
  // y(c) = F − target + R / (η c): two caps give η and F.
  const slope = (yLow - yHigh) / (1 / runs.low.capMBps - 1 / runs.high.capMBps);
  const capEfficiency = residentMB / slope;
  const fixedSeconds = yHigh - residentMB / (capEfficiency * runs.high.capMBps) + target;
  // Uncapped: y = F + R / B_u − target while pre-copy ran at all (R > target × B_u); if it did not,
  // only a lower bound on B_u is known, and R / target is used.
  const uncappedMBps = residentMB / Math.max(precopyAndFixed(runs.uncapped) - fixedSeconds + target, target);
  const finalMB = (mbps: number): number => Math.min(residentMB, target * mbps);
  const downtimePoints = [
    { label: 'uncapped', finalMB: finalMB(uncappedMBps), samples: runs.uncapped },
    { label: `cap ${runs.high.capMBps}`, finalMB: finalMB(capEfficiency * runs.high.capMBps), samples: runs.high.samples },
    { label: `cap ${runs.low.capMBps}`, finalMB: finalMB(capEfficiency * runs.low.capMBps), samples: runs.low.samples },
  ].map((p) => ({ label: p.label, finalMB: p.finalMB, downtimeSeconds: median(completed(p.samples).map(downtimeSeconds)) }));
  const line = lineFit(downtimePoints.map((p) => ({ x: p.finalMB, y: p.downtimeSeconds })));
  return {
    uncappedMBps,
    capEfficiency,
    finalCopyMBps: 1 / Math.max(line.slope, MIN_FINAL_COPY_SECONDS_PER_MB),
    fixedSeconds,
    switchOverMs: Math.max(0, line.intercept * 1000),
    guestResidentMB: residentMB - labWorkingSetMB(runs.memoryMB),
    calibrationResidentMB: residentMB,
    downtimePoints,
  };
}

/** One case of the grid: a VM and the cap of its move (null: uncapped). */
export interface LabCase {
  memoryMB: number;
  dirtyRateMBps: number;
  capMBps: number | null;
}

/** The model's estimate of a lab case, from the calibration only. */
export function labPredict(c: LabCase, cal: LabCalibration): MoveEstimate {
  const workingSetMB = labWorkingSetMB(c.memoryMB);
  const rate = c.capMBps === null ? cal.uncappedMBps : Math.min(cal.uncappedMBps, cal.capEfficiency * c.capMBps);
  return estimateMove({
    vm: { memoryMB: c.memoryMB, dirtyRateMBps: c.dirtyRateMBps, diskGB: 0, residentMB: workingSetMB + cal.guestResidentMB, workingSetMB },
    kind: 'live',
    link: { memoryMBps: rate, fileCopyMBps: rate, stopAndCopyMBps: cal.finalCopyMBps },
    precopyStop: 'continuous',
    constants: {
      downtimeTargetMs: QEMU_DOWNTIME_LIMIT_MS,
      validateSeconds: Math.max(0, cal.fixedSeconds),
      cleanUpSeconds: 0,
      switchOverMs: cal.switchOverMs,
    },
  });
}
