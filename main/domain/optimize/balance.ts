import type { BalanceSide } from '../../../shared/model/optimize.js';
import { memoryPercent, stdev, type LoadedHost } from './host-load.js';

const tenth = (x: number): number => Math.round(x * 10) / 10;

/** The balance of some hosts now: each host's memory and CPU percent, the highest memory percent and its spread. */
export function balanceSide(hosts: readonly LoadedHost[]): BalanceSide {
  const mem = hosts.map(memoryPercent);
  return {
    hosts: hosts.map((h, i) => ({ host: h.host.name, memoryPercent: tenth(mem[i]), cpuPercent: tenth(h.cpuPercent) })),
    maxMemoryPercent: tenth(mem.length ? Math.max(...mem) : 0),
    stdevMemoryPercent: tenth(stdev(mem)),
  };
}
