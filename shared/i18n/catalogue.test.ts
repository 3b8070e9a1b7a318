import { describe, expect, it } from 'vitest';
import { mainEnMessages } from './en.js';
import { mainItMessages } from './it.js';
import { english, plural, renderText, say, text, type TextFormatters } from './text.js';

const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('main message catalogue', () => {
  it('has the same keys in English and Italian', () => {
    expect(Object.keys(mainItMessages).sort()).toEqual(Object.keys(mainEnMessages).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(mainEnMessages) as (keyof typeof mainEnMessages)[]) {
      expect(placeholders(mainItMessages[key]), key).toEqual(placeholders(mainEnMessages[key]));
    }
  });

  it('has no empty message', () => {
    for (const [key, value] of [...Object.entries(mainEnMessages), ...Object.entries(mainItMessages)]) expect(value.trim(), key).not.toBe('');
  });

  it('gives every plural message both forms', () => {
    for (const key of Object.keys(mainEnMessages)) {
      if (key.endsWith('.one')) expect(Object.keys(mainEnMessages), key).toContain(key.replace(/\.one$/, '.other'));
    }
  });

  it('uses one Italian word for Live everywhere', () => {
    for (const value of Object.values(mainItMessages)) expect(value).not.toMatch(/\bLive\b|Dinamic/);
  });
});

const italian: TextFormatters = {
  number: (v) => new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 }).format(v),
  mb: (v) => `${v} MB`,
  gb: (v) => `${v} GB`,
  time: (iso) => iso,
  list: (items) => new Intl.ListFormat('it-IT', { type: 'conjunction' }).format(items),
  plural: (count) => (new Intl.PluralRules('it-IT').select(count) === 'one' ? 'one' : 'other'),
};

describe('sentences', () => {
  it('say() gives English words and the structured form of one sentence', () => {
    expect(say('reason.maintenance-mode', { host: 'HV-1' })).toEqual({
      message: 'HV-1 is in maintenance mode: stop maintenance mode on it first, or pick another host.',
      text: { key: 'reason.maintenance-mode', params: { host: 'HV-1' } },
    });
  });

  it('picks the plural form from the count and fills {count}', () => {
    expect(english(plural('transfer.vhds', 1))).toBe('1 VHD');
    expect(english(plural('transfer.vhds', 3))).toBe('3 VHDs');
  });

  it('renders nested sentences, lists, memory and sizes in the chosen language', () => {
    const off = plural('reason.live-migration-disabled', 2, {
      hosts: { list: [text('reason.role.source', { host: 'HV-1' }), text('reason.role.destination', { host: 'HV-2' })] },
    });
    expect(english(off)).toContain('HV-1 (the source) and HV-2 (the destination)');
    expect(renderText(off, mainItMessages, italian)).toContain('HV-1 (l’origine) e HV-2 (la destinazione)');
    expect(renderText(off, mainItMessages, italian)).toContain('ciascun host');
    expect(english(text('transfer.copied.memory', { memory: { mb: 4096.2 }, storage: 'volume D:\\' }))).toContain('(4097 MB)');
    expect(renderText(text('rating.head', { rating: 3.5, host: 'HV-1' }), mainItMessages, italian)).toMatch(/^3,5 stelle su 5/);
  });

  it('falls back to the English template, then to the key, for a sentence the catalogue lacks', () => {
    const partial = { ...mainItMessages } as Record<string, string>;
    delete partial['reason.maintenance-mode'];
    expect(renderText(text('reason.maintenance-mode', { host: 'H' }), partial as typeof mainItMessages, italian)).toContain('H is in maintenance mode');
    expect(renderText({ key: 'no.such.key' as never }, mainItMessages, italian)).toBe('no.such.key');
  });
});
