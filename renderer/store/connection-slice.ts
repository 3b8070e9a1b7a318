import type { ConnectionSettingsChange, ConnectionSettingsView, InventoryRefreshSummary } from '../../shared/model/connection.js';
import type { Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** Host groups' connection settings (Host > Connection Settings…) and inventory refresh from Hyper-V. */
export interface ConnectionSlice {
  /** The open Connection Settings dialog: its host group and the settings as loaded (or why not), or null. */
  connectionDialog: { hostGroup: string; loaded: Result<ConnectionSettingsView> } | null;
  /** Loads a group's settings, then opens the dialog on them (so it opens with its form, focus inside). */
  openConnectionSettings(hostGroup: string): Promise<void>;
  closeConnectionSettings(): void;
  /** A group's settings, as the backend has them. */
  connectionGet(hostGroup: string): Promise<Result<ConnectionSettingsView>>;
  /** Saves a group's settings; the answer says whether the backend took them, and why not. */
  connectionSet(change: ConnectionSettingsChange): Promise<Result<ConnectionSettingsView>>;
  /** Reads a Hyper-V group's hosts into the inventory (the inventory event refreshes the views). */
  inventoryRefresh(hostGroup: string): Promise<Result<InventoryRefreshSummary>>;
}

/** Creates the connection slice. */
export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, _get, backend) => ({
  connectionDialog: null,
  openConnectionSettings: async (hostGroup) => {
    const loaded = await backend.invoke('connection.get', { hostGroup });
    set({ connectionDialog: { hostGroup, loaded } });
  },
  closeConnectionSettings: () => set({ connectionDialog: null }),
  connectionGet: (hostGroup) => backend.invoke('connection.get', { hostGroup }),
  connectionSet: (change) => backend.invoke('connection.set', change),
  inventoryRefresh: (hostGroup) => backend.invoke('inventory.refresh', { hostGroup }),
});
