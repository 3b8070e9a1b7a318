import type { FileShare, Host, InventoryDocument } from '../../../shared/model/inventory.js';
import { isSmb3OrLater } from '../storage-paths/dotted-version.js';
import { nameKey, sameName } from '../storage-paths/names.js';
import { buildPlacementRules, type PlacementRules } from './placement-rules.js';
import { buildStorageIndex, hostReachesShare, type StorageIndex } from '../storage-paths/storage-index.js';

/**
 * Lookups over one inventory for Select Host, built once (linear in the inventory) and reused for every VM:
 * the storage index (hosts, clusters, shares and VMs by name), each cluster's nodes and its shared shares.
 */
export interface PlacementIndex {
  readonly kind: 'placement-index';
  readonly inventory: InventoryDocument;
  readonly storage: StorageIndex;
  /** Each cluster's nodes, by cluster name ignoring case. */
  readonly nodes: ReadonlyMap<string, readonly Host[]>;
  /** Each cluster's SMB 3.0 (or later) shares that every node reaches: storage as good as a CSV. */
  readonly clusterShares: ReadonlyMap<string, readonly FileShare[]>;
  /** The estate's placement rules (migration-rules.md section 8), indexed. */
  readonly rules: PlacementRules;
  /** The hosts of each processor vendor, and of each vendor and generation (keys ignore case), in inventory order. */
  readonly byCpu: ReadonlyMap<string, readonly Host[]>;
}

/** A host's key in `byCpu`: its vendor, or its vendor and generation. */
export function cpuKey(host: Host, withGeneration: boolean): string {
  const vendor = host.cpu.vendor.toLowerCase();
  return withGeneration ? `${vendor}\u0000${host.cpu.generation.toLowerCase()}` : vendor;
}

/** Builds the Select Host lookups of an inventory; callers cache it per inventory. */
export function buildPlacementIndex(inventory: InventoryDocument): PlacementIndex {
  const storage = buildStorageIndex(inventory);
  const nodes = new Map<string, Host[]>();
  for (const host of inventory.hosts) {
    if (host.cluster === null) continue;
    const k = nameKey(host.cluster);
    const list = nodes.get(k);
    if (list) list.push(host);
    else nodes.set(k, [host]);
  }
  const clusterShares = new Map<string, FileShare[]>();
  const smb3 = inventory.fileShares.filter((s) => isSmb3OrLater(s.smbVersion));
  for (const [k, members] of nodes) {
    clusterShares.set(
      k,
      smb3.filter((share) => members.every((node) => hostReachesShare(node, share, storage))),
    );
  }
  const byCpu = new Map<string, Host[]>();
  for (const host of inventory.hosts)
    for (const k of [cpuKey(host, false), cpuKey(host, true)]) {
      const list = byCpu.get(k);
      if (list) list.push(host);
      else byCpu.set(k, [host]);
    }
  return {
    kind: 'placement-index',
    inventory,
    storage,
    nodes,
    clusterShares,
    rules: buildPlacementRules(inventory),
    byCpu,
  };
}

/** Indexes of inventory snapshots, built once each. */
const snapshots = new WeakMap<InventoryDocument, PlacementIndex>();

/**
 * The index of an inventory snapshot, built on first use and kept while the snapshot lives. Only for documents
 * nobody changes in place (the services' snapshots: each revision is a new document).
 */
export function snapshotIndex(inventory: InventoryDocument): PlacementIndex {
  let index = snapshots.get(inventory);
  if (!index) snapshots.set(inventory, (index = buildPlacementIndex(inventory)));
  return index;
}

/** The index of an inventory, or the index itself when the caller passes a cached one. */
export function toPlacementIndex(source: InventoryDocument | PlacementIndex): PlacementIndex {
  return 'kind' in source && source.kind === 'placement-index' ? source : buildPlacementIndex(source as InventoryDocument);
}

/** Whether two hosts are nodes of the same cluster. */
export function sameCluster(a: Host, b: Host): boolean {
  return a.cluster !== null && b.cluster !== null && sameName(a.cluster, b.cluster);
}
