import { randomUUID } from 'node:crypto';
import {
  VM_HOLDING_KINDS,
  type Job,
  type JobError,
  type JobKind,
  type JobMetrics,
  type JobMove,
  type JobStatus,
  type JobStep,
  type VmHold,
} from '../../../shared/model/job.js';
import type { Statement } from 'better-sqlite3';
import { nameKey } from '../../domain/storage-paths/names.js';
import type { Text } from '../../../shared/i18n/text.js';
import type { Db } from './open.js';

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/**
 * A job could not be created because its VM is held by another queued or running job (one move per VM,
 * whoever submitted it: migration-rules.md section 4). The database decided, so two processes racing for
 * one VM never both win.
 */
export class VmBusyError extends Error {
  constructor(readonly hold: VmHold) {
    super(`${hold.vm} is held by job ${hold.jobId} (${hold.jobName})`);
    this.name = 'VmBusyError';
  }
}

interface HoldRow {
  id: string;
  name: string;
  kind: string;
  status: string;
  target: string;
  request: string | null;
}

const toHold = (r: HoldRow): VmHold => {
  const request = parse<{ destinationHost?: unknown; sourceHost?: unknown }>(r.request);
  const kind = r.kind as JobKind;
  const destinationHost = kind === 'migrate-vm' && typeof request?.destinationHost === 'string' ? request.destinationHost : null;
  return { vm: r.target, jobId: r.id, jobName: r.name, kind, status: r.status as VmHold['status'], destinationHost };
};

interface JobRow {
  id: string;
  seq: number;
  kind: string;
  name: string;
  status: string;
  progress: number;
  owner: string;
  target: string;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  steps: string;
  error: string | null;
  summary: string | null;
  request: string | null;
  waiting_for: string | null;
  metrics: string | null;
  runner: string | null;
  restart_of: string | null;
  group_id: string | null;
  name_text: string | null;
  summary_text: string | null;
  waiting_for_text: string | null;
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
  const move: JobMove = { kind: r.kind, sourceHost: r.sourceHost, destinationHost: r.destinationHost, performanceOption: r.performanceOption ?? 'Compression' };
  if (r.prediction && typeof r.prediction.durationSeconds === 'number') move.prediction = r.prediction;
  return move;
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

