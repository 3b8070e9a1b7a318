import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { electronSqliteReady, ensureElectronSqlite, installedElectron } from './native-electron.mjs';

// The install step's Electron build, against a local mirror (npm_config_better_sqlite3_binary_host)
// so the test never reaches GitHub: the real prebuild-install downloads, unpacks and is recorded.
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version as string;
const nodeBuild = join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
const electron = installedElectron() as { version: string; abi: string };
const work = mkdtempSync(join(tmpdir(), 'ferry-native-electron-'));
const requests: string[] = [];
let server: Server;
let host = '';
const saved = { host: process.env.npm_config_better_sqlite3_binary_host, cache: process.env.npm_config_cache };

beforeAll(async () => {
  // A release tarball as better-sqlite3 publishes it: build/Release/better_sqlite3.node.
  mkdirSync(join(work, 'pkg', 'build', 'Release'), { recursive: true });
  copyFileSync(nodeBuild, join(work, 'pkg', 'build', 'Release', 'better_sqlite3.node'));
  const tarball = join(work, 'release.tar.gz');
  execFileSync('tar', ['czf', tarball, '-C', join(work, 'pkg'), 'build']);
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/mirror/v${version}/better-sqlite3-v${version}-electron-v${electron.abi}-win32-x64.tar.gz`) res.end(readFileSync(tarball));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  host = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/mirror`;
  process.env.npm_config_cache = join(work, 'npm-cache');
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const [k, v] of [
    ['npm_config_better_sqlite3_binary_host', saved.host],
    ['npm_config_cache', saved.cache],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(work, { recursive: true, force: true });
});

describe('ensureElectronSqlite', () => {
  it("fetches the build for the installed Electron's ABI into its own folder with a manifest, leaving Node's build alone", async () => {
    process.env.npm_config_better_sqlite3_binary_host = host;
    const before = statSync(nodeBuild).mtimeMs;
    const dir = join(work, 'native-ok');
    const r = await ensureElectronSqlite({ platform: 'win32', arch: 'x64', dir });
    expect(r).toMatchObject({ ok: true, reason: `built for Electron ${electron.version} (ABI ${electron.abi}, win32-x64)` });
    expect(existsSync(join(dir, 'better_sqlite3.node'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'better_sqlite3.json'), 'utf8'))).toEqual({
      electron: electron.version,
      abi: electron.abi,
      platform: 'win32',
      arch: 'x64',
      betterSqlite3: version,
    });
    expect(electronSqliteReady(electron, 'win32', 'x64', dir)).toBe(true);
    expect(statSync(nodeBuild).mtimeMs).toBe(before);
    // Already there: nothing is downloaded again.
    const asked = requests.length;
    expect(await ensureElectronSqlite({ platform: 'win32', arch: 'x64', dir })).toMatchObject({ ok: true, reason: 'already built' });
    expect(requests.length).toBe(asked);
  });

  it('answers why when the download fails, writing nothing', async () => {
    process.env.npm_config_better_sqlite3_binary_host = host;
    const dir = join(work, 'native-missing');
    const r = await ensureElectronSqlite({ platform: 'linux', arch: 'arm64', dir });
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(
      new RegExp(
        `^better-sqlite3 for Electron ${electron.version.replace(/\./g, '\\.')} could not be downloaded \\(No prebuilt binaries found \\(target=${electron.version.replace(/\./g, '\\.')} runtime=electron arch=arm64`,
      ),
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('answers why when the host refuses the connection', async () => {
    process.env.npm_config_better_sqlite3_binary_host = 'http://127.0.0.1:9/mirror';
    const dir = join(work, 'native-refused');
    const r = await ensureElectronSqlite({ platform: 'win32', arch: 'x64', dir });
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/could not be downloaded \(.*ECONNREFUSED/);
    expect(existsSync(dir)).toBe(false);
  });
});
