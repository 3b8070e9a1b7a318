import { describe, expect, it } from 'vitest';
import { validateRequest } from './validate.js';
import { INVOKE_CHANNELS } from './channels.js';
import { MAX_INVENTORY_PAGE } from '../model/inventory-page.js';
import { invokeSchemas, MAX_IMPORT_CHARS } from './invoke.js';

describe('contract validation', () => {
  it('has a schema for every channel name and no other', () => {
    expect(Object.keys(invokeSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('accepts a well-formed request', () => {
    expect(validateRequest('jobs.list', { limit: 10 })).toEqual({ ok: true, value: { channel: 'jobs.list', args: { limit: 10 } } });
  });

  it('refuses an unknown channel', () => {
    expect(validateRequest('inventory.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(validateRequest('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses an argument of the wrong type, naming the field', () => {
    const r = validateRequest('inventory.import', { fileName: 'a.json', content: 42 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Invalid arguments for inventory.import: content:/);
  });

  it('refuses an inventory page with a negative offset, no VMs or more than a page can carry', () => {
    for (const args of [
      { offset: -1, limit: 10 },
      { offset: 0, limit: 0 },
      { offset: 0, limit: MAX_INVENTORY_PAGE + 1 },
      { offset: 0.5, limit: 10 },
    ]) {
      expect(validateRequest('inventory.page', args)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(validateRequest('inventory.page', { offset: 200, limit: MAX_INVENTORY_PAGE })).toMatchObject({ ok: true });
  });

  it('refuses extra fields', () => {
    expect(validateRequest('inventory.get', { sql: 'DROP TABLE vms' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses a value outside its enumeration', () => {
    expect(validateRequest('settings.set', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('takes hidden columns the lists know, and refuses hiding Name or a column no list has', () => {
    expect(validateRequest('settings.set', { hiddenColumns: { vms: ['memory'], jobs: ['timeLeft'] } }).ok).toBe(true);
    expect(validateRequest('settings.set', { hiddenColumns: { vms: ['name'], jobs: [] } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(validateRequest('settings.set', { hiddenColumns: { vms: [], jobs: ['owner'] } }).ok).toBe(false);
  });

  it('refuses a limit out of range', () => {
    expect(validateRequest('jobs.list', { limit: 0 }).ok).toBe(false);
    expect(validateRequest('jobs.list', { limit: 1.5 }).ok).toBe(false);
  });

  it('refuses a channel nested 100,000 arrays deep without overflowing the stack', () => {
    let channel: unknown = 'app.info';
    for (let i = 0; i < 100_000; i++) channel = [channel];
    expect(validateRequest(channel, {})).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'Unknown request channel an array.' } });
  });

  it('refuses arguments nested deeper than 32 levels before any schema sees them', () => {
    let args: unknown = 1;
    for (let i = 0; i < 100_000; i++) args = { limit: args };
    expect(validateRequest('jobs.list', args)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'Invalid arguments for jobs.list: they nest deeper than 32 levels.' },
    });
  });

  it('repeats only 60 characters of a long channel name', () => {
    const r = validateRequest('y'.repeat(1_000_000), {});
    expect(r).toEqual({ ok: false, error: { code: 'unknown-channel', message: `Unknown request channel "${'y'.repeat(60)}"… (1000000 characters).` } });
  });

  it('answers at most 20 problems for a request with many bad fields', () => {
    const r = validateRequest('inventory.get', Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.length).toBeLessThan(1000);
  });

  it('refuses an import larger than 100 MiB, naming the limit', () => {
    const r = validateRequest('inventory.import', { fileName: 'huge.json', content: ' '.repeat(MAX_IMPORT_CHARS + 1) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'Invalid arguments for inventory.import: content: the file is larger than the 100 MiB Ferry imports' },
    });
  });
});
