import { makeStyles, mergeClasses, ProgressBar, tokens } from '@fluentui/react-components';
import {
  ArrowSync16Regular,
  CheckmarkCircle16Filled,
  ChevronDown16Regular,
  ChevronRight16Regular,
  DismissCircle16Filled,
  Stack16Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { memo, type ReactNode } from 'react';
import type { JobGroupState } from '../../../shared/model/plan.js';
import { assertNever } from '../../../shared/model/result.js';
import { GridCell, VirtualGridRow, type GridRowState } from '../../components/VirtualGrid.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import { formatDuration } from './job-format.js';
import { groupEnd, groupProgress, type GroupProgress, type JobListItem } from './job-groups.js';
import type { JobColumn } from './job-columns.js';

const useStyles = makeStyles({
  row: { backgroundColor: tokens.colorNeutralBackground2 },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  chevron: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
    width: '20px',
    height: '20px',
    padding: 0,
    border: 'none',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  icon: { flexShrink: 0, color: tokens.colorBrandForeground1 },
  nameText: { overflow: 'hidden', textOverflow: 'ellipsis' },
  progress: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1, minWidth: '40px', maxWidth: '120px' },
  counts: { flexShrink: 0, fontVariantNumeric: 'tabular-nums' },
  number: { fontVariantNumeric: 'tabular-nums' },
  window: { color: tokens.colorNeutralForeground3 },
  state: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  stateIcon: { flexShrink: 0 },
  success: { color: tokens.colorStatusSuccessForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  brand: { color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A job group's state: an icon (decorative) and its word. */
export function GroupStateLabel({ state }: { state: JobGroupState }) {
  const styles = useStyles();
  const { t } = useT();
  let icon;
  switch (state) {
    case 'Running':
      icon = <ArrowSync16Regular className={mergeClasses(styles.stateIcon, styles.brand)} />;
      break;
    case 'Completed':
      icon = <CheckmarkCircle16Filled className={mergeClasses(styles.stateIcon, styles.success)} />;
      break;
    case 'Completed with problems':
      icon = <Warning16Filled className={mergeClasses(styles.stateIcon, styles.warning)} />;
      break;
    case 'Aborted':
      icon = <DismissCircle16Filled className={mergeClasses(styles.stateIcon, styles.muted)} />;
      break;
    default:
      return assertNever(state);
  }
  return (
    <span className={styles.state}>
      {icon}
      <span>{t(`groups.state.${state}`)}</span>
    </span>
  );
}

/** "3 of 5 done", with how many failed or were canceled when any did. */
export function groupCountsText({ t }: Pick<Translator, 't'>, progress: GroupProgress): string {
  const parts = [t('groups.progress', { done: progress.done, total: progress.counts.total })];
  if (progress.counts.failed > 0) parts.push(t('groups.failedCount', { count: progress.counts.failed }));
  if (progress.counts.canceled > 0) parts.push(t('groups.canceledCount', { count: progress.counts.canceled }));
  return parts.join(' · ');
}

interface JobGroupRowProps extends GridRowState {
  item: Extract<JobListItem, { kind: 'group' }>;
  /** The columns shown, in order. */
  columns: readonly JobColumn[];
  translator: Translator;
  onToggle?: (groupId: string, open: boolean) => void;
}

/** The jobs list columns a group's "3 of 5 done" takes. */
const PROGRESS_COLUMNS: ReadonlySet<JobColumn> = new Set<JobColumn>(['progress', 'timeLeft']);

/** A job group's row above its jobs: fold chevron and name, state, "3 of 5 done", created, end (predicted while it runs), target; the columns shown. */
export const JobGroupRow = memo(function JobGroupRow({ item, columns, translator, onToggle, ...row }: JobGroupRowProps) {
  const styles = useStyles();
  const { t, formatDateTime } = translator;
  const { group, jobs, expanded, groupId } = item;
  const progress = groupProgress(group, jobs);
  const end = groupEnd(group, jobs, progress);
  const name = group?.name ?? t('groups.kind.plan');
  const counts = groupCountsText(translator, progress);
  const color = progress.state === 'Completed' ? 'success' : progress.state === 'Running' ? 'brand' : 'warning';
  const progressSpan = columns.filter((c) => PROGRESS_COLUMNS.has(c)).length;
  const cells: ReactNode[] = [];
  let progressShown = false;
  columns.forEach((column, i) => {
    const at = i + 1;
    switch (column) {
      case 'name':
        cells.push(
          <GridCell key={column} column={at} className={styles.name} title={name}>
            <button
              type="button"
              tabIndex={-1}
              className={styles.chevron}
              aria-expanded={expanded}
              aria-label={expanded ? t('groups.collapse', { name }) : t('groups.expand', { name })}
              // The grid keeps the focus (its keyboard model), as for any click on a row.
              onMouseDown={(event) => event.preventDefault()}
              onClick={(event) => {
                // Folds without moving the selection.
                event.stopPropagation();
                onToggle?.(groupId, !expanded);
              }}
            >
              {expanded ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
            </button>
            <Stack16Regular className={styles.icon} />
            <span className={styles.nameText}>{name}</span>
          </GridCell>,
        );
        return;
      case 'status':
        cells.push(
          <GridCell key={column} column={at}>
            <GroupStateLabel state={progress.state} />
          </GridCell>,
        );
        return;
      case 'progress':
      case 'timeLeft':
        if (progressShown) return;
        progressShown = true;
        cells.push(
          <GridCell key="progress" column={at} span={progressSpan > 1 ? progressSpan : undefined} className={styles.progress} title={counts}>
            <ProgressBar
              className={styles.bar}
              value={progress.counts.total === 0 ? 0 : progress.done / progress.counts.total}
              max={1}
              color={color}
              aria-label={t('jobs.progressOf', { name })}
            />
            <span className={styles.counts}>{counts}</span>
          </GridCell>,
        );
        return;
      case 'start':
        cells.push(
          <GridCell key={column} column={at} className={styles.number}>
            {formatDateTime(group?.createdAt ?? null)}
          </GridCell>,
        );
        return;
      case 'end':
        cells.push(
          <GridCell
            key={column}
            column={at}
            className={mergeClasses(styles.number, end?.kind === 'predicted' && styles.window)}
            title={end?.kind === 'predicted' && group ? t('groups.window', { window: formatDuration(translator, group.makespan) }) : undefined}
          >
            {end === null ? '' : end.kind === 'predicted' ? t('groups.endPredicted', { time: formatDateTime(end.at) }) : formatDateTime(end.at)}
          </GridCell>,
        );
        return;
      case 'target':
        cells.push(
          <GridCell key={column} column={at} title={group?.target}>
            {group?.target ?? ''}
          </GridCell>,
        );
        return;
      default:
        assertNever(column);
    }
  });
  return (
    <VirtualGridRow {...row} className={styles.row} data-group-id={groupId}>
      {cells}
    </VirtualGridRow>
  );
});
