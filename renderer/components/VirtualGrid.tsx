import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSortDown16Regular, ArrowSortUp16Regular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  Fragment,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { rectOf, type MenuAnchor } from './ContextMenu.js';

// The grid's sizes reach the header and every row through these custom properties, so they line up.
const COLUMNS_VAR = '--virtual-grid-columns';
const MIN_WIDTH_VAR = '--virtual-grid-min-width';
const ROW_HEIGHT_VAR = '--virtual-grid-row-height';
const HEADER_HEIGHT_VAR = '--virtual-grid-header-height';

const focusRing = {
  outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
  outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
};

const useStyles = makeStyles({
  grid: {
    height: '100%',
    overflow: 'auto',
    position: 'relative',
    outlineStyle: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  gridFocusEmpty: { ':focus-visible': focusRing },
  head: { position: 'sticky', top: 0, zIndex: 1, minWidth: `var(${MIN_WIDTH_VAR})` },
  headRow: {
    display: 'grid',
    gridTemplateColumns: `var(${COLUMNS_VAR})`,
    height: `var(${HEADER_HEIGHT_VAR})`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  headCell: { display: 'flex', minWidth: 0, borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  headText: {
    alignItems: 'center',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  },
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
    ':focus-visible': focusRing,
  },
  sortLabel: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  alignEnd: { justifyContent: 'flex-end' },
  body: { position: 'relative', minWidth: `var(${MIN_WIDTH_VAR})` },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: `var(${ROW_HEIGHT_VAR})`,
    display: 'grid',
    gridTemplateColumns: `var(${COLUMNS_VAR})`,
    alignItems: 'center',
    boxSizing: 'border-box',
    cursor: 'default',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  focused: focusRing,
  cell: {
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
  },
});

/** A column of a virtual grid. */
export interface GridColumn<C extends string> {
  id: C;
  label: string;
  /** The header's text sits at the end (a column of numbers). */
  alignEnd?: boolean;
}

/** How a virtual grid is sorted. */
export interface GridSort<C extends string> {
  column: C;
  direction: 'ascending' | 'descending';
}

/** A virtual grid's sizes. */
export interface GridLayout {
  /** Column widths (`grid-template-columns`), shared by the header and every row. */
  template: string;
  /** The narrowest the grid gets before it scrolls sideways (sum of the minimum widths), in pixels. */
  minWidth: number;
  rowHeight: number;
  headerHeight: number;
  /** Rows rendered beyond the ones in view. */
  overscan: number;
}

/** How a row was clicked: with Ctrl (or Cmd) to toggle it, with Shift to select the range up to it. */
export interface GridSelectModifiers {
  toggle: boolean;
  range: boolean;
}

/** A selection of many rows, as a grid with `multiSelect` reports it. */
export interface GridSelection {
  /** The selected rows' keys. */
  keys: string[];
  /** The row the cursor is on now. */
  cursor: string;
  /** Where the next Shift range starts. */
  anchor: string;
}

/** Many rows selected at once: the selection, where a Shift range starts, and what to call when it changes. */
export interface GridMultiSelect {
  selectedKeys: ReadonlySet<string>;
  /** Where a Shift+click or Shift+arrow range starts (the last row clicked or toggled without Shift). */
  anchorKey: string | null;
  onChange: (selection: GridSelection) => void;
}

/** What the grid tells the row it renders at a position. */
export interface GridRowState {
  /** The row element's id, for `aria-activedescendant`. */
  id: string;
  /** The row's item key, handed to `onSelect` on a click. */
  itemKey: string;
  /** Position among the rows (0-based); aria-rowindex counts the header as 1. */
  position: number;
  /** Where the row stands below the header, in pixels. */
  offset: number;
  selected: boolean;
  /** The grid has focus and this row is the cursor (the selection, in a single-select grid). */
  focused: boolean;
  onSelect: (itemKey: string, modifiers?: GridSelectModifiers) => void;
}

/** Props of a virtual grid. */
export interface VirtualGridProps<C extends string> {
  label: string;
  layout: GridLayout;
  columns: readonly GridColumn<C>[];
  /** With `onSort`, the headers are buttons that sort by their column (a second click reverses). */
  sort?: GridSort<C>;
  onSort?: (sort: GridSort<C>) => void;
  count: number;
  /** The key of the item at a position: its id, which selection and `onSelect` use. */
  keyAt: (position: number) => string;
  /** The selected row; with `multiSelect`, the cursor row (the keyboard's position). */
  selectedKey: string | null;
  /** The selected row is scrolled into view whenever this value changes. */
  revealOn: unknown;
  onSelect: (itemKey: string) => void;
  /** Right-click on a row, Shift+F10 or the context-menu key: the row's item (now selected) and where to open a menu. */
  onRowContextMenu?: (itemKey: string, anchor: MenuAnchor) => void;
  /** The row at a position; a `VirtualGridRow` given the state. */
  renderRow: (position: number, row: GridRowState) => ReactNode;
  /**
   * Lets the admin select many rows: Ctrl/Cmd+click toggles a row, Shift+click selects a range, Ctrl+A
   * every row, Space toggles the cursor row, Shift+arrows extend the range and Ctrl+arrows move the cursor
   * alone. A plain click or arrow still selects one row through `onSelect`.
   */
  multiSelect?: GridMultiSelect;
  /** A key the grid does not handle itself, on the cursor row (say, Left and Right to fold a group); true when handled. */
  onCursorKeyDown?: (itemKey: string, event: KeyboardEvent<HTMLDivElement>) => boolean;
  /** The grid takes the focus whenever this number changes (not on its first value). */
  focusRequest?: number;
}

/** The keys of the rows between two positions (either order), top to bottom. */
function keysBetween(keyAt: (position: number) => string, a: number, b: number): string[] {
  const keys: string[] = [];
  for (let k = Math.min(a, b); k <= Math.max(a, b); k++) keys.push(keyAt(k));
  return keys;
}

/**
 * A list as role="grid": a sticky header and virtualised rows, so thousands of rows scroll smoothly
 * and a change re-renders only the rows in view. The grid takes focus; arrow keys, Page Up/Down, Home
 * and End move the selection, which `aria-activedescendant` announces. With `multiSelect`, many rows
 * can be selected (`aria-multiselectable`).
 */
export function VirtualGrid<C extends string>({
  label,
  layout,
  columns,
  sort,
  onSort,
  count,
  keyAt,
  selectedKey,
  revealOn,
  onSelect,
  onRowContextMenu,
  renderRow,
  multiSelect,
  onCursorKeyDown,
  focusRequest,
}: VirtualGridProps<C>) {
  const styles = useStyles();
  const { rowHeight, headerHeight } = layout;
  const gridRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [hasFocus, setHasFocus] = useState(false);

  const activeIndex = useMemo(() => {
    if (selectedKey === null) return -1;
    for (let k = 0; k < count; k++) if (keyAt(k) === selectedKey) return k;
    return -1;
  }, [count, keyAt, selectedKey]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    overscan: layout.overscan,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    getItemKey: (index) => (index < count ? keyAt(index) : index),
  });

  // Focus on request, once the frame is drawn: a dialog closing in the same update has given its focus back by then.
  const firstFocusRequest = useRef(focusRequest);
  useEffect(() => {
    if (focusRequest === undefined || focusRequest === firstFocusRequest.current) return undefined;
    const frame = requestAnimationFrame(() => gridRef.current?.focus({ preventScroll: true }));
    return () => cancelAnimationFrame(frame);
  }, [focusRequest]);

  const rowId = useCallback((position: number) => `${idPrefix}-row-${position}`, [idPrefix]);

  // Bring the selected row into view when `revealOn` changes (not on every selection, say a progress batch).
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  useEffect(() => {
    if (activeRef.current >= 0) virtualizer.scrollToIndex(activeRef.current, { align: 'auto' });
  }, [revealOn, virtualizer]);

  const positionOf = useCallback(
    (key: string | null) => {
      if (key === null) return -1;
      for (let k = 0; k < count; k++) if (keyAt(k) === key) return k;
      return -1;
    },
    [count, keyAt],
  );

  // Multi-select: a range from the anchor (added to the selection with Ctrl), one row toggled, every row.
  const selectRange = (to: number, additive: boolean) => {
    if (!multiSelect) return;
    const anchorPosition = positionOf(multiSelect.anchorKey);
    const from = anchorPosition >= 0 ? anchorPosition : to;
    const range = keysBetween(keyAt, from, to);
    const keys = additive ? [...new Set([...multiSelect.selectedKeys, ...range])] : range;
    multiSelect.onChange({ keys, cursor: keyAt(to), anchor: keyAt(from) });
  };
  const toggleRow = (position: number) => {
    if (!multiSelect) return;
    const key = keyAt(position);
    const selected = multiSelect.selectedKeys.has(key);
    const keys = selected ? [...multiSelect.selectedKeys].filter((k) => k !== key) : [...multiSelect.selectedKeys, key];
    multiSelect.onChange({ keys, cursor: key, anchor: key });
  };
  const moveCursor = (position: number) => {
    if (!multiSelect) return;
    const key = keyAt(position);
    multiSelect.onChange({ keys: [...multiSelect.selectedKeys], cursor: key, anchor: multiSelect.anchorKey ?? key });
  };

  const moveTo = (position: number, how: 'select' | 'extend' | 'cursor' = 'select') => {
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, position));
    if (how === 'extend') selectRange(next, false);
    else if (how === 'cursor') moveCursor(next);
    else onSelect(keyAt(next));
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const openContextMenu = (position: number, anchor: (row: Element | null) => MenuAnchor) => {
    if (!onRowContextMenu || position < 0 || position >= count) return false;
    const itemKey = keyAt(position);
    // A menu opened on a row of a multiple selection acts on the whole selection; elsewhere it selects the row.
    if (multiSelect?.selectedKeys.has(itemKey) && multiSelect.selectedKeys.size > 1) moveCursor(position);
    else onSelect(itemKey);
    // The grid holds focus while the menu is open, so closing the menu can give it back.
    gridRef.current?.focus({ preventScroll: true });
    onRowContextMenu(itemKey, anchor(document.getElementById(rowId(position))));
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
    if (event.target !== event.currentTarget || event.altKey || (event.metaKey && !multiSelect)) return;
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      if (openContextMenu(activeIndex, (el) => rectOf(el ?? event.currentTarget))) event.preventDefault();
      return;
    }
    const modifier = event.ctrlKey || event.metaKey;
    if (multiSelect && modifier && !event.shiftKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      if (count === 0) return;
      const cursor = activeIndex >= 0 ? keyAt(activeIndex) : keyAt(0);
      multiSelect.onChange({ keys: keysBetween(keyAt, 0, count - 1), cursor, anchor: multiSelect.anchorKey ?? cursor });
      return;
    }
    if (multiSelect && event.key === ' ' && !event.shiftKey) {
      event.preventDefault();
      if (activeIndex >= 0) toggleRow(activeIndex);
      else if (count > 0) onSelect(keyAt(0));
      return;
    }
    if (activeIndex >= 0 && onCursorKeyDown?.(keyAt(activeIndex), event)) {
      event.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 0) / rowHeight) - 1);
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
        to = count - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    if (!multiSelect) moveTo(to);
    else if (event.shiftKey) moveTo(to, 'extend');
    else if (modifier) moveTo(to, 'cursor');
    else moveTo(to);
  };

  // Kept in a ref so rows (memoised) need not re-render when the selection changes the handler.
  const rowSelectRef = useRef<(itemKey: string, modifiers?: GridSelectModifiers) => void>(() => undefined);
  rowSelectRef.current = (itemKey, modifiers) => {
    if (multiSelect && modifiers?.range) selectRange(Math.max(0, positionOf(itemKey)), modifiers.toggle);
    else if (multiSelect && modifiers?.toggle) toggleRow(Math.max(0, positionOf(itemKey)));
    else onSelect(itemKey);
  };
  const onRowSelect = useCallback((itemKey: string, modifiers?: GridSelectModifiers) => {
    rowSelectRef.current(itemKey, modifiers);
    gridRef.current?.focus({ preventScroll: true });
  }, []);

  const items = virtualizer.getVirtualItems();
  const activeRendered = activeIndex >= 0 && items.some((item) => item.index === activeIndex);
  const sizes = {
    [COLUMNS_VAR]: layout.template,
    [MIN_WIDTH_VAR]: `${layout.minWidth}px`,
    [ROW_HEIGHT_VAR]: `${rowHeight}px`,
    [HEADER_HEIGHT_VAR]: `${headerHeight}px`,
  } as CSSProperties;

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-multiselectable={multiSelect !== undefined}
      aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
      tabIndex={0}
      className={mergeClasses(styles.grid, !activeRendered && styles.gridFocusEmpty)}
      style={sizes}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      onFocus={(e) => e.target === e.currentTarget && setHasFocus(true)}
      onBlur={(e) => e.target === e.currentTarget && setHasFocus(false)}
    >
      <div role="rowgroup" className={styles.head}>
        <div role="row" aria-rowindex={1} className={styles.headRow}>
          {columns.map((column, i) =>
            sort && onSort ? (
              <SortableHeader key={column.id} column={column} colIndex={i + 1} sort={sort} onSort={onSort} />
            ) : (
              <div key={column.id} role="columnheader" aria-colindex={i + 1} className={mergeClasses(styles.headCell, styles.headText)} title={column.label}>
                {column.label}
              </div>
            ),
          )}
        </div>
      </div>
      <div role="rowgroup" className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => (
          <Fragment key={item.key}>
            {renderRow(item.index, {
              id: rowId(item.index),
              itemKey: keyAt(item.index),
              position: item.index,
              offset: item.start - headerHeight,
              selected: multiSelect ? multiSelect.selectedKeys.has(keyAt(item.index)) : item.index === activeIndex,
              focused: hasFocus && item.index === activeIndex,
              onSelect: onRowSelect,
            })}
          </Fragment>
        ))}
      </div>
    </div>
  );
}

