import type { AffinityRule, InventoryDocument } from '../../../shared/model/inventory.js';
import type { Plan } from '../../../shared/model/plan.js';

/** One placement rule of the VMs in a plan, as the plan view lists it. */
export type PlanRuleRow =
  | { kind: 'availability-set'; name: string; vms: PlanRuleVm[] }
  | { kind: 'affinity-rule'; name: string; type: AffinityRule['type']; required: boolean; vms: PlanRuleVm[] }
  | { kind: 'possible-owners' | 'preferred-owners'; name: string; owners: string[]; vms: PlanRuleVm[] };

/** A VM of a rule with where it is once the plan has run, and whether the plan moves it. */
export interface PlanRuleVm {
  vm: string;
  host: string;
  moves: boolean;
}

const key = (s: string): string => s.toLowerCase();

/**
 * The placement rules (migration-rules.md section 8) that involve a VM of the plan (moved, unmovable or staying):
 * its availability sets and affinity rules with every VM they name, and its owner lists, each VM with the host it
 * is on once the plan has run. Availability sets and rules first, by name; then owner lists, by VM.
 */
export function planRuleRows(plan: Plan, inventory: InventoryDocument): PlanRuleRow[] {
  const inPlan = new Set([...plan.moves.map((m) => m.vm), ...plan.unmovable.map((u) => u.vm), ...plan.staying.map((s) => s.vm)].map(key));
  const after = new Map(plan.moves.map((m) => [key(m.vm), m.to]));
  const vms = new Map(inventory.vms.map((v) => [key(v.name), v]));
  const at = (name: string): PlanRuleVm => {
    const vm = vms.get(key(name));
    return { vm: vm?.name ?? name, host: after.get(key(name)) ?? vm?.host ?? '', moves: after.has(key(name)) };
  };
  const rows: PlanRuleRow[] = [];
  const sets = new Map<string, { name: string; vms: string[] }>();
  for (const v of inventory.vms)
    for (const s of v.availabilitySets ?? []) {
      const e = sets.get(key(s)) ?? { name: s, vms: [] };
      e.vms.push(v.name);
      sets.set(key(s), e);
    }
  for (const s of sets.values()) if (s.vms.some((v) => inPlan.has(key(v)))) rows.push({ kind: 'availability-set', name: s.name, vms: s.vms.map(at) });
  for (const r of inventory.affinityRules ?? [])
    if (r.vms.some((v) => inPlan.has(key(v)))) rows.push({ kind: 'affinity-rule', name: r.name, type: r.type, required: r.required, vms: r.vms.map(at) });
  rows.sort((a, b) => a.name.localeCompare(b.name));
  for (const v of inventory.vms) {
    if (!inPlan.has(key(v.name))) continue;
    if (v.possibleOwners?.length) rows.push({ kind: 'possible-owners', name: v.name, owners: v.possibleOwners, vms: [at(v.name)] });
    if (v.preferredOwners?.length) rows.push({ kind: 'preferred-owners', name: v.name, owners: v.preferredOwners, vms: [at(v.name)] });
  }
  return rows;
}
