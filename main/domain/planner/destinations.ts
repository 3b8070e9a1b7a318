import type { Host, Vm } from '../../../shared/model/inventory.js';
import type { Issue, ReasonCode, TransferType } from '../../../shared/model/placement.js';
import type { PlanReasonCode } from '../../../shared/model/plan.js';
import type { PlacementIndex } from '../placement/placement-index.js';
import { clamp01, headroomScore, ratingOfScore, RATING_WEIGHTS } from '../placement/rating.js';
import { blockedBeyond } from '../placement/blocking-reasons.js';
import { firstLookHosts, hostCandidates, storageDestinationOf, type HostCandidate } from '../placement/select-hosts.js';
import { quickDecision } from '../placement/transfer-type.js';
import { vmFacts, type VmFacts } from '../placement/vm-facts.js';
import { DEFAULT_DISK_RESERVE_MB, mbToGB } from '../storage-paths/amounts.js';
import { say, sayPlural, text, type Text } from '../../../shared/i18n/text.js';
import { nameKey, sameName } from '../storage-paths/names.js';
import { storageTargetKey, type StorageTarget } from '../storage-paths/storage-index.js';
import { isRunningForMigration } from '../storage-paths/vm-storage.js';
import { ruleReason } from '../placement/placement-rule-texts.js';
import type { RuleFinding } from '../placement/placement-rules.js';
import { askRules, leaderRule, sameNodeGroups, shapingRule, SOFT_CODES, type ShapingRule } from './plan-rules.js';
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

/** Reasons the planner's first look keeps a host for: memory is counted against the plan's own moves. */
const MEMORY: ReadonlySet<ReasonCode> = new Set(['insufficient-memory']);
/** The same for a Quick move, whose files stay where they are. */
const MEMORY_OR_STORAGE: ReadonlySet<ReasonCode> = new Set(['insufficient-memory', 'insufficient-storage']);

/** Every host (for hosts already filtered). */
const ANY_HOST = (): boolean => true;

/** The departures a move that fits without waiting waits for: none (one shared list, never changed). */
const NO_WAIT: number[] = [];

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
  /** The placement rule that shaped its destination, if any. */
  rule: ShapingRule | null;
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
  /** The sum of `departing`. */
  departingMB: number;
  arrivals: number;
}

/** How a plan places its VMs. */
export interface PlaceOptions {
  /** An evacuation: each VM tries its preferred owners first, in order (migration-rules.md section 8). */
  preferOwners?: boolean;
  /**
   * Stop weighing a VM's hosts at the first rating none left can reach (default true). False weighs every host: the
   * same placements, slower (the tests compare the two).
   */
  prune?: boolean;
}

/**
 * Places every ask in turn: pinned ones first (they are fixed), then the VMs of an availability set with no more
 * hosts to go to than the set has members (fewest first), then the others from the largest memory down (large VMs
 * are the hardest to fit), each on the best-rated host that still fits. The placement
 * rules are kept against the placements already made: a required rule is never broken, a soft one (an
 * availability set, a non-required affinity rule) only when no other host has room; VMs a `SameNode` rule
 * ties together move as one group to one host, or (required) none of them moves.
 */
export function placeAll(asks: readonly PlacementAsk[], index: PlacementIndex, options: PlaceOptions = {}): { placed: Placed[]; notPlaced: NotPlaced[] } {
  // A VM that had to land beside a VM of its availability set (every host it had room on had one) may have had its
  // hosts taken by VMs placed before it that could have gone elsewhere: it chooses first in another round. The round
  // with the fewest such VMs is kept (at most three rounds; most plans need one).
  let first: PlacementAsk[] = [];
  let kept: Placement | null = null;
  for (let round = 0; round < 3; round++) {
    const tried = placeOnce(asks, index, options, first);
    if (!kept || tried.forced.length < kept.forced.length) kept = tried;
    const again = tried.forced.filter((a) => !first.includes(a));
    if (tried.forced.length === 0 || again.length === 0) break;
    first = [...first, ...again];
  }
  const { placed, notPlaced } = kept as Placement;
  return { placed, notPlaced };
}

/** One round of placement, with the VMs that landed beside a VM of their availability set for want of another host. */
interface Placement {
  placed: Placed[];
  notPlaced: NotPlaced[];
  forced: PlacementAsk[];
}

