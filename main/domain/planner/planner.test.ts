import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInventory } from '../../../scripts/gen-inventory.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import type { InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { slotsNeeded } from '../../../shared/model/migration-slots.js';
import type { Plan, PlanRequest, PlanWhatIf } from '../../../shared/model/plan.js';
import { buildPlacementIndex } from '../placement/placement-index.js';
import { selectHosts } from '../placement/select-hosts.js';
import { nameKey } from '../storage-paths/names.js';
import { isRunningForMigration, vmDiskGB } from '../storage-paths/vm-storage.js';
import { buildStorageIndex, defaultStorageLocation, storageTargetKey } from '../storage-paths/storage-index.js';
import { limitsFor, planMoves } from './planner.js';

const EPS = 1e-6;

function planOf(doc: InventoryDocument, request: PlanRequest, whatIf: PlanWhatIf = {}): Plan {
  const r = planMoves(doc, request, whatIf);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Every slot's occupancy at each move's start never passes the limit the plan ran under. */
function slotViolations(doc: InventoryDocument, plan: Plan, whatIf: PlanWhatIf): string[] {
  const limitsOf = limitsFor(doc, whatIf);
  const out: string[] = [];
  for (const at of plan.moves) {
    const running = plan.moves.filter((m) => m.start <= at.start + EPS && m.end > at.start + EPS);
    const use = new Map<string, number>();
    for (const m of running)
      for (const n of slotsNeeded(m.kind, m.from, m.to)) use.set(`${nameKey(n.host)}|${n.kind}`, (use.get(`${nameKey(n.host)}|${n.kind}`) ?? 0) + 1);
    for (const [k, n] of use) {
      const [host, kind] = k.split('|') as [string, 'live' | 'storage'];
      if (n > limitsOf(host)[kind]) out.push(`${host} ${kind}: ${n} at t=${at.start}`);
    }
  }
  return out;
}

/** Memory each destination has at each arrival: arrivals reserve when they start, departures free when they end. */
function memoryOvercommits(doc: InventoryDocument, plan: Plan): string[] {
  const vms = new Map(doc.vms.map((v) => [nameKey(v.name), v]));
  const out: string[] = [];
  for (const h of doc.hosts) {
    for (const arrival of plan.moves.filter((m) => nameKey(m.to) === nameKey(h.name))) {
      const mem = (m: { vm: string }): number => {
        const vm = vms.get(nameKey(m.vm)) as Vm;
        return isRunningForMigration(vm) ? vm.memoryMB : 0;
      };
      const arrived = plan.moves.filter((m) => nameKey(m.to) === nameKey(h.name) && m.start <= arrival.start + EPS).reduce((s, m) => s + mem(m), 0);
      const left = plan.moves.filter((m) => nameKey(m.from) === nameKey(h.name) && m.end <= arrival.start + EPS).reduce((s, m) => s + mem(m), 0);
      const free = h.memory.availableMB - h.memory.reserveMB - arrived + left;
      if (free < 0) out.push(`${h.name} short of ${-free} MB when ${arrival.vm} arrives at t=${arrival.start}`);
    }
  }
  return out;
}

/** Space each storage location has once the plan's copies land there (moves that copy files go to the destination's default location). */
function storageOvercommits(doc: InventoryDocument, plan: Plan): string[] {
  const index = buildStorageIndex(doc);
  const vms = new Map(doc.vms.map((v) => [nameKey(v.name), v]));
  const taken = new Map<string, { free: number; used: number }>();
  for (const m of plan.moves) {
    if (m.kind !== 'live-vsm' && m.kind !== 'network') continue;
    const dest = index.hosts.get(nameKey(m.to));
    const where = dest ? defaultStorageLocation(dest, index) : null;
    if (!dest || !where?.target) continue;
    const key = storageTargetKey(dest, where.target);
    const e = taken.get(key) ?? { free: where.target.freeGB, used: 0 };
    e.used += vmDiskGB(vms.get(nameKey(m.vm)) as Vm);
    taken.set(key, e);
  }
  return [...taken.entries()].filter(([, e]) => e.used > e.free).map(([key, e]) => `${key.split('\u0000').join(' ')}: ${e.used} GB copied, ${e.free} GB free`);
}

const estateArb = fc.record({
  seed: fc.integer({ min: 1, max: 100_000 }),
  hosts: fc.integer({ min: 4, max: 24 }),
  vmsPerHost: fc.integer({ min: 1, max: 8 }),
  pick: fc.integer({ min: 1, max: 60 }),
  auto: fc.boolean(),
  naive: fc.boolean(),
  limit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
});

describe('the planner on random estates (properties)', () => {
  it("never breaks a slot rule or overcommits a destination's memory or storage, waits for what it depends on, and never ends below its lower bound", () => {
    fc.assert(
      fc.property(estateArb, ({ seed, hosts, vmsPerHost, pick, auto, naive, limit }) => {
        const doc = generateInventory({ hosts, vms: hosts * vmsPerHost, seed });
        const chosen = doc.vms.slice(0, pick).map((v) => v.name);
        const to = auto ? 'auto' : doc.hosts[seed % doc.hosts.length].name;
        const whatIf: PlanWhatIf = {
          naive,
          limits: limit ? Object.fromEntries(doc.hosts.slice(0, 3).map((h) => [h.name, { live: limit, storage: limit }])) : undefined,
        };
        const plan = planOf(doc, { kind: 'vms', vms: chosen, to }, whatIf);
        expect(slotViolations(doc, plan, whatIf)).toEqual([]);
        expect(memoryOvercommits(doc, plan)).toEqual([]);
        expect(storageOvercommits(doc, plan)).toEqual([]);
        const byId = new Map(plan.moves.map((m) => [m.id, m]));
        for (const m of plan.moves) {
          expect(m.end).toBeGreaterThan(m.start);
          for (const a of [...m.after, ...m.follows]) expect((byId.get(a)?.end ?? Infinity) <= m.start + EPS).toBe(true);
        }
        expect(plan.makespan + EPS).toBeGreaterThanOrEqual(plan.lowerBound);
        // Every VM asked for is either planned or says why not.
        expect(plan.moves.length + plan.unmovable.length).toBe(new Set(chosen.map(nameKey)).size);
        for (const u of plan.unmovable) expect(u.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('places every VM Select Host has a host for, when the estate has room for them all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 4, max: 16 }), (seed, hosts) => {
        const doc = generateInventory({ hosts, vms: hosts * 3, seed });
        // Room for all: memory and space for every VM the plan could send anywhere.
        const room = <T extends { capacityGB: number; freeGB: number }>(x: T): T => ({ ...x, capacityGB: 10_000_000, freeGB: 9_000_000 });
        const roomy: InventoryDocument = {
          ...doc,
          fileShares: doc.fileShares.map(room),
          clusters: doc.clusters.map((c) => ({ ...c, sharedVolumes: c.sharedVolumes.map(room) })),
          hosts: doc.hosts.map((h) => ({ ...h, memory: { ...h.memory, totalMB: 16_000_000, availableMB: 8_000_000 }, volumes: h.volumes.map(room) })),
        };
        const index = buildPlacementIndex(roomy);
        const chosen = roomy.vms.filter((v) => isRunningForMigration(v)).slice(0, 20);
        const plan = planOf(roomy, { kind: 'vms', vms: chosen.map((v) => v.name), to: 'auto' });
        for (const vm of chosen) {
          const rows = selectHosts(vm.name, index);
          const hasHost = rows.ok && rows.value.some((r) => r.available);
          expect(
            plan.moves.some((m) => m.vm === vm.name),
            `${vm.name}: ${JSON.stringify(plan.unmovable.find((u) => u.vm === vm.name)?.reasons)}`,
          ).toBe(hasHost);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('evacuating a host', () => {
  /** The minimal estate with a third node and VMs that can't move: a shared VHDX (storage must move), and an AMD-only destination set. */
  function estate(): InventoryDocument {
    const doc = minimalInventory();
    const base = doc.hosts[0];
    doc.hosts.push({ ...base, name: 'HV-MI-13', fqdn: 'hv-mi-13.contoso.com', memory: { totalMB: 262144, availableMB: 40000, reserveMB: 256 } });
    // HV-MI-20 runs AMD: nothing running on the Intel cluster can go there.
    doc.hosts[2] = { ...doc.hosts[2], cpu: { ...doc.hosts[2].cpu, vendor: 'AMD', generation: 'Zen 4' } };
    const vm = doc.vms[0];
    doc.vms.push(
      {
        ...vm,
        name: 'APP-01',
        id: '3e0a6c7b-5c4d-4c8f-8daa-6e8c4c3f5d44',
        memoryMB: 16384,
        configurationPath: 'C:\\ClusterStorage\\Volume1\\APP-01',
        disks: [{ path: 'C:\\ClusterStorage\\Volume1\\APP-01\\os.vhdx', sizeGB: 60, shared: false }],
      },
      {
        ...vm,
        name: 'IDLE-01',
        id: '4f1b7d8c-6d5e-4d90-9ebb-7f9d5d4a6e55',
        state: 'Off',
        configurationPath: 'C:\\ClusterStorage\\Volume1\\IDLE-01',
        disks: [{ path: 'C:\\ClusterStorage\\Volume1\\IDLE-01\\os.vhdx', sizeGB: 60, shared: false }],
      },
    );
    return doc;
  }

  it('moves every running VM off the host live, an off highly-available one Quick to another node, and never onto the host itself', () => {
    const plan = planOf(estate(), { kind: 'evacuate', host: 'HV-MI-11', cannotMove: 'leave' });
    expect(plan.moves.map((m) => [m.vm, m.transferType]).sort()).toEqual([
      ['APP-01', 'Live'],
      ['IDLE-01', 'Quick'],
      ['SQL-PROD-01', 'Live'],
    ]);
    expect(plan.moves.every((m) => m.from === 'HV-MI-11' && ['HV-MI-12', 'HV-MI-13'].includes(m.to))).toBe(true);
    // IDLE-01 is off: its Quick move adds no downtime.
    expect(plan.moves.find((m) => m.vm === 'IDLE-01')?.downtime).toBe(0);
    expect(plan.unmovable).toEqual([]);
    expect(plan.staying).toEqual([]);
    expect(plan.makespan).toBeGreaterThan(0);
    expect(plan.lowerBound).toBeLessThanOrEqual(plan.makespan);
  });

  it('with Save state, keeps a VM with a processor mismatch everywhere as staying (saved-by-plan), with every reason', () => {
    const doc = estate();
    // WEB-01 runs on the AMD host: every other host is Intel.
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-MI-20', cannotMove: 'save' });
    expect(plan.moves).toEqual([]);
    expect(plan.unmovable).toEqual([]);
    expect(plan.staying).toHaveLength(1);
    expect(plan.staying[0]).toMatchObject({ vm: 'WEB-01', host: 'HV-MI-20', reason: { code: 'saved-by-plan' } });
    expect(plan.staying[0].reason.message).toMatch(/^WEB-01 is saved on HV-MI-20 instead of moving \(Save state\), because it can’t move: /);
    expect(plan.staying[0].because.map((r) => r.code)).toContain('processor-vendor-mismatch');
    expect(plan.staying[0].because.find((r) => r.code === 'processor-vendor-mismatch')?.message).toMatch(
      /^3 hosts \(HV-MI-11, HV-MI-12, HV-MI-13\), for example: /,
    );
    expect(plan.saves).toEqual([{ vm: 'WEB-01', host: 'HV-MI-20', start: 0, end: expect.any(Number) as number }]);
    expect(plan.warnings.map((w) => w.code)).toContain('vms-saved');
  });

  it('lists a running VM with a shared VHDX as unmovable when its storage would have to move', () => {
    const doc = estate();
    // A standalone Intel host with local storage: WEB-02's files must move to reach it, and one of its disks is shared.
    doc.hosts[2] = { ...doc.hosts[2], cpu: { ...doc.hosts[2].cpu, vendor: 'Intel', generation: 'Ice Lake' } };
    doc.hosts.push({ ...doc.hosts[2], name: 'HV-MI-21', fqdn: 'hv-mi-21.contoso.com' });
    doc.vms.push({
      ...doc.vms[2],
      name: 'WEB-02',
      id: '5a2c8e9d-7e6f-4ea1-8fcc-8a0e6e5b7f66',
      host: 'HV-MI-20',
      highlyAvailable: false,
      configurationPath: 'D:\\VMs\\WEB-02',
      disks: [
        { path: 'D:\\VMs\\WEB-02\\os.vhdx', sizeGB: 40, shared: false },
        { path: 'D:\\VMs\\WEB-02\\quorum.vhdx', sizeGB: 1, shared: true },
      ],
    });
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-MI-20', cannotMove: 'leave' });
    const web02 = plan.unmovable.find((u) => u.vm === 'WEB-02');
    expect(web02?.reasons.map((r) => r.code)).toContain('shared-vhdx');
    expect(web02?.action).toBe('leave');
    expect(plan.warnings.find((w) => w.code === 'vms-left-running')?.message).toMatch(/keep running on HV-MI-20 during maintenance: .*WEB-02/);
  });

  it('refuses a host that is not in the inventory', () => {
    expect(planMoves(estate(), { kind: 'evacuate', host: 'HV-NOPE', cannotMove: 'leave' })).toMatchObject({ ok: false, error: { code: 'host-not-found' } });
  });
});

describe('plans of chosen VMs', () => {
  it('counts the moves before each one: of two VMs pinned to a host that fits either alone, the second is refused', () => {
    const doc = minimalInventory();
    doc.hosts[1] = { ...doc.hosts[1], memory: { totalMB: 262144, availableMB: 20000, reserveMB: 256 } };
    doc.vms[2] = { ...doc.vms[2], host: 'HV-MI-11', highlyAvailable: true, memoryMB: 12000 };
    doc.vms[0] = { ...doc.vms[0], memoryMB: 12000 };
    const plan = planOf(doc, { kind: 'vms', vms: ['SQL-PROD-01', 'WEB-01'], to: 'HV-MI-12' });
    expect(plan.moves).toHaveLength(1);
    expect(plan.unmovable[0].reasons[0]).toMatchObject({ code: 'no-capacity-left' });
    expect(plan.unmovable[0].reasons[0].message).toMatch(/once the moves planned before it are counted/);
    // Left to choose, the second goes elsewhere.
    doc.hosts[2] = { ...doc.hosts[2], memory: { totalMB: 262144, availableMB: 20000, reserveMB: 256 } };
    const auto = planOf(doc, { kind: 'vms', vms: ['SQL-PROD-01', 'WEB-01'], to: 'auto' });
    expect(new Set(auto.moves.map((m) => m.to)).size).toBe(2);
    expect(auto.unmovable).toEqual([]);
  });

  it('warns about a VM unlikely to converge on its link, saying what to change', () => {
    const doc = minimalInventory();
    doc.vms[0] = { ...doc.vms[0], dirtyRateMBps: 8000 };
    const plan = planOf(doc, { kind: 'vms', vms: ['SQL-PROD-01'], to: 'HV-MI-12' });
    expect(plan.moves[0].risk).toBe('never');
    const w = plan.warnings.find((x) => x.code === 'not-converging');
    expect(w?.vm).toBe('SQL-PROD-01');
    expect(w?.message).toMatch(
      /SQL-PROD-01 \(HV-MI-11 → HV-MI-12\) is unlikely to converge: dirty rate .* is at or above the effective bandwidth .*lower the VM's load, use SMB with RDMA or Compression, or migrate it offline/,
    );
  });

  it('says which VMs it does not know, and plans the others', () => {
    const plan = planOf(minimalInventory(), { kind: 'vms', vms: ['SQL-PROD-01', 'NOPE-99'], to: 'auto' });
    expect(plan.moves.map((m) => m.vm)).toEqual(['SQL-PROD-01']);
    expect(plan.unmovable).toEqual([
      {
        vm: 'NOPE-99',
        host: '',
        reasons: [
          {
            code: 'vm-not-found',
            message: 'No VM named "NOPE-99" is in the inventory: check the name.',
            text: { key: 'plan.reason.noSuchVm', params: { vm: 'NOPE-99' } },
          },
        ],
        action: null,
      },
    ]);
  });

  it('what-ifs change the plan: a limit of 1 runs moves one after the other, a bandwidth cap lengthens them', () => {
    const doc = minimalInventory();
    doc.vms[1] = { ...doc.vms[1], host: 'HV-MI-11' };
    const vms = ['SQL-PROD-01', 'Contabilità-01'];
    const base = planOf(doc, { kind: 'vms', vms, to: 'HV-MI-12' });
    expect(base.moves.map((m) => m.start)).toEqual([0, 0]);
    const one = planOf(doc, { kind: 'vms', vms, to: 'HV-MI-12' }, { limits: { 'HV-MI-12': { live: 1 } } });
    expect(one.moves[1].start).toBeCloseTo(one.moves[0].end, 6);
    expect(one.lanes.filter((l) => l.host === 'HV-MI-12')).toEqual([{ host: 'HV-MI-12', kind: 'live', slot: 1, moves: ['m1', 'm2'] }]);
    const capped = planOf(doc, { kind: 'vms', vms, to: 'HV-MI-12' }, { bandwidthCapGbps: 1 });
    expect(capped.makespan).toBeGreaterThan(base.makespan * 5);
    expect(planMoves(doc, { kind: 'vms', vms, to: 'auto' }, { limits: { 'HV-MI-12': { live: 0 } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-what-if', message: 'limits.HV-MI-12.live: must be a whole number from 1 to 64, got 0' },
    });
  });

  it("the naive baseline keeps the request's order and VMM's fixed limit of 2", () => {
    const doc = minimalInventory();
    doc.clusters[0] = { ...doc.clusters[0], maxParallelMigrations: 8 };
    doc.vms[1] = { ...doc.vms[1], host: 'HV-MI-11' };
    doc.vms.push({ ...doc.vms[0], name: 'SQL-PROD-02', id: '6b3d9fae-8f70-4fb2-9add-9b1f7f6c8a77' });
    const vms = ['SQL-PROD-01', 'Contabilità-01', 'SQL-PROD-02'];
    const planned = planOf(doc, { kind: 'vms', vms, to: 'HV-MI-12' });
    expect(planned.moves.every((m) => m.start === 0)).toBe(true);
    const naive = planOf(doc, { kind: 'vms', vms, to: 'HV-MI-12' }, { naive: true });
    expect(naive.moves.map((m) => m.vm)).toEqual(vms);
    expect(naive.moves[2].start).toBeGreaterThan(0);
  });
});
