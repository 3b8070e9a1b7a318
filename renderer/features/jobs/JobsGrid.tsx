import { makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { memo, useCallback, useMemo } from 'react';
import type { Job } from '../../../shared/model/job.js';
import type { MenuAnchor } from '../../components/ContextMenu.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { GridCell, VirtualGrid, VirtualGridRow, type GridLayout, type GridRowState } from '../../components/VirtualGrid.js';
import type { MessageKey } from '../../i18n/en.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import { formatDuration, progressColor } from './job-format.js';

/** Columns of the jobs grid, in order. */
const COLUMNS: readonly MessageKey[] = ['jobs.col.name', 'jobs.col.status', 'jobs.col.progress', 'jobs.col.timeLeft', 'jobs.col.start', 'jobs.col.end', 'jobs.col.target'];
const LAYOUT: GridLayout = {
  template: 'minmax(220px, 2fr) 150px 150px 84px 140px 140px minmax(110px, 1fr)',
  minWidth: 994,
  rowHeight: 28,
  headerHeight: 28,
  overscan: 10,
};

const useStyles = makeStyles({
  name: { fontWeight: tokens.fontWeightSemibold },
  progress: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1, minWidth: '40px' },
  percent: { width: '34px', flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  number: { fontVariantNumeric: 'tabular-nums' },
  waiting: { gridColumn: '3 / span 4', color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

/** Capitalises a backend sentence fragment ("waiting for …") to start a cell. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface RowProps extends GridRowState {
  job: Job;
  translator: Translator;
}

/** One job: name, status, progress (or what a queued job waits for), time left, start, end, target. */
const JobRow = memo(function JobRow({ job, translator, ...row }: RowProps) {
  const styles = useStyles();
  const { t, formatDateTime, formatNumber } = translator;
  const eta = job.status === 'Running' && job.metrics?.etaSeconds != null ? formatDuration(translator, job.metrics.etaSeconds) : '';
  return (
    <VirtualGridRow {...row} data-job-id={job.id}>
      <GridCell column={1} className={styles.name} title={job.name}>
        {job.name}
      </GridCell>
      <GridCell column={2}>
        <JobStatusLabel status={job.status} />
      </GridCell>
      {job.status === 'Queued' && job.waitingFor ? (
        // A queued job has no progress, time left, start or end yet: what it waits for takes their place.
        <GridCell column={3} span={4} className={styles.waiting} title={sentence(job.waitingFor)}>
          {sentence(job.waitingFor)}
        </GridCell>
      ) : (
        <>
          <GridCell column={3} className={styles.progress}>
            <ProgressBar
              className={styles.bar}
              value={job.progress}
              max={100}
              color={progressColor(job.status)}
              aria-label={t('jobs.progressOf', { name: job.name })}
            />
            <span className={styles.percent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span>
          </GridCell>
          <GridCell column={4} className={styles.number}>
            {eta}
          </GridCell>
          <GridCell column={5} className={styles.number}>
            {formatDateTime(job.startedAt)}
          </GridCell>
          <GridCell column={6} className={styles.number}>
            {formatDateTime(job.endedAt)}
          </GridCell>
        </>
      )}
      <GridCell column={7} title={job.target}>
        {job.target}
      </GridCell>
    </VirtualGridRow>
  );
});

/** Props of the jobs grid. */
export interface JobsGridProps {
  jobs: readonly Job[];
  selectedJobId: string | null;
  label: string;
  onSelect: (jobId: string) => void;
  /** Right-click on a row, Shift+F10 or the context-menu key: the row's job (now selected) and where to open a menu. */
  onRowContextMenu?: (jobId: string, anchor: MenuAnchor) => void;
}

/**
 * The jobs list: a virtual grid, so thousands of jobs scroll smoothly and a progress batch re-renders
 * only the rows in view. A new selection from outside (a wizard's Move, Restart) is scrolled into view;
 * a progress batch is not.
 */
export function JobsGrid({ jobs, selectedJobId, label, onSelect, onRowContextMenu }: JobsGridProps) {
  const translator = useT();
  const { t } = translator;
  const columns = useMemo(() => COLUMNS.map((id) => ({ id, label: t(id) })), [t]);
  const keyAt = useCallback((position: number) => jobs[position].id, [jobs]);
  return (
    <VirtualGrid
      label={label}
      layout={LAYOUT}
      columns={columns}
      count={jobs.length}
      keyAt={keyAt}
      selectedKey={selectedJobId}
      revealOn={selectedJobId}
      onSelect={onSelect}
      onRowContextMenu={onRowContextMenu}
      renderRow={(position, row) => <JobRow job={jobs[position]} translator={translator} {...row} />}
    />
  );
}
