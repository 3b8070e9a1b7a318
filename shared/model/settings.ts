/** Console preferences kept in the database. */

/** UI languages in the message catalogue; `system` follows the operating system. */
export const LANGUAGE_VALUES = ['system', 'en', 'it'] as const;
/** A language preference. */
export type LanguagePreference = (typeof LANGUAGE_VALUES)[number];

/** Themes; `system` follows the operating system. */
export const THEME_VALUES = ['system', 'light', 'dark'] as const;
/** A theme preference. */
export type ThemePreference = (typeof THEME_VALUES)[number];

/**
 * The simulator's speed factor: how much faster than real time a simulated move plays (`--speed`,
 * and Options > Simulator speed). 1 is real time; 10 (the default) suits demos; up to an hour per second.
 */
export const SIMULATOR_SPEED = { min: 0.1, max: 3600, default: 10 } as const;

/** Columns of the VM list the admin may hide (Name always shows). */
export const VM_LIST_HIDEABLE_COLUMNS = ['status', 'host', 'memory', 'configVersion', 'highlyAvailable', 'jobStatus'] as const;
/** A column of the VM list that may be hidden. */
export type VmListHideableColumn = (typeof VM_LIST_HIDEABLE_COLUMNS)[number];
/** Columns of the jobs lists the admin may hide (Name always shows). */
export const JOB_LIST_HIDEABLE_COLUMNS = ['status', 'progress', 'timeLeft', 'start', 'end', 'target'] as const;
/** A column of the jobs lists that may be hidden. */
export type JobListHideableColumn = (typeof JOB_LIST_HIDEABLE_COLUMNS)[number];

/** The columns hidden with the column chooser (Columns), per list. */
export interface HiddenColumns {
  vms: VmListHideableColumn[];
  jobs: JobListHideableColumn[];
}

/** The console's preferences. */
export interface UiSettings {
  language: LanguagePreference;
  theme: ThemePreference;
  /** The simulated connector's time compression (see SIMULATOR_SPEED). */
  simulatorSpeed: number;
  /** Columns hidden in the VM list and the jobs lists. */
  hiddenColumns: HiddenColumns;
}

/** Preferences a fresh install starts with. */
export const DEFAULT_UI_SETTINGS: UiSettings = {
  language: 'system',
  theme: 'system',
  simulatorSpeed: SIMULATOR_SPEED.default,
  hiddenColumns: { vms: [], jobs: [] },
};
