import type { HostLimits, SlotKind, SlotNeed } from './slot-rules.js';

/** A move the scheduler knows: queued (in submission order) or running. */
export interface ScheduledMove {
  id: string;
  needs: readonly SlotNeed[];
}

/** Why a queued move waits: the first slot it needs that is taken, and its place in that slot's line. */
export interface WaitReason {
  host: string;
  kind: SlotKind;
  inUse: number;
  limit: number;
  /** 1 = next to get this host's slot of this kind. */
  position: number;
}

/** The scheduler's decision: what starts now, and why each other queued move waits. */
export interface DispatchDecision {
  start: string[];
  waiting: Map<string, WaitReason>;
}

const slotKey = (host: string, kind: SlotKind): string => `${host.toLowerCase()}\u0000${kind}`;

/**
 * Decides which queued moves start now (migration-rules.md section 4). Moves are considered in
 * submission order; one starts when every slot it needs is free. A move that can't start holds its
 * place in the line of each slot that blocks it, so a later move may not take that slot before it,
 * but it doesn't block moves that could run elsewhere. The oldest waiting move also holds its place
 * on every other slot it needs, so a move needing several hosts can't be overtaken forever: it
 * starts once its slots free up, and by induction every move does (no starvation). Moves never fail
 * or time out for lack of a slot. Limits are read at each decision, so a changed limit applies at the
 * next one; running moves are never interrupted, even when a limit drops below what is in use.
 */
export function decideDispatch(
  queued: readonly ScheduledMove[],
  running: readonly ScheduledMove[],
  limitsOf: (host: string) => HostLimits,
): DispatchDecision {
  const inUse = new Map<string, number>();
  const take = (need: SlotNeed): void => {
    const k = slotKey(need.host, need.kind);
    inUse.set(k, (inUse.get(k) ?? 0) + 1);
  };
  for (const move of running) move.needs.forEach(take);

  const limit = (need: SlotNeed): number => Math.max(0, limitsOf(need.host)[need.kind]);
  const lines = new Map<string, number>(); // queued moves already waiting for each slot
  const start: string[] = [];
  const waiting = new Map<string, WaitReason>();
  for (const move of queued) {
    const blocked = move.needs.filter((n) => {
      const k = slotKey(n.host, n.kind);
      return (inUse.get(k) ?? 0) >= limit(n) || (lines.get(k) ?? 0) > 0;
    });
    if (blocked.length === 0) {
      move.needs.forEach(take);
      start.push(move.id);
      continue;
    }
    const holds = waiting.size === 0 ? move.needs : blocked;
    for (const n of holds) {
      const k = slotKey(n.host, n.kind);
      lines.set(k, (lines.get(k) ?? 0) + 1);
    }
    const first = blocked[0];
    const k = slotKey(first.host, first.kind);
    waiting.set(move.id, { host: first.host, kind: first.kind, inUse: inUse.get(k) ?? 0, limit: limit(first), position: lines.get(k) ?? 1 });
  }
  return { start, waiting };
}

/** Words for a wait reason: "waiting for a live-migration slot on HV-TO-02 (2 of 2 in use), position 3". */
export function describeWait(w: WaitReason): string {
  const kind = w.kind === 'live' ? 'live-migration' : 'storage-migration';
  if (w.inUse < w.limit) return `waiting for a ${kind} slot on ${w.host} behind earlier moves (${w.inUse} of ${w.limit} in use), position ${w.position}`;
  return `waiting for a ${kind} slot on ${w.host} (${w.inUse} of ${w.limit} in use), position ${w.position}`;
}
