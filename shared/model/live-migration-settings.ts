import { AUTHENTICATION_VALUES, PERFORMANCE_OPTION_VALUES, type HostState, type LiveMigrationSettings } from './inventory.js';
import { parseNetworkEntry, type NetworkEntryError } from './network-address.js';
import { assertNever } from './result.js';

/**
 * The rules of a change to a host's Hyper-V settings (Live Migrations, Advanced Features, Storage
 * Migrations), shared by the backend (which refuses a bad change whole), the `ferry host-settings`
 * command and the dialog (which shows the same reasons inline). Names are exactly the
 * `liveMigration` object's of the inventory format.
 */

/** The settings, in the order the format lists them. */
export const LIVE_MIGRATION_FIELDS = ['enabled', 'maxLive', 'maxStorage', 'performanceOption', 'authentication', 'useAnyNetwork', 'networks'] as const;
/** A setting's name. */
export type LiveMigrationField = (typeof LIVE_MIGRATION_FIELDS)[number];

/** Some of a host's settings: what a change sets; the rest stay as they are. */
export type LiveMigrationChange = Partial<LiveMigrationSettings>;

/**
 * The range of simultaneous live and storage migrations Ferry accepts. Hyper-V takes any UInt32, but
 * each migration takes memory, CPU and bandwidth on both hosts, and Hyper-V Manager and VMM are used
 * with small numbers (the default is 2); 64 is far above any host's useful parallelism and keeps a
 * typo (200 for 20) from going through.
 */
export const MIGRATION_LIMIT = { min: 1, max: 64, default: 2 } as const;

/** Why a value is refused. */
export type SettingsProblemCode =
  'unknown-setting' | 'not-boolean' | 'out-of-range' | 'not-one-of' | 'not-a-list' | NetworkEntryError['code'] | 'duplicate' | 'networks-required';

/**
 * What a settings change applies to: one host, every host under a host group (its sub-groups too;
 * "All Hosts" is every host), or every node of a cluster. Names are matched ignoring case.
 */
export type SettingsTarget = { host: string } | { hostGroup: string } | { cluster: string };

/** A host's settings as the dialog and `ferry host-settings` show them. */
export interface HostSettingsView {
  host: string;
  hostGroup: string;
  cluster: string | null;
  state: HostState;
  settings: LiveMigrationSettings;
  /** The cluster's maximum of parallel migrations, which wins over `maxLive` when set. */
  clusterMaxParallelMigrations: number | null;
}

/** A refused value: where (`maxLive`, `networks[2]`), why, and the sentence to show. */
export interface SettingsProblem {
  /** The host it applies to, when a change to several hosts is refused for some of them. */
  host?: string;
  /** The setting, with an index for a network entry: `networks[2]`. */
  path: string;
  field: LiveMigrationField | null;
  /** For a network entry: its index in the list. */
  index?: number;
  code: SettingsProblemCode;
  /** What is wrong, without the path: `"10.0.0.300/24" is not an IPv4 or IPv6 address or subnet`. */
  message: string;
  /** The values the message was built from, for a translated message. */
  params: Record<string, string | number>;
}

/** A problem as one line: `networks[2]: "10.0.0.300/24" is not an IPv4 or IPv6 address or subnet`. */
export function formatSettingsProblem(problem: SettingsProblem): string {
  return `${problem.host ? `${problem.host}: ` : ''}${problem.path}: ${problem.message}`;
}

/** How a value shows in a message: strings quoted, everything else as JSON would write it. */
const shown = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || value === undefined) return String(value);
  return JSON.stringify(value) ?? String(value);
};

const problem = (
  field: LiveMigrationField | null,
  path: string,
  code: SettingsProblemCode,
  message: string,
  params: Record<string, string | number> = {},
): SettingsProblem => ({
  path,
  field,
  code,
  message,
  params,
});

function booleanProblem(field: LiveMigrationField, value: unknown): SettingsProblem | null {
  return typeof value === 'boolean' ? null : problem(field, field, 'not-boolean', `${shown(value)} is not true or false`, { value: shown(value) });
}

function limitProblem(field: 'maxLive' | 'maxStorage', value: unknown): SettingsProblem | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= MIGRATION_LIMIT.min && value <= MIGRATION_LIMIT.max) return null;
  return problem(field, field, 'out-of-range', `${shown(value)} is not a whole number from ${MIGRATION_LIMIT.min} to ${MIGRATION_LIMIT.max}`, {
    value: shown(value),
    min: MIGRATION_LIMIT.min,
    max: MIGRATION_LIMIT.max,
  });
}

