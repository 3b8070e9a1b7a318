import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from './app-services.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const dbPath = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-speed-'));
  dirs.push(dir);
  return join(dir, 'ferry.db');
};

describe('the simulator speed setting', () => {
  it('starts at 10, is saved, and is read back by the next process', async () => {
    const path = dbPath();
    const first = await createAppServices({ databasePath: path });
    expect(first.settingsGet().simulatorSpeed).toBe(10);
    expect(first.settingsSet({ simulatorSpeed: 60 }).simulatorSpeed).toBe(60);
    await first.close();
    const second = await createAppServices({ databasePath: path });
    expect(second.settingsGet().simulatorSpeed).toBe(60);
    await second.close();
  });

  it('shows the speed a --speed flag put in effect, not the saved one, until the admin changes it', async () => {
    const path = dbPath();
    const s = await createAppServices({ databasePath: path, speed: 200 });
    expect(s.settings.getUi().simulatorSpeed).toBe(10);
    expect(s.settingsGet().simulatorSpeed).toBe(200);
    expect(s.settingsSet({ language: 'it' })).toMatchObject({ language: 'it', simulatorSpeed: 200 });
    expect(s.settingsSet({ simulatorSpeed: 2 }).simulatorSpeed).toBe(2);
    expect(s.settingsGet().simulatorSpeed).toBe(2);
    await s.close();
  });
});
