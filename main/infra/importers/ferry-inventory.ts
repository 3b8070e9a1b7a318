import { z } from 'zod';
import { formatPath } from '../../../shared/contract/validate.js';
import { english, plural, said, text, type Text, type TextKey } from '../../../shared/i18n/text.js';
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
import { checkInventoryRules, importProblem, ProblemList, type KnownNames } from '../../domain/inventory/inventory-rules.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { MAX_IMPORT_CHARS, MAX_IMPORT_LABEL } from '../../../shared/contract/invoke.js';
import { jsonErrorOffset, nestingTooDeep, position } from './json-error-position.js';
import { ABSOLUTE_PATH, CONFIG_VERSION, fastHost, fastVm, UNC_PATH } from './ferry-inventory-fast.js';

/** How deep a `ferry-inventory` file may nest; the format itself goes 5 levels deep (the document, vms, a VM, disks, a disk). */
export const MAX_IMPORT_DEPTH = 64;

/** The sentences the schema itself says (zod issues carry them as English words): mapped back to their keys. */
const SCHEMA_SENTENCES = [
  'import.empty',
  'import.tooLong',
  'import.expect.path',
  'import.expect.uncPath',
  'import.expect.configVersion',
  'import.ruleTwoVms',
  'import.expect.smbVersion',
  'import.expect.format',
  'import.expect.version',
  'import.expect.dateTime',
] as const satisfies readonly TextKey[];
const SCHEMA_KEY = new Map<string, TextKey>(SCHEMA_SENTENCES.map((key) => [english(text(key)), key]));
/** The English words of a schema sentence, as zod reports them. */
const says = (key: (typeof SCHEMA_SENTENCES)[number]): string => english(text(key));

const name = z.string().trim().min(1, says('import.empty')).max(255, says('import.tooLong'));
const amount = z.number().nonnegative();
const count = z.number().int().nonnegative();
const path = z.string().regex(ABSOLUTE_PATH, says('import.expect.path'));
const uncPath = z.string().regex(UNC_PATH, says('import.expect.uncPath'));
const volume = z.object({ path, capacityGB: amount, freeGB: amount });

