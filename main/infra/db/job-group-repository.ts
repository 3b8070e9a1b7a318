import { randomUUID } from 'node:crypto';
import type { Job } from '../../../shared/model/job.js';
import { jobGroupCounts, jobGroupState, type JobGroup, type Plan, type SavedPlan } from '../../../shared/model/plan.js';
import type { Db } from './open.js';

interface GroupRow {
  id: string;
  kind: JobGroup['kind'];
  name: string;
  target: string;
  created_at: string;
  aborted_at: string | null;
  restore_of: string | null;
  plan: string;
}

/** What a new group needs. */
export interface NewGroup {
  kind: JobGroup['kind'];
  name: string;
  target: string;
  plan: Plan;
  restoreOf?: string | null;
}

/** Job groups and saved plans in SQLite. */
export class JobGroupRepository {
  constructor(private readonly db: Db) {}

  /** Records a new group and answers its id. */
  create(g: NewGroup, now = new Date()): string {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO job_groups (id, seq, kind, name, target, created_at, aborted_at, restore_of, plan)
      VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM job_groups), ?, ?, ?, ?, NULL, ?, ?)`,
      )
      .run(id, g.kind, g.name, g.target, now.toISOString(), g.restoreOf ?? null, JSON.stringify(g.plan));
    return id;
  }

  /** A group with its state worked out from `jobsOf`, or undefined. */
  get(id: string, jobsOf: (groupId: string) => Job[]): JobGroup | undefined {
    const row = this.db.prepare('SELECT * FROM job_groups WHERE id = ?').get(id) as GroupRow | undefined;
    return row && toGroup(row, jobsOf(row.id));
  }

  /** The plan a group runs. */
  plan(id: string): Plan | null {
    const text = this.db.prepare('SELECT plan FROM job_groups WHERE id = ?').pluck().get(id) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as Plan);
  }

  /** The newest groups first. */
  list(jobsOf: (groupId: string) => Job[], limit = 100): JobGroup[] {
    return (this.db.prepare('SELECT * FROM job_groups ORDER BY seq DESC LIMIT ?').all(limit) as GroupRow[]).map((r) => toGroup(r, jobsOf(r.id)));
  }

  /** Marks a group aborted (once); answers whether it was not already. */
  markAborted(id: string, now = new Date()): boolean {
    return this.db.prepare('UPDATE job_groups SET aborted_at = ? WHERE id = ? AND aborted_at IS NULL').run(now.toISOString(), id).changes === 1;
  }

  /** Saves a plan under a name. */
  planSave(name: string, plan: Plan, now = new Date()): SavedPlan {
    const id = randomUUID();
    this.db.prepare('INSERT INTO saved_plans (id, name, saved_at, plan) VALUES (?, ?, ?, ?)').run(id, name, now.toISOString(), JSON.stringify(plan));
    return { id, name, savedAt: now.toISOString(), plan };
  }

  /** Saved plans, newest first. */
  plansSaved(): SavedPlan[] {
    return (this.db.prepare('SELECT * FROM saved_plans ORDER BY saved_at DESC').all() as { id: string; name: string; saved_at: string; plan: string }[]).map(
      (r) => ({ id: r.id, name: r.name, savedAt: r.saved_at, plan: JSON.parse(r.plan) as Plan }),
    );
  }

  /** Removes a saved plan; answers whether there was one. */
  planDelete(id: string): boolean {
    return this.db.prepare('DELETE FROM saved_plans WHERE id = ?').run(id).changes === 1;
  }
}

function toGroup(r: GroupRow, jobs: Job[]): JobGroup {
  const plan = JSON.parse(r.plan) as Plan;
  const counts = jobGroupCounts(jobs);
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    target: r.target,
    createdAt: r.created_at,
    abortedAt: r.aborted_at,
    restoreOf: r.restore_of,
    state: jobGroupState(counts, r.aborted_at),
    counts,
    makespan: plan.makespan,
    lowerBound: plan.lowerBound,
    jobIds: jobs.map((j) => j.id),
  };
}
