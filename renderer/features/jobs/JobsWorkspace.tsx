import { CounterBadge, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useDeferredValue, useMemo } from 'react';
import type { Job } from '../../../shared/model/job.js';
import { assertNever } from '../../../shared/model/result.js';
import { ListEmptyText, ListHeader } from '../../components/ListHeader.js';
import { useT } from '../../i18n/use-translator.js';
import { jobName } from './job-words.js';
import { JOBS_HISTORY_LIMIT } from '../../store/jobs-slice.js';
import { useAppStore } from '../../store/store-context.js';
import type { JobFilter } from '../../store/ui-slice.js';
import { GroupDetails } from './GroupDetails.js';
import { JobDetails } from './JobDetails.js';
import { JobHistoryExport } from './JobHistoryExport.js';
import { JobColumnChooser } from './JobColumnChooser.js';
import { JobsList } from './JobsList.js';

const FILTERS: JobFilter[] = ['all', 'active', 'completed', 'failed', 'canceled'];

const FILTER_LABEL = {
  all: 'jobs.filter.all',
  active: 'jobs.filter.active',
  completed: 'jobs.filter.completed',
  failed: 'jobs.filter.failed',
  canceled: 'jobs.filter.canceled',
} as const;

/** Whether a job shows under a filter of the Jobs workspace. */
export function jobMatchesFilter(job: Job, filter: JobFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'active':
      return job.status === 'Queued' || job.status === 'Running';
    case 'completed':
      return job.status === 'Completed' || job.status === 'Completed with info';
    case 'failed':
      return job.status === 'Failed';
    case 'canceled':
      return job.status === 'Canceled';
    default:
      return assertNever(filter);
  }
}

const useStyles = makeStyles({
  filters: { flexGrow: 1, minHeight: 0, overflowY: 'auto', paddingTop: tokens.spacingVerticalS },
  filtersHeading: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalM,
    paddingBottom: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  tabs: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  tab: { justifyContent: 'flex-start' },
  tabContent: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, width: '100%' },
  tabCount: { marginLeft: 'auto' },
  centre: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, backgroundColor: tokens.colorNeutralBackground1 },
  list: { position: 'relative', flexGrow: 1, flexBasis: '50%', minHeight: '120px' },
  details: {
    flexBasis: '45%',
    flexShrink: 0,
    minHeight: 0,
    overflowY: 'auto',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The Jobs workspace's left pane: which jobs to list (all, running and queued, completed, failed, canceled), with counts. */
export function JobFilters() {
  const styles = useStyles();
  const { t } = useT();
  const jobs = useAppStore((s) => s.jobs);
  const filter = useAppStore((s) => s.jobFilter);
  const setFilter = useAppStore((s) => s.setJobFilter);
  const counts = useMemo(() => {
    const c: Record<JobFilter, number> = { all: 0, active: 0, completed: 0, failed: 0, canceled: 0 };
    for (const job of jobs) for (const f of FILTERS) if (jobMatchesFilter(job, f)) c[f]++;
    return c;
  }, [jobs]);
  return (
    <div className={styles.filters}>
      <h2 className={styles.filtersHeading}>{t('jobs.filter.label')}</h2>
      <TabList
        vertical
        size="small"
        className={styles.tabs}
        selectedValue={filter}
        onTabSelect={(_e, data) => setFilter(data.value as JobFilter)}
        aria-label={t('jobs.filter.label')}
      >
        {FILTERS.map((f) => (
          <Tab key={f} value={f} className={styles.tab}>
            <span className={styles.tabContent}>
              {t(FILTER_LABEL[f])}
              <CounterBadge className={styles.tabCount} count={counts[f]} showZero overflowCount={99999} size="small" appearance="ghost" color="informative" />
            </span>
          </Tab>
        ))}
      </TabList>
    </div>
  );
}

/**
 * The Jobs workspace, as VMM's: every job (the whole history is loaded when it opens), filtered by
 * status and by name or target, in a virtualised list; the selected job's details below it, facts
 * and steps side by side, with Cancel and Restart.
 */
export function JobsWorkspace() {
  const styles = useStyles();
  const translator = useT();
  const { t, tn } = translator;
  const jobs = useAppStore((s) => s.jobs);
  const filter = useAppStore((s) => s.jobFilter);
  const search = useAppStore((s) => s.jobSearch);
  const setSearch = useAppStore((s) => s.setJobSearch);
  const selectedJobId = useAppStore((s) => s.selectedJobId);
  const selectedGroupId = useAppStore((s) => s.selectedGroupId);
  const deferredSearch = useDeferredValue(search);
  const needle = deferredSearch.trim().toLowerCase();
  const shown = useMemo(
    () =>
      jobs.filter(
        (job) =>
          jobMatchesFilter(job, filter) &&
          (needle === '' ||
            jobName(job, translator).toLowerCase().includes(needle) ||
            job.name.toLowerCase().includes(needle) ||
            job.target.toLowerCase().includes(needle)),
      ),
    [jobs, filter, needle, translator],
  );
  const selected = jobs.find((job) => job.id === selectedJobId) ?? null;
  const narrowed = filter !== 'all' || needle !== '';
  let countText = narrowed ? t('jobs.shown', { shown: shown.length, total: jobs.length }) : tn('jobs.count', jobs.length);
  if (jobs.length >= JOBS_HISTORY_LIMIT) countText = `${countText} · ${t('jobs.historyCapped', { count: JOBS_HISTORY_LIMIT })}`;
  return (
    <section className={styles.centre} aria-label={t('jobs.workspace')}>
      <ListHeader
        title={t(FILTER_LABEL[filter])}
        count={countText}
        filterLabel={t('jobs.search')}
        filter={search}
        onFilterChange={setSearch}
        actions={
          <>
            <JobColumnChooser />
            <JobHistoryExport jobs={shown} />
          </>
        }
      />
      <div className={styles.list}>
        <JobsList jobs={shown} label={t('jobs.all')} />
        {shown.length === 0 ? <ListEmptyText>{jobs.length === 0 ? t('jobs.empty') : t('jobs.noMatch')}</ListEmptyText> : null}
      </div>
      <div className={styles.details} role="region" aria-label={t('jobs.details')} tabIndex={0}>
        {selected ? (
          <JobDetails job={selected} layout="wide" />
        ) : selectedGroupId !== null ? (
          <GroupDetails groupId={selectedGroupId} />
        ) : (
          <Text className={styles.hint}>{t('jobs.selectHint')}</Text>
        )}
      </div>
    </section>
  );
}
