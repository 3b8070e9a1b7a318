import { groupText, plural, say, text } from '../../shared/i18n/text.js';
import { jobError } from '../../shared/model/job.js';
import type { InventoryRefreshSummary } from '../../shared/model/connection.js';
import type { ImportProblem } from '../../shared/model/import.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import { nameKey } from '../domain/storage-paths/names.js';
import type { HyperVConnector } from '../infra/connectors/hyperv/hyperv-connector.js';
import { mapHyperVError } from '../infra/connectors/hyperv/error-map.js';
import { mergeHostGroup } from '../infra/connectors/hyperv/inventory-parser.js';
import { replaceInventory } from '../infra/db/inventory-repository.js';
import type { Db } from '../infra/db/open.js';
import type { ConnectionService } from './connection-service.js';
import type { EventHub } from './event-hub.js';
import type { InventoryService } from './inventory-service.js';
import type { JobService } from './job-service.js';
import { firstProblem } from './inventory-service.js';

const STEPS = [say('step.refresh.read'), say('step.refresh.validate'), say('step.replaceInventory')];

/**
 * Inventory refresh from Hyper-V (`inventory.refresh`, `ferry refresh`): reads a host group's hosts
 * through the Hyper-V connector, validates the result as an import, and puts it in place of the
 * group's old records, as a job. Groups that use the simulator have no hosts to read, and say so.
 */
export class InventoryRefreshService {
  constructor(
    private readonly db: Db,
    private readonly inventory: InventoryService,
    private readonly jobs: JobService,
    private readonly hub: EventHub,
    private readonly connections: ConnectionService,
    private readonly hyperv: HyperVConnector,
  ) {}

  /** Host groups set to the Hyper-V connector. */
  hypervGroups(): string[] {
    return this.connections
      .list()
      .filter((s) => s.connector === 'hyperv')
      .map((s) => s.hostGroup);
  }

  /** Refreshes one host group from its Hyper-V hosts. */
  async refresh(hostGroup: string): Promise<Result<InventoryRefreshSummary>> {
    const settings = this.connections.get(hostGroup);
    if (!settings.ok) return settings;
    const group = settings.value.hostGroup;
    if (settings.value.connector !== 'hyperv') {
      return err(
        'group-uses-simulator',
        `${group} uses the simulator, so there are no real hosts to read. Choose "Hyper-V hosts" for it in Host > Connection Settings (or run: ferry connection "${group}" --set connector=hyperv), then refresh.`,
      );
    }
    const job = this.jobs.start('import-inventory', say('job.refresh', { group: groupText(group) }), group, STEPS);
    const read = await this.hyperv.hostGroupRead(group);
    if (!read.ok) {
      const problems = (read.error.detail as { problems?: ImportProblem[] } | undefined)?.problems;
      const action = (read.error.detail as { recommendedAction?: string } | undefined)?.recommendedAction;
      this.jobs.finish(job, 'Failed', {
        failedStep: problems ? 1 : 0,
        error: jobError(
          problems ? firstProblem(read.error, problems[0]) : text('list', { items: read.error.text ?? read.error.message }),
          text('list', { items: action ?? text('fail.refresh.read.action') }),
        ),
      });
      return read as Result<never>;
    }
    this.jobs.advance(job, 0);
    const snapshot = this.inventory.snapshot();
    const merged = mergeHostGroup(snapshot.inventory, group, read.value);
    if (!merged.ok) {
      const problems = (merged.error.detail as { problems: ImportProblem[] }).problems;
      this.jobs.finish(job, 'Failed', {
        failedStep: 1,
        error: jobError(firstProblem(merged.error, problems[0]), text('fail.refresh.merge.action')),
      });
      return merged as Result<never>;
    }
    this.jobs.advance(job, 1);
    let revision: number;
    try {
      revision = replaceInventory(this.db, merged.value, snapshot.meta?.origin ?? `Hyper-V: ${group}`, new Date());
    } catch (e) {
      this.jobs.finish(job, 'Failed', {
        failedStep: 2,
        error: jobError(text('fail.dbWrite', { message: (e as Error).message }), text('fail.dbWrite.refresh')),
      });
      return err('database-error', `The inventory could not be written: ${(e as Error).message}`);
    }
    const mode = settings.value.mode;
    // A host PowerShell could not read is named as the inventory names it (HV-MI-20), not by the FQDN it dialled.
    const hostOf = (computer: string): string =>
      snapshot.inventory.hosts.find((h) => nameKey(h.name) === nameKey(computer) || nameKey(h.fqdn) === nameKey(computer))?.name ?? computer;
    const unreachable = read.value.unread.map((u) => {
      const host = hostOf(u.computerName);
      const failure = mapHyperVError({ ...u.error, messageIds: [], vmHost: null }, { action: 'refresh', mode, host });
      return { host, problem: failure.problem, recommendedAction: failure.recommendedAction };
    });
    const counts = { hosts: read.value.hosts.length, clusters: read.value.clusters.length, vms: read.value.vms.length };
    const summary = say('result.refreshed', {
      hosts: plural('result.refreshed.hosts', counts.hosts),
      clusters: plural('result.refreshed.clusters', counts.clusters),
      vms: plural('result.refreshed.vms', counts.vms),
      group: groupText(group),
      unreachable:
        unreachable.length > 0 ? text('result.refreshed.unreachable', { count: unreachable.length, hosts: unreachable.map((u) => u.host).join(', ') }) : '',
    });
    this.jobs.finish(job, unreachable.length > 0 ? 'Completed with info' : 'Completed', { summary });
    this.hub.emit('inventory.changed', { revision, meta: this.inventory.snapshot().meta });
    return ok({ hostGroup: group, jobId: job.id, ...counts, unreachable });
  }

  /** Refreshes every host group set to Hyper-V, one after another. */
  async refreshAll(): Promise<Result<InventoryRefreshSummary[]>> {
    const groups = this.hypervGroups();
    if (groups.length === 0) {
      return err(
        'no-hyperv-groups',
        'No host group uses the Hyper-V connector, so there is nothing to refresh: every group runs on the simulator. Set one with: ferry connection GROUP --set connector=hyperv',
      );
    }
    const out: InventoryRefreshSummary[] = [];
    for (const g of groups.sort((a, b) => nameKey(a).localeCompare(nameKey(b)))) {
      const r = await this.refresh(g);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  }
}
