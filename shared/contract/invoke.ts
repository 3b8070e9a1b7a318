import { z } from 'zod';
import type { InventoryDocument, InventoryMeta } from '../model/inventory.js';
import type { ImportSummary } from '../model/import.js';
import type { Job } from '../model/job.js';
import { LANGUAGE_VALUES, THEME_VALUES, type UiSettings } from '../model/settings.js';
import type { InvokeChannel } from './channels.js';

/** Largest inventory file accepted over the contract (characters). A 25,000-VM estate is about 20 MB. */
export const MAX_IMPORT_CHARS = 256 * 1024 * 1024;

const none = z.object({}).strict();

/**
 * Argument schemas of every renderer-to-main request. The main side validates each request against
 * its schema before any service sees it.
 */
export const invokeSchemas = {
  /** The whole inventory, for the host tree, VM list and details. */
  'inventory.get': none,
  /** Import a `ferry-inventory` document; replaces the estate as a whole, keeps job history. */
  'inventory.import': z
    .object({
      fileName: z.string().min(1).max(260),
      content: z.string().max(MAX_IMPORT_CHARS),
    })
    .strict(),
  /** Replace the estate with the built-in demo inventory. */
  'inventory.loadDemo': none,
  /** Recent jobs, newest first. */
  'jobs.list': z.object({ limit: z.number().int().min(1).max(10000).optional() }).strict(),
  /** The console's preferences. */
  'settings.get': none,
  /** Change some of the console's preferences. */
  'settings.set': z
    .object({ language: z.enum(LANGUAGE_VALUES).optional(), theme: z.enum(THEME_VALUES).optional() })
    .strict(),
  /** Facts about the running backend. */
  'app.info': none,
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
}

/** The value each channel answers with. */
export interface InvokeResults {
  'inventory.get': InventorySnapshot;
  'inventory.import': ImportSummary;
  'inventory.loadDemo': ImportSummary;
  'jobs.list': Job[];
  'settings.get': UiSettings;
  'settings.set': UiSettings;
  'app.info': AppInfo;
}
