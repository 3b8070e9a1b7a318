import { z } from 'zod';
import { formatPath } from '../../../shared/contract/validate.js';
import type { ImportProblem } from '../../../shared/model/import.js';
import {
  AUTHENTICATION_VALUES,
  HOST_OS_VALUES,
  HOST_STATE_VALUES,
  PERFORMANCE_OPTION_VALUES,
  VM_STATE_VALUES,
  AFFINITY_RULE_TYPE_VALUES,
  type InventoryDocument,
} from '../../../shared/model/inventory.js';
import { checkInventoryRules, ProblemList, type KnownNames } from '../../domain/inventory/inventory-rules.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { MAX_IMPORT_CHARS, MAX_IMPORT_LABEL } from '../../../shared/contract/invoke.js';
import { jsonErrorOffset, lineColumn, nestingTooDeep } from './json-error-position.js';

/** How deep a `ferry-inventory` file may nest; the format itself goes 5 levels deep (the document, vms, a VM, disks, a disk). */
export const MAX_IMPORT_DEPTH = 64;

/** An absolute drive path (`D:\VMs`) or a UNC path (`\\server\share\...`). */
const ABSOLUTE_PATH = /^(?:[A-Za-z]:\\|\\\\[^\\/:*?"<>|]+\\[^\\/:*?"<>|]+)/;
const UNC_PATH = /^\\\\[^\\/:*?"<>|]+\\[^\\/:*?"<>|]+/;

const name = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
const amount = z.number().nonnegative();
const count = z.number().int().nonnegative();
const path = z.string().regex(ABSOLUTE_PATH, 'expected an absolute Windows path (D:\\...) or a UNC path (\\\\server\\share\\...)');
const uncPath = z.string().regex(UNC_PATH, 'expected a UNC path (\\\\server\\share)');
const volume = z.object({ path, capacityGB: amount, freeGB: amount });

const hostSchema = z.object({
  name,
  fqdn: name,
  hostGroup: name,
  cluster: name.nullable().default(null),
  os: z.enum(HOST_OS_VALUES),
  supportedConfigVersions: z
    .array(z.string().regex(/^\d+\.\d+$/, 'expected a version like "9.0"'))
    .nullable()
    .default(null),
  state: z.enum(HOST_STATE_VALUES),
  maintenanceMode: z.boolean().default(false),
  cpu: z.object({
    vendor: name,
    generation: z.string().default(''),
    logicalProcessors: count.min(1),
    usagePercent: amount.max(100),
  }),
  memory: z.object({ totalMB: amount, availableMB: amount, reserveMB: amount.default(256) }),
  liveMigration: z
    .object({
      enabled: z.boolean().default(true),
      maxLive: count.min(1).default(2),
      maxStorage: count.min(1).default(2),
      performanceOption: z.enum(PERFORMANCE_OPTION_VALUES).default('Compression'),
      authentication: z.enum(AUTHENTICATION_VALUES).default('CredSSP'),
      useAnyNetwork: z.boolean().default(true),
      networks: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  migrationNetwork: z.object({ gbps: amount.default(10), rdma: z.boolean().default(false), nics: count.min(1).default(1) }).prefault({}),
  fileShares: z.array(uncPath).default([]),
  volumes: z.array(volume).default([]),
  defaultStorageLocations: z.array(path).default([]),
});

const vmSchema = z.object({
  name,
  id: name,
  host: name,
  state: z.enum(VM_STATE_VALUES),
  highlyAvailable: z.boolean().default(false),
  memoryMB: amount,
  cpuCount: count.min(1).default(1),
  configVersion: z.string().regex(/^\d+\.\d+$/, 'expected a version like "9.0"'),
  generation: z.union([z.literal(1), z.literal(2)]).default(2),
  processorCompatibility: z.boolean().default(false),
  compatibilityVector: count.nullable().default(null),
  configurationPath: path,
  disks: z.array(z.object({ path, sizeGB: amount, shared: z.boolean().default(false) })).default([]),
  dirtyRateMBps: amount.nullable().default(null),
  // Placement rules (inventory-format.md "Placement rules"): kept absent when absent, so an estate without them exports as it came.
  possibleOwners: z.array(name).nullable().optional(),
  preferredOwners: z.array(name).optional(),
  availabilitySets: z.array(name).optional(),
});

const affinityRuleSchema = z.object({
  name,
  type: z.enum(AFFINITY_RULE_TYPE_VALUES),
  vms: z.array(name).min(2, 'a rule names at least two VMs'),
  required: z.boolean(),
});

const fileShareSchema = z.object({
  path: uncPath,
  smbVersion: z.string().regex(/^\d+(\.\d+)*$/, 'expected a version like "3.0"'),
  capacityGB: amount,
  freeGB: amount,
});

const clusterSchema = z.object({
  name,
  hostGroup: name,
  functionalLevel: count,
  maxParallelMigrations: count.min(1).nullable().default(null),
  sharedVolumes: z.array(volume).default([]),
});

/** The document's own fields; its record lists are checked record by record. */
const headSchema = z.object({
  format: z.literal('ferry-inventory', { error: 'expected exactly "ferry-inventory"' }),
  version: z.literal(1, { error: 'expected 1 (the only version this Ferry reads)' }),
  source: z.enum(['vmm', 'hyperv', 'manual']).nullable().default(null),
  exportedAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date and time' }).nullable().default(null),
});

/** The schema of each record list of a `ferry-inventory` v1 document, and whether the list is required. */
const RECORD_LISTS = {
  hostGroups: { schema: name, required: false },
  fileShares: { schema: fileShareSchema, required: false },
  clusters: { schema: clusterSchema, required: false },
  hosts: { schema: hostSchema, required: true },
  vms: { schema: vmSchema, required: true },
  affinityRules: { schema: affinityRuleSchema, required: false },
} as const;
type ListName = keyof typeof RECORD_LISTS;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    default:
      return typeof value;
  }
}

