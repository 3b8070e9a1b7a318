import type { Host } from '../../../shared/model/inventory.js';
import { DEFAULT_OPTIMIZE_THRESHOLDS, type HostThresholds, type OptimizeThresholds } from '../../../shared/model/optimize.js';
import { nameKey } from '../storage-paths/names.js';

/** Thresholds set on host groups, by the group's path ("All Hosts/Milano"). */
export type GroupThresholds = Readonly<Record<string, OptimizeThresholds>>;

/** Whether `path` is `group` or a group under it ("All Hosts" holds every group). */
export function inHostGroup(path: string, group: string): boolean {
  const p = nameKey(path).replace(/\\/g, '/');
  const g = nameKey(group).replace(/\\/g, '/').replace(/\/+$/, '');
  return p === g || p.startsWith(`${g}/`) || g === 'all hosts';
}

/** A host's thresholds: those of its nearest host group that has some (a group inherits its parent's), else the defaults. */
export function hostThresholds(host: Host, byGroup: GroupThresholds): HostThresholds {
  const keyed = new Map(Object.entries(byGroup).map(([k, v]) => [nameKey(k).replace(/\\/g, '/'), { path: k, v }]));
  const parts = host.hostGroup.replace(/\\/g, '/').split('/');
  for (let n = parts.length; n > 0; n--) {
    const hit = keyed.get(nameKey(parts.slice(0, n).join('/')));
    if (hit) return { host: host.name, memoryFreePercent: hit.v.memoryFreePercent, cpuFreePercent: hit.v.cpuFreePercent, from: hit.path };
  }
  const all = keyed.get('all hosts');
  if (all) return { host: host.name, ...all.v, from: all.path };
  return { host: host.name, ...DEFAULT_OPTIMIZE_THRESHOLDS, from: null };
}

/** Whether thresholds are whole or decimal percents from 0 to 90; the first problem in words otherwise. */
export function thresholdsProblem(t: OptimizeThresholds): string | null {
  for (const [k, v] of [
    ['memoryFreePercent', t.memoryFreePercent],
    ['cpuFreePercent', t.cpuFreePercent],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 90) return `${k}: must be a percent from 0 to 90, got ${String(v)}`;
  }
  return null;
}
