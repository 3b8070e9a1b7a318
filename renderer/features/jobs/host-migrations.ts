import type { Cluster, Host } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import { hostLimits, slotsNeeded, type HostLimits, type SlotKind } from '../../../shared/model/migration-slots.js';

/** A move in flight on a host, and which way it goes from that host's point of view. */
export interface HostMigration {
  job: Job;
  direction: 'outgoing' | 'incoming' | 'local';
}

/** The live and storage migrations a host takes part in now, against its limits (migration-rules.md section 4). */
export interface HostMigrations {
  limits: HostLimits;
  live: HostMigration[];
  storage: HostMigration[];
  /** Queued moves that will need a slot on this host. */
  queued: number;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function direction(job: Job, host: string): HostMigration['direction'] {
  const move = job.move;
  if (!move || same(move.sourceHost, move.destinationHost)) return 'local';
  return same(move.sourceHost, host) ? 'outgoing' : 'incoming';
}

/**
 * The migrations in flight on a host: each running move takes the slots `slotsNeeded` says on this
 * host (a Live (VSM) a live and a storage slot, a storage move a storage slot, ...), with the limits
 * the scheduler applies (a cluster's maximum parallel migrations wins for its nodes).
 */
export function hostMigrations(host: Host, cluster: Cluster | null, jobs: readonly Job[]): HostMigrations {
  const result: HostMigrations = { limits: hostLimits(host, cluster), live: [], storage: [], queued: 0 };
  for (const job of jobs) {
    const move = job.move;
    if (!move || (job.status !== 'Running' && job.status !== 'Queued')) continue;
    const kinds = new Set<SlotKind>();
    for (const need of slotsNeeded(move.kind, move.sourceHost, move.destinationHost)) if (same(need.host, host.name)) kinds.add(need.kind);
    if (kinds.size === 0) continue;
    if (job.status === 'Queued') {
      result.queued++;
      continue;
    }
    const entry = { job, direction: direction(job, host.name) };
    if (kinds.has('live')) result.live.push(entry);
    if (kinds.has('storage')) result.storage.push(entry);
  }
  return result;
}