function valueAt(root: unknown, at: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const k of at) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  int: 'a whole number',
  null: 'null',
};

/** Turns a schema issue into the sentence an admin reads next to the field. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const got = valueAt(input, issue.path);
  // Messages set in the schema (`{ error: ... }`, `.regex(re, message)`) already say what is expected.
  const custom = !/^Invalid/.test(issue.message);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = `expected ${EXPECTED[issue.expected] ?? issue.expected}`;
      return got === undefined ? `required: ${expected}` : `${expected}, got ${typeName(got)}`;
    }
    case 'invalid_value': {
      const expected = custom ? issue.message : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      return got === undefined ? `required: ${expected}` : `${expected}, got ${typeName(got)}`;
    }
    case 'too_small':
      if (issue.origin === 'number') return `expected ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}, got ${typeName(got)}`;
      return issue.message;
    case 'too_big':
      if (issue.origin === 'number') return `expected at most ${issue.maximum}, got ${typeName(got)}`;
      return issue.message;
    case 'invalid_union':
      return `expected 1 or 2, got ${typeName(got)}`;
    default:
      return `${issue.message}${got === undefined ? '' : `, got ${typeName(got)}`}`;
  }
}

/** Says where a JSON syntax error is and what stands there. */
function describeJsonError(text: string): string {
  const at = jsonErrorOffset(text);
  if (at >= text.length) return `the file ends too soon (${lineColumn(text, at)}): is it cut short?`;
  return `unexpected ${JSON.stringify(text[at])} at ${lineColumn(text, at)}`;
}

/** Options for parsing. */
export interface ParseOptions {
  /** Called between phases, so a caller can report progress and yield. */
  onPhase?: (phase: 'parsing' | 'validating') => void;
}

/**
 * Parses and validates the text of a `ferry-inventory` file: JSON syntax, every field's type and
 * shape, then every rule that spans records. Answers the document, or every problem found (record
 * and field, up to a cap); never a partial document.
 */
