// `npm install`'s last step: get Electron's binary (Electron's own install.js, which npm is told not
// to run itself so that its failure can't fail the install) and better-sqlite3 built for Electron
// (scripts/native-electron.mjs). Where either can't be had it prints ONE line saying so, writes the
// details to native/install.log, and succeeds: `npm start` then serves the console in a browser.
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips both.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite, lastProblem } from './native-electron.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../', import.meta.url));
const logFile = join(root, 'native', 'install.log');

/** Electron's binary path, or null while it is not installed. */
function electronBinary() {
  try {
    const path = require('electron');
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function runInstallJs(timeoutMs) {
  return new Promise((resolve) => {
    let script;
    try {
      script = join(dirname(require.resolve('electron/package.json')), 'install.js');
    } catch {
      resolve({ ok: false, output: 'the electron package is not installed' });
      return;
    }
    const child = spawn(process.execPath, [script], { cwd: dirname(script), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\ntimed out after ${timeoutMs / 1000} s`;
      child.kill();
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

/** The first line of Electron's install error that says why (e.g. getaddrinfo ENOTFOUND github.com). */
function electronProblem(output) {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^(Error|RequestError|HTTPError)\b|ENOTFOUND|ECONN|ETIMEDOUT|timed out/.test(l));
  return (line ?? lastProblem(output)).slice(0, 160);
}

const log = [];
let problem = null;
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  problem = 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
} else {
  if (!electronBinary()) {
    // Electron's download is about 110 MB: a slow link gets 10 minutes; an unreachable host fails in seconds.
    const r = await runInstallJs(Number(process.env.FERRY_ELECTRON_TIMEOUT_S ?? 600) * 1000);
    log.push('# node node_modules/electron/install.js', r.output);
    if (!electronBinary()) problem = `Electron's binary could not be downloaded: ${electronProblem(r.output)}`;
  }
  if (!problem) {
    const r = await ensureElectronSqlite();
    log.push('# node scripts/native-electron.mjs', r.log);
    if (!r.ok) problem = `${r.reason}`;
  }
}
mkdirSync(dirname(logFile), { recursive: true });
writeFileSync(logFile, `${log.join('\n')}\n`);
console.log(
  problem
    ? `Ferry: the desktop window is not available on this machine (${problem}); \`npm start\` will serve the console in a browser.`
    : 'Ferry: the desktop window is ready (Electron and its SQLite module are installed); `npm start` opens it.',
);
