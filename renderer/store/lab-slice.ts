import type { LabStatus } from '../../shared/model/lab.js';
import type { ErrorDto } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** What the lab is doing now at the admin's request. */
export type LabAction = 'starting' | 'stopping';

/** The QEMU lab (Home > Lab): its status as last read, Start Lab and Stop Lab in flight, and the Lab Status dialog. */
export interface LabSlice {
  /** The Lab Status dialog is open. */
  labDialogOpen: boolean;
  /** The lab as `lab.status` last answered, or null before the first answer. */
  labStatus: LabStatus | null;
  /** Reading the status now. */
  labStatusLoading: boolean;
  /** Start or stop in flight (start boots real VMs: about 8 s). */
  labAction: LabAction | null;
  /** Why the last start, stop or status read failed; cleared when the next one begins. */
  labError: { action: 'start' | 'stop' | 'status'; error: ErrorDto } | null;
  /** Opens the Lab Status dialog and reads the status. */
  openLabStatus(): void;
  closeLabStatus(): void;
  /** Reads `lab.status` again. */
  labStatusLoad(): Promise<void>;
  /** Starts the lab; on success the Lab host group joins the inventory, on failure the dialog opens on the error. */
  labStart(): Promise<void>;
  /** Stops the lab: its VMs end, its files and the Lab host group go. */
  labStop(): Promise<void>;
}

/** Creates the lab slice. */
export const createLabSlice: SliceCreator<LabSlice> = (set, get, backend) => {
  const run = async (action: 'start' | 'stop'): Promise<void> => {
    if (get().labAction !== null) return;
    set({ labAction: action === 'start' ? 'starting' : 'stopping', labError: null });
    const result = await backend.invoke(action === 'start' ? 'lab.start' : 'lab.stop', {});
    if (result.ok) {
      set({ labAction: null, labStatus: result.value.status });
      get().mergeJobs([result.value.job]);
      const { status } = result.value;
      if (action === 'start') {
        get().pushNotice({
          intent: 'success',
          key: 'lab.started',
          params: { hosts: status.hosts.length, vms: status.vms.filter((v) => v.state === 'Running').length },
        });
      } else {
        get().pushNotice({ intent: 'success', key: 'lab.stopped' });
      }
      return;
    }
    // The full message (how to install QEMU 10, which VM did not boot) is the dialog's to show.
    set({ labAction: null, labError: { action, error: result.error }, labDialogOpen: true });
    void get().labStatusLoad();
  };

  return {
    labDialogOpen: false,
    labStatus: null,
    labStatusLoading: false,
    labAction: null,
    labError: null,
    openLabStatus: () => {
      set({ labDialogOpen: true });
      void get().labStatusLoad();
    },
    closeLabStatus: () => set({ labDialogOpen: false }),
    labStatusLoad: async () => {
      set({ labStatusLoading: true });
      const result = await backend.invoke('lab.status', {});
      if (result.ok) {
        const stale = get().labError?.action === 'status';
        set({ labStatus: result.value, labStatusLoading: false, ...(stale ? { labError: null } : {}) });
      } else {
        set({ labStatusLoading: false, labError: { action: 'status', error: result.error } });
      }
    },
    labStart: () => run('start'),
    labStop: () => run('stop'),
  };
};
