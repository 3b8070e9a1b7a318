import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronNativeDir, selectSqliteBinding, SqliteBindingError, type SqliteRuntime } from './sqlite-binding.js';

const require = createRequire(import.meta.url);
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const electron41: SqliteRuntime = { electron: '41.7.1', modules: '145', platform: 'win32', arch: 'x64' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A native/electron folder holding `node` (a copy of a real build) and a manifest for `manifest`. */
function nativeDir(manifest: object | null, node = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-native-'));
  dirs.push(dir);
  if (node) copyFileSync(nodeBuild, join(dir, 'better_sqlite3.node'));
  if (manifest) writeFileSync(join(dir, 'better_sqlite3.json'), JSON.stringify(manifest));
  return dir;
}

describe('selectSqliteBinding', () => {
  it("gives Node (the CLI, the headless host) node_modules' own build", () => {
    expect(selectSqliteBinding({ modules: '115', platform: 'linux', arch: 'x64' }, '/nowhere')).toEqual({ kind: 'node' });
  });

  it('gives Electron the build in native/electron when it was made for its ABI, platform and arch', () => {
    const dir = nativeDir({ electron: '41.7.1', abi: '145', platform: 'win32', arch: 'x64', betterSqlite3: '12.11.1' });
    expect(selectSqliteBinding(electron41, dir)).toEqual({ kind: 'electron', path: join(dir, 'better_sqlite3.node') });
  });

  it('refuses Electron when the build is missing, naming the file and the command that fetches it', () => {
    const dir = nativeDir(null, false);
    const e = (() => {
      try {
        selectSqliteBinding(electron41, dir);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(SqliteBindingError);
    expect((e as Error).message).toContain(join(dir, 'better_sqlite3.node'));
    expect((e as Error).message).toContain('missing');
    expect((e as SqliteBindingError).fix).toContain('npm run native:electron');
  });

  it('refuses a build made for another Electron, naming both ABIs', () => {
    const dir = nativeDir({ electron: '40.0.0', abi: '143', platform: 'win32', arch: 'x64' });
    expect(() => selectSqliteBinding(electron41, dir)).toThrow(/Electron 40\.0\.0 \(ABI 143, win32-x64\); this is Electron 41\.7\.1 \(ABI 145, win32-x64\)/);
  });

  it('refuses a build for another platform or arch', () => {
    const dir = nativeDir({ electron: '41.7.1', abi: '145', platform: 'linux', arch: 'x64' });
    expect(() => selectSqliteBinding(electron41, dir)).toThrow(/linux-x64\); this is Electron 41\.7\.1 \(ABI 145, win32-x64\)/);
  });

  it('refuses a build without a readable manifest', () => {
    const dir = nativeDir(null);
    writeFileSync(join(dir, 'better_sqlite3.json'), '{ not json');
    expect(() => selectSqliteBinding(electron41, dir)).toThrow(/no readable better_sqlite3\.json/);
  });

  it('the chosen path is what better-sqlite3 loads through nativeBinding', () => {
    // This Node stands in for Electron's ABI: the folder holds a build for this process's runtime.
    const runtime: SqliteRuntime = { electron: '41.7.1', modules: process.versions.modules, platform: process.platform, arch: process.arch };
    const dir = nativeDir({ electron: '41.7.1', abi: runtime.modules, platform: runtime.platform, arch: runtime.arch });
    const binding = selectSqliteBinding(runtime, dir);
    if (binding.kind !== 'electron') throw new Error('expected the Electron build');
    const db = new Database(':memory:', { nativeBinding: binding.path });
    expect(db.prepare('SELECT 40 + 2 AS n').get()).toEqual({ n: 42 });
    db.close();
  });
});

describe('electronNativeDir', () => {
  it("is native/electron under the project root, or its unpacked copy beside the installed app's app.asar", () => {
    expect(electronNativeDir('/src/ferry/')).toBe(join('/src/ferry', 'native', 'electron'));
    expect(electronNativeDir('C:/Programs/Ferry/resources/app.asar/')).toBe('C:/Programs/Ferry/resources/app.asar.unpacked/native/electron');
  });
});
