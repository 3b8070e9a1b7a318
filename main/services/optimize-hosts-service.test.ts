import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/model/plan.js';
import { skewedClusterEstate } from '../../test/fixtures/skewed-cluster.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, createHandlers, dispatch, type AppServices } from './app-services.js';

// Optimize Hosts through the channels the console uses: real SQLite, the real scheduler, moves ended by the test.

let dir = '';
let s: AppServices | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<{ services: AppServices; connector: ManualConnector; call: (channel: string, args: unknown) => Promise<unknown> }> {
  dir = mkdtempSync(join(tmpdir(), 'ferry-optimize-'));
  const connector = new ManualConnector();
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => connector });
  const imported = await s.inventory.importText('skewed.json', JSON.stringify(skewedClusterEstate({ nodes: 6, vms: 60 })));
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  const handlers = createHandlers(s, { transport: 'websocket', systemLocale: 'en-US' });
  return { services: s, connector, call: (channel, args) => dispatch(handlers, channel, args) };
}

describe('plan.optimize and the thresholds channels', () => {
  it('answers a plan of the chosen VMs pinned to their destinations, with the balance and each move’s reason; Run runs exactly those moves', async () => {
    const { services, call } = await open();
    const r = (await call('plan.optimize', { request: { scope: { cluster: 'CL-SKEW' }, aggressiveness: 'medium' } })) as {
      ok: true;
      value: Plan;
    };
    expect(r.ok).toBe(true);
    const plan = r.value;
    expect(plan.moves.length).toBeGreaterThan(0);
    expect(plan.optimize?.moves.map((m) => [m.vm, m.to])).toEqual(plan.moves.map((m) => [m.vm, m.to]));
    expect(plan.moves.every((m) => m.chosen === 'pinned')).toBe(true);
    expect(plan.request).toMatchObject({ kind: 'vms', to: 'auto' });
    expect(plan.optimize?.balance.after.maxMemoryPercent).toBeLessThan(plan.optimize?.balance.before.maxMemoryPercent ?? 0);
    // Save Plan keeps the picture: the saved plan is Optimize Hosts answered again, balance and reasons included.
    const saved = (await call('plan.save', {
      name: 'Balance CL-SKEW',
      request: plan.request,
      optimize: { scope: { cluster: 'CL-SKEW' }, aggressiveness: 'medium' },
    })) as { ok: true; value: { plan: Plan } };
    expect(saved.value.plan.optimize?.balance).toEqual(plan.optimize?.balance);
    expect(saved.value.plan.moves.map((m) => m.vm)).toEqual(plan.moves.map((m) => m.vm));
    const run = services.plans.run(plan.request);
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.jobs.map((j) => [j.target, j.move?.destinationHost])).toEqual(plan.moves.map((m) => [m.vm, m.to]));
  });

  it('refuses a request that is not well formed, saying where', async () => {
    const { call } = await open();
    const bad = (await call('plan.optimize', { request: { scope: { cluster: 'CL-SKEW' }, aggressiveness: 'extreme' } })) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toContain('aggressiveness');
    const none = (await call('plan.optimize', { request: { scope: { cluster: 'CL-NOPE' }, aggressiveness: 'low' } })) as { ok: false; error: { code: string } };
    expect(none).toMatchObject({ ok: false, error: { code: 'cluster-not-found' } });
  });

  it('keeps a host group’s thresholds in the database, applies them, and removes them on null', async () => {
    const { services, call } = await open();
    expect(await call('optimize.thresholds', {})).toEqual({ ok: true, value: { groups: {}, defaults: { memoryFreePercent: 20, cpuFreePercent: 25 } } });
    const set = await call('optimize.thresholdsSet', { group: 'all hosts/milano', thresholds: { memoryFreePercent: 35, cpuFreePercent: 30 } });
    expect(set).toMatchObject({ ok: true, value: { groups: { 'All Hosts/Milano': { memoryFreePercent: 35, cpuFreePercent: 30 } } } });
    const plan = services.plans.optimize({ scope: { cluster: 'CL-SKEW' }, aggressiveness: 'medium' });
    expect(plan.ok && plan.value.optimize?.thresholds[0]).toMatchObject({ memoryFreePercent: 35, from: 'All Hosts/Milano' });
    await call('optimize.thresholdsSet', { group: 'All Hosts/Milano', thresholds: null });
    expect(await call('optimize.thresholds', {})).toMatchObject({ ok: true, value: { groups: {} } });
  });

  it('refuses thresholds out of range and a host group the inventory lacks', async () => {
    const { call } = await open();
    const high = (await call('optimize.thresholdsSet', { group: 'All Hosts', thresholds: { memoryFreePercent: 95, cpuFreePercent: 25 } })) as {
      ok: false;
      error: { message: string };
    };
    expect(high.ok).toBe(false);
    expect(high.error.message).toContain('memoryFreePercent');
    expect(await call('optimize.thresholdsSet', { group: 'All Hosts/Atlantide', thresholds: { memoryFreePercent: 10, cpuFreePercent: 10 } })).toMatchObject({
      ok: false,
      error: { code: 'host-group-not-found' },
    });
  });
});
