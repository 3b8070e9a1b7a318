import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInventory } from '../../../scripts/gen-inventory.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import type { AffinityRule, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { Plan, PlanRequest } from '../../../shared/model/plan.js';
import { buildPlacementIndex } from '../placement/placement-index.js';
import { buildPlacementRules, ruleFindings } from '../placement/placement-rules.js';
import { selectHosts } from '../placement/select-hosts.js';
import { planMoves } from './planner.js';

// The placement rules of migration-rules.md section 8 inside plans: against the placements the same plan makes.

function planOf(doc: InventoryDocument, request: PlanRequest): Plan {
  const r = planMoves(doc, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A cluster CL of `nodes` nodes (HV-1..HV-n, equal memory), and running HA VMs as asked. */
function clusterEstate(
  nodes: number,
  vms: { name: string; host: string; memoryMB?: number; sets?: string[]; preferred?: string[]; possible?: string[] }[],
): InventoryDocument {
  const base = minimalInventory();
  const node = base.hosts[0];
  const vm = base.vms[0];
  return {
    ...base,
    hosts: Array.from({ length: nodes }, (_, i) => ({ ...node, name: `HV-${i + 1}`, fqdn: `hv-${i + 1}.contoso.com` })),
    vms: vms.map((v, i): Vm => ({
      ...vm,
      name: v.name,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      host: v.host,
      memoryMB: v.memoryMB ?? 8192,
      configurationPath: `C:\\ClusterStorage\\Volume1\\${v.name}`,
      disks: [{ path: `C:\\ClusterStorage\\Volume1\\${v.name}\\os.vhdx`, sizeGB: 60, shared: false }],
      ...(v.sets ? { availabilitySets: v.sets } : {}),
      ...(v.preferred ? { preferredOwners: v.preferred } : {}),
      ...(v.possible ? { possibleOwners: v.possible } : {}),
    })),
  };
}

const rule = (name: string, type: AffinityRule['type'], vms: string[], required: boolean): AffinityRule => ({ name, type, vms, required });
const destOf = (plan: Plan, vm: string): string | undefined => plan.moves.find((m) => m.vm === vm)?.to;

describe('plans keep the placement rules against their own placements', () => {
  it('an evacuation keeps two replicas of an availability set on different hosts, and each row names the rule', () => {
    const doc = clusterEstate(3, [
      { name: 'SQL-01', host: 'HV-1', sets: ['SQL-AG'] },
      { name: 'SQL-02', host: 'HV-1', sets: ['SQL-AG'] },
    ]);
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' });
    expect(new Set([destOf(plan, 'SQL-01'), destOf(plan, 'SQL-02')])).toEqual(new Set(['HV-2', 'HV-3']));
    const second = plan.moves.find((m) => m.rule);
    expect(second?.rule).toMatchObject({ code: 'availability-set' });
    expect(second?.rule?.message).toMatch(/^kept apart from SQL-0[12]: availability set SQL-AG$/);
    expect(plan.warnings.map((w) => w.code)).not.toContain('availability-set');
  });

  it('puts them together only when no other host has room, and warns that the set is not kept', () => {
    const doc = clusterEstate(3, [
      { name: 'SQL-01', host: 'HV-1', sets: ['SQL-AG'] },
      { name: 'SQL-02', host: 'HV-1', sets: ['SQL-AG'] },
    ]);
    doc.hosts[2] = { ...doc.hosts[2], memory: { ...doc.hosts[2].memory, availableMB: 4096 } };
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' });
    expect([destOf(plan, 'SQL-01'), destOf(plan, 'SQL-02')]).toEqual(['HV-2', 'HV-2']);
    expect(plan.warnings.find((w) => w.code === 'availability-set')?.message).toMatch(
      /HV-2 runs SQL-0[12], kept apart from SQL-0[12] by availability set SQL-AG/,
    );
  });

  it('never breaks a required DifferentNode rule: the VM that can only keep it by staying is unmovable with affinity-rule', () => {
    const doc = clusterEstate(2, [
      { name: 'DC-01', host: 'HV-1' },
      { name: 'DC-02', host: 'HV-2' },
    ]);
    doc.affinityRules = [rule('DCs', 'DifferentNode', ['DC-01', 'DC-02'], true)];
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' });
    expect(plan.moves).toEqual([]);
    expect(plan.unmovable).toMatchObject([{ vm: 'DC-01', reasons: [{ code: 'affinity-rule' }], action: 'leave' }]);
    expect(plan.unmovable[0].reasons[0].message).toMatch(
      /HV-2: HV-2 runs DC-02, and affinity rule DCs \(DifferentNode, required\) keeps DC-01 on a different node/,
    );
  });

  it('a required DifferentNode rule between two VMs of one plan sends them to different hosts', () => {
    const doc = clusterEstate(3, [
      { name: 'DC-01', host: 'HV-1' },
      { name: 'DC-02', host: 'HV-1' },
    ]);
    doc.hosts[1] = { ...doc.hosts[1], memory: { ...doc.hosts[1].memory, availableMB: 200_000 } };
    doc.affinityRules = [rule('DCs', 'DifferentNode', ['DC-01', 'DC-02'], true)];
    const plan = planOf(doc, { kind: 'vms', vms: ['DC-01', 'DC-02'], to: 'auto' });
    expect(new Set([destOf(plan, 'DC-01'), destOf(plan, 'DC-02')])).toEqual(new Set(['HV-2', 'HV-3']));
  });

  it('the VMs of a SameNode rule that move in one plan go to one destination, with room for both', () => {
    const doc = clusterEstate(3, [
      { name: 'APP-01', host: 'HV-1', memoryMB: 16384 },
      { name: 'CACHE-01', host: 'HV-1', memoryMB: 16384 },
    ]);
    // HV-2 has the most room for one of them, but not for both.
    doc.hosts[1] = { ...doc.hosts[1], memory: { ...doc.hosts[1].memory, availableMB: 30_000 } };
    doc.hosts[2] = { ...doc.hosts[2], memory: { ...doc.hosts[2].memory, availableMB: 29_000 } };
    doc.hosts[2] = { ...doc.hosts[2], memory: { ...doc.hosts[2].memory, availableMB: 40_000 } };
    doc.affinityRules = [rule('app-and-cache', 'SameNode', ['APP-01', 'CACHE-01'], true)];
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' });
    expect([destOf(plan, 'APP-01'), destOf(plan, 'CACHE-01')]).toEqual(['HV-3', 'HV-3']);
    // Both rows name the rule: the first chose the host for both, the second followed it.
    expect(plan.moves.map((m) => m.rule?.message).sort()).toEqual([
      'kept with APP-01 on HV-3: affinity rule app-and-cache (SameNode, required)',
      'kept with CACHE-01 on HV-3: affinity rule app-and-cache (SameNode, required)',
    ]);
  });

  it('leaves both VMs of a required SameNode rule in place when no host can take them both', () => {
    const doc = clusterEstate(3, [
      { name: 'APP-01', host: 'HV-1', memoryMB: 16384 },
      { name: 'CACHE-01', host: 'HV-1', memoryMB: 16384 },
    ]);
    for (const i of [1, 2]) doc.hosts[i] = { ...doc.hosts[i], memory: { ...doc.hosts[i].memory, availableMB: 20_000 } };
    doc.affinityRules = [rule('app-and-cache', 'SameNode', ['APP-01', 'CACHE-01'], true)];
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' });
    expect(plan.moves).toEqual([]);
    expect(plan.unmovable.map((u) => u.vm).sort()).toEqual(['APP-01', 'CACHE-01']);
  });

  it('a VM whose required SameNode partner stays on the host is unmovable with affinity-rule', () => {
    const doc = clusterEstate(3, [
      { name: 'APP-01', host: 'HV-1' },
      { name: 'CACHE-01', host: 'HV-2' },
    ]);
    doc.affinityRules = [rule('app-and-cache', 'SameNode', ['APP-01', 'CACHE-01'], true)];
    const plan = planOf(doc, { kind: 'vms', vms: ['APP-01'], to: 'HV-3' });
    expect(plan.moves).toEqual([]);
    expect(plan.unmovable[0].reasons.map((r) => r.code)).toEqual(['affinity-rule']);
    // Auto: the rule's only host is where CACHE-01 runs.
    expect(destOf(planOf(doc, { kind: 'vms', vms: ['APP-01'], to: 'auto' }), 'APP-01')).toBe('HV-2');
  });

  it('a what-if pin onto a host that would break a required rule is refused with its code, not planned', () => {
    const doc = clusterEstate(3, [
      { name: 'DC-01', host: 'HV-1' },
      { name: 'DC-02', host: 'HV-2' },
    ]);
    doc.affinityRules = [rule('DCs', 'DifferentNode', ['DC-01', 'DC-02'], true)];
    const plan = planOf(doc, { kind: 'vms', vms: ['DC-01'], to: 'auto', perVm: { 'DC-01': 'HV-2' } });
    expect(plan.moves).toEqual([]);
    expect(plan.unmovable[0].reasons.map((r) => r.code)).toEqual(['affinity-rule']);
  });

  it('never sends a VM to a node that is not one of its possible owners', () => {
    const doc = clusterEstate(3, [{ name: 'LIC-01', host: 'HV-1', possible: ['HV-1', 'HV-3'] }]);
    doc.hosts[2] = { ...doc.hosts[2], memory: { ...doc.hosts[2].memory, availableMB: 20_000 } };
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' });
    expect(destOf(plan, 'LIC-01')).toBe('HV-3');
    expect(plan.moves[0].rule).toMatchObject({ code: 'not-possible-owner', message: 'possible owners of LIC-01: HV-1 and HV-3' });
  });

  it("an evacuation tries the VM's preferred owners first, in order, even when another node has more room", () => {
    const doc = clusterEstate(4, [{ name: 'ERP-01', host: 'HV-1', preferred: ['HV-1', 'HV-4', 'HV-3'] }]);
    doc.hosts[1] = { ...doc.hosts[1], memory: { ...doc.hosts[1].memory, availableMB: 250_000 } };
    doc.hosts[3] = { ...doc.hosts[3], memory: { ...doc.hosts[3].memory, availableMB: 20_000 } };
    const plan = planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' });
    expect(destOf(plan, 'ERP-01')).toBe('HV-4');
    expect(plan.moves[0].rule).toMatchObject({ code: 'not-preferred-owner', message: 'preferred owners of ERP-01: HV-1, HV-4, and HV-3' });
    // HV-4 full: the next preferred owner, HV-3.
    doc.hosts[3] = { ...doc.hosts[3], memory: { ...doc.hosts[3].memory, availableMB: 1000 } };
    expect(destOf(planOf(doc, { kind: 'evacuate', host: 'HV-1', cannotMove: 'leave' }), 'ERP-01')).toBe('HV-3');
  });
});

/** A small seeded generator (the estates themselves come from the generator's own seed). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random rules on an estate: availability sets of 2 to 4, DifferentNode and SameNode rules (some required), possible owners. */
function withRandomRules(doc: InventoryDocument, seed: number): InventoryDocument {
  const r = rng(seed);
  const vms = doc.vms.map((v) => ({ ...v }));
  const pool = [...vms].sort(() => r() - 0.5);
  const take = (n: number): Vm[] => pool.splice(0, Math.min(n, pool.length));
  let setNo = 0;
  while (pool.length > 4 && r() < 0.8) {
    const name = `SET-${++setNo}`;
    for (const v of take(2 + Math.floor(r() * 3))) v.availabilitySets = [...(v.availabilitySets ?? []), name];
  }
  const affinityRules: AffinityRule[] = [];
  for (let i = 0; pool.length > 3 && i < 3; i++) {
    const members = take(2 + Math.floor(r() * 2)).map((v) => v.name);
    affinityRules.push(rule(`R-${i}`, r() < 0.5 ? 'DifferentNode' : 'SameNode', members, r() < 0.7));
  }
  for (const v of vms) {
    const host = doc.hosts.find((h) => h.name === v.host);
    if (!host?.cluster || r() > 0.2) continue;
    const nodes = doc.hosts.filter((h) => h.cluster === host.cluster).map((h) => h.name);
    v.possibleOwners = nodes.filter(() => r() < 0.6);
    if (r() < 0.5) v.preferredOwners = nodes.filter(() => r() < 0.5);
  }
  return { ...doc, vms, affinityRules };
}

/** Every required rule a plan breaks, and every possible owner it ignores, in words. */
function brokenRequiredRules(doc: InventoryDocument, plan: Plan): string[] {
  const at = new Map(doc.vms.map((v) => [v.name, v.host]));
  const before = new Map(at);
  for (const m of plan.moves) at.set(m.vm, m.to);
  const moved = new Set(plan.moves.map((m) => m.vm));
  const out: string[] = [];
  for (const r of doc.affinityRules ?? []) {
    if (!r.required) continue;
    if (r.type === 'DifferentNode') {
      for (const m of plan.moves) {
        if (!r.vms.includes(m.vm)) continue;
        const with_ = r.vms.filter((v) => v !== m.vm && at.get(v) === m.to);
        if (with_.length) out.push(`${r.name}: ${m.vm} moved onto ${m.to} with ${with_.join(', ')}`);
      }
    } else if (r.vms.some((v) => moved.has(v)) && new Set(r.vms.map((v) => before.get(v))).size === 1) {
      if (new Set(r.vms.map((v) => at.get(v))).size > 1) out.push(`${r.name}: ${r.vms.map((v) => `${v} on ${at.get(v)}`).join(', ')}`);
    }
  }
  const vms = new Map(doc.vms.map((v) => [v.name, v]));
  const cluster = new Map(doc.hosts.map((h) => [h.name, h.cluster]));
  for (const m of plan.moves) {
    const owners = vms.get(m.vm)?.possibleOwners;
    if (owners?.length && cluster.get(m.to) !== null && cluster.get(m.to) === cluster.get(m.from) && !owners.includes(m.to))
      out.push(`${m.vm} on ${m.to}, not one of its possible owners ${owners.join(', ')}`);
  }
  return out;
}

describe('plans and the placement rules on random estates (properties)', () => {
  const arb = fc.record({
    seed: fc.integer({ min: 1, max: 100_000 }),
    hosts: fc.integer({ min: 4, max: 20 }),
    vmsPerHost: fc.integer({ min: 1, max: 6 }),
    evacuate: fc.boolean(),
    roomy: fc.boolean(),
  });

  it('no plan breaks a required rule; with room everywhere, no availability set shares a host while another available host is free of it', () => {
    fc.assert(
      fc.property(arb, ({ seed, hosts, vmsPerHost, evacuate, roomy }) => {
        let doc = withRandomRules(generateInventory({ hosts, vms: hosts * vmsPerHost, seed }), seed);
        if (roomy) {
          const room = <T extends { capacityGB: number; freeGB: number }>(x: T): T => ({ ...x, capacityGB: 10_000_000, freeGB: 9_000_000 });
          doc = {
            ...doc,
            fileShares: doc.fileShares.map(room),
            clusters: doc.clusters.map((c) => ({ ...c, sharedVolumes: c.sharedVolumes.map(room) })),
            hosts: doc.hosts.map((h) => ({ ...h, memory: { ...h.memory, totalMB: 16_000_000, availableMB: 8_000_000 }, volumes: h.volumes.map(room) })),
          };
        }
        const source = doc.hosts[seed % doc.hosts.length].name;
        const request: PlanRequest = evacuate
          ? { kind: 'evacuate', host: source, cannotMove: 'leave' }
          : { kind: 'vms', vms: doc.vms.filter((_, i) => i % 2 === seed % 2).map((v) => v.name), to: 'auto' };
        const plan = planOf(doc, request);
        expect(brokenRequiredRules(doc, plan)).toEqual([]);
        if (!roomy) return;
        // Where every host has room, a VM lands beside a VM of its availability set only when every other
        // host it could go to is ruled out by the rules (or is where a VM it must avoid is leaving from).
        const planning: InventoryDocument = evacuate ? { ...doc, hosts: doc.hosts.map((h) => (h.name === source ? { ...h, maintenanceMode: true } : h)) } : doc;
        const index = buildPlacementIndex(planning);
        const rules = buildPlacementRules(doc);
        const final = new Map(plan.moves.map((m) => [m.vm, m.to]));
        const leaving = new Set(plan.moves.map((m) => m.from));
        const tied = new Set((doc.affinityRules ?? []).filter((r) => r.type === 'SameNode').flatMap((r) => r.vms));
        for (const m of plan.moves) {
          if (m.transferType === 'Quick' || tied.has(m.vm)) continue;
          const here = ruleFindings(rules, m.vm, m.to, final);
          if (!here.some((f) => f.code === 'availability-set')) continue;
          const rows = selectHosts(m.vm, index);
          if (!rows.ok) continue;
          for (const row of rows.value) {
            if (row.host === m.to || leaving.has(row.host) || !row.available) continue;
            const there = ruleFindings(rules, m.vm, row.host, final);
            expect(
              there.some((f) => f.blocking || f.code === 'availability-set'),
              `${m.vm} went to ${m.to} with a VM of its availability set while ${row.host} was free of it`,
            ).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
