import { english, plural, text, type Text } from '../../../shared/i18n/text.js';
import { assertNever } from '../../../shared/model/result.js';
import type { MoveKind } from '../connector/host-connector.js';
import type { LinkEstimate } from './link-model.js';
import { BYTES_PER_MB, MB_PER_GB, modelConstants, type ModelConstants } from './model-constants.js';
import { moveAdvance, moveStart, type MovePlan, type MoveRates, type MoveState, type PrecopyPass, type PrecopyStop } from './move-engine.js';
import { PHASE_LABELS, type PhaseKey } from './move-phases.js';

/**
 * The migration model: how long a move takes, how long the VM is paused, how many bytes cross and
 * whether live migration converges. Pure and deterministic: the simulator connector plays it in
 * (scaled) real time, the planner uses it for offline estimates, the QEMU lab checks it against
 * measurements. All figures are approximations.
 *
 * Memory (live, live-vsm), after Microsoft's "Virtual Machine Live Migration Overview" and the Windows
 * Server 2008 R2 "Hyper-V Live Migration" overview: iterative pre-copy. Pass 1 sends all of the VM's
 * memory M at the effective bandwidth B (link-model.ts); each later pass sends what the VM dirtied
 * during the previous one, D × t(previous), capped at M, at dirty rate D (the VM's `dirtyRateMBps`,
 * or `defaultDirtyRateMBps`). After each pass, if what was dirtied can be sent within the downtime
 * target, pre-copy stops (converged); otherwise after `passLimit` passes (Hyper-V: 10) it stops anyway
 * and Hyper-V forces the switch-over, however much is left. The VM is then paused: the remainder is
 * copied (stop-and-copy) and a fixed switch-over cost is paid (device state, resume, ARP). Downtime is
 * that pause. With D/B = ρ, pass k sends about M·ρ^(k-1): for ρ ≥ 1 the remainder never shrinks, so
 * pre-copy cannot converge and the downtime is about M/B.
 *
 * Storage: VHDX files copied at `diskMBps` (local copy), or at the lesser of that and the link's file
 * rate when the copy crosses hosts (Live (VSM), Network). A storage move mirrors writes and switches
 * the running VM to the new files without downtime. Quick migration (saved state of a clustered VM):
 * memory written to and read back from shared storage at `diskMBps`, with the cluster group moved in
 * between; the VM is down for all three. Network migration: the VM is not running; its files are
 * copied and it is registered on the destination.
 *
 * Sources besides the above: Directions on Microsoft, "Live Migration Switch Over" (10 passes, then
 * suspend); QEMU's migration parameters (`downtime-limit`, default 300 ms); the link model's sources.
 *
 * Optional refinements, off by default (the QEMU lab, bench/lab.bench.ts, measured that it needs them;
 * whether Hyper-V behaves the same is not known here, so its estimates keep the plain model):
 * - `vm.residentMB`: the memory pass 1 actually sends. QEMU finds pages that are all zeros and sends
 *   a few header bytes instead of each (`query-migrate` counts them as `duplicate`), so pass 1 costs
 *   the memory that is not zero pages;
 * - `vm.workingSetMB`: the memory the VM rewrites; one pass cannot dirty more than that (a guest that
 *   rewrites 144 MB cyclically leaves at most 144 MB to resend however long the pass);
 * - `precopyStop: 'continuous'`: QEMU compares what is pending with bandwidth × `downtime-limit` on
 *   every iteration of its migration loop, not once a pass, so the last pass stops part-way, leaving
 *   about the target's worth for the stop-and-copy;
 * - `link.stopAndCopyMBps`: QEMU sends the final copy regardless of its `max-bandwidth` cap
 *   (`ram_save_complete`: "flush all remaining blocks regardless of rate limiting"), so a capped move
 *   pauses for less than the target.
 *
 * Left out on purpose (first-order model): writes mirrored during a storage copy; a storage move to an
 * SMB share (copied at disk throughput like a local one); concurrent storage copies sharing a disk;
 * Hyper-V's own throttling; pages dirtied during a pass before the pass reaches them (the model resends
 * every page dirtied during a pass, though such a page crosses once). The stop test ignores the fixed
 * switch-over cost, so a converged move pauses for up to the target plus `switchOverMs`.
 */

/** How likely pre-copy is to converge, from dirty rate over effective bandwidth. */
export type ConvergenceRisk = 'ok' | 'slow' | 'never';

