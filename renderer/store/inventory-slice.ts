import type { InventorySnapshot } from '../../shared/contract/invoke.js';
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
