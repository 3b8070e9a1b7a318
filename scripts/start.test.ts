import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start`'s choice, run as npm runs it (node scripts/start.mjs, after the build): where the desktop
// window can't open with a working database, it says exactly why and serves the console instead.
const dir = mkdtempSync(join(tmpdir(), 'ferry-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs start.mjs until it printed the console's URL, then stops it; answers what it printed before. */
function start(env: NodeJS.ProcessEnv): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--db', join(dir, 'ferry.db'), '--port', '0'], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      if (out.includes('Ferry console: http://127.0.0.1:')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', () => resolve(out.split('\n').filter(Boolean)));
  });
}

describe('scripts/start.mjs', () => {
  it('falls back to the headless host, saying so, when there is no display', async () => {
    const lines = await start({ DISPLAY: '', WAYLAND_DISPLAY: '' });
    expect(lines[0]).toBe('No display here, so Ferry starts its headless host instead of the desktop window.');
    expect(lines[1]).toMatch(/^Ferry console: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  // Where npm install already fetched SQLite for Electron, start.mjs would rightly start the (stand-in) binary.
  it.skipIf(existsSync('native/electron/better_sqlite3.json'))(
    "falls back, naming the reason, when Electron's binary is there but SQLite for Electron can't be had",
    async () => {
      // An Electron binary where electron's index.js looks (ELECTRON_OVERRIDE_DIST_PATH) and a download host that refuses.
      const dist = mkdtempSync(join(dir, 'electron-'));
      writeFileSync(join(dist, 'electron'), '');
      const lines = await start({
        DISPLAY: ':99',
        ELECTRON_OVERRIDE_DIST_PATH: dist,
        npm_config_better_sqlite3_binary_host: 'http://127.0.0.1:9/mirror',
        npm_config_cache: join(dir, 'npm-cache'),
      });
      expect(lines[0]).toMatch(
        /^The desktop app needs SQLite built for Electron, and better-sqlite3 for Electron [\d.]+ could not be downloaded \(.*ECONNREFUSED.*\); so Ferry starts its headless host instead \(npm run native:electron retries\)\.$/,
      );
      expect(lines[1]).toMatch(/^Ferry console: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    },
  );
});
