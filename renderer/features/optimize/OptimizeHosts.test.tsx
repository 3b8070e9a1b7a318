// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import { say } from '../../../shared/i18n/text.js';
import type { OptimizeOutcome, OptimizeRequest } from '../../../shared/model/optimize.js';
import type { PlanRequest } from '../../../shared/model/plan.js';
import { ok } from '../../../shared/model/result.js';
import { App } from '../../App.js';
import { createFakeBackend, type FakeBackend } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { samplePlan, sampleRun } from '../plan/sample-plans.js';
import { effectiveThresholds } from './OptimizeHostsDialog.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const ribbon = () => within(screen.getByRole('banner', { name: 'Ribbon' }));
const callsOf = <C extends keyof InvokeArgs>(backend: FakeBackend, channel: C) =>
  backend.calls.filter((c) => c.channel === channel).map((c) => c.args as InvokeArgs[C]);

const PINNED: PlanRequest = { kind: 'vms', vms: ['SQL-PROD-01'], to: 'auto', perVm: { 'SQL-PROD-01': 'HV-MI-12' } };

/** What the fake backend answers for Optimize Hosts on CL-MI-22: one move, HV-MI-11 from 90% to 60% memory. */
function outcome(request: OptimizeRequest): OptimizeOutcome {
  return {
    request,
    leastGain: 1.5,
    moves: [
      {
        vm: 'SQL-PROD-01',
        from: 'HV-MI-11',
        to: 'HV-MI-12',
        gain: 30,
        relievesOver: true,
        reason: say('optimize.reason.over', {
          source: 'HV-MI-11',
          sourceDim: { key: 'optimize.dim.memory' },
          sourceBefore: 90,
          sourceAfter: 60,
          dest: 'HV-MI-12',
          destDim: { key: 'optimize.dim.memory' },
          destBefore: 30,
          destAfter: 60,
          gain: 30,
        }),
      },
    ],
    balance: {
      before: {
        hosts: [
          { host: 'HV-MI-11', memoryPercent: 90, cpuPercent: 40 },
          { host: 'HV-MI-12', memoryPercent: 30, cpuPercent: 20 },
        ],
        maxMemoryPercent: 90,
        stdevMemoryPercent: 30,
      },
      after: {
        hosts: [
          { host: 'HV-MI-11', memoryPercent: 60, cpuPercent: 30 },
          { host: 'HV-MI-12', memoryPercent: 60, cpuPercent: 30 },
        ],
        maxMemoryPercent: 60,
        stdevMemoryPercent: 0,
      },
    },
    thresholds: [
      { host: 'HV-MI-11', memoryFreePercent: 30, cpuFreePercent: 25, from: 'All Hosts/Milano' },
      { host: 'HV-MI-12', memoryFreePercent: 30, cpuFreePercent: 25, from: 'All Hosts/Milano' },
    ],
    skipped: [],
    summary: say('optimize.summary', { maxBefore: 90, maxAfter: 60, stdevBefore: 30, stdevAfter: 0 }),
  };
}

async function renderConsole() {
  const backend = createFakeBackend({
    inventory: sampleInventory(),
    handlers: {
      'plan.create': ({ request, whatIf }) => ok(samplePlan(request, whatIf ?? {})),
      'plan.optimize': ({ request, whatIf }) => ok({ ...samplePlan(PINNED, whatIf ?? {}), optimize: outcome(request) }),
      'plan.run': ({ request, whatIf }) => ok(sampleRun(samplePlan(request, whatIf ?? {}))),
      'optimize.thresholds': () => ok({ groups: {}, defaults: { memoryFreePercent: 20, cpuFreePercent: 25 } }),
      'optimize.thresholdsSet': ({ group, thresholds }) =>
        ok({ groups: thresholds ? { [group]: thresholds } : {}, defaults: { memoryFreePercent: 20, cpuFreePercent: 25 } }),
    },
  });
  return renderWithStore(<App />, backend);
}

