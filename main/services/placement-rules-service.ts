import { say, text, type Said } from '../../shared/i18n/text.js';
import type { AffinityRule, InventoryDocument } from '../../shared/model/inventory.js';
import { jobError, type Job } from '../../shared/model/job.js';
import { ok, type Result } from '../../shared/model/result.js';
import type { AffinityRuleChange, ConnectorResult, HostConnector } from '../domain/connector/host-connector.js';
import { applyRuleEdit, type RuleEdit, type VmPlacementFields } from '../domain/placement/rule-edits.js';
import { affinityRuleScript, placementScript } from '../domain/scripts/placement-script.js';
import { nameKey } from '../domain/storage-paths/names.js';
import type { InventoryService } from './inventory-service.js';
import type { JobService } from './job-service.js';

/** A placement-rule change under way: its job as it starts, and the job once it has ended (never rejects). */
export interface RuleChange {
  job: Job;
  done: Promise<Job>;
}

const copy = (job: Job): Job => ({ ...job, steps: job.steps.map((s) => ({ ...s })) });

/**
 * Edits of the placement rules from the console (migration-rules.md section 8): a VM's owners and availability
 * sets (VM Properties), a cluster's affinity rules (add, edit, remove) and Keep apart. Each is checked like an
 * import before any job starts (`rules-invalid` with every problem, nothing changed), then runs as a job. A VM
 * edit is set on the VM's cluster first through its connector (Hyper-V: the fixed Set-FerryVmPlacement.ps1),
 * and recorded in Ferry's inventory only when that worked. An affinity-rule edit is likewise set on the cluster of
 * its VMs first (Hyper-V: the fixed Set-FerryAffinityRule.ps1; only required rules, as a cluster has no other kind).
 */
export class PlacementRulesService {
  /** Jobs of this process run one after another, so two edits never race on the estate. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly inventory: InventoryService,
    private readonly jobs: JobService,
    private readonly connector: HostConnector,
  ) {}

  /** Resolves once the rule jobs of this process have ended (before the database closes). */
  idle(): Promise<void> {
    return this.tail;
  }

  /** View Script for a VM's placement edit: the cmdlets the change runs on its cluster. */
  vmScript(vm: string, fields: VmPlacementFields): Result<string> {
    const doc = this.inventory.snapshot().inventory;
    const edit = applyRuleEdit(doc, { kind: 'vm', vm, fields });
    if (!edit.ok) return edit;
    const v = edit.value.vm;
    if (!v) return ok('');
    const cluster = doc.hosts.find((h) => nameKey(h.name) === nameKey(v.host))?.cluster ?? null;
    return ok(
      placementScript(v, cluster, {
        possibleOwners: v.possibleOwners ?? null,
        preferredOwners: v.preferredOwners ?? [],
        availabilitySets: v.availabilitySets ?? [],
      }),
    );
  }

  /** View Script for an affinity-rule edit (Affinity Rules…, Keep apart…): the cmdlets it runs on its cluster. */
  ruleScript(edit: Exclude<RuleEdit, { kind: 'vm' }>): Result<string> {
    const doc = this.inventory.snapshot().inventory;
    const checked = applyRuleEdit(doc, edit);
    if (!checked.ok) return checked;
    const cluster = this.clusterOf(edit);
    if (edit.kind === 'rule-remove')
      return ok(affinityRuleScript(cluster, { remove: [this.spelled(edit.name)], rule: null, name: this.spelled(edit.name), required: true }));
    const rule = checked.value.affinityRules.find((r) => nameKey(r.name) === nameKey(edit.rule.name.trim())) as AffinityRule;
    const vms = rule.vms.map((n) => ({ name: n, id: doc.vms.find((v) => nameKey(v.name) === nameKey(n))?.id ?? n }));
    return ok(
      affinityRuleScript(cluster, {
        remove: [...new Set([edit.replaces === null ? rule.name : this.spelled(edit.replaces), rule.name])],
        rule: rule.required ? { name: rule.name, type: rule.type, vms } : null,
        name: rule.name,
        required: rule.required,
      }),
    );
  }

  /** VM Properties > Placement > OK: sets a VM's possible and preferred owners and availability sets, as a job. */
  vmSet(vm: string, fields: VmPlacementFields): Result<RuleChange> {
    return this.run({ kind: 'vm', vm, fields });
  }

  /** Adds an affinity rule, or replaces the one named `replaces` (an edit), as a job. */
  ruleSet(rule: AffinityRule, replaces: string | null = null): Result<RuleChange> {
    return this.run({ kind: 'rule-set', rule, replaces });
  }

  /** Removes an affinity rule, as a job. */
  ruleRemove(name: string): Result<RuleChange> {
    return this.run({ kind: 'rule-remove', name });
  }

  private run(edit: RuleEdit): Result<RuleChange> {
    const checked = applyRuleEdit(this.inventory.snapshot().inventory, edit);
    if (!checked.ok) return checked;
    const { vm } = checked.value;
    const record = say('step.placement.record');
    let job: Job;
    switch (edit.kind) {
      case 'vm':
        job = this.jobs.start('placement-rules', say('job.placement.vm', { vm: vm?.name ?? edit.vm }), vm?.name ?? edit.vm, [
          say('step.placement.apply', { vm: vm?.name ?? edit.vm }),
          record,
        ]);
        break;
      case 'rule-set':
        job = this.jobs.start(
          'placement-rules',
          say(edit.replaces === null ? 'job.placement.ruleAdd' : 'job.placement.ruleEdit', { rule: edit.rule.name.trim() }),
          edit.rule.name.trim(),
          this.ruleSteps(edit, record),
        );
        break;
      case 'rule-remove': {
        const rule = this.spelled(edit.name);
        job = this.jobs.start('placement-rules', say('job.placement.ruleRemove', { rule }), rule, this.ruleSteps(edit, record));
        break;
      }
    }
    const started = copy(job);
    const done = this.tail.then(() => this.runJob(job, edit));
    this.tail = done.then(
      () => undefined,
      () => undefined,
    );
    return ok({ job: started, done });
  }

