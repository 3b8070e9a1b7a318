import type { InventorySnapshot } from '../../shared/contract/invoke.js';
import type { InventoryMeta } from '../../shared/model/inventory.js';
import { withInventoryDelta, type InventoryDelta } from '../../shared/model/inventory-delta.js';
import type { ErrorDto } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';
import { buildInventoryIndex, type InventoryIndex } from './inventory-index.js';

/** Where the inventory is: loading the first time, ready, or failed to load. */
export type InventoryStatus = 'loading' | 'ready' | 'error';

/** The loaded estate and its derived lookups. */
export interface InventorySlice {
  inventoryStatus: InventoryStatus;
  snapshot: InventorySnapshot | null;
  /** Derived once per revision; null until the first snapshot. */
  index: InventoryIndex | null;
  inventoryError: ErrorDto | null;
  /** Fetches `inventory.get`; calls made while one is in flight coalesce into one more fetch. */
  refreshInventory(): Promise<void>;
  /**
   * The estate changed to `revision` (`inventory.changed`): a delta on top of what is shown is taken in
   * place; otherwise, or when it doesn't fit, the whole estate is fetched.
   */
  inventoryChanged(revision: number, meta: InventoryMeta | null, delta?: InventoryDelta): void;
}

/** Creates the inventory slice. */
export const createInventorySlice: SliceCreator<InventorySlice> = (set, get, backend) => {
  let inFlight: Promise<void> | null = null;
  let again = false;

  const fetchOnce = async (): Promise<void> => {
    const result = await backend.invoke('inventory.get', {});
    if (!result.ok) {
      // Keep showing the estate we have; only a first load without one is an error state.
      set({ inventoryError: result.error, inventoryStatus: get().snapshot ? 'ready' : 'error' });
      return;
    }
    const snapshot = result.value;
    const current = get().snapshot;
    // An answer older than what we show arrived late: drop it.
    if (current && snapshot.revision < current.revision) return;
    if (current && snapshot.revision === current.revision && get().index) {
      set({ inventoryError: null, inventoryStatus: 'ready', snapshot: { ...current, meta: snapshot.meta } });
      return;
    }
    const index = buildInventoryIndex(snapshot.revision, snapshot.inventory);
    set({ snapshot, index, inventoryError: null, inventoryStatus: 'ready' });
    get().reconcileSelection();
  };

  return {
    inventoryStatus: 'loading',
    snapshot: null,
    index: null,
    inventoryError: null,
    inventoryChanged: (revision, meta, delta) => {
      const current = get().snapshot;
      if (current && revision <= current.revision) return;
      // A delta fits only on the revision it was made from, and only when no fetch is about to replace it.
      const inventory = current && delta && delta.base === current.revision && !inFlight ? withInventoryDelta(current.inventory, delta) : null;
      if (!inventory) {
        void get().refreshInventory();
        return;
      }
      const snapshot: InventorySnapshot = { revision, inventory, meta };
      set({ snapshot, index: buildInventoryIndex(revision, inventory), inventoryError: null, inventoryStatus: 'ready' });
      get().reconcileSelection();
    },
    refreshInventory: () => {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      inFlight = (async () => {
        try {
          do {
            again = false;
            await fetchOnce();
          } while (again);
        } finally {
          inFlight = null;
        }
      })();
      return inFlight;
    },
  };
};
