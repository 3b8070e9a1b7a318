import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/model/job.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import type { SecretStore } from '../domain/connector/secret-store.js';
import { createAppServices, type AppServices } from './app-services.js';

// Connection settings, the routing connector and the Hyper-V connector wired as the app wires them: what holds
// without any PowerShell. PowerShell is a path where there is none, so an action that started it would fail
// saying PowerShell could not be run. Moves, starts and refreshes through PowerShell 7 and the stub Hyper-V
// modules are in hyperv-connection.pwsh.test.ts. A run with a stored password over WinRM is not there: PowerShell 7
// here has no WinRM client, and New-PSSession is a core cmdlet no stub module stands in for; that the password
// reaches the script only on standard input is shown with the stand-in in hyperv-connector.test.ts.
const GROUP = 'All Hosts/Milano';
const PASSWORD = 'Hunter2-Correct-Horse!';

/** Stands in for safeStorage: reversible, and the bytes never hold the password. */
const secretStore: SecretStore = {
  availability: () => ({ available: true, reason: null }),
  encrypt: (s) => new Uint8Array(Buffer.from(`v10${s}`).map((b) => b ^ 0x5a)),
  decrypt: (c) =>
    Buffer.from(Buffer.from(c).map((b) => b ^ 0x5a))
      .toString()
      .slice(3),
};

let dir: string;
const open: AppServices[] = [];

async function services(options: { secrets?: SecretStore | null } = {}): Promise<AppServices> {
  const s = await createAppServices({
    databasePath: join(dir, 'ferry.db'),
    runner: 'app',
    speed: 3600,
    secretStore: options.secrets === null ? undefined : (options.secrets ?? secretStore),
    powershell: { executable: join(dir, 'no-powershell-here') },
  });
  open.push(s);
  return s;
}

async function ended(s: AppServices, id: string): Promise<Job> {
  for (let i = 0; i < 400; i++) {
    const job = s.jobs.get(id);
    if (job && !['Queued', 'Running'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${id} did not end`);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-hyperv-wiring-'));
  const s = await services();
  expect((await s.inventory.importText('milano.json', JSON.stringify(minimalInventory()))).ok).toBe(true);
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("routing each action by its host group's connection settings", () => {
  it('runs moves on the simulator for a group nobody set: no PowerShell is started', async () => {
    const s = open[0];
    const job = s.migration.submitVm({ vm: 'WEB-01', destinationHost: 'HV-MI-11' });
    if (!job.ok) throw new Error(job.error.message);
    const done = await ended(s, job.value.id);
    expect(done).toMatchObject({ status: 'Completed', error: null });
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'WEB-01')?.host).toBe('HV-MI-11');
  });
});

describe('connection settings and passwords', () => {
  it("stores a password only as the secret store's ciphertext: the database file never holds it in clear text", async () => {
    const s = open[0];
    const set = s.connections.set({
      hostGroup: GROUP,
      connector: 'hyperv',
      mode: 'winrm-https',
      identity: 'credentials',
      userName: 'CONTOSO\\hvadmin',
      password: PASSWORD,
    });
    expect(set).toMatchObject({ ok: true, value: { hasPassword: true, userName: 'CONTOSO\\hvadmin' } });
    expect(JSON.stringify(set)).not.toContain(PASSWORD);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of ['ferry.db', 'ferry.db-wal']) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      expect(bytes.includes(Buffer.from(PASSWORD)), file).toBe(false);
      expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le')), file).toBe(false);
    }
    // The scripts get it decrypted, as data on standard input, for one run.
    expect(s.connections.targetFor(GROUP)).toEqual({
      ok: true,
      value: { mode: 'winrm-https', port: 5986, credential: { userName: 'CONTOSO\\hvadmin', password: PASSWORD } },
    });
  });

  it('drops the stored password when the group goes back to the current identity', async () => {
    const s = open[0];
    s.connections.set({
      hostGroup: GROUP,
      connector: 'hyperv',
      mode: 'winrm-https',
      identity: 'credentials',
      userName: 'CONTOSO\\hvadmin',
      password: PASSWORD,
    });
    expect(s.connections.set({ hostGroup: GROUP, identity: 'current' })).toMatchObject({ ok: true, value: { hasPassword: false, userName: null } });
    expect(s.db.prepare('SELECT password_cipher FROM connection_settings').pluck().get()).toBeNull();
  });

  it('refuses to save a password where there is no secret store (headless host, CLI), saying to use the current identity', async () => {
    const s = await services({ secrets: null });
    const r = s.connections.set({ hostGroup: GROUP, mode: 'winrm-https', identity: 'credentials', userName: 'CONTOSO\\hvadmin', password: PASSWORD });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'connection-invalid', detail: { problems: [{ field: 'password', code: 'password-storage-unavailable' }] } },
    });
    expect(r.ok || r.error.message).toMatch(/Ferry desktop app.*current Windows identity/);
    expect(s.db.prepare('SELECT COUNT(*) FROM connection_settings').pluck().get()).toBe(0);
  });

  it("fails a move, with what to do, where the stored password can't be decrypted (a ferry command)", async () => {
    open[0].connections.set({
      hostGroup: GROUP,
      connector: 'hyperv',
      mode: 'winrm-https',
      identity: 'credentials',
      userName: 'CONTOSO\\hvadmin',
      password: PASSWORD,
    });
    await open[0].close();
    open.shift();
    const s = await services({ secrets: null });
    const job = s.migration.submitVm({ vm: 'WEB-01', destinationHost: 'HV-MI-11' });
    if (!job.ok) throw new Error(job.error.message);
    const done = await ended(s, job.value.id);
    expect(done.error?.problem).toMatch(/whose password only the Ferry desktop app can decrypt/);
    expect(done.error?.recommendedAction).toMatch(/Ferry desktop app/);
    // Not "PowerShell could not be run": the password is checked before any PowerShell starts.
    expect(done.error?.problem).not.toMatch(/could not be run/);
  });

  it('rejects a user name that is not a Windows account, and credentials over local PowerShell', () => {
    const s = open[0];
    expect(s.connections.set({ hostGroup: GROUP, mode: 'winrm-https', identity: 'credentials', userName: 'not an account', password: 'x' })).toMatchObject({
      ok: false,
      error: { detail: { problems: [{ code: 'user-name-invalid' }] } },
    });
    expect(s.connections.set({ hostGroup: GROUP, mode: 'local', identity: 'credentials', userName: 'CONTOSO\\a', password: 'x' })).toMatchObject({
      ok: false,
      error: { detail: { problems: [{ code: 'credentials-need-winrm' }] } },
    });
  });
});
