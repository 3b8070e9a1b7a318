import { describe, expect, it } from 'vitest';
import type { EventContract } from '../../shared/contract/events.js';
import type { Job } from '../../shared/model/job.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { EventHub, type HubEvent } from './event-hub.js';

const job = (id: string, progress: number): Job => ({
  id,
  kind: 'import-inventory',
  name: `Job ${id}`,
  status: 'Running',
  progress,
  owner: 'me',
  target: 't',
  createdAt: '',
  startedAt: null,
  endedAt: null,
  steps: [],
  error: null,
  summary: null,
  waitingFor: null,
  metrics: null,
  restartOf: null,
  move: null,
  groupId: null,
});

describe('the event hub', () => {
  it('sends the first event after a quiet spell at once', () => {
    const hub = new EventHub(250, () => 1000);
    const batches: HubEvent[][] = [];
    hub.subscribe((b) => batches.push(b));
    hub.emit('import.progress', { phase: 'parsing', fraction: 0.1, fileName: 'a' });
    expect(batches).toHaveLength(1);
  });

  it('coalesces a burst: the latest of each event and one entry per job', () => {
    let now = 1000;
    const hub = new EventHub(250, () => now);
    const batches: HubEvent[][] = [];
    hub.subscribe((b) => batches.push(b));
    hub.emit('jobs.changed', { jobs: [job('a', 1)] }); // leading edge, sent at once
    for (let p = 2; p <= 100; p++) hub.emit('jobs.changed', { jobs: [job('a', p), job('b', p)] });
    hub.emit('import.progress', { phase: 'writing', fraction: 0.7, fileName: 'f' });
    now += 250;
    hub.flush();
    expect(batches).toHaveLength(2);
    const second = batches[1];
    expect(second.map((e) => e.name)).toEqual(['jobs.changed', 'import.progress']);
    const jobs = (second[0].payload as { jobs: Job[] }).jobs;
    expect(jobs.map((j) => [j.id, j.progress])).toEqual([
      ['a', 100],
      ['b', 100],
    ]);
  });

  it('merges inventory deltas that follow each other within a window, and drops one that does not follow', () => {
    const now = 1000;
    const hub = new EventHub(250, () => now);
    const batches: HubEvent[][] = [];
    hub.subscribe((b) => batches.push(b));
    const doc = minimalInventory();
    const [vm] = doc.vms;
    const [a, b] = doc.hosts;
    hub.emit('jobs.changed', { jobs: [] }); // leading edge: what follows waits for the window
    hub.emit('inventory.changed', { revision: 5, meta: null, delta: { base: 4, vms: [{ ...vm, host: b.name }], hosts: [a, b] } });
    hub.emit('inventory.changed', { revision: 6, meta: null, delta: { base: 5, vms: [{ ...vm, host: a.name }], hosts: [b] } });
    hub.flush();
    const merged = batches[1].find((e) => e.name === 'inventory.changed')?.payload as EventContract['inventory.changed'];
    expect(merged.revision).toBe(6);
    expect(merged.delta?.base).toBe(4);
    expect(merged.delta?.vms.map((v) => v.host)).toEqual([a.name]);
    expect(merged.delta?.hosts.map((h) => h.name)).toEqual([a.name, b.name]);

    hub.emit('inventory.changed', { revision: 7, meta: null, delta: { base: 6, vms: [], hosts: [a] } });
    hub.emit('inventory.changed', { revision: 9, meta: null, delta: { base: 8, vms: [], hosts: [b] } });
    hub.flush();
    const gap = batches[2].find((e) => e.name === 'inventory.changed')?.payload as EventContract['inventory.changed'];
    expect(gap).toEqual({ revision: 9, meta: null });
  });
});
