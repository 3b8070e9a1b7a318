import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// npm install's last step, run as npm runs it: it must succeed with ONE line wherever Electron's
// download can't be reached. The hosts here are a refused local port and an empty download cache,
// so the test never downloads anything and never changes node_modules/electron.
const require = createRequire(import.meta.url);
const electronInstalled = (() => {
  try {
    return existsSync(require('electron') as string);
  } catch {
    return false;
  }
})();
const cache = mkdtempSync(join(tmpdir(), 'ferry-electron-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function postinstall(env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ['scripts/postinstall.mjs'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: cache,
      npm_config_better_sqlite3_binary_host: 'http://127.0.0.1:9/mirror',
      ...env,
    },
  });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean), stderr: r.stderr };
}

describe('scripts/postinstall.mjs', () => {
  it('skips both downloads when ELECTRON_SKIP_BINARY_DOWNLOAD is set, with one line saying the console will be served in a browser', () => {
    const r = postinstall({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      'Ferry: the desktop window is not available on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD is set); `npm start` will serve the console in a browser.',
    ]);
  });

  it.skipIf(electronInstalled)("succeeds with one line naming why when Electron's download host refuses, and logs the details", () => {
    const r = postinstall({ ELECTRON_SKIP_BINARY_DOWNLOAD: '' });
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(
      /^Ferry: the desktop window is not available on this machine \(Electron's binary could not be downloaded: .*ECONNREFUSED.*\); `npm start` will serve the console in a browser\.$/,
    );
    expect(readFileSync('native/install.log', 'utf8')).toContain('# node node_modules/electron/install.js');
  });
});
