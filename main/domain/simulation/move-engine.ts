import { assertNever } from '../../../shared/model/result.js';
import type { ModelConstants } from './model-constants.js';
import { movePhases, phaseSegments, type MoveAmounts, type PhaseKey, type RateKind, type Segment } from './move-phases.js';

/**
 * The stepping engine behind the migration model: a move's state advanced through simulated time at
 * piecewise-constant rates. `estimateMove` runs it to the end at fixed rates; the simulator connector
 * advances it tick by tick and changes the rates when moves start or end on the same link, so both
 * play exactly the same model.
 */

/** Work below this many seconds counts as done (absorbs floating-point crumbs at segment ends). */
const EPSILON_SECONDS = 1e-9;

/**
 * When pre-copy checks whether what is left fits the downtime target: at the end of each pass (the
 * model's default), or all the time, so the last pass stops as soon as the rest of it plus what the
 * VM dirtied meanwhile fits (QEMU: `migration_iteration_run` compares the pending bytes with
 * bandwidth × `downtime-limit` on every iteration, not once a pass).
 */
export type PrecopyStop = 'pass-end' | 'continuous';

/** What a move is made of: amounts, the VM's dirty rate and the model constants. */
export interface MovePlan extends MoveAmounts {
  /** The dirty rate used, MB/s (the default already applied). */
  dirtyRateMBps: number;
  /** Memory the first pre-copy pass sends, MB; absent: all of `memoryMB`. */
  residentMB?: number;
  /** Memory the VM rewrites, MB: one pass never dirties more; absent: all of `memoryMB`. */
  workingSetMB?: number;
  /** Absent: 'pass-end'. */
  precopyStop?: PrecopyStop;
  constants: ModelConstants;
}

/**
 * The rates a move runs at now, MB/s; all must be > 0. `stopAndCopy` is the final copy's rate when
 * it differs from `memory` (absent: `memory`).
 */
export type MoveRates = Readonly<Record<RateKind, number>> & { readonly stopAndCopy?: number };

/** One pre-copy pass: what it sent and how long it took. */
export interface PrecopyPass {
  mb: number;
  seconds: number;
}

/** How pre-copy ended: the remainder fit the downtime target, or the pass limit forced the switch-over. */
export type PrecopyEnd = 'converged' | 'pass-limit';

/** A move part-way through (or done: `phase === phases.length`). Plain data; the engine never mutates its input. */
export interface MoveState {
  phases: PhaseKey[];
  phase: number;
  segment: number;
  /** MB sent or seconds spent in the current segment (pre-copy: MB of the pass in flight). */
  segmentDone: number;
  /** Seconds spent in each phase. */
  phaseSeconds: number[];
  elapsedSeconds: number;
  downtimeSeconds: number;
  sentMB: number;
  /** Completed pre-copy passes. */
  precopy: PrecopyPass[];
  /** Size and elapsed time of the pre-copy pass in flight. */
  passMB: number;
  passSeconds: number;
  precopyEnd: PrecopyEnd | null;
  /** What pre-copy left for the stop-and-copy, MB. */
  remainderMB: number;
  stopAndCopy: PrecopyPass | null;
}

/** The state of a move that has not started. */
export function moveStart(plan: MovePlan): MoveState {
  const phases = movePhases(plan.kind);
  return {
    phases,
    phase: 0,
    segment: 0,
    segmentDone: 0,
    phaseSeconds: phases.map(() => 0),
    elapsedSeconds: 0,
    downtimeSeconds: 0,
    sentMB: 0,
    precopy: [],
    passMB: firstPassMB(plan),
    passSeconds: 0,
    precopyEnd: null,
    remainderMB: 0,
    stopAndCopy: null,
  };
}

/** What the first pre-copy pass sends: the resident memory when given (never more than the VM's memory). */
function firstPassMB(plan: MovePlan): number {
  return Math.min(plan.memoryMB, Math.max(0, plan.residentMB ?? plan.memoryMB));
}