/** A column header that sorts by its column: ascending first, a second click descending. */
function SortableHeader<C extends string>({
  column,
  colIndex,
  sort,
  onSort,
}: {
  column: GridColumn<C>;
  colIndex: number;
  sort: GridSort<C>;
  onSort: (sort: GridSort<C>) => void;
}) {
  const styles = useStyles();
  const sorted = sort.column === column.id;
  const toggle = () => onSort({ column: column.id, direction: sorted && sort.direction === 'ascending' ? 'descending' : 'ascending' });
  return (
    <div role="columnheader" aria-colindex={colIndex} aria-sort={sorted ? sort.direction : 'none'} className={styles.headCell}>
      <button type="button" className={mergeClasses(styles.sortButton, column.alignEnd && styles.alignEnd)} title={column.label} onClick={toggle}>
        <span className={styles.sortLabel}>{column.label}</span>
        {sorted ? sort.direction === 'ascending' ? <ArrowSortUp16Regular /> : <ArrowSortDown16Regular /> : null}
      </button>
    </div>
  );
}

/** Props of a row of a virtual grid: the grid's state for it, and its cells. */
export interface VirtualGridRowProps extends GridRowState {
  className?: string;
  children: ReactNode;
  [data: `data-${string}`]: string | undefined;
}

/** A row of a virtual grid, placed at its offset; a click selects it. */
export function VirtualGridRow({ id, itemKey, position, offset, selected, focused, onSelect, className, children, ...data }: VirtualGridRowProps) {
  const styles = useStyles();
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={position + 2}
      aria-selected={selected}
      data-index={position}
      {...data}
      className={mergeClasses(styles.row, selected && styles.selected, focused && styles.focused, className)}
      style={{ transform: `translateY(${offset}px)` }}
      // Shift+click selects rows, not the text between two clicks.
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={(e) => onSelect(itemKey, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey })}
    >
      {children}
    </div>
  );
}

/** Props of a cell of a virtual grid row. */
export interface GridCellProps {
  /** The cell's column (1-based). */
  column: number;
  /** How many columns the cell takes, when more than one. */
  span?: number;
  className?: string;
  title?: string;
  children?: ReactNode;
}

/** A cell of a virtual grid row: one line, cut with an ellipsis. */
export function GridCell({ column, span, className, title, children }: GridCellProps) {
  const styles = useStyles();
  return (
    <div
      role="gridcell"
      aria-colindex={column}
      aria-colspan={span}
      className={mergeClasses(styles.cell, className)}
      style={span ? { gridColumn: `span ${span}` } : undefined}
      title={title}
    >
      {children}
    </div>
  );
}
