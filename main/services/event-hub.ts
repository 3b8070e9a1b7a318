import type { EventContract, EventName } from '../../shared/contract/events.js';
import { mergeInventoryDeltas } from '../../shared/model/inventory-delta.js';
import type { Job } from '../../shared/model/job.js';

/** One event as transports send it. */
export interface HubEvent<E extends EventName = EventName> {
  name: E;
  payload: EventContract[E];
}

/** Receives a batch of events, in the order they were first raised. */
export type BatchListener = (events: HubEvent[]) => void;

type InventoryChanged = EventContract['inventory.changed'];

/** Two inventory changes in one window as one: the later revision, with both deltas merged when they follow each other. */
function inventoryChangesMerged(earlier: InventoryChanged, later: InventoryChanged): InventoryChanged {
  const delta = earlier.delta && later.delta ? mergeInventoryDeltas(earlier.delta, earlier.revision, later.delta) : null;
  const { delta: _dropped, ...rest } = later;
  return delta ? { ...rest, delta } : rest;
}

/** How long events are held to coalesce them; so a job reports at most 4 times a second. */
export const COALESCE_MS = 250;

/**
 * Main's event stream to every connected renderer. Events raised within one window are coalesced:
 * the latest of each kind wins, job changes merge by job id, and inventory deltas that follow each
 * other merge into one (otherwise the delta is dropped and windows fetch the estate). The first event after a quiet spell
 * goes out at once, so a user's action is answered without delay.
 */
export class EventHub {
  private readonly listeners = new Set<BatchListener>();
  private pending = new Map<string, HubEvent>();
  private jobs = new Map<string, Job>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;

  constructor(
    private readonly windowMs = COALESCE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a listener; answers the function that removes it. */
  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Raises an event. */
  emit<E extends EventName>(name: E, payload: EventContract[E]): void {
    if (name === 'jobs.changed') {
      for (const job of (payload as EventContract['jobs.changed']).jobs) this.jobs.set(job.id, job);
      if (!this.pending.has(name)) this.pending.set(name, { name, payload: { jobs: [] } } as HubEvent);
    } else {
      const earlier = this.pending.get(name);
      this.pending.delete(name); // keep first-raised order for the latest value
      this.pending.set(name, {
        name,
        payload: name === 'inventory.changed' && earlier ? inventoryChangesMerged(earlier.payload as InventoryChanged, payload as InventoryChanged) : payload,
      } as HubEvent);
    }
    this.schedule();
  }

  /** Sends whatever is pending now (used on shutdown and by tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()].map((e) =>
      e.name === 'jobs.changed' ? ({ name: e.name, payload: { jobs: [...this.jobs.values()] } } as HubEvent) : e,
    );
    this.pending = new Map();
    this.jobs = new Map();
    this.lastFlush = this.now();
    for (const listener of this.listeners) listener(batch);
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.windowMs - this.now());
    if (wait === 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }
}
