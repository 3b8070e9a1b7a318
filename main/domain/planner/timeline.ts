import type { Host, PerformanceOption } from '../../../shared/model/inventory.js';
import type { MoveKind } from '../../../shared/model/job.js';
import { slotsNeeded, type HostLimits, type SlotNeed } from '../../../shared/model/migration-slots.js';
import { decideDispatch, type ScheduledMove } from '../scheduler/dispatch.js';
import { linkEstimate } from '../simulation/link-model.js';
import { moveRates } from '../simulation/migration-model.js';
import { moveAdvance, moveDone, moveStart, type MovePlan, type MoveRates, type MoveState } from '../simulation/move-engine.js';
import { usesMigrationNetwork } from '../simulation/move-phases.js';
import { nameKey } from '../storage-paths/names.js';

/**
 * Plays a set of moves forward in time the way Ferry's scheduler would run them: moves are submitted
 * in the given order and start by the same slot rules (`decideDispatch`, migration-rules.md
 * section 4); a move with `after` or `follows` starts only once those moves have ended. Each move
 * runs the migration model's engine; each host's migration network is shared fairly by the moves on it
 * (a move gets the least of its stream rate and its share at either end), and whenever a move starts
 * or ends, the rates of the moves on its hosts' links are worked out again (the simulator connector
 * does the same). Event-driven: between two events every rate is constant, so each move's end is
 * known exactly and nothing is stepped by a clock.
 *
 * With link admission the timeline also holds moves back while their links are full, and says which
 * move each held one `follows`: replayed with those follows and no admission (what the scheduler does
 * with a run's jobs), it takes the same decisions (timeline.test.ts checks this on random moves).
 */

/** A move to play. */
export interface TimelineMove {
  id: string;
  kind: MoveKind;
  source: Host;
  destination: Host;
  option: PerformanceOption;
  plan: MovePlan;
  /** Ids of moves that must end first. */
  after: readonly string[];
  /** Ids of moves that must end (however they end) before this one starts: the plan's own order on a busy link. */
  follows?: readonly string[];
  /** With link admission: the share of each end's migration network it keeps busy alone (0 to 1). */
  linkLoad?: { source: number; destination: number };
}

/** How a timeline is played. */
export interface PlayOptions {
  /** A what-if bandwidth cap on every host's migration network, Gbps. */
  capGbps?: number | null;
  /**
   * Keep a network move out of the scheduler's sight until each of its ends has room for it (the
   * running moves' loads there plus its own at most 1, or nothing else running there), so links are
   * not shared by more streams than they carry at full rate. Once in sight a move stays in, as a move
   * whose `follows` have ended does for the scheduler. What a held move waited for is returned as
   * `follows`.
   */
  linkAdmission?: boolean;
}

/** A played timeline. */
export interface Played {
  entries: Map<string, TimelineEntry>;
  /** With `linkAdmission`: for each move held for room on a link, the move whose end let it start. */
  follows: Map<string, string>;
  makespan: number;
}

/** When a move ran and what it did. */
export interface TimelineEntry {
  start: number;
  end: number;
  downtimeSeconds: number;
  sentMB: number;
  passes: number;
}

/**
 * Plays the moves; answers when each ran. Throws when a move can never start (a slot limit of 0 on
 * its host, or an `after` that is not in the list): the caller leaves such moves out first.
 */
