/**
 * The names of every request channel and event, with no dependencies, so the preload can check
 * names without loading the schemas. `invoke.ts` and `events.ts` are typed against these lists.
 */
export const INVOKE_CHANNELS = [
  'inventory.get',
  'inventory.page',
  'inventory.import',
  'inventory.loadDemo',
  'jobs.list',
  'jobs.cancel',
  'jobs.restart',
  'settings.get',
  'settings.set',
  'app.info',
  'app.log',
  'app.doctor',
  'placement.selectHosts',
  'storage.locations',
  'storage.checkPath',
  'storage.checkPlan',
  'script.vmMigration',
  'script.storageMigration',
  'migration.submit',
  'vm.start',
  'hostSettings.get',
  'hostSettings.apply',
  'placementRules.vmSet',
  'placementRules.ruleSet',
  'placementRules.ruleRemove',
  'script.placementRules',
  'connection.get',
  'connection.set',
  'inventory.refresh',
  'lab.status',
  'lab.start',
  'lab.stop',
  'plan.create',
  'plan.run',
  'plan.script',
  'plan.save',
  'plan.saved',
  'groups.list',
  'groups.abort',
  'maintenance.start',
  'maintenance.stop',
  'maintenance.savedVms',
  'plan.optimize',
  'optimize.thresholds',
  'optimize.thresholdsSet',
] as const;

/** The names of all request channels. */
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Every event name main may send. */
export const EVENT_NAMES = ['inventory.changed', 'import.progress', 'jobs.changed'] as const;

/** An event name. */
export type EventName = (typeof EVENT_NAMES)[number];

/** Electron IPC channel that carries one request channel (`ferry:inventory.get`). */
export const ipcChannel = (channel: InvokeChannel): string => `ferry:${channel}`;

/** Electron IPC channel that carries batches of events to a window. */
export const IPC_EVENTS_CHANNEL = 'ferry:events';