/** The most one pass can dirty: the working set when given (never more than the VM's memory). */
function dirtyCapMB(plan: MovePlan): number {
  return Math.min(plan.memoryMB, Math.max(0, plan.workingSetMB ?? plan.memoryMB));
}

/** Whether a move has run all its phases. */
export function moveDone(state: MoveState): boolean {
  return state.phase >= state.phases.length;
}

function copyState(s: MoveState): MoveState {
  return {
    ...s,
    phases: [...s.phases],
    phaseSeconds: [...s.phaseSeconds],
    precopy: s.precopy.map((p) => ({ ...p })),
    stopAndCopy: s.stopAndCopy && { ...s.stopAndCopy },
  };
}

function checkRates(rates: MoveRates): void {
  for (const [kind, value] of Object.entries(rates)) {
    if (value === undefined) continue;
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`move rate ${kind} must be a finite number > 0, got ${String(value)}`);
  }
}

/**
 * Advances a move by `seconds` of simulated time at `rates` (Infinity runs it to the end). With
 * `stopAtPhase`, it stops as the move enters that phase. Returns a new state.
 */
export function moveAdvance(plan: MovePlan, from: MoveState, seconds: number, rates: MoveRates, stopAtPhase?: number): MoveState {
  checkRates(rates);
  const s = copyState(from);
  const stop = Math.min(stopAtPhase ?? s.phases.length, s.phases.length);
  let left = Math.max(0, seconds);
  const spend = (t: number, downtime: boolean): void => {
    s.elapsedSeconds += t;
    s.phaseSeconds[s.phase] += t;
    if (downtime) s.downtimeSeconds += t;
    left -= t;
  };
  const nextSegment = (): void => {
    s.segment += 1;
    s.segmentDone = 0;
  };
  let running = true;
  while (running && s.phase < stop) {
    const segments = phaseSegments(s.phases[s.phase], plan, plan.constants);
    const seg: Segment | undefined = segments[s.segment];
    if (!seg) {
      s.phase += 1;
      s.segment = 0;
      s.segmentDone = 0;
      continue;
    }
    switch (seg.type) {
      case 'fixed': {
        const need = seg.seconds - s.segmentDone;
        if (need <= left + EPSILON_SECONDS) {
          spend(Math.max(0, need), seg.downtime);
          nextSegment();
        } else {
          s.segmentDone += left;
          spend(left, seg.downtime);
          running = false;
        }
        break;
      }
      case 'transfer':
      case 'stop-and-copy': {
        const rate = seg.type === 'transfer' ? rates[seg.rate] : stopAndCopyRate(rates);
        const totalMB = seg.type === 'transfer' ? seg.mb : s.remainderMB;
        const downtime = seg.type === 'transfer' ? seg.downtime : true;
        const need = (totalMB - s.segmentDone) / rate;
        if (need <= left + EPSILON_SECONDS) {
          s.sentMB += totalMB - s.segmentDone;
          spend(Math.max(0, need), downtime);
          if (seg.type === 'stop-and-copy') s.stopAndCopy = { mb: totalMB, seconds: totalMB / rate };
          nextSegment();
        } else {
          s.segmentDone += left * rate;
          s.sentMB += left * rate;
          spend(left, downtime);
          running = false;
        }
        break;
      }
      case 'precopy':
        running = precopyStep(plan, s, rates.memory, left, spend, nextSegment);
        break;
      default:
        return assertNever(seg);
    }
  }
  return s;
}

/** The rate of the final copy with the VM paused. */
function stopAndCopyRate(rates: MoveRates): number {
  return rates.stopAndCopy ?? rates.memory;
}

/**
 * Runs the pre-copy pass in flight for up to `left` seconds; at its end (or, with a continuous stop
 * test, as soon as the rest fits the target) decides the next pass or the switch-over. Returns false
 * when time ran out mid-pass.
 */
