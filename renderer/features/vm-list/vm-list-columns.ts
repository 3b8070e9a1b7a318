import type { ColumnWidth } from '../../components/grid-columns.js';
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

/** Width of each VM list column (the minimums add up to 850 px with every column shown). */
export const VM_COLUMN_WIDTH: Record<VmColumn, ColumnWidth> = {
  name: { track: 'minmax(160px, 2fr)', min: 160 },
  status: { track: '120px', min: 120 },
  host: { track: 'minmax(110px, 1fr)', min: 110 },
  memory: { track: '80px', min: 80 },
  configVersion: { track: '140px', min: 140 },
  highlyAvailable: { track: '110px', min: 110 },
  jobStatus: { track: 'minmax(130px, 1fr)', min: 130 },
};

/** Sizes of the VM grid's rows: compact, as in VMM; 25,000 rows scroll smoothly. */
export const VM_GRID_SIZES: Omit<GridLayout, 'template' | 'minWidth'> = { rowHeight: 28, headerHeight: 30, overscan: 12 };
