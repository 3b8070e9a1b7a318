import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DoctorCheck, DoctorReport } from '../../shared/model/doctor.js';
import { defaultPowerShell } from '../infra/connectors/hyperv/powershell-runner.js';
import { checkDatabaseFile, DatabaseRefusedError } from '../infra/db/database-check.js';
import { MIGRATIONS } from '../infra/db/migrations.js';
import { appRoot, electronNativeDir, selectSqliteBinding, SqliteBindingError, sqliteOptions } from '../infra/db/sqlite-binding.js';

/** Where and how the doctor looks; the defaults are this process's. Tests point them elsewhere. */
export interface DoctorOptions {
  databasePath: string;
  root?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  /** process.versions of the running runtime (electron is set inside the app and its `ferry` command). */
  versions?: { electron?: string; modules: string };
  /** How long one external program may take to answer. */
  timeoutMs?: number;
}

interface Ran {
  ok: boolean;
  output: string;
  missing: boolean;
}

/** Runs a program and collects what it printed; never throws. */
function run(command: string, args: string[], timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      resolve({ ok: false, output: (e as Error).message, missing: true });
      return;
    }
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(no answer after ${timeoutMs / 1000} s)`;
      child.kill();
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, output: e.message, missing: e.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: output.trim(), missing: false });
    });
  });
}

const check = (name: DoctorCheck['name'], ok: boolean, required: boolean, detail: string, fix: string): DoctorCheck => ({
  name,
  ok,
  required,
  detail,
  fix: ok ? null : fix,
});

/** The Electron that would run the desktop app: the running one, or node_modules/electron's. */
function installedElectron(root: string, versions: DoctorOptions['versions']): { version: string; abi: string; binary: string | null } | null {
  if (versions?.electron) return { version: versions.electron, abi: versions.modules, binary: process.execPath };
  try {
    const dir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    const abi = readFileSync(join(dir, 'abi_version'), 'utf8').trim();
    const pathTxt = join(dir, 'path.txt');
    const binary = existsSync(pathTxt) ? join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim()) : null;
    return { version, abi, binary: binary && existsSync(binary) ? binary : null };
  } catch {
    return null;
  }
}

function electronChecks(o: Required<Omit<DoctorOptions, 'versions'>> & Pick<DoctorOptions, 'versions'>): DoctorCheck[] {
  const electron = installedElectron(o.root, o.versions);
  const inElectron = Boolean(o.versions?.electron);
  const binary = electron?.binary
    ? check('electron-binary', true, inElectron, `Electron ${electron.version}: ${electron.binary}`, '')
    : check(
        'electron-binary',
        false,
        false,
        electron
          ? `Electron ${electron.version} is installed without its binary (its download failed or was skipped; see native/install.log)`
          : 'The electron package is not installed',
        "Run npm install on a machine that can reach Electron's download (github.com, or set ELECTRON_MIRROR); until then npm start serves the console in a browser",
      );
  let sqlite: DoctorCheck;
  if (!electron) sqlite = check('sqlite-electron', false, false, 'No Electron to build it for', 'Install Electron first (npm install)');
  else {
    try {
      const binding = selectSqliteBinding({ electron: electron.version, modules: electron.abi, platform: o.platform, arch: o.arch }, electronNativeDir(o.root));
      sqlite = check(
        'sqlite-electron',
        true,
        inElectron,
        `better-sqlite3 for Electron ${electron.version} (ABI ${electron.abi}, ${o.platform}-${o.arch}): ${binding.kind === 'electron' ? binding.path : ''}`,
        '',
      );
    } catch (e) {
      sqlite = check('sqlite-electron', false, inElectron, (e as Error).message, e instanceof SqliteBindingError ? e.fix : String(e));
    }
  }
  return [binary, sqlite];
}

function nodeSqliteCheck(inElectron: boolean): DoctorCheck {
  if (inElectron) return check('sqlite-node', true, false, 'Not used here: this is Electron, which loads the Electron build', '');
  try {
    const db = new Database(':memory:');
    const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    db.close();
    return check('sqlite-node', true, true, `better-sqlite3 loads in Node ${process.versions.node} (ABI ${process.versions.modules}), SQLite ${version}`, '');
  } catch (e) {
    return check(
      'sqlite-node',
      false,
      true,
      `better-sqlite3 does not load in Node ${process.versions.node}: ${(e as Error).message.split('\n')[0]}`,
      'Run npm rebuild better-sqlite3 (or npm ci) with the Node that runs Ferry',
    );
  }
}

async function powershellChecks(o: Required<Omit<DoctorOptions, 'versions'>>): Promise<DoctorCheck[]> {
  const exe = defaultPowerShell(o.env, o.platform);
  const windows = o.platform === 'win32';
  const script =
    '$PSVersionTable.PSVersion.ToString(); foreach ($m in \'Hyper-V\',\'FailoverClusters\') { $x = Get-Module -ListAvailable -Name $m | Select-Object -First 1; if ($x) { "$m=$($x.Version)" } else { "$m=" } }';
  const r = await run(exe, ['-NoProfile', '-NonInteractive', '-Command', script], o.timeoutMs);
  const suggestion =
    !windows && !o.env.FERRY_POWERSHELL && existsSync('/opt/pwsh/pwsh') ? ' (PowerShell is at /opt/pwsh/pwsh here: set FERRY_POWERSHELL=/opt/pwsh/pwsh)' : '';
  const notNeeded = 'not needed for offline planning or the simulator; needed to reach real Hyper-V hosts';
  if (!r.ok) {
    const fix = windows
      ? "Windows PowerShell 5.1 ships with Windows: make sure powershell.exe is on PATH, or set FERRY_POWERSHELL to PowerShell's full path"
      : `Install PowerShell 7 (pwsh) or set FERRY_POWERSHELL to its path${suggestion}`;
    const why = r.missing ? `${exe} was not found` : `${exe} failed: ${r.output.split('\n').pop()}`;
    return [
      check('powershell', false, false, `${why}; PowerShell is ${notNeeded}`, fix),
      check('hyperv-module', false, false, 'Not checked: no PowerShell', fix),
      check('failoverclusters-module', false, false, 'Not checked: no PowerShell', fix),
    ];
  }
  const lines = r.output.split(/\r?\n/);
  const module = (name: string): string => lines.find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1) ?? '';
  const hyperv = module('Hyper-V');
  const clusters = module('FailoverClusters');
  return [
    check('powershell', true, false, `${exe}: PowerShell ${lines[0]}`, ''),
    check(
      'hyperv-module',
      Boolean(hyperv),
      false,
      hyperv ? `Hyper-V module ${hyperv}` : `The Hyper-V module is not installed: it is ${notNeeded}`,
      windows
        ? 'On Windows 10/11: Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V-Management-PowerShell; on Windows Server: Install-WindowsFeature RSAT-Hyper-V-Tools'
        : 'The Hyper-V module exists only on Windows: run Ferry on a Windows workstation to manage real hosts',
    ),
    check(
      'failoverclusters-module',
      Boolean(clusters),
      false,
      clusters ? `FailoverClusters module ${clusters}` : `The FailoverClusters module is not installed: it is ${notNeeded} in a cluster`,
      windows
        ? 'On Windows 10/11: Add-WindowsCapability -Online -Name Rsat.FailoverCluster.Management.Tools~~~~0.0.1.0; on Windows Server: Install-WindowsFeature RSAT-Clustering-PowerShell'
        : 'The FailoverClusters module exists only on Windows: run Ferry on a Windows workstation to manage real clusters',
    ),
  ];
}

async function qemuCheck(o: Required<Omit<DoctorOptions, 'versions'>>): Promise<DoctorCheck> {
  const exe = o.env.FERRY_QEMU ?? 'qemu-system-x86_64';
  const r = await run(exe, ['--version'], o.timeoutMs);
  const version = /version (\d+)\.(\d+)(?:\.(\d+))?/.exec(r.output);
  const fix =
    o.platform === 'win32'
      ? 'The QEMU lab runs on Linux only (it is for development, not for Hyper-V hosts)'
      : 'Install QEMU 8 or later (Debian 12: apt-get install -t bookworm-backports qemu-system-x86 qemu-utils)';
  if (!r.ok || !version)
    return check(
      'qemu',
      false,
      false,
      `${exe} ${r.missing ? 'was not found' : `did not report a version: ${r.output.split('\n')[0]}`}; QEMU is needed only for the lab`,
      fix,
    );
  const ok = Number(version[1]) >= 8;
  return check('qemu', ok, false, `QEMU ${version[0].slice(8)}${ok ? '' : ', older than 8, which the lab needs'}`, fix);
}

async function chromiumCheck(o: Required<Omit<DoctorOptions, 'versions'>>): Promise<DoctorCheck> {
  const exe = o.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const r = existsSync(exe) ? await run(exe, ['--version', '--no-sandbox'], o.timeoutMs) : { ok: false, output: '', missing: true };
  return r.ok
    ? check('chromium', true, false, `${r.output.split('\n').find((l) => /Chromium \d/.test(l)) ?? r.output.split('\n').pop()} (${exe})`, '')
    : check(
        'chromium',
        false,
        false,
        `${exe} ${r.missing ? 'was not found' : 'did not start'}; Chromium is needed only for the end-to-end tests`,
        'apt-get install chromium, or set CHROMIUM_PATH to a Chromium',
      );
}

/** The nearest folder that exists at or above `path`. */
function existingAncestor(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function databaseCheck(path: string): DoctorCheck {
  const fix = "Choose another file with --db PATH (or FERRY_DB), or fix the folder's permissions";
  const latest = MIGRATIONS.length;
  if (!existsSync(path)) {
    const parent = existingAncestor(dirname(path));
    try {
      accessSync(parent, constants.W_OK);
      return check(
        'database',
        true,
        true,
        `${path} does not exist yet; it will be created at the first start (schema version ${latest}); ${parent} is writable`,
        '',
      );
    } catch {
      return check('database', false, true, `${path} does not exist and ${parent} is not writable`, fix);
    }
  }
  try {
    checkDatabaseFile(path);
  } catch (e) {
    return check(
      'database',
      false,
      true,
      e instanceof DatabaseRefusedError ? e.message : `${path}: ${(e as Error).message}`,
      e instanceof SqliteBindingError ? e.fix : fix,
    );
  }
  let version = 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, ...sqliteOptions() });
    version = db.pragma('user_version', { simple: true }) as number;
    db.close();
  } catch {
    // checkDatabaseFile read it a moment ago; a failure here leaves the version unknown (0).
  }
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  } catch {
    return check(
      'database',
      false,
      true,
      `${path} (schema version ${version} of ${latest}) is not writable (Ferry also writes its -wal and -shm files beside it)`,
      fix,
    );
  }
  const schema = version === latest ? `schema version ${version}, current` : `schema version ${version}; the next start brings it to ${latest}`;
  return check('database', true, true, `${path}: Ferry's database, ${schema}, writable`, '');
}

/**
 * Checks an installation and says what to fix: Electron's binary, the SQLite module of each runtime,
 * PowerShell and its Hyper-V and FailoverClusters modules, QEMU (the lab), Chromium (the tests), and
 * the database. `ok` is whether everything the console needs is there (QEMU and Chromium are not).
 * Writes nothing.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const o = {
    databasePath: options.databasePath,
    root: options.root ?? appRoot(),
    env: options.env ?? process.env,
    platform: options.platform ?? process.platform,
    arch: options.arch ?? process.arch,
    versions: options.versions ?? { electron: process.versions.electron, modules: process.versions.modules },
    timeoutMs: options.timeoutMs ?? 20_000,
  };
  const inElectron = Boolean(o.versions.electron);
  const [shell, qemu, chromium] = await Promise.all([powershellChecks(o), qemuCheck(o), chromiumCheck(o)]);
  const [binary, electronSqlite] = electronChecks(o);
  const checks = [binary, nodeSqliteCheck(inElectron), electronSqlite, ...shell, qemu, chromium, databaseCheck(o.databasePath)];
  return { ok: checks.every((c) => c.ok || !c.required), checks };
}
