import { Button, makeStyles, MessageBar, MessageBarBody, ProgressBar, Spinner, Subtitle1, Text, tokens } from '@fluentui/react-components';
import {
  ArrowSwap20Regular,
  CheckmarkCircle20Filled,
  Dismiss20Regular,
  Play20Filled,
  Save20Regular,
  Script20Regular,
  Warning20Filled,
  WrenchScrewdriver20Regular,
} from '@fluentui/react-icons';
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import type { Job } from '../../../shared/model/job.js';
import type { Plan, PlanWarning } from '../../../shared/model/plan.js';
import { ScriptView } from '../../components/ScriptView.js';
import { useToastAnchor } from '../../components/Notifier.js';
import { useT } from '../../i18n/use-translator.js';
import { planKey, type PlanViewState } from '../../store/plan-slice.js';
import { OptimizeBalance } from '../optimize/OptimizeBalance.js';
import { useAppStore } from '../../store/store-context.js';
import { jobEnded } from '../../store/jobs-slice.js';
import { formatDuration } from '../jobs/job-format.js';
import { ComparePlansDialog } from './ComparePlansDialog.js';
import { groupJobsByVm, planHosts } from './plan-format.js';
import { useDestinationChoice } from './PlanDestinationSelect.js';
import { PlanMovesTable } from './PlanMovesTable.js';
import { PlanTimeline } from './PlanTimeline.js';
import { PlanRules } from './PlanRules.js';
import { planRuleRows } from './plan-rules.js';
import { PlanStaying } from './PlanStaying.js';
import { PlanUnmovable } from './PlanUnmovable.js';
import { PlanWhatIfPanel } from './PlanWhatIfPanel.js';
import { SavePlanDialog } from './SavePlanDialog.js';
import { RetryBar } from '../../components/RetryBar.js';

const NO_JOBS: readonly Job[] = [];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    minHeight: 0,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    flexShrink: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { margin: 0 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginLeft: 'auto', flexWrap: 'wrap' },
  summary: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', fontSize: tokens.fontSizeBase300 },
  fact: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, alignItems: 'baseline' },
  factLabel: { color: tokens.colorNeutralForeground3 },
  factValue: { fontWeight: tokens.fontWeightSemibold },
  body: { display: 'grid', gridTemplateColumns: '272px minmax(0, 1fr)', flexGrow: 1, minHeight: 0 },
  aside: {
    overflowY: 'auto',
    minHeight: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    overflow: 'auto',
    minHeight: 0,
    minWidth: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  sectionHeading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  warnings: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  run: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    flexShrink: 0,
  },
  runTitle: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, fontWeight: tokens.fontWeightSemibold },
  runDone: { color: tokens.colorStatusSuccessForeground1 },
  runWarning: { color: tokens.colorStatusWarningForeground1 },
  // A wide table scrolls sideways; the wrapper is a tab stop so the keyboard can scroll it too.
  tableWrap: { overflowX: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
  loading: { padding: tokens.spacingVerticalXXL },
});

/** A warning's weight: a move that never converges is an error; the rest are warnings. */
function warningIntent(warning: PlanWarning): 'error' | 'warning' {
  return warning.code === 'not-converging' ? 'error' : 'warning';
}

/** The window, its lower bound and the counts, in the header; once running, the group's progress. */
function PlanFacts({ plan }: { plan: Plan }) {
  const styles = useStyles();
  const tr = useT();
  const { t, tn } = tr;
  return (
    <div className={styles.summary} role="group" aria-label={t('plan.fact.label')}>
      <span className={styles.fact}>
        <span className={styles.factLabel}>{t('plan.fact.window')}</span>
        <span className={styles.factValue}>{formatDuration(tr, plan.makespan)}</span>
      </span>
      <span className={styles.fact}>
        <span className={styles.factLabel}>{t('plan.fact.bound')}</span>
        <span className={styles.factValue}>{formatDuration(tr, plan.lowerBound)}</span>
      </span>
      <span className={styles.fact}>{tn('plan.fact.moves', plan.moves.length)}</span>
      {plan.unmovable.length > 0 ? <span className={styles.fact}>{tn('plan.fact.unmovable', plan.unmovable.length)}</span> : null}
      {plan.staying.length > 0 ? <span className={styles.fact}>{tn('plan.fact.staying', plan.staying.length)}</span> : null}
    </div>
  );
}