  /**
   * Records a new job and answers it. A job of a kind that acts on a VM (VM_HOLDING_KINDS) holds its
   * target VM while it is queued or running; if another job holds it, nothing is written and this
   * throws a VmBusyError naming that job.
   */
  create(job: NewJob): Job {
    const id = randomUUID();
    const now = job.now.toISOString();
    const hold = VM_HOLDING_KINDS.includes(job.kind) ? nameKey(job.target) : null;
    const insert = this
      .sql(`INSERT INTO jobs (id, seq, kind, name, status, progress, owner, target, created_at, started_at, ended_at, steps, error, summary, request, restart_of, runner, group_id, vm_hold, name_text)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), ?, ?, ?, 0, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)`);
    const args = [
      id,
      job.kind,
      job.name,
      job.status,
      job.owner,
      job.target,
      now,
      job.status === 'Running' ? now : null,
      JSON.stringify(job.steps),
      job.request === undefined ? null : JSON.stringify(job.request),
      job.restartOf ?? null,
      job.runner ?? null,
      job.groupId ?? null,
      hold,
      job.nameText ? JSON.stringify(job.nameText) : null,
    ];
    // The holder may end between a refused insert and the read that names it: then the insert is tried again.
    for (let attempt = 0; ; attempt++) {
      try {
        insert.run(...args);
        return this.get(id) as Job;
      } catch (e) {
        if (hold === null || (e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
        const holder = this.holderOf(job.target);
        if (holder) throw new VmBusyError(holder);
        if (attempt >= 2) throw e;
      }
    }
  }

  /** The queued or running job that holds a VM (by name, ignoring case), or null. */
  holderOf(vm: string): VmHold | null {
    const row = this.sql("SELECT id, name, kind, status, target, request FROM jobs WHERE vm_hold = ? AND status IN ('Queued', 'Running')").get(nameKey(vm)) as
      HoldRow | undefined;
    return row ? toHold(row) : null;
  }

  /** Every VM held now, keyed by name key (nameKey): the planner leaves these VMs where they are. */
  holds(): Map<string, VmHold> {
    const rows = this.sql(
      "SELECT id, name, kind, status, target, request FROM jobs WHERE vm_hold IS NOT NULL AND status IN ('Queued', 'Running')",
    ).all() as HoldRow[];
    return new Map(rows.map((r) => [nameKey(r.target), toHold(r)]));
  }

  /** Writes a job's changing fields. */
  update(job: Job): void {
    this.sql(
      'UPDATE jobs SET status = ?, progress = ?, started_at = ?, ended_at = ?, steps = ?, error = ?, summary = ?, waiting_for = ?, metrics = ?, summary_text = ?, waiting_for_text = ? WHERE id = ?',
    ).run(
      job.status,
      job.progress,
      job.startedAt,
      job.endedAt,
      JSON.stringify(job.steps),
      job.error === null ? null : JSON.stringify(job.error),
      job.summary,
      job.waitingFor,
      job.metrics === null ? null : JSON.stringify(job.metrics),
      job.summaryText ? JSON.stringify(job.summaryText) : null,
      job.waitingForText ? JSON.stringify(job.waitingForText) : null,
      job.id,
    );
  }

  /**
   * Claims a queued job for a runner: it becomes Running only if it is still Queued, so two
   * processes sharing the database never both run it. Answers whether this runner got it.
   */
  claim(id: string, runner: string, now: Date): boolean {
    return (
      this.sql(
        "UPDATE jobs SET status = 'Running', runner = ?, started_at = ?, waiting_for = NULL, waiting_for_text = NULL WHERE id = ? AND status = 'Queued'",
      ).run(runner, now.toISOString(), id).changes === 1
    );
  }

  /**
   * Sends a queued move to another destination (checked again at start, migration-rules.md section 10): its
   * request, name and summary change together, only while it is still queued. Answers whether it was.
   */
  redirect(id: string, request: unknown, name: string, nameText: Text | null, summary: string, summaryText: Text): boolean {
    return (
      this.sql("UPDATE jobs SET request = ?, name = ?, name_text = ?, summary = ?, summary_text = ? WHERE id = ? AND status = 'Queued'").run(
        JSON.stringify(request),
        name,
        nameText ? JSON.stringify(nameText) : null,
        summary,
        JSON.stringify(summaryText),
        id,
      ).changes === 1
    );
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
    return (
      this.sql("UPDATE jobs SET status = 'Canceled', ended_at = ?, waiting_for = NULL, waiting_for_text = NULL WHERE id = ? AND status = 'Queued'").run(
        now.toISOString(),
        id,
      ).changes === 1
    );
  }

  /** One job, or undefined. */
  get(id: string): Job | undefined {
    const row = this.sql('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  /** The group a job belongs to, or null. */
  groupOf(id: string): string | null {
    return (this.sql('SELECT group_id FROM jobs WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
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
    return this.sql(
      "SELECT id, status, runner, waiting_for FROM jobs WHERE status IN ('Queued', 'Running') AND request IS NOT NULL ORDER BY seq",
    ).all() as ActiveMoveRow[];
  }

  /** A job's request as stored (JSON), or null. */
  requestText(id: string): string | null {
    return (this.sql('SELECT request FROM jobs WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
  }

  /** Running jobs that are not moves (imports, settings, starts), with the process that runs each. */
  runningOthers(): { id: string; runner: string }[] {
    return this.sql("SELECT id, runner FROM jobs WHERE status = 'Running' AND request IS NULL AND runner IS NOT NULL").all() as {
      id: string;
      runner: string;
    }[];
  }

  /** Sets a queued job's wait reason; answers whether the job was still queued. */
  setWaitingFor(id: string, text: string | null, sentence: Text | null = null): boolean {
    return (
      this.sql("UPDATE jobs SET waiting_for = ?, waiting_for_text = ? WHERE id = ? AND status = 'Queued'").run(
        text,
        sentence ? JSON.stringify(sentence) : null,
        id,
      ).changes === 1
    );
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
