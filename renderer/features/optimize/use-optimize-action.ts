import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

/** Optimize Hosts for a node of the host tree (the selected one by default): a cluster, a host group or All Hosts. */
export interface OptimizeAction {
  /** Whether the node is one Optimize Hosts acts on (not a host). */
  applies: boolean;
  /** Whether it has hosts to balance. */
  canOpen: boolean;
  open(): void;
}

/** The Optimize Hosts action of a node of the host tree, for the ribbon and the tree's context menu. */
export function useOptimizeAction(nodeId?: string): OptimizeAction {
  const { t } = useT();
  const node = useAppStore((s) => s.index?.tree.nodesById.get(nodeId ?? s.selectedNodeId) ?? null);
  const openDialog = useAppStore((s) => s.optimizeDialogOpen);
  const applies = node !== null && node.kind !== 'host';
  return {
    applies,
    canOpen: applies && node.hostIndexes.length > 0,
    open: () => {
      if (!node || node.kind === 'host' || node.hostIndexes.length === 0) return;
      if (node.kind === 'cluster') openDialog({ scope: { cluster: node.name }, name: node.name, group: node.cluster?.hostGroup ?? 'All Hosts' });
      else if (node.kind === 'group') openDialog({ scope: { group: node.path ?? node.name }, name: node.name, group: node.path ?? node.name });
      else openDialog({ scope: { group: 'All Hosts' }, name: t('tree.allHosts'), group: 'All Hosts' });
    },
  };
}
