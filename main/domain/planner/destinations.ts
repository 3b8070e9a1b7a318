import type { Host, Vm } from '../../../shared/model/inventory.js';
import type { Issue, ReasonCode, TransferType } from '../../../shared/model/placement.js';
import type { PlanReasonCode } from '../../../shared/model/plan.js';
import type { PlacementIndex } from '../placement/placement-index.js';
import { headroomScore } from '../placement/rating.js';
import { hostCandidates, type HostCandidate } from '../placement/select-hosts.js';
import { vmFacts } from '../placement/vm-facts.js';
import { DEFAULT_DISK_RESERVE_MB, mbToGB } from '../storage-paths/amounts.js';
import { say, sayPlural, text, type Text } from '../../../shared/i18n/text.js';
import { nameKey } from '../storage-paths/names.js';
import { storageTargetKey } from '../storage-paths/storage-index.js';
import { TCP_EFFICIENCY } from '../simulation/link-model.js';
import { MBPS_PER_GBPS } from '../simulation/model-constants.js';

/**
 * Destination choice for many moves at once. Each VM gets the best-rated host that still fits once
 * the moves chosen before it are counted: their memory is reserved on their destinations and their
 * disks on the destinations' storage, so two moves never count on the same free memory or space.
 * Memory that departing VMs free on a host counts only for moves that wait for those departures
 * (`after`); among equally rated hosts, one it fits without waiting wins. Select Host's rules decide
 * everything else.
 */

/** One VM to place: pinned to a host, or `auto`. */
export interface PlacementAsk {
  vm: Vm;
  /** A host name, or null for the best host. */
  pinned: string | null;
  /** Its position in the request, to keep the user's order where it matters. */
  order: number;
  /**
   * An evacuation's saved or off highly-available VM: it moves `Quick` to another node of its cluster, as
   * the cluster does when it drains a node (migration-rules.md section 9), or nowhere.
   */
  quick?: boolean;
}

/** A VM with its destination. */
export interface Placed {
  ask: PlacementAsk;
  source: Host;
  dest: Host;
  transferType: TransferType;
  storageMoves: boolean;
  diskGB: number;
  rating: number;
  /** Indexes (into the placed list) of departures this move waits for. */
  after: number[];
}

/** A VM with no destination, and why. */
export interface NotPlaced {
  ask: PlacementAsk;
  host: string;
  reasons: Issue<ReasonCode | PlanReasonCode>[];
}

/** Capacity already promised on a host. */
interface Ledger {
  /** MB reserved for VMs arriving. */
  arrivingMB: number;
  /** MB freed by VMs leaving, with the placed indexes of those departures. */
  departing: { mb: number; index: number }[];
  arrivals: number;
}

/**
 * Places every ask in turn: pinned ones first (they are fixed), then the others from the largest
 * memory down (large VMs are the hardest to fit), each on the best-rated host that still fits.
 */
