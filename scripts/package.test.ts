import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, win32 } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronNativeDir, selectSqliteBinding } from '../main/infra/db/sqlite-binding.js';

// What can be checked of the Windows package without Electron's binary: electron-builder.yml, the files
// it puts in app.asar and beside it, the `ferry` command's wrapper, and which SQLite module the
// installed app and its `ferry` command load. (The NSIS build itself runs on Windows: README "Packaging".)
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const minimatch = require('minimatch') as (path: string, pattern: string, options?: { dot?: boolean }) => boolean;

interface BuilderConfig {
  productName: string;
  npmRebuild: boolean;
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  extraMetadata: { main: string };
  win: { target: { target: string; arch: string[] }[] };
  nsis: { include: string; perMachine: boolean };
}
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

/**
 * Whether electron-builder's `files` put this project path into app.asar: the project's own files when a
 * pattern includes them, the production dependencies (which it adds itself) unless a pattern excludes them.
 */
const packaged = (path: string): boolean =>
  (path.startsWith('node_modules/') || config.files.some((p) => !p.startsWith('!') && minimatch(path, p, { dot: true }))) &&
  !config.files.some((p) => p.startsWith('!') && minimatch(path, p.slice(1), { dot: true }));
const unpacked = (path: string): boolean => config.asarUnpack.some((p) => minimatch(path, p, { dot: true }));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it('builds an NSIS installer for x64 Windows, per user, with the main process as the entry', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.extraMetadata.main).toBe('dist/main/electron.mjs');
    expect(JSON.parse(readFileSync('package.json', 'utf8')).devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("never rebuilds node_modules' better-sqlite3 (it stays Node's; the app loads native/electron's)", () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('packs the built app, the ferry entry point and the Electron SQLite build, and leaves out what the app never runs', () => {
    for (const path of [
      'dist/main/electron.mjs',
      'dist/main/cli.mjs',
      'dist/main/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc.js',
      'bin/ferry.mjs',
      'native/electron/better_sqlite3.node',
      'native/electron/better_sqlite3.json',
      'resources/scripts/hyperv/FerryCommon.ps1',
      'resources/scripts/Export-FerryInventory.ps1',
      'resources/demo-inventory.json',
      'resources/icons/ferry.png',
      'package.json',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/ws/index.js',
      'node_modules/zod/package.json',
      'node_modules/electron-store/index.js',
    ]) {
      expect(packaged(path), path).toBe(true);
    }
    for (const path of [
      'dist/main/cli.mjs.map',
      'resources/demo-inventory.test.ts',
      'resources/lab-guest/init.c',
      'resources/bin/ferry.cmd',
      'native/install.log',
      'main/app/electron.ts',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/@fluentui/react-components/package.json',
      'node_modules/react-dom/index.js',
    ]) {
      expect(packaged(path), path).toBe(false);
    }
  });

  it('unpacks the native module and the PowerShell scripts beside app.asar, and nothing else of the app', () => {
    expect(unpacked('native/electron/better_sqlite3.node')).toBe(true);
    expect(unpacked('resources/scripts/hyperv/FerryCommon.ps1')).toBe(true);
    expect(unpacked('dist/main/electron.mjs')).toBe(false);
    expect(unpacked('bin/ferry.mjs')).toBe(false);
  });

  it('puts ferry.cmd in resources\\bin, which the installer adds to the user PATH and removes on uninstall', () => {
    expect(config.extraResources).toEqual([{ from: 'resources/bin/ferry.cmd', to: 'bin/ferry.cmd' }]);
    const nsh = readFileSync(config.nsis.include, 'utf8');
    expect(nsh).toMatch(/!macro customInstall[\s\S]*WriteRegExpandStr HKCU "Environment" "Path" "\$0;\$INSTDIR\\resources\\bin"/);
    expect(nsh).toMatch(/!macro customUnInstall[\s\S]*UnStrRep/);
    // A PATH NSIS could not read whole is never rewritten (it would be truncated).
    expect(nsh).toMatch(
      /!macro customInstall\s+ClearErrors\s+ReadRegStr \$0 HKCU "Environment" "Path"\s+StrLen \$2 \$0\s+\$\{If\} \$\{Errors\}\s+\$\{OrIf\} \$2 > 900\s+DetailPrint/,
    );
    expect(nsh).toMatch(/!macro customUnInstall\s+ClearErrors[\s\S]*\$\{IfNot\} \$\{Errors\}\s+\$\{AndIf\} \$2 <= 900/);
  });
});

