import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveFerry } from '../fixtures/serve-ferry.js';
import { launchDesktopApp, STANDIN_ORIGIN } from '../electron-standin/standin.js';

/** A headless host started for one test, on its own database. */
export interface FerryServer {
  url: string;
  origin: string;
  token: string;
  databasePath: string;
  dir: string;
  /** The headless host's process id; absent on the Electron stand-in. */
  pid?: number;
}

/** Starts `ferry serve` on a fresh database and answers once it printed its URL. */
export async function startFerry(env: Readonly<Record<string, string>> = {}): Promise<{ server: FerryServer; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-e2e-'));
  const databasePath = join(dir, 'ferry.db');
  const served = await serveFerry(databasePath, [], 30_000, env);
  const server = { url: served.url, origin: served.origin, token: served.token, databasePath, dir, pid: served.pid };
  const stop = async (): Promise<void> => {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { server, stop };
}

/** How the console reaches the backend: the headless host's WebSocket, or IPC through the Electron stand-in. */
export type Transport = 'websocket' | 'electron-standin';

/** Starts the desktop app's main process on the Electron stand-in (test/electron-standin), with `page` as its window. */
export async function startDesktopApp(page: Page): Promise<{ server: FerryServer; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-e2e-standin-'));
  const databasePath = join(dir, 'ferry.db');
  const app = await launchDesktopApp({ page, databasePath, userData: dir });
  const server = { url: app.url, origin: STANDIN_ORIGIN, token: '', databasePath, dir };
  const stop = async (): Promise<void> => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { server, stop };
}

/**
 * `test` with a fresh Ferry per test: the headless host (the default), or, in the "Electron stand-in"
 * project, the desktop app's main process and preload over IPC on the stand-in.
 */
export const test = base.extend<{ transport: Transport; hostEnv: Record<string, string>; ferry: FerryServer }>({
  transport: ['websocket', { option: true }],
  /** Environment variables for the headless host's process (a spec that needs a machine without PowerShell, say). */
  hostEnv: [{}, { option: true }],
  ferry: async ({ transport, hostEnv, page }, use) => {
    const { server, stop } = transport === 'electron-standin' ? await startDesktopApp(page) : await startFerry(hostEnv);
    await use(server);
    await stop();
  },
});

export { expect };
