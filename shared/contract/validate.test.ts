import { describe, expect, it } from 'vitest';
import { validateRequest } from './validate.js';
import { INVOKE_CHANNELS } from './channels.js';
import { invokeSchemas } from './invoke.js';

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
});
