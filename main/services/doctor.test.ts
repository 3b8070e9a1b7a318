import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFerry } from '../../test/fixtures/cli-run.js';
import type { DoctorCheck, DoctorReport } from '../../shared/model/doctor.js';
import { openDatabase } from '../infra/db/open.js';
import { MIGRATIONS } from '../infra/db/migrations.js';
import { runDoctor } from './doctor.js';

// `ferry doctor` against real files and real programs: a project folder laid out as npm install leaves
// it (with and without Electron's binary and its SQLite build), small scripts that answer as PowerShell
// and QEMU do, and real SQLite files.
const require = createRequire(import.meta.url);
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-doctor-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A project root as npm install leaves it: node_modules/electron, with or without its binary and the Electron SQLite build. */
function project(options: { binary: boolean; sqliteAbi: string | null }): string {
  const root = join(dir, 'project');
  const electron = join(root, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"ferry"}');
  writeFileSync(join(electron, 'package.json'), '{"name":"electron","version":"41.7.1"}');
  writeFileSync(join(electron, 'abi_version'), '145');
  if (options.binary) {
    mkdirSync(join(electron, 'dist'));
    writeFileSync(join(electron, 'dist', 'electron'), '');
    writeFileSync(join(electron, 'path.txt'), 'electron');
  }
  if (options.sqliteAbi) {
    const native = join(root, 'native', 'electron');
    mkdirSync(native, { recursive: true });
    copyFileSync(nodeBuild, join(native, 'better_sqlite3.node'));
    writeFileSync(
      join(native, 'better_sqlite3.json'),
      JSON.stringify({ electron: '41.7.1', abi: options.sqliteAbi, platform: 'win32', arch: 'x64', betterSqlite3: '12.11.1' }),
    );
  }
  return root;
}

/** An executable script that prints `output` and exits with `code`, standing where PowerShell or QEMU would. */
function program(name: string, output: string, code = 0): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\ncat <<'OUT'\n${output}\nOUT\nexit ${code}\n`);
  chmodSync(path, 0o755);
  return path;
}

const byName = (report: DoctorReport, name: DoctorCheck['name']): DoctorCheck => {
  const c = report.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} check`);
  return c;
};

async function doctor(root: string, env: NodeJS.ProcessEnv, databasePath = join(dir, 'data', 'ferry.db')): Promise<DoctorReport> {
  return runDoctor({
    databasePath,
    root,
    env: { CHROMIUM_PATH: join(dir, 'none'), FERRY_QEMU: join(dir, 'none'), ...env },
    platform: 'win32',
    arch: 'x64',
    versions: { modules: process.versions.modules },
    timeoutMs: 10_000,
  });
}

const pwsh = () => program('pwsh', '5.1.22621.4391\nHyper-V=2.0.0.0\nFailoverClusters=2.0.0.0');

