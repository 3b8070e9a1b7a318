import { hostname } from 'node:os';
import type { Db } from './open.js';
import { pidAlive } from '../process-alive.js';

/** What kind of process runs moves: the app (or headless host), or one `ferry` command. */
export type RunnerKind = 'app' | 'cli';

/**
 * The processes that run moves on one database, so a restart can tell a job whose process died
 * (to reconcile) from one another live process is running (to leave alone).
 */
export class RunnerRepository {
  constructor(private readonly db: Db) {}

  /** Registers this process as a runner; answers its id. */
  register(kind: RunnerKind, id: string): string {
    this.db
      .prepare('INSERT OR REPLACE INTO runners (id, host, pid, kind, started_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, hostname(), process.pid, kind, new Date().toISOString());
    return id;
  }

  /** Removes a runner (on a clean shutdown). */
  unregister(id: string): void {
    this.db.prepare('DELETE FROM runners WHERE id = ?').run(id);
  }

  /** Whether a runner's process is still alive (a runner on another machine is taken to be). */
  alive(id: string | null): boolean {
    if (id === null) return false;
    const row = this.db.prepare('SELECT host, pid FROM runners WHERE id = ?').get(id) as { host: string; pid: number } | undefined;
    if (!row) return false;
    return row.host !== hostname() || pidAlive(row.pid);
  }

  /** Whether a live process of this kind other than `self` serves the database. */
  anotherAlive(kind: RunnerKind, self: string): boolean {
    const ids = this.db.prepare('SELECT id FROM runners WHERE kind = ? AND id != ?').pluck().all(kind, self) as string[];
    return ids.some((id) => this.alive(id));
  }

  /** Forgets runners whose process has ended. */
  prune(): void {
    for (const id of this.db.prepare('SELECT id FROM runners').pluck().all() as string[]) if (!this.alive(id)) this.unregister(id);
  }
}
