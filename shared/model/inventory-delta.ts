import type { Host, InventoryDocument, Vm } from './inventory.js';

/**
 * What one change did to the estate (a completed move, a VM started or saved, hosts' settings): the VMs
 * and hosts it changed, whole, as the inventory holds them after it. It goes with `inventory.changed`
 * so a window that shows revision `base` takes the change without fetching the whole estate again.
 */
export interface InventoryDelta {
  /** The revision the change applies to (the event's revision minus one). */
  base: number;
  vms: Vm[];
  hosts: Host[];
}

/**
 * The estate with the delta's VMs and hosts in place of those of the same names (ignoring case), or
 * null when one of them is not there (then fetch the whole estate). Everything else is shared with `doc`.
 */
export function withInventoryDelta(doc: InventoryDocument, delta: Pick<InventoryDelta, 'vms' | 'hosts'>): InventoryDocument | null {
  const replace = <T extends { name: string }>(list: readonly T[], changed: readonly T[]): T[] | null => {
    if (changed.length === 0) return list as T[];
    const at = new Map(list.map((item, i) => [item.name.toLowerCase(), i]));
    const out = list.slice();
    for (const item of changed) {
      const i = at.get(item.name.toLowerCase());
      if (i === undefined) return null;
      out[i] = item;
    }
    return out;
  };
  const vms = replace(doc.vms, delta.vms);
  const hosts = replace(doc.hosts, delta.hosts);
  return vms && hosts ? { ...doc, vms, hosts } : null;
}

/**
 * Two deltas in a row as one: `first` took the estate from its base to `firstRevision`, `second` from
 * there on; the later copy of a VM or host wins. Null when they don't follow each other (then windows
 * fetch the whole estate).
 */
export function mergeInventoryDeltas(first: InventoryDelta, firstRevision: number, second: InventoryDelta): InventoryDelta | null {
  if (second.base !== firstRevision) return null;
  const merge = <T extends { name: string }>(a: readonly T[], b: readonly T[]): T[] => {
    const byName = new Map(a.map((x) => [x.name.toLowerCase(), x]));
    for (const x of b) byName.set(x.name.toLowerCase(), x);
    return [...byName.values()];
  };
  return { base: first.base, vms: merge(first.vms, second.vms), hosts: merge(first.hosts, second.hosts) };
}