describe('runDoctor', () => {
  it("reports Electron's binary missing with its fix, and the console still has all it needs", async () => {
    const report = await doctor(project({ binary: false, sqliteAbi: null }), {
      FERRY_POWERSHELL: pwsh(),
      FERRY_QEMU: join(dir, 'none'),
      CHROMIUM_PATH: join(dir, 'none'),
    });
    const binary = byName(report, 'electron-binary');
    expect(binary).toMatchObject({ ok: false, required: false });
    expect(binary.detail).toContain('Electron 41.7.1 is installed without its binary');
    expect(binary.fix).toMatch(/npm install on a machine that can reach Electron's download/);
    expect(byName(report, 'sqlite-electron')).toMatchObject({ ok: false, required: false, fix: expect.stringContaining('npm run native:electron') });
    expect(byName(report, 'sqlite-node')).toMatchObject({ ok: true, required: true });
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'electron-binary',
      'sqlite-node',
      'sqlite-electron',
      'powershell',
      'hyperv-module',
      'failoverclusters-module',
      'qemu',
      'chromium',
      'database',
    ]);
  });

  it('reports a ready desktop app: the binary and the SQLite build for its ABI', async () => {
    const report = await doctor(project({ binary: true, sqliteAbi: '145' }), { FERRY_POWERSHELL: pwsh() });
    expect(byName(report, 'electron-binary')).toMatchObject({ ok: true, fix: null });
    expect(byName(report, 'sqlite-electron').detail).toMatch(/^better-sqlite3 for Electron 41\.7\.1 \(ABI 145, win32-x64\)/);
  });

  it('reports a SQLite build made for another Electron', async () => {
    const report = await doctor(project({ binary: true, sqliteAbi: '143' }), { FERRY_POWERSHELL: pwsh() });
    expect(byName(report, 'sqlite-electron')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('(ABI 143, win32-x64); this is Electron 41.7.1 (ABI 145'),
    });
  });

  it('reads the PowerShell version and both modules from PowerShell itself', async () => {
    const report = await doctor(project({ binary: false, sqliteAbi: null }), { FERRY_POWERSHELL: pwsh() });
    expect(byName(report, 'powershell')).toMatchObject({ ok: true, detail: expect.stringContaining('PowerShell 5.1.22621.4391') });
    expect(byName(report, 'hyperv-module')).toMatchObject({ ok: true, detail: 'Hyper-V module 2.0.0.0' });
    expect(byName(report, 'failoverclusters-module')).toMatchObject({ ok: true, detail: 'FailoverClusters module 2.0.0.0' });
  });

  it('says the Hyper-V module is missing, not needed offline but needed for real hosts, with the Windows command that adds it', async () => {
    const report = await doctor(project({ binary: false, sqliteAbi: null }), { FERRY_POWERSHELL: program('pwsh', '7.4.6\nHyper-V=\nFailoverClusters=') });
    const hyperv = byName(report, 'hyperv-module');
    expect(hyperv).toMatchObject({ ok: false, required: false });
    expect(hyperv.detail).toMatch(/not needed for offline planning or the simulator; needed to reach real Hyper-V hosts/);
    expect(hyperv.fix).toContain('Microsoft-Hyper-V-Management-PowerShell');
    expect(byName(report, 'failoverclusters-module').fix).toContain('Rsat.FailoverCluster.Management.Tools');
    expect(report.ok).toBe(true);
  });

  it('says which PowerShell was not found and how to name another', async () => {
    const report = await doctor(project({ binary: false, sqliteAbi: null }), { FERRY_POWERSHELL: join(dir, 'no-such-pwsh') });
    expect(byName(report, 'powershell')).toMatchObject({
      ok: false,
      detail: expect.stringContaining(`${join(dir, 'no-such-pwsh')} was not found`),
      fix: expect.stringContaining('FERRY_POWERSHELL'),
    });
  });

  it("reports QEMU's version, and one older than 8 as too old for the lab, without failing the console", async () => {
    const ok = await doctor(project({ binary: false, sqliteAbi: null }), {
      FERRY_POWERSHELL: pwsh(),
      FERRY_QEMU: program('qemu10', 'QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-1~bpo12+1)'),
    });
    expect(byName(ok, 'qemu')).toMatchObject({ ok: true, detail: 'QEMU 10.0.2' });
    const old = await doctor(project({ binary: false, sqliteAbi: null }), {
      FERRY_POWERSHELL: pwsh(),
      FERRY_QEMU: program('qemu7', 'QEMU emulator version 7.2.0'),
    });
    expect(byName(old, 'qemu')).toMatchObject({ ok: false, required: false, detail: 'QEMU 7.2.0, older than 8, which the lab needs' });
    expect(old.ok).toBe(true);
  });

  it("reports an existing database's schema version and that it is writable", async () => {
    const path = join(dir, 'ferry.db');
    openDatabase(path).close();
    const report = await doctor(project({ binary: false, sqliteAbi: null }), { FERRY_POWERSHELL: pwsh() }, path);
    expect(byName(report, 'database')).toMatchObject({ ok: true, detail: `${path}: Ferry's database, schema version ${MIGRATIONS.length}, current, writable` });
  });

  it("fails the console on another application's database, naming the file and writing nothing to it", async () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER)');
    other.close();
    const report = await doctor(project({ binary: false, sqliteAbi: null }), { FERRY_POWERSHELL: pwsh() }, path);
    expect(byName(report, 'database')).toMatchObject({ ok: false, required: true, detail: expect.stringContaining(`Ferry will not open ${path}`) });
    expect(report.ok).toBe(false);
  });
});

describe('ferry doctor', () => {
  it('--json prints every check with name, ok, detail and fix, and exits 0 when the console has what it needs', async () => {
    const r = await runFerry(['doctor', '--json', '--db', join(dir, 'ferry.db')]);
    const report = JSON.parse(r.out) as DoctorReport;
    expect(report.checks.length).toBe(9);
    for (const c of report.checks) expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'ok', 'detail', 'fix']));
    expect(r.code).toBe(report.ok ? 0 : 1);
    expect(report.ok).toBe(true);
  });

  it("exits 1 on a database that is not Ferry's, and says so", async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'not a database at all, just some text that is long enough');
    const r = await runFerry(['doctor', '--db', path]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL {2}Database: Ferry will not open/);
  });
});
