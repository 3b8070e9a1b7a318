import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import type { AffinityRule, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { Plan, PlanRequest } from '../../../shared/model/plan.js';
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
    expect(plan.moves.find((m) => m.rule?.message.startsWith('kept with'))?.rule?.message).toMatch(
      /^kept with (APP|CACHE)-01 on HV-3: affinity rule app-and-cache \(SameNode, required\)$/,
    );
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
