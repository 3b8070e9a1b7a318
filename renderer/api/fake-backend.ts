import type { Backend } from '../../shared/contract/backend.js';
import type { EventContract, EventName } from '../../shared/contract/events.js';
import type { AppInfo, InventorySnapshot, InvokeArgs, InvokeChannel, InvokeResults } from '../../shared/contract/invoke.js';
import type { ImportProblem, ImportSummary } from '../../shared/model/import.js';
import { inventoryPage, vmsInConsoleOrder } from '../../shared/model/inventory-page.js';
import { countInventory, type InventoryDocument, type InventoryMeta } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { assertNever, err, ok, type Result } from '../../shared/model/result.js';
import { DEFAULT_UI_SETTINGS, type UiSettings } from '../../shared/model/settings.js';
import { makeJob } from '../testing/sample-jobs.js';
import { createFakeConnections } from './fake-connections.js';
import { createFakeLab } from './fake-lab.js';
import { fakeHostSettingsApply, fakeHostSettingsGet } from './fake-host-settings.js';

/** What a fake backend starts with. */
export interface FakeBackendSeed {
  inventory: InventoryDocument;
  meta?: InventoryMeta | null;
  /** The estate `inventory.loadDemo` loads; the seed inventory when absent. */
  demo?: InventoryDocument;
  jobs?: Job[];
  settings?: UiSettings;
  systemLocale?: string;
  /** Wait this long between import phases, to watch progress in a browser; 0 in unit tests. */
  phaseDelayMs?: number;
  /**
   * Answers for channels the fake has no behaviour of its own for (Select Host, storage paths, scripts,
   * migration, start). The fake never applies the migration rules: a test seeds the answers it needs.
   * Cancel and Restart act on the seeded jobs as the scheduler would (a running job stays running
   * until the test emits its end).
   */
  handlers?: FakeHandlers;
}

/** A handler that replaces the built-in behaviour of one channel. */
export type FakeHandler<C extends InvokeChannel> = (args: InvokeArgs[C]) => Result<InvokeResults[C]> | Promise<Result<InvokeResults[C]>>;

/** Seeded answers, by channel. */
export type FakeHandlers = { [C in InvokeChannel]?: FakeHandler<C> };

/** An in-memory `Backend` with hooks for tests: emit events, override channels, read the calls made. */
export interface FakeBackend extends Backend {
  /** Every request made, in order. */
  readonly calls: { channel: InvokeChannel; args: unknown }[];
  /** Sends an event to the listeners, as main would. */
  emit<E extends EventName>(event: E, payload: EventContract[E]): void;
  /** Answers a channel with `handler` from now on. */
  override<C extends InvokeChannel>(channel: C, handler: FakeHandler<C>): void;
  /** Replaces the estate (new revision) and emits `inventory.changed`. */
  replaceInventory(doc: InventoryDocument, origin: string): void;
  /** The current snapshot. */
  snapshot(): InventorySnapshot;
  /** Adds or replaces a job (as the scheduler's progress would) and emits `jobs.changed`. */
  putJob(job: Job): void;
}

type AnyListener = (payload: unknown) => void;

/** Checks the little a fake needs to reject a file: the shape, not the references. */
function findProblems(value: unknown): ImportProblem[] {
  if (typeof value !== 'object' || value === null) return [{ path: '', message: 'expected a JSON object' }];
  const doc = value as Record<string, unknown>;
  const problems: ImportProblem[] = [];
  if (doc.format !== 'ferry-inventory') problems.push({ path: 'format', message: 'expected "ferry-inventory"' });
  if (doc.version !== 1) problems.push({ path: 'version', message: 'expected 1' });
  for (const key of ['hostGroups', 'fileShares', 'clusters', 'hosts', 'vms']) {
    if (!Array.isArray(doc[key])) problems.push({ path: key, message: 'expected an array' });
  }
  if (Array.isArray(doc.hosts)) {
    doc.hosts.forEach((h: unknown, i) => {
      const host = h as { name?: unknown; memory?: { availableMB?: unknown } };
      if (typeof host?.name !== 'string') problems.push({ path: `hosts[${i}].name`, message: 'expected a string' });
      if (typeof host?.memory?.availableMB !== 'number') problems.push({ path: `hosts[${i}].memory.availableMB`, message: 'expected a number' });
    });
  }
  return problems;
}

