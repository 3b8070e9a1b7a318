import { say } from '../../shared/i18n/text.js';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { AppInfo, InvokeArgs, InvokeChannel, InvokeResults } from '../../shared/contract/invoke.js';
import { validateRequest } from '../../shared/contract/validate.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import { JobRepository } from '../infra/db/job-repository.js';
import { openDatabase, type Db } from '../infra/db/open.js';
import { SettingsRepository } from '../infra/db/settings-repository.js';
import { resourcesDir } from '../infra/paths.js';
import { EventHub } from './event-hub.js';
import { runDoctor } from './doctor.js';
import { InventoryService } from './inventory-service.js';
import { JobService } from './job-service.js';
import { MigrationService } from './migration-service.js';
import { HostSettingsService } from './host-settings-service.js';
import { SchedulerService } from './scheduler-service.js';
import type { UiSettings } from '../../shared/model/settings.js';
import { DatabaseWatcher } from './database-watcher.js';
import { RunnerRepository, type RunnerKind } from '../infra/db/runner-repository.js';
import { SimulatorConnector, type SimulatorOptions } from '../infra/connectors/simulator/simulator-connector.js';
import type { HostConnector } from '../domain/connector/host-connector.js';
import type { Host, InventoryDocument } from '../../shared/model/inventory.js';
import { noSecretStore, type SecretStore } from '../domain/connector/secret-store.js';
import { ConnectionRepository } from '../infra/db/connection-repository.js';
import { HyperVConnector } from '../infra/connectors/hyperv/hyperv-connector.js';
import { PowerShellRunner, type PowerShellRunnerOptions } from '../infra/connectors/hyperv/powershell-runner.js';
import { RoutingConnector, type ConnectorRoute } from '../infra/connectors/routing-connector.js';
import { QemuConnector } from '../infra/connectors/qemu/qemu-connector.js';
import { LabStore } from '../infra/connectors/qemu/lab-store.js';
import { isLabHost } from '../domain/lab/lab-estate.js';
import { LabService } from './lab-service.js';
import { PlanService } from './plan-service.js';
import { DEFAULT_OPTIMIZE_THRESHOLDS } from '../../shared/model/optimize.js';
import { JobGroupRepository } from '../infra/db/job-group-repository.js';
import { ConnectionService } from './connection-service.js';
import { InventoryRefreshService } from './inventory-refresh-service.js';
import { FileLog, logPathFor, noLog, type Logger } from '../infra/log/file-log.js';
import type { Job } from '../../shared/model/job.js';
import { PlacementRulesService } from './placement-rules-service.js';

/** Everything the transports and the CLI need, wired once per process. */
export interface AppServices {
  db: Db;
  databasePath: string;
  hub: EventHub;
  jobs: JobRepository;
  /** Jobs that run inside this process (imports, settings, starts). */
  jobService: JobService;
  settings: SettingsRepository;
  inventory: InventoryService;
  migration: MigrationService;
  scheduler: SchedulerService;
  /** Hyper-V Settings: read a host's live-migration settings, apply a change as a job. */
  hostSettings: HostSettingsService;
  /** Placement-rule edits from the console: a VM's owners and availability sets, affinity rules. */
  placementRules: PlacementRulesService;
  /** Host groups' connection settings: simulator or Hyper-V, local PowerShell or WinRM over HTTPS. */
  connections: ConnectionService;
  /** Inventory refresh from a host group's Hyper-V hosts. */
  refresh: InventoryRefreshService;
  /** The QEMU lab: start, status, stop. */
  lab: LabService;
  /** Plans of many moves, job groups, maintenance mode. */
  plans: PlanService;
  /** The preferences, with the simulator speed in effect (a `--speed` flag overrides the setting). */
  settingsGet(): UiSettings;
  /** Changes preferences; a new simulator speed applies at once, to moves in flight too. */
  settingsSet(change: Partial<UiSettings>): UiSettings;
  /** The log file next to the database: ended jobs, internal errors with their stacks. */
  log: Logger;
  /** Cancels this process's moves in flight (the VMs stay on their sources), then closes the database. */
  close(): Promise<void>;
}

