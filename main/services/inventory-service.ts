import { say, text as sentence, type Said, type Text } from '../../shared/i18n/text.js';
import { jobError } from '../../shared/model/job.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InventorySnapshot } from '../../shared/contract/invoke.js';
import type { ImportPhase, ImportProblem, ImportSummary } from '../../shared/model/import.js';
import { countInventory, type AffinityRule, type InventoryDocument, type Vm } from '../../shared/model/inventory.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import {
  applyCompletedMove,
  loadInventory,
  loadInventoryMeta,
  replaceAffinityRules,
  replaceInventory,
  updateHostLiveMigration,
  updateHostMaintenance,
  updateVmPlacement,
  updateVmState,
} from '../infra/db/inventory-repository.js';
import type { InventoryDelta } from '../../shared/model/inventory-delta.js';
import { inventoryPage, vmsInConsoleOrder, type InventoryPage } from '../../shared/model/inventory-page.js';
import { withCompletedMove, type CompletedMove } from '../domain/inventory/completed-move.js';
import { nameKey } from '../domain/storage-paths/names.js';
import { withHostSettings, type HostSettingsUpdate } from '../domain/host-settings/settings-plan.js';
import type { JobService } from './job-service.js';
import type { Db } from '../infra/db/open.js';
import { parseInventory } from '../infra/importers/ferry-inventory.js';
import { crashPoint } from '../infra/crash-point.js';
import type { EventHub } from './event-hub.js';

/** What the built-in demo estate is called wherever an origin is shown. */
/** The origin label of the built-in demo inventory. */
export { DEMO_ORIGIN } from '../../shared/i18n/text.js';
import { DEMO_ORIGIN } from '../../shared/i18n/text.js';
/** The demo estate's file, under resources/. */
export const DEMO_FILE = 'demo-inventory.json';

const PHASE_FRACTION: Record<ImportPhase, number> = { reading: 0, parsing: 0.1, validating: 0.4, writing: 0.7, done: 1, failed: 1 };

/** Lets the event loop breathe between the heavy phases, so progress reaches the window. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Pages kept per revision: the console's first page and its pages of 2,000 VMs fit many times over. */
const MAX_CACHED_PAGES = 128;

/** The estate: read it, import a file over it, load the demo. */
export class InventoryService {
  private cache: InventorySnapshot | null = null;
  /** The cached snapshot's VMs in console order, and the pages already answered from them. */
  private paging: { snapshot: InventorySnapshot; ordered: Vm[]; pages: Map<string, InventoryPage> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobService,
    private readonly hub: EventHub,
    private readonly resources: string,
  ) {}

  /**
   * The whole estate; read from SQLite once per revision. The answer is shared (the headless host
   * reuses its JSON), so callers must not change it: a change is a new revision.
   */
  snapshot(): InventorySnapshot {
    const rev = this.db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number | undefined;
    if (this.cache && this.cache.revision === (rev ?? 0)) return this.cache;
    this.cache = loadInventory(this.db);
    return this.cache;
  }

  /**
   * One page of the estate for the console (VMs by name; the first page also carries everything else).
   * Pages are kept per revision, so every window that opens answers the same objects and the headless
   * host reuses their JSON.
   */
  page(offset: number, limit: number): InventoryPage {
    const snapshot = this.snapshot();
    if (this.paging?.snapshot !== snapshot) this.paging = { snapshot, ordered: vmsInConsoleOrder(snapshot.inventory.vms), pages: new Map() };
    const key = `${offset}:${limit}`;
    let page = this.paging.pages.get(key);
    if (!page) {
      page = inventoryPage(snapshot.revision, snapshot.meta, snapshot.inventory, this.paging.ordered, offset, limit);
      // The console asks for the same few pages; a client asking for every odd offset must not grow this without end.
      if (this.paging.pages.size < MAX_CACHED_PAGES) this.paging.pages.set(key, page);
    }
    return page;
  }

  /** How many pages of the current revision are kept (for tests). */
  pagesKept(): number {
    return this.paging?.pages.size ?? 0;
  }

  /**
   * Records a completed move and answers the new revision. The cached snapshot takes the same change
   * in memory when nothing else changed the estate meanwhile, so a move on a 25,000-VM estate doesn't
   * read it all back.
   */
  applyMove(move: CompletedMove): number {
    const before = this.cache;
    const revision = applyCompletedMove(this.db, move);
    if (before && before.revision === revision - 1) {
      const inventory = withCompletedMove(before.inventory, move);
      this.cache = inventory ? { ...before, revision, inventory } : null;
    }
    return revision;
  }

