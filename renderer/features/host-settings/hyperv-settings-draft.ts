import type { Authentication, Host, PerformanceOption } from '../../../shared/model/inventory.js';
import {
  LIVE_MIGRATION_FIELDS,
  networksProblems,
  parseSettingText,
  settingsMergeProblems,
  type LiveMigrationChange,
  type LiveMigrationField,
  type SettingsProblem,
} from '../../../shared/model/live-migration-settings.js';
import { assertNever } from '../../../shared/model/result.js';

/** The dialog's pages, as Hyper-V Manager lists them under Live Migrations. */
export type SettingsPage = 'live' | 'advanced' | 'storage';

/** The pages in the order the left list shows them. */
export const SETTINGS_PAGES: readonly SettingsPage[] = ['live', 'advanced', 'storage'];

/** One entry of the incoming networks list, with a stable id so it keeps its state while it moves. */
export interface NetworkRow {
  id: number;
  text: string;
  /** Whether the admin has left the entry once: its problem shows from then on. */
  checked: boolean;
}

/**
 * What the dialog holds: each setting as shown (numbers as typed; null where the hosts differ), the
 * settings the admin touched, and the entry selected in the networks list. Only touched settings are
 * sent, so "for all hosts" changes only what the admin changed.
 */
export interface HyperVSettingsDraft {
  enabled: boolean | null;
  maxLive: string;
  maxStorage: string;
  performanceOption: PerformanceOption | null;
  authentication: Authentication | null;
  useAnyNetwork: boolean | null;
  networks: NetworkRow[];
  /** The hosts have different lists: the list shown starts empty, and one built here replaces them all. */
  networksMixed: boolean;
  touched: readonly LiveMigrationField[];
  selectedNetwork: number | null;
}