export function placeAll(asks: readonly PlacementAsk[], index: PlacementIndex): { placed: Placed[]; notPlaced: NotPlaced[] } {
  const ledgers = new Map<string, Ledger>();
  const ledger = (h: Host): Ledger => {
    const k = nameKey(h.name);
    let l = ledgers.get(k);
    if (!l) {
      l = { arrivingMB: 0, departing: [], arrivals: 0 };
      ledgers.set(k, l);
    }
    return l;
  };
  // Seconds of transfers each host's migration network has ahead of it (departures known from the start,
  // arrivals as they are placed): among equally rated hosts, the one that would finish the transfer first wins.
  const linkSeconds = new Map<string, number>();
  const capacity = (h: Host): number => Math.max(1e-6, h.migrationNetwork.gbps) * MBPS_PER_GBPS * Math.max(1, h.migrationNetwork.nics) * TCP_EFFICIENCY;
  const addLink = (h: Host, mb: number): void => {
    linkSeconds.set(nameKey(h.name), (linkSeconds.get(nameKey(h.name)) ?? 0) + mb / capacity(h));
  };
  for (const a of asks) {
    const source = index.storage.hosts.get(nameKey(a.vm.host));
    if (source) addLink(source, a.vm.memoryMB);
  }
  // GB promised on each storage location (local volume, cluster shared volume or share) to files arriving.
  const storageTaken = new Map<string, number>();
  const ordered = [...asks].sort((a, b) => Number(b.pinned !== null) - Number(a.pinned !== null) || b.vm.memoryMB - a.vm.memoryMB || a.order - b.order);
  const placed: Placed[] = [];
  const notPlaced: NotPlaced[] = [];
  for (const ask of ordered) {
    const facts = vmFacts(ask.vm, index);
    if (!facts) {
      notPlaced.push({
        ask,
        host: ask.vm.host,
        reasons: [{ code: 'host-not-found', ...say('plan.reason.hostMissing', { vm: ask.vm.name, host: ask.vm.host }) }],
      });
      continue;
    }
    const memoryMB = facts.running ? ask.vm.memoryMB : 0;
    // Hosts that can't take it even before other moves are counted are skipped cheaply; their reasons
    // are worked out only when no host is left.
    const pinned = ask.pinned === null ? null : nameKey(ask.pinned);
    const departing = (d: Host): number => (ledgers.get(nameKey(d.name))?.departing ?? []).reduce((sum, x) => sum + x.mb, 0);
    const fitsNow = (d: Host): boolean =>
      (pinned === null || nameKey(d.name) === pinned) &&
      d.state === 'Responding' &&
      !d.maintenanceMode &&
      (!ask.quick || sameClusterNode(d, facts.source)) &&
      d.memory.availableMB - d.memory.reserveMB + departing(d) >= memoryMB &&
      (!facts.running || d.cpu.vendor === facts.source.cpu.vendor);
    // Memory is checked below, against what earlier moves take and free; every other rule is Select Host's.
    const blocked = (c: HostCandidate): boolean => c.reasons.some((r) => r.code !== 'insufficient-memory');
    let pool = hostCandidates(facts, index, {}, fitsNow);
    if (!pool.some((c) => !blocked(c)))
      pool = hostCandidates(facts, index, {}, (d) => (pinned === null || nameKey(d.name) === pinned) && (!ask.quick || sameClusterNode(d, facts.source)));
    // A Quick move copies nothing: the VM's files stay on its cluster's storage.
    if (ask.quick)
      pool = pool.map((c) => ({
        ...c,
        decision: { ...c.decision, type: 'Quick' as const, storageMoves: false },
        storage: null,
        reasons: c.reasons.filter((r) => r.code !== 'insufficient-storage'),
      }));
    if (ask.pinned !== null && pool.length === 0) {
      const already = nameKey(ask.pinned) === nameKey(facts.source.name);
      notPlaced.push({
        ask,
        host: facts.source.name,
        reasons: [
          already
            ? { code: 'already-there', ...say('plan.reason.alreadyThere', { vm: ask.vm.name, host: facts.source.name }) }
            : { code: 'host-not-found', ...say('plan.reason.noSuchHost', { host: ask.pinned }) },
        ],
      });
      continue;
    }
    const open = pool.filter((c) => !blocked(c));
    if (open.length === 0) {
      notPlaced.push({ ask, host: facts.source.name, reasons: mergedReasons(pool) });
      continue;
    }
    let best: { c: HostCandidate; score: number; rating: number; freed: number; after: number[]; finish: number } | null = null;
    let fullest: { host: string; freeMB: number } | null = null;
    let storageShort: { host: string; location: string; freeGB: number } | null = null;
    for (const c of open) {
      const l = ledger(c.dest);
      const reserve = c.dest.memory.reserveMB;
      const free = c.dest.memory.availableMB - l.arrivingMB;
      const after: number[] = [];
      if (free - reserve < memoryMB) {
        // Fits only once departures free memory: wait for just enough of them.
        let freed = 0;
        for (const d of l.departing) {
          if (free + freed - reserve >= memoryMB) break;
          freed += d.mb;
          after.push(d.index);
        }
        if (free + freed - reserve < memoryMB) {
          if (!fullest || free > fullest.freeMB) fullest = { host: c.dest.name, freeMB: free - reserve };
          continue;
        }
      }
      const storage = c.storage?.target ?? null;
      const movingGB = c.decision.storageMoves ? facts.diskGB : 0;
      const takenGB = storage ? (storageTaken.get(storageTargetKey(c.dest, storage)) ?? 0) : 0;
      if (storage && movingGB > 0 && storage.freeGB - takenGB - movingGB < mbToGB(DEFAULT_DISK_RESERVE_MB)) {
        if (!storageShort || storage.freeGB - takenGB > storageShort.freeGB)
          storageShort = { host: c.dest.name, location: storage.root, freeGB: storage.freeGB - takenGB };
        continue;
      }
      const freed = after.reduce((s, i) => s + (l.departing.find((d) => d.index === i)?.mb ?? 0), 0);
      const h = headroomScore({
        totalMB: c.dest.memory.totalMB,
        availableMB: free + freed,
        reserveMB: reserve,
        vmMemoryMB: memoryMB,
        cpuUsagePercent: c.dest.cpu.usagePercent,
        storage:
          storage && movingGB > 0
            ? { label: '', freeGB: storage.freeGB - takenGB, capacityGB: storage.capacityGB, movingGB, reserveGB: mbToGB(DEFAULT_DISK_RESERVE_MB) }
            : null,
      });
      // Best rating first; among equals, the emptier host, then the one with fewer arrivals planned (spreads the load), then the name.
      const finish = (linkSeconds.get(nameKey(c.dest.name)) ?? 0) + (memoryMB + movingGB * 1024) / capacity(c.dest);
      // Best rating first; among equals, fewer departures to wait for, then the host whose link finishes
      // the transfer first, then the emptier host, then the name.
      const better =
        !best ||
        h.rating > best.rating ||
        (h.rating === best.rating &&
          (after.length < best.after.length ||
            (after.length === best.after.length &&
              (finish < best.finish - 1e-9 ||
                (Math.abs(finish - best.finish) <= 1e-9 && (h.score > best.score || (h.score === best.score && c.dest.name < best.c.dest.name)))))));
      if (better) best = { c, score: h.score, rating: h.rating, freed, after, finish };
    }
    if (!best && open.every((c) => c.reasons.length > 0 && (ledgers.get(nameKey(c.dest.name))?.arrivals ?? 0) === 0)) {
      // Short of memory before any other move is counted: Select Host's own reasons say it best.
      notPlaced.push({ ask, host: facts.source.name, reasons: mergedReasons(pool) });
      continue;
    }
    if (!best) {
      notPlaced.push({
        ask,
        host: facts.source.name,
        reasons: [
          {
            code: 'no-capacity-left',
            ...say('plan.reason.noRoom', {
              vm: ask.vm.name,
              needs:
                facts.diskGB > 0
                  ? text('plan.needs.memoryFiles', { memory: { mb: memoryMB }, files: { gb: facts.diskGB } })
                  : text('plan.needs.memory', { memory: { mb: memoryMB } }),
              memory: fullest ? text('plan.noRoom.memory', { free: { mb: Math.max(0, fullest.freeMB) }, host: fullest.host }) : '',
              storage: storageShort
                ? text('plan.noRoom.storage', { free: { gb: Math.max(0, storageShort.freeGB) }, location: storageShort.location, host: storageShort.host })
                : '',
            }),
          },
        ],
      });
      continue;
    }
    const dest = best.c.dest;
    const l = ledger(dest);
    // Memory freed by the departures it waits for is used first (what it leaves over is not counted again).
    l.arrivingMB += Math.max(0, memoryMB - best.freed);
    l.arrivals += 1;
    addLink(dest, memoryMB + (best.c.decision.storageMoves ? facts.diskGB * 1024 : 0));
    l.departing = l.departing.filter((d) => !best.after.includes(d.index));
    const storage = best.c.storage?.target ?? null;
    if (storage && best.c.decision.storageMoves)
      storageTaken.set(storageTargetKey(dest, storage), (storageTaken.get(storageTargetKey(dest, storage)) ?? 0) + facts.diskGB);
    if (memoryMB > 0) ledger(facts.source).departing.push({ mb: memoryMB, index: placed.length });
    placed.push({
      ask,
      source: facts.source,
      dest,
      transferType: best.c.decision.type,
      storageMoves: best.c.decision.storageMoves,
      diskGB: facts.diskGB,
      rating: best.rating,
      after: best.after,
    });
  }
  return { placed, notPlaced };
}

