import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import type { HostRating } from '../../../shared/model/placement.js';
import { SelectableRow } from '../../components/SelectableRow.js';
import { StarRating } from '../../components/StarRating.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', minWidth: '640px' },
  head: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground2 },
  rating: { width: '104px' },
  host: { width: '140px' },
  cluster: { width: '100px' },
  transfer: { width: '104px' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  // The note is the one cell an admin reads as a sentence: wrapped in full, never cut, legible (≥ 4.5:1) on a greyed row.
  note: {
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground2,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  more: { color: tokens.colorNeutralForeground3 },
  hostName: { fontWeight: tokens.fontWeightSemibold },
});

/** Props of the Select Host grid. */
export interface HostRatingGridProps {
  rows: readonly HostRating[];
  /** The host row the admin is on. */
  current: string | null;
  label: string;
  onActivate: (host: string) => void;
}

/** What the Notes column says: the first warning of an available host, the first reason of an unavailable one, in the admin's language. */
export function hostNote(row: HostRating, spoken: Translator['spoken']): string {
  const first = row.available ? row.warnings[0] : row.reasons[0];
  return first ? spoken(first) : '';
}

/**
 * Select Host's grid: Rating, Destination Host, Cluster, Transfer Type, Notes, in the backend's order
 * (available first, best rated first). Arrow keys move between rows; the row in focus is the current one.
 * Unavailable hosts are greyed and aria-disabled: they can be looked at, never selected.
 */
export function HostRatingGrid({ rows, current, label, onActivate }: HostRatingGridProps) {
  const styles = useStyles();
  const { t, tn, spoken } = useT();
  const navigation = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  return (
    <Table size="extra-small" role="grid" aria-label={label} className={styles.table}>
      <TableHeader className={styles.head}>
        <TableRow>
          <TableHeaderCell className={styles.rating}>{t('selectHost.col.rating')}</TableHeaderCell>
          <TableHeaderCell className={styles.host}>{t('selectHost.col.host')}</TableHeaderCell>
          <TableHeaderCell className={styles.cluster}>{t('selectHost.col.cluster')}</TableHeaderCell>
          <TableHeaderCell className={styles.transfer}>{t('selectHost.col.transferType')}</TableHeaderCell>
          <TableHeaderCell>{t('selectHost.col.notes')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody {...navigation}>
        {rows.map((row) => {
          const note = hostNote(row, spoken);
          const isCurrent = row.host === current;
          return (
            <SelectableRow
              key={row.host}
              selected={isCurrent && row.available}
              current={isCurrent}
              disabled={!row.available}
              onActivate={() => onActivate(row.host)}
            >
              <TableCell className={styles.cell}>
                <StarRating rating={row.rating} />
              </TableCell>
              <TableCell className={styles.cell}>
                <span className={row.available ? styles.hostName : undefined}>{row.host}</span>
              </TableCell>
              <TableCell className={styles.cell}>{row.cluster ?? ''}</TableCell>
              <TableCell className={styles.cell}>{row.transferType ? t(`transfer.${row.transferType}`) : t('selectHost.notAvailable')}</TableCell>
              <TableCell className={styles.note}>
                {note}
                {row.reasons.length > 1 ? <span className={styles.more}> {tn('selectHost.moreReasons', row.reasons.length - 1)}</span> : null}
              </TableCell>
            </SelectableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
