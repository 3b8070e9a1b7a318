import { makeStyles, mergeClasses, tokens, Tooltip, useArrowNavigationGroup } from '@fluentui/react-components';
import { memo, useId, useMemo } from 'react';
import type { Job } from '../../../shared/model/job.js';
import type { Plan, PlannedMove } from '../../../shared/model/plan.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-translator.js';
import { formatDuration } from '../jobs/job-format.js';
import { formatTick, sameMove, timeAxis, timelineSpan } from './plan-format.js';

const LABEL_WIDTH = '168px';
const AXIS_HEIGHT = '22px';
/** A bar narrower than this share of the axis shows no name (a letter and an ellipsis help no one). */
const MIN_LABEL_FRACTION = 0.035;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  grid: { position: 'relative', display: 'flex', flexDirection: 'column' },
  row: { display: 'grid', gridTemplateColumns: `${LABEL_WIDTH} minmax(0, 1fr)`, alignItems: 'center' },
  axisRow: { height: AXIS_HEIGHT, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  markerRow: { height: '20px' },
  lane: {
    height: '28px',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  laneLabel: {
    paddingRight: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  track: { position: 'relative', height: '100%' },
  tick: {
    position: 'absolute',
    bottom: '2px',
    transform: 'translateX(-50%)',
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
  },
  tickFirst: { transform: 'none' },
  tickLast: { transform: 'translateX(-100%)' },
  overlay: { position: 'absolute', top: AXIS_HEIGHT, bottom: 0, left: LABEL_WIDTH, right: 0, pointerEvents: 'none' },
  gridLine: { position: 'absolute', top: 0, bottom: 0, width: 0, borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  windowLine: { position: 'absolute', top: 0, bottom: 0, width: 0, borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralForeground1}` },
  boundLine: { position: 'absolute', top: 0, bottom: 0, width: 0, borderLeft: `${tokens.strokeWidthThick} dashed ${tokens.colorPaletteBerryForeground1}` },
  markerLabel: {
    position: 'absolute',
    top: '1px',
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  markerLeft: { transform: 'translateX(-100%)' },
  windowLabel: { color: tokens.colorNeutralForeground1 },
  boundLabel: { color: tokens.colorPaletteBerryForeground1 },
  bar: {
    position: 'absolute',
    top: '3px',
    height: '22px',
    minWidth: '3px',
    boxSizing: 'border-box',
    display: 'flex',
    alignItems: 'center',
    overflow: 'hidden',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    textAlign: 'left',
    whiteSpace: 'nowrap',
    cursor: 'default',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px', zIndex: 1 },
  },
  barText: { position: 'relative', overflow: 'hidden', textOverflow: 'ellipsis' },
  slow: { border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder2}`, backgroundColor: tokens.colorStatusWarningBackground2 },
  never: { border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder2}`, backgroundColor: tokens.colorStatusDangerBackground2 },
  save: { border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground5 },
  queued: { border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground3 },
  running: { border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  completed: { border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusSuccessBorder2}`, backgroundColor: tokens.colorStatusSuccessBackground2 },
  failed: { border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder2}`, backgroundColor: tokens.colorStatusDangerBackground2 },
  canceled: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground3,
  },
  progress: { position: 'absolute', left: 0, bottom: 0, height: '4px', backgroundColor: tokens.colorBrandBackground },
  tip: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, maxWidth: '360px' },
  tipTitle: { fontWeight: tokens.fontWeightSemibold },
  basis: { marginTop: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalS },
});

/** A percentage of the axis, for `left` and `width`. */
const pct = (seconds: number, end: number) => `${((seconds / end) * 100).toFixed(3)}%`;

/** How a job's status colours its bar. */
function jobClass(styles: ReturnType<typeof useStyles>, job: Job): string {
  switch (job.status) {
    case 'Queued':
      return styles.queued;
    case 'Running':
      return styles.running;
    case 'Completed':
    case 'Completed with info':
      return styles.completed;
    case 'Failed':
      return styles.failed;
    case 'Canceled':
      return styles.canceled;
    default:
      return styles.running;
  }
}

interface MoveBarProps {
  move: PlannedMove;
  end: number;
  job: Job | undefined;
}

/** Whether two renders of a bar would show the same: the same move, axis and job (a new plan repeats most moves). */
function sameBar(a: MoveBarProps, b: MoveBarProps): boolean {
  return a.end === b.end && a.job === b.job && sameMove(a.move, b.move);
}

/** One move as a bar from its start to its end; its tooltip tells the rest. */
const MoveBar = memo(function MoveBar({ move, end, job }: MoveBarProps) {
  const styles = useStyles();
  const tr = useT();
  const { t, formatNumber, spoken } = tr;
  const duration = formatDuration(tr, move.end - move.start);
  const from = formatDuration(tr, move.start);
  const to = formatDuration(tr, move.end);
  const downtime = t('unit.ms', { value: formatNumber(move.downtime * 1000) });
  const status = job ? t('plan.bar.job', { status: t(`jobStatus.${job.status}` as MessageKey), percent: formatNumber(job.progress) }) : null;
  const name = [t('plan.bar.label', { vm: move.vm, from: move.from, to: move.to, start: from, end: to }), status].filter(Boolean).join(', ');
  const riskClass = move.risk === 'never' ? styles.never : move.risk === 'slow' ? styles.slow : undefined;
  const route = t('plan.bar.route', {
    from: move.from,
    to: move.to,
    transfer: t(`transfer.${move.transferType}` as MessageKey),
    option: move.performanceOption,
  });
  const times = t('plan.bar.times', { start: from, end: to, duration, downtime });
  const descriptionId = useId();
  // One tooltip per bar would keep a portal per bar mounted for its description: the bar carries its
  // own (hidden) description instead, and the tooltip only shows while pointed at or focused.
  const tip = (
    <div className={styles.tip}>
      <span className={styles.tipTitle}>{move.vm}</span>
      <span>{route}</span>
      <span>{times}</span>
      <span>{spoken({ message: move.convergence, text: move.convergenceText })}</span>
      {status ? <span>{status}</span> : null}
    </div>
  );
  return (
    <Tooltip content={tip} relationship="inaccessible" withArrow positioning="above">
      <button
        type="button"
        className={mergeClasses(styles.bar, job ? jobClass(styles, job) : riskClass)}
        style={{ left: pct(move.start, end), width: pct(Math.max(move.end - move.start, 0), end) }}
        aria-label={name}
        aria-describedby={descriptionId}
        data-move={move.id}
        data-status={job?.status ?? 'Planned'}
      >
        {job?.status === 'Running' ? <span className={styles.progress} style={{ width: `${job.progress}%` }} /> : null}
        {/* Too narrow for a readable name: the block, its tooltip and its accessible name say it. */}
        {(move.end - move.start) / end >= MIN_LABEL_FRACTION ? <span className={styles.barText}>{move.vm}</span> : null}
        <span id={descriptionId} hidden>
          {`${route}. ${times}. ${spoken({ message: move.convergence, text: move.convergenceText })}.`}
        </span>
      </button>
    </Tooltip>
  );
}, sameBar);

/** Props of the timeline. */
export interface PlanTimelineProps {
  plan: Plan;
  /** The run's job for each VM (lowercase name), once the plan runs. */
  jobsByVm: ReadonlyMap<string, Job>;
}

/**
 * The plan as a Gantt chart: one lane per migration slot of each host ("HV-TO-02 · live 1"), each move a
 * bar from its predicted start to its end, saves in their own lane, a time axis, the whole window and
 * its lower bound marked. Once the plan runs, each bar takes its job's status and progress. The bars
 * are one tab stop; arrow keys move between them.
 */
export function PlanTimeline({ plan, jobsByVm }: PlanTimelineProps) {
  const styles = useStyles();
  const tr = useT();
  const { t } = tr;
  const nav = useArrowNavigationGroup({ axis: 'grid-linear', memorizeCurrent: true });
  const axis = useMemo(() => timeAxis(timelineSpan(plan)), [plan]);
  const movesById = useMemo(() => new Map(plan.moves.map((m) => [m.id, m])), [plan]);
  const saveLanes = useMemo(() => {
    const byHost = new Map<string, Plan['saves']>();
    for (const save of plan.saves) byHost.set(save.host, [...(byHost.get(save.host) ?? []), save]);
    return [...byHost.entries()];
  }, [plan]);
  if (plan.lanes.length === 0 && plan.saves.length === 0) return <div className={styles.empty}>{t('plan.timeline.empty')}</div>;
  const end = axis.end;
  const windowAt = plan.makespan / end;
  const boundAt = plan.lowerBound / end;
  // Labels sit left of their line when the line is in the right half, so they never leave the chart.
  const side = (at: number) => (at > 0.5 ? styles.markerLeft : undefined);
  const close = Math.abs(windowAt - boundAt) < 0.02;
  return (
    <div className={styles.root}>
      <div className={styles.grid}>
        <div className={mergeClasses(styles.row, styles.axisRow)} aria-hidden>
          <span />
          <div className={styles.track}>
            {axis.ticks.map((tick, i) => (
              <span
                key={tick}
                className={mergeClasses(styles.tick, i === 0 && styles.tickFirst, i === axis.ticks.length - 1 && styles.tickLast)}
                style={{ left: pct(tick, end) }}
              >
                {formatTick(tr, tick)}
              </span>
            ))}
          </div>
        </div>
        <div className={mergeClasses(styles.row, styles.markerRow)}>
          <span />
          <div className={styles.track}>
            <span className={mergeClasses(styles.markerLabel, styles.windowLabel, side(windowAt))} style={{ left: pct(plan.makespan, end) }}>
              {close
                ? t('plan.marker.both', { time: formatDuration(tr, plan.makespan) })
                : t('plan.marker.window', { time: formatDuration(tr, plan.makespan) })}
            </span>
          </div>
        </div>
        {close ? null : (
          <div className={mergeClasses(styles.row, styles.markerRow)}>
            <span />
            <div className={styles.track}>
              <span className={mergeClasses(styles.markerLabel, styles.boundLabel, side(boundAt))} style={{ left: pct(plan.lowerBound, end) }}>
                {t('plan.marker.bound', { time: formatDuration(tr, plan.lowerBound) })}
              </span>
            </div>
          </div>
        )}
        {/* Grid lines first, so the bars paint over them. */}
        <div className={styles.overlay} aria-hidden>
          {axis.ticks.map((tick) => (
            <span key={tick} className={styles.gridLine} style={{ left: pct(tick, end) }} />
          ))}
        </div>
        <div role="group" aria-label={t('plan.timeline.lanes')} {...nav}>
          {plan.lanes.map((lane) => {
            const label = t('plan.lane', { host: lane.host, kind: t(lane.kind === 'live' ? 'plan.slot.live' : 'plan.slot.storage'), slot: String(lane.slot) });
            return (
              <div key={`${lane.host}|${lane.kind}|${lane.slot}`} className={mergeClasses(styles.row, styles.lane)} role="group" aria-label={label}>
                <span className={styles.laneLabel} title={label}>
                  {label}
                </span>
                <div className={styles.track}>
                  {lane.moves.map((id) => {
                    const move = movesById.get(id);
                    return move ? <MoveBar key={id} move={move} end={end} job={jobsByVm.get(move.vm.toLowerCase())} /> : null;
                  })}
                </div>
              </div>
            );
          })}
          {saveLanes.map(([host, saves]) => {
            const label = t('plan.lane.save', { host });
            return (
              <div key={`${host}|save`} className={mergeClasses(styles.row, styles.lane)} role="group" aria-label={label}>
                <span className={styles.laneLabel} title={label}>
                  {label}
                </span>
                <div className={styles.track}>
                  {saves.map((save) => {
                    const job = jobsByVm.get(save.vm.toLowerCase());
                    const name = t('plan.bar.save', { vm: save.vm, host: save.host, start: formatDuration(tr, save.start), end: formatDuration(tr, save.end) });
                    return (
                      <Tooltip key={save.vm} content={name} relationship="inaccessible" withArrow positioning="above">
                        <button
                          type="button"
                          className={mergeClasses(styles.bar, job ? jobClass(styles, job) : styles.save)}
                          style={{ left: pct(save.start, end), width: pct(Math.max(save.end - save.start, 0), end) }}
                          aria-label={
                            job
                              ? `${name}, ${t('plan.bar.job', { status: t(`jobStatus.${job.status}` as MessageKey), percent: tr.formatNumber(job.progress) })}`
                              : name
                          }
                          data-status={job?.status ?? 'Planned'}
                        >
                          {(save.end - save.start) / end >= MIN_LABEL_FRACTION ? <span className={styles.barText}>{save.vm}</span> : null}
                        </button>
                      </Tooltip>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
        <div className={styles.overlay} aria-hidden>
          <span className={styles.boundLine} style={{ left: pct(plan.lowerBound, end) }} />
          <span className={styles.windowLine} style={{ left: pct(plan.makespan, end) }} />
        </div>
      </div>
      <p className={styles.basis}>
        {t('plan.timeline.basis', {
          time: formatDuration(tr, plan.lowerBound),
          basis: plan.lowerBoundBasisText ? tr.say(plan.lowerBoundBasisText) : plan.lowerBoundBasis,
        })}
      </p>
    </div>
  );
}
