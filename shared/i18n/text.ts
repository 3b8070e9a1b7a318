import { mainEnMessages, type MainMessageKey, type MainMessages } from './en.js';

/** The base of a plural message of the main catalogue: `x` for `x.one` / `x.other`. */
export type MainPluralKey = MainMessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** A key a `Text` names: a message, or the base of a plural message (then `count` picks the form). */
export type TextKey = Exclude<MainMessageKey, `${string}.one` | `${string}.other`> | MainPluralKey;

/**
 * A parameter of a sentence, carried raw and formatted when the sentence is rendered in a language:
 * numbers, memory in MB, sizes in GB, ISO times, a list of parameters (joined "a, b and c"), or a nested sentence.
 */
export type TextParam =
  string | number | Text | { readonly mb: number } | { readonly gb: number } | { readonly time: string } | { readonly list: readonly TextParam[] };

/** A sentence the main process says, as a catalogue key with raw parameters: the renderer words it in the user's language. */
export interface Text {
  readonly key: TextKey;
  readonly params?: Readonly<Record<string, TextParam>>;
  /** For a plural message: the count that picks `.one` or `.other`, also filled into `{count}`. */
  readonly count?: number;
}

/** A sentence both ways: English words for the CLI and JSON, and the structured form the console renders. */
export interface Said {
  message: string;
  text: Text;
}

/** Formats a rendered sentence's parameters for one locale. */
export interface TextFormatters {
  number(value: number): string;
  mb(value: number): string;
  gb(value: number): string;
  time(iso: string): string;
  list(items: readonly string[]): string;
  /** The plural category of a count: only `one` and `other` are in the catalogue. */
  plural(count: number): 'one' | 'other';
}

/** A sentence: `text('reason.maintenance-mode', { host })`. */
export function text(key: TextKey, params?: Record<string, TextParam>): Text {
  return params ? { key, params } : { key };
}

/** A plural sentence: `plural('placement.vhds', 3)`. */
export function plural(key: MainPluralKey, count: number, params?: Record<string, TextParam>): Text {
  return params ? { key, count, params } : { key, count };
}

/** The origin label of the built-in demo inventory as stored (data, in English); the console shows `inventory.demo` for it. */
export const DEMO_ORIGIN = 'Built-in demo estate';

/** The root of every host group path, as the inventory stores it (data, in English); the console words it. */
export const ALL_HOSTS = 'All Hosts';

/** A host group path as a sentence's part: its root "All Hosts" in the admin's language ("Tutti gli host/Roma"). */
export function groupText(path: string): Text | string {
  if (path === ALL_HOSTS) return text('group.root', { rest: '' });
  return path.startsWith(`${ALL_HOSTS}/`) ? text('group.root', { rest: path.slice(ALL_HOSTS.length) }) : path;
}

/** An inventory's origin label (or a job's target) as the console shows it: the demo's in the catalogue, a host group's root worded, else as it is. */
export function originText(origin: string): Text | string {
  return origin === DEMO_ORIGIN ? text('inventory.demo') : groupText(origin);
}

/** Whether a value is a `Text` (a nested sentence) rather than another kind of parameter. */
export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

/** Templates split once at their placeholders: literal, name, literal, …, literal (sentences are rendered by the thousand). */
const compiled = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  return parts;
}

/** A message of `messages`, else of the English catalogue. */
function lookup(messages: MainMessages, key: string): string | undefined {
  return (messages as Record<string, string | undefined>)[key] ?? (mainEnMessages as Record<string, string | undefined>)[key];
}

/** One parameter in words. */
function param(p: TextParam, messages: MainMessages, format: TextFormatters): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return format.number(p);
  if (isText(p)) return renderText(p, messages, format);
  if ('mb' in p) return format.mb(p.mb);
  if ('gb' in p) return format.gb(p.gb);
  if ('time' in p) return format.time(p.time);
  return format.list(p.list.map((item) => param(item, messages, format)));
}

/**
 * Words a sentence from `messages` (falling back to English for a key it lacks, and to the key itself for an
 * unknown one, so an old or newer backend never blanks a sentence), formatting its parameters with `format`.
 */
export function renderText(value: Text, messages: MainMessages, format: TextFormatters): string {
  const key = value.count === undefined ? value.key : `${value.key}.${format.plural(value.count)}`;
  const template = lookup(messages, key) ?? lookup(messages, `${value.key}.other`) ?? value.key;
  const parts = partsOf(template);
  const params = value.params;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const p = params?.[name];
    out +=
      (name === 'count' && value.count !== undefined ? format.number(value.count) : p === undefined ? `{${name}}` : param(p, messages, format)) + parts[i + 1];
  }
  return out;
}

const englishList = new Intl.ListFormat('en', { type: 'conjunction' });

/**
 * The formatting of English sentences written by the main process (CLI, JSON `message`, job records):
 * numbers as they are (two decimals at most), memory in whole MB, sizes in GB rounded up to one decimal, times as ISO.
 */
export const PLAIN_ENGLISH_FORMAT: TextFormatters = {
  number: (v) => String(Math.round(v * 100) / 100),
  mb: (mb) => `${Math.ceil(mb)} MB`,
  gb: (gb) => `${Number.isInteger(gb) ? gb : Math.ceil(gb * 10) / 10} GB`,
  time: (iso) => iso,
  list: (items) => englishList.format(items),
  plural: (count) => (count === 1 ? 'one' : 'other'),
};

/** A sentence in English words, as the CLI and the JSON contract carry it. */
export function english(value: Text): string {
  return renderText(value, mainEnMessages, PLAIN_ENGLISH_FORMAT);
}

/** A sentence both ways: `{ message: english words, text }`. */
export function say(key: TextKey, params?: Record<string, TextParam>): Said {
  const value = text(key, params);
  return { message: english(value), text: value };
}

/** A plural sentence both ways. */
export function sayPlural(key: MainPluralKey, count: number, params?: Record<string, TextParam>): Said {
  const value = plural(key, count, params);
  return { message: english(value), text: value };
}

/** English words and the structured form of a sentence already built. */
export function said(value: Text): Said {
  return { message: english(value), text: value };
}

/** Sentences one after the other, as one `Text` ("A. B."): each a catalogue sentence or words already said. */
export function sentences(items: readonly (Text | string)[]): Text {
  if (items.length === 0) return text('list', { items: '' });
  return items.slice(1).reduce<Text>((all, next) => text('join.sentences', { first: all, second: next }), text('list', { items: items[0] }));
}

/** The type of the main catalogue, re-exported for the Italian one. */
export type { MainMessages, MainMessageKey };
