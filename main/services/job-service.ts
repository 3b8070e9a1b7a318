import { userInfo } from 'node:os';
import { jobError, type Job, type JobKind, type JobStatus, type JobStep } from '../../shared/model/job.js';
import { ok, type Result } from '../../shared/model/result.js';
import { vmBusyError } from '../domain/scheduler/vm-hold.js';
import { VmBusyError, type JobRepository } from '../infra/db/job-repository.js';
import type { EventHub } from './event-hub.js';
import { text, type Said } from '../../shared/i18n/text.js';

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** What a job cut short by its process dying left behind, and what to do. */
function interrupted(kind: JobKind): NonNullable<Job['error']> {
  switch (kind) {
    case 'import-inventory':
      return jobError(text('fail.interrupted.import'), text('fail.interrupted.import.action'));
    case 'host-settings':
      return jobError(text('fail.interrupted.settings'), text('fail.interrupted.settings.action'));
    case 'start-vm':
      return jobError(text('fail.interrupted.start'), text('fail.interrupted.start.action'));
    case 'placement-rules':
      return jobError(text('fail.interrupted.rules'), text('fail.interrupted.rules.action'));
    default:
      return jobError(text('fail.interrupted'), text('fail.interrupted.action'));
  }
}

/** The end a job comes to. */
export type JobEnd = 'Completed' | 'Completed with info' | 'Failed';

/**
 * A job come to its end: a failed job fails at step `failedStep` (the steps before it completed, the
 * ones after it never ran) and carries the problem and what to do about it.
 */
function ended(job: Job, end: JobEnd, detail: { failedStep?: number; error?: Job['error']; summary?: string | Said }): Job {
  const failedAt = end === 'Failed' ? (detail.failedStep ?? 0) : job.steps.length;
  // A summary as a catalogue sentence keeps its English for the CLI and its Text for the console.
  const summary =
    detail.summary === undefined
      ? { summary: job.summary, summaryText: job.summaryText }
      : typeof detail.summary === 'string'
        ? { summary: detail.summary, summaryText: null }
        : { summary: detail.summary.message, summaryText: detail.summary.text };
  return {
    ...job,
    steps: job.steps.map((s, i): JobStep => {
      if (i < failedAt) return { ...s, status: 'Completed', progress: 100 };
      return i === failedAt ? { ...s, status: 'Failed' as JobStatus } : s;
    }),
    status: end,
    progress: end === 'Failed' ? job.progress : 100,
    error: detail.error ?? null,
    ...summary,
    endedAt: new Date().toISOString(),
  };
}

/** Jobs' lifecycle: every change is written to SQLite, then published to the windows. */
export class JobService {
  /**
   * @param processId this process's id in the runners table, stamped on the jobs it runs so a later
   * start can tell a job whose process died from one another live process is running.
   */
  constructor(
    private readonly jobs: JobRepository,
    private readonly hub: EventHub,
    private readonly processId: string | null = null,
  ) {}

  /**
   * Fails the jobs (imports, settings, starts) whose process died while they ran, saying what that
   * left behind; answers how many. Moves are the scheduler's to reconcile.
   */
  reconcile(alive: (processId: string) => boolean): number {
    let ended = 0;
    for (const { id, runner } of this.jobs.runningOthers()) {
      if (runner === this.processId || alive(runner)) continue;
      const job = this.jobs.get(id);
      if (!job || job.status !== 'Running') continue;
      const at = job.steps.findIndex((st) => st.status === 'Running');
      this.finish(job, 'Failed', { failedStep: at === -1 ? 0 : at, error: interrupted(job.kind) });
      ended++;
    }
    return ended;
  }

  /** Starts a job that runs now, with its steps (the first one running). */
  start(kind: JobKind, name: string | Said, target: string, steps: readonly (string | Said)[], groupId: string | null = null): Job {
    const named = typeof name === 'string' ? { message: name, text: null } : name;
    const job = this.jobs.create({
      groupId,
      kind,
      name: named.message,
      nameText: named.text,
      owner: currentUser(),
      target,
      status: 'Running',
      steps: steps.map((s, i): JobStep => ({ ...stepWords(s), status: i === 0 ? 'Running' : 'Queued', progress: 0 })),
      now: new Date(),
      runner: this.processId,
    });
    this.publish(job);
    return job;
  }

  /**
   * Starts a job that acts on one VM (a start or a save): refused with `vm-busy`, and nothing written,
   * while another job holds the VM (migration-rules.md section 4).
   */
  startOnVm(kind: 'start-vm' | 'save-vm', name: string | Said, vm: string, steps: readonly (string | Said)[], groupId: string | null = null): Result<Job> {
    try {
      return ok(this.start(kind, name, vm, steps, groupId));
    } catch (e) {
      if (!(e instanceof VmBusyError)) throw e;
      return vmBusyError(e.hold);
    }
  }

  /** Marks step `index` done and the next one running. */
  advance(job: Job, index: number): void {
    job.steps = job.steps.map((s, i) => {
      if (i <= index) return { ...s, status: 'Completed', progress: 100 };
      return i === index + 1 ? { ...s, status: 'Running' } : s;
    });
    job.progress = Math.round(((index + 1) / job.steps.length) * 100);
    this.save(job);
  }

  /**
   * Ends a job. A failed job fails at step `failedStep` (the steps before it completed, the ones
   * after it never ran) and carries the problem and what to do about it.
   */
  finish(job: Job, end: JobEnd, detail: { failedStep?: number; error?: Job['error']; summary?: string | Said } = {}): Job {
    Object.assign(job, ended(job, end, detail));
    this.save(job);
    return job;
  }

  /**
   * Makes a change and ends its job Completed in one SQLite transaction (`transaction` is the caller's
   * `db.transaction`), so a crash leaves both or neither; the job is published once they are committed.
   * Answers what `change` answered. If the transaction fails, the job is as it was.
   */
  completeWith<T>(job: Job, summary: string | Said, transaction: (fn: () => T) => () => T, change: () => T): T {
    const done = ended(job, 'Completed', { summary });
    const value = transaction(() => {
      const v = change();
      this.jobs.update(done);
      return v;
    })();
    Object.assign(job, done);
    this.publish(job);
    return value;
  }

  /** Writes and publishes a job whose steps, progress or end its service set itself (a job with a step per host). */
  record(job: Job): void {
    this.save(job);
  }

  private save(job: Job): void {
    this.jobs.update(job);
    this.publish(job);
  }

  private publish(job: Job): void {
    this.hub.emit('jobs.changed', { jobs: [{ ...job, steps: job.steps.map((s) => ({ ...s })) }] });
  }
}

/** A job step from its English name, or from a catalogue sentence (then the console words it in the admin's language). */
export function stepWords(step: string | Said): Pick<JobStep, 'name' | 'text'> {
  return typeof step === 'string' ? { name: step } : { name: step.message, text: step.text };
}
