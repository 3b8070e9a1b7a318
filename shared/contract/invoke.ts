import { z } from 'zod';
import type { InventoryDocument, InventoryMeta } from '../model/inventory.js';
import type { ImportSummary } from '../model/import.js';
import type { Job } from '../model/job.js';
import type { LabStatus } from '../model/lab.js';
import { AGGRESSIVENESS_VALUES, type OptimizeThresholdSettings } from '../model/optimize.js';
import type { GroupAbort, JobGroup, MaintenanceSavedVms, MaintenanceStop, Plan, PlanRun, SavedPlan } from '../model/plan.js';
import { JOB_LIST_HIDEABLE_COLUMNS, LANGUAGE_VALUES, SIMULATOR_SPEED, THEME_VALUES, VM_LIST_HIDEABLE_COLUMNS, type UiSettings } from '../model/settings.js';
import { AFFINITY_RULE_TYPE_VALUES, AUTHENTICATION_VALUES, PERFORMANCE_OPTION_VALUES } from '../model/inventory.js';
import type { HostSettingsView } from '../model/live-migration-settings.js';
import { CONNECTION_IDENTITY_VALUES, CONNECTION_MODE_VALUES, CONNECTOR_KIND_VALUES } from '../model/connection.js';
import type { ConnectionSettingsView, InventoryRefreshSummary } from '../model/connection.js';
import type { HostRating, PathCheck } from '../model/placement.js';
import type { StorageLocation, StoragePlanCheck } from '../model/storage.js';
import type { DoctorReport } from '../model/doctor.js';
import type { InvokeChannel } from './channels.js';
import { MAX_INVENTORY_PAGE, type InventoryPage } from '../model/inventory-page.js';

/**
 * Largest inventory file Ferry imports (characters). The largest real estate, vCenter scale (2,500 hosts,
 * 45,000 VMs; `npm run gen:inventory -- --hosts 2500 --vms 45000`), is a 26.0 MB file: 100 MiB is 4x that.
 */
export const MAX_IMPORT_CHARS = 100 * 1024 * 1024;

/** The import limit as an admin reads it. */
export const MAX_IMPORT_LABEL = '100 MiB';

const none = z.object({}).strict();
const objectName = z.string().trim().min(1).max(255);
/** A VM's placement rules as VM Properties edits them. */
const vmPlacementSchema = z
  .object({
    vm: objectName,
    possibleOwners: z.array(objectName).max(1024).nullable(),
    preferredOwners: z.array(objectName).max(1024),
    availabilitySets: z.array(objectName).max(1024),
  })
  .strict();
const ruleSetSchema = z
  .object({
    rule: z.object({ name: objectName, type: z.enum(AFFINITY_RULE_TYPE_VALUES), vms: z.array(objectName).max(10_000), required: z.boolean() }).strict(),
    replaces: objectName.nullable().optional(),
  })
  .strict();
const ruleRemoveSchema = z.object({ name: objectName }).strict();
const storagePath = z.string().trim().min(1).max(1024);
const performanceOption = z.enum(PERFORMANCE_OPTION_VALUES);

/** A Migrate Storage plan: the whole VM to one location, or chosen VHDs each to a folder. */
export const storageMovePlanSchema = z.discriminatedUnion('scope', [
  z.object({ vm: objectName, scope: z.literal('whole-vm'), path: storagePath }).strict(),
  z
    .object({
      vm: objectName,
      scope: z.literal('per-disk'),
      configurationPath: storagePath.nullable(),
      disks: z
        .array(z.object({ path: storagePath, destination: storagePath }).strict())
        .min(1)
        .max(256),
    })
    .strict(),
]);

