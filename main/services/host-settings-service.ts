import { groupText, say, text, type Said, type Text } from '../../shared/i18n/text.js';
import type { LiveMigrationSettings } from '../../shared/model/inventory.js';
import { formatSettingsProblem, type HostSettingsView, type SettingsTarget } from '../../shared/model/live-migration-settings.js';
import { jobError, jobErrorOf, type Job, type JobError, type JobStep } from '../../shared/model/job.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import type { ConnectorResult, HostConnector } from '../domain/connector/host-connector.js';
import { describeSettingsDiff, planSettingsChange, type HostSettingsPlan, type HostSettingsUpdate } from '../domain/host-settings/settings-plan.js';
import { withSettingsChange, type LiveMigrationChange } from '../domain/host-settings/settings-rules.js';
import { resolveSettingsTarget } from '../domain/host-settings/settings-targets.js';
import { nameKey } from '../domain/storage-paths/names.js';
import type { EventHub } from './event-hub.js';
import type { InventoryService } from './inventory-service.js';
import type { JobService } from './job-service.js';
import type { SchedulerService } from './scheduler-service.js';

/** A settings change under way: its job as it starts, and the job once it has ended (never rejects). */
export interface SettingsApplication {
  job: Job;
  done: Promise<Job>;
}

/** One host the connector could not change. */
interface HostFailure extends JobError {
  host: string;
}

const copy = (job: Job): Job => ({ ...job, steps: job.steps.map((s) => ({ ...s })) });

/**
 * Hyper-V Settings (Host > Properties): reads a host's live-migration settings and applies a change,
 * to one host or to every host of a host group or cluster, as one job with a step per host.
 *
 * The change is checked for every host before anything is applied: an invalid value refuses the
 * whole change with every reason, and no job starts. Then each host gets it through its connector
 * (Set-VMHost and friends), in inventory order, and the hosts that took it are written to the
 * inventory in one transaction. When a host fails (it doesn't respond, access is denied), the other
 * hosts still get the change, the job ends Failed naming each failed host with its problem and what
 * to do, and the hosts that took it keep it: that is what the admin asked of them, and applying the
 * same change again is safe (hosts that have it don't change). Rolling them back would need another
 * round of connector calls that can fail in turn, and would undo a change that worked.
 *
 * The scheduler reads limits from the inventory at each decision, so after a change it runs one at
 * once: a raised limit starts queued moves. Select Host reads the new settings at its next request.
 */
export class HostSettingsService {
  /** Settings jobs of this process run one after another, so two never interleave on a host. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly inventory: InventoryService,
    private readonly jobs: JobService,
    private readonly hub: EventHub,
    private readonly scheduler: SchedulerService,
    private readonly connector: HostConnector,
  ) {}

  /** Resolves once the settings jobs of this process have ended (before the database closes). */
  idle(): Promise<void> {
    return this.tail;
  }

  /** A host's settings, with its cluster's limit of parallel migrations (which wins over maxLive). */
  get(host: string): Result<HostSettingsView> {
    const doc = this.inventory.snapshot().inventory;
    const h = doc.hosts.find((x) => nameKey(x.name) === nameKey(host));
    if (!h) return err('host-not-found', `No host named "${host}" is in the inventory.`);
    const cluster = h.cluster === null ? null : (doc.clusters.find((c) => nameKey(c.name) === nameKey(h.cluster as string)) ?? null);
    return ok({
      host: h.name,
      hostGroup: h.hostGroup,
      cluster: h.cluster,
      state: h.state,
      settings: { ...h.liveMigration, networks: [...h.liveMigration.networks] },
      clusterMaxParallelMigrations: cluster?.maxParallelMigrations ?? null,
    });
  }

  /**
   * Applies a change as a job. Refused before any job starts: an unknown host, group or cluster
   * (`host-not-found`, `host-group-not-found`, `cluster-not-found`, `no-hosts`), a change that sets
   * nothing (`settings-empty`), or one with an invalid value for any host (`settings-invalid`, with
   * every problem in `detail.problems`).
   */
  apply(target: SettingsTarget, change: Readonly<Record<string, unknown>>): Result<SettingsApplication> {
    const resolved = resolveSettingsTarget(target, this.inventory.snapshot().inventory);
    if (!resolved.ok) return resolved;
    const { hosts, name, kind } = resolved.value;
    const plan = planSettingsChange(hosts, change);
    if (!plan.ok) {
      const lines = plan.problems.map(formatSettingsProblem);
      return err('settings-invalid', `The settings were not changed: ${lines.join('; ')}.`, { problems: plan.problems });
    }
    if (Object.keys(plan.change).length === 0) {
      return err(
        'settings-empty',
        'The change sets no setting: give at least one of enabled, maxLive, maxStorage, performanceOption, authentication, useAnyNetwork, networks.',
      );
    }
    const jobName =
      kind === 'host' ? say('job.hostSettings.host', { host: name }) : say('job.hostSettings.group', { count: hosts.length, group: groupText(name) });
    const job = this.jobs.start('host-settings', jobName, name, [...plan.plans.map((p) => say('step.applyOn', { host: p.host })), say('step.recordSettings')]);
    const started = copy(job);
    const done = this.tail.then(() => this.run(job, plan.change, plan.plans, kind === 'host' ? null : name));
    // The next job waits for this one however it ends.
    this.tail = done.then(
      () => undefined,
      () => undefined,
    );
    return ok({ job: started, done });
  }

