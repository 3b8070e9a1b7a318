import { randomUUID } from 'node:crypto';
import type { Job, JobError, JobKind, JobMetrics, JobMove, JobStatus, JobStep } from '../../../shared/model/job.js';
import type { Statement } from 'better-sqlite3';
import type { Text } from '../../../shared/i18n/text.js';
import type { Db } from './open.js';

interface JobRow {
  id: string; seq: number; kind: string; name: string; status: string; progress: number; owner: string; target: string;
  created_at: string; started_at: string | null; ended_at: string | null; steps: string; error: string | null; summary: string | null;
  request: string | null; waiting_for: string | null; metrics: string | null; runner: string | null; restart_of: string | null; group_id: string | null;
  name_text: string | null; summary_text: string | null; waiting_for_text: string | null;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

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
  error: parse<JobError>(r.error),
  summary: r.summary,
  waitingFor: r.waiting_for,
  nameText: parse<Text>(r.name_text),
  summaryText: parse<Text>(r.summary_text),
  waitingForText: parse<Text>(r.waiting_for_text),
  metrics: parse<JobMetrics>(r.metrics),
  restartOf: r.restart_of,
  move: toMove(r.request),
  groupId: r.group_id,
});

/** The hosts and kind of a migration job's request (the scheduler's ScheduledRequest, kept as JSON). */
function toMove(request: string | null): JobMove | null {
  const r = parse<Partial<JobMove>>(request);
  if (!r || typeof r.kind !== 'string' || typeof r.sourceHost !== 'string' || typeof r.destinationHost !== 'string') return null;
  return { kind: r.kind, sourceHost: r.sourceHost, destinationHost: r.destinationHost, performanceOption: r.performanceOption ?? 'Compression' };
}

/** What a new job needs. */
export interface NewJob {
  kind: JobKind;
  name: string;
  /** `name` as a catalogue sentence. */
  nameText?: Text | null;
  owner: string;
  target: string;
  status: JobStatus;
  steps: JobStep[];
  now: Date;
  /** A move's request, kept so the job can run, be reconciled or be restarted later. */
  request?: unknown;
  restartOf?: string | null;
  /** For a queued move: the runner process that submitted it (a `ferry` command runs only its own). */
  runner?: string | null;
  /** The job group it belongs to. */
  groupId?: string | null;
}

/** A job still to finish, with its request and the process that runs it. */
export interface ActiveJob<R> {
  job: Job;
  request: R;
  runner: string | null;
}

/** A move still to finish, as `activeMoves` reads it. */
export interface ActiveMoveRow {
  id: string;
  status: 'Queued' | 'Running';
  runner: string | null;
  waiting_for: string | null;
}

/** Jobs and their history in SQLite; they outlive the app and any import. */
export class JobRepository {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** A prepared statement, prepared once per repository (the scheduler runs some many times a second). */
  private sql(text: string): Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /** Records a new job and answers it. */
  create(job: NewJob): Job {
    const id = randomUUID();
    const now = job.now.toISOString();
    this.sql(`INSERT INTO jobs (id, seq, kind, name, status, progress, owner, target, created_at, started_at, ended_at, steps, error, summary, request, restart_of, runner, group_id, name_text)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), ?, ?, ?, 0, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, ?, ?, ?, ?)`)
      .run(id, job.kind, job.name, job.status, job.owner, job.target, now, job.status === 'Running' ? now : null, JSON.stringify(job.steps),
        job.request === undefined ? null : JSON.stringify(job.request), job.restartOf ?? null, job.runner ?? null, job.groupId ?? null,
        job.nameText ? JSON.stringify(job.nameText) : null);
    return this.get(id) as Job;
  }

  /** Writes a job's changing fields. */
  update(job: Job): void {
    this.sql('UPDATE jobs SET status = ?, progress = ?, started_at = ?, ended_at = ?, steps = ?, error = ?, summary = ?, waiting_for = ?, metrics = ?, summary_text = ?, waiting_for_text = ? WHERE id = ?')
      .run(job.status, job.progress, job.startedAt, job.endedAt, JSON.stringify(job.steps), job.error === null ? null : JSON.stringify(job.error),
        job.summary, job.waitingFor, job.metrics === null ? null : JSON.stringify(job.metrics),
        job.summaryText ? JSON.stringify(job.summaryText) : null, job.waitingForText ? JSON.stringify(job.waitingForText) : null, job.id);
  }

