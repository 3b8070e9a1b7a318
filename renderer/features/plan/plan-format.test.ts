import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translator.js';
import { makeMoveJob } from '../../testing/sample-jobs.js';
import { differingDestinations, formatTick, groupJobsByVm, planHosts, timeAxis, whatIfSet } from './plan-format.js';
import { samplePlan } from './sample-plans.js';

const en = createTranslator('en', 'en-US');

describe('time axis', () => {
  it('ends on a round step past the window, with a tick per step', () => {
    expect(timeAxis(53.1)).toEqual({ end: 60, ticks: [0, 10, 20, 30, 40, 50, 60] });
    expect(timeAxis(91)).toEqual({ end: 105, ticks: [0, 15, 30, 45, 60, 75, 90, 105] });
    expect(timeAxis(2580)).toEqual({ end: 3000, ticks: [0, 600, 1200, 1800, 2400, 3000] });
  });

  it('never has more than the ticks asked for, nor an empty span', () => {
    for (const span of [0, 0.4, 7, 59, 61, 599, 3601, 86_000, 400_000]) {
      const axis = timeAxis(span);
      expect(axis.end).toBeGreaterThanOrEqual(span);
      expect(axis.ticks.length - 1).toBeLessThanOrEqual(8);
      expect(axis.ticks[0]).toBe(0);
      expect(axis.ticks.at(-1)).toBeCloseTo(axis.end);
    }
  });

  it('labels ticks in seconds, minutes and hours', () => {
    expect(formatTick(en, 30)).toBe('30 s');
    expect(formatTick(en, 120)).toBe('2 min');
    expect(formatTick(en, 90)).toBe('1 min 30 s');
    expect(formatTick(en, 3600)).toBe('1 h');
    expect(formatTick(en, 5400)).toBe('1 h 30 min');
  });
});

describe('plan helpers', () => {
  it('lists the hosts a plan involves, with any host whose limit was changed', () => {
    const plan = samplePlan();
    expect(planHosts(plan, plan.request, {})).toEqual(['HV-MI-11', 'HV-MI-12']);
    expect(planHosts(plan, { kind: 'evacuate', host: 'HV-MI-20', cannotMove: 'save' }, { limits: { 'HV-TO-01': { live: 1 } } })).toEqual([
      'HV-MI-11',
      'HV-MI-12',
      'HV-MI-20',
      'HV-TO-01',
    ]);
  });

  it('finds the destinations two plans disagree on, and VMs only one of them moves', () => {
    const a = samplePlan();
    const b = samplePlan(a.request, { performanceOption: 'SMB' });
    expect(differingDestinations(a, a)).toEqual([]);
    expect(differingDestinations(a, b)).toEqual([{ vm: 'web-01', current: 'HV-MI-12', saved: 'HV-MI-20' }]);
    const fewer = { ...b, moves: b.moves.slice(0, 1) };
    expect(differingDestinations(a, fewer)).toEqual([{ vm: 'web-01', current: 'HV-MI-12', saved: null }]);
  });

  it('matches each VM to its group’s latest job only', () => {
    const jobs = [
      makeMoveJob('j3', 'web-01', 'HV-MI-11', 'HV-MI-12', { groupId: 'g2', status: 'Failed' }),
      makeMoveJob('j2', 'WEB-01', 'HV-MI-11', 'HV-MI-12', { groupId: 'g1', status: 'Running' }),
      makeMoveJob('j1', 'web-01', 'HV-MI-11', 'HV-MI-12', { groupId: 'g1', status: 'Canceled' }),
      makeMoveJob('j0', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', { groupId: null }),
    ];
    const byVm = groupJobsByVm(jobs, 'g1');
    expect([...byVm.entries()].map(([vm, job]) => [vm, job.id])).toEqual([['web-01', 'j2']]);
    expect(groupJobsByVm(jobs, null).size).toBe(0);
  });

  it('tells whether any what-if is set', () => {
    expect(whatIfSet({})).toBe(false);
    expect(whatIfSet({ performanceOption: null, bandwidthCapGbps: null, naive: false })).toBe(false);
    expect(whatIfSet({ naive: true })).toBe(true);
    expect(whatIfSet({ limits: { 'HV-MI-11': { live: 1 } } })).toBe(true);
  });
});
