import {
  DEFAULT_UI_SETTINGS,
  JOB_LIST_HIDEABLE_COLUMNS,
  LANGUAGE_VALUES,
  SIMULATOR_SPEED,
  THEME_VALUES,
  VM_LIST_HIDEABLE_COLUMNS,
  type UiSettings,
} from '../../../shared/model/settings.js';
import type { Db } from './open.js';

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
}
