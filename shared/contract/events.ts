import type { InventoryMeta } from '../model/inventory.js';
import type { InventoryDelta } from '../model/inventory-delta.js';
import type { ImportProgress } from '../model/import.js';
import type { Job } from '../model/job.js';
import type { EventName } from './channels.js';

/** Streams from main to the renderer. Each event name maps to its payload. */
export interface EventContract extends Record<EventName, unknown> {
  /**
   * The estate changed (import, move, settings): fetch `inventory.get` again, or, for a window at
   * `delta.base`, take the delta's VMs and hosts in place (a completed move: the VM and its two hosts).
   */
  'inventory.changed': { revision: number; meta: InventoryMeta | null; delta?: InventoryDelta };
  /** Progress of an import in flight. */
  'import.progress': ImportProgress;
  /** Jobs that changed since the last batch (coalesced, a few per second at most). */
  'jobs.changed': { jobs: Job[] };
}

export type { EventName } from './channels.js';
export { EVENT_NAMES } from './channels.js';
