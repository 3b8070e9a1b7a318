import { describe, expect, it } from 'vitest';
import type { Cluster, Host } from './inventory.js';
import { hostLimits, slotsNeeded } from './migration-slots.js';

const host = { liveMigration: { maxLive: 2, maxStorage: 3 } } as Host;
const cluster = (maxParallelMigrations: number | null) => ({ maxParallelMigrations }) as Cluster;

describe('migration slots (section 4)', () => {
  it('takes a host’s own limits, unless its cluster sets a maximum of parallel migrations, which wins for live', () => {
    expect(hostLimits(host, null)).toEqual({ live: 2, storage: 3 });
    expect(hostLimits(host, cluster(null))).toEqual({ live: 2, storage: 3 });
    expect(hostLimits(host, cluster(4))).toEqual({ live: 4, storage: 3 });
    expect(hostLimits(host, cluster(1))).toEqual({ live: 1, storage: 3 });
  });

  it('counts a live move on both hosts, a VSM as live and storage on both, a storage move on its host', () => {
    expect(slotsNeeded('live', 'S', 'D')).toEqual([
      { host: 'S', kind: 'live' },
      { host: 'D', kind: 'live' },
    ]);
    expect(slotsNeeded('live-vsm', 'S', 'D')).toEqual([
      { host: 'S', kind: 'live' },
      { host: 'D', kind: 'live' },
      { host: 'S', kind: 'storage' },
      { host: 'D', kind: 'storage' },
    ]);
    expect(slotsNeeded('storage', 'S', 'S')).toEqual([{ host: 'S', kind: 'storage' }]);
    expect(slotsNeeded('network', 's', 'S')).toEqual([{ host: 's', kind: 'storage' }]);
  });
});
