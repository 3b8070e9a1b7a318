import type { Vm } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';
import { compareNames } from '../../components/compare-names.js';

/** Columns of the VM list, in display order. */
export const VM_COLUMNS = ['name', 'status', 'host', 'memory', 'configVersion', 'highlyAvailable', 'jobStatus'] as const;
/** A column of the VM list. */
export type VmColumn = (typeof VM_COLUMNS)[number];

/** How the VM list is sorted. */
export interface VmSort {
  column: VmColumn;
  direction: 'ascending' | 'descending';
}

/** The VM list's default order: by name, as VMM opens it. */
export const DEFAULT_VM_SORT: VmSort = { column: 'name', direction: 'ascending' };

/**
 * Everything the VM list needs to sort and filter fast, computed once per inventory revision:
 * lowercase search keys, each VM's host index, and per-column ranks so a sort compares integers.
 */
export interface VmRowIndex {
  readonly vms: readonly Vm[];
  /** Lowercase name and host, for the case-insensitive filter. */
  readonly nameKeys: readonly string[];
  readonly hostKeys: readonly string[];
  /** Index of each VM's host in the inventory's host list; -1 when the host is unknown. */
  readonly hostIndexOfVm: Int32Array;
  /** Rank of each VM per column (equal values share a rank), filled the first time a column is sorted. */
  readonly ranks: Map<VmColumn, Int32Array>;
  /** Sorted VM indexes per column and direction, filled on first use. */
  readonly orders: Map<string, Int32Array>;
}

/** Builds the row index for a list of VMs; `hostIndexOf` maps a host name to its index (or -1). */
export function buildVmRowIndex(vms: readonly Vm[], hostIndexOf: (hostName: string) => number): VmRowIndex {
  const nameKeys = new Array<string>(vms.length);
  const hostKeys = new Array<string>(vms.length);
  const hostIndexOfVm = new Int32Array(vms.length);
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i];
    nameKeys[i] = vm.name.toLowerCase();
    hostKeys[i] = vm.host.toLowerCase();
    hostIndexOfVm[i] = hostIndexOf(vm.host);
  }
  const index: VmRowIndex = { vms, nameKeys, hostKeys, hostIndexOfVm, ranks: new Map(), orders: new Map() };
  // The default sort is by name; its ranks are the one expensive collation, so pay it up front.
  columnRanks(index, 'name');
  return index;
}

/**
 * Ranks strings through the collator: sorts the distinct values only, then maps each row to its rank.
 * Values already in order (VM names as the estate arrives, by name) are ranked in one pass instead.
 */
function rankStrings(values: readonly string[]): Int32Array {
  const inOrder = rankInOrder(values);
  if (inOrder) return inOrder;
  const distinct = [...new Set(values)].sort(compareNames);
  const rankOf = new Map<string, number>();
  let rank = -1;
  let previous: string | undefined;
  for (const value of distinct) {
    if (previous === undefined || compareNames(previous, value) !== 0) rank++;
    rankOf.set(value, rank);
    previous = value;
  }
  const ranks = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) ranks[i] = rankOf.get(values[i]) ?? 0;
  return ranks;
}

/** Ranks values that are already in collator order (equal neighbours share a rank); null at the first one out of order. */
function rankInOrder(values: readonly string[]): Int32Array | null {
  const ranks = new Int32Array(values.length);
  let rank = 0;
  for (let i = 1; i < values.length; i++) {
    const c = compareNames(values[i - 1], values[i]);
    if (c > 0) return null;
    if (c < 0) rank++;
    ranks[i] = rank;
  }
  return ranks;
}

/** Ranks numbers (booleans as 0/1): equal values share a rank. */
function rankNumbers(values: ArrayLike<number>): Int32Array {
  const distinct = [...new Set(Array.from(values))].sort((a, b) => a - b);
  const rankOf = new Map<number, number>();
  distinct.forEach((value, i) => rankOf.set(value, i));
  const ranks = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) ranks[i] = rankOf.get(values[i]) ?? 0;
  return ranks;
}

