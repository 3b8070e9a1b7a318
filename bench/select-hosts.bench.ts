import { buildPlacementIndex } from '../main/domain/placement/placement-index.js';
import { selectHosts } from '../main/domain/placement/select-hosts.js';
import { generateInventory } from '../scripts/gen-inventory.js';
import { median, percentile, type BenchRow } from './report.js';

/**
 * Select Host for one VM against 1,000 hosts of a generated estate: the time per call with the
 * per-revision index the service keeps, over many different VMs, and the index build itself.
 * Target: p95 under 50 ms.
 */
export function benchSelectHosts(calls = 300): BenchRow[] {
  const inventory = generateInventory({ hosts: 1000, vms: 25000, seed: 1 });
  const t0 = performance.now();
  const index = buildPlacementIndex(inventory);
  const build = performance.now() - t0;
  for (let i = 0; i < 20; i++) selectHosts(inventory.vms[i].name, index); // warm-up
  const samples: number[] = [];
  const step = Math.floor(inventory.vms.length / calls);
  for (let i = 0; i < calls; i++) {
    const vm = inventory.vms[i * step].name;
    const s = performance.now();
    const rows = selectHosts(vm, index);
    samples.push(performance.now() - s);
    if (!rows.ok || rows.value.length !== inventory.hosts.length - 1) throw new Error(`selectHosts(${vm}) answered ${JSON.stringify(rows).slice(0, 200)}`);
  }
  return [
    {
      name: `Select Host, one VM against ${inventory.hosts.length - 1} hosts, p95 (${calls} VMs)`,
      value: percentile(samples, 95),
      unit: 'ms',
      target: '< 50 ms',
    },
    { name: '  median', value: median(samples), unit: 'ms' },
    { name: '  worst', value: Math.max(...samples), unit: 'ms' },
    { name: '  placement index build (once per inventory revision)', value: build, unit: 'ms' },
  ];
}
