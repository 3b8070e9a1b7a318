import type { Host, PerformanceOption } from '../../../shared/model/inventory.js';
import type { HostLimits, SlotNeed } from '../../../shared/model/migration-slots.js';
import { TCP_EFFICIENCY } from '../simulation/link-model.js';
import { MBPS_PER_GBPS } from '../simulation/model-constants.js';
import { nameKey } from '../storage-paths/names.js';
import { english, plural, text, type Text } from '../../../shared/i18n/text.js';

/**
 * The lower bound on a plan's makespan: no order of its moves can end sooner than the largest of
 * - each host's transfers over its migration network's capacity (its NICs at the option's rate, no more
 *   streams than moves it can run at once; memory counted after each move's compression);
 * - each host's summed move time, per kind of slot, over its slot count;
 * - the longest single move, or the longest chain of moves that wait for each other.
 * Move times are each move alone on its link, which is never slower than in company.
 */

/** What the bound needs of one move. */
export interface BoundMove {
  source: Host;
  destination: Host;
  option: PerformanceOption;
  /** Seconds alone on its link. */
  seconds: number;
  /** Memory MB it sends over the migration network, and file MB it copies over it. */
  memoryMB: number;
  /** How much compression speeds its memory up (1 without Compression). */
  compression: number;
  fileMB: number;
  needs: readonly SlotNeed[];
  /** Indexes (into the bound's list) of moves that must end before this one starts. */
  after: readonly number[];
}

/** The bound and which term set it. */
export interface LowerBound {
  seconds: number;
  basis: string;
  /** `basis` as a catalogue sentence. */
  basisText: Text;
}

/**
 * A host's migration-network capacity, MB/s, for files and (before compression) for memory: every NIC at
 * the option's efficiency, but never more streams than the host can run moves at once (one stream per
 * move at most one line rate each).
 */
function capacity(host: Host, option: PerformanceOption, capGbps: number | null, concurrent: number): number {
  const gbps = capGbps !== null ? Math.min(capGbps, host.migrationNetwork.gbps) : host.migrationNetwork.gbps;
  const line = Math.max(gbps, 1e-9) * MBPS_PER_GBPS;
  const direct = option === 'SMB' && host.migrationNetwork.rdma;
  const lanes = direct ? Math.max(1, host.migrationNetwork.nics) : Math.min(Math.max(1, host.migrationNetwork.nics), Math.max(1, concurrent));
  return line * lanes * (direct ? 1 : TCP_EFFICIENCY);
}

/** The lower bound of a set of moves under `limitsOf`. */
export function makespanLowerBound(moves: readonly BoundMove[], limitsOf: (host: string) => HostLimits, capGbps: number | null = null): LowerBound {
  let best: LowerBound = { seconds: 0, basis: english(text('bound.none')), basisText: text('bound.none') };
  const consider = (seconds: number, basis: () => Text): void => {
    if (seconds > best.seconds) {
      const basisText = basis();
      best = { seconds, basis: english(basisText), basisText };
    }
  };
  const s1 = (x: number): number => Math.round(x * 10) / 10;
  // Per host: link work of all its moves, and of those holding each kind of slot (at most `limit` of
  // them run at once, each at most one line's rate).
  const link = new Map<string, { host: Host; seconds: number; live: number; storage: number }>();
  const slots = new Map<string, { need: SlotNeed; seconds: number }>();
  for (const m of moves) {
    consider(m.seconds, () => text('bound.longest', { seconds: s1(m.seconds) }));
    if (m.memoryMB + m.fileMB > 0) {
      for (const host of new Map([
        [nameKey(m.source.name), m.source],
        [nameKey(m.destination.name), m.destination],
      ]).values()) {
        const limits = limitsOf(host.name);
        const work = m.memoryMB / Math.max(1, m.compression) + m.fileMB;
        const e = link.get(nameKey(host.name)) ?? { host, seconds: 0, live: 0, storage: 0 };
        e.seconds += work / capacity(host, m.option, capGbps, limits.live + limits.storage);
        const holds = (kind: 'live' | 'storage'): boolean => m.needs.some((n) => n.kind === kind && nameKey(n.host) === nameKey(host.name));
        if (holds('live') && limits.live > 0) e.live += work / capacity(host, m.option, capGbps, limits.live);
        if (holds('storage') && limits.storage > 0) e.storage += work / capacity(host, m.option, capGbps, limits.storage);
        link.set(nameKey(host.name), e);
      }
    }
    for (const need of m.needs) {
      const k = `${nameKey(need.host)}\u0000${need.kind}`;
      const e = slots.get(k) ?? { need, seconds: 0 };
      e.seconds += m.seconds;
      slots.set(k, e);
    }
  }
  // Moves wait only for moves before them in the list, so one pass finds every chain's length.
  const chain: number[] = [];
  moves.forEach((m, i) => {
    chain[i] = m.seconds + Math.max(0, ...m.after.map((a) => chain[a] ?? 0));
    if (m.after.length) consider(chain[i], () => text('bound.chain', { seconds: s1(chain[i]) }));
  });
  for (const { host, seconds, live, storage } of link.values()) {
    consider(seconds, () => text('bound.network', { host: host.name, seconds: s1(seconds) }));
    consider(live, () => text('bound.liveTransfers', { host: host.name, seconds: s1(live), limit: limitsOf(host.name).live }));
    consider(storage, () => text('bound.storageTransfers', { host: host.name, seconds: s1(storage), limit: limitsOf(host.name).storage }));
  }
  for (const { need, seconds } of slots.values()) {
    const limit = limitsOf(need.host)[need.kind];
    if (limit > 0)
      consider(seconds / limit, () =>
        plural(need.kind === 'live' ? 'bound.liveSlots' : 'bound.storageSlots', limit, { host: need.host, seconds: s1(seconds) }),
      );
  }
  return best;
}
