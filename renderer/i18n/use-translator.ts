import { useAppStore } from '../store/store-context.js';
import { createTranslator, resolveLanguage, resolveLocale, type Translator } from './translator.js';

/** The OS locale: what the backend reports (`app.info`), else the browser's. */
export function useSystemLocale(): string | null {
  const reported = useAppStore((s) => s.appInfo?.systemLocale ?? null);
  return reported ?? (typeof navigator === 'undefined' ? null : navigator.language);
}

/** The translator for the current language preference: `const { t, tn } = useT()`. */
export function useT(): Translator {
  const preference = useAppStore((s) => s.settings.language);
  const systemLocale = useSystemLocale();
  const language = resolveLanguage(preference, systemLocale);
  return createTranslator(language, resolveLocale(language, systemLocale));
}
