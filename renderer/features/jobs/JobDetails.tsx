import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { useT } from '../../i18n/use-translator.js';
import { Property, PropertyList } from '../details/PropertyList.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  stepsHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  steps: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
  },
  stepBar: { gridColumn: '1 / span 2' },
  problemLabel: { fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** A job's details: facts, its steps with their status, and its error (problem and recommended action). */
export function JobDetails({ job }: { job: Job }) {
  const styles = useStyles();
  const { t, formatDateTime } = useT();
  return (
    <div className={styles.root}>
      <Subtitle2 as="h3" className={styles.title}>
        {job.name}
      </Subtitle2>
      {job.error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('jobs.problem')}</MessageBarTitle>
            {job.error.problem}
            <div>
              <span className={styles.problemLabel}>{t('jobs.recommendedAction')}: </span>
              {job.error.recommendedAction}
            </div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <PropertyList>
        <Property label={t('jobs.col.status')}>
          <JobStatusLabel status={job.status} />
        </Property>
        {job.summary ? <Property label={t('jobs.result')}>{job.summary}</Property> : null}
        <Property label={t('jobs.col.target')}>{job.target}</Property>
        <Property label={t('jobs.owner')}>{job.owner}</Property>
        <Property label={t('jobs.col.start')}>{formatDateTime(job.startedAt ?? job.createdAt)}</Property>
        <Property label={t('jobs.col.end')}>{formatDateTime(job.endedAt)}</Property>
      </PropertyList>
      <h4 className={styles.stepsHeading}>{t('jobs.steps')}</h4>
      {job.steps.length === 0 ? (
        <Text className={styles.hint}>{t('common.none')}</Text>
      ) : (
        <ol className={styles.steps}>
          {job.steps.map((step, i) => (
            <li key={i} className={styles.step}>
              <span>{step.name}</span>
              <JobStatusLabel status={step.status} />
              <ProgressBar
                className={styles.stepBar}
                value={step.progress}
                max={100}
                thickness="medium"
                color={step.status === 'Failed' ? 'error' : step.status === 'Completed' ? 'success' : 'brand'}
                aria-label={t('jobs.progressOf', { name: step.name })}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