/** A move the Migrate Virtual Machine wizard asks for. */
export const vmMigrationSchema = z
  .object({
    vm: objectName,
    destinationHost: objectName,
    /** Where storage goes when it moves (Live (VSM), Network); default: the destination's default location. */
    destinationPath: storagePath.nullable().optional(),
    /** Overrides the hosts' own performance option for this move. */
    performanceOption: performanceOption.nullable().optional(),
    /** After the move succeeds, add `destinationPath` to the destination's default storage locations. */
    addToDefaults: z.boolean().optional(),
    /**
     * VHDs placed individually when storage moves (Live (VSM), Network): each VHD's folder on the destination,
     * as the storage plan's `disks` give them. VHDs not listed go with the VM to `destinationPath\VM name`.
     */
    diskDestinations: z
      .array(z.object({ path: storagePath, destination: storagePath }).strict())
      .max(256)
      .nullable()
      .optional(),
  })
  .strict();

/**
 * A change to hosts' Hyper-V settings: the types here; ranges, addresses and the rules between fields
 * are checked by shared/model/live-migration-settings.ts, so the reasons are the dialog's.
 */
export const liveMigrationChangeSchema = z
  .object({
    enabled: z.boolean().optional(),
    maxLive: z.number().optional(),
    maxStorage: z.number().optional(),
    performanceOption: performanceOption.optional(),
    authentication: z.enum(AUTHENTICATION_VALUES).optional(),
    useAnyNetwork: z.boolean().optional(),
    networks: z.array(z.string().max(100)).max(256).optional(),
  })
  .strict();

/** What a settings change applies to: one host, every host under a host group, or every node of a cluster. */
export const settingsTargetSchema = z.union([
  z.object({ host: objectName }).strict(),
  z.object({ hostGroup: z.string().trim().min(1).max(1024) }).strict(),
  z.object({ cluster: objectName }).strict(),
]);

/** What to plan: chosen VMs (to a host or `auto`, with per-VM changes), or a host's evacuation. */
export const planRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('vms'),
      vms: z.array(objectName).min(1).max(10_000),
      to: objectName,
      perVm: z.record(objectName, objectName).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('evacuate'), host: objectName, cannotMove: z.enum(['save', 'leave']) }).strict(),
]);

/** A plan's what-if controls: per-host limits, one performance option, a bandwidth cap, or VMM's naive order. */
export const planWhatIfSchema = z
  .object({
    limits: z.record(objectName, z.object({ live: z.number().optional(), storage: z.number().optional() }).strict()).optional(),
    performanceOption: performanceOption.nullable().optional(),
    bandwidthCapGbps: z.number().positive().max(10_000).nullable().optional(),
    naive: z.boolean().optional(),
  })
  .strict();

const planArgs = z.object({ request: planRequestSchema, whatIf: planWhatIfSchema.optional() }).strict();

/** What Optimize Hosts is asked: a cluster or a host group, how aggressive, whether standalone hosts with shared storage take part. */
export const optimizeRequestSchema = z
  .object({
    scope: z.union([z.object({ cluster: objectName }).strict(), z.object({ group: z.string().trim().min(1).max(1024) }).strict()]),
    aggressiveness: z.enum(AGGRESSIVENESS_VALUES),
    allowStandalone: z.boolean().optional(),
  })
  .strict();

/** A host group's Optimize Hosts thresholds: free memory and free CPU, percent from 0 to 90. */
export const optimizeThresholdsSchema = z
  .object({
    memoryFreePercent: z.number().min(0, 'memoryFreePercent: a percent from 0 to 90').max(90, 'memoryFreePercent: a percent from 0 to 90'),
    cpuFreePercent: z.number().min(0, 'cpuFreePercent: a percent from 0 to 90').max(90, 'cpuFreePercent: a percent from 0 to 90'),
  })
  .strict();

/**
 * Argument schemas of every renderer-to-main request. The main side validates each request against
 * its schema before any service sees it.
 */
