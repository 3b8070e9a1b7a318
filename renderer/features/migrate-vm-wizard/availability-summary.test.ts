import { describe, expect, it } from 'vitest';
import { say } from '../../../shared/i18n/text.js';
import type { HostRating, ReasonCode } from '../../../shared/model/placement.js';
import { createTranslator } from '../../i18n/translator.js';
import { hostNote } from './HostRatingGrid.js';
import { availabilitySummary } from './SelectHostPage.js';

const blocked = (host: string, ...codes: ReasonCode[]): HostRating => ({
  host,
  cluster: null,
  rating: 0,
  transferType: null,
  available: false,
  reasons: codes.map((code) => ({ code, ...say('reason.maintenance-mode', { host }) })),
  warnings: [],
  ratingExplanation: [],
  transferExplanation: [],
});
const open = (host: string): HostRating => ({ ...blocked(host), rating: 4, transferType: 'Live', available: true });

const en = createTranslator('en', 'en-US');
const it_ = createTranslator('it', 'it-IT');

describe('Select Host availability line', () => {
  it('counts available hosts with the right plural', () => {
    expect(availabilitySummary([open('A'), blocked('B', 'insufficient-memory')], en)).toBe('1 of 2 hosts is available.');
    expect(availabilitySummary([open('A'), open('B'), blocked('C', 'insufficient-memory')], en)).toBe('2 of 3 hosts are available.');
    expect(availabilitySummary([open('A'), blocked('B', 'insufficient-memory')], it_)).toBe('1 host disponibile su 2.');
  });

  it('when no host is available, counts the hosts by the first reason blocking each, most first', () => {
    const rows = [
      blocked('A', 'processor-version-mismatch', 'insufficient-memory'),
      blocked('B', 'processor-version-mismatch'),
      blocked('C', 'maintenance-mode'),
      blocked('D', 'insufficient-memory'),
      blocked('E', 'processor-version-mismatch'),
    ];
    expect(availabilitySummary(rows, en)).toBe('None of the 5 other hosts is available: 3 processor generation, 1 maintenance mode, 1 memory.');
    expect(availabilitySummary(rows, it_)).toBe(
      'Nessuno dei 5 altri host è disponibile: generazione del processore (3), modalità di manutenzione (1) e memoria (1).',
    );
    expect(availabilitySummary([blocked('A', 'insufficient-memory')], en)).toBe('The only other host is not available: 1 memory.');
  });

  it('words the note of an unavailable host in the admin’s language, without its code', () => {
    const row = blocked('HV-1', 'maintenance-mode');
    expect(hostNote(row, it_.spoken)).toBe('HV-1 è in modalità di manutenzione: interrompi prima la modalità di manutenzione o scegli un altro host.');
    expect(hostNote({ ...row, reasons: [{ code: 'maintenance-mode', message: 'Old backend words' }] }, it_.spoken)).toBe('Old backend words');
  });
});
