import { tokens } from '@fluentui/react-components';

/**
 * The pieces of a table drawn as ARIA rows of CSS grids (the multi-VM wizard's pages), to spread into a
 * component's `makeStyles` with its own columns: `row: { ...gridRow(COLUMNS, '620px') }`. A row is a grid
 * so a note can take a line of its own under its cells.
 */
export function gridCellPadding(vertical: 'XS' | 'S'): Record<'paddingTop' | 'paddingBottom' | 'paddingLeft' | 'paddingRight', string> {
  const v = vertical === 'XS' ? tokens.spacingVerticalXS : tokens.spacingVerticalS;
  return { paddingTop: v, paddingBottom: v, paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS };
}

/** The table's frame. */
export const gridTable = {
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusMedium,
  overflowX: 'auto',
  fontSize: tokens.fontSizeBase200,
  lineHeight: tokens.lineHeightBase200,
} as const;

/** A row with its columns, and a line between rows. */
export function gridRow(columns: string, minWidth: string) {
  return {
    display: 'grid',
    gridTemplateColumns: columns,
    alignItems: 'center',
    minWidth,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':first-child': { borderTopStyle: 'none' },
  } as const;
}

/** The header row. */
export const gridHead = {
  backgroundColor: tokens.colorNeutralBackground2,
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
} as const;

/** A header cell's text. */
export const gridHeadText = { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 } as const;
