import type { MoveOutcome, MoveProgress, MoveRequest, RunningMove } from '../../../domain/connector/host-connector.js';
import { describeConvergence } from '../../../domain/simulation/migration-model.js';
import { BYTES_PER_MB } from '../../../domain/simulation/model-constants.js';
import {
  moveAdvance,
  moveCurrentRate,
  moveDone,
  moveRemainingSeconds,
  moveStart,
  type MovePlan,
  type MoveRates,
  type MoveState,
} from '../../../domain/simulation/move-engine.js';
import type { SimulatorClock } from './simulator-clock.js';

/** Wall ms between progress reports, at most: a few a second, as the jobs view coalesces them anyway. */
export const PROGRESS_INTERVAL_MS = 250;

/** A failure the fault hook injects: the move fails as it enters step `step`; the VM stays on its source. */
export interface SimulatorFault {
  step: number;
  problem: string;
  recommendedAction: string;
}

/** What a simulated move needs from its connector. */
export interface SimulatedMoveContext {
  clock: SimulatorClock;
  speed: number;
  onProgress: (progress: MoveProgress) => void;
  /** Called once when the move ends, before `done` resolves (the connector frees the link, records the VM's host). */
  onEnd: (move: SimulatedMove, outcome: MoveOutcome) => void;
}

/**
 * One move played in scaled real time: the model's engine advanced on timer ticks, with rates the
 * connector changes when the link's sharing changes. Reports progress at most every 250 ms of wall
 * time while running, and once more when it fails or completes, so the job's steps match the end.
 * Bytes and throughput are simulated (what the link would carry); the ETA is in wall seconds (what
 * the admin will wait at this speed).
 */
export class SimulatedMove implements RunningMove {
  /** Resolves once, when the move ends; never rejects. */
  readonly done: Promise<MoveOutcome>;
  private resolve!: (outcome: MoveOutcome) => void;
  private state: MoveState;
  private rates: MoveRates;
  private readonly failStep: number | null;
  private lastWallMs: number;
  private lastReportMs = -Infinity;
  private timer: unknown = null;
  private ended = false;
  private percent = 0;
  private stepPercent = 0;
  private reportedStep = -1;
  private speed: number;

  constructor(
    readonly request: MoveRequest,
    private readonly plan: MovePlan,
    rates: MoveRates,
    private readonly fault: SimulatorFault | null,
    private readonly ctx: SimulatedMoveContext,
  ) {
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
    this.state = moveStart(plan);
    this.rates = rates;
    const last = this.state.phases.length - 1;
    this.failStep = fault ? Math.min(Math.max(0, Math.floor(fault.step)), last) : null;
    this.speed = ctx.speed;
    this.lastWallMs = ctx.clock.now();
    // The first report (step 0, 0%) comes from a timer, never synchronously from moveStart.
    this.schedule(0);
  }

  /** Whether the move has ended (completed, failed or canceled). */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Asks the move to stop: it ends now as canceled, with the VM on its source. */
  cancel(): void {
    if (this.ended) return;
    this.sync();
    this.end({ status: 'canceled', vmHost: this.request.sourceHost });
  }

  /** Plays the move up to now at the old rates, then runs on at `rates` (the link's sharing changed). */
  ratesChange(rates: MoveRates): void {
    if (this.ended) return;
    this.sync();
    this.rates = rates;
    this.schedule(this.nextDelayMs());
  }

  /** Plays the move up to now at the old speed, then runs on at `speed` (the admin changed the setting). */
  speedChange(speed: number): void {
    if (this.ended) return;
    this.sync();
    this.speed = speed;
    this.schedule(this.nextDelayMs());
  }

  /** The simulated seconds played so far. */
  get elapsedSeconds(): number {
    return this.state.elapsedSeconds;
  }

