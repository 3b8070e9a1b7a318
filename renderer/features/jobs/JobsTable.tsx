import {
  makeStyles,
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
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { SelectableRow } from '../../components/SelectableRow.js';
import { useT } from '../../i18n/use-translator.js';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', minWidth: '720px' },
  head: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground2 },
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
        {jobs.map((job) => (
          <SelectableRow key={job.id} selected={job.id === selectedJobId} onActivate={() => onSelect(job.id)}>
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
          </SelectableRow>
        ))}
      </TableBody>
    </Table>
  );
}
