import { mainEnMessages, type MainMessages } from '../../shared/i18n/en.js';
import { mainItMessages } from '../../shared/i18n/it.js';
import { originText, renderText, type Text } from '../../shared/i18n/text.js';
import { assertNever } from '../../shared/model/result.js';
import type { LanguagePreference } from '../../shared/model/settings.js';
import { enMessages, type MessageKey, type Messages } from './en.js';
import { itMessages } from './it.js';

/** Languages the console speaks. */
export type Language = 'en' | 'it';

/** Every catalogue, by language. */
export const CATALOGUES: Readonly<Record<Language, Messages>> = { en: enMessages, it: itMessages };

/** The catalogues of the main process's sentences, by language. */
export const MAIN_CATALOGUES: Readonly<Record<Language, MainMessages>> = { en: mainEnMessages, it: mainItMessages };

/** Something the backend said: a catalogue sentence when it sent one, else its English words. */
export interface Spoken {
  message: string;
  text?: Text;
}

/** Values put into a message's `{name}` placeholders; numbers are formatted for the locale. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The base of a plural message: `vmList.count` for `vmList.count.one` / `vmList.count.other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** Turns message keys into text in one language, and formats numbers, sizes and times for its locale. */
export interface Translator {
  readonly language: Language;
  /** BCP 47 locale used for numbers and dates (the OS locale when it speaks this language). */
  readonly locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  /** Picks the plural form for `count` and fills `{count}` in. */
  tn(key: PluralKey, count: number, params?: MessageParams): string;
  formatNumber(value: number, maximumFractionDigits?: number): string;
  /** Memory in MB as MB or GB, like VMM shows it. */
  formatMemoryMB(mb: number): string;
  /** Disk or volume size in GB as GB or TB. */
  formatSizeGB(gb: number): string;
  /** An ISO 8601 time as a short local date and time; empty for null. */
  formatDateTime(iso: string | null): string;
  /** A sentence of the main process (`Text`) in this language, its numbers, sizes and times formatted for the locale. */
  say(text: Text): string;
  /** What the backend said, in this language when it sent the structured form, else its English `message`. */
  spoken(value: Spoken): string;
  /** An inventory's origin or a job's target: the built-in demo's label in this language, anything else as it is. */
  origin(value: string): string;
}

/** Picks the UI language: an explicit preference wins; `system` follows the OS locale; English otherwise. */
export function resolveLanguage(preference: LanguagePreference, systemLocale: string | null | undefined): Language {
  switch (preference) {
    case 'en':
    case 'it':
      return preference;
    case 'system':
      return (systemLocale ?? '').toLowerCase().startsWith('it') ? 'it' : 'en';
    default:
      return assertNever(preference);
  }
}

/** The locale for formatting: the OS locale when it speaks the chosen language, else the language's default. */
export function resolveLocale(language: Language, systemLocale: string | null | undefined): string {
  // Every component that words something asks on every render (hundreds for a large host tree), and
  // canonicalising a locale is not cheap: answer each pair once.
  const key = `${language}|${systemLocale ?? ''}`;
  let locale = resolvedLocales.get(key);
  if (locale === undefined) resolvedLocales.set(key, (locale = canonicalLocale(language, systemLocale)));
  return locale;
}

const resolvedLocales = new Map<string, string>();

function canonicalLocale(language: Language, systemLocale: string | null | undefined): string {
  const candidate = systemLocale ?? '';
  if (candidate.toLowerCase().startsWith(language)) {
    try {
      return Intl.getCanonicalLocales(candidate)[0] ?? language;
    } catch {
      // Not a valid BCP 47 tag (Windows sometimes reports "it_IT"): fall through.
    }
  }
  return language === 'it' ? 'it-IT' : 'en-US';
}

const PLACEHOLDER = /\{(\w+)\}/g;

const cache = new Map<string, Translator>();

/** A translator for a language and locale; one instance per pair, so React can compare it. */
export function createTranslator(language: Language, locale: string): Translator {
  const cacheKey = `${language}|${locale}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const messages = CATALOGUES[language];
  const plurals = new Intl.PluralRules(locale);
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });

  const formatNumber = (value: number, maximumFractionDigits = 0): string => {
    let format = numberFormats.get(maximumFractionDigits);
    if (!format) numberFormats.set(maximumFractionDigits, (format = new Intl.NumberFormat(locale, { maximumFractionDigits })));
    return format.format(value);
  };

  const fill = (text: string, params?: MessageParams): string =>
    params
      ? text.replace(PLACEHOLDER, (whole, name: string) => {
          const value = params[name];
          if (value === undefined) return whole;
          return typeof value === 'number' ? formatNumber(value, 2) : value;
        })
      : text;

  const t = (key: MessageKey, params?: MessageParams): string => fill(messages[key] ?? enMessages[key] ?? key, params);

  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  const formatDateTime = (iso: string | null): string => {
    if (!iso) return '';
    const time = Date.parse(iso);
    return Number.isNaN(time) ? iso : dateFormat.format(time);
  };
  const formatMemoryMB = (mb: number): string =>
    mb >= 1024 ? t('unit.gb', { value: formatNumber(mb / 1024, mb % 1024 === 0 ? 0 : 2) }) : t('unit.mb', { value: formatNumber(mb) });
  const formatSizeGB = (gb: number): string =>
    gb >= 1024 ? t('unit.tb', { value: formatNumber(gb / 1024, 2) }) : t('unit.gb', { value: formatNumber(gb, 1) });
  const say = (value: Text): string =>
    renderText(value, MAIN_CATALOGUES[language], {
      number: (v) => formatNumber(v, 2),
      mb: formatMemoryMB,
      gb: formatSizeGB,
      time: formatDateTime,
      list: (items) => list.format(items),
      plural: (count) => (plurals.select(count) === 'one' ? 'one' : 'other'),
    });

  const translator: Translator = {
    language,
    locale,
    t,
    tn: (key, count, params) => {
      const form = plurals.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}.${form}` as MessageKey, { ...params, count });
    },
    formatNumber,
    formatMemoryMB,
    formatSizeGB,
    formatDateTime,
    say,
    spoken: (value) => (value.text ? say(value.text) : value.message),
    origin: (value) => {
      const label = originText(value);
      return typeof label === 'string' ? label : say(label);
    },
  };
  cache.set(cacheKey, translator);
  return translator;
}
