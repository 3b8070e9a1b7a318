import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.js';
import { SettingsRepository } from './settings-repository.js';

describe('SettingsRepository hidden columns', () => {
  it('starts with every column shown, and keeps the columns hidden with Columns', () => {
    const db = openDatabase(':memory:');
    const settings = new SettingsRepository(db);
    expect(settings.getUi().hiddenColumns).toEqual({ vms: [], jobs: [] });
    settings.setUi({ hiddenColumns: { vms: ['memory', 'host'], jobs: ['timeLeft'] } });
    expect(new SettingsRepository(db).getUi().hiddenColumns).toEqual({ vms: ['host', 'memory'], jobs: ['timeLeft'] });
    // Other preferences leave them as they are.
    settings.setUi({ theme: 'dark' });
    expect(settings.getUi()).toMatchObject({ theme: 'dark', hiddenColumns: { vms: ['host', 'memory'], jobs: ['timeLeft'] } });
  });

  it('drops a damaged value or a column it does not know (Name cannot be hidden), showing those columns', () => {
    const db = openDatabase(':memory:');
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    put.run('ui.hiddenColumns.vms', '["name","memory","gone",7]');
    put.run('ui.hiddenColumns.jobs', '{not json');
    expect(new SettingsRepository(db).getUi().hiddenColumns).toEqual({ vms: ['memory'], jobs: [] });
  });
});
