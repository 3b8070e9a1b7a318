// Fetches better-sqlite3 built for the installed Electron's ABI into native/electron/ (with
// better_sqlite3.json saying which Electron it is for), leaving node_modules' build for Node alone.
// better-sqlite3 publishes these builds with its releases; prebuild-install (its own dependency)
// downloads the one for this Electron, platform and arch. `npm run native:electron [-- --platform win32 --arch x64]`.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../', import.meta.url));

/** The installed Electron's version and ABI (node_modules/electron's package.json and abi_version), or null. */
export function installedElectron() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    const abi = readFileSync(join(dir, 'abi_version'), 'utf8').trim();
    return { version, abi };
  } catch {
    return null;
  }
}

/** Where the Electron build goes. */
export const nativeDir = join(root, 'native', 'electron');

/** Whether native/electron holds a build for this Electron, platform and arch. */
export function electronSqliteReady(electron, platform = process.platform, arch = process.arch, dir = nativeDir) {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'better_sqlite3.json'), 'utf8'));
    return existsSync(join(dir, 'better_sqlite3.node')) && m.abi === electron.abi && m.platform === platform && m.arch === arch;
  } catch {
    return false;
  }
}

function run(command, args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\ntimed out after ${timeoutMs / 1000} s`;
      child.kill();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}\n${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

/** The last meaningful line of a tool's output, for a one-line reason. */
export function lastProblem(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const warn = lines.filter((l) => /warn|err|timed out/i.test(l) && !/looking for/i.test(l)).pop();
  return (warn ?? lines.pop() ?? 'no output').replace(/^prebuild-install (warn|err!?) (install )?/, '').slice(0, 200);
}

/**
 * Makes native/electron hold better-sqlite3 for the installed Electron (a no-op when it already
 * does). Answers { ok, reason, log }; never throws. Times out after `timeoutMs`. prebuild-install
 * honours npm_config_better_sqlite3_binary_host (a mirror).
 */
export async function ensureElectronSqlite({ platform = process.platform, arch = process.arch, timeoutMs = 120_000, dir = nativeDir } = {}) {
  const electron = installedElectron();
  if (!electron) return { ok: false, reason: 'the electron package is not installed', log: '' };
  if (electronSqliteReady(electron, platform, arch, dir)) return { ok: true, reason: 'already built', log: '' };
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  // prebuild-install writes into ./build of the package it runs in: a scratch copy keeps Node's build intact.
  const scratch = mkdtempSync(join(tmpdir(), 'ferry-sqlite-electron-'));
  try {
    cpSync(join(pkgDir, 'package.json'), join(scratch, 'package.json'));
    const bin = require.resolve('prebuild-install/bin.js', { paths: [pkgDir] });
    const r = await run(
      process.execPath,
      [bin, '--runtime', 'electron', '--target', electron.version, '--platform', platform, '--arch', arch],
      scratch,
      timeoutMs,
    );
    const built = join(scratch, 'build', 'Release', 'better_sqlite3.node');
    if (!r.ok || !existsSync(built))
      return { ok: false, reason: `better-sqlite3 for Electron ${electron.version} could not be downloaded (${lastProblem(r.output)})`, log: r.output };
    mkdirSync(dir, { recursive: true });
    copyFileSync(built, join(dir, 'better_sqlite3.node'));
    const manifest = { electron: electron.version, abi: electron.abi, platform, arch, betterSqlite3: version };
    writeFileSync(join(dir, 'better_sqlite3.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { ok: true, reason: `built for Electron ${electron.version} (ABI ${electron.abi}, ${platform}-${arch})`, log: r.output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const r = await ensureElectronSqlite({ platform: arg('--platform'), arch: arg('--arch') });
  console.log(r.ok ? `SQLite for Electron: ${r.reason} (${nativeDir}).` : `SQLite for Electron: ${r.reason}.`);
  if (!r.ok && r.log) console.log(r.log.trim());
  process.exitCode = r.ok ? 0 : 1;
}
