import type { SettingsTarget } from '../../../shared/model/live-migration-settings.js';
import { assertNever } from '../../../shared/model/result.js';
import { useAppStore } from '../../store/store-context.js';
import type { HostTreeNode } from '../host-tree/build-host-tree.js';

/** What a node of the host tree's Hyper-V Settings change: the host, or every host of the group or cluster. */
export function settingsTargetOf(node: HostTreeNode): SettingsTarget {
  switch (node.kind) {
    case 'host':
      return { host: node.name };
    case 'cluster':
      return { cluster: node.name };
    case 'group':
      return { hostGroup: node.path ?? node.name };
    case 'root':
      return { hostGroup: 'All Hosts' };
    default:
      return assertNever(node.kind);
  }
}

/** Hyper-V Settings for a tree node (the selected one by default), for the ribbon and the tree's context menu. */
export interface HostSettingsAction {
  node: HostTreeNode | null;
  /** A group, a cluster or All Hosts: the dialog changes every host under it. */
  forAllHosts: boolean;
  /** Whether there is a host to change under the node. */
  canOpen: boolean;
  open(): void;
}

/** The Hyper-V Settings action of a node of the host tree. */
export function useHostSettingsAction(nodeId?: string): HostSettingsAction {
  const node = useAppStore((s) => s.index?.tree.nodesById.get(nodeId ?? s.selectedNodeId) ?? null);
  const openHostSettings = useAppStore((s) => s.openHostSettings);
  return {
    node,
    forAllHosts: node !== null && node.kind !== 'host',
    canOpen: node !== null && node.hostIndexes.length > 0,
    open: () => {
      if (node && node.hostIndexes.length > 0) openHostSettings(settingsTargetOf(node));
    },
  };
}