export const invokeSchemas = {
  /** The whole inventory, for the host tree, VM list and details. */
  'inventory.get': none,
  /**
   * One page of the estate for the console, VMs by name from `offset`; the page at 0 also carries the
   * hosts, clusters and the rest, so the console paints its first rows before a large estate has arrived.
   */
  'inventory.page': z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(MAX_INVENTORY_PAGE) }).strict(),
  /** Import a `ferry-inventory` document; replaces the estate as a whole, keeps job history. */
  'inventory.import': z
    .object({
      fileName: z.string().min(1).max(260),
      content: z.string().max(MAX_IMPORT_CHARS, `the file is larger than the ${MAX_IMPORT_LABEL} Ferry imports`),
    })
    .strict(),
  /** Replace the estate with the built-in demo inventory. */
  'inventory.loadDemo': none,
  /** Recent jobs, newest first. */
  'jobs.list': z.object({ limit: z.number().int().min(1).max(10000).optional() }).strict(),
  /** Cancels a queued or running job (a canceled live migration leaves the VM running on its source). */
  'jobs.cancel': z.object({ id: z.string().min(1).max(64) }).strict(),
  /** Restarts a failed or canceled move as a new job, from where the VM is now. */
  'jobs.restart': z.object({ id: z.string().min(1).max(64) }).strict(),
  /** The console's preferences. */
  'settings.get': none,
  /** Change some of the console's preferences. */
  'settings.set': z
    .object({
      language: z.enum(LANGUAGE_VALUES).optional(),
      theme: z.enum(THEME_VALUES).optional(),
      simulatorSpeed: z.number().min(SIMULATOR_SPEED.min).max(SIMULATOR_SPEED.max).optional(),
      hiddenColumns: z
        .object({
          vms: z.array(z.enum(VM_LIST_HIDEABLE_COLUMNS)).max(VM_LIST_HIDEABLE_COLUMNS.length),
          jobs: z.array(z.enum(JOB_LIST_HIDEABLE_COLUMNS)).max(JOB_LIST_HIDEABLE_COLUMNS.length),
        })
        .strict()
        .optional(),
    })
    .strict(),
  /** Facts about the running backend. */
  'app.info': none,
  /** Help > Log: the log file's path and its last lines. */
  'app.log': z.object({ lines: z.number().int().min(1).max(2000).optional() }).strict(),
  'app.doctor': none,
  /** Select Host: every other host rated for the VM, with reasons, warnings and explanations. */
  'placement.selectHosts': z
    .object({
      vm: objectName,
      destinationPaths: z.record(z.string(), storagePath).optional(),
      /** false: rows without their explanations (a grid of thousands of hosts); ask for a row's with `hosts`. Default true. */
      explain: z.boolean().optional(),
      /** Only these hosts' rows (still rated among all hosts, as the placement rules compare them). */
      hosts: z.array(objectName).max(100).optional(),
    })
    .strict(),
  /** Browse on Select Path: a host's default locations, volumes, CSVs and reachable SMB 3 shares. */
  'storage.locations': z.object({ host: objectName }).strict(),
  /** Checks a typed storage path on a host (absolute, FQDN for SMB, on a known volume). */
  'storage.checkPath': z.object({ host: objectName, path: z.string().max(1024) }).strict(),
  /** Checks a Migrate Storage plan before Move. */
  'storage.checkPlan': z.object({ plan: storageMovePlanSchema }).strict(),
  /** View Script for a VM migration. */
  'script.vmMigration': vmMigrationSchema,
  /** View Script for a storage migration. */
  'script.storageMigration': z.object({ plan: storageMovePlanSchema }).strict(),
  /** Move: hands a VM or storage migration to the backend, which checks it again and records it as a job. */
  'migration.submit': z.discriminatedUnion('kind', [
    vmMigrationSchema.extend({ kind: z.literal('vm') }).strict(),
    z.object({ kind: z.literal('storage'), plan: storageMovePlanSchema, addToDefaults: z.boolean().optional() }).strict(),
  ]),
  /** Starts a VM that is not running (the wizard's "Start the machine" prompt). */
  'vm.start': z.object({ vm: objectName }).strict(),
  /** Hyper-V Settings: a host's live-migration settings, as the format's `liveMigration` object names them. */
  'hostSettings.get': z.object({ host: objectName }).strict(),
  /**
   * Hyper-V Settings > OK: applies a change to a host, or to every host of a host group or cluster, as
   * one job. An invalid value refuses the whole change (`settings-invalid`, every problem in `detail.problems`).
   */
  'hostSettings.apply': z.object({ target: settingsTargetSchema, change: liveMigrationChangeSchema }).strict(),
  /** VM Properties > Placement > OK: a VM's possible owners (null: every node), preferred owners and availability sets, as a job. */
  'placementRules.vmSet': vmPlacementSchema,
  /** Adds an affinity rule, or replaces the one named `replaces` (a cluster's Properties, Keep apart…), as a job. */
  'placementRules.ruleSet': ruleSetSchema,
  /** Removes an affinity rule, as a job. */
  'placementRules.ruleRemove': ruleRemoveSchema,
  /** View Script for VM Properties > Placement, or for an affinity-rule edit: the cmdlets the change runs on the cluster. */
  'script.placementRules': z.union([vmPlacementSchema, ruleSetSchema, ruleRemoveSchema]),
  /** Host > Connection Settings: how a host group's hosts are reached (never the password itself). */
  'connection.get': z.object({ hostGroup: z.string().trim().min(1).max(1024) }).strict(),
  /**
   * Changes a host group's connection settings. A password is encrypted by the desktop app's secret
   * store before it is stored, and refused where there is none (`connection-invalid`, `detail.problems`).
   */
  'connection.set': z
    .object({
      hostGroup: z.string().trim().min(1).max(1024),
      connector: z.enum(CONNECTOR_KIND_VALUES).optional(),
      mode: z.enum(CONNECTION_MODE_VALUES).optional(),
      identity: z.enum(CONNECTION_IDENTITY_VALUES).optional(),
      userName: z.string().max(360).nullable().optional(),
      password: z.string().max(1024).nullable().optional(),
    })
    .strict(),
  /** Reads a host group's Hyper-V hosts into the inventory, as a job. */
  'inventory.refresh': z.object({ hostGroup: z.string().trim().min(1).max(1024) }).strict(),
  /** The QEMU lab: its hosts, its VMs and where each runs, QEMU's version, its folder. */
  'lab.status': none,
  /** Starts the QEMU lab (QEMU checked, guest built, VMs booted, the Lab host group added), as a job. */
  'lab.start': none,
  /** Stops the QEMU lab (its moves canceled, its processes ended, its files and host group removed), as a job. */
  'lab.stop': none,
  /** Plans many moves on the current inventory: destinations, order, predicted times, the window and its lower bound. */
  'plan.create': planArgs,
  /** Plans again on the current inventory and runs it: one job group, a job per move (an evacuation: maintenance mode first). */
  'plan.run': planArgs,
  /** The plan as one PowerShell script. */
  'plan.script': planArgs,
  /** Plans again and saves the plan under a name, to compare with another. */
  'plan.save': z
    .object({
      name: z.string().trim().min(1).max(200),
      request: planRequestSchema,
      whatIf: planWhatIfSchema.optional(),
      /** An Optimize Hosts plan: saved as Optimize Hosts answers it again, with its balance and reasons. */
      optimize: optimizeRequestSchema.optional(),
    })
    .strict(),
  /** Saved plans, newest first. */
  'plan.saved': none,
  /** Job groups (plan runs, evacuations, restores), newest first. */
  'groups.list': none,
  /** Aborts a group: cancels what has not finished; with `restore`, moves back the VMs it had moved. */
  'groups.abort': z.object({ id: z.string().min(1).max(64), restore: z.boolean() }).strict(),
  /** Start Maintenance Mode: evacuates the host as a group (preview it with plan.create). */
  'maintenance.start': z.object({ host: objectName, cannotMove: z.enum(['save', 'leave']), whatIf: planWhatIfSchema.optional() }).strict(),
  /** Optimize Hosts: the moves worth making, as a plan of those VMs pinned to their destinations, with the balance before and after. */
  'plan.optimize': z.object({ request: optimizeRequestSchema, whatIf: planWhatIfSchema.optional() }).strict(),
  /** The Optimize Hosts thresholds set on host groups, and the defaults. */
  'optimize.thresholds': none,
  /** Sets a host group's Optimize Hosts thresholds (null: back to inheriting its parent's or the defaults). */
  'optimize.thresholdsSet': z.object({ group: z.string().trim().min(1).max(1024), thresholds: optimizeThresholdsSchema.nullable() }).strict(),
  /** Stop Maintenance Mode, as a job: the host takes VMs again; `startVms` (of `maintenance.savedVms`) each get a Start job. */
  'maintenance.stop': z.object({ host: objectName, startVms: z.array(objectName).max(10_000).optional() }).strict(),
  /** The VMs the host's evacuation saved that are still saved there, for Stop Maintenance Mode to offer to start. */
  'maintenance.savedVms': z.object({ host: objectName }).strict(),
} as const satisfies Record<InvokeChannel, z.ZodType>;