/** Options for `createAppServices`. */
export interface AppServicesOptions {
  databasePath: string;
  /** Load the demo estate if the database has never held one (the app does; the CLI doesn't need to). */
  seedDemo?: boolean;
  resources?: string;
  /**
   * Run moves in this process: `app` for the desktop app and the headless host (which also watch
   * the database for other processes' work), `cli` for one `ferry` command. Without it, moves are
   * only queued, and a running app picks them up.
   */
  runner?: RunnerKind;
  /**
   * The host connector. By default each action goes to the simulator or the Hyper-V connector by its
   * host group's connection settings (the simulator for groups nobody set).
   */
  connector?: (inventory: () => InventoryDocument) => HostConnector;
  /** Where passwords are encrypted: the desktop app's safeStorage; none in the headless host and the CLI. */
  secretStore?: SecretStore;
  /** How the Hyper-V connector starts PowerShell (tests point it at pwsh and the stub modules). */
  powershell?: PowerShellRunnerOptions;
  /** Seconds between the Hyper-V connector's polls of a move (default 2; tests poll faster). */
  hypervPollSeconds?: number;
  /** The simulator's time compression (1 = real time); default: the `simulator.speed` setting. */
  speed?: number;
  /** The built-in simulator's clock, faults and model constants (tests set them). */
  simulator?: Omit<SimulatorOptions, 'speed'>;
  /** Where the log goes (default: next to the database; none for `:memory:`). */
  log?: Logger;
  /** The QEMU lab: its folder (default: next to the database), the guest's cache, its progress timeout. */
  lab?: { root?: string; guestDir?: string; stallSeconds?: number; pollMs?: number; qemuBinary?: string };
}

/** The lab's folder for a database: `ferry.db` keeps its lab in `ferry-lab` beside it. */
export function labRootFor(databasePath: string): string {
  return join(dirname(databasePath), `${basename(databasePath).replace(/\.[^.]*$/, '')}-lab`);
}

/** Opens the database and wires the services over it. */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const db = openDatabase(options.databasePath);
  const log = options.log ?? (options.databasePath === ':memory:' ? noLog : new FileLog(logPathFor(options.databasePath)));
  const hub = new EventHub();
  logEndedJobs(hub, log);
  const jobs = new JobRepository(db);
  const settings = new SettingsRepository(db);
  // Every process is registered, so a later start can tell its jobs from those of a process that died.
  const runners = new RunnerRepository(db);
  const processId = randomUUID();
  runners.register(options.runner ?? 'cli', processId);
  const jobService = new JobService(jobs, hub, processId);
  jobService.reconcile((id) => runners.alive(id));
  const inventory = new InventoryService(db, jobService, hub, options.resources ?? resourcesDir());
  if (options.seedDemo) await inventory.ensureSeeded();
  const current = (): InventoryDocument => inventory.snapshot().inventory;
  let speed = options.speed ?? settings.getSimulatorSpeed();
  const connections = new ConnectionService(new ConnectionRepository(db), options.secretStore ?? noSecretStore, current);
  const hyperv = new HyperVConnector({
    inventory: current,
    runner: new PowerShellRunner(options.powershell),
    targetFor: (g) => connections.targetFor(g),
    pollSeconds: options.hypervPollSeconds,
  });
  const simulator = new SimulatorConnector(current, { ...options.simulator, speed });
  const labRoot = options.lab?.root ?? labRootFor(options.databasePath);
  const qemu = new QemuConnector({
    inventory: current,
    store: new LabStore(labRoot),
    stallSeconds: options.lab?.stallSeconds,
    pollMs: options.lab?.pollMs,
    binary: options.lab?.qemuBinary,
  });
  const routeOf = (h: Host): ConnectorRoute => (isLabHost(h) ? 'qemu' : connections.connectorOf(h.hostGroup));
  const connector = options.connector?.(current) ?? new RoutingConnector(current, routeOf, { simulator, hyperv, qemu });
  const refresh = new InventoryRefreshService(db, inventory, jobService, hub, connections, hyperv);
  const scheduler = new SchedulerService(db, inventory, jobs, runners, hub, connector, processId);
  const starter =
    connector instanceof RoutingConnector
      ? { startsOnHost: (h: string) => connector.kindFor(h) !== 'simulator', vmStart: (vm: string, h: string) => connector.vmStart(vm, h) }
      : null;
  const migration = new MigrationService(db, inventory, jobService, hub, scheduler, starter);
  const hostSettings = new HostSettingsService(inventory, jobService, hub, scheduler, connector);
  const placementRules = new PlacementRulesService(inventory, jobService, connector);
  const plans = new PlanService(
    inventory,
    jobs,
    jobService,
    new JobGroupRepository(db),
    scheduler,
    hub,
    (vm, host) => connector.vmSave(vm, host),
    (vm) => migration.startVm(vm),
    () => settings.getOptimizeThresholds(),
  );
  const lab = new LabService({ root: labRoot, guestDir: options.lab?.guestDir, binary: options.lab?.qemuBinary }, inventory, jobService, scheduler);
  await scheduler.reconcile();
  let watcher: DatabaseWatcher | null = null;
  if (options.runner) {
    await scheduler.open(options.runner);
    watcher = new DatabaseWatcher(db, jobs, inventory, scheduler, hub);
    watcher.start();
  }
  return {
    db,
    databasePath: options.databasePath,
    log,
    hub,
    jobs,
    jobService,
    settings,
    inventory,
    migration,
    scheduler,
    hostSettings,
    placementRules,
    connections,
    refresh,
    lab,
    plans,
    settingsGet: () => ({ ...settings.getUi(), simulatorSpeed: speed }),
    settingsSet: (change) => {
      const next = settings.setUi(change);
      if (change.simulatorSpeed !== undefined) {
        speed = change.simulatorSpeed;
        simulator.speedSet(speed);
      }
      return { ...next, simulatorSpeed: speed };
    },
    close: async () => {
      // A settings job in flight finishes and is recorded before the database closes.
      await hostSettings.idle();
      await placementRules.idle();
      watcher?.stop();
      if (options.runner) await scheduler.close();
      runners.unregister(processId);
      hub.flush();
      db.close();
    },
  };
}

