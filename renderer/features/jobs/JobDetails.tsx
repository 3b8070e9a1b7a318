import { Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { ArrowRepeatAll16Regular, DismissCircle16Regular } from '@fluentui/react-icons';
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { DetailsSection, Property, PropertyList } from '../details/PropertyList.js';
import { formatBytes, formatDuration, formatThroughput, progressColor } from './job-format.js';
import { useJobActions } from './use-job-actions.js';
import { jobErrorWords, jobName, jobSummary, jobWaitingFor, stepName } from './job-words.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { margin: 0, overflowWrap: 'anywhere', flexGrow: 1, minWidth: '160px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  wide: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
  },
  column: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  steps: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: {
    display: 'grid',
    gridTemplateColumns: '1fr auto auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
  },
  stepPercent: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3, minWidth: '32px', textAlign: 'right' },
  stepBar: { gridColumn: '1 / span 3' },
  meter: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  meterBar: { flexGrow: 1 },
  number: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  problemLabel: { fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Restarted from": the earlier job, as a link that selects it when it is loaded. */
function RestartedFrom({ jobId }: { jobId: string }) {
  const translator = useT();
  const { formatDateTime } = translator;
  const original = useAppStore((s) => s.jobs.find((j) => j.id === jobId) ?? null);
  const selectJob = useAppStore((s) => s.selectJob);
  if (!original) return <span>{jobId}</span>;
  return (
    <Link as="button" inline onClick={() => selectJob(original.id)}>
      {`${jobName(original, translator)} (${formatDateTime(original.startedAt ?? original.createdAt)})`}
    </Link>
  );
}

/** Props of the job details. */
export interface JobDetailsProps {
  job: Job;
  /** `wide` lays facts and steps side by side (the Jobs workspace); `narrow` stacks them (the Jobs pane). */
  layout?: 'narrow' | 'wide';
}

/**
 * A job's details: Cancel / Restart, what a queued job waits for, the problem and recommended action
 * of a failed one, its facts, the move and what it measured (data sent, throughput, downtime,
 * passes, total time; while memory moves, what is left to send, the dirty rate and the expected
 * downtime), and its steps with their status and progress.
 */
export function JobDetails({ job, layout = 'narrow' }: JobDetailsProps) {
  const styles = useStyles();
  const translator = useT();
  const { t, formatDateTime, formatNumber } = translator;
  const name = jobName(job, translator);
  const summary = jobSummary(job, translator);
  const waitingFor = jobWaitingFor(job, translator);
  const errorWords = job.error ? jobErrorWords(job.error, translator) : null;
  const actions = useJobActions(job.id);
  const actionError = useAppStore((s) => (s.jobActionError?.jobId === job.id ? s.jobActionError : null));
  const metrics = job.metrics;
  const move = job.move;
  const running = job.status === 'Running';
  // While a live migration's memory moves (hosts that measure it: the QEMU lab).
  const precopy = metrics?.precopy ?? null;

  const facts = (
    <>
      <DetailsSection title={t('jobs.section.summary')}>
        <PropertyList>
          <Property label={t('jobs.col.status')}>
            <JobStatusLabel status={job.status} />
          </Property>
          <Property label={t('jobs.col.progress')}>
            <span className={styles.meter}>
              <ProgressBar
                className={styles.meterBar}
                value={job.progress}
                max={100}
                color={progressColor(job.status)}
                aria-label={t('jobs.progressOf', { name })}
              />
              <span className={styles.number}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span>
            </span>
          </Property>
          {running && metrics?.etaSeconds != null ? <Property label={t('jobs.col.timeLeft')}>{formatDuration(translator, metrics.etaSeconds)}</Property> : null}
          {summary ? <Property label={t('jobs.result')}>{summary}</Property> : null}
          <Property label={t('jobs.col.target')}>{translator.origin(job.target)}</Property>
          <Property label={t('jobs.owner')}>{job.owner}</Property>
          <Property label={t('jobs.created')}>{formatDateTime(job.createdAt)}</Property>
          <Property label={t('jobs.col.start')}>{formatDateTime(job.startedAt)}</Property>
          <Property label={t('jobs.col.end')}>{formatDateTime(job.endedAt)}</Property>
          {job.restartOf ? (
            <Property label={t('jobs.restartedFrom')}>
              <RestartedFrom jobId={job.restartOf} />
            </Property>
          ) : null}
        </PropertyList>
      </DetailsSection>
      {move ? (
        <DetailsSection title={t('jobs.section.move')}>
          <PropertyList>
            <Property label={t('jobs.move.kind')}>{t(`moveKind.${move.kind}`)}</Property>
            <Property label={t('jobs.move.source')}>{move.sourceHost}</Property>
            {move.kind !== 'storage' ? <Property label={t('jobs.move.destination')}>{move.destinationHost}</Property> : null}
            {move.kind !== 'storage' && move.kind !== 'network' ? (
              <Property label={t('jobs.move.performance')}>{t(`perf.${move.performanceOption}`)}</Property>
            ) : null}
          </PropertyList>
        </DetailsSection>
      ) : null}
      {metrics ? (
        <DetailsSection title={t('jobs.section.transfer')}>
          <PropertyList>
            <Property label={t('jobs.metrics.bytesSent')}>{formatBytes(translator, metrics.bytesSent)}</Property>
            <Property label={running ? t('jobs.metrics.throughputNow') : t('jobs.metrics.throughputAverage')}>
              {formatThroughput(translator, metrics.throughputBps)}
            </Property>
            {move?.kind !== 'storage' ? (
              <Property label={t('jobs.metrics.downtime')}>
                {metrics.downtimeMs === null ? t('jobs.metrics.notYet') : t('unit.ms', { value: formatNumber(metrics.downtimeMs, 1) })}
              </Property>
            ) : null}
            {move?.kind !== 'storage' && move?.kind !== 'network' ? <Property label={t('jobs.metrics.passes')}>{formatNumber(metrics.passes)}</Property> : null}
            {running && precopy ? (
              <>
                <Property label={t('jobs.metrics.leftToSend')}>{formatBytes(translator, precopy.remainingBytes)}</Property>
                <Property label={t('jobs.metrics.dirtyRate')}>{formatThroughput(translator, precopy.dirtyBytesPerSecond)}</Property>
                <Property label={t('jobs.metrics.expectedDowntime')}>
                  {precopy.expectedDowntimeMs === null ? t('jobs.metrics.notYet') : t('unit.ms', { value: formatNumber(precopy.expectedDowntimeMs, 1) })}
                </Property>
              </>
            ) : null}
            <Property label={t('jobs.metrics.totalTime')}>
              {metrics.totalSeconds === null ? t('jobs.metrics.notYet') : formatDuration(translator, metrics.totalSeconds)}
            </Property>
          </PropertyList>
        </DetailsSection>
      ) : null}
    </>
  );

  const steps = (
    <DetailsSection title={t('jobs.steps')}>
      {job.steps.length === 0 ? (
        <Text className={styles.hint}>{t('common.none')}</Text>
      ) : (
        <ol className={styles.steps} aria-label={t('jobs.steps')}>
          {job.steps.map((step, i) => (
            <li key={i} className={styles.step}>
              <span>{stepName(step, translator)}</span>
              <span className={styles.stepPercent}>{t('jobs.progress', { percent: formatNumber(step.progress) })}</span>
              <JobStatusLabel status={step.status} />
              <ProgressBar
                className={styles.stepBar}
                value={step.progress}
                max={100}
                thickness="medium"
                color={progressColor(step.status)}
                aria-label={t('jobs.progressOf', { name: stepName(step, translator) })}
              />
            </li>
          ))}
        </ol>
      )}
    </DetailsSection>
  );

  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <Subtitle2 as="h3" className={styles.title}>
          {name}
        </Subtitle2>
        {actions.canCancel || actions.canceling || actions.canRestart || actions.restarting ? (
          <div className={styles.actions}>
            {job.status === 'Queued' || job.status === 'Running' ? (
              <Button size="small" icon={<DismissCircle16Regular />} disabled={!actions.canCancel} onClick={actions.cancel}>
                {actions.canceling ? t('jobs.canceling') : t('jobs.cancel')}
              </Button>
            ) : (
              <Button size="small" icon={<ArrowRepeatAll16Regular />} disabled={!actions.canRestart} onClick={actions.restart}>
                {actions.restarting ? t('jobs.restarting') : t('jobs.restart')}
              </Button>
            )}
          </div>
        ) : null}
      </div>
      {actionError ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {t(actionError.action === 'cancel' ? 'jobs.cancelFailed' : 'jobs.restartFailed', { message: translator.spoken(actionError.error) })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {job.status === 'Queued' && waitingFor ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('jobs.waiting')}</MessageBarTitle>
            {sentence(waitingFor)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {actions.canceling && running ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t('jobs.cancelRequested')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {job.error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('jobs.problem')}</MessageBarTitle>
            {errorWords?.problem}
            <div>
              <span className={styles.problemLabel}>{t('jobs.recommendedAction')}: </span>
              {errorWords?.recommendedAction}
            </div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {layout === 'wide' ? (
        <div className={styles.wide}>
          <div className={styles.column}>{facts}</div>
          <div className={styles.column}>{steps}</div>
        </div>
      ) : (
        <>
          {facts}
          {steps}
        </>
      )}
    </div>
  );
}
