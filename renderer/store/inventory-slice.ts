import type { InventorySnapshot } from '../../shared/contract/invoke.js';
import type { InventoryMeta, Vm } from '../../shared/model/inventory.js';
import { withInventoryDelta, type InventoryDelta } from '../../shared/model/inventory-delta.js';
import type { ErrorDto } from '../../shared/model/result.js';
import { say } from '../../shared/i18n/text.js';
import type { SliceCreator } from './app-store.js';
import { buildInventoryIndex, type InventoryIndex } from './inventory-index.js';

/** Where the inventory is: loading the first time, ready, or failed to load. */
export type InventoryStatus = 'loading' | 'ready' | 'error';

/** VMs on the first page: more than a screen of rows, small enough to arrive and paint at once. */
export const FIRST_PAGE_VMS = 200;
/**
 * VMs on each later page: about 1 MB of JSON on a generated estate. The browser turns each WebSocket
 * message into a string in one task, so a page this size keeps those tasks short while the rest arrives.
 */
export const PAGE_VMS = 2000;

/** Resolves in a later task, so the browser can paint and take input in between. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A first load still arriving: the tree and the first `loaded` VMs (by name) are shown, of `total`. */
export interface InventoryLoading {
  loaded: number;
  total: number;
}

/** The loaded estate and its derived lookups. */
export interface InventorySlice {
  inventoryStatus: InventoryStatus;
  snapshot: InventorySnapshot | null;
  /** Derived once per revision; null until the first snapshot. */
  index: InventoryIndex | null;
  inventoryError: ErrorDto | null;
  /** Set while a first load of a large estate is still arriving page by page; null once it is whole. */
  inventoryLoading: InventoryLoading | null;
  /**
   * Fetches the estate page by page (`inventory.page`): a first load shows the first page at once and the
   * rest when it has all arrived; a reload keeps the estate it has on screen until the new one is whole.
   * Calls made while one is in flight coalesce into one more fetch.
   */
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

  const failed = (error: ErrorDto): void => {
    // Keep showing the estate we have; only a first load without one is an error state.
    set({ inventoryError: error, inventoryStatus: get().snapshot ? 'ready' : 'error' });
  };

  const fetchOnce = async (): Promise<void> => {
    const result = await backend.invoke('inventory.page', { offset: 0, limit: FIRST_PAGE_VMS });
    if (!result.ok) return failed(result.error);
    const first = result.value;
    const current = get().snapshot;
    // An answer older than what we show arrived late: drop it.
    if (current && first.revision < current.revision) return;
    if (current && first.revision === current.revision && get().index && !get().inventoryLoading) {
      set({ inventoryError: null, inventoryStatus: 'ready', snapshot: { ...current, meta: first.meta } });
      return;
    }
    const estate = first.estate;
    // The backend always sends the estate with the page at 0; without it there is nothing to show.
    if (!estate) return failed({ code: 'internal-error', ...say('err.firstPageWithoutHosts') });
    let vms: Vm[] = first.vms;
    // A first load paints what it has; a reload keeps the whole estate on screen until the new one is whole.
    if (!current && vms.length < first.vmTotal) {
      const inventory = { ...estate, vms };
      set({
        snapshot: { revision: first.revision, meta: first.meta, inventory },
        index: buildInventoryIndex(first.revision, inventory),
        inventoryLoading: { loaded: vms.length, total: first.vmTotal },
        inventoryError: null,
        inventoryStatus: 'ready',
      });
    }
    // Every later page is asked for at once: the answers come back to back, with no round trip between them.
    const offsets: number[] = [];
    for (let offset = vms.length; offset < first.vmTotal; offset += PAGE_VMS) offsets.push(offset);
    let loaded = vms.length;
    const pages = await Promise.all(
      offsets.map(async (offset) => {
        const page = await backend.invoke('inventory.page', { offset, limit: PAGE_VMS });
        if (page.ok && get().inventoryLoading) set({ inventoryLoading: { loaded: (loaded += page.value.vms.length), total: first.vmTotal } });
        return page;
      }),
    );
    for (const page of pages) {
      if (!page.ok) return failed(page.error);
      // The estate changed while its pages arrived: these don't fit together, so fetch it again from the start.
      if (page.value.revision !== first.revision || page.value.vms.length === 0) {
        again = true;
        return;
      }
      vms = vms.concat(page.value.vms);
    }
    const snapshot: InventorySnapshot = { revision: first.revision, meta: first.meta, inventory: { ...estate, vms } };
    // On a large estate, deriving its index and drawing it are each a long task: a frame (a scroll, a
    // keystroke) gets in between rather than waiting for both.
    if (offsets.length > 0) await nextTask();
    const index = buildInventoryIndex(snapshot.revision, snapshot.inventory);
    if (offsets.length > 0) await nextTask();
    if (again) return;
    set({ snapshot, index, inventoryLoading: null, inventoryError: null, inventoryStatus: 'ready' });
    get().reconcileSelection();
  };

  return {
    inventoryStatus: 'loading',
    snapshot: null,
    index: null,
    inventoryError: null,
    inventoryLoading: null,
    inventoryChanged: (revision, meta, delta) => {
      const current = get().snapshot;
      if (current && revision <= current.revision) return;
      // A delta fits only on the revision it was made from, on a whole estate, and only when no fetch is about to replace it.
      const whole = current && !get().inventoryLoading;
      const inventory = whole && delta && delta.base === current.revision && !inFlight ? withInventoryDelta(current.inventory, delta) : null;
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