describe('Optimize Hosts in the console', () => {
  it('is offered on a cluster, not on a host', async () => {
    const rendered = await renderConsole();
    act(() => rendered.store.getState().selectNode('host:hv-mi-11'));
    expect(ribbon().getByRole('button', { name: 'Optimize Hosts' })).toHaveProperty('disabled', true);
    act(() => rendered.store.getState().selectNode('cluster:cl-mi-22'));
    expect(ribbon().getByRole('button', { name: 'Optimize Hosts' })).toHaveProperty('disabled', false);
  });

  it('saves changed thresholds for the cluster’s host group, then shows the plan with the picture and why each move; Run runs the pinned moves', async () => {
    const rendered = await renderConsole();
    act(() => rendered.store.getState().selectNode('cluster:cl-mi-22'));
    fireEvent.click(ribbon().getByRole('button', { name: 'Optimize Hosts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Optimize Hosts: CL-MI-22' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Free memory at least (%)' }), { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('radio', { name: /^High/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Optimize' }));
    const view = await screen.findByRole('region', { name: 'Optimize Hosts: CL-MI-22' });
    expect(callsOf(rendered.backend, 'optimize.thresholdsSet')).toEqual([
      { group: 'All Hosts/Milano', thresholds: { memoryFreePercent: 30, cpuFreePercent: 25 } },
    ]);
    expect(callsOf(rendered.backend, 'plan.optimize')).toEqual([{ request: { scope: { cluster: 'CL-MI-22' }, aggressiveness: 'high' }, whatIf: {} }]);
    await within(view).findByRole('img', { name: 'HV-MI-11 Memory: 90% before, 60% after; threshold 70%' });
    expect(within(view).getByRole('img', { name: 'HV-MI-12 CPU: 20% before, 30% after; threshold 75%' })).toBeTruthy();
    const why = within(view).getByRole('region', { name: 'Why each move' });
    expect(why.textContent).toContain('SQL-PROD-01: HV-MI-11 is over its thresholds: memory 90% → 60%, HV-MI-12 memory 30% → 60% (gain 30 points).');
    fireEvent.click(within(view).getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(callsOf(rendered.backend, 'plan.run')).toEqual([{ request: PINNED, whatIf: {} }]));
    // Running, the plan view keeps the picture and the reasons.
    await within(view).findByRole('progressbar');
    expect(within(view).getByRole('region', { name: 'Why each move' })).toBeTruthy();
  });

  it('a what-if asks Optimize Hosts again, not a plain plan', async () => {
    const rendered = await renderConsole();
    act(() => rendered.store.getState().openOptimize({ scope: { cluster: 'CL-MI-22' }, aggressiveness: 'medium' }));
    const view = await screen.findByRole('region', { name: 'Optimize Hosts: CL-MI-22' });
    await within(view).findByRole('region', { name: 'Why each move' });
    fireEvent.change(within(view).getByRole('combobox', { name: 'Performance option' }), { target: { value: 'SMB' } });
    await waitFor(() => expect(callsOf(rendered.backend, 'plan.optimize').at(-1)?.whatIf).toEqual({ performanceOption: 'SMB' }));
    expect(callsOf(rendered.backend, 'plan.create')).toEqual([]);
  });
});

describe('effectiveThresholds', () => {
  const defaults = { memoryFreePercent: 20, cpuFreePercent: 25 };
  it('takes the group’s own, else the nearest parent’s, else the defaults', () => {
    expect(effectiveThresholds({ groups: {}, defaults }, 'All Hosts/Milano')).toEqual({ thresholds: defaults, from: null });
    const milano = { memoryFreePercent: 10, cpuFreePercent: 10 };
    expect(effectiveThresholds({ groups: { 'All Hosts/Milano': milano }, defaults }, 'All Hosts/Milano/Centro')).toEqual({
      thresholds: milano,
      from: 'All Hosts/Milano',
    });
    expect(effectiveThresholds({ groups: { 'All Hosts': milano }, defaults }, 'All Hosts/Torino')).toEqual({ thresholds: milano, from: 'All Hosts' });
  });
});
