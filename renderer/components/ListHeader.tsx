import { makeStyles, SearchBox, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexShrink: 0,
  },
  title: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1 },
  heading: { margin: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  count: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  filter: { width: '280px', maxWidth: '45%' },
  empty: {
    position: 'absolute',
    top: '56px',
    left: 0,
    right: 0,
    textAlign: 'center',
    color: tokens.colorNeutralForeground3,
    pointerEvents: 'none',
  },
});

/** Props of a list's header bar. */
export interface ListHeaderProps {
  title: string;
  /** How many items there are, or how many of them show; announced as it changes. */
  count: string;
  /** The filter box's label and placeholder. */
  filterLabel: string;
  filter: string;
  onFilterChange: (value: string) => void;
  /** Commands at the bar's end, after the filter box (Columns, Export). */
  actions?: ReactNode;
}

/** The bar above a list: its title and count, a filter box, and the list's commands. */
export function ListHeader({ title, count, filterLabel, filter, onFilterChange, actions }: ListHeaderProps) {
  const styles = useStyles();
  const { t } = useT();
  return (
    <div className={styles.bar}>
      <div className={styles.title}>
        <Subtitle2 as="h2" className={styles.heading}>
          {title}
        </Subtitle2>
        <Text className={styles.count} aria-live="polite">
          {count}
        </Text>
      </div>
      <SearchBox
        className={styles.filter}
        size="small"
        aria-label={filterLabel}
        placeholder={filterLabel}
        value={filter}
        onChange={(_e, data) => onFilterChange(data.value)}
        dismiss={{ 'aria-label': t('vmList.clearFilter') }}
      />
      {actions}
    </div>
  );
}

/** What a list shows over its empty grid (no items, or none that match); the list's body is the positioned parent. */
export function ListEmptyText({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <Text className={styles.empty}>{children}</Text>;
}
