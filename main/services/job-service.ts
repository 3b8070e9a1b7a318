import { userInfo } from 'node:os';
import type { Job, JobKind, JobStatus, JobStep } from '../../shared/model/job.js';
import type { JobRepository } from '../infra/db/job-repository.js';
import type { EventHub } from './event-hub.js';

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The end a job comes to. */
export type JobEnd = 'Completed' | 'Completed with info' | 'Failed';

/** Jobs' lifecycle: every change is written to SQLite, then published to the windows. */
export class JobService {
  constructor(private readonly jobs: JobRepository, private readonly hub: EventHub) {}

  /** Starts a job that runs now, with its steps (the first one running). */
  start(kind: JobKind, name: string, target: string, steps: string[]): Job {
    const job = this.jobs.create({
      kind,
      name,
      owner: currentUser(),
      target,
      status: 'Running',
      steps: steps.map((s, i): JobStep => ({ name: s, status: i === 0 ? 'Running' : 'Queued', progress: 0 })),
      now: new Date(),
    });
    this.publish(job);
    return job;
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
  finish(job: Job, end: JobEnd, detail: { failedStep?: number; error?: Job['error']; summary?: string } = {}): Job {
    const failedAt = end === 'Failed' ? (detail.failedStep ?? 0) : job.steps.length;
    job.steps = job.steps.map((s, i): JobStep => {
      if (i < failedAt) return { ...s, status: 'Completed', progress: 100 };
      return i === failedAt ? { ...s, status: 'Failed' as JobStatus } : s;
    });
    job.status = end;
    if (end !== 'Failed') job.progress = 100;
    job.error = detail.error ?? null;
    job.summary = detail.summary ?? job.summary;
    job.endedAt = new Date().toISOString();
    this.save(job);
    return job;
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
