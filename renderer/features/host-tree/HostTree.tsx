import {
  FlatTree,
  FlatTreeItem,
  makeStyles,
  mergeClasses,
  tokens,
  TreeItemLayout,
  type TreeItemValue,
  type TreeOpenChangeData,
} from '@fluentui/react-components';
import { ArrowSync12Regular, Building20Regular, Folder20Regular, FolderOpen20Regular, Server20Regular, ServerMultiple20Regular } from '@fluentui/react-icons';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { assertNever } from '../../../shared/model/result.js';
import { HostStatusIcons } from '../../components/HostStatusIcons.js';
import { rectOf, useContextMenuAnchor, type MenuAnchor } from '../../components/ContextMenu.js';
import { HostTreeContextMenu } from './HostTreeContextMenu.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { hostMovesInFlight, type HostMovesInFlight } from './host-moves.js';
import { ancestorIds, type HostTree as HostTreeModel, type HostTreeNode, ROOT_NODE_ID } from './build-host-tree.js';

const useStyles = makeStyles({
  root: { height: '100%', overflow: 'auto', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalS },
  layout: { borderRadius: tokens.borderRadiusMedium },
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    fontWeight: tokens.fontWeightSemibold,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  maintenance: { marginLeft: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  groupIcon: { color: tokens.colorPaletteMarigoldForeground2 },
  clusterIcon: { color: tokens.colorBrandForeground1 },
  aside: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  moves: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorBrandForeground1,
    fontSize: tokens.fontSizeBase100,
    fontVariantNumeric: 'tabular-nums',
  },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

function NodeIcon({ node, open }: { node: HostTreeNode; open: boolean }) {
  const styles = useStyles();
  switch (node.kind) {
    case 'root':
      return <Building20Regular />;
    case 'group':
      return open ? <FolderOpen20Regular className={styles.groupIcon} /> : <Folder20Regular className={styles.groupIcon} />;
    case 'cluster':
      return <ServerMultiple20Regular className={styles.clusterIcon} />;
    case 'host':
      return <Server20Regular />;
    default:
      return assertNever(node.kind);
  }
}

/** Nodes open at first: All Hosts and the first level of groups. */
function initialOpen(tree: HostTreeModel | null): Set<TreeItemValue> {
  const open = new Set<TreeItemValue>([ROOT_NODE_ID]);
  for (const child of tree?.root.children ?? []) if (child.kind === 'group') open.add(child.id);
  return open;
}

/** A node shown in the flat tree: where it sits among its siblings and how deep. */
interface ShownNode {
  node: HostTreeNode;
  parentId: string | undefined;
  level: number;
  setSize: number;
  posInSet: number;
}

/** The nodes shown, top to bottom: a node's children follow it while it is open. */
function shownNodes(root: HostTreeNode, openItems: ReadonlySet<TreeItemValue>): ShownNode[] {
  const out: ShownNode[] = [];
  const walk = (node: HostTreeNode, parentId: string | undefined, level: number, setSize: number, posInSet: number) => {
    out.push({ node, parentId, level, setSize, posInSet });
    if (!openItems.has(node.id)) return;
    node.children.forEach((child, k) => walk(child, node.id, level + 1, node.children.length, k + 1));
  };
  walk(root, undefined, 1, 1, 1);
  return out;
}

interface NodeProps {
  shown: ShownNode;
  /** A host's running moves (as source or destination). */
  moves: HostMovesInFlight | null;
  openItems: ReadonlySet<TreeItemValue>;
  selectedId: string;
  onSelect: (id: string) => void;
  /** Opens the node's context menu at a point (right-click) or at the node (keyboard). */
  onMenu: (id: string, at: MenuAnchor) => void;
}

function HostTreeItem({ shown, moves, openItems, selectedId, onSelect, onMenu }: NodeProps) {
  const { node } = shown;
  const styles = useStyles();
  const { t } = useT();
  const open = openItems.has(node.id);
  const selected = node.id === selectedId;
  const label = node.kind === 'root' ? t('tree.allHosts') : node.name;
  // Named by its own label and status only; by default a branch would also be named by its subtree.
  const labelId = useId();
  const statusId = useId();
  const movesId = useId();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.currentTarget !== event.target) return;
    if (event.key === ' ') {
      event.preventDefault();
      onSelect(node.id);
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      onSelect(node.id);
      onMenu(node.id, rectOf(event.currentTarget));
    }
  };
  return (
    // A flat tree (items side by side, with their level): a branch's element then holds its own words only.
    <FlatTreeItem
      itemType={node.children.length > 0 ? 'branch' : 'leaf'}
      value={node.id}
      parentValue={shown.parentId}
      aria-level={shown.level}
      aria-setsize={shown.setSize}
      aria-posinset={shown.posInSet}
      aria-selected={selected}
      onClick={() => onSelect(node.id)}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => {
        // This node's menu, not the browser's.
        event.preventDefault();
        event.stopPropagation();
        onSelect(node.id);
        onMenu(node.id, { x: event.clientX, y: event.clientY, width: 0, height: 0 });
      }}
      data-node-id={node.id}
      aria-labelledby={node.host ? `${labelId} ${statusId}${moves ? ` ${movesId}` : ''}` : labelId}
    >
      <TreeItemLayout
        className={mergeClasses(styles.layout, selected && styles.selected)}
        iconBefore={<NodeIcon node={node} open={open} />}
        aside={
          node.host ? (
            <span className={styles.aside}>
              {moves ? (
                <span id={movesId} className={styles.moves} title={t('tree.moves', { count: moves.count, percent: moves.percent })}>
                  <span className={styles.srOnly}>{t('tree.moves.count', { count: moves.count })}</span> <ArrowSync12Regular aria-hidden />
                  {t('unit.percent', { value: moves.percent })}
                </span>
              ) : null}
              <span id={statusId}>
                <HostStatusIcons host={node.host} />
              </span>
            </span>
          ) : undefined
        }
      >
        <span id={labelId} className={styles.label}>
          {label}
          {/* Said in words too; the status icon already gives it its accessible name. */}
          {node.host?.maintenanceMode ? (
            <span className={styles.maintenance} aria-hidden>
              {t('tree.maintenanceSuffix')}
            </span>
          ) : null}
        </span>
      </TreeItemLayout>
    </FlatTreeItem>
  );
}

