/** Console preferences kept in the database. */

/** UI languages in the message catalogue; `system` follows the operating system. */
export const LANGUAGE_VALUES = ['system', 'en', 'it'] as const;
/** A language preference. */
export type LanguagePreference = (typeof LANGUAGE_VALUES)[number];

/** Themes; `system` follows the operating system. */
export const THEME_VALUES = ['system', 'light', 'dark'] as const;
/** A theme preference. */
export type ThemePreference = (typeof THEME_VALUES)[number];

/** The console's preferences. */
export interface UiSettings {
  language: LanguagePreference;
  theme: ThemePreference;
}

/** Preferences a fresh install starts with. */
export const DEFAULT_UI_SETTINGS: UiSettings = { language: 'system', theme: 'system' };