/**
 * Dirty rate over bandwidth from which pre-copy is "slow": each pass then shrinks the remainder by at
 * most half, so 10 passes shrink it by at most 2^10 ≈ 1000, and a VM whose memory takes more than
 * ~1000 × the downtime target to send (a 32 GB VM on 10 GbE) is forced over.
 */
export const SLOW_CONVERGENCE_RATIO = 0.5;

/** Whether pre-copy at `dirtyMBps` over a link of `effectiveMBps` converges: never at or above the bandwidth, slow from half of it. */
export function convergenceRisk(dirtyMBps: number, effectiveMBps: number): ConvergenceRisk {
  if (dirtyMBps >= effectiveMBps) return 'never';
  if (dirtyMBps >= effectiveMBps * SLOW_CONVERGENCE_RATIO) return 'slow';
  return 'ok';
}

/** What the model needs to estimate a move. */
export interface MoveEstimateInput {
  vm: {
    memoryMB: number;
    /** Observed memory dirty rate; null uses the model's default. */
    dirtyRateMBps: number | null;
    /** Disk GB the move copies (ignored by live and quick moves, which copy none). */
    diskGB: number;
    /** Memory that is not zero pages, MB: what pre-copy's first pass sends (absent: all of `memoryMB`). */
    residentMB?: number;
    /** Memory the VM rewrites, MB: the most one pass can dirty (absent: all of `memoryMB`). */
    workingSetMB?: number;
  };
  kind: MoveKind;
  /** The move's effective link (link-model.ts), or measured rates. */
  link: Pick<LinkEstimate, 'memoryMBps' | 'fileCopyMBps' | 'stopAndCopyMBps'>;
  /** When pre-copy tests the downtime target (absent: at the end of each pass). */
  precopyStop?: PrecopyStop;
  constants?: Partial<ModelConstants>;
}

/** One phase of an estimated move. */
export interface PhaseEstimate {
  key: PhaseKey;
  label: string;
  seconds: number;
}

/** One pre-copy pass (or the stop-and-copy) in bytes and seconds. */
export interface PassEstimate {
  bytes: number;
  seconds: number;
}

/** The model's answer for one move: a deterministic timeline and its totals. */
export interface MoveEstimate {
  kind: MoveKind;
  phases: PhaseEstimate[];
  /** The pre-copy passes, in order (empty for moves without live memory). */
  precopy: PassEstimate[];
  /** The final copy with the VM paused; null for moves without live memory. */
  stopAndCopy: PassEstimate | null;
  passes: number;
  totalSeconds: number;
  /** Time the VM is not running because of the move: stop-and-copy plus switch-over, or a quick migration's save, move and restore. */
  downtimeMs: number;
  /** Bytes moved by the move's transfers (memory passes, files; a quick migration's state written and read back). */
  bytesSent: number;
  /** False when pre-copy was forced to stop at the pass limit. True for moves without pre-copy. */
  converges: boolean;
  /** Why it converges or not, in words, with what to do about it. */
  convergence: string;
  /** `convergence` as a catalogue sentence, for the console. */
  convergenceText: Text;
  /** Null for moves without pre-copy. */
  risk: ConvergenceRisk | null;
  /** The dirty rate used, and whether it was the default. */
  dirtyRateMBps: number;
  dirtyRateAssumed: boolean;
  rates: MoveRates;
}

/** The engine's plan for a move: amounts in MB, the dirty rate with the default applied, the constants. */
export function movePlan(input: Omit<MoveEstimateInput, 'link'>): MovePlan {
  const constants = modelConstants(input.constants);
  const copiesDisks = input.kind !== 'live' && input.kind !== 'quick';
  const plan: MovePlan = {
    kind: input.kind,
    memoryMB: Math.max(0, input.vm.memoryMB),
    diskMB: copiesDisks ? Math.max(0, input.vm.diskGB) * MB_PER_GB : 0,
    dirtyRateMBps: Math.max(0, input.vm.dirtyRateMBps ?? constants.defaultDirtyRateMBps),
    constants,
  };
  if (input.vm.residentMB !== undefined) plan.residentMB = input.vm.residentMB;
  if (input.vm.workingSetMB !== undefined) plan.workingSetMB = input.vm.workingSetMB;
  if (input.precopyStop !== undefined) plan.precopyStop = input.precopyStop;
  return plan;
}

