import {
  makeStyles,
  mergeClasses,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  useArrowNavigationGroup,
} from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { useT } from '../../i18n/use-translator.js';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', minWidth: '720px' },
  head: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground2 },
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
  name: { width: '30%' },
  status: { width: '140px' },
  progress: { width: '140px' },
  time: { width: '140px' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  progressCell: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1 },
  percent: { width: '36px', textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

/** Props of the jobs table. */
export interface JobsTableProps {
  jobs: readonly Job[];
  selectedJobId: string | null;
  onSelect: (jobId: string) => void;
}

/** The list of jobs: Name, Status, Progress, Start, End, Target. Arrow keys move between rows; focus selects. */
export function JobsTable({ jobs, selectedJobId, onSelect }: JobsTableProps) {
  const styles = useStyles();
  const { t, formatDateTime, formatNumber } = useT();
  const navigation = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, jobId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(jobId);
    }
  };
  return (
    <Table size="extra-small" role="grid" aria-label={t('jobs.label')} className={styles.table}>
      <TableHeader className={styles.head}>
        <TableRow>
          <TableHeaderCell className={styles.name}>{t('jobs.col.name')}</TableHeaderCell>
          <TableHeaderCell className={styles.status}>{t('jobs.col.status')}</TableHeaderCell>
          <TableHeaderCell className={styles.progress}>{t('jobs.col.progress')}</TableHeaderCell>
          <TableHeaderCell className={styles.time}>{t('jobs.col.start')}</TableHeaderCell>
          <TableHeaderCell className={styles.time}>{t('jobs.col.end')}</TableHeaderCell>
          <TableHeaderCell>{t('jobs.col.target')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody {...navigation}>
        {jobs.map((job) => {
          const selected = job.id === selectedJobId;
          return (
            <TableRow
              key={job.id}
              tabIndex={0}
              aria-selected={selected}
              className={mergeClasses(styles.row, selected && styles.selected)}
              onClick={() => onSelect(job.id)}
              onFocus={(e) => e.target === e.currentTarget && onSelect(job.id)}
              onKeyDown={(e) => onKeyDown(e, job.id)}
            >
              <TableCell className={styles.cell}>{job.name}</TableCell>
              <TableCell className={styles.cell}>
                <JobStatusLabel status={job.status} />
              </TableCell>
              <TableCell className={styles.cell}>
                <span className={styles.progressCell}>
                  <ProgressBar
                    className={styles.bar}
                    value={job.progress}
                    max={100}
                    color={job.status === 'Failed' ? 'error' : job.status === 'Completed' ? 'success' : 'brand'}
                    aria-label={t('jobs.progressOf', { name: job.name })}
                  />
                  <span className={styles.percent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span>
                </span>
              </TableCell>
              <TableCell className={styles.cell}>{formatDateTime(job.startedAt)}</TableCell>
              <TableCell className={styles.cell}>{formatDateTime(job.endedAt)}</TableCell>
              <TableCell className={styles.cell}>{job.target}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
