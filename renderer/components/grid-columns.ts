import type { GridLayout } from './VirtualGrid.js';

/** How wide a column of a virtual grid is: its `grid-template-columns` track and its narrowest, in pixels. */
export interface ColumnWidth {
  track: string;
  min: number;
}

/** A grid's layout for the columns shown, in order: their tracks, and the sum of their minimum widths. */
export function layoutForColumns<C extends string>(
  columns: readonly C[],
  widths: Record<C, ColumnWidth>,
  sizes: Omit<GridLayout, 'template' | 'minWidth'>,
): GridLayout {
  return {
    ...sizes,
    template: columns.map((c) => widths[c].track).join(' '),
    minWidth: columns.reduce((sum, c) => sum + widths[c].min, 0),
  };
}

/** The columns shown: every column in its order, less the hidden ones. */
export function shownColumns<C extends string>(all: readonly C[], hidden: readonly string[]): C[] {
  return all.filter((c) => !hidden.includes(c));
}
