import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostRating } from '../../shared/model/placement.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, createHandlers, dispatch, type AppServices, type Handlers } from './app-services.js';

// Select Host through the channel the console uses (issue 16 point 4): every row without its explanations for a
// grid of thousands of hosts, then one row with them; the default answer (the API's and `ferry hosts --json`'s) is whole.

let dir: string;
let s: AppServices;
let handlers: Handlers;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-selecthosts-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', seedDemo: true, connector: () => new ManualConnector() });
  handlers = createHandlers(s, { transport: 'websocket', systemLocale: 'en-US' });
});
afterEach(async () => {
  await s.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** The rows as the headless host sends them (JSON), read back. */
async function rows(args: Record<string, unknown>): Promise<HostRating[]> {
  const r = await dispatch(handlers, 'placement.selectHosts', args);
  if (!r.ok) throw new Error(r.error.message);
  return JSON.parse(JSON.stringify(r.value)) as HostRating[];
}

describe('placement.selectHosts', () => {
  it('answers every row with its explanations, in words and as sentences, by default', async () => {
    const all = await rows({ vm: 'WEB-MI-01' });
    expect(all.length).toBeGreaterThan(3);
    for (const row of all) {
      expect(row.ratingExplanation.length).toBeGreaterThan(0);
      expect(row.transferExplanation.length).toBeGreaterThan(0);
      expect(row.ratingExplanationText?.length).toBe(row.ratingExplanation.length);
      for (const r of row.reasons) expect(r.message.length).toBeGreaterThan(0);
    }
  });

  it('leaves the explanations out with explain: false, keeping ratings, transfer types, reasons and warnings', async () => {
    const whole = await rows({ vm: 'WEB-MI-01' });
    const lean = await rows({ vm: 'WEB-MI-01', explain: false });
    expect(lean.map((r) => [r.host, r.rating, r.transferType, r.available])).toEqual(whole.map((r) => [r.host, r.rating, r.transferType, r.available]));
    expect(lean.map((r) => r.reasons)).toEqual(whole.map((r) => r.reasons));
    expect(lean.map((r) => r.warnings)).toEqual(whole.map((r) => r.warnings));
    for (const row of lean) {
      expect(row.ratingExplanation).toEqual([]);
      expect(row.transferExplanation).toEqual([]);
      expect(row.ratingExplanationText).toBeUndefined();
    }
    expect(JSON.stringify(lean).length).toBeLessThan(JSON.stringify(whole).length / 2);
  });

  it('answers only the hosts asked for, ignoring case, rated as among all hosts', async () => {
    const whole = await rows({ vm: 'WEB-MI-01' });
    const pick = whole[whole.length - 1];
    const one = await rows({ vm: 'WEB-MI-01', hosts: [pick.host.toLowerCase()] });
    expect(one).toEqual([pick]);
  });

  it('refuses a hosts list that is not a list of names, saying where', async () => {
    const r = await dispatch(handlers, 'placement.selectHosts', { vm: 'WEB-MI-01', hosts: 'HV-TO-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/hosts/);
    const bad = await dispatch(handlers, 'placement.selectHosts', { vm: 'WEB-MI-01', explain: 'no' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/explain/);
  });
});
