import { planMoves } from '../main/domain/planner/planner.js';
import { generateInventory } from '../scripts/gen-inventory.js';
import type { InventoryDocument } from '../shared/model/inventory.js';
import type { Plan, PlanRequest } from '../shared/model/plan.js';
import { benchPlannerRules } from './planner-rules.bench.js';
import { median, percentile, type BenchRow } from './report.js';

// The planner (issue 7) on generated estates (scripts/gen-inventory.ts, fixed seeds):
// - 1,000 moves on 100 hosts: 2,500 VMs generated, the first 1,000 running VMs the planner can place;
// - the evacuation of a host with about 40 running VMs (40 hosts, 1,200 VMs; the first seed whose
//   host of 38 to 44 VMs can move them).
// For each: the planner's makespan over its lower bound, and the naive baseline's (first in first out in
// the request's order, VMM's fixed limit of 2) over the same bound; and the planner's time. Also the
// planner without holding moves back on full links, to show what that part gains.

function plan(doc: InventoryDocument, request: PlanRequest, naive = false, linkAdmission = true): Plan {
  const r = planMoves(doc, request, { naive }, { linkAdmission });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A 1,000-move request on a generated 100-host estate. */
function thousandMoves(seed: number): { doc: InventoryDocument; request: PlanRequest } {
  const doc = generateInventory({ hosts: 100, vms: 2500, seed });
  const running = doc.vms.filter((v) => v.state === 'Running').map((v) => v.name);
  const placeable = plan(doc, { kind: 'vms', vms: running, to: 'auto' })
    .moves.map((m) => m.vm)
    .slice(0, 1000);
  return { doc, request: { kind: 'vms', vms: placeable, to: 'auto' } };
}

/** An evacuation of a host with about 40 running VMs that can move. */
function evacuation(seed: number): { doc: InventoryDocument; request: PlanRequest } | null {
  const doc = generateInventory({ hosts: 40, vms: 1200, seed });
  for (const h of doc.hosts) {
    const n = doc.vms.filter((v) => v.host === h.name && v.state === 'Running').length;
    if (n < 38 || n > 44) continue;
    const request: PlanRequest = { kind: 'evacuate', host: h.name, cannotMove: 'leave' };
    if (plan(doc, request).moves.length >= 35) return { doc, request };
  }
  return null;
}

/** The planner against its lower bound and the naive baseline, over several generated estates. */
export function benchPlanner(seeds = 12): BenchRow[] {
  const rows: BenchRow[] = [];
  const ratios: number[] = [];
  const naive: number[] = [];
  const unheld: number[] = [];
  const times: number[] = [];
  console.log(
    '\n  1,000 moves on 100 hosts, per seed: moves, planner makespan / lower bound, naive / lower bound, not holding / lower bound, planner ms, what bounds it',
  );
  for (let seed = 1; seed <= seeds; seed++) {
    const { doc, request } = thousandMoves(seed);
    const t = performance.now();
    const p = plan(doc, request);
    times.push(performance.now() - t);
    const n = plan(doc, request, true);
    const u = plan(doc, request, false, false);
    ratios.push(p.makespan / p.lowerBound);
    naive.push(n.makespan / p.lowerBound);
    unheld.push(u.makespan / p.lowerBound);
    console.log(
      `    seed ${seed}: ${p.moves.length} moves, ${(p.makespan / p.lowerBound).toFixed(3)}, naive ${(n.makespan / p.lowerBound).toFixed(3)}, not holding ${(u.makespan / p.lowerBound).toFixed(3)}, ${times.at(-1)?.toFixed(0)} ms; ${p.lowerBoundBasis}`,
    );
  }
  rows.push(
    { name: '1,000 moves: planner makespan / lower bound, median', value: median(ratios), unit: '×', target: '≤ 1.10' },
    { name: '1,000 moves: planner makespan / lower bound, worst', value: Math.max(...ratios), unit: '×' },
    { name: '1,000 moves: naive FIFO, limit 2 / lower bound, median', value: median(naive), unit: '×' },
    { name: '1,000 moves: planner not holding moves on full links, median', value: median(unheld), unit: '×' },
    { name: '1,000 moves: planner time, median', value: median(times), unit: 'ms', target: '< 500 ms' },
    { name: '1,000 moves: planner time, p95', value: percentile(times, 95), unit: 'ms' },
  );

  const evac: number[] = [];
  const evacNaive: number[] = [];
  console.log('\n  Evacuation of a ~40-VM host, per seed: moves, planner / lower bound, naive / lower bound');
  for (let seed = 1; evac.length < 5 && seed <= 40; seed++) {
    const e = evacuation(seed);
    if (!e) continue;
    const p = plan(e.doc, e.request);
    const n = plan(e.doc, e.request, true);
    evac.push(p.makespan / p.lowerBound);
    evacNaive.push(n.makespan / p.lowerBound);
    console.log(
      `    seed ${seed}: ${p.moves.length} moves off ${(e.request as { host: string }).host}, ${(p.makespan / p.lowerBound).toFixed(3)}, naive ${(n.makespan / p.lowerBound).toFixed(3)}; ${p.lowerBoundBasis}`,
    );
  }
  rows.push(
    { name: '40-VM evacuation: planner / lower bound, median', value: median(evac), unit: '×', target: '≤ 1.10' },
    { name: '40-VM evacuation: planner / lower bound, worst', value: Math.max(...evac), unit: '×' },
    { name: '40-VM evacuation: naive / lower bound, median', value: median(evacNaive), unit: '×' },
  );
  rows.push(...benchPlannerRules());
  return rows;
}
