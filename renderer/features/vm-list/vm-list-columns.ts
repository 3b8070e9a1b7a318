import type { GridLayout } from '../../components/VirtualGrid.js';
import type { MessageKey } from '../../i18n/en.js';
import type { VmColumn } from './vm-rows.js';

/** Header text of each VM list column. */
export const VM_COLUMN_LABEL: Record<VmColumn, MessageKey> = {
  name: 'vmList.col.name',
  status: 'vmList.col.status',
  host: 'vmList.col.host',
  memory: 'vmList.col.memory',
  configVersion: 'vmList.col.configVersion',
  highlyAvailable: 'vmList.col.highlyAvailable',
  jobStatus: 'vmList.col.jobStatus',
};

/** Columns whose header sits at the end, over numbers. */
export const VM_NUMERIC_COLUMNS: ReadonlySet<VmColumn> = new Set<VmColumn>(['memory', 'configVersion']);

/** Sizes of the VM grid: compact rows, as in VMM; 25,000 rows scroll smoothly. */
export const VM_GRID_LAYOUT: GridLayout = {
  /** Column widths, shared by the header and every row so they line up. */
  template: 'minmax(160px, 2fr) 120px minmax(110px, 1fr) 80px 140px 110px minmax(130px, 1fr)',
  /** The narrowest the grid gets before it scrolls sideways (sum of the minimum widths). */
  minWidth: 850,
  rowHeight: 28,
  headerHeight: 30,
  overscan: 12,
};
