import { compareNames } from './compare-names.js';
import type { InventoryDocument, InventoryMeta, Vm } from './inventory.js';

/** Most VMs one `inventory.page` answer carries. */
export const MAX_INVENTORY_PAGE = 20_000;

/** The estate without its VMs: what the first page carries besides them. */
export type InventoryEstate = Omit<InventoryDocument, 'vms'>;

/**
 * One page of the estate as the console loads it: VMs in the console's default order (by name), from
 * `offset`. The first page (offset 0) also carries everything else, so the tree and the first rows
 * paint before the rest of a 45,000-VM estate arrives.
 */
export interface InventoryPage {
  /** The estate's revision; pages of different revisions don't fit together. */
  revision: number;
  meta: InventoryMeta | null;
  /** How many VMs the estate has at this revision. */
  vmTotal: number;
  offset: number;
  vms: Vm[];
  /** The estate without its VMs, on the page at offset 0 only. */
  estate: InventoryEstate | null;
}

/** The VMs in the order the console lists them first (by name; equal names keep their order). */
export function vmsInConsoleOrder(vms: readonly Vm[]): Vm[] {
  return [...vms].sort((a, b) => compareNames(a.name, b.name));
}

/** The page of `ordered` (the estate's VMs in console order) from `offset`, at most `limit` VMs. */
export function inventoryPage(
  revision: number,
  meta: InventoryMeta | null,
  inventory: InventoryDocument,
  ordered: readonly Vm[],
  offset: number,
  limit: number,
): InventoryPage {
  let estate: InventoryEstate | null = null;
  if (offset === 0) {
    const { vms: _vms, ...rest } = inventory;
    estate = rest;
  }
  return { revision, meta, vmTotal: ordered.length, offset, vms: ordered.slice(offset, offset + limit), estate };
}
