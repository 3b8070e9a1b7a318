import type { OptimizeScope, OptimizeThresholdSettings, OptimizeThresholds } from '../../shared/model/optimize.js';
import type { ErrorDto } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** What the Optimize Hosts dialog is open on: the scope, how the tree names it, and the host group whose thresholds apply. */
export interface OptimizeDialogState {
  scope: OptimizeScope;
  /** The cluster's or host group's name as the tree shows it ("All Hosts" for the root). */
  name: string;
  /** The host group whose thresholds the dialog edits: the group itself, or the cluster's host group. */
  group: string;
}

/** The Optimize Hosts dialog and the thresholds set on host groups. */
export interface OptimizeSlice {
  optimizeDialog: OptimizeDialogState | null;
  /** The thresholds as `optimize.thresholds` last answered; null before the first answer. */
  optimizeThresholds: OptimizeThresholdSettings | null;
  optimizeThresholdsError: ErrorDto | null;
  /** Opens the dialog on a cluster, a host group or All Hosts, and reads the thresholds. */
  optimizeDialogOpen(state: OptimizeDialogState): void;
  optimizeDialogClose(): void;
  /** Sets a host group's thresholds (null: it inherits again); answers whether it went. */
  optimizeThresholdsSet(group: string, thresholds: OptimizeThresholds | null): Promise<boolean>;
}

/** Creates the Optimize Hosts slice. */
export const createOptimizeSlice: SliceCreator<OptimizeSlice> = (set, _get, backend) => ({
  optimizeDialog: null,
  optimizeThresholds: null,
  optimizeThresholdsError: null,
  optimizeDialogOpen: (state) => {
    set({ optimizeDialog: state, optimizeThresholdsError: null });
    void backend.invoke('optimize.thresholds', {}).then((r) => set(r.ok ? { optimizeThresholds: r.value } : { optimizeThresholdsError: r.error }));
  },
  optimizeDialogClose: () => set({ optimizeDialog: null }),
  optimizeThresholdsSet: async (group, thresholds) => {
    const r = await backend.invoke('optimize.thresholdsSet', { group, thresholds });
    set(r.ok ? { optimizeThresholds: r.value, optimizeThresholdsError: null } : { optimizeThresholdsError: r.error });
    return r.ok;
  },
});
