import type { Cluster, Host } from './inventory.js';
import type { MoveKind } from './job.js';
import { assertNever } from './result.js';

/**
 * Migration slots (migration-rules.md section 4): pure rules shared by the scheduler, which
 * applies them, and the console, which shows how many slots each host has in use.
 */

/** The two independent kinds of migration slot a host has. */
export type SlotKind = 'live' | 'storage';

/** One slot a move occupies while it runs. */
export interface SlotNeed {
  host: string;
  kind: SlotKind;
}

/** A host's limits, as the scheduler applies them at each decision. */
export interface HostLimits {
  live: number;
  storage: number;
}

/**
 * The slots a move takes (section 4): a live migration one live slot on its source and one on its
 * destination (incoming and outgoing both count); a storage migration one storage slot on its host;
 * a Live (VSM) one live and one storage slot on both hosts. Ferry's choices where the rules are
 * silent: a Quick migration (save, move, restore inside a cluster) counts as a live migration, as
 * VMM counts it against the cluster's parallel migrations; a Network migration copies files, so it
 * takes a storage slot on both hosts.
 */
export function slotsNeeded(kind: MoveKind, source: string, destination: string): SlotNeed[] {
  const both = (k: SlotKind): SlotNeed[] =>
    source.toLowerCase() === destination.toLowerCase()
      ? [{ host: source, kind: k }]
      : [
          { host: source, kind: k },
          { host: destination, kind: k },
        ];
  switch (kind) {
    case 'live':
    case 'quick':
      return both('live');
    case 'live-vsm':
      return [...both('live'), ...both('storage')];
    case 'storage':
      return [{ host: source, kind: 'storage' }];
    case 'network':
      return both('storage');
    default:
      return assertNever(kind);
  }
}

/** A host's limits: its own, except that a cluster's maximum parallel migrations wins for its nodes' live limit. */
export function hostLimits(host: Host, cluster: Cluster | null): HostLimits {
  return {
    live: cluster?.maxParallelMigrations ?? host.liveMigration.maxLive,
    storage: host.liveMigration.maxStorage,
  };
}