  /** Fails a job with what the cluster said, and that Ferry's inventory is unchanged. */
  private refusedBy(job: Job, applied: Extract<ConnectorResult, { ok: false }>): Job {
    return copy(
      this.jobs.finish(job, 'Failed', {
        failedStep: 0,
        error: jobError(
          applied.problemText ?? text('list', { items: applied.problem }),
          text('rules.fail.apply.action', { action: applied.recommendedActionText ?? applied.recommendedAction }),
        ),
      }),
    );
  }

  /** A rule job's steps: set it on its cluster (when its VMs are in one), then record it. */
  private ruleSteps(edit: RuleEdit, record: Said): Said[] {
    const cluster = this.clusterOf(edit);
    return cluster === null ? [record] : [say('step.placement.cluster', { cluster }), record];
  }

  /** A rule name as the inventory spells it (the estate's rules are compared ignoring case). */
  private spelled(name: string): string {
    return (this.inventory.snapshot().inventory.affinityRules ?? []).find((r) => nameKey(r.name) === nameKey(name))?.name ?? name;
  }

  /** The cluster a rule edit acts on: the cluster of the first of its VMs (the old rule's, for a removal) that has one. */
  private clusterOf(edit: RuleEdit): string | null {
    const doc = this.inventory.snapshot().inventory;
    const vms =
      edit.kind === 'rule-set'
        ? [...edit.rule.vms, ...this.ruleVms(doc, edit.replaces)]
        : edit.kind === 'rule-remove'
          ? this.ruleVms(doc, edit.name)
          : [edit.vm];
    for (const name of vms) {
      const v = doc.vms.find((x) => nameKey(x.name) === nameKey(name.trim()));
      const cluster = v ? doc.hosts.find((h) => nameKey(h.name) === nameKey(v.host))?.cluster : null;
      if (cluster) return cluster;
    }
    return null;
  }

  private ruleVms(doc: InventoryDocument, name: string | null): string[] {
    return name === null ? [] : ((doc.affinityRules ?? []).find((r) => nameKey(r.name) === nameKey(name))?.vms ?? []);
  }

  private async runJob(job: Job, edit: RuleEdit): Promise<Job> {
    try {
      // Checked again against the estate as it is now: an earlier job or an import may have changed it.
      const checked = applyRuleEdit(this.inventory.snapshot().inventory, edit);
      if (!checked.ok) {
        return copy(
          this.jobs.finish(job, 'Failed', {
            error: jobError(checked.error.text ?? text('list', { items: checked.error.message }), text('rules.fail.changed.action')),
          }),
        );
      }
      const { vm, affinityRules } = checked.value;
      if (edit.kind === 'vm' && vm) {
        const placement = { possibleOwners: vm.possibleOwners ?? null, preferredOwners: vm.preferredOwners ?? [], availabilitySets: vm.availabilitySets ?? [] };
        const applied = this.connector.vmPlacementApply ? await this.connector.vmPlacementApply(vm.name, placement) : ({ ok: true } as const);
        if (!applied.ok) return this.refusedBy(job, applied);
        this.jobs.advance(job, 0);
        this.inventory.vmPlacementSet(vm);
        return copy(this.jobs.finish(job, 'Completed', { summary: say('job.placement.vmDone', { vm: vm.name }) }));
      }
      if (edit.kind === 'vm') throw new Error(`The VM ${edit.vm} is not in the inventory.`);
      const cluster = this.clusterOf(edit);
      if (cluster !== null && this.connector.affinityRuleApply) {
        const change: AffinityRuleChange =
          edit.kind === 'rule-remove'
            ? { kind: 'remove', name: this.spelled(edit.name) }
            : {
                kind: 'set',
                rule: affinityRules.find((r) => nameKey(r.name) === nameKey(edit.rule.name.trim())) as AffinityRule,
                replaces: edit.replaces === null ? null : this.spelled(edit.replaces),
              };
        const applied = await this.connector.affinityRuleApply(cluster, change);
        if (!applied.ok) return this.refusedBy(job, applied);
      }
      if (cluster !== null) this.jobs.advance(job, 0);
      // Recorded against the rules as they are in the database now: another process may have changed them
      // while the cluster answered (the list checked above would drop its change).
      const recorded = this.inventory.affinityRulesEdit((doc) => {
        const again = applyRuleEdit(doc, edit);
        return again.ok ? ok(again.value.affinityRules) : again;
      });
      if (!recorded.ok) {
        return copy(
          this.jobs.finish(job, 'Failed', {
            failedStep: cluster !== null ? 1 : 0,
            error: jobError(recorded.error.text ?? text('list', { items: recorded.error.message }), text('rules.fail.changed.action')),
          }),
        );
      }
      const summary =
        edit.kind === 'rule-remove'
          ? say('job.placement.ruleRemoved', { rule: job.target })
          : say(edit.rule.required ? 'job.placement.ruleSaved' : 'job.placement.ruleSavedSoft', { rule: edit.rule.name.trim() });
      return copy(this.jobs.finish(job, 'Completed', { summary }));
    } catch (e) {
      return copy(
        this.jobs.finish(job, 'Failed', {
          error: jobError(text('rules.fail.record', { message: (e as Error).message }), text('rules.fail.record.action')),
        }),
      );
    }
  }
}
