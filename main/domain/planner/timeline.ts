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
 * section 4); a move with `after` starts only once those moves have ended. Each move runs the
 * migration model's engine; each host's migration network is shared fairly by the moves on it (a move
 * gets the least of its stream rate and its share at either end), and whenever a move starts or ends, the rates of the moves on its hosts' links are worked out again (the simulator connector
 * does the same). Event-driven: between two events every rate is constant, so each move's end is
 * known exactly and nothing is stepped by a clock.
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
}

/** When a move ran and what it did. */
export interface TimelineEntry {
  start: number;
  end: number;
  downtimeSeconds: number;
  sentMB: number;
  passes: number;
}

interface Running {
  move: TimelineMove;
  state: MoveState;
  /** Simulated time `state` is at. */
  at: number;
  rates: MoveRates;
  endsAt: number;
  start: number;
  hosts: string[];
}

/** How long a move in `state` still takes at `rates`. */
function timeLeft(plan: MovePlan, state: MoveState, rates: MoveRates): number {
  return moveAdvance(plan, state, Infinity, rates).elapsedSeconds - state.elapsedSeconds;
}

/**
 * Plays the moves; answers when each ran. Throws when a move can never start (a slot limit of 0 on
 * its host, or an `after` that is not in the list): the caller leaves such moves out first.
 */
export function playTimeline(moves: readonly TimelineMove[], limitsOf: (host: string) => HostLimits, capGbps: number | null = null): Map<string, TimelineEntry> {
  const out = new Map<string, TimelineEntry>();
  const scheduled = new Map<string, ScheduledMove>(moves.map((m) => [m.id, { id: m.id, needs: slotsNeeded(m.kind, m.source.name, m.destination.name) as SlotNeed[] }]));
  const byId = new Map(moves.map((m) => [m.id, m]));
  let queue = [...moves];
  const running = new Map<string, Running>();
  const onLink = new Map<string, Set<Running>>();
  const linkHosts = (m: TimelineMove): string[] => (usesMigrationNetwork(m.kind) ? [...new Set([nameKey(m.source.name), nameKey(m.destination.name)])] : []);
  const capped = (h: Host): Host => (capGbps !== null && capGbps < h.migrationNetwork.gbps ? { ...h, migrationNetwork: { ...h.migrationNetwork, gbps: capGbps } } : h);
  const ratesOf = (r: Running): MoveRates => {
    const count = (h: Host): number => (r.hosts.length ? Math.max(1, onLink.get(nameKey(h.name))?.size ?? 1) : 1);
    const sharedAt = { source: count(r.move.source), destination: count(r.move.destination) };
    const link = linkEstimate({ source: capped(r.move.source), destination: capped(r.move.destination), option: r.move.option, sharedBy: Math.max(sharedAt.source, sharedAt.destination), sharedAt });
    return moveRates(link, r.move.plan.constants);
  };
  /** Moves whose rates change when a move on `hosts` starts or ends: every move on those links. */
  const reRate = (hosts: readonly string[], t: number): void => {
    const touched = new Set<Running>();
    for (const h of hosts) for (const r of onLink.get(h) ?? []) touched.add(r);
    for (const r of touched) {
      r.state = moveAdvance(r.move.plan, r.state, t - r.at, r.rates);
      r.at = t;
      r.rates = ratesOf(r);
      r.endsAt = t + timeLeft(r.move.plan, r.state, r.rates);
    }
  };

  let t = 0;
  for (;;) {
    const ready = queue.filter((m) => m.after.every((a) => out.has(a)));
    const decision = decideDispatch(ready.map((m) => scheduled.get(m.id) as ScheduledMove), [...running.keys()].map((id) => scheduled.get(id) as ScheduledMove), limitsOf);
    if (decision.start.length) {
      const starting = new Set(decision.start);
      queue = queue.filter((m) => !starting.has(m.id));
      const hostsChanged = new Set<string>();
      for (const id of decision.start) {
        const move = byId.get(id) as TimelineMove;
        const r: Running = { move, state: moveStart(move.plan), at: t, rates: { memory: 1, storage: 1, disk: 1 }, endsAt: t, start: t, hosts: linkHosts(move) };
        running.set(id, r);
        for (const h of r.hosts) {
          const set = onLink.get(h) ?? new Set<Running>();
          set.add(r);
          onLink.set(h, set);
          hostsChanged.add(h);
        }
        if (r.hosts.length === 0) {
          r.rates = ratesOf(r);
          r.endsAt = t + timeLeft(move.plan, r.state, r.rates);
        }
      }
      reRate([...hostsChanged], t);
    }
    if (running.size === 0) {
      if (queue.length === 0) return out;
      const stuck = queue[0];
      throw new Error(`move ${stuck.id} (${stuck.kind}) can never start: ${stuck.after.some((a) => !byId.has(a)) ? 'it waits for a move that is not planned' : 'a host it needs has a slot limit of 0'}`);
    }
    let next: Running | null = null;
    for (const r of running.values()) if (!next || r.endsAt < next.endsAt) next = r;
    const done = next as Running;
    t = done.endsAt;
    const end = moveAdvance(done.move.plan, done.state, Infinity, done.rates);
    if (!moveDone(end)) throw new Error(`move ${done.move.id} did not finish`);
    out.set(done.move.id, { start: done.start, end: t, downtimeSeconds: end.downtimeSeconds, sentMB: end.sentMB, passes: end.precopy.length });
    running.delete(done.move.id);
    for (const h of done.hosts) onLink.get(h)?.delete(done);
    reRate(done.hosts, t);
  }
}
