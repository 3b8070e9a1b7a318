import type { Host, Vm } from '../../../shared/model/inventory.js';
import { isRunningForMigration } from '../storage-paths/vm-storage.js';

/**
 * The load model of Optimize Hosts: a host's memory in use (total minus available, as the inventory says) and
 * its CPU usage. The inventory has no per-VM CPU figure, so a host's CPU usage is shared among its running VMs
 * by their virtual processors; a VM that moves takes its share along, scaled by the two hosts' logical processors.
 */

/** A host's load in the model, mutable while moves are tried. */
export interface LoadedHost {
  host: Host;
  totalMB: number;
  /** Memory available now (free), MB. */
  availableMB: number;
  /** CPU usage, percent of the host's logical processors. */
  cpuPercent: number;
}

/** Percent of a host's memory in use. */
export function memoryPercent(h: LoadedHost): number {
  return h.totalMB > 0 ? ((h.totalMB - h.availableMB) / h.totalMB) * 100 : 100;
}

/** The higher of a host's memory and CPU percent: what "busier" means. */
export function peakPercent(h: LoadedHost): number {
  return Math.max(memoryPercent(h), h.cpuPercent);
}

/** The model's starting load of a host. */
export function loadOf(host: Host): LoadedHost {
  return {
    host,
    totalMB: host.memory.totalMB,
    availableMB: Math.max(0, Math.min(host.memory.totalMB, host.memory.availableMB)),
    cpuPercent: Math.max(0, Math.min(100, host.cpu.usagePercent)),
  };
}

/** Each running VM's share of its host's CPU usage, percent of that host, by VM (shares of one host add up to its usage). */
export function vmCpuShares(host: Host, vmsOnHost: readonly Vm[]): Map<Vm, number> {
  const running = vmsOnHost.filter(isRunningForMigration);
  const vcpus = running.reduce((s, v) => s + Math.max(1, v.cpuCount), 0);
  const out = new Map<Vm, number>();
  for (const v of running) out.set(v, vcpus > 0 ? (Math.max(0, Math.min(100, host.cpu.usagePercent)) * Math.max(1, v.cpuCount)) / vcpus : 0);
  return out;
}

/** A VM's CPU share of `from`, as percent of `to` (more logical processors: a smaller share). */
export function cpuShareOn(sharePercent: number, from: Host, to: Host): number {
  return (sharePercent * Math.max(1, from.cpu.logicalProcessors)) / Math.max(1, to.cpu.logicalProcessors);
}

/** Population standard deviation. */
export function stdev(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}
