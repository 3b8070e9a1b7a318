import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's data folder, where Electron's `app.getPath('userData')` puts it for an app named Ferry. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Ferry');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Ferry');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Ferry');
}

/** The database the app and the CLI share unless told otherwise (`--db`, or FERRY_DB). */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FERRY_DB ?? join(userDataDir(env), 'ferry.db');
}

/**
 * The `resources/` folder. Source files (main/infra/paths.ts) and bundles (dist/main/*.mjs) both sit
 * two levels below the project root.
 */
export function resourcesDir(): string {
  return fileURLToPath(new URL('../../resources/', import.meta.url));
}