/** One round of `placeAll`, placing the asks in `first` first (in that order), after the pinned ones. */
function placeOnce(asks: readonly PlacementAsk[], index: PlacementIndex, options: PlaceOptions, first: readonly PlacementAsk[]): Placement {
  const forced: PlacementAsk[] = [];
  // Keyed by the index's host objects (one per host): thousands of (VM, host) pairs look them up.
  let ledgers = new Map<Host, Ledger>();
  const ledger = (h: Host): Ledger => {
    let l = ledgers.get(h);
    if (!l) {
      l = { arrivingMB: 0, departing: [], departingMB: 0, arrivals: 0 };
      ledgers.set(h, l);
    }
    return l;
  };
  // Seconds of transfers each host's migration network has ahead of it (departures known from the start,
  // arrivals as they are placed): among equally rated hosts, the one that would finish the transfer first wins.
  let linkSeconds = new Map<Host, number>();
  const capacity = (h: Host): number => Math.max(1e-6, h.migrationNetwork.gbps) * MBPS_PER_GBPS * Math.max(1, h.migrationNetwork.nics) * TCP_EFFICIENCY;
  const addLink = (h: Host, mb: number): void => {
    linkSeconds.set(h, (linkSeconds.get(h) ?? 0) + mb / capacity(h));
  };
  for (const a of asks) {
    const source = index.storage.hosts.get(nameKey(a.vm.host));
    if (source) addLink(source, a.vm.memoryMB);
  }
  // GB promised on each storage location (local volume, cluster shared volume or share) to files arriving.
  let storageTaken = new Map<string, number>();
  // Where the plan has put VMs so far (VM name key → host), and the VMs it still has to place.
  const placements = new Map<string, string>();
  const pending = new Set(asks.map((a) => nameKey(a.vm.name)));
  const groups = sameNodeGroups(index.rules, asks);
  const groupOf = new Map(asks.map((a, i) => [a, groups.group[i]]));
  const requiredGroup = new Map(asks.map((a, i) => [a, groups.required[i]]));
  const runningMB = (a: PlacementAsk): number => (isRunningForMigration(a.vm) ? a.vm.memoryMB : 0);
  const groupMB = new Map<number, number>();
  for (const a of asks) groupMB.set(groupOf.get(a) as number, (groupMB.get(groupOf.get(a) as number) ?? 0) + a.vm.memoryMB);
  // A VM of an availability set with no more hosts to go to than its set has members goes first (with its SameNode
  // group): placed later, the other members could have taken every host it can use, and the set would share one.
  // Among those, the one with the fewest hosts first.
  const scarceGroups = new Map<number, number>();
  for (const a of asks) {
    const hosts = scarceHosts(a, index);
    const g = groupOf.get(a) as number;
    if (hosts !== null) scarceGroups.set(g, Math.min(hosts, scarceGroups.get(g) ?? Infinity));
  }
  const scarcity = (a: PlacementAsk): number => scarceGroups.get(groupOf.get(a) as number) ?? Infinity;
  // The VMs to place first, with their SameNode groups.
  const firstOf = new Map<number, number>();
  first.forEach((a, i) => {
    const g = groupOf.get(a);
    if (g !== undefined && !firstOf.has(g)) firstOf.set(g, i);
  });
  const firstRank = (a: PlacementAsk): number => firstOf.get(groupOf.get(a) as number) ?? first.length;
  const ordered = [...asks].sort(
    (a, b) =>
      Number(b.pinned !== null) - Number(a.pinned !== null) ||
      firstRank(a) - firstRank(b) ||
      (scarcity(a) === scarcity(b) ? 0 : scarcity(a) < scarcity(b) ? -1 : 1) ||
      (groupMB.get(groupOf.get(b) as number) ?? 0) - (groupMB.get(groupOf.get(a) as number) ?? 0) ||
      (groupOf.get(a) as number) - (groupOf.get(b) as number) ||
      b.vm.memoryMB - a.vm.memoryMB ||
      a.order - b.order,
  );
  const placed: Placed[] = [];
  const notPlaced: NotPlaced[] = [];

  const placeOne = (ask: PlacementAsk, groupExtraMB: number): NotPlaced | null => {
    const facts = vmFacts(ask.vm, index);
    if (!facts) {
      return {
        ask,
        host: ask.vm.host,
        reasons: [{ code: 'host-not-found', ...say('plan.reason.hostMissing', { vm: ask.vm.name, host: ask.vm.host }) }],
      };
    }
    const memoryMB = facts.running ? ask.vm.memoryMB : 0;
    // The first VM of a SameNode group chooses for the group: its host must have room for all of them.
    const needMB = memoryMB + groupExtraMB;
    const rules = askRules(index.rules, ask, placements, pending);
    const findings = new Map<Host, RuleFinding[]>();
    const findingsAt = (d: Host): RuleFinding[] => {
      if (!rules) return [];
      let f = findings.get(d);
      if (!f) findings.set(d, (f = rules.at(d)));
      return f;
    };
    // Hosts that can't take it even before other moves are counted are skipped cheaply; their reasons
    // are worked out only when no host is left.
    const pinned = ask.pinned === null ? null : nameKey(ask.pinned);
    const departing = (d: Host): number => ledgers.get(d)?.departingMB ?? 0;
    const fitsNow = (d: Host): boolean =>
      (ask.pinned === null || sameName(d.name, ask.pinned)) &&
      d.state === 'Responding' &&
      !d.maintenanceMode &&
      (!ask.quick || sameClusterNode(d, facts.source)) &&
      d.memory.availableMB - d.memory.reserveMB + departing(d) >= memoryMB &&
      (!facts.running || d.cpu.vendor === facts.source.cpu.vendor);
    // Memory is checked below, against what earlier moves take and free; every other rule is Select Host's,
    // and the placement rules against this plan's placements (never the inventory's alone).
    const withRules = (list: HostCandidate[]): HostCandidate[] =>
      !rules
        ? list
        : list.map((c) => {
            const own = c.reasons.filter((r) => r.code !== 'not-possible-owner' && r.code !== 'affinity-rule');
            const ruled = findingsAt(c.dest)
              .map(ruleReason)
              .filter((r): r is NonNullable<typeof r> => r !== null);
            return own.length === c.reasons.length && ruled.length === 0 ? c : { ...c, reasons: [...own, ...ruled] };
          });
    const blocked = (c: HostCandidate): boolean => c.reasons.some((r) => r.code !== 'insufficient-memory');
    // A Quick move copies nothing: the VM's files stay on its cluster's storage.
    const poolOf = (consider: (d: Host) => boolean, onlyBlockedBy?: ReadonlySet<ReasonCode>): HostCandidate[] => {
      const list = withRules(hostCandidates(facts, index, {}, consider, onlyBlockedBy));
      return ask.quick
        ? list.map((c) => ({
            ...c,
            decision: quickDecision(facts, c.dest),
            storage: null,
            reasons: c.reasons.filter((r) => r.code !== 'insufficient-storage'),
          }))
        : list;
    };
    const preferRank = (d: Host): number => {
      if (!options.preferOwners || !rules || rules.preferred.length === 0) return 0;
      const at = rules.preferred.indexOf(nameKey(d.name));
      return at === -1 ? rules.preferred.length : at;
    };
    // What weighing found: the best host so far, and for the sentence when none has room, the fullest host and the shortest storage.
    const found: {
      best: { c: HostCandidate; score: number; rating: number; freed: number; after: number[]; finish: number; soft: boolean; rank: number } | null;
      fullest: { host: string; freeMB: number } | null;
      storageShort: { host: string; location: string; freeGB: number } | null;
    } = { best: null, fullest: null, storageShort: null };
    const fitting: HostCandidate[] = [];
    /** Weighs a host nothing but memory blocks: whether it has room once the plan's moves are counted, and whether it is the best so far. */
    const weigh = (c: HostCandidate): void => {
      const l = ledger(c.dest);
      const reserve = c.dest.memory.reserveMB;
      const free = c.dest.memory.availableMB - l.arrivingMB;
      let after: number[] = NO_WAIT;
      let freed = 0;
      if (free - reserve < needMB) {
        // Fits only once departures free memory: wait for just enough of them.
        after = [];
        for (const d of l.departing) {
          if (free + freed - reserve >= needMB) break;
          freed += d.mb;
          after.push(d.index);
        }
        if (free + freed - reserve < needMB) {
          if (!found.fullest || free > found.fullest.freeMB) found.fullest = { host: c.dest.name, freeMB: free - reserve };
          return;
        }
      }
      const storage = c.storage?.target ?? null;
      const movingGB = c.decision.storageMoves ? facts.diskGB : 0;
      const takenGB = storage ? (storageTaken.get(targetKey(c.dest, storage)) ?? 0) : 0;
      if (storage && movingGB > 0 && storage.freeGB - takenGB - movingGB < mbToGB(DEFAULT_DISK_RESERVE_MB)) {
        if (!found.storageShort || storage.freeGB - takenGB > found.storageShort.freeGB)
          found.storageShort = { host: c.dest.name, location: storage.root, freeGB: storage.freeGB - takenGB };
        return;
      }
      fitting.push(c);
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
      const ruled = findingsAt(c.dest);
      // A soft rule is kept whenever another host has room; a host that is not a preferred owner loses half a star.
      const soft = ruled.some((f) => SOFT_CODES.has(f.code));
      const rank = preferRank(c.dest);
      const rating = ruled.some((f) => f.code === 'not-preferred-owner') ? Math.max(0.5, h.rating - 0.5) : h.rating;
      const finish = (linkSeconds.get(c.dest) ?? 0) + (memoryMB + movingGB * 1024) / capacity(c.dest);
      // Soft rules kept first, then (evacuations) preferred owners in order; then found.best rating; among equals,
      // fewer departures to wait for, then the host whose link finishes the transfer first, then the emptier
      // host, then the name.
      const better =
        !found.best ||
        (soft !== found.best.soft
          ? !soft
          : rank !== found.best.rank
            ? rank < found.best.rank
            : rating > found.best.rating ||
              (rating === found.best.rating &&
                (after.length < found.best.after.length ||
                  (after.length === found.best.after.length &&
                    (finish < found.best.finish - 1e-9 ||
                      (Math.abs(finish - found.best.finish) <= 1e-9 &&
                        (h.score > found.best.score || (h.score === found.best.score && c.dest.name < found.best.c.dest.name))))))));
      if (better) found.best = { c, score: h.score, rating, freed, after, finish, soft, rank };
    };
    // Rules that kept it off a host it had room on: the move row says which rule shaped it.
    const avoided: RuleFinding[] = [];
    // A VM without placement rules, placed anywhere: the hosts are weighed from the highest rating they could get
    // down, and the look stops at the first rating no host left could reach (those hosts can't be the found.best).
    if (options.prune !== false && !rules && !ask.quick && ask.pinned === null) {
      for (const hosts of byRatingBound(firstLookHosts(facts, index, MEMORY), fitsNow, facts, memoryMB, departing, index)) {
        if (found.best && hosts.bound < found.best.rating) break;
        // byRatingBound kept only the hosts fitsNow lets it go to.
        for (const c of hostCandidates(facts, index, {}, ANY_HOST, MEMORY, hosts.hosts)) weigh(c);
      }
      if (!found.best) {
        found.fullest = null;
        found.storageShort = null;
        fitting.length = 0;
      }
    }
    if (!found.best) {
      // First the hosts nothing but memory keeps it off (the others' reasons are worked out only if it is reported).
      let pool = poolOf(fitsNow, ask.quick ? MEMORY_OR_STORAGE : MEMORY);
      let whole = false;
      const wholePool = (): HostCandidate[] => (whole ? pool : poolOf(fitsNow));
      if (!pool.some((c) => !blocked(c))) {
        pool = poolOf((d) => (pinned === null || nameKey(d.name) === pinned) && (!ask.quick || sameClusterNode(d, facts.source)));
        whole = true;
      }
      if (ask.pinned !== null && pool.length === 0) {
        const already = nameKey(ask.pinned) === nameKey(facts.source.name);
        return {
          ask,
          host: facts.source.name,
          reasons: [
            already
              ? { code: 'already-there', ...say('plan.reason.alreadyThere', { vm: ask.vm.name, host: facts.source.name }) }
              : { code: 'host-not-found', ...say('plan.reason.noSuchHost', { host: ask.pinned }) },
          ],
        };
      }
      const open = pool.filter((c) => !blocked(c));
      if (open.length === 0) return { ask, host: facts.source.name, reasons: mergedReasons(pool) };
      for (const c of pool) {
        if (!c.reasons.some((r) => r.code === 'not-possible-owner' || r.code === 'affinity-rule')) continue;
        if (c.reasons.some((r) => r.code !== 'not-possible-owner' && r.code !== 'affinity-rule' && r.code !== 'insufficient-memory')) continue;
        avoided.push(...findingsAt(c.dest).filter((f) => f.blocking));
      }
      for (const c of open) weigh(c);
      if (!found.best && open.every((c) => c.reasons.length > 0 && (ledgers.get(c.dest)?.arrivals ?? 0) === 0)) {
        // Short of memory before any other move is counted: Select Host's own reasons say it found.best.
        return { ask, host: facts.source.name, reasons: mergedReasons(wholePool()) };
      }
      if (!found.best) {
        return {
          ask,
          host: facts.source.name,
          reasons: [
            {
              code: 'no-capacity-left',
              ...say('plan.reason.noRoom', {
                vm: ask.vm.name,
                needs:
                  facts.diskGB > 0
                    ? text('plan.needs.memoryFiles', { memory: { mb: needMB }, files: { gb: facts.diskGB } })
                    : text('plan.needs.memory', { memory: { mb: needMB } }),
                memory: found.fullest ? text('plan.noRoom.memory', { free: { mb: Math.max(0, found.fullest.freeMB) }, host: found.fullest.host }) : '',
                storage: found.storageShort
                  ? text('plan.noRoom.storage', {
                      free: { gb: Math.max(0, found.storageShort.freeGB) },
                      location: found.storageShort.location,
                      host: found.storageShort.host,
                    })
                  : '',
              }),
            },
          ],
        };
      }
    }
    if (!found.best) throw new Error(`${ask.vm.name}: no host was weighed`);
    const best = found.best;
    const dest = best.c.dest;
    if (rules) for (const c of fitting) if (c.dest !== dest) avoided.push(...findingsAt(c.dest).filter((f) => SOFT_CODES.has(f.code)));
    const preferredChosen =
      options.preferOwners && rules && best.rank < rules.preferred.length
        ? (fitting.flatMap((c) => findingsAt(c.dest)).find((f) => f.code === 'not-preferred-owner') ?? null)
        : null;
    const l = ledger(dest);
    // Memory freed by the departures it waits for is used first (what it leaves over is not counted again).
    l.arrivingMB += Math.max(0, memoryMB - best.freed);
    l.arrivals += 1;
    addLink(dest, memoryMB + (best.c.decision.storageMoves ? facts.diskGB * 1024 : 0));
    const waitsFor = best.after;
    l.departing = l.departing.filter((d) => !waitsFor.includes(d.index));
    l.departingMB = l.departing.reduce((sum, d) => sum + d.mb, 0);
    const storage = best.c.storage?.target ?? null;
    if (storage && best.c.decision.storageMoves) storageTaken.set(targetKey(dest, storage), (storageTaken.get(targetKey(dest, storage)) ?? 0) + facts.diskGB);
    if (memoryMB > 0) {
      const from = ledger(facts.source);
      from.departing.push({ mb: memoryMB, index: placed.length });
      from.departingMB += memoryMB;
    }
    placements.set(nameKey(ask.vm.name), dest.name);
    if (best.soft && findingsAt(dest).some((f) => f.code === 'availability-set')) forced.push(ask);
    placed.push({
      ask,
      source: facts.source,
      dest,
      transferType: best.c.decision.type,
      storageMoves: best.c.decision.storageMoves,
      diskGB: facts.diskGB,
      rating: best.rating,
      after: best.after,
      rule: shapingRule(findingsAt(dest), avoided, preferredChosen),
    });
    return null;
  };

  for (let i = 0; i < ordered.length;) {
    const g = groupOf.get(ordered[i]) as number;
    let j = i;
    while (j < ordered.length && groupOf.get(ordered[j]) === g) j++;
    const members = ordered.slice(i, j);
    i = j;
    if (members.length === 1) {
      const miss = placeOne(members[0], 0);
      if (miss) notPlaced.push(miss);
      pending.delete(nameKey(members[0].vm.name));
      continue;
    }
    // A SameNode group: the first chooses a host with room for all; the others follow it (the rule binds them).
    const saved = {
      ledgers: new Map([...ledgers].map(([k, v]) => [k, { ...v, departing: [...v.departing] }])),
      linkSeconds: new Map(linkSeconds),
      storageTaken: new Map(storageTaken),
      placed: placed.length,
    };
    const misses: NotPlaced[] = [];
    for (const [n, ask] of members.entries()) {
      const extra = n === 0 ? members.slice(1).reduce((sum, m) => sum + runningMB(m), 0) : 0;
      const miss = placeOne(ask, extra);
      if (miss) misses.push(miss);
    }
    if (misses.length > 0 && requiredGroup.get(members[0])) {
      // A required SameNode rule: unless all of them move to one host, none does.
      ledgers = saved.ledgers;
      linkSeconds = saved.linkSeconds;
      storageTaken = saved.storageTaken;
      const undone = placed.splice(saved.placed);
      for (const u of undone) placements.delete(nameKey(u.ask.vm.name));
      const why = misses[0];
      for (const ask of members) {
        const own = misses.find((m) => m.ask === ask);
        notPlaced.push(own ?? { ask, host: ask.vm.host, reasons: [togetherReason(ask, why)] });
      }
    } else {
      notPlaced.push(...misses);
      // The first of the group chose the host for all: its row names the rule too.
      const group = placed.slice(saved.placed);
      const leader = group[0];
      if (leader && !leader.rule && group.length > 1) leader.rule = leaderRule(index.rules, leader, group.slice(1));
    }
    for (const ask of members) pending.delete(nameKey(ask.vm.name));
  }
  return { placed, notPlaced, forced };
}

