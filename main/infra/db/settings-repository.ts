import { LANGUAGE_VALUES, THEME_VALUES, DEFAULT_UI_SETTINGS, SIMULATOR_SPEED, type UiSettings } from '../../../shared/model/settings.js';
import type { Db } from './open.js';

/** The console's preferences, one row per key. */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** Current preferences; unknown or damaged values fall back to the defaults. */
  getUi(): UiSettings {
    const rows = this.db.prepare("SELECT key, value FROM settings WHERE key IN ('ui.language', 'ui.theme')").all() as { key: string; value: string }[];
    const out: UiSettings = { ...DEFAULT_UI_SETTINGS, simulatorSpeed: this.getSimulatorSpeed() };
    for (const { key, value } of rows) {
      if (key === 'ui.language' && (LANGUAGE_VALUES as readonly string[]).includes(value)) out.language = value as UiSettings['language'];
      if (key === 'ui.theme' && (THEME_VALUES as readonly string[]).includes(value)) out.theme = value as UiSettings['theme'];
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
    })();
    return this.getUi();
  }
}