export function playTimeline(moves: readonly TimelineMove[], limitsOf: (host: string) => HostLimits, options: PlayOptions = {}): Played {
  const capGbps = options.capGbps ?? null;
  const entries = new Map<string, TimelineEntry>();
  const follows = new Map<string, string>();
  const capped = (h: Host): Host =>
    capGbps !== null && capGbps < h.migrationNetwork.gbps ? { ...h, migrationNetwork: { ...h.migrationNetwork, gbps: capGbps } } : h;
  // Each host slot's use, so moves that can't start this time are left out of the scheduler's decision cheaply.
  const slotUse = new Map<string, SlotUse>();
  const useOf = (need: SlotNeed): SlotUse => {
    const k = `${nameKey(need.host)}\u0000${need.kind}`;
    let u = slotUse.get(k);
    if (!u) {
      u = { inUse: 0, limit: Math.max(0, limitsOf(need.host)[need.kind]) };
      slotUse.set(k, u);
    }
    return u;
  };
  const onLink = new Map<string, Link>();
  const link = (h: string): Link => {
    let l = onLink.get(h);
    if (!l) {
      l = { moves: new Set(), load: 0 };
      onLink.set(h, l);
    }
    return l;
  };
  // Each move's needs with their slots, so a decision finds a slot without building its key.
  const slotOfNeed = new Map<SlotNeed, SlotUse>();
  const items = moves.map((move): Item => {
    const needs = slotsNeeded(move.kind, move.source.name, move.destination.name) as SlotNeed[];
    for (const n of needs) slotOfNeed.set(n, useOf(n));
    const network = usesMigrationNetwork(move.kind);
    const source = capped(move.source);
    const destination = capped(move.destination);
    const src = link(nameKey(move.source.name));
    const dst = link(nameKey(move.destination.name));
    const alone =
      network && options.linkAdmission
        ? (move.linkLoad ?? linkEstimate({ source, destination, option: move.option, sharedBy: 1, sharedAt: { source: 1, destination: 1 } }).endLoad)
        : null;
    return {
      move,
      scheduled: { id: move.id, needs },
      slots: needs.map(useOf),
      source,
      destination,
      src,
      dst,
      links: network ? (src === dst ? [src] : [src, dst]) : [],
      load: alone ? (src === dst ? [alone.source] : [alone.source, alone.destination]) : [],
      waitingFor: 0,
      dependents: [],
      held: false,
      inSight: false,
      running: null,
    };
  });
  const byId = new Map(items.map((i) => [i.move.id, i]));
  for (const item of items) {
    for (const d of [...item.move.after, ...(item.move.follows ?? [])]) {
      const dep = byId.get(d);
      if (!dep) throw new Error(`move ${item.move.id} (${item.move.kind}) can never start: it waits for a move that is not planned`);
      item.waitingFor += 1;
      dep.dependents.push(item);
    }
  }
  /** Moves not started, in submission order. */
  const queue = [...items];
  const running = new Set<Item>();
  const hasRoom = (item: Item): boolean => {
    for (let k = 0; k < item.links.length; k++) {
      const l = item.links[k];
      if (l.moves.size !== 0 && l.load + item.load[k] > 1 + 1e-9) return false;
    }
    return true;
  };
  /** Whether link admission holds a move back now (and marks it as held). */
  const holds = (i: Item): boolean => {
    if (!options.linkAdmission || i.inSight || !i.links.length || hasRoom(i)) return false;
    i.held = true;
    return true;
  };
  const ratesOf = (item: Item): MoveRates => {
    const network = item.links.length > 0;
    const sharedAt = { source: network ? Math.max(1, item.src.moves.size) : 1, destination: network ? Math.max(1, item.dst.moves.size) : 1 };
    const est = linkEstimate({
      source: item.source,
      destination: item.destination,
      option: item.move.option,
      sharedBy: Math.max(sharedAt.source, sharedAt.destination),
      sharedAt,
    });
    return moveRates(est, item.move.plan.constants);
  };
  /** Works out a running move's rates again at `t` (unless they stay the same) and when it ends. */
  const reRate = (i: Item, t: number): void => {
    const r = i.running as Run;
    const rates = ratesOf(i);
    // A move held to its stream's rate keeps it whoever joins or leaves: nothing to work out again.
    if (
      r.at < t &&
      rates.memory === r.rates.memory &&
      rates.storage === r.rates.storage &&
      rates.disk === r.rates.disk &&
      rates.stopAndCopy === r.rates.stopAndCopy
    )
      return;
    if (r.at < t) r.state = moveAdvance(i.move.plan, r.state, t - r.at, r.rates);
    r.at = t;
    r.rates = rates;
    r.end = moveAdvance(i.move.plan, r.state, Infinity, rates);
    r.endsAt = t + r.end.elapsedSeconds - r.state.elapsedSeconds;
  };
  /** Every move on these links, whose rates change when a move on them starts or ends. */
  const reRateOn = (links: Iterable<Link>, t: number): void => {
    const touched = new Set<Item>();
    for (const l of links) for (const i of l.moves) touched.add(i);
    for (const i of touched) reRate(i, t);
  };

  let t = 0;
  let lastDone: Item | null = null;
  const considered: Item[] = [];
  const roomy: Item[] = [];
  /** A move in sight from now on: one held before came into sight when the move that just ended made room. */
  const comeIntoSight = (i: Item): void => {
    if (i.inSight) return;
    i.inSight = true;
    if (i.held && lastDone) follows.set(i.move.id, lastDone.move.id);
  };
  /**
   * One scheduling decision at `t`: what may start does. With link admission a move stays out of sight
   * until its links have room for it; from the first decision it takes part in, it stays in (as a
   * move whose `follows` have ended does for the scheduler), so a replay with those follows takes
   * the same decisions. A move the decision starts that a move started just before it left no room for
   * is held back, and the decision is taken again without it (a decision that held one back has
   * started at least one move, so this ends).
   */
  const decide = (): void => {
    for (;;) {
      considered.length = 0;
      roomy.length = 0;
      // A move with a slot already full can't start now, and only the first such move changes what
      // later ones may do (the oldest waiting move holds its place on all its slots): the others are
      // left out of the decision, which then starts exactly what it would have started with them.
      let firstFull = true;
      // Moves started by earlier decisions leave the queue as it is read (in place: this runs at every event).
      let w = 0;
      for (let r = 0; r < queue.length; r++) {
        const i = queue[r];
        if (i.running !== null) continue;
        queue[w++] = i;
        if (i.waitingFor > 0 || holds(i)) continue;
        if (!i.inSight) roomy.push(i);
        if (slotFull(i)) {
          if (!firstFull) continue;
          firstFull = false;
        }
        considered.push(i);
      }
      queue.length = w;
      const decision = considered.length
        ? decideDispatch(
            considered.map((i) => i.scheduled),
            (need) => (slotOfNeed.get(need) ?? useOf(need)).inUse,
            limitsOf,
          )
        : { start: [] as string[] };
      const linksChanged = new Set<Link>();
      let heldBack = false;
      for (const id of decision.start) {
        const item = byId.get(id) as Item;
        if (holds(item)) {
          heldBack = true;
          break;
        }
        comeIntoSight(item);
        const state = moveStart(item.move.plan);
        item.running = { state, end: state, at: t, rates: { memory: 1, storage: 1, disk: 1 }, endsAt: t, start: t };
        running.add(item);
        for (const u of item.slots) u.inUse += 1;
        item.links.forEach((l, k) => {
          l.moves.add(item);
          l.load += item.load[k] ?? 0;
          linksChanged.add(l);
        });
        if (item.links.length === 0) reRate(item, t);
      }
      reRateOn(linksChanged, t);
      if (heldBack) continue;
      for (const i of roomy) comeIntoSight(i);
      return;
    }
  };

  for (;;) {
    decide();
    if (running.size === 0) {
      if (queue.length === 0) break;
      const stuck = queue[0];
      throw new Error(
        `move ${stuck.move.id} (${stuck.move.kind}) can never start: ${stuck.waitingFor > 0 ? 'it waits for moves that can never end' : 'a host it needs has a slot limit of 0'}`,
      );
    }
    let done: Item | null = null;
    for (const i of running) if (!done || (i.running as Run).endsAt < (done.running as Run).endsAt) done = i;
    const d = done as Item;
    const r = d.running as Run;
    t = r.endsAt;
    const end = r.end;
    if (!moveDone(end)) throw new Error(`move ${d.move.id} did not finish`);
    entries.set(d.move.id, { start: r.start, end: t, downtimeSeconds: end.downtimeSeconds, sentMB: end.sentMB, passes: end.precopy.length });
    running.delete(d);
    for (const u of d.slots) u.inUse -= 1;
    d.links.forEach((l, k) => {
      l.moves.delete(d);
      l.load = l.moves.size ? l.load - (d.load[k] ?? 0) : 0;
    });
    for (const dep of d.dependents) dep.waitingFor -= 1;
    lastDone = d;
    reRateOn(d.links, t);
  }
  let makespan = 0;
  for (const e of entries.values()) makespan = Math.max(makespan, e.end);
  return { entries, follows, makespan };
}

