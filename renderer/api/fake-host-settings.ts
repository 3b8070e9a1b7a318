import type { InvokeArgs } from '../../shared/contract/invoke.js';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import {
  checkSettingsChange,
  formatSettingsProblem,
  settingsMergeProblems,
  withSettingsChange,
  type HostSettingsView,
  type SettingsProblem,
  type SettingsTarget,
} from '../../shared/model/live-migration-settings.js';
import type { Job } from '../../shared/model/job.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import { resolveSettingsTarget } from '../../shared/model/settings-targets.js';
import { makeJob } from '../testing/sample-jobs.js';

const key = (s: string): string => s.toLowerCase();

/** `hostSettings.get` on a fake estate. */
export function fakeHostSettingsGet(doc: InventoryDocument, host: string): Result<HostSettingsView> {
  const h = doc.hosts.find((x) => key(x.name) === key(host));
  if (!h) return err('host-not-found', `No host named "${host}" is in the inventory.`);
  const cluster = doc.clusters.find((c) => h.cluster !== null && key(c.name) === key(h.cluster));
  return ok({
    host: h.name,
    hostGroup: h.hostGroup,
    cluster: h.cluster,
    state: h.state,
    settings: h.liveMigration,
    clusterMaxParallelMigrations: cluster?.maxParallelMigrations ?? null,
  });
}

/**
 * `hostSettings.apply` on a fake estate: the same checks as the backend (from shared/), then every
 * host takes the change at once and the job completes. Answers the new estate and the job.
 */
export function fakeHostSettingsApply(
  doc: InventoryDocument,
  args: InvokeArgs['hostSettings.apply'],
  jobId: string,
): Result<{ inventory: InventoryDocument; job: Job }> {
  const resolved = resolveSettingsTarget(args.target as SettingsTarget, doc);
  if (!resolved.ok) return resolved;
  const target = { ...resolved.value, group: resolved.value.kind !== 'host' };
  const checked = checkSettingsChange(args.change);
  const problems: SettingsProblem[] = checked.ok
    ? target.hosts.flatMap((h) => settingsMergeProblems(h.liveMigration, checked.change).map((p) => (target.group ? { ...p, host: h.name } : p)))
    : checked.problems;
  if (!checked.ok || problems.length > 0) {
    return err('settings-invalid', `The settings were not changed: ${problems.map(formatSettingsProblem).join('; ')}.`, { problems });
  }
  const names = new Set(target.hosts.map((h) => key(h.name)));
  const inventory = {
    ...doc,
    hosts: doc.hosts.map((h) => (names.has(key(h.name)) ? { ...h, liveMigration: withSettingsChange(h.liveMigration, checked.change) } : h)),
  };
  const now = new Date().toISOString();
  const job = makeJob(
    jobId,
    target.group ? `Change Hyper-V settings of ${target.hosts.length} hosts in ${target.name}` : `Change Hyper-V settings of ${target.name}`,
    {
      kind: 'host-settings',
      status: 'Completed',
      progress: 100,
      target: target.name,
      createdAt: now,
      startedAt: now,
      endedAt: now,
      steps: [
        ...target.hosts.map((h) => ({ name: `Apply the settings on ${h.name}`, status: 'Completed' as const, progress: 100 })),
        { name: 'Record the settings in the inventory', status: 'Completed', progress: 100 },
      ],
    },
  );
  return ok({ inventory, job });
}