/** Where a setting is edited. */
export function pageOf(field: LiveMigrationField | null): SettingsPage {
  switch (field) {
    case 'enabled':
    case 'maxLive':
    case 'useAnyNetwork':
    case 'networks':
    case null:
      return 'live';
    case 'performanceOption':
    case 'authentication':
      return 'advanced';
    case 'maxStorage':
      return 'storage';
    default:
      return assertNever(field);
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The value every host has, or null when they differ. */
function common<T>(hosts: readonly Host[], pick: (h: Host) => T): T | null {
  const first = pick(hosts[0]);
  return hosts.every((h) => same(pick(h), first)) ? first : null;
}

let rowId = 0;

/** A networks list row for an entry. */
export function networkRow(text: string, checked = true): NetworkRow {
  return { id: ++rowId, text, checked };
}

/** The draft a dialog opens with: each setting as the hosts have it, or null (blank) where they differ. */
export function newDraft(hosts: readonly Host[]): HyperVSettingsDraft {
  const maxLive = common(hosts, (h) => h.liveMigration.maxLive);
  const maxStorage = common(hosts, (h) => h.liveMigration.maxStorage);
  const networks = common(hosts, (h) => h.liveMigration.networks);
  return {
    enabled: common(hosts, (h) => h.liveMigration.enabled),
    maxLive: maxLive === null ? '' : String(maxLive),
    maxStorage: maxStorage === null ? '' : String(maxStorage),
    performanceOption: common(hosts, (h) => h.liveMigration.performanceOption),
    authentication: common(hosts, (h) => h.liveMigration.authentication),
    useAnyNetwork: common(hosts, (h) => h.liveMigration.useAnyNetwork),
    networks: (networks ?? []).map((n) => networkRow(n)),
    networksMixed: networks === null,
    touched: [],
    selectedNetwork: null,
  };
}

/** The draft with some settings changed by the admin (they become part of the change). */
export function touch(draft: HyperVSettingsDraft, fields: readonly LiveMigrationField[], patch: Partial<HyperVSettingsDraft>): HyperVSettingsDraft {
  return { ...draft, ...patch, touched: [...new Set([...draft.touched, ...fields])] };
}

/** The networks list with a new, empty entry at the end, selected. */
export function networkAdd(draft: HyperVSettingsDraft): HyperVSettingsDraft {
  const row = networkRow('', false);
  return touch(draft, ['networks'], { networks: [...draft.networks, row], selectedNetwork: row.id, networksMixed: false });
}

/** The networks list without the selected entry; the next one (or the one before) becomes the selection. */
export function networkRemove(draft: HyperVSettingsDraft): HyperVSettingsDraft {
  const i = draft.networks.findIndex((r) => r.id === draft.selectedNetwork);
  if (i === -1) return draft;
  const networks = draft.networks.filter((_, k) => k !== i);
  const next = networks[Math.min(i, networks.length - 1)]?.id ?? null;
  return touch(draft, ['networks'], { networks, selectedNetwork: next });
}

/** The networks list with the selected entry moved up (-1) or down (+1) in priority. */
export function networkMove(draft: HyperVSettingsDraft, by: -1 | 1): HyperVSettingsDraft {
  const i = draft.networks.findIndex((r) => r.id === draft.selectedNetwork);
  const j = i + by;
  if (i === -1 || j < 0 || j >= draft.networks.length) return draft;
  const networks = draft.networks.slice();
  [networks[i], networks[j]] = [networks[j], networks[i]];
  return touch(draft, ['networks'], { networks });
}

/** A draft checked against its hosts: the change OK would send, and every problem, by setting and by networks entry. */
export interface DraftCheck {
  /** The touched settings that differ from what some host has: what OK and Apply send. */
  change: LiveMigrationChange;
  problems: SettingsProblem[];
  /** Problems of a setting (a networks entry's problems are under `entries`). */
  byField: ReadonlyMap<LiveMigrationField, SettingsProblem[]>;
  /** The problem of each networks entry, by row id. */
  entries: ReadonlyMap<number, SettingsProblem>;
  /** Pages that have a problem. */
  pages: ReadonlySet<SettingsPage>;
}

/**
 * Checks a draft with the backend's rules (shared/model/live-migration-settings.ts): each touched
 * setting, then the change against each host (an empty networks list where it is the only way in).
 */
export function checkDraft(draft: HyperVSettingsDraft, hosts: readonly Host[]): DraftCheck {
  const problems: SettingsProblem[] = [];
  const entries = new Map<number, SettingsProblem>();
  const values: Record<string, unknown> = {};
  // In the format's order, so problems list as the pages show the fields.
  for (const field of LIVE_MIGRATION_FIELDS.filter((f) => draft.touched.includes(f))) {
    switch (field) {
      case 'enabled':
      case 'useAnyNetwork':
      case 'performanceOption':
      case 'authentication':
        if (draft[field] !== null) values[field] = draft[field];
        break;
      case 'maxLive':
      case 'maxStorage': {
        const parsed = parseSettingText(field, draft[field]);
        if (parsed.ok) values[field] = parsed.value;
        else problems.push(...parsed.problems);
        break;
      }
      case 'networks': {
        const list = draft.networks.map((r) => r.text.trim());
        const found = networksProblems(list);
        for (const p of found) if (p.index !== undefined) entries.set(draft.networks[p.index].id, p);
        problems.push(...found);
        if (found.length === 0) values.networks = list;
        break;
      }
      default:
        assertNever(field);
    }
  }
  const change: LiveMigrationChange = {};
  for (const [field, value] of Object.entries(values)) {
    if (!hosts.every((h) => same(h.liveMigration[field as LiveMigrationField], value))) (change as Record<string, unknown>)[field] = value;
  }
  if (problems.length === 0) {
    for (const host of hosts) {
      // Checked with every touched value, so a list emptied back to what the host had still counts.
      for (const p of settingsMergeProblems(host.liveMigration, values as LiveMigrationChange)) problems.push(hosts.length > 1 ? { ...p, host: host.name } : p);
    }
  }
  const byField = new Map<LiveMigrationField, SettingsProblem[]>();
  for (const p of problems) {
    if (p.field === null || p.index !== undefined) continue;
    byField.set(p.field, [...(byField.get(p.field) ?? []), p]);
  }
  return { change, problems, byField, entries, pages: new Set(problems.map((p) => pageOf(p.field))) };
}