function precopyStep(
  plan: MovePlan,
  s: MoveState,
  rate: number,
  left: number,
  spend: (t: number, downtime: boolean) => void,
  nextSegment: () => void,
): boolean {
  const need = (s.passMB - s.segmentDone) / rate;
  const early = plan.precopyStop === 'continuous' ? continuousStopSeconds(plan, s, rate) : Infinity;
  const until = Math.min(need, early);
  if (until > left + EPSILON_SECONDS) {
    s.segmentDone += left * rate;
    s.sentMB += left * rate;
    s.passSeconds += left;
    spend(left, false);
    return false;
  }
  const t = Math.max(0, until);
  const sent = early < need ? Math.min(s.passMB, s.segmentDone + t * rate) : s.passMB;
  s.sentMB += sent - s.segmentDone;
  s.segmentDone = sent;
  s.passSeconds += t;
  spend(t, false);
  // What the VM dirtied while this pass ran; it cannot dirty more memory than it rewrites.
  const dirtied = Math.min(dirtyCapMB(plan), plan.dirtyRateMBps * s.passSeconds);
  if (early < need) {
    // Stopped inside the pass: the rest of it and what was dirtied meanwhile fit the target.
    s.precopy.push({ mb: sent, seconds: s.passSeconds });
    s.precopyEnd = 'converged';
    s.remainderMB = s.passMB - sent + dirtied;
    nextSegment();
    return true;
  }
  s.precopy.push({ mb: s.passMB, seconds: s.passSeconds });
  const fits = dirtied / rate <= plan.constants.downtimeTargetMs / 1000;
  if (fits || s.precopy.length >= plan.constants.passLimit) {
    s.precopyEnd = fits ? 'converged' : 'pass-limit';
    s.remainderMB = dirtied;
    nextSegment();
    return true;
  }
  s.passMB = dirtied;
  s.passSeconds = 0;
  s.segmentDone = 0;
  return true;
}

/**
 * Seconds from now into the pass in flight at which the rest of the pass plus what the VM has dirtied
 * since it began first fits the downtime target (0 if it fits now). Left to send falls at `rate` and
 * dirtied memory grows at the dirty rate until it reaches the working set, so the answer is the root
 * of a piecewise-linear function; it may lie beyond the end of the pass.
 */
function continuousStopSeconds(plan: MovePlan, s: MoveState, rate: number): number {
  const target = (rate * plan.constants.downtimeTargetMs) / 1000;
  const d = plan.dirtyRateMBps;
  const cap = dirtyCapMB(plan);
  const rest = s.passMB - s.segmentDone;
  const excess = (tau: number): number => rest - rate * tau + Math.min(cap, d * (s.passSeconds + tau)) - target;
  if (excess(0) <= 0) return 0;
  const capAt = d > 0 ? Math.max(0, cap / d - s.passSeconds) : Infinity;
  if (rate > d) {
    const beforeCap = (rest + d * s.passSeconds - target) / (rate - d);
    if (beforeCap <= capAt) return beforeCap;
  }
  return (rest + cap - target) / rate;
}

/** Simulated seconds from `state` to the end of the move (or to the start of `stopAtPhase`) at constant `rates`. */
export function moveRemainingSeconds(plan: MovePlan, state: MoveState, rates: MoveRates, stopAtPhase?: number): { total: number; inPhase: number } {
  const end = moveAdvance(plan, state, Infinity, rates, stopAtPhase);
  const phase = Math.min(state.phase, state.phases.length - 1);
  return {
    total: end.elapsedSeconds - state.elapsedSeconds,
    inPhase: state.phase < state.phases.length ? end.phaseSeconds[phase] - state.phaseSeconds[phase] : 0,
  };
}

/** The rate of the work in progress, MB/s: 0 during a fixed-time segment or once the move is done. */
export function moveCurrentRate(plan: MovePlan, state: MoveState, rates: MoveRates): number {
  if (moveDone(state)) return 0;
  const seg = phaseSegments(state.phases[state.phase], plan, plan.constants)[state.segment];
  if (!seg) return 0;
  switch (seg.type) {
    case 'fixed':
      return 0;
    case 'transfer':
      return rates[seg.rate];
    case 'precopy':
      return rates.memory;
    case 'stop-and-copy':
      return stopAndCopyRate(rates);
    default:
      return assertNever(seg);
  }
}