/** The reason a VM of a required SameNode group stays: another VM of its group can't move with it. */
function togetherReason(ask: PlacementAsk, why: NotPlaced): Issue<ReasonCode | PlanReasonCode> {
  return {
    code: 'affinity-rule',
    ...say('plan.reason.keptTogether', { vm: ask.vm.name, other: why.ask.vm.name, reason: why.reasons[0]?.text ?? why.reasons[0]?.message ?? '' }),
  };
}

/**
 * The hosts `fits` lets a VM go to, grouped by the highest rating each could give it (memory free counting every
 * departure and no arrival, its CPU, and its default location's free space with nothing else landing there), from
 * the highest bound down. A host's rating in the plan never exceeds its bound: the rating only grows with free
 * memory and space (rating.ts), and rounds in order.
 */
function byRatingBound(
  hosts: readonly Host[],
  fits: (d: Host) => boolean,
  facts: VmFacts,
  memoryMB: number,
  departing: (d: Host) => number,
  index: PlacementIndex,
): { bound: number; hosts: Host[] }[] {
  const groups = new Map<number, Host[]>();
  const w0 = RATING_WEIGHTS.withoutStorage;
  const w1 = RATING_WEIGHTS.withStorage;
  for (const d of hosts) {
    if (d === facts.source || !fits(d)) continue;
    const total = d.memory.totalMB;
    const memory = total > 0 ? clamp01((d.memory.availableMB + departing(d) - d.memory.reserveMB - memoryMB) / total) : 0;
    const cpu = clamp01((100 - d.cpu.usagePercent) / 100);
    let score = w0.memory * memory + w0.cpu * cpu;
    const target = facts.diskGB > 0 ? (storageDestinationOf(d, index)?.target ?? null) : null;
    if (target)
      score = Math.max(score, w1.memory * memory + w1.cpu * cpu + w1.storage * (target.capacityGB > 0 ? clamp01(target.freeGB / target.capacityGB) : 0));
    const bound = ratingOfScore(score);
    const group = groups.get(bound);
    if (group) group.push(d);
    else groups.set(bound, [d]);
  }
  return [...groups.entries()].sort((a, b) => b[0] - a[0]).map(([bound, list]) => ({ bound, hosts: list }));
}

