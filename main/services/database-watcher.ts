import type { Job } from '../../shared/model/job.js';
import { inventoryRevision } from '../infra/db/inventory-repository.js';
import type { JobRepository } from '../infra/db/job-repository.js';
import type { Db } from '../infra/db/open.js';
import type { EventHub } from './event-hub.js';
import type { InventoryService } from './inventory-service.js';
import type { SchedulerService } from './scheduler-service.js';

/** How often the database is checked for other processes' writes. */
export const WATCH_INTERVAL_MS = 500;

/** How often jobs of runners that died (a `ferry` command killed mid-move) are looked for. */
export const RECONCILE_INTERVAL_MS = 2000;

/**
 * Notices what other processes sharing the database wrote (a `ferry` command queuing or canceling
 * a move, or running one): SQLite's data_version changes only for other connections' commits, so
 * the check is one cheap pragma. On a change it runs a scheduling decision, passes on cancel
 * requests, and publishes the jobs and inventory that changed, so every window stays true.
 * A process that dies writes nothing, so every few seconds it also reconciles the jobs of runners
 * that have gone: their slots free up and what queued behind them runs.
 */
export class DatabaseWatcher {
  private version: number;
  private revision: number;
  private seen = new Map<string, string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastReconcile = Date.now();
  private reconciling = false;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobRepository,
    private readonly inventory: InventoryService,
    private readonly scheduler: SchedulerService,
    private readonly hub: EventHub,
  ) {
    this.version = this.dataVersion();
    this.revision = inventoryRevision(db);
    for (const job of jobs.list(200)) this.seen.set(job.id, JSON.stringify(job));
  }

  /** Starts watching. */
  start(intervalMs = WATCH_INTERVAL_MS): void {
    this.timer ??= setInterval(() => this.check(), intervalMs);
    this.timer.unref?.();
  }

  /** Stops watching. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One check; public so tests can drive it. */
  check(): void {
    if (Date.now() - this.lastReconcile >= RECONCILE_INTERVAL_MS) this.reconcileDead();
    const version = this.dataVersion();
    if (version === this.version) return;
    this.version = version;
    this.scheduler.pollCancelRequests();
    const revision = inventoryRevision(this.db);
    if (revision !== this.revision) {
      this.revision = revision;
      this.hub.emit('inventory.changed', { revision, meta: this.inventory.snapshot().meta });
    }
    const changed: Job[] = [];
    for (const job of this.jobs.list(200)) {
      const text = JSON.stringify(job);
      if (this.seen.get(job.id) !== text) changed.push(job);
      this.seen.set(job.id, text);
    }
    if (changed.length > 0) this.hub.emit('jobs.changed', { jobs: changed });
    this.scheduler.dispatch();
  }

  /** Fails the jobs of runners that died; their slots free up, so a decision follows. */
  private reconcileDead(): void {
    if (this.reconciling) return;
    this.lastReconcile = Date.now();
    this.reconciling = true;
    void this.scheduler
      .reconcile()
      .then((ended) => {
        if (ended > 0 && this.timer !== null) this.scheduler.dispatch();
      })
      // A busy or closing database: the next interval tries again.
      .catch(() => undefined)
      .finally(() => {
        this.reconciling = false;
      });
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