const makensis = spawnSync('makensis', ['-VERSION']).status === 0;

describe('the installer PATH include, compiled by NSIS', () => {
  it.skipIf(!makensis)('compiles into an installer and uninstaller with NSIS (Debian makensis; .ci/run installs it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-nsis-'));
    dirs.push(dir);
    copyFileSync(config.nsis.include, join(dir, 'ferry-path.nsh'));
    writeFileSync(
      join(dir, 'test.nsi'),
      [
        'Unicode true',
        'OutFile "test.exe"',
        'InstallDir "$LOCALAPPDATA\\Programs\\Ferry"',
        'RequestExecutionLevel user',
        '!include "ferry-path.nsh"',
        'Section "Install"',
        '  !insertmacro customInstall',
        '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
        'SectionEnd',
        'Section "Uninstall"',
        '  !insertmacro customUnInstall',
        'SectionEnd',
        '',
      ].join('\n'),
    );
    const r = spawnSync('makensis', ['-V2', '-WX', 'test.nsi'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'test.exe'))).toBe(true);
  });
});

describe('the ferry command of the installed app (resources\\bin\\ferry.cmd)', () => {
  const cmd = readFileSync('resources/bin/ferry.cmd', 'utf8');
  const install = 'C:\\Users\\admin\\AppData\\Local\\Programs\\Ferry';
  const binDir = `${install}\\resources\\bin\\`;

  it('is a batch file with CRLF line endings', () => {
    expect(
      cmd
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
    expect(cmd.startsWith('@echo off\r\n')).toBe(true);
  });

  it("runs the app's own binary as Node on the packed entry point, passing every argument and the exit code on", () => {
    expect(cmd).toContain('set ELECTRON_RUN_AS_NODE=1\r\n');
    const run = /^"%~dp0([^"]+)" "%~dp0([^"]+)" %\*\r$/m.exec(cmd);
    expect(run).not.toBeNull();
    // %~dp0 is the folder of ferry.cmd: resources\bin\ under the install folder.
    expect(win32.resolve(binDir, run?.[1] ?? '')).toBe(`${install}\\${config.productName}.exe`);
    const entry = win32.resolve(binDir, run?.[2] ?? '');
    expect(entry).toBe(`${install}\\resources\\app.asar\\bin\\ferry.mjs`);
    expect(packaged('bin/ferry.mjs')).toBe(true);
    expect(cmd).toContain('exit /b %ERRORLEVEL%');
  });

  it('bin/ferry.mjs, run as Node the way the wrapper runs it, answers a command (here with Node standing in for Ferry.exe)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-cmd-'));
    dirs.push(dir);
    const out = execFileSync(process.execPath, ['bin/ferry.mjs', 'jobs', '--json', '--db', join(dir, 'ferry.db')], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([]);
  });
});

describe('the SQLite module in the installed app', () => {
  it('the app and its ferry command (both Electron) load the build unpacked beside app.asar', () => {
    const install = mkdtempSync(join(tmpdir(), 'ferry-install-'));
    dirs.push(install);
    const asar = join(install, 'resources', 'app.asar');
    const native = join(install, 'resources', 'app.asar.unpacked', 'native', 'electron');
    mkdirSync(native, { recursive: true });
    copyFileSync(join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node'), join(native, 'better_sqlite3.node'));
    writeFileSync(
      join(native, 'better_sqlite3.json'),
      JSON.stringify({ electron: '41.7.1', abi: '145', platform: 'win32', arch: 'x64', betterSqlite3: '12.11.1' }),
    );
    // The bundles sit in app.asar/dist/main, so the project root they see is app.asar itself.
    expect(electronNativeDir(`${asar}/`)).toBe(native);
    expect(selectSqliteBinding({ electron: '41.7.1', modules: '145', platform: 'win32', arch: 'x64' }, electronNativeDir(`${asar}/`))).toEqual({
      kind: 'electron',
      path: join(native, 'better_sqlite3.node'),
    });
  });
});