function oneOfProblem(field: LiveMigrationField, value: unknown, allowed: readonly string[]): SettingsProblem | null {
  if (typeof value === 'string' && allowed.includes(value)) return null;
  return problem(field, field, 'not-one-of', `${shown(value)} is not one of ${allowed.join(', ')}`, { value: shown(value), allowed: allowed.join(', ') });
}

/** The sentence for a refused network entry. */
function entryMessage(text: string, error: NetworkEntryError): string {
  switch (error.code) {
    case 'empty-entry':
      return 'is empty: type an IPv4 or IPv6 address or subnet, or remove the entry';
    case 'not-an-address':
      return `${JSON.stringify(text)} is not an IPv4 or IPv6 address or subnet`;
    case 'prefix-out-of-range':
      return `${JSON.stringify(text)} has a prefix length outside 0 to ${error.max} (${error.family})`;
    case 'host-bits-set':
      return `${JSON.stringify(text)} has host bits set after the prefix: the subnet is ${JSON.stringify(error.subnet)}`;
    default:
      return assertNever(error);
  }
}

/**
 * Checks an ordered list of networks: each entry an address or subnet, no network twice (one address
 * equals its /32 or /128; "fd00::/64" equals "FD00:0::/64"). Entries are trimmed first.
 */
export function networksProblems(value: unknown): SettingsProblem[] {
  if (!Array.isArray(value)) return [problem('networks', 'networks', 'not-a-list', 'is not a list of IP addresses or subnets')];
  const out: SettingsProblem[] = [];
  const seen = new Map<string, number>();
  value.forEach((raw: unknown, index) => {
    const path = `networks[${index}]`;
    const at = (code: SettingsProblemCode, message: string, params: Record<string, string | number>): void => {
      out.push({ ...problem('networks', path, code, message, { index, ...params }), index });
    };
    if (typeof raw !== 'string') {
      at('not-an-address', `${shown(raw)} is not an IPv4 or IPv6 address or subnet`, { value: shown(raw) });
      return;
    }
    const text = raw.trim();
    const parsed = parseNetworkEntry(text);
    if (!parsed.ok) {
      at(parsed.error.code, entryMessage(text, parsed.error), {
        value: JSON.stringify(text),
        ...(parsed.error.code === 'prefix-out-of-range' ? { max: parsed.error.max, family: parsed.error.family } : {}),
        ...(parsed.error.code === 'host-bits-set' ? { subnet: JSON.stringify(parsed.error.subnet) } : {}),
      });
      return;
    }
    const first = seen.get(parsed.entry.key);
    if (first !== undefined) {
      at('duplicate', `${JSON.stringify(text)} is already in the list (networks[${first}])`, {
        value: JSON.stringify(text),
        first: `networks[${first}]`,
        firstIndex: first,
      });
      return;
    }
    seen.set(parsed.entry.key, index);
  });
  return out;
}

/**
 * The problem of an empty list of networks where it is the only way in: live migrations enabled and
 * `useAnyNetwork` off (Hyper-V Manager refuses that too). A disabled host's list is not used, so it
 * may be empty. Null when the settings are fine.
 */
export function networksRequiredProblem(settings: Pick<LiveMigrationSettings, 'enabled' | 'useAnyNetwork' | 'networks'>): SettingsProblem | null {
  if (!settings.enabled || settings.useAnyNetwork || settings.networks.length > 0) return null;
  return problem('networks', 'networks', 'networks-required', 'is empty: add at least one IP address or subnet, or use any available network (useAnyNetwork)');
}

/** Checks one setting's value; answers every problem it has (several for a list of networks). */
export function settingProblems(field: LiveMigrationField, value: unknown): SettingsProblem[] {
  let one: SettingsProblem | null;
  switch (field) {
    case 'enabled':
    case 'useAnyNetwork':
      one = booleanProblem(field, value);
      break;
    case 'maxLive':
    case 'maxStorage':
      one = limitProblem(field, value);
      break;
    case 'performanceOption':
      one = oneOfProblem(field, value, PERFORMANCE_OPTION_VALUES);
      break;
    case 'authentication':
      one = oneOfProblem(field, value, AUTHENTICATION_VALUES);
      break;
    case 'networks':
      return networksProblems(value);
    default:
      return assertNever(field);
  }
  return one ? [one] : [];
}

