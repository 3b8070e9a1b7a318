import { describe, expect, it } from 'vitest';
import { enMessages } from './en.js';
import { itMessages } from './it.js';
import { createTranslator, resolveLanguage, resolveLocale } from './translator.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('has the same keys in English and Italian', () => {
    expect(Object.keys(itMessages).sort()).toEqual(Object.keys(enMessages).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(enMessages) as (keyof typeof enMessages)[]) {
      expect(placeholders(itMessages[key]), key).toEqual(placeholders(enMessages[key]));
    }
  });

  it('has no empty message', () => {
    for (const [key, text] of [...Object.entries(enMessages), ...Object.entries(itMessages)]) expect(text.trim(), key).not.toBe('');
  });

  it('uses one Italian word for Live everywhere: “in tempo reale”', () => {
    for (const [key, text] of Object.entries(itMessages)) expect(text, key).not.toMatch(/\blive\b|dinamic/i);
  });

  it('gives every plural message both forms', () => {
    for (const key of Object.keys(enMessages)) {
      if (key.endsWith('.one')) expect(Object.keys(enMessages), key).toContain(key.replace(/\.one$/, '.other'));
    }
  });
});

describe('language choice', () => {
  it('follows an Italian OS when the preference is system', () => {
    expect(resolveLanguage('system', 'it-IT')).toBe('it');
    expect(resolveLanguage('system', 'en-GB')).toBe('en');
  });

  it('falls back to English for languages it does not speak', () => {
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('system', null)).toBe('en');
  });

  it('lets an explicit choice win over the OS', () => {
    expect(resolveLanguage('en', 'it-IT')).toBe('en');
    expect(resolveLanguage('it', 'en-US')).toBe('it');
  });

  it('formats with the OS locale only when it speaks the chosen language', () => {
    expect(resolveLocale('en', 'en-GB')).toBe('en-GB');
    expect(resolveLocale('en', 'it-IT')).toBe('en-US');
    expect(resolveLocale('it', 'it_IT')).toBe('it-IT');
  });
});

describe('translator', () => {
  it('fills parameters and picks the plural form', () => {
    const en = createTranslator('en', 'en-US');
    expect(en.tn('vmList.count', 1)).toBe('1 virtual machine');
    expect(en.tn('vmList.count', 25000)).toBe('25,000 virtual machines');
    expect(en.t('vmList.shown', { shown: 12, total: 46 })).toBe('12 of 46 shown');
  });

  it('speaks Italian with Italian number formatting', () => {
    const it_ = createTranslator('it', 'it-IT');
    expect(it_.tn('vmList.count', 25000)).toBe('25.000 macchine virtuali');
    expect(it_.formatMemoryMB(1536)).toBe('1,5 GB');
  });

  it('shows memory like VMM: MB below a gigabyte, GB above', () => {
    const en = createTranslator('en', 'en-US');
    expect(en.formatMemoryMB(512)).toBe('512 MB');
    expect(en.formatMemoryMB(32768)).toBe('32 GB');
  });
});
