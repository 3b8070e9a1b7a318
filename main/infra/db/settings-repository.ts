import {
  DEFAULT_UI_SETTINGS,
  JOB_LIST_HIDEABLE_COLUMNS,
  LANGUAGE_VALUES,
  SIMULATOR_SPEED,
  THEME_VALUES,
  VM_LIST_HIDEABLE_COLUMNS,
  type UiSettings,
} from '../../../shared/model/settings.js';
import type { OptimizeThresholds } from '../../../shared/model/optimize.js';
import { thresholdsProblem } from '../../domain/optimize/thresholds.js';
import type { Db } from './open.js';

const THRESHOLDS_KEY = 'optimize.thresholds.';

/** The known columns of a stored JSON list, each once; anything else (a damaged value, a column since removed) is dropped. */
function knownColumns<C extends string>(text: string, known: readonly C[]): C[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const list: unknown[] = Array.isArray(parsed) ? parsed : [];
  return known.filter((c) => list.includes(c));
}

/** The console's preferences, one row per key. */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** Current preferences; unknown or damaged values fall back to the defaults. */
  getUi(): UiSettings {
    const rows = this.db
      .prepare("SELECT key, value FROM settings WHERE key IN ('ui.language', 'ui.theme', 'ui.hiddenColumns.vms', 'ui.hiddenColumns.jobs')")
      .all() as { key: string; value: string }[];
    const out: UiSettings = { ...DEFAULT_UI_SETTINGS, simulatorSpeed: this.getSimulatorSpeed(), hiddenColumns: { vms: [], jobs: [] } };
    for (const { key, value } of rows) {
      if (key === 'ui.language' && (LANGUAGE_VALUES as readonly string[]).includes(value)) out.language = value as UiSettings['language'];
      if (key === 'ui.theme' && (THEME_VALUES as readonly string[]).includes(value)) out.theme = value as UiSettings['theme'];
      if (key === 'ui.hiddenColumns.vms') out.hiddenColumns.vms = knownColumns(value, VM_LIST_HIDEABLE_COLUMNS);
      if (key === 'ui.hiddenColumns.jobs') out.hiddenColumns.jobs = knownColumns(value, JOB_LIST_HIDEABLE_COLUMNS);
    }
    return out;
  }

  /** The simulator's time compression: 1 is real time; the default, 10, suits demos. */
  getSimulatorSpeed(): number {
    const value = Number(this.db.prepare("SELECT value FROM settings WHERE key = 'simulator.speed'").pluck().get());
    return Number.isFinite(value) && value >= SIMULATOR_SPEED.min && value <= SIMULATOR_SPEED.max ? value : SIMULATOR_SPEED.default;
  }

  /** Sets the simulator's time compression. */
  setSimulatorSpeed(speed: number): void {
    this.db.prepare("INSERT INTO settings (key, value) VALUES ('simulator.speed', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(speed));
  }

  /** Changes some preferences in one transaction and answers all of them. */
  setUi(change: Partial<UiSettings>): UiSettings {
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      if (change.language !== undefined) put.run('ui.language', change.language);
      if (change.theme !== undefined) put.run('ui.theme', change.theme);
      if (change.simulatorSpeed !== undefined) put.run('simulator.speed', String(change.simulatorSpeed));
      if (change.hiddenColumns !== undefined) {
        put.run('ui.hiddenColumns.vms', JSON.stringify(change.hiddenColumns.vms));
        put.run('ui.hiddenColumns.jobs', JSON.stringify(change.hiddenColumns.jobs));
      }
    })();
    return this.getUi();
  }

  /** The Optimize Hosts thresholds set on host groups, by path; a damaged row is left out (the group inherits). */
  getOptimizeThresholds(): Record<string, OptimizeThresholds> {
    const rows = this.db.prepare('SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key').all(THRESHOLDS_KEY.length, THRESHOLDS_KEY) as {
      key: string;
      value: string;
    }[];
    const out: Record<string, OptimizeThresholds> = {};
    for (const { key, value } of rows) {
      try {
        const t = JSON.parse(value) as OptimizeThresholds;
        const clean = { memoryFreePercent: t.memoryFreePercent, cpuFreePercent: t.cpuFreePercent };
        if (thresholdsProblem(clean) === null) out[key.slice(THRESHOLDS_KEY.length)] = clean;
      } catch {
        // A damaged value: the group inherits its parent's thresholds.
      }
    }
    return out;
  }

  /** Sets a host group's thresholds, or (null) removes them so that it inherits again. */
  setOptimizeThresholds(group: string, thresholds: OptimizeThresholds | null): void {
    if (thresholds === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(THRESHOLDS_KEY + group);
    else
      this.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(THRESHOLDS_KEY + group, JSON.stringify({ memoryFreePercent: thresholds.memoryFreePercent, cpuFreePercent: thresholds.cpuFreePercent }));
  }
}