/** Whether a name is one of the settings (exactly, as the format spells it). */
export function isLiveMigrationField(name: string): name is LiveMigrationField {
  return (LIVE_MIGRATION_FIELDS as readonly string[]).includes(name);
}

/**
 * Checks a change as it arrives (from the contract, the CLI or a test): every field it sets, and
 * that it sets only known fields. Answers the change with network entries trimmed, or every problem.
 * Whether the list of networks may be empty depends on the host's other settings: check the change
 * against each host with `settingsMergeProblems`.
 */
export function checkSettingsChange(
  change: Readonly<Record<string, unknown>>,
): { ok: true; change: LiveMigrationChange } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (!isLiveMigrationField(name)) {
      problems.push(problem(null, name, 'unknown-setting', `is not a setting; the settings are ${LIVE_MIGRATION_FIELDS.join(', ')}`, { name }));
      continue;
    }
    problems.push(...settingProblems(name, value));
  }
  if (problems.length > 0) return { ok: false, problems };
  const normalized: LiveMigrationChange = {};
  for (const field of LIVE_MIGRATION_FIELDS) {
    const value = change[field];
    if (value === undefined) continue;
    (normalized as Record<string, unknown>)[field] = field === 'networks' ? (value as string[]).map((n) => n.trim()) : value;
  }
  return { ok: true, change: normalized };
}

/** A host's settings with a (checked) change applied. */
export function withSettingsChange(current: LiveMigrationSettings, change: LiveMigrationChange): LiveMigrationSettings {
  const next: LiveMigrationSettings = { ...current, networks: [...current.networks] };
  for (const field of LIVE_MIGRATION_FIELDS) {
    const value = change[field];
    if (value !== undefined) (next as unknown as Record<string, unknown>)[field] = field === 'networks' ? [...(value as string[])] : value;
  }
  return next;
}

/**
 * What a checked change would leave wrong on a host whose settings are `current`: an empty list of
 * networks where it is the only way in. Checked only when the change touches `enabled`,
 * `useAnyNetwork` or `networks`, so changing a limit never trips over a list the host already had.
 */
export function settingsMergeProblems(current: LiveMigrationSettings, change: LiveMigrationChange): SettingsProblem[] {
  if (change.enabled === undefined && change.useAnyNetwork === undefined && change.networks === undefined) return [];
  const required = networksRequiredProblem(withSettingsChange(current, change));
  return required ? [required] : [];
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];

/**
 * Reads a setting typed as text (`ferry host-settings --set maxLive=4`, the dialog's number boxes):
 * booleans as true/false (or yes/no, on/off, 1/0), numbers as decimal whole numbers, options
 * ignoring case, networks as a comma-separated list (empty text: an empty list). A value that can't
 * be read gets the same problem as the checked value would.
 */
export function parseSettingText(field: LiveMigrationField, text: string): { ok: true; value: unknown } | { ok: false; problems: SettingsProblem[] } {
  const trimmed = text.trim();
  const refuse = (value: unknown) => ({ ok: false as const, problems: settingProblems(field, value) });
  switch (field) {
    case 'enabled':
    case 'useAnyNetwork': {
      const word = trimmed.toLowerCase();
      if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(word)) return { ok: true, value: false };
      return refuse(trimmed);
    }
    case 'maxLive':
    case 'maxStorage': {
      if (!/^[+]?\d+$/.test(trimmed)) return refuse(trimmed);
      const value = Number(trimmed);
      const problems = settingProblems(field, value);
      return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
    }
    case 'performanceOption':
    case 'authentication': {
      const allowed: readonly string[] = field === 'performanceOption' ? PERFORMANCE_OPTION_VALUES : AUTHENTICATION_VALUES;
      const match = allowed.find((o) => o.toLowerCase() === trimmed.toLowerCase() || (o === 'TCPIP' && trimmed.toLowerCase() === 'tcp/ip'));
      return match ? { ok: true, value: match } : refuse(trimmed);
    }
    case 'networks': {
      const list = trimmed === '' ? [] : trimmed.split(',').map((n) => n.trim());
      const problems = networksProblems(list);
      return problems.length > 0 ? { ok: false, problems } : { ok: true, value: list };
    }
    default:
      return assertNever(field);
  }
}
