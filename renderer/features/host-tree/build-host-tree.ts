import type { Cluster, Host, InventoryDocument } from '../../../shared/model/inventory.js';
import { compareNames } from '../../components/compare-names.js';

/** What a node of the host tree stands for. */
export type HostTreeNodeKind = 'root' | 'group' | 'cluster' | 'host';

/** A node of the host tree: All Hosts > host groups > clusters > hosts. */
export interface HostTreeNode {
  /** Stable across revisions: `root`, `group:<path>`, `cluster:<name>`, `host:<name>` (lowercase). */
  id: string;
  kind: HostTreeNodeKind;
  /** The label to show; the root's is translated by the view. */
  name: string;
  /** The full host group path for groups (`All Hosts/Milano/Centro`). */
  path: string | null;
  parentId: string | null;
  depth: number;
  children: HostTreeNode[];
  /** Indexes into `inventory.hosts` of every host under this node. */
  hostIndexes: number[];
  host: Host | null;
  cluster: Cluster | null;
}

/** The tree and a lookup of its nodes by id. */
export interface HostTree {
  root: HostTreeNode;
  nodesById: Map<string, HostTreeNode>;
}

/** The id of the tree's root ("All Hosts"). */
export const ROOT_NODE_ID = 'root';

const ROOT_SEGMENT = 'all hosts';

/** Splits a host group path into its segments below "All Hosts" (the root itself gives none). */
export function groupSegments(path: string): string[] {
  const segments = path
    .split(/[/\\]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (segments.length > 0 && segments[0].toLowerCase() === ROOT_SEGMENT) segments.shift();
  return segments;
}

/** The node id of a cluster. */
export function clusterNodeId(name: string): string {
  return `cluster:${name.toLowerCase()}`;
}

/** The node id of a host. */
export function hostNodeId(name: string): string {
  return `host:${name.toLowerCase()}`;
}

const KIND_ORDER: Record<HostTreeNodeKind, number> = { root: 0, group: 1, cluster: 2, host: 3 };

function sortChildren(node: HostTreeNode): void {
  node.children.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareNames(a.name, b.name));
  for (const child of node.children) sortChildren(child);
}

/**
 * Builds the host tree of an inventory. Groups nest by path; a cluster sits under its group and its
 * nodes under it; a standalone host (or one whose cluster is missing) sits directly under its group.
 * Groups named only by a host or cluster are created too, so nothing is left out.
 */
export function buildHostTree(inventory: Pick<InventoryDocument, 'hostGroups' | 'clusters' | 'hosts'>): HostTree {
  const root: HostTreeNode = {
    id: ROOT_NODE_ID,
    kind: 'root',
    name: 'All Hosts',
    path: 'All Hosts',
    parentId: null,
    depth: 0,
    children: [],
    hostIndexes: [],
    host: null,
    cluster: null,
  };
  const nodesById = new Map<string, HostTreeNode>([[root.id, root]]);

  const ensureGroup = (path: string): HostTreeNode => {
    const segments = groupSegments(path);
    let parent = root;
    for (let i = 0; i < segments.length; i++) {
      const id = `group:${segments
        .slice(0, i + 1)
        .join('/')
        .toLowerCase()}`;
      let node = nodesById.get(id);
      if (!node) {
        node = {
          id,
          kind: 'group',
          name: segments[i],
          path: ['All Hosts', ...segments.slice(0, i + 1)].join('/'),
          parentId: parent.id,
          depth: parent.depth + 1,
          children: [],
          hostIndexes: [],
          host: null,
          cluster: null,
        };
        nodesById.set(id, node);
        parent.children.push(node);
      }
      parent = node;
    }
    return parent;
  };

  for (const path of inventory.hostGroups) ensureGroup(path);

  for (const cluster of inventory.clusters) {
    const id = clusterNodeId(cluster.name);
    if (nodesById.has(id)) continue;
    const group = ensureGroup(cluster.hostGroup);
    const node: HostTreeNode = {
      id,
      kind: 'cluster',
      name: cluster.name,
      path: null,
      parentId: group.id,
      depth: group.depth + 1,
      children: [],
      hostIndexes: [],
      host: null,
      cluster,
    };
    nodesById.set(id, node);
    group.children.push(node);
  }

  inventory.hosts.forEach((host, hostIndex) => {
    const id = hostNodeId(host.name);
    if (nodesById.has(id)) return;
    const clusterNode = host.cluster ? nodesById.get(clusterNodeId(host.cluster)) : undefined;
    const parent = clusterNode ?? ensureGroup(host.hostGroup);
    const node: HostTreeNode = {
      id,
      kind: 'host',
      name: host.name,
      path: null,
      parentId: parent.id,
      depth: parent.depth + 1,
      children: [],
      hostIndexes: [hostIndex],
      host,
      cluster: null,
    };
    nodesById.set(id, node);
    parent.children.push(node);
    // Every ancestor scopes this host's VMs too.
    for (let up: HostTreeNode | undefined = parent; up; up = up.parentId ? nodesById.get(up.parentId) : undefined) {
      up.hostIndexes.push(hostIndex);
    }
  });

  sortChildren(root);
  return { root, nodesById };
}

/** The ids of a node and its ancestors, root first: the path the tree must open to show it. */
export function ancestorIds(tree: HostTree, id: string): string[] {
  const out: string[] = [];
  for (let node = tree.nodesById.get(id); node; node = node.parentId ? tree.nodesById.get(node.parentId) : undefined) {
    out.unshift(node.id);
  }
  return out;
}
