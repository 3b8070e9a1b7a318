import type { AppInfo } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/model/result.js';
import { DEFAULT_UI_SETTINGS, type HiddenColumns, type LanguagePreference, type ThemePreference, type UiSettings } from '../../shared/model/settings.js';
import type { ConnectionState } from '../api/connection.js';
import { DEFAULT_VM_SORT, type VmSort } from '../features/vm-list/vm-rows.js';
import type { MessageKey } from '../i18n/en.js';
import type { MessageParams } from '../i18n/translator.js';
import type { SliceCreator } from './app-store.js';
import type { Text } from '../../shared/i18n/text.js';

/** A short message for the admin (shown as a toast), as a catalogue key so it follows the language. */
export interface Notice {
  id: number;
  intent: 'success' | 'error' | 'info' | 'warning';
  titleKey?: MessageKey;
  key: MessageKey;
  params?: MessageParams;
  /** Parameters that are the main process's sentences (a job's name), worded in the admin's language when shown. */
  texts?: Readonly<Record<string, Text>>;
}

/** The console's workspaces, as VMM's: VMs and hosts (tree, list, details), or Jobs (every job). */
export type Workspace = 'vms' | 'jobs';

/** Which jobs the Jobs workspace lists. */
export type JobFilter = 'all' | 'active' | 'completed' | 'failed' | 'canceled';

/** Preferences, facts about the backend, and view state that outlives a component. */
export interface UiSlice {
  settings: UiSettings;
  appInfo: AppInfo | null;
  connection: ConnectionState;
  vmSort: VmSort;
  vmFilter: string;
  jobsPaneOpen: boolean;
  /** Counts the requests to put the focus on the jobs list (after a wizard's Move): a new value moves it. */
  jobsFocusRequest: number;
  workspace: Workspace;
  jobFilter: JobFilter;
  /** The Jobs workspace's name/target filter text. */
  jobSearch: string;
  /** The VM whose Properties dialog is open, by id; null when closed. */
  vmPropertiesId: string | null;
  /** The Options dialog (File > Options…) is open. */
  optionsOpen: boolean;
  notices: Notice[];
  /** Fetches `settings.get` and `app.info`. */
  loadPreferences(): Promise<void>;
  /** Switches language (or theme) at once, then saves it; reverts and says so if saving fails. */
  setLanguage(language: LanguagePreference): Promise<void>;
  setTheme(theme: ThemePreference): Promise<void>;
  /** Saves the simulator's speed factor; the answer says whether the backend took it. */
  setSimulatorSpeed(speed: number): Promise<Result<UiSettings>>;
  setConnection(state: ConnectionState): void;
  setVmSort(sort: VmSort): void;
  setVmFilter(filter: string): void;
  setJobsPaneOpen(open: boolean): void;
  /** Puts the focus on the jobs list, on its selected row (after a wizard's Move). */
  requestJobsFocus(): void;
  setWorkspace(workspace: Workspace): void;
  setJobFilter(filter: JobFilter): void;
  setJobSearch(search: string): void;
  setOptionsOpen(open: boolean): void;
  /** Hides columns of the VM list or the jobs lists (Columns), at once, then saves the choice. */
  setHiddenColumns<L extends keyof HiddenColumns>(list: L, hidden: HiddenColumns[L]): Promise<void>;
  /** Opens a VM's Properties dialog. */
  openVmProperties(vmId: string): void;
  closeVmProperties(): void;
  pushNotice(notice: Omit<Notice, 'id'>): void;
  dropNotice(id: number): void;
}

let noticeId = 0;

/** Creates the UI slice. */
export const createUiSlice: SliceCreator<UiSlice> = (set, get, backend) => {
  const saveSettings = async (patch: Partial<UiSettings>): Promise<void> => {
    const before = get().settings;
    set({ settings: { ...before, ...patch } });
    const result = await backend.invoke('settings.set', patch);
    if (result.ok) {
      set({ settings: result.value });
    } else {
      set({ settings: before });
      get().pushNotice({ intent: 'error', key: 'pref.saveFailed', params: { message: result.error.message } });
    }
  };

  return {
    settings: DEFAULT_UI_SETTINGS,
    appInfo: null,
    connection: 'connecting',
    vmSort: DEFAULT_VM_SORT,
    vmFilter: '',
    jobsPaneOpen: true,
    jobsFocusRequest: 0,
    workspace: 'vms',
    jobFilter: 'all',
    jobSearch: '',
    optionsOpen: false,
    vmPropertiesId: null,
    notices: [],
    loadPreferences: async () => {
      const [settings, info] = await Promise.all([backend.invoke('settings.get', {}), backend.invoke('app.info', {})]);
      if (settings.ok) set({ settings: settings.value });
      if (info.ok) set({ appInfo: info.value });
    },
    setLanguage: (language) => saveSettings({ language }),
    setTheme: (theme) => saveSettings({ theme }),
    setSimulatorSpeed: async (simulatorSpeed) => {
      const result = await backend.invoke('settings.set', { simulatorSpeed });
      if (result.ok) set({ settings: result.value });
      return result;
    },
    setConnection: (connection) => set({ connection }),
    setVmSort: (vmSort) => set({ vmSort }),
    setVmFilter: (vmFilter) => set({ vmFilter }),
    setJobsPaneOpen: (jobsPaneOpen) => set({ jobsPaneOpen }),
    requestJobsFocus: () => set({ jobsFocusRequest: get().jobsFocusRequest + 1 }),
    setWorkspace: (workspace) => {
      set({ workspace });
      if (workspace === 'jobs') void get().loadJobHistory();
    },
    setOptionsOpen: (optionsOpen) => set({ optionsOpen }),
    setHiddenColumns: (list, hidden) => saveSettings({ hiddenColumns: { ...get().settings.hiddenColumns, [list]: hidden } }),
    openVmProperties: (vmPropertiesId) => set({ vmPropertiesId }),
    closeVmProperties: () => set({ vmPropertiesId: null }),
    setJobFilter: (jobFilter) => set({ jobFilter }),
    setJobSearch: (jobSearch) => set({ jobSearch }),
    pushNotice: (notice) => set({ notices: [...get().notices, { ...notice, id: ++noticeId }] }),
    dropNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  };
};
