import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/model/job.js';
import { createAppServices, createHandlers, dispatch, type AppServices } from './app-services.js';

// The entry points this session added (placement-rule edits, Optimize Hosts and its thresholds), as an adversary
// reaches them: malformed requests answer bad-request and the services keep serving; two submitters editing one
// rule at once end with one rule, one job done and one refused.

let dir: string;
let s: AppServices;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-hostile-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db') });
  expect((await s.inventory.loadDemo()).ok).toBe(true);
  handlers = createHandlers(s, { transport: 'websocket', systemLocale: 'it-IT' });
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

let deep: unknown = 'x';
for (let i = 0; i < 5_000; i++) deep = [deep];

const HOSTILE: unknown[] = [
  null,
  'plan',
  42,
  [],
  {},
  { vm: 'DC-MI-01', possibleOwners: 'HV-MI-01', preferredOwners: [], availabilitySets: [] },
  { vm: 'x'.repeat(100_000), possibleOwners: null, preferredOwners: [], availabilitySets: [] },
  { rule: { name: 'R', type: 'Nearby', vms: ['DC-MI-01', 'DC-MI-02'], required: true } },
  { rule: { name: 'R', type: 'SameNode', vms: ['DC-MI-01', 'DC-MI-02'], required: 'yes' } },
  { request: { scope: { cluster: 'CL-MI-22' }, aggressiveness: 'extreme' } },
  { request: { scope: { cluster: 'CL-MI-22', group: 'All Hosts' }, aggressiveness: 'low' } },
  { group: 'All Hosts/Milano', thresholds: { memoryFreePercent: -5, cpuFreePercent: 25 } },
  { group: 'All Hosts/Milano', thresholds: { memoryFreePercent: Number.POSITIVE_INFINITY, cpuFreePercent: 25 } },
  { group: 'All Hosts/Milano', thresholds: { memoryFreePercent: 20, cpuFreePercent: 25, extra: 1 } },
  { __proto__: { vm: 'DC-MI-01' } },
  deep,
];

const CHANNELS = [
  'placementRules.vmSet',
  'placementRules.ruleSet',
  'placementRules.ruleRemove',
  'script.placementRules',
  'plan.optimize',
  'optimize.thresholdsSet',
] as const;

describe('malformed requests to the placement-rule and Optimize Hosts channels', () => {
  it('are refused as bad-request, never an internal error, and the services keep serving', async () => {
    for (const channel of CHANNELS) {
      for (const [i, args] of HOSTILE.entries()) {
        const r = await dispatch(handlers, channel, args);
        expect(r.ok, `${channel}, hostile request ${i}`).toBe(false);
        if (!r.ok) expect(r.error.code, `${channel}, hostile request ${i}`).toBe('bad-request');
      }
    }
    // Nothing changed, and a good request is served.
    expect(s.inventory.snapshot().inventory.affinityRules?.some((r) => r.name === 'R')).toBeFalsy();
    const thresholds = await dispatch(handlers, 'optimize.thresholds', undefined);
    expect(thresholds.ok).toBe(true);
    const plan = await dispatch(handlers, 'plan.optimize', { request: { scope: { cluster: 'CL-MI-22' }, aggressiveness: 'medium' } });
    expect(plan.ok).toBe(true);
  });

  it('names what is not there: an unknown cluster, host group or rule', async () => {
    const cluster = await dispatch(handlers, 'plan.optimize', { request: { scope: { cluster: 'CL-NOPE' }, aggressiveness: 'low' } });
    expect(cluster).toMatchObject({ ok: false, error: { code: 'cluster-not-found', text: { key: 'err.noCluster' } } });
    const group = await dispatch(handlers, 'optimize.thresholdsSet', { group: 'All Hosts/Nowhere', thresholds: null });
    expect(group).toMatchObject({ ok: false, error: { code: 'host-group-not-found' } });
    const rule = await dispatch(handlers, 'placementRules.ruleRemove', { name: 'no-such-rule' });
    expect(rule).toMatchObject({ ok: false, error: { code: 'rule-not-found', text: { key: 'rules.notFound' } } });
  });
});

describe('two submitters adding the same affinity rule at once', () => {
  it('end with one rule: the first job records it, the second is checked again when its turn comes and refused', async () => {
    const rule = { name: 'web-apart', type: 'DifferentNode' as const, vms: ['WEB-TO-01', 'WEB-TO-02'], required: true };
    const a = s.placementRules.ruleSet(rule);
    const b = s.placementRules.ruleSet({ ...rule, name: 'WEB-APART' });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const ends = (await Promise.all([a.value.done, b.value.done])) as Job[];
    expect(ends.map((j) => j.status).sort()).toEqual(['Completed', 'Failed']);
    const failed = ends.find((j) => j.status === 'Failed');
    expect(failed?.error?.problem).toMatch(/duplicate affinity rule/);
    expect(failed?.error?.problemText).toBeDefined();
    const names = (s.inventory.snapshot().inventory.affinityRules ?? []).map((r) => r.name.toLowerCase()).filter((n) => n === 'web-apart');
    expect(names).toEqual(['web-apart']);
  });
});

describe('two processes adding different affinity rules at once', () => {
  it('keep both: each records its rule against the rules in the database, not the list it checked earlier', async () => {
    const other = await createAppServices({ databasePath: join(dir, 'ferry.db') });
    try {
      const a = s.placementRules.ruleSet({ name: 'web-to-apart', type: 'DifferentNode', vms: ['WEB-TO-01', 'WEB-TO-02'], required: true });
      const b = other.placementRules.ruleSet({ name: 'sql-to-apart', type: 'DifferentNode', vms: ['SQL-TO-01', 'SQL-TO-02'], required: true });
      expect(a.ok && b.ok).toBe(true);
      if (!a.ok || !b.ok) return;
      const ends = (await Promise.all([a.value.done, b.value.done])) as Job[];
      expect(ends.map((j) => j.status)).toEqual(['Completed', 'Completed']);
      for (const services of [s, other]) {
        const names = (services.inventory.snapshot().inventory.affinityRules ?? []).map((r) => r.name);
        expect(names).toEqual(expect.arrayContaining(['web-to-apart', 'sql-to-apart']));
      }
    } finally {
      await other.close();
    }
  });
});
