import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveFerry } from '../fixtures/serve-ferry.js';

/** A headless host started for one test, on its own database. */
export interface FerryServer {
  url: string;
  origin: string;
  token: string;
  databasePath: string;
  dir: string;
}

/** Starts `ferry serve` on a fresh database and answers once it printed its URL. */
export async function startFerry(): Promise<{ server: FerryServer; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-e2e-'));
  const databasePath = join(dir, 'ferry.db');
  const served = await serveFerry(databasePath, [], 30_000);
  const server = { url: served.url, origin: served.origin, token: served.token, databasePath, dir };
  const stop = async (): Promise<void> => {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { server, stop };
}

/** `test` with a fresh Ferry server per test and the page opened on its console. */
export const test = base.extend<{ ferry: FerryServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  ferry: async ({}, use) => {
    const { server, stop } = await startFerry();
    await use(server);
    await stop();
  },
});

export { expect };
