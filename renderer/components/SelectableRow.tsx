import { makeStyles, mergeClasses, TableRow, tokens } from '@fluentui/react-components';
import type { KeyboardEvent, ReactNode } from 'react';

const useStyles = makeStyles({
  row: {
    cursor: 'default',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  // Greyed but legible (≥ 4.5:1 in light and dark themes): an admin reads why a row is unavailable.
  disabled: { color: tokens.colorNeutralForeground3 },
});

/** Props of a selectable table row. */
export interface SelectableRowProps {
  /** The row is the selection (aria-selected). */
  selected: boolean;
  /** The row the admin is on; differs from `selected` only for a disabled row, which can be looked at but not chosen. */
  current?: boolean;
  /** Greyed and aria-disabled: shown, never selected. */
  disabled?: boolean;
  /** Click, focus, Enter or Space on the row. */
  onActivate: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A row of a `role="grid"` table that a click or the keyboard makes current: it is tabbable, focus
 * activates it (arrow keys move focus when the body carries `useArrowNavigationGroup`), Enter and Space too.
 */
export function SelectableRow({ selected, current = selected, disabled = false, onActivate, className, children }: SelectableRowProps) {
  const styles = useStyles();
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    onActivate();
  };
  return (
    <TableRow
      tabIndex={0}
      aria-selected={selected}
      aria-disabled={disabled || undefined}
      className={mergeClasses(styles.row, current && !selected && styles.current, selected && styles.selected, disabled && styles.disabled, className)}
      onClick={onActivate}
      onFocus={(e) => e.target === e.currentTarget && onActivate()}
      onKeyDown={onKeyDown}
    >
      {children}
    </TableRow>
  );
}