  private sync(): void {
    const now = this.ctx.clock.now();
    const seconds = ((now - this.lastWallMs) / 1000) * this.speed;
    this.lastWallMs = now;
    if (seconds > 0) this.state = moveAdvance(this.plan, this.state, seconds, this.rates, this.failStep ?? undefined);
  }

  private tick(): void {
    this.timer = null;
    if (this.ended) return;
    this.sync();
    if (this.failStep !== null && this.fault && this.state.phase >= this.failStep) {
      this.report(true);
      this.end({ status: 'failed', problem: this.fault.problem, recommendedAction: this.fault.recommendedAction, vmHost: this.request.sourceHost });
      return;
    }
    if (moveDone(this.state)) {
      this.report(true);
      const { note, converges } = describeConvergence(this.plan, this.state, this.rates.memory);
      this.end({
        status: 'completed',
        // Rounded (to the ms, and a tenth of a ms) so a run played in different tick sizes reports the same.
        totalSeconds: Math.round(this.state.elapsedSeconds * 1000) / 1000,
        downtimeMs: roundTenth(this.state.downtimeSeconds * 1000),
        bytesSent: Math.round(this.state.sentMB * BYTES_PER_MB),
        passes: this.state.precopy.length,
        info: converges ? null : note,
      });
      return;
    }
    if (this.ctx.clock.now() - this.lastReportMs >= PROGRESS_INTERVAL_MS) this.report(false);
    this.schedule(this.nextDelayMs());
  }

  /** Wall ms to the next tick: the next report, or sooner when the move ends (or reaches its fault) before it. */
  private nextDelayMs(): number {
    const toEnd = moveRemainingSeconds(this.plan, this.state, this.rates, this.failStep ?? undefined).total;
    const toEndMs = (toEnd / this.speed) * 1000;
    if (toEndMs <= 0) return 0;
    const toReport = Math.max(1, PROGRESS_INTERVAL_MS - (this.ctx.clock.now() - this.lastReportMs));
    return Math.min(toReport, Math.max(1, Math.ceil(toEndMs)));
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.ctx.clock.clearTimeout(this.timer);
    this.timer = this.ctx.clock.setTimeout(() => this.tick(), ms);
  }

  private report(final: boolean): void {
    this.lastReportMs = this.ctx.clock.now();
    const phases = this.state.phases;
    const done = moveDone(this.state);
    const step = Math.min(this.state.phase, phases.length - 1);
    const remaining = moveRemainingSeconds(this.plan, this.state, this.rates);
    if (step !== this.reportedStep) {
      this.reportedStep = step;
      this.stepPercent = 0;
    }
    const spentInStep = this.state.phaseSeconds[step];
    const stepShare = done ? 100 : ratioPercent(spentInStep, spentInStep + remaining.inPhase);
    const overall = done ? 100 : ratioPercent(this.state.elapsedSeconds, this.state.elapsedSeconds + remaining.total);
    // Percentages never go back, even when a move starting on the link slows this one down.
    this.stepPercent = Math.max(this.stepPercent, stepShare);
    this.percent = Math.max(this.percent, overall);
    this.ctx.onProgress({
      step,
      stepPercent: this.stepPercent,
      percent: this.percent,
      bytesSent: Math.round(this.state.sentMB * BYTES_PER_MB),
      throughputBps: Math.round(moveCurrentRate(this.plan, this.state, this.rates) * BYTES_PER_MB),
      passes: this.state.precopy.length,
      etaSeconds: final && done ? 0 : roundTenth(remaining.total / this.speed),
    });
  }

  private end(outcome: MoveOutcome): void {
    this.ended = true;
    if (this.timer !== null) this.ctx.clock.clearTimeout(this.timer);
    this.timer = null;
    this.ctx.onEnd(this, outcome);
    this.resolve(outcome);
  }
}

/** `part / whole` as a percentage rounded down to a tenth, below 100 until the end. */
function ratioPercent(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.min(99.9, Math.floor((part / whole) * 1000) / 10);
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
