import { text, type Text, type TextParam } from '../../../shared/i18n/text.js';
import type { Host, InventoryDocument, LiveMigrationSettings } from '../../../shared/model/inventory.js';
import {
  checkSettingsChange,
  LIVE_MIGRATION_FIELDS,
  settingsMergeProblems,
  withSettingsChange,
  type LiveMigrationChange,
  type LiveMigrationField,
  type SettingsProblem,
} from '../../../shared/model/live-migration-settings.js';
import { nameKey } from '../storage-paths/names.js';

/** One host's part of a settings change: its settings before and after, and which ones differ. */
export interface HostSettingsPlan {
  host: string;
  before: LiveMigrationSettings;
  after: LiveMigrationSettings;
  changed: LiveMigrationField[];
}

/** A host's new settings, as the database and the cached inventory record them. */
export interface HostSettingsUpdate {
  host: string;
  settings: LiveMigrationSettings;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The settings that differ between two states of a host. */
export function changedSettings(before: LiveMigrationSettings, after: LiveMigrationSettings): LiveMigrationField[] {
  return LIVE_MIGRATION_FIELDS.filter((f) => !sameValue(before[f], after[f]));
}

/**
 * Checks a change for every host it applies to, before anything is applied (VMM's way: nothing is
 * half-applied). Answers each host's plan, or every problem found (a host-specific one names its
 * host), in which case no host may be changed.
 */
export function planSettingsChange(
  hosts: readonly Host[],
  change: Readonly<Record<string, unknown>>,
): { ok: true; change: LiveMigrationChange; plans: HostSettingsPlan[] } | { ok: false; problems: SettingsProblem[] } {
  const checked = checkSettingsChange(change);
  if (!checked.ok) return checked;
  const problems: SettingsProblem[] = [];
  const plans: HostSettingsPlan[] = [];
  for (const host of hosts) {
    const merged = settingsMergeProblems(host.liveMigration, checked.change);
    // One host: the problem is the change's own; several: say which hosts it would break.
    problems.push(...merged.map((p) => (hosts.length > 1 ? { ...p, host: host.name } : p)));
    const after = withSettingsChange(host.liveMigration, checked.change);
    plans.push({ host: host.name, before: host.liveMigration, after, changed: changedSettings(host.liveMigration, after) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, change: checked.change, plans };
}

const shownValue = (field: LiveMigrationField, value: unknown): TextParam => {
  if (field === 'networks') return `[${(value as string[]).join(', ')}]`;
  if (typeof value === 'boolean') return text(value ? 'settings.value.on' : 'settings.value.off');
  return typeof value === 'number' ? value : String(value);
};

/**
 * What changed on a host, as a sentence: "simultaneous live migrations 2 → 3, performance option Compression → SMB";
 * null when nothing did.
 */
export function describeSettingsDiff(before: LiveMigrationSettings, after: LiveMigrationSettings): Text | null {
  const changes = changedSettings(before, after).map((f) =>
    text('settings.change', { field: text(`settings.field.${f}`), before: shownValue(f, before[f]), after: shownValue(f, after[f]) }),
  );
  return changes.length === 0 ? null : text('settings.changes', { changes: changes.length === 1 ? changes[0] : { list: changes } });
}

/**
 * The inventory with some hosts' new settings, as a new document that shares every record the change
 * didn't touch: the same change `updateHostLiveMigration` writes, so a process keeps its snapshot
 * without reading the estate back. Null when the document lacks one of the hosts.
 */
export function withHostSettings(doc: InventoryDocument, updates: readonly HostSettingsUpdate[]): InventoryDocument | null {
  const byKey = new Map(updates.map((u) => [nameKey(u.host), u.settings]));
  let found = 0;
  const hosts = doc.hosts.map((h) => {
    const settings = byKey.get(nameKey(h.name));
    if (!settings) return h;
    found++;
    return { ...h, liveMigration: { ...settings, networks: [...settings.networks] } };
  });
  return found === byKey.size ? { ...doc, hosts } : null;
}
