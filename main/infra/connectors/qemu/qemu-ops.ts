/**
 * The QEMU operations a lab move is made of, each over QMP: configure and run a memory migration
 * with progress from `query-migrate`, mirror disks with `blockdev-mirror` (locally or to an NBD
 * export), and check a VM's run state. Each long operation polls, reports, and stops when its
 * signal aborts, leaving the source running.
 */
import net from 'node:net';
import { eventTimeMs, type QmpClient, type QmpEvent } from './qmp-client.js';
import type { QemuMigrationSettings } from '../../../domain/lab/qemu-migration-settings.js';
import type { LabInstanceRecord } from './lab-store.js';
import { qemuAlive, qemuFilesRemove, qemuKill } from './qemu-instance.js';

/** `query-migrate`'s answer, the fields Ferry reads. */
export interface MigrateInfo {
  status: string;
  'error-desc'?: string;
  'total-time'?: number;
  'expected-downtime'?: number;
  downtime?: number;
  ram?: {
    transferred: number;
    remaining: number;
    total: number;
    'dirty-pages-rate'?: number;
    'dirty-sync-count'?: number;
    'page-size'?: number;
    mbps?: number;
  };
}

/** What a memory migration reports as it goes. */
export interface MemoryProgress {
  transferred: number;
  remaining: number;
  total: number;
  dirtyBytesPerSecond: number;
  passes: number;
  expectedDowntimeMs: number | null;
  throughputBps: number;
}

/** How a memory migration ended. */
export type MemoryResult =
  | { status: 'completed'; info: MigrateInfo; passes: number; bytes: number }
  | { status: 'failed'; reason: string }
  | { status: 'canceled' }
  | { status: 'stalled'; best: MemoryProgress; stalledSeconds: number };

/** A free TCP port on a loopback address (the kernel picks it; taken again by QEMU right after). */
export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, address, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Applies a move's capabilities and parameters: both ends get the same, the source its cap. */
export async function migrationConfigure(src: QmpClient, dst: QmpClient, settings: QemuMigrationSettings): Promise<void> {
  for (const q of [src, dst]) {
    await q.execute('migrate-set-capabilities', { capabilities: settings.capabilities });
    if (Object.keys(settings.parameters).length) await q.execute('migrate-set-parameters', settings.parameters);
  }
  await src.execute('migrate-set-parameters', settings.sourceParameters);
}

/** Progress of a migration from `query-migrate`. */
export function memoryProgressOf(info: MigrateInfo): MemoryProgress {
  const ram = info.ram;
  const page = ram?.['page-size'] ?? 4096;
  return {
    transferred: ram?.transferred ?? 0,
    remaining: ram?.remaining ?? 0,
    total: ram?.total ?? 0,
    dirtyBytesPerSecond: (ram?.['dirty-pages-rate'] ?? 0) * page,
    passes: ram?.['dirty-sync-count'] ?? 0,
    expectedDowntimeMs: info['expected-downtime'] ?? null,
    throughputBps: ((ram?.mbps ?? 0) * 1e6) / 8,
  };
}

/** Options of `memoryMigrate`. */
export interface MemoryMigrateOptions {
  uri: string;
  signal: AbortSignal;
  onProgress: (p: MemoryProgress) => void;
  /** Seconds without a new low in what is left to send before the migration is declared not converging. */
  stallSeconds: number;
  pollMs: number;
  /** Whether the destination is still there; checked at each poll. */
  destinationAlive: () => boolean;
}

/**
 * Runs `migrate` to `uri` and polls `query-migrate` until it ends. Cancels (`migrate_cancel`) when the
 * signal aborts, when the destination goes, or when the migration stops converging: what is left at
 * the start of a pass (the memory dirtied during the one before) has not reached a new low for
 * `stallSeconds`. Within a pass "remaining" always falls as pages go out, so only pass boundaries count.
 */
export async function memoryMigrate(src: QmpClient, o: MemoryMigrateOptions): Promise<MemoryResult> {
  await src.execute('migrate', { uri: o.uri });
  let best: MemoryProgress | null = null;
  let lastLow = Date.now();
  let pass = -1;
  let stop: 'canceled' | 'gone' | 'stalled' | null = null;
  for (;;) {
    const info = await src.execute<MigrateInfo>('query-migrate');
    if (info.status === 'completed') {
      const p = memoryProgressOf(info);
      return { status: 'completed', info, passes: p.passes, bytes: p.transferred };
    }
    if (info.status === 'failed' || info.status === 'cancelled') {
      if (stop === 'canceled') return { status: 'canceled' };
      if (stop === 'stalled' && best) return { status: 'stalled', best, stalledSeconds: o.stallSeconds };
      return { status: 'failed', reason: info['error-desc'] ?? (stop === 'gone' ? 'the destination went away' : `migration ${info.status}`) };
    }
    if (stop === null) {
      const p = memoryProgressOf(info);
      if (info.ram) {
        o.onProgress(p);
        if (p.passes !== pass) {
          pass = p.passes;
          if (!best || p.remaining < best.remaining * 0.95) {
            best = p;
            lastLow = Date.now();
          } else if (Date.now() - lastLow > o.stallSeconds * 1000) {
            best = { ...p, remaining: Math.min(best.remaining, p.remaining) };
            stop = 'stalled';
          }
        }
      }
      if (o.signal.aborted) stop = 'canceled';
      else if (!o.destinationAlive()) stop = 'gone';
      if (stop !== null) await src.execute('migrate_cancel').catch(() => undefined);
    }
    await sleep(o.pollMs);
  }
}

