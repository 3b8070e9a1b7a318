// `npm start`: the desktop app where Electron can run; otherwise the headless host, with the URL
// to open in a browser. Either way on the app's own database (or --db PATH / FERRY_DB).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    return require('electron'); // the path of the binary; throws when its download was skipped
  } catch {
    return null;
  }
}

const hasDisplay = process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = hasDisplay ? electronBinary() : null;
let child;
if (electron) {
  child = spawn(electron, ['dist/main/electron.mjs', ...args], { stdio: 'inherit' });
} else {
  console.log(
    hasDisplay
      ? "Electron's binary is not installed here, so Ferry starts its headless host instead."
      : 'No display here, so Ferry starts its headless host instead of the desktop window.',
  );
  child = spawn(process.execPath, ['dist/main/cli.mjs', 'serve', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