/** Once Run or Confirm started the plan: how many of its jobs have ended, as a bar. */
function RunProgress({ name, jobs, total }: { name: string; jobs: readonly Job[]; total: number }) {
  const styles = useStyles();
  const { t } = useT();
  const ended = jobs.filter(jobEnded).length;
  const failed = jobs.filter((j) => j.status === 'Failed').length;
  const done = ended >= total;
  return (
    <div className={styles.run} role="status">
      <span className={styles.runTitle}>
        {done ? (
          failed > 0 ? (
            <Warning20Filled className={styles.runWarning} aria-hidden />
          ) : (
            <CheckmarkCircle20Filled className={styles.runDone} aria-hidden />
          )
        ) : (
          <Spinner size="extra-tiny" aria-hidden />
        )}
        {done ? t('plan.run.done', { name }) : t('plan.run.running', { name })}
      </span>
      <Text size={200}>{t('plan.run.progress', { ended, total, failed })}</Text>
      <ProgressBar
        value={total === 0 ? 1 : Math.min(1, ended / total)}
        max={1}
        thickness="large"
        color={failed > 0 ? 'error' : done ? 'success' : 'brand'}
        aria-label={t('plan.run.progressLabel', { name })}
      />
    </div>
  );
}

/**
 * Export Script: opens the script section's View Script (the wizards' read-only script box with Copy),
 * brings it into view and puts the keyboard on it.
 */
function exportScript(section: HTMLElement | null): void {
  const toggle = section?.querySelector<HTMLButtonElement>('button[aria-expanded]');
  if (!section || !toggle) return;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  // Optional: jsdom (the unit tests) has no scrollIntoView.
  section.scrollIntoView?.({ block: 'start', behavior: 'auto' });
  toggle.focus({ preventScroll: true });
}

/** The title of the view: what it plans. */
function usePlanTitle(view: PlanViewState): string {
  const { t, tn } = useT();
  const { request } = view;
  if (view.optimize) {
    const scope = view.optimize.scope;
    const name = 'cluster' in scope ? scope.cluster : scope.group.toLowerCase() === 'all hosts' ? t('tree.allHosts') : scope.group;
    return t('optimize.title', { name });
  }
  if (request.kind === 'evacuate')
    return view.mode === 'maintenance' ? t('maint.title', { host: request.host }) : t('plan.title.evacuate', { host: request.host });
  return tn('plan.title.vms', request.vms.length);
}