/**
 * For a VM to place anywhere that is in an availability set: the hosts it could go to (those Select Host's checks
 * that need no transfer decision leave open, memory aside) when they are no more than its largest set has members;
 * else null.
 */
function scarceHosts(ask: PlacementAsk, index: PlacementIndex): number | null {
  const sets = ask.vm.availabilitySets;
  if (!sets?.length || ask.pinned !== null || ask.quick) return null;
  const members = Math.max(...sets.map((s) => index.rules.sets.get(nameKey(s))?.length ?? 0));
  const facts = vmFacts(ask.vm, index);
  if (!facts) return null;
  const pair = { facts, dest: facts.source, decision: null, storage: null, diskReserveMB: DEFAULT_DISK_RESERVE_MB, index };
  let open = 0;
  for (const dest of index.inventory.hosts) {
    if (dest === facts.source) continue;
    pair.dest = dest;
    if (!blockedBeyond(pair, MEMORY) && ++open > members) return null;
  }
  return open;
}

/** Storage keys by target: a host's default location is one target object, looked up for thousands of VMs. */
const targetKeys = new WeakMap<StorageTarget, string>();

/** The key of the storage location `target` is on `host` (a CSV is one location for all its nodes). */
function targetKey(host: Host, target: StorageTarget): string {
  let k = targetKeys.get(target);
  if (k === undefined) targetKeys.set(target, (k = storageTargetKey(host, target)));
  return k;
}

/** Whether `d` is another node of `source`'s cluster. */
function sameClusterNode(d: Host, source: Host): boolean {
  return source.cluster !== null && d.cluster !== null && sameName(d.cluster, source.cluster) && !sameName(d.name, source.name);
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
