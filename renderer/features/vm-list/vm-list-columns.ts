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

/** Column widths, shared by the header and every row so they line up. */
export const VM_GRID_TEMPLATE = 'minmax(160px, 2fr) 120px minmax(110px, 1fr) 80px 140px 110px minmax(130px, 1fr)';

/** The narrowest the grid gets before it scrolls sideways (sum of the minimum widths). */
export const VM_GRID_MIN_WIDTH = 850;

/** Height of a row, in pixels: compact, as in VMM. */
export const VM_ROW_HEIGHT = 28;

/** Height of the header row, in pixels. */
export const VM_HEADER_HEIGHT = 30;