/** Whether `d` is another node of `source`'s cluster. */
function sameClusterNode(d: Host, source: Host): boolean {
  return source.cluster !== null && d.cluster !== null && nameKey(d.cluster) === nameKey(source.cluster) && nameKey(d.name) !== nameKey(source.name);
}

/** Select Host's reasons across every host, one per code, naming the hosts it blocks. */
function mergedReasons(pool: readonly HostCandidate[]): Issue<ReasonCode | PlanReasonCode>[] {
  const byCode = new Map<ReasonCode, { hosts: string[]; reason: Text | string }>();
  for (const c of pool) {
    for (const r of c.reasons) {
      const e = byCode.get(r.code);
      if (e) e.hosts.push(c.dest.name);
      else byCode.set(r.code, { hosts: [c.dest.name], reason: r.text ?? r.message });
    }
  }
  if (byCode.size === 0) return [{ code: 'no-capacity-left', ...say('plan.reason.noOtherHost') }];
  return [...byCode.entries()].map(([code, e]) => ({
    code,
    ...(e.hosts.length === 1
      ? say('plan.reason.oneHost', { host: e.hosts[0], reason: e.reason })
      : sayPlural('plan.reason.manyHosts', e.hosts.length, { hosts: `${e.hosts.slice(0, 3).join(', ')}${e.hosts.length > 3 ? ', …' : ''}`, reason: e.reason })),
  }));
}
