import type { Cluster, FileShare, Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';
import { isSmb3OrLater } from './dotted-version.js';
import { nameKey } from './names.js';
import { longestRoot, pathKey, windowsPathKind } from './windows-path.js';
import { english, text, type Text } from '../../../shared/i18n/text.js';

/** Where a path's bytes land: a host volume, a cluster shared volume, or an SMB share, with its space. */
export interface StorageTarget {
  kind: 'volume' | 'csv' | 'share';
  /** The volume's or share's own path (`D:\`, `C:\ClusterStorage\Volume1`, `\\fs.contoso.com\vmstore`). */
  root: string;
  freeGB: number;
  capacityGB: number;
  /** The SMB dialect for a share; null for volumes. */
  smbVersion: string | null;
}

/**
 * What tells one storage location from another across hosts: a host's local volume is its own, a cluster
 * shared volume belongs to its cluster (every cluster has a C:\ClusterStorage\Volume1), a share is one place.
 */
export function storageTargetKey(host: Pick<Host, 'name' | 'cluster'>, target: Pick<StorageTarget, 'kind' | 'root'>): string {
  const root = target.root.toLowerCase();
  switch (target.kind) {
    case 'volume':
      return `volume\u0000${host.name.toLowerCase()}\u0000${root}`;
    case 'csv':
      return `csv\u0000${(host.cluster ?? host.name).toLowerCase()}\u0000${root}`;
    case 'share':
      return `share\u0000${root}`;
  }
}

/** Lookups over one inventory for storage questions; build once per inventory and reuse. */
export interface StorageIndex {
  readonly kind: 'storage-index';
  readonly inventory: InventoryDocument;
  /** Hosts by name, compared ignoring case. */
  readonly hosts: ReadonlyMap<string, Host>;
  /** Clusters by name, compared ignoring case. */
  readonly clusters: ReadonlyMap<string, Cluster>;
  /** VMs by name, compared ignoring case. */
  readonly vms: ReadonlyMap<string, Vm>;
  /** Shares by `pathKey` of their path. */
  readonly shares: ReadonlyMap<string, FileShare>;
  /** For each host, the `pathKey`s of the shares it lists as reachable. */
  readonly hostShares: ReadonlyMap<Host, ReadonlySet<string>>;
}

/** Builds the name and storage lookups of an inventory (linear in its size). */
export function buildStorageIndex(inventory: InventoryDocument): StorageIndex {
  const hosts = new Map<string, Host>();
  const hostShares = new Map<Host, ReadonlySet<string>>();
  for (const host of inventory.hosts) {
    hosts.set(nameKey(host.name), host);
    hostShares.set(host, new Set(host.fileShares.map(pathKey)));
  }
  return {
    kind: 'storage-index',
    inventory,
    hosts,
    clusters: new Map(inventory.clusters.map((c) => [nameKey(c.name), c])),
    vms: new Map(inventory.vms.map((v) => [nameKey(v.name), v])),
    shares: new Map(inventory.fileShares.map((s) => [pathKey(s.path), s])),
    hostShares,
  };
}

/** The index of an inventory, or the index itself when the caller already built it. */
export function toStorageIndex(source: InventoryDocument | StorageIndex): StorageIndex {
  return 'kind' in source && source.kind === 'storage-index' ? source : buildStorageIndex(source as InventoryDocument);
}

/** The cluster a host is a node of, or null for a standalone host (or an unknown cluster name). */
export function clusterOf(host: Host, index: StorageIndex): Cluster | null {
  return host.cluster === null ? null : (index.clusters.get(nameKey(host.cluster)) ?? null);
}

/** Whether a host lists a share as reachable. */
export function hostReachesShare(host: Host, share: FileShare, index: StorageIndex): boolean {
  return index.hostShares.get(host)?.has(pathKey(share.path)) ?? false;
}

/** The known share a UNC path lies under (the most specific one), or null. */
export function shareOf(path: string, index: StorageIndex): FileShare | null {
  return longestRoot(path, index.inventory.fileShares, (s) => s.path);
}

/**
 * The volume, cluster shared volume or share a path lies on, as seen from `host`: a drive path on one of the
 * host's volumes or a CSV of its cluster, a UNC path on a share the inventory lists. Null when unknown.
 */
export function locateStorage(host: Host, path: string, index: StorageIndex): StorageTarget | null {
  const kind = windowsPathKind(path);
  if (kind === 'unc') {
    const share = shareOf(path, index);
    return share ? { kind: 'share', root: share.path, freeGB: share.freeGB, capacityGB: share.capacityGB, smbVersion: share.smbVersion } : null;
  }
  if (kind === 'invalid') return null;
  const csvs = clusterOf(host, index)?.sharedVolumes ?? [];
  const volume = longestRoot(path, host.volumes, (v) => v.path);
  const csv = longestRoot(path, csvs, (v) => v.path);
  // A CSV lives under C:\ClusterStorage, so it wins over a local C:\ volume when both match.
  if (csv && (!volume || pathKey(csv.path).length >= pathKey(volume.path).length)) {
    return { kind: 'csv', root: csv.path, freeGB: csv.freeGB, capacityGB: csv.capacityGB, smbVersion: null };
  }
  return volume ? { kind: 'volume', root: volume.path, freeGB: volume.freeGB, capacityGB: volume.capacityGB, smbVersion: null } : null;
}

/**
 * The location a move puts a VM's files on when the admin has not chosen one: the host's first default
 * storage location whose volume, CSV or share the inventory knows (so its free space can be checked).
 * Null when no default location is known.
 */
export function defaultStorageLocation(host: Host, index: StorageIndex): { path: string; target: StorageTarget } | null {
  for (const path of host.defaultStorageLocations) {
    const target = locateStorage(host, path, index);
    if (target) return { path, target };
  }
  return null;
}

/** Names a storage target for a sentence: "volume D:\", "cluster shared volume ...", "SMB 3.0 share ...". */
export function describeTarget(target: StorageTarget): string {
  return english(targetText(target));
}

/** A volume, CSV or share as a catalogue sentence ("volume D:\\"), for the console. */
export function targetText(target: StorageTarget): Text {
  switch (target.kind) {
    case 'volume':
      return text('storage.target.volume', { root: target.root });
    case 'csv':
      return text('storage.target.csv', { root: target.root });
    case 'share':
      return text('storage.target.share', { root: target.root, version: target.smbVersion ?? '' });
    default:
      return assertNever(target.kind);
  }
}

/** The SMB 3.0 (or later) shares a host lists as reachable, in inventory order. */
export function smb3SharesOf(host: Host, index: StorageIndex): FileShare[] {
  return index.inventory.fileShares.filter((s) => isSmb3OrLater(s.smbVersion) && hostReachesShare(host, s, index));
}
