import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  const child: ChildProcess = spawn(process.execPath, ['dist/main/cli.mjs', 'serve', '--db', databasePath, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ferry serve did not print its URL:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /Ferry console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`ferry serve exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  const server = { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', databasePath, dir };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
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