  private async run(job: Job, change: LiveMigrationChange, plans: HostSettingsPlan[], group: string | null): Promise<Job> {
    try {
      return await this.runSteps(job, change, plans, group);
    } catch (e) {
      job.steps = job.steps.map((s): JobStep => (s.status === 'Running' ? { ...s, status: 'Failed' } : s));
      job.status = 'Failed';
      job.error = jobError(text('fail.settingsThrew', { message: (e as Error).message }), text('fail.settingsThrew.action'));
      job.endedAt = new Date().toISOString();
      this.jobs.record(job);
      return copy(job);
    }
  }

  private async runSteps(job: Job, change: LiveMigrationChange, plans: HostSettingsPlan[], group: string | null): Promise<Job> {
    const total = job.steps.length;
    const setStep = (i: number, status: JobStep['status']): void => {
      job.steps = job.steps.map((s, k) => (k === i ? { ...s, status, progress: status === 'Running' || status === 'Queued' ? 0 : 100 } : s));
    };
    const applied: (HostSettingsUpdate & { before: LiveMigrationSettings })[] = [];
    const failures: HostFailure[] = [];
    for (let i = 0; i < plans.length; i++) {
      setStep(i, 'Running');
      this.jobs.record(job);
      // The host as it is now (an earlier job may have changed it since the change was checked).
      const host = this.inventory.snapshot().inventory.hosts.find((h) => nameKey(h.name) === nameKey(plans[i].host));
      let result: ConnectorResult;
      if (!host) {
        result = { ok: false, ...jobError(text('fail.settingsHostGone', { host: plans[i].host }), text('fail.settingsHostGone.action')) };
      } else {
        const after = withSettingsChange(host.liveMigration, change);
        try {
          result = await this.connector.hostSettingsApply(host.name, after);
        } catch (e) {
          result = {
            ok: false,
            ...jobError(
              text('fail.settingsApplyThrew', { host: host.name, message: (e as Error).message }),
              text('fail.settingsApplyThrew.action', { host: host.name }),
            ),
          };
        }
        if (result.ok) applied.push({ host: host.name, settings: after, before: host.liveMigration });
      }
      if (!result.ok) failures.push({ host: plans[i].host, ...jobErrorOf(result) });
      setStep(i, result.ok ? 'Completed' : 'Failed');
      job.progress = Math.round(((i + 1) / total) * 100);
    }

    const recordStep = total - 1;
    if (applied.length > 0) {
      setStep(recordStep, 'Running');
      this.jobs.record(job);
      const revision = this.inventory.applyHostSettings(applied);
      setStep(recordStep, 'Completed');
      this.hub.emit('inventory.changed', { revision, meta: this.inventory.snapshot().meta });
      // Limits are read at each decision: a raised one starts queued moves now.
      this.scheduler.dispatch();
    }

    const diffs = applied.map((a) => ({ host: a.host, diff: describeSettingsDiff(a.before, a.settings) }));
    job.endedAt = new Date().toISOString();
    if (failures.length === 0) {
      job.status = 'Completed';
      job.progress = 100;
      summarize(job, this.summary(diffs, group));
    } else {
      job.status = 'Failed';
      job.error = this.failure(failures, applied.length, plans.length, group);
      summarize(job, applied.length > 0 ? this.summary(diffs, group) : null);
    }
    this.jobs.record(job);
    return copy(job);
  }

  private summary(diffs: { host: string; diff: Text | null }[], group: string | null): Said {
    const changed = diffs.filter((d): d is { host: string; diff: Text } => d.diff !== null);
    if (group === null) {
      const d = diffs[0];
      return d.diff === null ? say('result.settings.same', { host: d.host }) : say('result.settings.host', { host: d.host, changes: d.diff });
    }
    if (changed.length === 0) return say('result.settings.groupSame', { count: diffs.length, group: groupText(group) });
    return say('result.settings.group', {
      changed: changed.length,
      count: diffs.length,
      group: groupText(group),
      hosts: { list: changed.map((d) => text('result.settings.hostChanges', { host: d.host, changes: d.diff })) },
    });
  }

  private failure(failures: HostFailure[], appliedCount: number, total: number, group: string | null): Job['error'] {
    const action = failures[0].recommendedActionText ?? failures[0].recommendedAction;
    if (group === null) {
      return { ...jobError(failures[0].problemText ?? text('list', { items: failures[0].problem }), text('fail.settings.hostAgain', { action })) };
    }
    const kept = appliedCount === 0 ? text('fail.settings.noneChanged') : text('fail.settings.othersKept', { applied: appliedCount, total });
    return jobError(
      text('fail.settings.group', {
        failed: failures.length,
        total,
        group: groupText(group),
        problems: { list: failures.map((f) => text('result.notStarted', { vm: f.host, why: f.problemText ?? f.problem })) },
        kept,
      }),
      text('fail.settings.groupAgain', { action, hosts: { list: failures.map((f) => f.host) }, group: groupText(group) }),
    );
  }
}

/** Sets a job's one-line result: English words for the CLI, the sentence for the console. */
function summarize(job: Job, said: Said | null): void {
  job.summary = said?.message ?? null;
  job.summaryText = said?.text ?? null;
}
