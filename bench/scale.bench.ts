import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlacementIndex } from '../main/domain/placement/placement-index.js';
import { selectHosts } from '../main/domain/placement/select-hosts.js';
import { planMoves } from '../main/domain/planner/planner.js';
import { replaceInventory } from '../main/infra/db/inventory-repository.js';
import { openDatabase } from '../main/infra/db/open.js';
import { createAppServices, createHandlers, dispatch } from '../main/services/app-services.js';
import { generateInventory } from '../scripts/gen-inventory.js';
import type { InventoryDocument } from '../shared/model/inventory.js';
import type { Plan, PlanRequest } from '../shared/model/plan.js';
import { ManualConnector } from '../test/fixtures/manual-connector.js';
import { median, percentile, type BenchRow } from './report.js';

// Ferry at vCenter 8's maximums (issue 16 point 4): a generated estate of 2,500 hosts and 45,000 VMs (seed 1).
// - Select Host: the domain's answer for one VM, then the console's two requests through the channel as the
//   headless host answers them (JSON): every row without its explanations, and the chosen row with them.
// - The evacuation plan of a host with about 40 VMs, and a plan of 1,000 chosen running VMs (every 30th), with
//   the placement index the services keep per inventory snapshot: planner time and makespan over the lower bound.
// The console, import and Optimize Hosts rows at this scale are in their own benchmarks.

const HOSTS = 2500;
const VMS = 45000;

function plan(doc: InventoryDocument, request: PlanRequest, index: ReturnType<typeof buildPlacementIndex>): { plan: Plan; ms: number } {
  const t = performance.now();
  const r = planMoves(doc, request, {}, { index });
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(r.error.message);
  return { plan: r.value, ms };
}

/** Select Host, evacuations and a 1,000-VM plan on the 2,500-host, 45,000-VM estate. */
export async function benchScale(): Promise<BenchRow[]> {
  const doc = generateInventory({ hosts: HOSTS, vms: VMS, seed: 1 });
  const t0 = performance.now();
  const index = buildPlacementIndex(doc);
  const indexMs = performance.now() - t0;

  // Select Host in the domain, over 200 VMs spread across the estate (after a warm-up).
  const step = Math.floor(doc.vms.length / 200);
  for (let i = 0; i < 20; i++) selectHosts(doc.vms[i * 7].name, index);
  const domain: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const rows = selectHosts(doc.vms[i * step].name, index);
    domain.push(performance.now() - t);
    if (!rows.ok || rows.value.length !== HOSTS - 1) throw new Error(`selectHosts answered ${JSON.stringify(rows).slice(0, 200)}`);
  }

  // The console's requests, through the real channel, on the estate imported into a database.
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-scale-'));
  const grid: number[] = [];
  const explained: number[] = [];
  let gridBytes = 0;
  try {
    const databasePath = join(dir, 'ferry.db');
    const db = openDatabase(databasePath);
    replaceInventory(db, doc, 'bench', new Date());
    db.close();
    const services = await createAppServices({ databasePath, connector: () => new ManualConnector() });
    try {
      const handlers = createHandlers(services, { transport: 'websocket', systemLocale: 'en-US' });
      const ask = async (args: Record<string, unknown>): Promise<{ ms: number; bytes: number }> => {
        const t = performance.now();
        const r = await dispatch(handlers, 'placement.selectHosts', args);
        const json = JSON.stringify(r);
        const ms = performance.now() - t;
        if (!r.ok) throw new Error(r.error.message);
        return { ms, bytes: json.length };
      };
      for (let i = 0; i < 60; i++) {
        const vm = doc.vms[i * step * 3].name;
        const all = await ask({ vm, explain: false });
        grid.push(all.ms);
        gridBytes = Math.max(gridBytes, all.bytes);
        explained.push((await ask({ vm, hosts: [doc.hosts[(i * 37) % HOSTS].name] })).ms);
      }
    } finally {
      await services.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Evacuations of hosts with 38 to 42 VMs (running, saved and off: every VM is accounted for).
  const perHost = new Map<string, number>();
  for (const v of doc.vms) perHost.set(v.host, (perHost.get(v.host) ?? 0) + 1);
  const evacuated = [...perHost.entries()].filter(([, n]) => n >= 38 && n <= 42).slice(0, 12);
  const evac: number[] = [];
  const evacRatio: number[] = [];
  for (const [host] of evacuated) {
    const { plan: p, ms } = plan(doc, { kind: 'evacuate', host, cannotMove: 'leave' }, index);
    evac.push(ms);
    if (p.moves.length > 0) evacRatio.push(p.makespan / p.lowerBound);
  }

  // A plan of 1,000 chosen running VMs, three times.
  const chosen = doc.vms
    .filter((v) => v.state === 'Running')
    .filter((_, i) => i % 30 === 0)
    .slice(0, 1000)
    .map((v) => v.name);
  const thousand: number[] = [];
  let ratio = 0;
  let moved = 0;
  for (let k = 0; k < 3; k++) {
    const { plan: p, ms } = plan(doc, { kind: 'vms', vms: chosen, to: 'auto' }, index);
    thousand.push(ms);
    ratio = p.makespan / p.lowerBound;
    moved = p.moves.length;
  }

  return [
    { name: `Select Host, one VM against ${HOSTS - 1} hosts (domain), p95 of 200 VMs`, value: percentile(domain, 95), unit: 'ms', target: '< 50 ms' },
    { name: '  median', value: median(domain), unit: 'ms' },
    { name: '  placement index build (once per inventory revision)', value: indexMs, unit: 'ms' },
    { name: 'Select Host as the console asks it: every row, no explanations (channel + JSON), p95', value: percentile(grid, 95), unit: 'ms' },
    { name: '  its answer, largest', value: gridBytes / 1e6, unit: 'MB' },
    { name: '  then the chosen row with its explanations, p95', value: percentile(explained, 95), unit: 'ms' },
    { name: `evacuation of a host of 38 to 42 VMs (${evacuated.length} hosts), planner time, median`, value: median(evac), unit: 'ms', target: '< 300 ms' },
    { name: '  worst', value: Math.max(...evac), unit: 'ms' },
    { name: '  makespan / lower bound, median', value: median(evacRatio), unit: '×', target: '≤ 1.10' },
    { name: `plan of 1,000 chosen running VMs (${moved} placed), planner time, median of 3`, value: median(thousand), unit: 'ms', target: '< 1000 ms' },
    { name: '  first run (a fresh process)', value: thousand[0], unit: 'ms' },
    { name: '  makespan / lower bound', value: ratio, unit: '×', target: '≤ 1.10' },
  ];
}
