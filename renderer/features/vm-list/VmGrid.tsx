import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSortDown16Regular, ArrowSortUp16Regular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import { useT } from '../../i18n/use-translator.js';
import type { MenuAnchor } from '../vm-actions/VmContextMenu.js';
import { VM_COLUMN_LABEL, VM_GRID_MIN_WIDTH, VM_GRID_TEMPLATE, VM_HEADER_HEIGHT, VM_ROW_HEIGHT } from './vm-list-columns.js';
import { VM_COLUMNS, type VmColumn, type VmSort } from './vm-rows.js';
import { VmGridRow } from './VmGridRow.js';

const useStyles = makeStyles({
  grid: {
    height: '100%',
    overflow: 'auto',
    position: 'relative',
    outlineStyle: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  gridFocusEmpty: {
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  head: { position: 'sticky', top: 0, zIndex: 1, minWidth: `${VM_GRID_MIN_WIDTH}px` },
  headRow: {
    display: 'grid',
    gridTemplateColumns: VM_GRID_TEMPLATE,
    height: `${VM_HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  headCell: { display: 'flex', minWidth: 0, borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  sortButton: {
    flexGrow: 1,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    minWidth: 0,
    border: 'none',
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalXS,
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  sortLabel: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  numberHead: { justifyContent: 'flex-end' },
  body: { position: 'relative', minWidth: `${VM_GRID_MIN_WIDTH}px` },
});

/** Props of the virtualised VM grid. */
export interface VmGridProps {
  vms: readonly Vm[];
  /** Indexes into `vms` of the rows to show, in order. */
  rows: Int32Array;
  sort: VmSort;
  selectedVmId: string | null;
  /** Each VM's latest job by lowercase name, for the Job status column. */
  jobByVm?: ReadonlyMap<string, Job>;
  label: string;
  onSort: (sort: VmSort) => void;
  onSelect: (vmId: string) => void;
  /** Right-click on a row, Shift+F10 or the context-menu key: the row's VM (now selected) and where to open a menu. */
  onRowContextMenu?: (vmId: string, anchor: MenuAnchor) => void;
}

const rectOf = (element: Element): MenuAnchor => {
  const r = element.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
};

const NUMERIC: ReadonlySet<VmColumn> = new Set<VmColumn>(['memory', 'configVersion']);

/**
 * The VM grid: role="grid" with a sticky header of sortable columns and virtualised rows, so
 * 25,000 rows scroll smoothly. The grid takes focus; arrow keys, Page Up/Down, Home and End move
 * the selection, which `aria-activedescendant` announces.
 */
export function VmGrid({ vms, rows, sort, selectedVmId, jobByVm, label, onSort, onSelect, onRowContextMenu }: VmGridProps) {
  const styles = useStyles();
  const translator = useT();
  const { t } = translator;
  const gridRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [hasFocus, setHasFocus] = useState(false);

  const activeIndex = useMemo(() => {
    if (selectedVmId === null) return -1;
    for (let k = 0; k < rows.length; k++) if (vms[rows[k]].id === selectedVmId) return k;
    return -1;
  }, [rows, vms, selectedVmId]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => VM_ROW_HEIGHT,
    overscan: 12,
    scrollMargin: VM_HEADER_HEIGHT,
    scrollPaddingStart: VM_HEADER_HEIGHT,
  });

  const rowId = useCallback((position: number) => `${idPrefix}-row-${position}`, [idPrefix]);

  const moveTo = (position: number) => {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, position));
    onSelect(vms[rows[next]].id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  // Keep the selected row in view when the order or filter changes under it (not on every selection).
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  useEffect(() => {
    if (activeRef.current >= 0) virtualizer.scrollToIndex(activeRef.current, { align: 'auto' });
  }, [rows, virtualizer]);

  const openContextMenu = (position: number, anchor: (row: Element | null) => MenuAnchor) => {
    if (!onRowContextMenu || position < 0 || position >= rows.length) return false;
    const vmId = vms[rows[position]].id;
    onSelect(vmId);
    // The grid holds focus while the menu is open, so closing the menu can give it back.
    gridRef.current?.focus({ preventScroll: true });
    onRowContextMenu(vmId, anchor(document.getElementById(rowId(position))));
    return true;
  };

  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    const row = (event.target as Element).closest('[role="row"][data-index]');
    const position = row ? Number((row as HTMLElement).dataset.index) : activeIndex;
    // A keyboard-opened menu (Shift+F10, the menu key) has no pointer position: open it at the row.
    const fromKeyboard = event.button !== 2 || (event.clientX === 0 && event.clientY === 0);
    const pointer = { x: event.clientX, y: event.clientY, width: 0, height: 0 };
    const at = (el: Element | null) => (fromKeyboard ? (el ? rectOf(el) : rectOf(event.currentTarget)) : pointer);
    if (openContextMenu(position, at)) event.preventDefault();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.metaKey) return;
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      if (openContextMenu(activeIndex, (el) => rectOf(el ?? event.currentTarget))) event.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 0) / VM_ROW_HEIGHT) - 1);
    const from = activeIndex;
    let to: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        to = from < 0 ? 0 : from + 1;
        break;
      case 'ArrowUp':
        to = from < 0 ? 0 : from - 1;
        break;
      case 'PageDown':
        to = from < 0 ? 0 : from + page;
        break;
      case 'PageUp':
        to = from < 0 ? 0 : from - page;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = rows.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(to);
  };

  const onRowSelect = useCallback(
    (vmId: string) => {
      onSelect(vmId);
      gridRef.current?.focus({ preventScroll: true });
    },
    [onSelect],
  );

  const toggleSort = (column: VmColumn) => {
    const direction = sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending';
    onSort({ column, direction });
  };

  const items = virtualizer.getVirtualItems();
  const activeRendered = activeIndex >= 0 && items.some((item) => item.index === activeIndex);

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={VM_COLUMNS.length}
      aria-multiselectable={false}
      aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
      tabIndex={0}
      className={mergeClasses(styles.grid, !activeRendered && styles.gridFocusEmpty)}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      onFocus={(e) => e.target === e.currentTarget && setHasFocus(true)}
      onBlur={(e) => e.target === e.currentTarget && setHasFocus(false)}
    >
      <div role="rowgroup" className={styles.head}>
        <div role="row" aria-rowindex={1} className={styles.headRow}>
          {VM_COLUMNS.map((column, i) => {
            const sorted = sort.column === column;
            return (
              <div
                key={column}
                role="columnheader"
                aria-colindex={i + 1}
                aria-sort={sorted ? sort.direction : 'none'}
                className={styles.headCell}
              >
                <button
                  type="button"
                  className={mergeClasses(styles.sortButton, NUMERIC.has(column) && styles.numberHead)}
                  title={t(VM_COLUMN_LABEL[column])}
                  onClick={() => toggleSort(column)}
                >
                  <span className={styles.sortLabel}>{t(VM_COLUMN_LABEL[column])}</span>
                  {sorted ? sort.direction === 'ascending' ? <ArrowSortUp16Regular /> : <ArrowSortDown16Regular /> : null}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const vm = vms[rows[item.index]];
          return (
            <VmGridRow
              key={vm.id}
              vm={vm}
              job={jobByVm?.get(vm.name.toLowerCase()) ?? null}
              id={rowId(item.index)}
              position={item.index}
              offset={item.start - VM_HEADER_HEIGHT}
              selected={vm.id === selectedVmId}
              focused={hasFocus && item.index === activeIndex}
              translator={translator}
              onSelect={onRowSelect}
            />
          );
        })}
      </div>
    </div>
  );
}
