import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { skewedClusterEstate } from '../../../test/fixtures/skewed-cluster.js';
import type { Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { OptimizeOutcome, OptimizeRequest } from '../../../shared/model/optimize.js';
import { greedyBaseline } from './greedy-baseline.js';
import { optimizeHosts } from './optimize-hosts.js';
import { hostThresholds } from './thresholds.js';

function run(doc: InventoryDocument, request: Partial<OptimizeRequest> = {}, thresholds = {}): OptimizeOutcome {
  const r = optimizeHosts(doc, { scope: { cluster: 'CL-SKEW' }, aggressiveness: 'medium', ...request }, thresholds);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A cluster CL-SKEW of nodes with the given memory in use (GB of 100) and VMs (name, host, GB). */
function estate(usedGB: number[], vms: { name: string; host: number; gb: number; ha?: boolean; state?: Vm['state']; share?: boolean }[]): InventoryDocument {
  const base = minimalInventory();
  const hosts: Host[] = usedGB.map((u, i) => ({
    ...base.hosts[0],
    name: `HV-${i + 1}`,
    fqdn: `hv-${i + 1}.contoso.com`,
    cluster: 'CL-SKEW',
    cpu: { ...base.hosts[0].cpu, usagePercent: 10 },
    memory: { totalMB: 100 * 1024, availableMB: (100 - u) * 1024, reserveMB: 256 },
  }));
  return {
    ...base,
    clusters: [{ ...base.clusters[0], name: 'CL-SKEW' }],
    hosts,
    vms: vms.map((v, i) => ({
      ...base.vms[0],
      name: v.name,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      host: `HV-${v.host}`,
      memoryMB: v.gb * 1024,
      highlyAvailable: v.ha ?? true,
      state: v.state ?? 'Running',
      configurationPath: `C:\\ClusterStorage\\Volume1\\${v.name}`,
      disks: [{ path: `C:\\ClusterStorage\\Volume1\\${v.name}\\os.vhdx`, sizeGB: 60, shared: false }],
    })),
  };
}

describe('Optimize Hosts', () => {
  it('evens out a skewed cluster: the busiest host comes down, the spread shrinks, every move stays in the cluster', () => {
    const doc = skewedClusterEstate({ nodes: 16, vms: 400 });
    const o = run(doc);
    expect(o.moves.length).toBeGreaterThan(5);
    expect(o.balance.after.maxMemoryPercent).toBeLessThan(o.balance.before.maxMemoryPercent - 20);
    expect(o.balance.after.stdevMemoryPercent).toBeLessThan(o.balance.before.stdevMemoryPercent / 4);
    const nodes = new Set(doc.hosts.map((h) => h.name));
    for (const m of o.moves) {
      expect(nodes.has(m.to)).toBe(true);
      expect(m.gain).toBeGreaterThanOrEqual(0.5);
    }
    expect(new Set(o.moves.map((m) => m.vm)).size).toBe(o.moves.length);
  });

  it('explains each move with the two hosts before and after ("HV-1 memory 90% → 60%")', () => {
    const o = run(estate([90, 30], [{ name: 'BIG', host: 1, gb: 30 }]));
    expect(o.moves).toEqual([expect.objectContaining({ vm: 'BIG', from: 'HV-1', to: 'HV-2', relievesOver: true })]);
    expect(o.moves[0].reason.message).toBe('HV-1 is over its thresholds: memory 90% → 60%, HV-2 memory 30% → 60% (gain 30 points).');
    expect(o.moves[0].reason.text.key).toBe('optimize.reason.over');
  });

  it('gives `balance` exactly as --json prints it: hosts with memory and CPU percent, the highest memory percent and its spread', () => {
    const o = run(estate([90, 30], [{ name: 'BIG', host: 1, gb: 30 }]));
    expect(o.balance).toEqual({
      before: {
        hosts: [
          { host: 'HV-1', memoryPercent: 90, cpuPercent: 10 },
          { host: 'HV-2', memoryPercent: 30, cpuPercent: 10 },
        ],
        maxMemoryPercent: 90,
        stdevMemoryPercent: 30,
      },
      after: {
        hosts: [
          { host: 'HV-1', memoryPercent: 60, cpuPercent: 0 },
          { host: 'HV-2', memoryPercent: 60, cpuPercent: 20 },
        ],
        maxMemoryPercent: 60,
        stdevMemoryPercent: 0,
      },
    });
  });

  it('says so and lists no moves when nothing is worth moving', () => {
    const o = run(estate([50, 49], [{ name: 'A', host: 1, gb: 4 }]));
    expect(o.moves).toEqual([]);
    expect(o.summary.text.key).toBe('optimize.nothing');
    expect(o.summary.message).toContain('Nothing is worth moving');
    expect(o.balance.after).toEqual(o.balance.before);
  });

  it('never proposes a move that makes the most-loaded host worse (a VM larger than the gap stays)', () => {
    const o = run(estate([70, 50], [{ name: 'HUGE', host: 1, gb: 45 }]));
    expect(o.moves).toEqual([]);
  });

  it('moves the VM that fits the gap rather than the largest: fewer moves than the largest-VM greedy, for a more even load', () => {
    // The mean is about 40%. HV-6 (52%) holds C (24 GB) and D (16 GB): the largest-VM greedy moves C, overshoots HV-6
    // down to 28% and needs a fourth move (E, from HV-1 onto HV-6) to make up for it; D brings HV-6 to 36% and no
    // fourth move is needed.
    const doc = estate(
      [70, 66, 20, 20, 10, 52],
      [
        { name: 'A', host: 1, gb: 24 },
        { name: 'E', host: 1, gb: 16 },
        { name: 'B', host: 2, gb: 24 },
        { name: 'C', host: 6, gb: 24 },
        { name: 'D', host: 6, gb: 16 },
      ],
    );
    const baseline = greedyBaseline(doc, 'CL-SKEW');
    expect(baseline.moves.map((m) => m.vm)).toEqual(['A', 'B', 'C', 'E']);
    const o = run(doc);
    expect(o.moves.map((m) => [m.vm, m.from])).toEqual([
      ['A', 'HV-1'],
      ['B', 'HV-2'],
      ['D', 'HV-6'],
    ]);
    expect(o.balance.after.stdevMemoryPercent).toBeLessThan(baseline.after.stdevMemoryPercent);
  });

  it('drops a move that together with the others brings the busiest host down by less than the least gain', () => {
    // BIG takes HV-1 from 80% to 50%; HV-3 then is the busiest at 52% (X, 40 GB, has nowhere to go without making it
    // worse). S would take HV-4 from 51% to 48%: a gain of 3 points for the two hosts, but the busiest host stays at
    // 52% with or without it, so it is not worth a live migration at any aggressiveness.
    const doc = estate(
      [80, 20, 52, 51, 45],
      [
        { name: 'BIG', host: 1, gb: 30 },
        { name: 'X', host: 3, gb: 40 },
        { name: 'S', host: 4, gb: 3 },
      ],
    );
    for (const aggressiveness of ['low', 'medium', 'high'] as const) {
      const o = run(doc, { aggressiveness });
      expect(o.moves.map((m) => m.vm)).toEqual(['BIG']);
      expect(o.balance.after.maxMemoryPercent).toBe(52);
    }
  });

  it('keeps the moves that even out the others when the busiest host has no VM that may move', () => {
    // HV-3 at 90% holds only a VM that is not highly available: no move can lower it, so it does not make BIG
    // (HV-1 80% → 50%) worth less.
    const o = run(
      estate(
        [80, 20, 90],
        [
          { name: 'BIG', host: 1, gb: 30 },
          { name: 'LOCAL', host: 3, gb: 40, ha: false },
        ],
      ),
    );
    expect(o.moves.map((m) => [m.vm, m.to])).toEqual([['BIG', 'HV-2']]);
    expect(o.balance.after.maxMemoryPercent).toBe(90);
  });

  it('moves only running highly-available VMs', () => {
    const o = run(
      estate(
        [90, 20],
        [
          { name: 'NOT-HA', host: 1, gb: 30, ha: false },
          { name: 'OFF', host: 1, gb: 30, state: 'Off' },
          { name: 'SAVED', host: 1, gb: 30, state: 'Saved' },
        ],
      ),
    );
    expect(o.moves).toEqual([]);
  });

  it('never moves a VM to a host in maintenance mode or not responding, and lists those hosts as left out', () => {
    const doc = estate([90, 10, 10, 40], [{ name: 'BIG', host: 1, gb: 20 }]);
    doc.hosts[1].maintenanceMode = true;
    doc.hosts[2].state = 'NotResponding';
    const o = run(doc);
    expect(o.moves).toEqual([expect.objectContaining({ vm: 'BIG', to: 'HV-4' })]);
    expect(o.skipped.map((s) => [s.host, s.code])).toEqual([
      ['HV-2', 'maintenance-mode'],
      ['HV-3', 'host-not-responding'],
    ]);
    expect(o.balance.before.hosts.map((h) => h.host)).toEqual(['HV-1', 'HV-4']);
  });

  it('aggressiveness sets the least gain: high proposes a small gain that medium and low leave', () => {
    // 60% vs 56%: no host is over its thresholds; a 2 GB VM gains 2 points.
    const doc = estate([60, 56], [{ name: 'SMALL', host: 1, gb: 2 }]);
    expect(run(doc, { aggressiveness: 'high' }).moves.map((m) => m.vm)).toEqual(['SMALL']);
    expect(run(doc, { aggressiveness: 'medium' }).moves.map((m) => m.vm)).toEqual(['SMALL']);
    expect(run(doc, { aggressiveness: 'low' }).moves).toEqual([]);
    const o = run(estate([60, 58], [{ name: 'TINY', host: 1, gb: 1 }]), { aggressiveness: 'medium' });
    expect(o.moves).toEqual([]);
    expect(o.leastGain).toBe(1.5);
  });

  it('relieves a host over its thresholds even at low aggressiveness', () => {
    const o = run(estate([85, 40], [{ name: 'SMALL', host: 1, gb: 2 }]), { aggressiveness: 'low' });
    expect(o.moves).toEqual([expect.objectContaining({ vm: 'SMALL', relievesOver: true })]);
  });

  it('leaves the destination within its thresholds (a host group may set them)', () => {
    const doc = estate([90, 60], [{ name: 'A', host: 1, gb: 15 }]);
    expect(run(doc).moves.map((m) => m.vm)).toEqual(['A']);
    // With 30% free memory required, HV-2 would end at 75%: over.
    expect(run(doc, {}, { 'All Hosts/Milano': { memoryFreePercent: 30, cpuFreePercent: 25 } }).moves).toEqual([]);
  });

  it('keeps a required DifferentNode rule and an availability set: the VM goes to another host', () => {
    const doc = estate(
      [90, 20, 40],
      [
        { name: 'DC-1', host: 1, gb: 20 },
        { name: 'DC-2', host: 2, gb: 4 },
      ],
    );
    doc.affinityRules = [{ name: 'DCS', type: 'DifferentNode', vms: ['DC-1', 'DC-2'], required: true }];
    expect(run(doc).moves).toEqual([expect.objectContaining({ vm: 'DC-1', to: 'HV-3' })]);
    delete doc.affinityRules;
    doc.vms[0].availabilitySets = ['DC'];
    doc.vms[1].availabilitySets = ['DC'];
    expect(run(doc).moves).toEqual([expect.objectContaining({ vm: 'DC-1', to: 'HV-3' })]);
  });

  it('keeps possible owners, and never splits a SameNode rule', () => {
    const doc = estate(
      [90, 20, 40],
      [
        { name: 'APP', host: 1, gb: 20 },
        { name: 'CACHE', host: 1, gb: 20 },
      ],
    );
    doc.vms[0].possibleOwners = ['HV-1', 'HV-3'];
    doc.vms[1].possibleOwners = ['HV-1', 'HV-3'];
    expect(run(doc).moves.every((m) => m.to === 'HV-3')).toBe(true);
    doc.affinityRules = [{ name: 'TOGETHER', type: 'SameNode', vms: ['APP', 'CACHE'], required: true }];
    expect(run(doc).moves).toEqual([]);
  });

  it('leaves standalone hosts out unless the admin allows those that share storage', () => {
    const base = minimalInventory();
    const doc: InventoryDocument = {
      ...base,
      hosts: [
        { ...base.hosts[2], name: 'SA-1', memory: { totalMB: 102400, availableMB: 10240, reserveMB: 256 } },
        { ...base.hosts[2], name: 'SA-2', fqdn: 'sa-2.contoso.com', memory: { totalMB: 102400, availableMB: 81920, reserveMB: 256 } },
      ],
      vms: [
        {
          ...base.vms[2],
          name: 'ON-SHARE',
          host: 'SA-1',
          memoryMB: 20480,
          configurationPath: '\\\\fs-mi.contoso.com\\vmstore\\ON-SHARE',
          disks: [{ path: '\\\\fs-mi.contoso.com\\vmstore\\ON-SHARE\\os.vhdx', sizeGB: 60, shared: false }],
        },
        {
          ...base.vms[2],
          name: 'LOCAL',
          id: '3d9f5b6a-4b3c-4b7e-9c99-5d7b3b2e4c33',
          host: 'SA-1',
          memoryMB: 20480,
          configurationPath: 'D:\\VMs\\LOCAL',
          disks: [{ path: 'D:\\VMs\\LOCAL\\os.vhdx', sizeGB: 60, shared: false }],
        },
      ],
    };
    const closed = optimizeHosts(doc, { scope: { group: 'All Hosts' }, aggressiveness: 'medium' });
    expect(closed.ok && closed.value.moves).toEqual([]);
    expect(closed.ok && closed.value.skipped.map((s) => s.code)).toEqual(['standalone', 'standalone']);
    const open = optimizeHosts(doc, { scope: { group: 'All Hosts' }, aggressiveness: 'medium', allowStandalone: true });
    expect(open.ok && open.value.moves.map((m) => [m.vm, m.to])).toEqual([['ON-SHARE', 'SA-2']]);
  });

  it('takes every cluster under a host group, each on its own', () => {
    const doc = skewedClusterEstate({ nodes: 8, vms: 120 });
    const o = optimizeHosts(doc, { scope: { group: 'All Hosts/Milano' }, aggressiveness: 'medium' });
    expect(o.ok && o.value.moves.length).toBeGreaterThan(0);
  });

  it('refuses a cluster or host group the inventory lacks, naming it', () => {
    const doc = estate([50, 50], []);
    const c = optimizeHosts(doc, { scope: { cluster: 'CL-NOPE' }, aggressiveness: 'low' });
    expect(c).toMatchObject({ ok: false, error: { code: 'cluster-not-found' } });
    expect(!c.ok && c.error.message).toContain('CL-NOPE');
    const g = optimizeHosts(doc, { scope: { group: 'All Hosts/Nowhere' }, aggressiveness: 'low' });
    expect(g).toMatchObject({ ok: false, error: { code: 'host-group-not-found' } });
  });

  it('says so when fewer than two hosts can take part', () => {
    const doc = estate([90, 10], [{ name: 'A', host: 1, gb: 20 }]);
    doc.hosts[1].maintenanceMode = true;
    expect(run(doc).summary.text.key).toBe('optimize.nothing.noHosts');
  });
});

describe('host thresholds', () => {
  const host = { ...minimalInventory().hosts[0], hostGroup: 'All Hosts/Milano/Laboratorio' };
  it('are the nearest host group’s, inherited from a parent, else the defaults', () => {
    expect(hostThresholds(host, {})).toMatchObject({ memoryFreePercent: 20, cpuFreePercent: 25, from: null });
    expect(hostThresholds(host, { 'All Hosts/Milano': { memoryFreePercent: 10, cpuFreePercent: 15 } })).toMatchObject({
      memoryFreePercent: 10,
      from: 'All Hosts/Milano',
    });
    expect(
      hostThresholds(host, {
        'All Hosts/Milano': { memoryFreePercent: 10, cpuFreePercent: 15 },
        'All Hosts/Milano/Laboratorio': { memoryFreePercent: 5, cpuFreePercent: 5 },
      }),
    ).toMatchObject({ memoryFreePercent: 5, from: 'All Hosts/Milano/Laboratorio' });
    expect(hostThresholds(host, { 'All Hosts': { memoryFreePercent: 30, cpuFreePercent: 30 } })).toMatchObject({ memoryFreePercent: 30, from: 'All Hosts' });
  });
});