  /**
   * Records hosts' new live-migration settings and answers the new revision; the cached snapshot
   * takes the same change in memory when nothing else changed the estate meanwhile, so Select Host
   * and the scheduler see it at their next look.
   */
  applyHostSettings(updates: readonly HostSettingsUpdate[]): number {
    const before = this.cache;
    const revision = updateHostLiveMigration(this.db, updates);
    if (before && before.revision === revision - 1) {
      const inventory = withHostSettings(before.inventory, updates);
      this.cache = inventory ? { ...before, revision, inventory } : null;
    }
    return revision;
  }

  /**
   * Replaces the estate with a changed copy of itself (the lab adding or removing its host group),
   * keeping where it came from, and tells the windows.
   */
  replaceEstate(doc: InventoryDocument): number {
    const meta = this.snapshot().meta;
    const revision = replaceInventory(this.db, doc, meta?.origin ?? 'Lab', new Date());
    this.hub.emit('inventory.changed', { revision, meta: this.snapshot().meta });
    return revision;
  }

  /**
   * The named VMs and hosts as the estate holds them at `revision`, for the `inventory.changed` event of
   * the change that made that revision; undefined unless the cached snapshot is at it (windows then fetch
   * the whole estate).
   */
  delta(revision: number, vms: readonly string[], hosts: readonly string[]): InventoryDelta | undefined {
    const cache = this.cache;
    if (!cache || cache.revision !== revision) return undefined;
    const pick = <T extends { name: string }>(list: readonly T[], names: readonly string[]): T[] | null => {
      const keys = new Set(names.map(nameKey));
      const found = list.filter((x) => keys.has(nameKey(x.name)));
      return found.length === keys.size ? found : null;
    };
    const v = pick(cache.inventory.vms, vms);
    const h = pick(cache.inventory.hosts, hosts);
    return v && h ? { base: revision - 1, vms: v, hosts: h } : undefined;
  }

  /** Records a VM's placement rules (VM Properties) and tells the windows. */
  vmPlacementSet(vm: Vm): number {
    const revision = updateVmPlacement(this.db, vm);
    this.changed(revision, (doc) => ({ ...doc, vms: doc.vms.map((v) => (nameKey(v.name) === nameKey(vm.name) ? vm : v)) }), [vm.name], []);
    return revision;
  }

  /** Replaces the estate's affinity rules and tells the windows, which read the estate again (a delta carries no rules). */
  /**
   * Edits the affinity rules against the rules in the database now, in one write transaction: the edit reads the
   * estate, answers the new list (or why it can't), and the list is written before any other process may write. Two
   * processes editing rules at once each keep the other's change.
   */
  affinityRulesEdit(edit: (doc: InventoryDocument) => Result<readonly AffinityRule[]>): Result<number> {
    return this.db
      .transaction((): Result<number> => {
        const rules = edit(this.snapshot().inventory);
        return rules.ok ? ok(this.affinityRulesSet(rules.value)) : rules;
      })
      .immediate();
  }

  /** Replaces the affinity rules with `rules` and tells the windows; answers the new revision. */
  affinityRulesSet(rules: readonly AffinityRule[]): number {
    const revision = replaceAffinityRules(this.db, rules);
    const before = this.cache;
    this.cache = before && before.revision === revision - 1 ? { ...before, revision, inventory: { ...before.inventory, affinityRules: [...rules] } } : null;
    this.hub.emit('inventory.changed', { revision, meta: this.snapshot().meta });
    return revision;
  }

  /** Records a VM's power state (started, saved) and tells the windows; answers false when no VM has that name. */
  vmStateSet(vm: string, state: Vm['state']): boolean {
    const revision = updateVmState(this.db, vm, state);
    if (revision === null) return false;
    this.changed(revision, (doc) => ({ ...doc, vms: doc.vms.map((v) => (nameKey(v.name) === nameKey(vm) ? { ...v, state } : v)) }), [vm], []);
    return true;
  }

  /** Puts a host in or out of maintenance mode; answers false when the inventory has no such host. */
  maintenanceSet(host: string, on: boolean): boolean {
    const revision = updateHostMaintenance(this.db, host, on);
    if (revision === null) return false;
    this.changed(
      revision,
      (doc) => ({ ...doc, hosts: doc.hosts.map((h) => (nameKey(h.name) === nameKey(host) ? { ...h, maintenanceMode: on } : h)) }),
      [],
      [host],
    );
    return true;
  }

