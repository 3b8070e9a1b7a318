import type { HostLimits, SlotKind, SlotNeed } from './slot-rules.js';
import { english, text, type Text } from '../../../shared/i18n/text.js';

/** A move the scheduler knows: queued (in submission order) or running. */
export interface ScheduledMove {
  id: string;
  needs: readonly SlotNeed[];
}

/**
 * The slots in use, for a caller that counts them itself (the planner's timeline) instead of listing
 * the running moves: how many running moves hold the slot `need` names.
 */
export type SlotsInUse = (need: SlotNeed) => number;

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

/** One slot's state during a decision. */
interface SlotState {
  need: SlotNeed;
  inUse: number;
  limit: number;
  /** Queued moves already waiting for (holding their place on) this slot. */
  line: number;
}

/** Slot keys by need object: a caller that keeps its moves between decisions builds each key once. */
const keys = new WeakMap<SlotNeed, string>();
const slotKey = (need: SlotNeed): string => {
  let k = keys.get(need);
  if (k === undefined) {
    k = `${need.host.toLowerCase()}\u0000${need.kind}`;
    keys.set(need, k);
  }
  return k;
};

/**
 * Decides which queued moves start now (migration-rules.md section 4). Moves are considered in
 * submission order; one starts when every slot it needs is free. A move that can't start holds its
 * place in the line of each slot that blocks it, so a later move may not take that slot before it,
 * but it doesn't block moves that could run elsewhere. The oldest waiting move also holds its place
 * on every other slot it needs, so a move needing several hosts can't be overtaken forever: it
 * starts once its slots free up, and by induction every move does (no starvation). Moves never fail
 * or time out for lack of a slot. Limits are read at each decision (once per slot), so a changed
 * limit applies at the next one; running moves are never interrupted, even when a limit drops below
 * what is in use.
 */
export function decideDispatch(
  queued: readonly ScheduledMove[],
  running: readonly ScheduledMove[] | SlotsInUse,
  limitsOf: (host: string) => HostLimits,
): DispatchDecision {
  const slots = new Map<string, SlotState>();
  const counted = typeof running === 'function' ? running : null;
  const slot = (need: SlotNeed): SlotState => {
    const k = slotKey(need);
    let st = slots.get(k);
    if (st === undefined) {
      st = { need, inUse: counted ? counted(need) : 0, limit: Math.max(0, limitsOf(need.host)[need.kind]), line: 0 };
      slots.set(k, st);
    }
    return st;
  };
  if (!counted) for (const move of running as readonly ScheduledMove[]) for (const n of move.needs) slot(n).inUse += 1;

  const start: string[] = [];
  const waiting = new Map<string, WaitReason>();
  const blocked: SlotState[] = [];
  for (const move of queued) {
    blocked.length = 0;
    for (const n of move.needs) {
      const st = slot(n);
      if (st.inUse >= st.limit || st.line > 0) blocked.push(st);
    }
    if (blocked.length === 0) {
      for (const n of move.needs) slot(n).inUse += 1;
      start.push(move.id);
      continue;
    }
    if (waiting.size === 0) for (const n of move.needs) slot(n).line += 1;
    else for (const st of blocked) st.line += 1;
    const first = blocked[0];
    waiting.set(move.id, { host: first.need.host, kind: first.need.kind, inUse: first.inUse, limit: first.limit, position: first.line });
  }
  return { start, waiting };
}

/** Words for a wait reason: "waiting for a live-migration slot on HV-TO-02 (2 of 2 in use), position 3". */
export function describeWait(w: WaitReason): string {
  return english(waitText(w));
}

/** A wait reason as a catalogue sentence, for the console. */
export function waitText(w: WaitReason): Text {
  const kind = w.kind === 'live' ? 'live' : 'storage';
  const params = { host: w.host, inUse: w.inUse, limit: w.limit, position: w.position };
  return w.inUse < w.limit ? text(`wait.${kind}.behind`, params) : text(`wait.${kind}.full`, params);
}
