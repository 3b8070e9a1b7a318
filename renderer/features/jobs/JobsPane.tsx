import { Button, CounterBadge, makeStyles, Subtitle2, Text, tokens, Tooltip } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronUp16Regular, ClipboardTaskListLtr20Regular } from '@fluentui/react-icons';
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { JOBS_LIMIT } from '../../store/jobs-slice.js';
import { useAppStore } from '../../store/store-context.js';
import { GroupDetails } from './GroupDetails.js';
import { JobDetails } from './JobDetails.js';
import { JobsList } from './JobsList.js';
import { JobColumnChooser } from './JobColumnChooser.js';

const MIN_HEIGHT = 120;
const MAX_HEIGHT = 600;
const DEFAULT_HEIGHT = 240;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  splitter: {
    height: '5px',
    marginTop: '-3px',
    cursor: 'row-resize',
    flexShrink: 0,
    ':hover': { backgroundColor: tokens.colorNeutralStroke2 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, backgroundColor: tokens.colorNeutralStroke2 },
  },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    height: '30px',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalXS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    flexShrink: 0,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  openAll: { marginLeft: 'auto' },
  body: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 360px', minHeight: 0, flexGrow: 1 },
  list: { position: 'relative', minHeight: 0, minWidth: 0 },
  details: {
    overflowY: 'auto',
    minHeight: 0,
    padding: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  empty: { display: 'block', padding: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * The Jobs pane along the bottom: recent jobs (status, progress, time left, or what a queued job
 * waits for), and the selected job's details with Cancel and Restart; resizable and collapsible.
 */
export function JobsPane() {
  const styles = useStyles();
  const { t } = useT();
  const allJobs = useAppStore((s) => s.jobs);
  const jobs = useMemo(() => (allJobs.length > JOBS_LIMIT ? allJobs.slice(0, JOBS_LIMIT) : allJobs), [allJobs]);
  const setWorkspace = useAppStore((s) => s.setWorkspace);
  const selectedJobId = useAppStore((s) => s.selectedJobId);
  const selectedGroupId = useAppStore((s) => s.selectedGroupId);
  const open = useAppStore((s) => s.jobsPaneOpen);
  const setOpen = useAppStore((s) => s.setJobsPaneOpen);
  const [height, setHeight] = useState(DEFAULT_HEIGHT);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);
  const selected = allJobs.find((job) => job.id === selectedJobId) ?? null;
  const running = useMemo(() => allJobs.filter((job) => job.status === 'Running' || job.status === 'Queued').length, [allJobs]);

  const clamp = (value: number) => Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, value));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { startY: event.clientY, startHeight: height };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setHeight(clamp(drag.current.startHeight + drag.current.startY - event.clientY));
  };
  const onSplitterKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 50 : 10;
    if (event.key === 'ArrowUp') setHeight((h) => clamp(h + step));
    else if (event.key === 'ArrowDown') setHeight((h) => clamp(h - step));
    else return;
    event.preventDefault();
  };

  const toggleLabel = open ? t('jobs.collapse') : t('jobs.expand');
  return (
    <section className={styles.root} aria-label={t('jobs.label')} style={open ? { height: `${height}px` } : undefined}>
      {open ? (
        <div
          role="separator"
          aria-orientation="horizontal"
          aria-label={t('jobs.resize')}
          aria-valuenow={height}
          aria-valuemin={MIN_HEIGHT}
          aria-valuemax={MAX_HEIGHT}
          tabIndex={0}
          className={styles.splitter}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onKeyDown={onSplitterKey}
        />
      ) : null}
      <div className={styles.bar}>
        <Subtitle2 as="h2" className={styles.heading}>
          {t('jobs.label')}
        </Subtitle2>
        {running > 0 ? <CounterBadge count={running} size="small" color="brand" aria-hidden /> : null}
        <span className={styles.openAll}>{open ? <JobColumnChooser /> : null}</span>
        <Button appearance="subtle" size="small" icon={<ClipboardTaskListLtr20Regular />} onClick={() => setWorkspace('jobs')}>
          {t('jobs.openWorkspace')}
        </Button>
        <Tooltip content={toggleLabel} relationship="label">
          <Button
            appearance="subtle"
            size="small"
            icon={open ? <ChevronDown16Regular /> : <ChevronUp16Regular />}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          />
        </Tooltip>
      </div>
      {open ? (
        jobs.length === 0 ? (
          <Text className={styles.empty}>{t('jobs.empty')}</Text>
        ) : (
          <div className={styles.body}>
            <div className={styles.list}>
              <JobsList jobs={jobs} label={t('jobs.label')} />
            </div>
            <div className={styles.details} aria-label={t('jobs.details')} role="region" tabIndex={0}>
              {selected ? (
                <JobDetails job={selected} />
              ) : selectedGroupId !== null ? (
                <GroupDetails groupId={selectedGroupId} />
              ) : (
                <Text className={styles.hint}>{t('jobs.selectHint')}</Text>
              )}
            </div>
          </div>
        )
      ) : null}
    </section>
  );
}
