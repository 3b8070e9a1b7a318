import { useCallback, useMemo } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import type { MenuAnchor } from '../../components/ContextMenu.js';
import { VirtualGrid, type GridMultiSelect } from '../../components/VirtualGrid.js';
import { useT } from '../../i18n/use-translator.js';
import { layoutForColumns } from '../../components/grid-columns.js';
import { VM_COLUMN_LABEL, VM_COLUMN_WIDTH, VM_GRID_SIZES, VM_NUMERIC_COLUMNS } from './vm-list-columns.js';
import type { VmColumn, VmSort } from './vm-rows.js';
import { VmGridRow } from './VmGridRow.js';

/** Props of the virtualised VM grid. */
export interface VmGridProps {
  vms: readonly Vm[];
  /** Indexes into `vms` of the rows to show, in order. */
  rows: Int32Array;
  sort: VmSort;
  /** The cursor row (the selected VM when one is selected). */
  selectedVmId: string | null;
  /** Many VMs selected at once (Ctrl/Shift+click, Ctrl+A, Space, Shift+arrows). */
  multiSelect?: GridMultiSelect;
  /** Each VM's latest job by lowercase name, for the Job status column. */
  jobByVm?: ReadonlyMap<string, Job>;
  label: string;
  /** The columns shown, in order (Name first). */
  columns: readonly VmColumn[];
  onSort: (sort: VmSort) => void;
  onSelect: (vmId: string) => void;
  /** Right-click on a row, Shift+F10 or the context-menu key: the row's VM (now selected) and where to open a menu. */
  onRowContextMenu?: (vmId: string, anchor: MenuAnchor) => void;
}

/**
 * The VM grid: a virtual grid of sortable columns, so 25,000 rows scroll smoothly. The selected row
 * is kept in view when the order or filter changes under it (not on every selection).
 */
export function VmGrid({ vms, rows, sort, selectedVmId, multiSelect, jobByVm, label, columns: shown, onSort, onSelect, onRowContextMenu }: VmGridProps) {
  const translator = useT();
  const { t } = translator;
  const columns = useMemo(() => shown.map((id) => ({ id, label: t(VM_COLUMN_LABEL[id]), alignEnd: VM_NUMERIC_COLUMNS.has(id) })), [t, shown]);
  const layout = useMemo(() => layoutForColumns(shown, VM_COLUMN_WIDTH, VM_GRID_SIZES), [shown]);
  const keyAt = useCallback((position: number) => vms[rows[position]].id, [vms, rows]);
  return (
    <VirtualGrid
      label={label}
      layout={layout}
      columns={columns}
      sort={sort}
      onSort={onSort}
      count={rows.length}
      keyAt={keyAt}
      selectedKey={selectedVmId}
      revealOn={rows}
      onSelect={onSelect}
      onRowContextMenu={onRowContextMenu}
      multiSelect={multiSelect}
      renderRow={(position, row) => {
        const vm = vms[rows[position]];
        return <VmGridRow vm={vm} job={jobByVm?.get(vm.name.toLowerCase()) ?? null} columns={shown} translator={translator} {...row} />;
      }}
    />
  );
}
