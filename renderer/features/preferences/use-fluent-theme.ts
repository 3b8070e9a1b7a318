import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';
import { assertNever } from '../../../shared/model/result.js';
import type { ThemePreference } from '../../../shared/model/settings.js';
import { useAppStore } from '../../store/store-context.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function prefersDarkNow(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(DARK_QUERY).matches;
}

/** Whether the OS asks for a dark theme; updates when the OS switches. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribe, prefersDarkNow, () => false);
}

/** Light or dark: an explicit preference wins, `system` follows the OS. */
export function resolveThemeName(preference: ThemePreference, prefersDark: boolean): 'light' | 'dark' {
  switch (preference) {
    case 'light':
    case 'dark':
      return preference;
    case 'system':
      return prefersDark ? 'dark' : 'light';
    default:
      return assertNever(preference);
  }
}

/** The Fluent theme to render with. */
export function useFluentTheme(): { name: 'light' | 'dark'; theme: Theme } {
  const preference = useAppStore((s) => s.settings.theme);
  const name = resolveThemeName(preference, usePrefersDark());
  return { name, theme: name === 'dark' ? webDarkTheme : webLightTheme };
}