function computeRanks(index: VmRowIndex, column: VmColumn): Int32Array {
  const { vms } = index;
  switch (column) {
    case 'name':
      return rankStrings(vms.map((vm) => vm.name));
    case 'status':
      return rankStrings(vms.map((vm) => vm.state));
    case 'host':
      return rankStrings(vms.map((vm) => vm.host));
    case 'memory':
      return rankNumbers(vms.map((vm) => vm.memoryMB));
    case 'configVersion':
      return rankStrings(vms.map((vm) => vm.configVersion));
    case 'highlyAvailable':
      return rankNumbers(vms.map((vm) => (vm.highlyAvailable ? 1 : 0)));
    case 'jobStatus':
      // Jobs change far more often than the inventory, so this index holds no job ranks: every row
      // ties here (ties fall back to the name) and `orderRowsByKey` orders by job status afterwards.
      return new Int32Array(vms.length);
    default:
      return assertNever(column);
  }
}

function columnRanks(index: VmRowIndex, column: VmColumn): Int32Array {
  let ranks = index.ranks.get(column);
  if (!ranks) index.ranks.set(column, (ranks = computeRanks(index, column)));
  return ranks;
}

/**
 * Every VM index in the order of `sort`. Ties break by name, then by inventory order, in both
 * directions, so the order is stable and the same every time. Cached per column and direction.
 */
export function sortedVmOrder(index: VmRowIndex, sort: VmSort): Int32Array {
  const key = `${sort.column}:${sort.direction}`;
  const cached = index.orders.get(key);
  if (cached) return cached;
  const primary = columnRanks(index, sort.column);
  const byName = columnRanks(index, 'name');
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const order = Int32Array.from({ length: index.vms.length }, (_, i) => i);
  order.sort((a, b) => sign * (primary[a] - primary[b]) || byName[a] - byName[b] || a - b);
  index.orders.set(key, order);
  return order;
}

/** What the VM list shows: the tree node's hosts (null: everything), a filter text, and an order. */
export interface VmQuery {
  sort: VmSort;
  /** Matched case-insensitively against the VM's name and its host's name. */
  filter: string;
  /** `hostMask[hostIndex] === 1` for hosts under the selected node; null for the whole estate. */
  hostMask: Uint8Array | null;
}

/** The VM indexes to show, in order. */
export function selectVmRows(index: VmRowIndex, query: VmQuery): Int32Array {
  const order = sortedVmOrder(index, query.sort);
  const needle = query.filter.trim().toLowerCase();
  const { hostMask } = query;
  if (needle === '' && hostMask === null) return order;
  const { nameKeys, hostKeys, hostIndexOfVm } = index;
  const out = new Int32Array(order.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (hostMask !== null) {
      const h = hostIndexOfVm[i];
      if (h < 0 || hostMask[h] !== 1) continue;
    }
    if (needle !== '' && !nameKeys[i].includes(needle) && !hostKeys[i].includes(needle)) continue;
    out[n++] = i;
  }
  return out.subarray(0, n);
}

/** How many VMs sit under a node, before the filter. */
export function countVmsInScope(index: VmRowIndex, hostMask: Uint8Array | null): number {
  if (hostMask === null) return index.vms.length;
  let n = 0;
  for (let i = 0; i < index.hostIndexOfVm.length; i++) {
    const h = index.hostIndexOfVm[i];
    if (h >= 0 && hostMask[h] === 1) n++;
  }
  return n;
}

/**
 * Reorders shown rows by a key computed per VM (the Job status column, whose values change with every
 * job event), keeping the rows' current order among equal keys. Returns a new array.
 */
export function orderRowsByKey(rows: Int32Array, key: (vmIndex: number) => number, direction: VmSort['direction']): Int32Array {
  const sign = direction === 'ascending' ? 1 : -1;
  const keys = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) keys[k] = key(rows[k]);
  const positions = Int32Array.from({ length: rows.length }, (_, k) => k);
  positions.sort((a, b) => sign * (keys[a] - keys[b]) || a - b);
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = rows[positions[k]];
  return out;
}