/** One block job of `query-block-jobs`. */
interface BlockJobInfo {
  device: string;
  len: number;
  offset: number;
  ready: boolean;
  status: string;
}

/** A disk to mirror: the source's node and the target node already added on the source. */
export interface MirrorPair {
  jobId: string;
  from: string;
  to: string;
}

/**
 * Mirrors each pair (`blockdev-mirror`, full) and waits until every mirror is ready (in sync, writes
 * still mirrored). Reports copied and total bytes. On abort, cancels the jobs (the source keeps its
 * disks) and answers false.
 */
export async function mirrorsToReady(
  src: QmpClient,
  pairs: MirrorPair[],
  o: { signal: AbortSignal; pollMs: number; onProgress: (done: number, total: number) => void },
): Promise<boolean> {
  for (const p of pairs) await src.execute('blockdev-mirror', { 'job-id': p.jobId, device: p.from, target: p.to, sync: 'full' });
  const ids = new Set(pairs.map((p) => p.jobId));
  for (;;) {
    const jobs = (await src.execute<BlockJobInfo[]>('query-block-jobs')).filter((j) => ids.has(j.device));
    o.onProgress(
      jobs.reduce((s, j) => s + j.offset, 0),
      jobs.reduce((s, j) => s + j.len, 0),
    );
    if (o.signal.aborted) {
      await mirrorsEnd(src, pairs, 'cancel');
      return false;
    }
    const missing = pairs.filter((p) => !jobs.some((j) => j.device === p.jobId));
    if (missing.length) throw new Error(`the disk mirror ${missing[0].jobId} ended before it was in sync`);
    if (jobs.every((j) => j.ready)) return true;
    await sleep(o.pollMs);
  }
}

/**
 * Ends mirrors: `pivot` switches the VM to the targets (`job-complete`); `cancel` stops them, and for
 * a ready mirror that leaves the target a consistent copy. Waits for each job to go.
 */
export async function mirrorsEnd(src: QmpClient, pairs: MirrorPair[], how: 'pivot' | 'cancel'): Promise<void> {
  const ended = pairs.map((p) => blockJobEnd(src, p.jobId));
  for (const p of pairs) {
    if (how === 'pivot') await src.execute('job-complete', { id: p.jobId });
    else await src.execute('block-job-cancel', { device: p.jobId, force: false }).catch(() => undefined);
  }
  const errors = (await Promise.all(ended)).filter((e): e is string => e !== null);
  if (how === 'pivot' && errors.length) throw new Error(`switching to the copied disks failed: ${errors[0]}`);
}

/** Resolves when a block job ends (completed or cancelled), with its error, if any; at once if QMP closes. */
function blockJobEnd(src: QmpClient, jobId: string, timeoutMs = 60_000): Promise<string | null> {
  return new Promise((resolve) => {
    const done = (error: string | null): void => {
      clearTimeout(timer);
      offs.forEach((off) => off());
      resolve(error);
    };
    const timer = setTimeout(() => done(`the block job ${jobId} did not end within ${timeoutMs / 1000} s`), timeoutMs);
    const offs = ['BLOCK_JOB_COMPLETED', 'BLOCK_JOB_CANCELLED'].map((name) =>
      src.on(name, (e: QmpEvent) => {
        const data = e.data as { device?: string; error?: string } | undefined;
        if (data?.device === jobId) done(data.error ?? null);
      }),
    );
    offs.push(src.onClose(() => done('QEMU went away')));
  });
}

/** QEMU's run state of a VM (`running`, `paused`, `postmigrate`, `inmigrate`, ...), or null when QMP is gone. */
export async function runState(q: QmpClient): Promise<string | null> {
  try {
    return (await q.execute<{ status: string }>('query-status')).status;
  } catch {
    return null;
  }
}

/** Waits (up to `tries` × 100 ms) until the VM runs; answers its last state (null: QEMU no longer answers). */
export async function runningWait(q: QmpClient, tries = 50): Promise<string | null> {
  let state: string | null = null;
  for (let i = 0; i < tries; i++) {
    state = await runState(q);
    if (state === 'running' || state === null) return state;
    await sleep(100);
  }
  return state;
}

/** Ends a QEMU process: `quit`, then a kill if it lingers; its sockets and serial log are removed. */
export async function instanceEnd(q: QmpClient, instance: LabInstanceRecord): Promise<void> {
  await q.execute('quit').catch(() => undefined);
  await q.close();
  for (let i = 0; i < 20 && qemuAlive(instance); i++) await sleep(50);
  qemuKill(instance);
  qemuFilesRemove(instance);
}

/** Records when the source stopped and the destination resumed, for the downtime. */
export class SwitchOverClock {
  private stopAt: number | null = null;
  private resumeAt: number | null = null;
  private readonly offs: (() => void)[];

  constructor(src: QmpClient, dst: QmpClient) {
    this.offs = [
      src.on('STOP', (e: QmpEvent) => {
        this.stopAt = eventTimeMs(e);
      }),
      dst.on('RESUME', (e: QmpEvent) => {
        this.resumeAt = eventTimeMs(e);
      }),
    ];
  }

  /** Milliseconds from the source's STOP to the destination's RESUME, or null when either is missing. */
  downtimeMs(): number | null {
    this.offs.forEach((off) => off());
    return this.stopAt !== null && this.resumeAt !== null && this.resumeAt >= this.stopAt ? Math.round(this.resumeAt - this.stopAt) : null;
  }
}

/** Waits `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