export function parseInventory(text: string, options: ParseOptions = {}): Result<InventoryDocument> {
  options.onPhase?.('parsing');
  if (text.length > MAX_IMPORT_CHARS) {
    return invalid([{ path: '', message: `the file is ${(text.length / 1024 / 1024).toFixed(1)} MiB, larger than the ${MAX_IMPORT_LABEL} Ferry imports` }]);
  }
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Refused before parsing: nothing past this point (the JSON error finder, the checks) meets more depth than this.
  const tooDeep = nestingTooDeep(json, MAX_IMPORT_DEPTH);
  if (tooDeep !== -1) {
    return invalid([
      { path: '', message: `nested deeper than ${MAX_IMPORT_DEPTH} levels at ${lineColumn(json, tooDeep)}: a ferry-inventory file nests 5 levels at most` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return invalid([{ path: '', message: `not valid JSON: ${describeJsonError(json)}` }]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return invalid([{ path: '', message: `expected a JSON object with "format": "ferry-inventory", got ${typeName(raw)}` }]);
  }
  const head = raw as Record<string, unknown>;
  if (head.format !== 'ferry-inventory') {
    return invalid([{ path: 'format', message: `expected exactly "ferry-inventory", got ${typeName(head.format)}: this is not a Ferry inventory file` }]);
  }
  options.onPhase?.('validating');
  const list = new ProblemList();
  const parsedHead = headSchema.safeParse(raw);
  if (!parsedHead.success) for (const issue of parsedHead.error.issues) list.add(formatPath(issue.path), describeIssue(issue, raw));

  // Each record is checked on its own, so one bad field doesn't hide the problems of other records;
  // the rules across records then run over the good ones, with the bad ones' names still known, so
  // a reference to a record that is merely malformed is not also reported as missing.
  const lists: Record<ListName, unknown[]> = { hostGroups: [], fileShares: [], clusters: [], hosts: [], vms: [], affinityRules: [] };
  const positions: Record<ListName, number[]> = { hostGroups: [], fileShares: [], clusters: [], hosts: [], vms: [], affinityRules: [] };
  const known: KnownNames = { hostGroups: [], fileShares: [], clusters: [], hosts: [], vms: [], affinityRules: [] };
  for (const key of Object.keys(RECORD_LISTS) as ListName[]) {
    const items = (raw as Record<string, unknown>)[key];
    if (items === undefined) {
      if (RECORD_LISTS[key].required) list.add(key, 'required: expected an array');
      continue;
    }
    if (!Array.isArray(items)) {
      list.add(key, `expected an array, got ${typeName(items)}`);
      continue;
    }
    const schema = RECORD_LISTS[key].schema as z.ZodType;
    items.forEach((item, i) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) {
        lists[key].push(parsed.data);
        positions[key].push(i);
        return;
      }
      for (const issue of parsed.error.issues) list.add(formatPath([key, i, ...issue.path]), describeIssue(issue, item));
      const id = typeof item === 'string' ? item : (item as { name?: unknown; path?: unknown } | null)?.[key === 'fileShares' ? 'path' : 'name'];
      if (typeof id === 'string') known[key].push(id);
    });
  }
  const doc = {
    ...(parsedHead.success ? parsedHead.data : { format: 'ferry-inventory', version: 1, source: null, exportedAt: null }),
    ...lists,
  } as InventoryDocument;
  if ((raw as Record<string, unknown>).affinityRules === undefined) delete doc.affinityRules;
  const rules = checkInventoryRules(doc, new ProblemList(), known);
  for (const p of rules.result()) {
    // Rules speak of positions among the good records: put back each record's place in the file.
    const path = p.path.replace(/^(\w+)\[(\d+)\]/, (whole, key: string, at: string) =>
      key in positions ? `${key}[${positions[key as ListName][Number(at)]}]` : whole,
    );
    list.add(
      path,
      p.message.replace(/\b(\w+)\[(\d+)\] has the same/, (whole, key: string, at: string) =>
        key in positions ? `${key}[${positions[key as ListName][Number(at)]}] has the same` : whole,
      ),
    );
  }
  if (!list.empty) return invalid(list.result());
  return ok(doc);
}

function invalid(problems: ImportProblem[]): Result<InventoryDocument> {
  const n = problems.length;
  return err('inventory-invalid', `The inventory file has ${n} problem${n === 1 ? '' : 's'}; nothing was imported.`, { problems });
}
