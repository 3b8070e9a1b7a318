import { makeStyles } from '@fluentui/react-components';
import { useDeferredValue, useMemo } from 'react';
import { JOB_STATUS_VALUES } from '../../../shared/model/job.js';
import type { VmListHideableColumn } from '../../../shared/model/settings.js';
import { useContextMenuAnchor } from '../../components/ContextMenu.js';
import { ListEmptyText, ListHeader } from '../../components/ListHeader.js';
import type { GridSelection } from '../../components/VirtualGrid.js';
import { useT } from '../../i18n/use-translator.js';
import { hostMaskForNode } from '../../store/inventory-index.js';
import { useAppStore } from '../../store/store-context.js';
import { ROOT_NODE_ID } from '../host-tree/build-host-tree.js';
import { VmContextMenu } from '../vm-actions/VmContextMenu.js';
import { latestJobByVm } from '../jobs/job-format.js';
import { countVmsInScope, orderRowsByKey, selectVmRows, VM_COLUMNS } from './vm-rows.js';
import { VM_COLUMN_LABEL } from './vm-list-columns.js';
import { ColumnChooser } from '../../components/ColumnChooser.js';
import { shownColumns } from '../../components/grid-columns.js';
import { VmGrid } from './VmGrid.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minWidth: 0, minHeight: 0 },
  body: { position: 'relative', flexGrow: 1, minHeight: 0 },
});

const NO_ROWS = new Int32Array(0);

/**
 * The centre pane: the VMs under the selected tree node, with a name/host filter, sortable
 * columns and counts ("46 virtual machines", "12 of 46 shown", "3 selected"). Many VMs can be selected
 * (Ctrl/Cmd+click, Shift+click, Ctrl+A, Space, Shift+arrows) to migrate them together.
 */
export function VmList() {
  const styles = useStyles();
  const { t, tn, spoken } = useT();
  const index = useAppStore((s) => s.index);
  const loading = useAppStore((s) => s.inventoryLoading);
  const loadError = useAppStore((s) => (s.inventoryLoading ? s.inventoryError : null));
  const nodeId = useAppStore((s) => s.selectedNodeId);
  const sort = useAppStore((s) => s.vmSort);
  const filter = useAppStore((s) => s.vmFilter);
  const cursorVmId = useAppStore((s) => s.vmCursorId);
  const selectedVmIds = useAppStore((s) => s.selectedVmIds);
  const anchorVmId = useAppStore((s) => s.vmAnchorId);
  const setVmSelection = useAppStore((s) => s.setVmSelection);
  const setSort = useAppStore((s) => s.setVmSort);
  const setFilter = useAppStore((s) => s.setVmFilter);
  const selectVm = useAppStore((s) => s.selectVm);
  const hidden = useAppStore((s) => s.settings.hiddenColumns.vms);
  const setHiddenColumns = useAppStore((s) => s.setHiddenColumns);
  const columns = useMemo(() => shownColumns(VM_COLUMNS, hidden), [hidden]);
  const chooserColumns = useMemo(() => VM_COLUMNS.map((id) => ({ id, label: t(VM_COLUMN_LABEL[id]) })), [t]);
  // Typing stays responsive: the list catches up with the filter a frame later if it must.
  const deferredFilter = useDeferredValue(filter);
  const menu = useContextMenuAnchor();

  const hostMask = useMemo(() => (index ? hostMaskForNode(index, nodeId) : null), [index, nodeId]);
  const total = useMemo(() => (index ? countVmsInScope(index.vmRows, hostMask) : 0), [index, hostMask]);
  const baseRows = useMemo(
    () => (index ? selectVmRows(index.vmRows, { sort, filter: deferredFilter, hostMask }) : NO_ROWS),
    [index, sort, deferredFilter, hostMask],
  );
  // The Job status column: each VM's latest job. Sorting by it orders by that job's status (none first).
  const jobs = useAppStore((s) => s.jobs);
  const jobByVm = useMemo(() => latestJobByVm(jobs), [jobs]);
  const sortByJob = sort.column === 'jobStatus';
  const rows = useMemo(() => {
    if (!sortByJob || !index) return baseRows;
    const vms = index.inventory.vms;
    return orderRowsByKey(
      baseRows,
      (i) => {
        const job = jobByVm.get(vms[i].name.toLowerCase());
        return job ? JOB_STATUS_VALUES.indexOf(job.status) + 1 : 0;
      },
      sort.direction,
    );
  }, [sortByJob, index, baseRows, jobByVm, sort.direction]);

  const node = index?.tree.nodesById.get(nodeId);
  const nodeLabel = !node || node.id === ROOT_NODE_ID ? t('tree.allHosts') : node.name;
  const filtering = deferredFilter.trim() !== '';
  // While a large estate is still arriving the list shows its first VMs by name, and says how many have come.
  const shownText = loading
    ? loadError
      ? t('vmList.loadStopped', { loaded: loading.loaded, total: loading.total, message: spoken(loadError) })
      : t('vmList.loading', { loaded: loading.loaded, total: loading.total })
    : filtering
      ? t('vmList.shown', { shown: rows.length, total })
      : tn('vmList.count', total);
  const countText =
    selectedVmIds.length > 1 ? t('vmList.withSelection', { count: shownText, selected: tn('vmList.selected', selectedVmIds.length) }) : shownText;
  const selectedKeys = useMemo(() => new Set(selectedVmIds), [selectedVmIds]);
  const multiSelect = useMemo(
    () => ({ selectedKeys, anchorKey: anchorVmId, onChange: ({ keys, cursor, anchor }: GridSelection) => setVmSelection({ ids: keys, cursor, anchor }) }),
    [selectedKeys, anchorVmId, setVmSelection],
  );

  return (
    <section className={styles.root} aria-label={t('vmList.label')}>
      <ListHeader
        title={nodeLabel}
        count={countText}
        filterLabel={t('vmList.filter')}
        filter={filter}
        onFilterChange={setFilter}
        actions={
          <ColumnChooser
            columns={chooserColumns}
            hidden={hidden}
            onChange={(next) =>
              void setHiddenColumns(
                'vms',
                next.filter((c): c is VmListHideableColumn => c !== 'name'),
              )
            }
            label={t('vmList.columns')}
          />
        }
      />
      <div className={styles.body}>
        <VmGrid
          vms={index?.inventory.vms ?? []}
          rows={rows}
          sort={sort}
          selectedVmId={cursorVmId}
          multiSelect={multiSelect}
          jobByVm={jobByVm}
          columns={columns}
          label={t('vmList.label')}
          onSort={setSort}
          onSelect={selectVm}
          onRowContextMenu={(_vmId, anchor) => menu.open(anchor)}
        />
        <VmContextMenu anchor={menu.anchor} onClose={menu.close} />
        {index && rows.length === 0 ? (
          <ListEmptyText>{filtering ? t('vmList.noMatch', { query: deferredFilter.trim() }) : t('vmList.empty')}</ListEmptyText>
        ) : null}
      </div>
    </section>
  );
}
