import { randomUUID } from 'node:crypto';
import type { Job, JobError, JobKind, JobStatus, JobStep } from '../../../shared/model/job.js';
import type { Db } from './open.js';

interface JobRow {
  id: string; kind: string; name: string; status: string; progress: number; owner: string; target: string;
  created_at: string; started_at: string | null; ended_at: string | null; steps: string; error: string | null; summary: string | null;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind as JobKind,
  name: r.name,
  status: r.status as JobStatus,
  progress: r.progress,
  owner: r.owner,
  target: r.target,
  createdAt: r.created_at,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  steps: JSON.parse(r.steps) as JobStep[],
  error: r.error === null ? null : (JSON.parse(r.error) as JobError),
  summary: r.summary,
});

/** What a new job needs. */
export interface NewJob {
  kind: JobKind;
  name: string;
  owner: string;
  target: string;
  status: JobStatus;
  steps: JobStep[];
  now: Date;
}

/** Jobs and their history in SQLite; they outlive the app and any import. */
export class JobRepository {
  constructor(private readonly db: Db) {}

  /** Records a new job and answers it. */
  create(job: NewJob): Job {
    const id = randomUUID();
    const now = job.now.toISOString();
    this.db
      .prepare(`INSERT INTO jobs (id, seq, kind, name, status, progress, owner, target, created_at, started_at, ended_at, steps, error, summary)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), ?, ?, ?, 0, ?, ?, ?, ?, NULL, ?, NULL, NULL)`)
      .run(id, job.kind, job.name, job.status, job.owner, job.target, now, job.status === 'Running' ? now : null, JSON.stringify(job.steps));
    return this.get(id) as Job;
  }

  /** Writes a job's changing fields. */
  update(job: Job): void {
    this.db
      .prepare('UPDATE jobs SET status = ?, progress = ?, started_at = ?, ended_at = ?, steps = ?, error = ?, summary = ? WHERE id = ?')
      .run(job.status, job.progress, job.startedAt, job.endedAt, JSON.stringify(job.steps), job.error === null ? null : JSON.stringify(job.error), job.summary, job.id);
  }

  /** One job, or undefined. */
  get(id: string): Job | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  /** The newest jobs first. */
  list(limit = 500): Job[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY seq DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
  }
}
