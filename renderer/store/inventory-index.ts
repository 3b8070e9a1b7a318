import type { Cluster, Host, InventoryDocument, Vm } from '../../shared/model/inventory.js';
import { buildHostTree, type HostTree, type HostTreeNode, ROOT_NODE_ID } from '../features/host-tree/build-host-tree.js';
import { buildVmRowIndex, type VmRowIndex } from '../features/vm-list/vm-rows.js';

/**
 * Lookups derived from one inventory revision. Built once when a snapshot arrives (never during a
 * render), so views read maps and precomputed keys instead of scanning 25,000 VMs.
 */
export interface InventoryIndex {
  readonly revision: number;
  readonly inventory: InventoryDocument;
  /** Keys are lowercase: Windows compares host, cluster and VM names case-insensitively. */
  readonly hostByName: ReadonlyMap<string, Host>;
  readonly hostIndexByName: ReadonlyMap<string, number>;
  readonly clusterByName: ReadonlyMap<string, Cluster>;
  readonly vmById: ReadonlyMap<string, Vm>;
  readonly vmsByHost: ReadonlyMap<string, readonly Vm[]>;
  readonly hostsByCluster: ReadonlyMap<string, readonly Host[]>;
  /** Hosts whose own host group is this path (lowercase, as written in the inventory). */
  readonly hostsByGroup: ReadonlyMap<string, readonly Host[]>;
  readonly tree: HostTree;
  readonly vmRows: VmRowIndex;
  /** Host masks per tree node, made on first use. */
  readonly hostMasks: Map<string, Uint8Array | null>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Derives the lookups of one inventory revision. */
export function buildInventoryIndex(revision: number, inventory: InventoryDocument): InventoryIndex {
  const hostByName = new Map<string, Host>();
  const hostIndexByName = new Map<string, number>();
  const hostsByCluster = new Map<string, Host[]>();
  const hostsByGroup = new Map<string, Host[]>();
  inventory.hosts.forEach((host, i) => {
    const key = host.name.toLowerCase();
    if (!hostByName.has(key)) {
      hostByName.set(key, host);
      hostIndexByName.set(key, i);
    }
    if (host.cluster) push(hostsByCluster, host.cluster.toLowerCase(), host);
    push(hostsByGroup, host.hostGroup.toLowerCase(), host);
  });
  const clusterByName = new Map<string, Cluster>();
  for (const cluster of inventory.clusters) clusterByName.set(cluster.name.toLowerCase(), cluster);
  const vmById = new Map<string, Vm>();
  const vmsByHost = new Map<string, Vm[]>();
  for (const vm of inventory.vms) {
    vmById.set(vm.id, vm);
    push(vmsByHost, vm.host.toLowerCase(), vm);
  }
  return {
    revision,
    inventory,
    hostByName,
    hostIndexByName,
    clusterByName,
    vmById,
    vmsByHost,
    hostsByCluster,
    hostsByGroup,
    tree: buildHostTree(inventory),
    vmRows: buildVmRowIndex(inventory.vms, (name) => hostIndexByName.get(name.toLowerCase()) ?? -1),
    hostMasks: new Map(),
  };
}

/** The host mask that scopes the VM list to a tree node; null means the whole estate. */
export function hostMaskForNode(index: InventoryIndex, nodeId: string): Uint8Array | null {
  if (nodeId === ROOT_NODE_ID) return null;
  if (index.hostMasks.has(nodeId)) return index.hostMasks.get(nodeId) ?? null;
  const node: HostTreeNode | undefined = index.tree.nodesById.get(nodeId);
  const mask = new Uint8Array(index.inventory.hosts.length);
  if (node) for (const h of node.hostIndexes) mask[h] = 1;
  index.hostMasks.set(nodeId, mask);
  return mask;
}
