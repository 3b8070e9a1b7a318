import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '../../shared/model/job.js';
import type { LabSpec } from '../../main/domain/lab/lab-estate.js';
import { createAppServices, type AppServices } from '../../main/services/app-services.js';
import { cpuRead, foreignCores, quietWait } from './foreign-load.js';

/** One measured lab move, as its job reported it. */
export interface MoveSample {
  from: string;
  to: string;
  /** `not-converging`: the lab stopped the migration because nothing left to send got lower. */
  outcome: 'completed' | 'not-converging' | 'failed';
  /** The job's wall time of the whole move (launch the destination ... quit the source); null when it failed. */
  totalSeconds: number | null;
  /** From the source's STOP to the destination's RESUME; null when it did not switch over. */
  downtimeMs: number | null;
  bytesSent: number;
  /** Why it failed, in the job's words. */
  problem: string | null;
  /** Cores' worth of CPU other processes used during the move. */
  foreignCores: number;
}

/** How a session runs. */
export interface LabSessionOptions {
  /** Seconds without progress before a live migration is declared not converging. */
  stallSeconds: number;
  /** How often the lab polls QEMU during a migration, ms (also how late it notices the end). */
  pollMs: number;
  /** Before a calm move, wait until other processes use less than this many cores... */
  quietCores: number;
  /** ...for at most this long. */
  quietTimeoutMs: number;
  /** Pause before a calm move (the quiet check is its last second), ms. */
  settleMs: number;
}

/** Terminal job states. */
const ENDED = new Set(['Completed', 'Completed with info', 'Failed', 'Canceled']);

/**
 * The app's services on a temporary database with the QEMU lab, for the lab benchmark: start a lab
 * with a spec (stopping the one before), move its VM, and stop everything at the end.
 */
export class LabSession {
  private constructor(
    private readonly services: AppServices,
    private readonly dir: string,
    private readonly o: LabSessionOptions,
  ) {}

  /** Opens the services on a fresh database in a temporary folder (the lab lives beside it). */
  static async open(o: LabSessionOptions): Promise<LabSession> {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-lab-bench-'));
    try {
      const services = await createAppServices({
        databasePath: join(dir, 'bench.db'),
        seedDemo: true,
        runner: 'app',
        lab: { stallSeconds: o.stallSeconds, pollMs: o.pollMs },
      });
      return new LabSession(services, dir, o);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  /** Starts a lab with `spec`, after stopping any lab this session runs; answers the seconds it took. */
  async labStart(spec: LabSpec): Promise<number> {
    await this.labStop();
    const t0 = Date.now();
    const started = await this.services.lab.start(spec);
    if (!started.ok) throw new Error(`the lab did not start: ${started.error.message}`);
    if (started.value.job.status !== 'Completed') throw new Error(`the lab did not start: ${started.value.job.error?.problem ?? started.value.job.status}`);
    return (Date.now() - t0) / 1000;
  }

  /** Stops this session's lab, if one runs. */
  async labStop(): Promise<void> {
    if (!(await this.services.lab.status()).running) return;
    const stopped = await this.services.lab.stop();
    if (!stopped.ok) throw new Error(`the lab did not stop: ${stopped.error.message}`);
  }

  /**
   * Live-migrates `vm` from `from` to `to` and answers what the job measured. A `calm` move first
   * pauses (`settleMs`) and waits for other processes to leave the CPU alone (or the wait to time out).
   */
  async move(vm: string, from: string, to: string, calm: boolean): Promise<MoveSample> {
    if (calm) {
      await new Promise((r) => setTimeout(r, Math.max(0, this.o.settleMs - 1000)));
      await quietWait(this.dir, { maxCores: this.o.quietCores, sampleMs: 1000, timeoutMs: this.o.quietTimeoutMs });
    }
    const before = cpuRead(this.dir);
    const submitted = this.services.migration.submitVm({ vm, destinationHost: to });
    if (!submitted.ok) throw new Error(`${vm} could not be submitted to ${to}: ${submitted.error.message}`);
    let job: Job;
    for (;;) {
      job = this.services.jobs.get(submitted.value.id) as Job;
      if (ENDED.has(job.status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const load = foreignCores(before, cpuRead(this.dir));
    const problem = job.error?.problem ?? null;
    const completed = job.status === 'Completed' || job.status === 'Completed with info';
    return {
      from,
      to,
      outcome: completed ? 'completed' : problem?.includes('not converging') ? 'not-converging' : 'failed',
      totalSeconds: completed ? (job.metrics?.totalSeconds ?? null) : null,
      downtimeMs: completed ? (job.metrics?.downtimeMs ?? null) : null,
      bytesSent: job.metrics?.bytesSent ?? 0,
      problem: completed ? null : (problem ?? job.status),
      foreignCores: load,
    };
  }

  /** Stops the lab and the services and removes the temporary folder; safe to call after a failure. */
  async close(): Promise<void> {
    try {
      await this.labStop();
    } finally {
      await this.services.close();
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