/**
 * Writes each job's end to the log once: what it was, how it ended, and for a failure its problem and
 * recommended action (what the Jobs pane shows, kept after the history is long).
 */
function logEndedJobs(hub: EventHub, log: Logger): void {
  if (log.path === null) return;
  const logged = new Set<string>();
  hub.subscribe((events) => {
    for (const e of events) {
      if (e.name !== 'jobs.changed') continue;
      for (const job of (e.payload as { jobs: Job[] }).jobs) {
        if (!job.endedAt || logged.has(job.id)) continue;
        logged.add(job.id);
        const what = `Job ${job.id} "${job.name}" (${job.kind}, target ${job.target}) ended ${job.status}`;
        if (job.status === 'Failed')
          log.log('warn', `${what}: ${job.error?.problem ?? 'no problem recorded'} Recommended action: ${job.error?.recommendedAction ?? '-'}`);
        else log.log('info', job.summary ? `${what}: ${job.summary}` : what);
      }
    }
  });
}

/** The handler of each request channel. */
export type Handlers = { [C in InvokeChannel]: (args: InvokeArgs[C]) => Promise<Result<InvokeResults[C]>> | Result<InvokeResults[C]> };

/** Facts about the process that `app.info` reports. */
export interface HostFacts {
  transport: AppInfo['transport'];
  systemLocale: string;
}

const appVersion = (): string => (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/**
 * Binds every channel of the contract to the services. A handler that throws (an internal error, not
 * an answer) has its stack written to the log before `dispatch` turns it into `internal-error`.
 */
export function createHandlers(s: AppServices, facts: HostFacts): Handlers {
  return loggingThrows(channelHandlers(s, facts), s.log);
}

/** Wraps each handler so what it throws reaches the log with its stack, then goes on to `dispatch`. */
function loggingThrows(handlers: Handlers, log: Logger): Handlers {
  const wrapped: Record<string, (a: unknown) => Promise<Result<unknown>>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (a: unknown) => Promise<Result<unknown>> | Result<unknown>][]) {
    wrapped[channel] = async (a) => {
      try {
        return await handler(a);
      } catch (e) {
        log.log('error', `Internal error in ${channel}`, e);
        throw e;
      }
    };
  }
  return wrapped as unknown as Handlers;
}

