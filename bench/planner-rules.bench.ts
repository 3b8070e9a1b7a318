import { planMoves } from '../main/domain/planner/planner.js';
import { generateInventory } from '../scripts/gen-inventory.js';
import type { InventoryDocument } from '../shared/model/inventory.js';
import type { Plan, PlanRequest } from '../shared/model/plan.js';
import { median, percentile, type BenchRow } from './report.js';

// The planner with placement rules (issue 15, point 7): 1,000 moves on 100 hosts where 30% of the VMs belong
// to availability sets of 2 to 4 (fixed seeds). Reports makespan over the lower bound, the planner's time, and
// the rules the plans break: moves that land beside a VM of their availability set (a soft rule, kept
// whenever another host has room), and the VMs of a set that the plan leaves together on one host.

/** A small seeded generator, for which VMs go in which set. */
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

/** The estate of `seed` with 30% of its VMs in availability sets of 2 to 4 (also for profiling the planner). */
export function estateWithSets(seed: number): InventoryDocument {
  const doc = generateInventory({ hosts: 100, vms: 2500, seed });
  const r = rng(seed);
  const vms = doc.vms.map((v) => ({ ...v }));
  const order = vms.map((_, i) => i).sort(() => r() - 0.5);
  const target = Math.round(vms.length * 0.3);
  let at = 0;
  let set = 0;
  while (at < target) {
    const size = Math.min(2 + Math.floor(r() * 3), target - at < 2 ? 2 : target - at);
    set++;
    for (const i of order.slice(at, at + size)) vms[i].availabilitySets = [`AS-${set}`];
    at += size;
  }
  return { ...doc, vms };
}

function plan(doc: InventoryDocument, request: PlanRequest): Plan {
  const r = planMoves(doc, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * VMs a plan leaves beside another VM of their availability set: for each set and host where the plan moved a
 * member, the members there beyond the first. A pair counts once (the second VM to land is the one the rule
 * could not keep apart).
 */
function setsTogether(doc: InventoryDocument, p: Plan): number {
  const at = new Map(doc.vms.map((v) => [v.name, v.host]));
  for (const m of p.moves) at.set(m.vm, m.to);
  const moved = new Set(p.moves.map((m) => m.vm));
  const groups = new Map<string, { members: number; moved: boolean }>();
  for (const v of doc.vms)
    for (const s of v.availabilitySets ?? []) {
      const k = `${s}\u0000${at.get(v.name)}`;
      const g = groups.get(k) ?? { members: 0, moved: false };
      g.members++;
      g.moved ||= moved.has(v.name);
      groups.set(k, g);
    }
  let n = 0;
  for (const g of groups.values()) if (g.moved && g.members > 1) n += g.members - 1;
  return n;
}

/** The planner with availability sets on 30% of the VMs, over several generated estates. */
export function benchPlannerRules(seeds = 12): BenchRow[] {
  const ratios: number[] = [];
  const times: number[] = [];
  let broken = 0;
  let warned = 0;
  console.log(
    '\n  1,000 moves on 100 hosts, 30% of the VMs in availability sets of 2 to 4, per seed: moves, makespan / lower bound, planner ms, moves beside a VM of their set',
  );
  for (let seed = 1; seed <= seeds; seed++) {
    const doc = estateWithSets(seed);
    const running = doc.vms.filter((v) => v.state === 'Running').map((v) => v.name);
    const placeable = plan(doc, { kind: 'vms', vms: running, to: 'auto' })
      .moves.map((m) => m.vm)
      .slice(0, 1000);
    const request: PlanRequest = { kind: 'vms', vms: placeable, to: 'auto' };
    const t = performance.now();
    const p = plan(doc, request);
    times.push(performance.now() - t);
    ratios.push(p.makespan / p.lowerBound);
    const together = setsTogether(doc, p);
    broken += together;
    warned += p.warnings.filter((w) => w.code === 'availability-set').length;
    console.log(
      `    seed ${seed}: ${p.moves.length} moves, ${(p.makespan / p.lowerBound).toFixed(3)}, ${times.at(-1)?.toFixed(0)} ms, ${together} beside a VM of their set`,
    );
  }
  return [
    { name: 'rules, 1,000 moves: makespan / lower bound, median', value: median(ratios), unit: '×', target: '≤ 1.10' },
    { name: 'rules, 1,000 moves: makespan / lower bound, worst', value: Math.max(...ratios), unit: '×' },
    { name: 'rules, 1,000 moves: planner time, median', value: median(times), unit: 'ms', target: '< 500 ms' },
    { name: 'rules, 1,000 moves: planner time, p95', value: percentile(times, 95), unit: 'ms' },
    { name: 'rules, 1,000 moves: VMs left beside a VM of their set, all seeds', value: broken, unit: 'VMs' },
    { name: 'rules, 1,000 moves: of those, with no other host with room (warned)', value: warned, unit: 'VMs' },
    { name: 'rules, 1,000 moves: rules broken (beside their set while another host had room)', value: broken - warned, unit: 'VMs', target: '0' },
  ];
}
