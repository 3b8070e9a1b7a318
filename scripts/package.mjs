// `npm run package`: the Windows installer (NSIS, x64) in release/. Runs on Windows: builds Ferry, makes
// sure native/electron holds better-sqlite3 for this Electron on win32-x64, then runs electron-builder
// with electron-builder.yml. Says what is missing and exits 1 rather than build an installer that can't
// open its database.
import { spawnSync } from 'node:child_process';
import { ensureElectronSqlite, installedElectron } from './native-electron.mjs';

const fail = (message) => {
  console.error(`npm run package: ${message}`);
  process.exit(1);
};

if (process.platform !== 'win32' && !process.argv.includes('--any-os')) {
  fail('the Windows installer is built on Windows (npm run package in a Windows terminal); this is ' + process.platform + '.');
}
const electron = installedElectron();
if (!electron) fail('the electron package is not installed: run npm install first.');
const sqlite = await ensureElectronSqlite({ platform: 'win32', arch: 'x64' });
if (!sqlite.ok)
  fail(
    `the installer needs better-sqlite3 built for Electron ${electron.version} on win32-x64, and ${sqlite.reason}. Run npm run native:electron where GitHub is reachable.`,
  );

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
for (const [command, args] of [
  [npm, ['run', 'build', '--silent']],
  [
    npx,
    [
      'electron-builder',
      '--win',
      'nsis',
      '--x64',
      '--config',
      'electron-builder.yml',
      '--publish',
      'never',
      ...process.argv.slice(2).filter((a) => a !== '--any-os'),
    ],
  ],
]) {
  const r = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`);
}
console.log('The installer is in release\\ (Ferry-Setup-<version>.exe).');