/** Whether a slot the move needs is full now. */
function slotFull(i: Item): boolean {
  for (const u of i.slots) if (u.inUse >= u.limit) return true;
  return false;
}

interface SlotUse {
  inUse: number;
  limit: number;
}

/** A host's migration network: the moves on it, and the share of it they keep busy alone. */
interface Link {
  moves: Set<Item>;
  load: number;
}

interface Run {
  state: MoveState;
  /** Simulated time `state` is at. */
  at: number;
  /** Where it ends at `rates`. */
  end: MoveState;
  rates: MoveRates;
  endsAt: number;
  start: number;
}

interface Item {
  move: TimelineMove;
  scheduled: ScheduledMove;
  /** Its slots' use, one per need. */
  slots: SlotUse[];
  /** Its ends, with any what-if cap applied. */
  source: Host;
  destination: Host;
  /** Its ends' migration networks. */
  src: Link;
  dst: Link;
  /** The migration networks it uses (none for a move within one host's storage). */
  links: Link[];
  /** Its `linkLoad` on each of `links`, with link admission. */
  load: number[];
  /** Dependencies not yet ended. */
  waitingFor: number;
  dependents: Item[];
  /** Held at least once for room on a link. */
  held: boolean;
  /** Taken part in a scheduling decision, with link admission: never held again. */
  inSight: boolean;
  running: Run | null;
}
