import type { LiveMigrationChange, SettingsTarget } from '../../shared/model/live-migration-settings.js';
import type { Job } from '../../shared/model/job.js';
import type { Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** The Hyper-V Settings dialog open now, and what it applies to. */
export interface HostSettingsDialogState {
  id: number;
  target: SettingsTarget;
}

/** Host > Properties > Hyper-V Settings: which dialog is open, and applying its change. */
export interface HostSettingsSlice {
  hostSettingsDialog: HostSettingsDialogState | null;
  /** Opens Hyper-V Settings for a host, or for every host of a host group or cluster. */
  openHostSettings(target: SettingsTarget): void;
  closeHostSettings(): void;
  /**
   * OK or Apply: hands the change to the backend, which checks it for every host and runs it as a
   * job. On success the job joins the Jobs pane, selected; an error is the dialog's to show.
   */
  applyHostSettings(target: SettingsTarget, change: LiveMigrationChange): Promise<Result<Job>>;
}

let dialogId = 0;

/** Creates the host settings slice. */
export const createHostSettingsSlice: SliceCreator<HostSettingsSlice> = (set, get, backend) => ({
  hostSettingsDialog: null,
  openHostSettings: (target) => set({ hostSettingsDialog: { id: ++dialogId, target } }),
  closeHostSettings: () => set({ hostSettingsDialog: null }),
  applyHostSettings: async (target, change) => {
    const result = await backend.invoke('hostSettings.apply', { target, change });
    if (result.ok) {
      get().mergeJobs([result.value]);
      get().selectJob(result.value.id);
      get().setJobsPaneOpen(true);
      get().pushNotice({
        intent: 'success',
        key: 'wizard.jobCreated',
        params: { name: result.value.name },
        ...(result.value.nameText ? { texts: { name: result.value.nameText } } : {}),
      });
    }
    return result;
  },
});