/** The schema of a host record (the detailed check: it names every problem). */
export const hostSchema = z.object({
  name,
  fqdn: name,
  hostGroup: name,
  cluster: name.nullable().default(null),
  os: z.enum(HOST_OS_VALUES),
  supportedConfigVersions: z
    .array(z.string().regex(CONFIG_VERSION, says('import.expect.configVersion')))
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

/** The schema of a VM record (the detailed check: it names every problem). */
export const vmSchema = z.object({
  name,
  id: name,
  host: name,
  state: z.enum(VM_STATE_VALUES),
  highlyAvailable: z.boolean().default(false),
  memoryMB: amount,
  cpuCount: count.min(1).default(1),
  configVersion: z.string().regex(CONFIG_VERSION, says('import.expect.configVersion')),
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
  vms: z.array(name).min(2, says('import.ruleTwoVms')),
  required: z.boolean(),
});

const fileShareSchema = z.object({
  path: uncPath,
  smbVersion: z.string().regex(/^\d+(\.\d+)*$/, says('import.expect.smbVersion')),
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
  format: z.literal('ferry-inventory', { error: says('import.expect.format') }),
  version: z.literal(1, { error: says('import.expect.version') }),
  source: z.enum(['vmm', 'hyperv', 'manual']).nullable().default(null),
  exportedAt: z.iso
    .datetime({ offset: true, error: says('import.expect.dateTime') })
    .nullable()
    .default(null),
});

/**
 * The schema of each record list of a `ferry-inventory` v1 document, whether the list is required, and for
 * the lists an estate has thousands of, a fast check that answers the record as the schema would, or
 * undefined (the schema then checks it and names every problem).
 */
const RECORD_LISTS = {
  hostGroups: { schema: name, required: false, fast: null },
  fileShares: { schema: fileShareSchema, required: false, fast: null },
  clusters: { schema: clusterSchema, required: false, fast: null },
  hosts: { schema: hostSchema, required: true, fast: fastHost },
  vms: { schema: vmSchema, required: true, fast: fastVm },
  affinityRules: { schema: affinityRuleSchema, required: false, fast: null },
} as const;
type ListName = keyof typeof RECORD_LISTS;

/** What a file holds where a field was expected, as a sentence's part ("the string "x"", "an array", "null"). */
function typeName(value: unknown): Text | string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return text('import.value.array');
  switch (typeof value) {
    case 'string':
      return text('import.value.string', { value: `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` });
    case 'number':
      return text('import.value.number', { value: String(value) });
    case 'boolean':
      return String(value);
    case 'object':
      return text('import.value.object');
    case 'undefined':
      return text('import.value.nothing');
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

const EXPECTED: Record<string, TextKey> = {
  number: 'import.type.number',
  string: 'import.type.string',
  boolean: 'import.type.boolean',
  array: 'import.type.array',
  object: 'import.type.object',
  int: 'import.type.int',
};

/** "expected X, got Y", or "required: expected X" where the field is missing. */
function expectedGot(expected: Text, got: unknown): Text {
  return got === undefined ? text('import.required', { expected }) : text('import.got', { expected, got: typeName(got) });
}

/** A zod issue's own words as a sentence: the schema's (in the catalogue), zod's too-short string, or as zod said it. */
function issueWords(issue: z.core.$ZodIssue): Text {
  const key = SCHEMA_KEY.get(issue.message);
  if (key) return text(key);
  if (issue.code === 'too_small' && issue.origin === 'string') {
    const short = text('import.tooShortString', { limit: String(issue.minimum) });
    if (english(short) === issue.message) return short;
  }
  return text('list', { items: issue.message });
}

/** Turns a schema issue into the sentence an admin reads next to the field. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): Text {
  const got = valueAt(input, issue.path);
  // Messages set in the schema (`{ error: ... }`, `.regex(re, message)`) already say what is expected.
  const custom = !/^Invalid/.test(issue.message);
  switch (issue.code) {
    case 'invalid_type': {
      const type = EXPECTED[issue.expected];
      return expectedGot(text('import.expect.type', { type: type ? text(type) : issue.expected }), got);
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return expectedGot(custom ? issueWords(issue) : text('import.expect.oneOf', { values }), got);
    }
    case 'too_small':
      if (issue.origin === 'number') {
        const limit = String(issue.minimum);
        return text('import.got', { expected: text(issue.inclusive ? 'import.expect.atLeast' : 'import.expect.moreThan', { limit }), got: typeName(got) });
      }
      return issueWords(issue);
    case 'too_big':
      if (issue.origin === 'number')
        return text('import.got', { expected: text('import.expect.atMost', { limit: String(issue.maximum) }), got: typeName(got) });
      return issueWords(issue);
    case 'invalid_union':
      return text('import.got', { expected: text('import.expect.generation'), got: typeName(got) });
    default:
      return got === undefined ? issueWords(issue) : text('import.got', { expected: issueWords(issue), got: typeName(got) });
  }
}

/** "line L, column C" of an offset, as a sentence's part. */
function at(json: string, offset: number): Text {
  return text('import.at', position(json, offset));
}

/** Says where a JSON syntax error is and what stands there. */
function describeJsonError(json: string): Text {
  const offset = jsonErrorOffset(json);
  if (offset >= json.length) return text('import.json.endsTooSoon', { at: at(json, offset) });
  return text('import.json.unexpected', { char: JSON.stringify(json[offset]), at: at(json, offset) });
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
export function parseInventory(source: string, options: ParseOptions = {}): Result<InventoryDocument> {
  options.onPhase?.('parsing');
  if (source.length > MAX_IMPORT_CHARS) {
    return invalid([importProblem('', text('import.tooLarge', { size: (source.length / 1024 / 1024).toFixed(1), limit: MAX_IMPORT_LABEL }))]);
  }
  const json = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  // Refused before parsing: nothing past this point (the JSON error finder, the checks) meets more depth than this.
  const tooDeep = nestingTooDeep(json, MAX_IMPORT_DEPTH);
  if (tooDeep !== -1) {
    return invalid([importProblem('', text('import.tooDeep', { depth: MAX_IMPORT_DEPTH, at: at(json, tooDeep) }))]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return invalid([importProblem('', describeJsonError(json))]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return invalid([importProblem('', text('import.notObject', { got: typeName(raw) }))]);
  }
  const head = raw as Record<string, unknown>;
  if (head.format !== 'ferry-inventory') {
    return invalid([importProblem('format', text('import.notFerry', { got: typeName(head.format) }))]);
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
      if (RECORD_LISTS[key].required) list.add(key, expectedGot(text('import.expect.type', { type: text('import.type.array') }), undefined));
      continue;
    }
    if (!Array.isArray(items)) {
      list.add(key, expectedGot(text('import.expect.type', { type: text('import.type.array') }), items));
      continue;
    }
    const schema = RECORD_LISTS[key].schema as z.ZodType;
    const fast = RECORD_LISTS[key].fast as ((item: unknown) => unknown) | null;
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const quick = fast?.(item);
      if (quick !== undefined) {
        lists[key].push(quick);
        positions[key].push(i);
        continue;
      }
      const parsed = schema.safeParse(item);
      if (parsed.success) {
        lists[key].push(parsed.data);
        positions[key].push(i);
        continue;
      }
      for (const issue of parsed.error.issues) list.add(formatPath([key, i, ...issue.path]), describeIssue(issue, item));
      const id = typeof item === 'string' ? item : (item as { name?: unknown; path?: unknown } | null)?.[key === 'fileShares' ? 'path' : 'name'];
      if (typeof id === 'string') known[key].push(id);
    }
  }
  const doc = {
    ...(parsedHead.success ? parsedHead.data : { format: 'ferry-inventory', version: 1, source: null, exportedAt: null }),
    ...lists,
  } as InventoryDocument;
  if ((raw as Record<string, unknown>).affinityRules === undefined) delete doc.affinityRules;
  // A duplicate's sentence names the first record of that name: by its place in the file too.
  const inFile = (sentence: Text): Text => {
    const first = sentence.params?.first;
    const m = typeof first === 'string' ? /^(\w+)\[(\d+)\]$/.exec(first) : null;
    if (!m || !(m[1] in positions)) return sentence;
    return { ...sentence, params: { ...sentence.params, first: `${m[1]}[${positions[m[1] as ListName][Number(m[2])]}]` } };
  };
  const rules = checkInventoryRules(doc, new ProblemList(), known);
  for (const p of rules.result()) {
    // Rules speak of positions among the good records: put back each record's place in the file.
    const path = p.path.replace(/^(\w+)\[(\d+)\]/, (whole, key: string, at: string) =>
      key in positions ? `${key}[${positions[key as ListName][Number(at)]}]` : whole,
    );
    list.add(path, p.text ? inFile(p.text) : text('list', { items: p.message }));
  }
  if (!list.empty) return invalid(list.result());
  return ok(doc);
}

function invalid(problems: ImportProblem[]): Result<InventoryDocument> {
  return err('inventory-invalid', said(plural('import.invalid', problems.length)), { problems });
}