  /**
   * Claims a queued job for a runner: it becomes Running only if it is still Queued, so two
   * processes sharing the database never both run it. Answers whether this runner got it.
   */
  claim(id: string, runner: string, now: Date): boolean {
    return this.sql("UPDATE jobs SET status = 'Running', runner = ?, started_at = ?, waiting_for = NULL, waiting_for_text = NULL WHERE id = ? AND status = 'Queued'")
      .run(runner, now.toISOString(), id).changes === 1;
  }

  /** Asks whichever process runs a job to cancel it (the CLI and the app may share a database). */
  requestCancel(id: string): void {
    this.sql("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'Running'").run(id);
  }

  /** Running jobs of a runner that someone asked to cancel. */
  cancelRequests(runner: string): string[] {
    return this.sql("SELECT id FROM jobs WHERE runner = ? AND status = 'Running' AND cancel_requested = 1").pluck().all(runner) as string[];
  }

  /** Cancels a job that is still queued; answers whether it was. */
  cancelQueued(id: string, now: Date): boolean {
    return this.sql("UPDATE jobs SET status = 'Canceled', ended_at = ?, waiting_for = NULL, waiting_for_text = NULL WHERE id = ? AND status = 'Queued'")
      .run(now.toISOString(), id).changes === 1;
  }

  /** One job, or undefined. */
  get(id: string): Job | undefined {
    const row = this.sql('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  /** The runner of a job: the process running it, or for a queued move the one that submitted it. */
  runnerOf(id: string): string | null {
    return (this.sql('SELECT runner FROM jobs WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
  }

  /** A job's request, or null (jobs that are not moves have none). */
  request<R>(id: string): R | null {
    return parse<R>(this.sql('SELECT request FROM jobs WHERE id = ?').pluck().get(id) as string | null);
  }

  /** The newest jobs first. */
  list(limit = 500): Job[] {
    return (this.sql('SELECT * FROM jobs ORDER BY seq DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
  }

  /** Queued and running moves, in submission order, with their requests. */
  /**
   * The scheduler's view of the moves still to finish, in submission order: only what a decision
   * needs. Requests never change, so they are read separately (`requestText`) and only once per job.
   */
  activeMoves(): ActiveMoveRow[] {
    return this.sql("SELECT id, status, runner, waiting_for FROM jobs WHERE status IN ('Queued', 'Running') AND request IS NOT NULL ORDER BY seq")
      .all() as ActiveMoveRow[];
  }

  /** A job's request as stored (JSON), or null. */
  requestText(id: string): string | null {
    return (this.sql('SELECT request FROM jobs WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
  }

  /** Running jobs that are not moves (imports, settings, starts), with the process that runs each. */
  runningOthers(): { id: string; runner: string }[] {
    return this.sql("SELECT id, runner FROM jobs WHERE status = 'Running' AND request IS NULL AND runner IS NOT NULL").all() as { id: string; runner: string }[];
  }

  /** Sets a queued job's wait reason; answers whether the job was still queued. */
  setWaitingFor(id: string, text: string | null, sentence: Text | null = null): boolean {
    return this.sql("UPDATE jobs SET waiting_for = ?, waiting_for_text = ? WHERE id = ? AND status = 'Queued'")
      .run(text, sentence ? JSON.stringify(sentence) : null, id).changes === 1;
  }

  /** A group's jobs, in submission order. */
  ofGroup(groupId: string): Job[] {
    return (this.sql('SELECT * FROM jobs WHERE group_id = ? ORDER BY seq').all(groupId) as JobRow[]).map(toJob);
  }

  /** Queued and running jobs with their requests, in submission order. */
  active<R>(): ActiveJob<R>[] {
    const rows = this.sql("SELECT * FROM jobs WHERE status IN ('Queued', 'Running') AND request IS NOT NULL ORDER BY seq").all() as JobRow[];
    return rows.map((r) => ({ job: toJob(r), request: JSON.parse(r.request as string) as R, runner: r.runner }));
  }
}
