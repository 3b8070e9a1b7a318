import type { InventoryDocument } from '../../../shared/model/inventory.js';
import { nameKey } from '../storage-paths/names.js';
import { isRunningForMigration } from '../storage-paths/vm-storage.js';
import { balanceSide } from './balance.js';
import { cpuShareOn, loadOf, memoryPercent, vmCpuShares } from './host-load.js';
import type { BalanceSide } from '../../../shared/model/optimize.js';

/** What the greedy baseline did on one cluster. */
export interface BaselineOutcome {
  moves: { vm: string; from: string; to: string }[];
  before: BalanceSide;
  after: BalanceSide;
}

/**
 * The benchmark's baseline for Optimize Hosts: repeatedly move the largest running highly-available VM that fits
 * from the most-loaded node (memory percent) to the least-loaded one, while that lowers the most-loaded node's load
 * below where it was and the destination ends below it; no placement rule or threshold is looked at.
 */
export function greedyBaseline(inventory: InventoryDocument, cluster: string, maxMoves = 10_000): BaselineOutcome {
  const hosts = inventory.hosts
    .filter((h) => h.cluster !== null && nameKey(h.cluster) === nameKey(cluster) && !h.maintenanceMode && h.state === 'Responding')
    .map(loadOf);
  const vms = hosts.map(() => [] as { name: string; memoryMB: number; cpu: number }[]);
  for (const [i, h] of hosts.entries()) {
    const on = inventory.vms.filter((v) => nameKey(v.host) === nameKey(h.host.name));
    const shares = vmCpuShares(h.host, on);
    for (const v of on) if (v.highlyAvailable && isRunningForMigration(v)) vms[i].push({ name: v.name, memoryMB: v.memoryMB, cpu: shares.get(v) ?? 0 });
  }
  const before = balanceSide(hosts);
  const moves: BaselineOutcome['moves'] = [];
  while (moves.length < maxMoves && hosts.length > 1) {
    const pct = hosts.map(memoryPercent);
    const hi = pct.indexOf(Math.max(...pct));
    const lo = pct.indexOf(Math.min(...pct));
    const src = hosts[hi];
    const dst = hosts[lo];
    const room = dst.availableMB - dst.host.memory.reserveMB;
    const fitting = vms[hi].filter((v) => v.memoryMB <= room).sort((a, b) => b.memoryMB - a.memoryMB);
    const vm = fitting[0];
    if (!vm) break;
    const destAfter = ((dst.totalMB - dst.availableMB + vm.memoryMB) / dst.totalMB) * 100;
    if (destAfter >= pct[hi]) break;
    src.availableMB += vm.memoryMB;
    dst.availableMB -= vm.memoryMB;
    src.cpuPercent = Math.max(0, src.cpuPercent - vm.cpu);
    dst.cpuPercent += cpuShareOn(vm.cpu, src.host, dst.host);
    vm.cpu = cpuShareOn(vm.cpu, src.host, dst.host);
    vms[hi].splice(vms[hi].indexOf(vm), 1);
    vms[lo].push(vm);
    moves.push({ vm: vm.name, from: src.host.name, to: dst.host.name });
  }
  return { moves, before, after: balanceSide(hosts) };
}
