import type { Job } from '../../../shared/model/job.js';

/** The running moves a host takes part in (as source or destination) and how far they have got together. */
export interface HostMovesInFlight {
  count: number;
  /** The running moves' mean progress, 0..100, rounded down. */
  percent: number;
}

/** Running moves by host (lower-case name): a move counts on its source and, when another, its destination. */
export function hostMovesInFlight(jobs: readonly Job[]): Map<string, HostMovesInFlight> {
  const sums = new Map<string, { count: number; total: number }>();
  const add = (host: string, progress: number) => {
    const key = host.toLowerCase();
    const entry = sums.get(key) ?? { count: 0, total: 0 };
    entry.count++;
    entry.total += progress;
    sums.set(key, entry);
  };
  for (const job of jobs) {
    if (job.status !== 'Running' || !job.move) continue;
    add(job.move.sourceHost, job.progress);
    if (job.move.destinationHost.toLowerCase() !== job.move.sourceHost.toLowerCase()) add(job.move.destinationHost, job.progress);
  }
  const out = new Map<string, HostMovesInFlight>();
  for (const [key, { count, total }] of sums) out.set(key, { count, percent: Math.floor(total / count) });
  return out;
}
