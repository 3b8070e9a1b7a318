import { Button, Link, makeStyles, MessageBar, MessageBarBody, ProgressBar, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { ArrowUndo16Regular, DismissCircle16Regular } from '@fluentui/react-icons';
import type { JobGroup } from '../../../shared/model/plan.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { DetailsSection, Property, PropertyList } from '../details/PropertyList.js';
import { formatDuration } from './job-format.js';
import { GroupStateLabel, groupCountsText } from './JobGroupRow.js';
import { useGroupActions } from './use-group-actions.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { margin: 0, overflowWrap: 'anywhere', flexGrow: 1, minWidth: '160px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexShrink: 0, flexWrap: 'wrap' },
  meter: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  meterBar: { flexGrow: 1 },
  number: { fontVariantNumeric: 'tabular-nums' },
});

/** Another group named by a link that selects it (a restore and the group it undoes). */
function GroupLink({ group }: { group: JobGroup }) {
  const selectGroup = useAppStore((s) => s.selectGroup);
  return (
    <Link as="button" inline onClick={() => selectGroup(group.id)}>
      {group.name}
    </Link>
  );
}

/**
 * A job group's details: Abort… and Abort and restore… (Move the VMs back… once it has ended), what is in
 * flight or failed, its state, "3 of 5 done", the predicted window and its lower bound, and the group it
 * restores or that restored it.
 */
export function GroupDetails({ groupId }: { groupId: string }) {
  const styles = useStyles();
  const translator = useT();
  const { t, formatDateTime } = translator;
  const actions = useGroupActions(groupId);
  const groups = useAppStore((s) => s.groups);
  const actionError = useAppStore((s) => (s.groupActionError?.groupId === groupId ? s.groupActionError : null));
  const { group, progress } = actions;
  if (!group) return null;
  const restoreOf = group.restoreOf ? (groups.find((g) => g.id === group.restoreOf) ?? null) : null;
  const restoredBy = groups.find((g) => g.restoreOf === group.id) ?? null;
  const showRestore = group.kind !== 'restore' && (actions.canRestore || actions.running);
  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <Subtitle2 as="h3" className={styles.title}>
          {group.name}
        </Subtitle2>
        <div className={styles.actions}>
          {actions.pending ? <Spinner size="extra-tiny" label={t('groups.aborting')} /> : null}
          {actions.running ? (
            <Button size="small" icon={<DismissCircle16Regular />} disabled={!actions.canAbort} onClick={actions.abort}>
              {t('groups.abort')}
            </Button>
          ) : null}
          {showRestore ? (
            <Button size="small" icon={<ArrowUndo16Regular />} disabled={!actions.canRestore} onClick={actions.restore}>
              {actions.running ? t('groups.abortRestore') : t('groups.moveBack')}
            </Button>
          ) : null}
        </div>
      </div>
      {actionError ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t('groups.abortFailed', { message: translator.spoken(actionError.error) })}</MessageBarBody>
        </MessageBar>
      ) : null}
      <DetailsSection title={t('jobs.section.summary')}>
        <PropertyList>
          <Property label={t('groups.details.state')}>
            <GroupStateLabel state={progress.state} />
          </Property>
          <Property label={t('groups.details.progress')}>
            <span className={styles.meter}>
              <ProgressBar
                className={styles.meterBar}
                value={progress.counts.total === 0 ? 0 : progress.done / progress.counts.total}
                max={1}
                aria-label={t('jobs.progressOf', { name: group.name })}
              />
              <span className={styles.number}>{groupCountsText(translator, progress)}</span>
            </span>
          </Property>
          <Property label={t('groups.details.kind')}>{t(`groups.kind.${group.kind}`)}</Property>
          <Property label={t('groups.details.target')}>{group.target}</Property>
          <Property label={t('groups.details.window')}>{formatDuration(translator, group.makespan)}</Property>
          <Property label={t('groups.details.lowerBound')}>{formatDuration(translator, group.lowerBound)}</Property>
          <Property label={t('groups.details.created')}>{formatDateTime(group.createdAt)}</Property>
          {group.abortedAt ? <Property label={t('groups.details.aborted')}>{formatDateTime(group.abortedAt)}</Property> : null}
          {restoreOf ? (
            <Property label={t('groups.details.restoreOf')}>
              <GroupLink group={restoreOf} />
            </Property>
          ) : null}
          {restoredBy ? (
            <Property label={t('groups.details.restoredBy')}>
              <GroupLink group={restoredBy} />
            </Property>
          ) : null}
        </PropertyList>
      </DetailsSection>
    </div>
  );
}
