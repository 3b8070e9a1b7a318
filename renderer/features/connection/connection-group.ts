import { assertNever } from '../../../shared/model/result.js';
import type { HostTreeNode } from '../host-tree/build-host-tree.js';

/** The host group whose connection settings a tree node shows: its own, or its cluster's or host's group. Null for All Hosts. */
export function hostGroupOfNode(node: HostTreeNode | null): string | null {
  if (!node) return null;
  switch (node.kind) {
    case 'group':
      return node.path ?? node.name;
    case 'cluster':
      return node.cluster?.hostGroup ?? null;
    case 'host':
      return node.host?.hostGroup ?? null;
    case 'root':
      return null;
    default:
      return assertNever(node.kind);
  }
}