/** Creates an in-memory backend seeded with an inventory. */
export function createFakeBackend(seed: FakeBackendSeed): FakeBackend {
  const listeners = new Map<EventName, Set<AnyListener>>();
  const overrides = new Map<InvokeChannel, (args: unknown) => Result<unknown> | Promise<Result<unknown>>>(
    Object.entries(seed.handlers ?? {}) as [InvokeChannel, (args: unknown) => Result<unknown> | Promise<Result<unknown>>][],
  );
  const calls: { channel: InvokeChannel; args: unknown }[] = [];
  let revision = 1;
  let inventory = seed.inventory;
  let meta: InventoryMeta | null =
    seed.meta === undefined
      ? { origin: 'Built-in demo estate', source: inventory.source, exportedAt: inventory.exportedAt, importedAt: new Date().toISOString() }
      : seed.meta;
  let settings: UiSettings = { ...(seed.settings ?? DEFAULT_UI_SETTINGS) };
  let jobs: Job[] = [...(seed.jobs ?? [])];
  let jobCounter = jobs.length;
  const delay = seed.phaseDelayMs ?? 0;
  const connections = createFakeConnections();
  const lab = createFakeLab();
  const wait = () => (delay > 0 ? new Promise<void>((r) => setTimeout(r, delay)) : Promise.resolve());

  const emit = <E extends EventName>(event: E, payload: EventContract[E]) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };

  const replaceInventory = (doc: InventoryDocument, origin: string) => {
    inventory = doc;
    revision += 1;
    meta = { origin, source: doc.source, exportedAt: doc.exportedAt, importedAt: new Date().toISOString() };
    emit('inventory.changed', { revision, meta });
  };

  const updateJob = (job: Job) => {
    jobs = jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...jobs];
    emit('jobs.changed', { jobs: [job] });
  };

  const recordJob = (name: string, target: string, outcome: 'Completed' | 'Failed', summary: string | null, problem?: string): Job => {
    const now = new Date().toISOString();
    const failed = outcome === 'Failed';
    const job = makeJob(`job-${++jobCounter}`, name, {
      kind: 'import-inventory',
      status: outcome,
      progress: failed ? 40 : 100,
      target,
      createdAt: now,
      startedAt: now,
      endedAt: now,
      steps: [
        { name: 'Read the inventory file', status: 'Completed', progress: 100 },
        { name: 'Validate the inventory', status: outcome, progress: failed ? 40 : 100 },
        { name: 'Replace the estate', status: failed ? 'Canceled' : 'Completed', progress: failed ? 0 : 100 },
      ],
      error: failed ? { problem: problem ?? 'The inventory is not valid.', recommendedAction: 'Correct the fields listed and import the file again.' } : null,
      summary,
    });
    jobs = [job, ...jobs];
    emit('jobs.changed', { jobs: [job] });
    return job;
  };

  const runImport = async (fileName: string, doc: InventoryDocument): Promise<Result<ImportSummary>> => {
    const started = Date.now();
    for (const [phase, fraction] of [
      ['parsing', 0.3],
      ['validating', 0.6],
      ['writing', 0.85],
    ] as const) {
      emit('import.progress', { phase, fraction, fileName });
      await wait();
    }
    replaceInventory(doc, fileName);
    const counts = countInventory(doc);
    const job = recordJob(`Import inventory ${fileName}`, fileName, 'Completed', `Imported ${counts.vms} VMs on ${counts.hosts} hosts`);
    emit('import.progress', { phase: 'done', fraction: 1, fileName });
    return ok({ origin: fileName, counts, jobId: job.id, durationMs: Date.now() - started });
  };

  const builtIn = async (channel: InvokeChannel, args: unknown): Promise<Result<unknown>> => {
    switch (channel) {
      case 'inventory.get':
        return ok({ revision, meta, inventory });
      case 'inventory.page': {
        const { offset, limit } = args as InvokeArgs['inventory.page'];
        return ok(inventoryPage(revision, meta, inventory, vmsInConsoleOrder(inventory.vms), offset, limit));
      }
      case 'inventory.import': {
        const { fileName, content } = args as InvokeArgs['inventory.import'];
        emit('import.progress', { phase: 'parsing', fraction: 0.1, fileName });
        await wait();
        let parsed: unknown;
        try {
          parsed = JSON.parse(content);
        } catch (error) {
          const problems = [{ path: '', message: `not valid JSON: ${String(error)}` }];
          recordJob(`Import inventory ${fileName}`, fileName, 'Failed', null, 'The file is not valid JSON.');
          emit('import.progress', { phase: 'failed', fraction: 1, fileName });
          return err('inventory-invalid', `${fileName} is not a valid inventory.`, { problems });
        }
        const problems = findProblems(parsed);
        if (problems.length > 0) {
          recordJob(`Import inventory ${fileName}`, fileName, 'Failed', null, `${problems.length} problems were found in the file.`);
          emit('import.progress', { phase: 'failed', fraction: 1, fileName });
          return err('inventory-invalid', `${fileName} is not a valid inventory.`, { problems });
        }
        return runImport(fileName, parsed as InventoryDocument);
      }
      case 'inventory.loadDemo':
        return runImport('Built-in demo estate', seed.demo ?? seed.inventory);
      case 'jobs.list': {
        const limit = (args as InvokeArgs['jobs.list']).limit ?? 200;
        return ok(jobs.slice(0, limit));
      }
      case 'settings.get':
        return ok({ ...settings });
      case 'settings.set':
        settings = { ...settings, ...(args as InvokeArgs['settings.set']) };
        return ok({ ...settings });
      case 'app.info': {
        const info: AppInfo = {
          version: '0.1.0-fake',
          transport: 'electron',
          databasePath: ':memory:',
          systemLocale: seed.systemLocale ?? 'en-US',
          logPath: null,
        };
        return ok(info);
      }
      case 'app.log':
        return ok({ path: null, lines: [] });
      case 'app.doctor':
        return ok({ ok: true, checks: [] });
      case 'placement.selectHosts':
      case 'storage.locations':
      case 'storage.checkPath':
      case 'storage.checkPlan':
      case 'script.vmMigration':
      case 'script.storageMigration':
      case 'jobs.cancel': {
        // As the scheduler: a queued job ends at once; a running one ends when its move stops (a test emits that).
        const job = jobs.find((j) => j.id === (args as InvokeArgs['jobs.cancel']).id);
        if (!job) return err('job-not-found', `No job has the id ${(args as InvokeArgs['jobs.cancel']).id}.`);
        if (job.status !== 'Queued' && job.status !== 'Running') {
          return err('job-ended', `${job.name} has already ended (${job.status}); only queued and running jobs can be canceled.`);
        }
        if (job.status === 'Running') return ok({ ...job });
        const canceled: Job = { ...job, status: 'Canceled', waitingFor: null, endedAt: new Date().toISOString(), summary: 'Canceled before it started.' };
        updateJob(canceled);
        return ok(canceled);
      }
      case 'jobs.restart': {
        const job = jobs.find((j) => j.id === (args as InvokeArgs['jobs.restart']).id);
        if (!job) return err('job-not-found', `No job has the id ${(args as InvokeArgs['jobs.restart']).id}.`);
        if (job.status !== 'Failed' && job.status !== 'Canceled') {
          return err('job-not-restartable', `${job.name} is ${job.status}; only failed and canceled jobs can be restarted.`);
        }
        const now = new Date().toISOString();
        const restarted: Job = {
          ...job,
          id: `job-${++jobCounter}`,
          status: 'Queued',
          progress: 0,
          createdAt: now,
          startedAt: null,
          endedAt: null,
          steps: job.steps.map((step) => ({ ...step, status: 'Queued', progress: 0 })),
          error: null,
          summary: null,
          metrics: null,
          restartOf: job.id,
        };
        jobs = [restarted, ...jobs];
        emit('jobs.changed', { jobs: [restarted] });
        return ok(restarted);
      }
      case 'hostSettings.get':
        return fakeHostSettingsGet(inventory, (args as InvokeArgs['hostSettings.get']).host);
      case 'hostSettings.apply': {
        // The backend's checks (shared/), then every host takes the change at once and the job completes.
        const applied = fakeHostSettingsApply(inventory, args as InvokeArgs['hostSettings.apply'], `job-${++jobCounter}`);
        if (!applied.ok) return applied;
        inventory = applied.value.inventory;
        revision += 1;
        emit('inventory.changed', { revision, meta });
        updateJob(applied.value.job);
        return ok(applied.value.job);
      }
      case 'connection.get':
        return connections.get(inventory, args as InvokeArgs['connection.get']);
      case 'connection.set':
        return connections.set(inventory, args as InvokeArgs['connection.set']);
      case 'inventory.refresh':
        return connections.refresh(inventory, args as InvokeArgs['inventory.refresh'], `job-${++jobCounter}`);
      case 'lab.status':
        return lab.status();
      case 'lab.start':
      case 'lab.stop': {
        const done = channel === 'lab.start' ? lab.start(`job-${++jobCounter}`) : lab.stop(`job-${++jobCounter}`);
        if (done.ok) updateJob(done.value.job);
        return done;
      }
      case 'migration.submit':
      case 'vm.start':
      case 'plan.create':
      case 'plan.run':
      case 'plan.script':
      case 'plan.save':
      case 'plan.saved':
      case 'groups.list':
      case 'groups.abort':
      case 'maintenance.start':
      case 'maintenance.stop':
      case 'maintenance.savedVms':
      case 'placementRules.vmSet':
      case 'placementRules.ruleSet':
      case 'placementRules.ruleRemove':
      case 'script.placementRules':
      case 'plan.optimize':
      case 'optimize.thresholds':
      case 'optimize.thresholdsSet':
        return err('fake-not-seeded', `The fake backend has no answer for ${channel}: seed one with handlers or override().`);
      default:
        return assertNever(channel);
    }
  };

  return {
    calls,
    async invoke<C extends InvokeChannel>(channel: C, args: InvokeArgs[C]): Promise<Result<InvokeResults[C]>> {
      calls.push({ channel, args });
      const handler = overrides.get(channel);
      const result = handler ? await handler(args) : await builtIn(channel, args);
      return result as Result<InvokeResults[C]>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventContract[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as AnyListener);
      return () => set.delete(listener as AnyListener);
    },
    emit,
    override<C extends InvokeChannel>(channel: C, handler: FakeHandler<C>): void {
      overrides.set(channel, handler as (args: unknown) => Result<unknown> | Promise<Result<unknown>>);
    },
    replaceInventory,
    snapshot: () => ({ revision, meta, inventory }),
    putJob: updateJob,
  };
}