  /**
   * After the database made a change at `revision`: the cached snapshot takes it in memory when it held
   * the revision before (so a 25,000-VM estate is not read back for one VM), and the windows are told,
   * with a delta of the VMs and hosts it changed.
   */
  private changed(revision: number, change: (doc: InventoryDocument) => InventoryDocument, vms: readonly string[], hosts: readonly string[]): void {
    const before = this.cache;
    this.cache = before && before.revision === revision - 1 ? { ...before, revision, inventory: change(before.inventory) } : null;
    const delta = this.delta(revision, vms, hosts);
    this.hub.emit('inventory.changed', { revision, meta: this.snapshot().meta, ...(delta ? { delta } : {}) });
  }

  /** Loads the demo estate when the database has never held an estate (first run). */
  async ensureSeeded(): Promise<void> {
    if (this.snapshot().meta === null) {
      const result = await this.loadDemo();
      if (!result.ok) throw new Error(`The built-in demo inventory is invalid: ${JSON.stringify(result.error.detail)}`);
    }
  }

  /** Replaces the estate with the built-in demo. */
  loadDemo(): Promise<Result<ImportSummary>> {
    const text = readFileSync(join(this.resources, DEMO_FILE), 'utf8');
    return this.importText(DEMO_FILE, text, { origin: DEMO_ORIGIN, jobName: say('job.loadDemo') });
  }

  /**
   * Imports a `ferry-inventory` text as a job: validates every rule, then replaces the whole estate
   * in one transaction. A bad file changes nothing and answers every problem found.
   */
  async importText(fileName: string, text: string, label: { origin?: string; jobName?: string | Said } = {}): Promise<Result<ImportSummary>> {
    const started = performance.now();
    const origin = label.origin ?? fileName;
    const job = this.jobs.start('import-inventory', label.jobName ?? say('job.importInventory', { file: fileName }), origin, [
      say('step.readFile'),
      say('step.replaceInventory'),
    ]);
    const progress = (phase: ImportPhase): void => this.hub.emit('import.progress', { phase, fraction: PHASE_FRACTION[phase], fileName });

    progress('parsing');
    await breathe();
    const parsed = parseInventory(text, {
      onPhase: (phase) => progress(phase),
    });
    if (!parsed.ok) {
      const problems = (parsed.error.detail as { problems: ImportProblem[] }).problems;
      this.jobs.finish(job, 'Failed', {
        failedStep: 0,
        error: jobError(firstProblem(parsed.error, problems[0]), sentence('fail.import.action')),
      });
      progress('failed');
      return parsed as Result<never>;
    }
    this.jobs.advance(job, 0);
    progress('writing');
    await breathe();

    const counts = countInventory(parsed.value);
    let revision: number;
    try {
      // The new estate and the job's Completed are one transaction: after a crash the job tells the truth.
      revision = this.jobs.completeWith(
        job,
        say('result.imported', { vms: counts.vms, hosts: counts.hosts, clusters: counts.clusters }),
        (fn) => this.db.transaction(fn),
        () => {
          const r = replaceInventory(this.db, parsed.value, origin, new Date());
          crashPoint('import-before-commit');
          return r;
        },
      );
      crashPoint('import-after-commit');
    } catch (e) {
      this.jobs.finish(job, 'Failed', {
        failedStep: 1,
        error: jobError(sentence('fail.dbWrite', { message: (e as Error).message }), sentence('fail.dbWrite.import')),
      });
      progress('failed');
      return err('database-error', `The inventory could not be written: ${(e as Error).message}`);
    }
    progress('done');
    // Only the meta is read back: the estate itself is read when a window or a command asks for it, so
    // `ferry import` of a 45,000-VM estate doesn't read it all back before it exits.
    this.hub.emit('inventory.changed', { revision, meta: loadInventoryMeta(this.db).meta });
    return ok({ origin, counts, jobId: job.id, durationMs: Math.round(performance.now() - started) });
  }
}

/** A refused file's problem as a job says it: the error's sentence, then the first problem with where it is. */
export function firstProblem(error: { message: string; text?: Text }, first: ImportProblem | undefined): Text {
  const summary = error.text ?? error.message;
  if (!first) return sentence('list', { items: summary });
  return first.path
    ? sentence('fail.import.first', { summary, path: first.path, problem: first.text ?? first.message })
    : sentence('fail.import.firstNoPath', { summary, problem: first.text ?? first.message });
}