export type { InvokeChannel } from './channels.js';
export { INVOKE_CHANNELS } from './channels.js';

/** The argument type of each channel, derived from its schema. */
export type InvokeArgs = { [C in InvokeChannel]: z.input<(typeof invokeSchemas)[C]> };

/** The whole inventory as the renderer receives it. */
export interface InventorySnapshot {
  /** Increases on every change, so a renderer can drop stale answers. */
  revision: number;
  meta: InventoryMeta | null;
  inventory: InventoryDocument;
}

/** Facts about the backend the renderer talks to. */
export interface AppInfo {
  version: string;
  transport: 'electron' | 'websocket';
  databasePath: string;
  /** The operating system's preferred language (BCP 47), for the `system` language setting. */
  systemLocale: string;
  /** The main process's log file (next to the database), or null when it keeps none. */
  logPath: string | null;
}

/** Help > Log: where the log is and what it says last. */
export interface AppLog {
  path: string | null;
  /** The last lines, oldest first. */
  lines: string[];
}

/** The value each channel answers with. */
export interface InvokeResults {
  'inventory.get': InventorySnapshot;
  'inventory.page': InventoryPage;
  'inventory.import': ImportSummary;
  'inventory.loadDemo': ImportSummary;
  'jobs.list': Job[];
  'jobs.cancel': Job;
  'jobs.restart': Job;
  'settings.get': UiSettings;
  'settings.set': UiSettings;
  'app.info': AppInfo;
  'app.log': AppLog;
  /** Help > Diagnostics: the checks of `ferry doctor`. */
  'app.doctor': DoctorReport;
  'placement.selectHosts': HostRating[];
  'storage.locations': StorageLocation[];
  'storage.checkPath': PathCheck;
  'storage.checkPlan': StoragePlanCheck;
  'script.vmMigration': string;
  'script.storageMigration': string;
  'migration.submit': Job;
  'vm.start': Job;
  'hostSettings.get': HostSettingsView;
  'hostSettings.apply': Job;
  'placementRules.vmSet': Job;
  'placementRules.ruleSet': Job;
  'placementRules.ruleRemove': Job;
  'script.placementRules': string;
  'connection.get': ConnectionSettingsView;
  'connection.set': ConnectionSettingsView;
  'inventory.refresh': InventoryRefreshSummary;
  'lab.status': LabStatus;
  'lab.start': { job: Job; status: LabStatus };
  'lab.stop': { job: Job; status: LabStatus };
  'plan.create': Plan;
  'plan.run': PlanRun;
  'plan.script': string;
  'plan.save': SavedPlan;
  'plan.saved': SavedPlan[];
  'groups.list': JobGroup[];
  'groups.abort': GroupAbort;
  'maintenance.start': PlanRun;
  'maintenance.stop': MaintenanceStop;
  'maintenance.savedVms': MaintenanceSavedVms;
  'plan.optimize': Plan;
  'optimize.thresholds': OptimizeThresholdSettings;
  'optimize.thresholdsSet': OptimizeThresholdSettings;
}