function channelHandlers(s: AppServices, facts: HostFacts): Handlers {
  const version = appVersion();
  return {
    'inventory.get': () => ok(s.inventory.snapshot()),
    'inventory.page': ({ offset, limit }) => ok(s.inventory.page(offset, limit)),
    'inventory.import': (a) => s.inventory.importText(a.fileName, a.content),
    'inventory.loadDemo': () => s.inventory.loadDemo(),
    'jobs.list': (a) => ok(s.jobs.list(a.limit)),
    'jobs.cancel': (a) => s.scheduler.cancel(a.id),
    'jobs.restart': (a) => s.scheduler.restart(a.id),
    'settings.get': () => ok(s.settingsGet()),
    'settings.set': (a) => ok(s.settingsSet(a)),
    'app.info': () => ok({ version, transport: facts.transport, databasePath: s.databasePath, systemLocale: facts.systemLocale, logPath: s.log.path }),
    'app.log': (a) => ok({ path: s.log.path, lines: s.log.tail(a.lines) }),
    'app.doctor': async () => ok(await runDoctor({ databasePath: s.databasePath })),
    'placement.selectHosts': (a) => s.migration.selectHosts(a.vm, a.destinationPaths, { explain: a.explain, hosts: a.hosts }),
    'storage.locations': (a) => s.migration.locations(a.host),
    'storage.checkPath': (a) => ok(s.migration.checkPath(a.host, a.path)),
    'storage.checkPlan': (a) => ok(s.migration.checkPlan(a.plan)),
    'script.vmMigration': (a) => s.migration.vmScript(a),
    'script.storageMigration': (a) => s.migration.storageScript(a.plan),
    'migration.submit': (a) => (a.kind === 'vm' ? s.migration.submitVm(a) : s.migration.submitStorage(a.plan, a.addToDefaults)),
    'vm.start': (a) => s.migration.startVm(a.vm),
    'connection.get': (a) => s.connections.get(a.hostGroup),
    'connection.set': (a) => s.connections.set(a),
    'inventory.refresh': (a) => s.refresh.refresh(a.hostGroup),
    'lab.status': async () => ok(await s.lab.status()),
    'lab.start': () => s.lab.start(),
    'plan.create': (a) => s.plans.plan(a.request, a.whatIf),
    'plan.run': (a) => s.plans.run(a.request, a.whatIf),
    'plan.script': (a) => s.plans.script(a.request, a.whatIf),
    'plan.save': (a) => s.plans.planSave(a.name, a.request, a.whatIf, a.optimize),
    'plan.saved': () => ok(s.plans.plansSaved()),
    'groups.list': () => ok(s.plans.groupList()),
    'groups.abort': (a) => s.plans.abort(a.id, a.restore),
    'maintenance.start': (a) => s.plans.maintenanceStart(a.host, a.cannotMove, a.whatIf),
    'maintenance.stop': (a) => s.plans.maintenanceStop(a.host, a.startVms ?? []),
    'maintenance.savedVms': (a) => s.plans.maintenanceSavedVms(a.host),
    'plan.optimize': (a) => s.plans.optimize(a.request, a.whatIf),
    'optimize.thresholds': () => ok({ groups: s.settings.getOptimizeThresholds(), defaults: { ...DEFAULT_OPTIMIZE_THRESHOLDS } }),
    'optimize.thresholdsSet': (a) => {
      const groups = s.inventory.snapshot().inventory.hostGroups;
      const group = a.group.toLowerCase() === 'all hosts' ? 'All Hosts' : groups.find((g) => g.toLowerCase() === a.group.toLowerCase());
      if (!group) return err('host-group-not-found', say('err.noGroupField', { group: a.group }));
      s.settings.setOptimizeThresholds(group, a.thresholds);
      return ok({ groups: s.settings.getOptimizeThresholds(), defaults: { ...DEFAULT_OPTIMIZE_THRESHOLDS } });
    },
    'lab.stop': () => s.lab.stop(),
    'hostSettings.get': (a) => s.hostSettings.get(a.host),
    'hostSettings.apply': (a) => {
      const applied = s.hostSettings.apply(a.target, a.change);
      return applied.ok ? ok(applied.value.job) : applied;
    },
    'placementRules.vmSet': (a) => {
      const r = s.placementRules.vmSet(a.vm, placementFields(a));
      return r.ok ? ok(r.value.job) : r;
    },
    'placementRules.ruleSet': (a) => {
      const r = s.placementRules.ruleSet(a.rule, a.replaces ?? null);
      return r.ok ? ok(r.value.job) : r;
    },
    'placementRules.ruleRemove': (a) => {
      const r = s.placementRules.ruleRemove(a.name);
      return r.ok ? ok(r.value.job) : r;
    },
    'script.placementRules': (a) =>
      'vm' in a
        ? s.placementRules.vmScript(a.vm, placementFields(a))
        : 'rule' in a
          ? s.placementRules.ruleScript({ kind: 'rule-set', rule: a.rule, replaces: a.replaces ?? null })
          : s.placementRules.ruleScript({ kind: 'rule-remove', name: a.name }),
  };
}

/**
 * Validates a request against the contract and runs its handler. Never throws: an unexpected
 * failure becomes an `internal-error` result with its message, so no transport sees exceptions.
 */
export async function dispatch(handlers: Handlers, channel: unknown, args: unknown): Promise<Result<unknown>> {
  let name = 'the request';
  try {
    const checked = validateRequest(channel, args);
    if (!checked.ok) return checked;
    name = checked.value.channel;
    const handler = handlers[checked.value.channel] as (a: unknown) => Promise<Result<unknown>> | Result<unknown>;
    return await handler(checked.value.args);
  } catch (e) {
    return err('internal-error', `Ferry could not complete ${name}: ${(e as Error).message}`);
  }
}

/** A VM's placement fields from a request (lists copied, so the service never holds the request's arrays). */
function placementFields(a: { possibleOwners: readonly string[] | null; preferredOwners: readonly string[]; availabilitySets: readonly string[] }) {
  return {
    possibleOwners: a.possibleOwners === null ? null : [...a.possibleOwners],
    preferredOwners: [...a.preferredOwners],
    availabilitySets: [...a.availabilitySets],
  };
}