/**
 * The rates a move runs at: memory at the link's rate (the final copy at its own rate when the link
 * has one); files at the disk rate, bounded by the link when crossing hosts.
 */
export function moveRates(link: Pick<LinkEstimate, 'memoryMBps' | 'fileCopyMBps' | 'stopAndCopyMBps'>, constants: ModelConstants): MoveRates {
  const rates = { memory: link.memoryMBps, storage: Math.min(constants.diskMBps, link.fileCopyMBps), disk: constants.diskMBps };
  return link.stopAndCopyMBps === undefined ? rates : { ...rates, stopAndCopy: link.stopAndCopyMBps };
}

/** Estimates a move: the model's timeline, totals and convergence, deterministic for its input. */
export function estimateMove(input: MoveEstimateInput): MoveEstimate {
  const plan = movePlan(input);
  const rates = moveRates(input.link, plan.constants);
  const end = moveAdvance(plan, moveStart(plan), Infinity, rates);
  const live = hasPrecopy(plan);
  const outcome = describeConvergence(plan, end, rates.memory);
  return {
    kind: plan.kind,
    phases: end.phases.map((key, i) => ({ key, label: PHASE_LABELS[key], seconds: end.phaseSeconds[i] })),
    precopy: end.precopy.map(toPass),
    stopAndCopy: live && end.stopAndCopy ? toPass(end.stopAndCopy) : null,
    passes: end.precopy.length,
    totalSeconds: end.elapsedSeconds,
    downtimeMs: end.downtimeSeconds * 1000,
    bytesSent: Math.round(end.sentMB * BYTES_PER_MB),
    converges: outcome.converges,
    convergence: english(outcome.note),
    convergenceText: outcome.note,
    risk: outcome.risk,
    dirtyRateMBps: plan.dirtyRateMBps,
    dirtyRateAssumed: input.vm.dirtyRateMBps === null,
    rates,
  };
}

function toPass(p: PrecopyPass): PassEstimate {
  return { bytes: Math.round(p.mb * BYTES_PER_MB), seconds: p.seconds };
}

function hasPrecopy(plan: MovePlan): boolean {
  return plan.kind === 'live' || plan.kind === 'live-vsm';
}

/** A pause for a sentence: "240 ms", "27.4 s". */
export function formatDowntime(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
}

/**
 * How a finished move's pre-copy went, in words: converged, forced at the pass limit (and why), or no
 * pre-copy. `memoryMBps` is the effective bandwidth at the end of the move.
 */
export function describeConvergence(plan: MovePlan, end: MoveState, memoryMBps: number): { converges: boolean; risk: ConvergenceRisk | null; note: Text } {
  switch (plan.kind) {
    case 'storage':
      return { converges: true, risk: null, note: text('conv.storage') };
    case 'quick':
      return { converges: true, risk: null, note: text('conv.quick') };
    case 'network':
      return { converges: true, risk: null, note: text('conv.network') };
    case 'live':
    case 'live-vsm':
      break;
    default:
      return assertNever(plan.kind);
  }
  const d = plan.dirtyRateMBps;
  const rates = { dirty: Math.round(d), bandwidth: Math.round(memoryMBps) };
  const ratio = text('conv.ratio', { ...rates, percent: Math.round((d / memoryMBps) * 100) });
  const paused = downtimeText(end.downtimeSeconds);
  const passes = end.precopy.length;
  const left = { mb: Math.ceil(end.remainderMB) };
  const base = convergenceRisk(d, memoryMBps);
  if (end.precopyEnd === 'converged') {
    const note = plural('conv.converged', passes, { left, paused });
    return base === 'ok'
      ? { converges: true, risk: 'ok', note }
      : { converges: true, risk: 'slow', note: text('conv.convergedSlow', { converged: note, ratio }) };
  }
  const forced = text('conv.forced', { passes, left, paused });
  if (base === 'never') return { converges: false, risk: 'never', note: text('conv.never', { ...rates, forced }) };
  return { converges: false, risk: 'slow', note: text('conv.slow', { target: plan.constants.downtimeTargetMs, passes, ratio, forced }) };
}

/** A pause as a sentence's part: "240 ms" under a second, else "27.4 s". */
function downtimeText(seconds: number): Text {
  return seconds < 1 ? text('conv.ms', { ms: Math.round(seconds * 1000) }) : text('conv.s', { s: Math.round(seconds * 10) / 10 });
}
