// `npm start`: the desktop app where Electron can run; otherwise the headless host, with the URL
// to open in a browser. Either way on the app's own database (or --db PATH / FERRY_DB).
// The desktop app needs better-sqlite3 built for Electron (native/electron); when `npm install`
// could not fetch it, this tries once more and, failing that, says so and serves the console instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureElectronSqlite } from './native-electron.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron'); // the path of the binary; throws when its download was skipped
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const hasDisplay = process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let electron = hasDisplay ? electronBinary() : null;
let why = hasDisplay
  ? "Electron's binary is not installed here (see native/install.log), so Ferry starts its headless host instead."
  : 'No display here, so Ferry starts its headless host instead of the desktop window.';
if (electron) {
  const sqlite = await ensureElectronSqlite({ timeoutMs: 60_000 });
  if (!sqlite.ok) {
    why = `The desktop app needs SQLite built for Electron, and ${sqlite.reason}; so Ferry starts its headless host instead (npm run native:electron retries).`;
    electron = null;
  }
}
let child;
if (electron) {
  child = spawn(electron, ['dist/main/electron.mjs', ...args], { stdio: 'inherit' });
} else {
  console.log(why);
  child = spawn(process.execPath, ['dist/main/cli.mjs', 'serve', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
