import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// One better-sqlite3 build per runtime. Node (the CLI, the headless host, the tests) loads the build
// in node_modules/better-sqlite3; Electron (the desktop app, and `ferry` run by the app's own binary
// with ELECTRON_RUN_AS_NODE) has another ABI and loads native/electron/better_sqlite3.node, which
// `npm install` (scripts/native-electron.mjs) fetches for the installed Electron version.

/** The runtime a binding is chosen for: process.versions' electron and modules (the ABI), platform, arch. */
export interface SqliteRuntime {
  electron?: string;
  modules: string;
  platform: string;
  arch: string;
}

/** What scripts/native-electron.mjs records next to the Electron build. */
export interface ElectronBuildManifest {
  electron: string;
  abi: string;
  platform: string;
  arch: string;
  betterSqlite3: string;
}

/** Which better-sqlite3 build a runtime opens: node_modules' own, or the Electron build at `path`. */
export type SqliteBinding = { kind: 'node' } | { kind: 'electron'; path: string };

/** The Electron build is missing or was made for another Electron: what is wrong and the command that fixes it. */
export class SqliteBindingError extends Error {
  /** The command that fixes it. */
  readonly fix: string;
  constructor(message: string, fix: string) {
    super(message);
    this.name = 'SqliteBindingError';
    this.fix = fix;
  }
}

/** The command that (re)builds the Electron build. */
export const ELECTRON_SQLITE_FIX = 'npm run native:electron (it downloads better-sqlite3 built for Electron; then run npm start again)';

/** The project root (source files and bundles both sit two levels below it). */
export function appRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** The folder holding the Electron build; inside a packaged app, its unpacked copy beside app.asar. */
export function electronNativeDir(root: string = appRoot()): string {
  return join(root, 'native', 'electron').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** The manifest of the Electron build in `dir`, or null when there is none or it is unreadable. */
export function readElectronManifest(dir: string): ElectronBuildManifest | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'better_sqlite3.json'), 'utf8')) as Partial<ElectronBuildManifest>;
    return typeof m.electron === 'string' && typeof m.abi === 'string' && typeof m.platform === 'string' && typeof m.arch === 'string'
      ? { electron: m.electron, abi: m.abi, platform: m.platform, arch: m.arch, betterSqlite3: String(m.betterSqlite3 ?? '') }
      : null;
  } catch {
    return null;
  }
}

/**
 * The binding `runtime` opens: Node's for Node; for Electron, the build in `dir` if it was made for
 * this Electron's ABI, platform and arch. Throws SqliteBindingError saying what is missing or wrong.
 */
export function selectSqliteBinding(runtime: SqliteRuntime, dir: string = electronNativeDir()): SqliteBinding {
  if (!runtime.electron) return { kind: 'node' };
  const path = join(dir, 'better_sqlite3.node');
  if (!existsSync(path)) {
    throw new SqliteBindingError(
      `The SQLite module built for Electron is missing (${path}), so the desktop app cannot open its database.`,
      ELECTRON_SQLITE_FIX,
    );
  }
  const m = readElectronManifest(dir);
  if (!m)
    throw new SqliteBindingError(
      `The SQLite module built for Electron (${path}) has no readable better_sqlite3.json, so Ferry cannot tell which Electron it was built for.`,
      ELECTRON_SQLITE_FIX,
    );
  if (m.abi !== runtime.modules || m.platform !== runtime.platform || m.arch !== runtime.arch) {
    throw new SqliteBindingError(
      `The SQLite module built for Electron (${path}) was made for Electron ${m.electron} (ABI ${m.abi}, ${m.platform}-${m.arch}); this is Electron ${runtime.electron} (ABI ${runtime.modules}, ${runtime.platform}-${runtime.arch}).`,
      ELECTRON_SQLITE_FIX,
    );
  }
  return { kind: 'electron', path };
}

/** This process's runtime. */
export function currentRuntime(): SqliteRuntime {
  return { electron: process.versions.electron, modules: process.versions.modules, platform: process.platform, arch: process.arch };
}

let chosen: SqliteBinding | null = null;

/** better-sqlite3's options for this process: `nativeBinding` under Electron, nothing under Node (chosen once). */
export function sqliteOptions(): { nativeBinding?: string } {
  chosen ??= selectSqliteBinding(currentRuntime());
  return chosen.kind === 'electron' ? { nativeBinding: chosen.path } : {};
}