/**
 * The left pane: All Hosts > host groups > clusters > hosts, with status icons. Selecting a node
 * (click, Enter or Space) scopes the VM list to the VMs under it.
 */
export function HostTree() {
  const styles = useStyles();
  const { t } = useT();
  const tree = useAppStore((s) => s.index?.tree ?? null);
  const selectedId = useAppStore((s) => s.selectedNodeId);
  const selectNode = useAppStore((s) => s.selectNode);
  const jobs = useAppStore((s) => s.jobs);
  const moves = useMemo(() => hostMovesInFlight(jobs), [jobs]);
  const [openItems, setOpenItems] = useState<Set<TreeItemValue>>(() => initialOpen(tree));
  const [openedFor, setOpenedFor] = useState<HostTreeModel | null>(tree);
  const menu = useContextMenuAnchor();
  const [menuNode, setMenuNode] = useState<string | null>(null);
  const openMenu = (id: string, at: MenuAnchor) => {
    setMenuNode(id);
    menu.open(at);
  };

  // A new inventory: open its first level; keep the selection's path open too.
  if (tree !== openedFor) {
    setOpenedFor(tree);
    const next = initialOpen(tree);
    for (const id of openItems) if (tree?.nodesById.has(String(id))) next.add(id);
    setOpenItems(next);
  }

  useEffect(() => {
    if (!tree) return;
    const path = ancestorIds(tree, selectedId).slice(0, -1);
    if (path.some((id) => !openItems.has(id))) setOpenItems((prev) => new Set([...prev, ...path]));
  }, [tree, selectedId, openItems]);

  const onOpenChange = (_event: unknown, data: TreeOpenChangeData) => {
    // A click on the label selects and opens; only the chevron and the arrow keys close.
    if (data.type === 'Click' && !data.open) return;
    setOpenItems(new Set(data.openItems));
  };

  if (!tree) return null;
  return (
    <>
      <FlatTree aria-label={t('tree.label')} size="small" openItems={openItems} onOpenChange={onOpenChange} className={styles.root}>
        {shownNodes(tree.root, openItems).map((shown) => (
          <HostTreeItem
            key={shown.node.id}
            shown={shown}
            moves={shown.node.host ? (moves.get(shown.node.host.name.toLowerCase()) ?? null) : null}
            openItems={openItems}
            selectedId={selectedId}
            onSelect={selectNode}
            onMenu={openMenu}
          />
        ))}
      </FlatTree>
      <HostTreeContextMenu nodeId={menuNode} anchor={menu.anchor} onClose={menu.close} />
    </>
  );
}