/** The body once a plan has come: warnings, timeline, moves, what cannot move, and the script. */
function PlanSections({
  view,
  plan,
  jobsByVm,
  running,
  scriptRef,
}: {
  view: PlanViewState;
  plan: Plan;
  jobsByVm: ReadonlyMap<string, Job>;
  running: boolean;
  scriptRef: RefObject<HTMLElement | null>;
}) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const script = useAppStore((s) => s.planScript);
  const starting = useAppStore((s) => s.planStarting);
  const destinations = useDestinationChoice(view.request, !running && !starting);
  const timelineId = useId();
  const movesId = useId();
  const unmovableId = useId();
  const stayingId = useId();
  const rulesId = useId();
  const inventory = useAppStore((s) => s.index?.inventory);
  const ruleRows = useMemo(() => (inventory ? planRuleRows(plan, inventory) : []), [plan, inventory]);
  const scriptId = useId();
  // Optimize Hosts found nothing worth moving: no VM to script.
  const empty = view.request.kind === 'vms' && view.request.vms.length === 0;
  return (
    <>
      {plan.warnings.length > 0 ? (
        <div className={styles.warnings}>
          {plan.warnings.map((w, i) => (
            <MessageBar key={`${w.code}-${w.vm ?? ''}-${i}`} intent={warningIntent(w)} layout="multiline">
              <MessageBarBody>{spoken(w)}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      ) : null}
      {plan.optimize ? <OptimizeBalance outcome={plan.optimize} /> : null}
      <section className={styles.section} aria-labelledby={timelineId}>
        <h3 id={timelineId} className={styles.sectionHeading}>
          {t('plan.section.timeline')}
        </h3>
        <PlanTimeline plan={plan} jobsByVm={jobsByVm} />
      </section>
      <section className={styles.section} aria-labelledby={movesId}>
        <h3 id={movesId} className={styles.sectionHeading}>
          {t('plan.section.moves')}
        </h3>
        {plan.moves.length === 0 ? (
          <Text className={styles.muted}>{t('plan.moves.none')}</Text>
        ) : (
          <div className={styles.tableWrap} role="group" aria-labelledby={movesId} tabIndex={0}>
            <PlanMovesTable moves={plan.moves} jobsByVm={jobsByVm} running={running} destinations={destinations} />
          </div>
        )}
      </section>
      {plan.unmovable.length > 0 ? (
        <section className={styles.section} aria-labelledby={unmovableId}>
          <h3 id={unmovableId} className={styles.sectionHeading}>
            {t('plan.section.unmovable')}
          </h3>
          <div className={styles.tableWrap} role="group" aria-labelledby={unmovableId} tabIndex={0}>
            <PlanUnmovable unmovable={plan.unmovable} evacuation={view.request.kind === 'evacuate'} destinations={destinations} />
          </div>
        </section>
      ) : null}
      {plan.staying.length > 0 ? (
        <section className={styles.section} aria-labelledby={stayingId}>
          <h3 id={stayingId} className={styles.sectionHeading}>
            {t('plan.section.staying')}
          </h3>
          <div className={styles.tableWrap} role="group" aria-labelledby={stayingId} tabIndex={0}>
            <PlanStaying staying={plan.staying} />
          </div>
        </section>
      ) : null}
      {ruleRows.length > 0 ? (
        <section className={styles.section} aria-labelledby={rulesId}>
          <h3 id={rulesId} className={styles.sectionHeading}>
            {t('plan.section.rules')}
          </h3>
          <div className={styles.tableWrap} role="group" aria-labelledby={rulesId} tabIndex={0}>
            <PlanRules rows={ruleRows} />
          </div>
        </section>
      ) : null}
      {empty ? null : (
        <section ref={scriptRef} className={styles.section} aria-labelledby={scriptId}>
          <h3 id={scriptId} className={styles.sectionHeading}>
            {t('plan.section.script')}
          </h3>
          <ScriptView requestKey={planKey(view.request, view.whatIf)} load={script} />
        </section>
      )}
    </>
  );
}

/**
 * The plan view, in place of the VM list and details (the host tree stays, and the Jobs pane below
 * shows the jobs once the plan runs): what-ifs on the left; the window and its lower bound, the
 * timeline, the moves, what cannot move and the script on the right; Run (or Confirm for maintenance
 * mode), Save Plan and Compare on top. Every what-if plans again at once, while the last plan stays.
 */
export function PlanWorkspace() {
  const styles = useStyles();
  const tr = useT();
  const { t } = tr;
  const view = useAppStore((s) => s.planView);
  const plan = useAppStore((s) => s.plan);
  const planSeq = useAppStore((s) => s.planSeq);
  const loading = useAppStore((s) => s.planLoading);
  const error = useAppStore((s) => s.planError);
  const starting = useAppStore((s) => s.planStarting);
  const run = useAppStore((s) => s.planRun);
  const runError = useAppStore((s) => s.planRunError);
  const jobs = useAppStore((s) => (s.planRun ? s.jobs : NO_JOBS));
  const revision = useAppStore((s) => s.snapshot?.revision ?? 0);
  const refresh = useAppStore((s) => s.planRefresh);
  const start = useAppStore((s) => s.planStart);
  const close = useAppStore((s) => s.closePlan);
  const [saveOpen, setSaveOpen] = useState(false);
  const [compareOpen, setCompareOpen] = useState(false);
  const titleId = useId();
  const scriptRef = useRef<HTMLElement>(null);
  const title = usePlanTitle(view ?? { mode: 'plan', request: { kind: 'vms', vms: [], to: 'auto' }, whatIf: {} });

  const groupId = run?.group.id ?? null;
  const jobsByVm = useMemo(() => groupJobsByVm(jobs, groupId), [jobs, groupId]);
  const groupJobs = useMemo(() => [...jobsByVm.values()], [jobsByVm]);
  const hosts = useMemo(() => (view ? planHosts(plan, view.request, view.whatIf) : []), [plan, view]);

  // The estate changed under a plan not yet run (a move ended, a host's settings changed): plan again.
  const seenRevision = useRef(revision);
  useEffect(() => {
    if (revision === seenRevision.current) return;
    seenRevision.current = revision;
    if (view && !run) void refresh();
  }, [revision, view, run, refresh]);

  const toastAnchor = useToastAnchor();
  if (!view) return null;
  const maintenance = view.mode === 'maintenance';
  const canStart = plan !== null && !run && !starting && (plan.moves.length > 0 || plan.saves.length > 0 || maintenance);
  // Optimize Hosts that found nothing worth moving has no VM to run, save, compare or script.
  const noVms = view.request.kind === 'vms' && view.request.vms.length === 0;
  const defaultName = view.optimize
    ? title
    : view.request.kind === 'evacuate'
      ? t('plan.name.evacuate', { host: view.request.host })
      : tr.tn('plan.title.vms', view.request.vms.length);
  return (
    <section className={styles.root} aria-labelledby={titleId} data-plan-seq={planSeq}>
      <header className={styles.header} {...toastAnchor}>
        <div className={styles.titleRow}>
          <Subtitle1 as="h2" id={titleId} className={styles.title}>
            {title}
          </Subtitle1>
          {loading ? <Spinner size="extra-tiny" label={t('plan.replanning')} labelPosition="after" /> : null}
          <div className={styles.actions}>
            <Button
              appearance="primary"
              icon={starting ? <Spinner size="extra-tiny" /> : maintenance ? <WrenchScrewdriver20Regular /> : <Play20Filled />}
              disabled={!canStart}
              onClick={() => void start()}
            >
              {maintenance ? t('maint.confirm') : t('plan.run')}
            </Button>
            <Button icon={<Script20Regular />} disabled={plan === null || noVms} onClick={() => exportScript(scriptRef.current)}>
              {t('plan.exportScript')}
            </Button>
            <Button icon={<Save20Regular />} disabled={plan === null || noVms} onClick={() => setSaveOpen(true)}>
              {t('plan.saveAction')}
            </Button>
            <Button icon={<ArrowSwap20Regular />} disabled={plan === null || noVms} onClick={() => setCompareOpen(true)}>
              {t('plan.compareAction')}
            </Button>
            <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={close}>
              {t('plan.close')}
            </Button>
          </div>
        </div>
        {plan ? <PlanFacts plan={plan} /> : null}
      </header>
      <div className={styles.body}>
        <aside className={styles.aside} aria-label={t('plan.whatIf.title')}>
          <PlanWhatIfPanel view={view} hosts={hosts} disabled={run !== null || starting} />
        </aside>
        <div className={styles.main}>
          {error ? <RetryBar multiline message={t('plan.failed', { message: tr.spoken(error) })} onRetry={() => void refresh()} /> : null}
          {runError ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{t(maintenance ? 'maint.startFailed' : 'plan.runFailed', { message: tr.spoken(runError) })}</MessageBarBody>
            </MessageBar>
          ) : null}
          {run ? <RunProgress name={run.group.name} jobs={groupJobs} total={run.jobs.length} /> : null}
          {plan ? (
            <PlanSections view={view} plan={plan} jobsByVm={jobsByVm} running={run !== null} scriptRef={scriptRef} />
          ) : error ? null : (
            <Spinner className={styles.loading} label={t('plan.planning')} />
          )}
        </div>
      </div>
      {plan ? (
        <>
          <SavePlanDialog open={saveOpen} defaultName={defaultName} onClose={() => setSaveOpen(false)} />
          <ComparePlansDialog open={compareOpen} plan={plan} onClose={() => setCompareOpen(false)} />
        </>
      ) : null}
    </section>
  );
}
