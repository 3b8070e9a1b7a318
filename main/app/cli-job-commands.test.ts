import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { JOB_HISTORY_COLUMNS } from '../../shared/model/job-history-export.js';
import type { SimulatorOptions } from '../infra/connectors/simulator/simulator-connector.js';
import { createAppServices, type AppServices } from '../services/app-services.js';
import { ferryOn } from '../../test/fixtures/cli-run.js';

// The move and job commands, run as `ferry` runs them (runCli) on a real database file with the
// simulated connector. "Another process" is a second set of services on the same file: the CLI
// and the app only share the database, so that is what they see of each other.

let dir: string;
let db: string;
let stderr: string;
const opened: AppServices[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-jobs-'));
  db = join(dir, 'ferry.db');
  expect((await ferry('import', 'resources/demo-inventory.json')).code).toBe(0);
  // --wait draws its progress bar on the process's stderr: keep it to check it.
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of opened.splice(0).reverse()) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const ferry = ferryOn(() => db);

/** A Ferry app serving the same database, running moves on the simulator. */
async function app(options: SimulatorOptions): Promise<AppServices> {
  const s = await createAppServices({ databasePath: db, runner: 'app', simulator: options });
  opened.push(s);
  return s;
}

/** A reader of the database, as a `ferry jobs` would be. */
async function reader(): Promise<AppServices> {
  const s = await createAppServices({ databasePath: db });
  opened.push(s);
  return s;
}

const vmIn = (doc: InventoryDocument, name: string) => doc.vms.find((v) => v.name === name);
const hostIn = (doc: InventoryDocument, name: string) => doc.hosts.find((h) => h.name === name);

async function inventory(): Promise<InventoryDocument> {
  const r = await ferry('inventory', '--json');
  return JSON.parse(r.out) as InventoryDocument;
}

async function waitUntil(what: string, ok: () => boolean | Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ferry migrate', () => {
  it('runs the move in the command when no app serves the database; --json prints the final job, --wait draws progress on stderr', async () => {
    const r = await ferry('migrate', 'web-to-01', '--to', 'hv-to-01', '--speed', '3600', '--wait', '--json');
    expect(r.code).toBe(0);
    const job = JSON.parse(r.out) as Job;
    expect(job).toMatchObject({
      name: 'Migrate virtual machine WEB-TO-01 to HV-TO-01',
      status: 'Completed',
      progress: 100,
      error: null,
      restartOf: null,
      move: { kind: 'live', sourceHost: 'HV-TO-03', destinationHost: 'HV-TO-01', performanceOption: 'Compression' },
    });
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.steps).toEqual(
      [
        ['Validate', 'validate'],
        ['Live-migrate memory', 'migrate-memory'],
        ['Switch over', 'switch-over'],
        ['Clean up', 'clean-up'],
      ].map(([name, phase]) => ({
        name,
        text: { key: `phase.${phase}` },
        status: 'Completed',
        progress: 100,
      })),
    );
    // Timings, bytes and downtime: the simulator's numbers for an 8 GB VM.
    expect(Date.parse(job.endedAt as string)).toBeGreaterThanOrEqual(Date.parse(job.startedAt as string));
    expect(Date.parse(job.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(job.createdAt));
    expect(job.metrics?.bytesSent).toBeGreaterThanOrEqual(8192 * 1024 * 1024);
    expect(job.metrics?.downtimeMs).toBeGreaterThan(0);
    expect(job.metrics?.totalSeconds).toBeGreaterThan(0);
    expect(job.metrics?.passes).toBeGreaterThanOrEqual(1);
    expect(job.metrics?.etaSeconds).toBeNull();
    // The bar: one line per visible change (stderr is not a terminal here), ending full.
    const bars = stderr.split('\n').filter((l) => l.startsWith('['));
    expect(bars.length).toBeGreaterThanOrEqual(2);
    for (const line of bars) expect(line).toMatch(/^\[[#-]{24}\] +\d+% /);
    expect(bars.at(-1)).toMatch(/^\[#{24}\] 100% Completed/);
    expect(vmIn(await inventory(), 'WEB-TO-01')?.host).toBe('HV-TO-01');
    // The command left no runner behind (the reader, open now, is one itself).
    const s = await reader();
    expect(s.db.prepare('SELECT COUNT(*) FROM runners WHERE id != ?').pluck().get(s.scheduler.runnerId)).toBe(0);
  });

  it('prints the job and its summary without --json, and draws no bar without --wait', async () => {
    const r = await ferry('migrate', 'WEB-TO-02', '--to', 'HV-TO-02', '--speed', '3600');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Migrate virtual machine WEB-TO-02 to HV-TO-02: Completed\. Moved WEB-TO-02 to HV-TO-02 in [\d.]+ s, downtime [\d.]+ ms, [\d.]+ GB sent\n$/,
    );
    expect(stderr).toBe('');
  });

  it('moves a VM with its storage to a path, updates its paths, and adds the path to the host defaults with --add-default', async () => {
    const r = await ferry('migrate', 'APP-RM-01', '--to', 'HV-RM-01', '--path', 'D:\\VMs\\Moved', '--add-default', '--speed', '3600', '--wait', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'Completed', move: { kind: 'live-vsm', sourceHost: 'HV-RM-02', destinationHost: 'HV-RM-01' } });
    const inv = await inventory();
    expect(vmIn(inv, 'APP-RM-01')).toMatchObject({
      host: 'HV-RM-01',
      configurationPath: 'D:\\VMs\\Moved\\APP-RM-01',
      disks: [{ path: 'D:\\VMs\\Moved\\APP-RM-01\\Virtual Hard Disks\\os.vhdx' }, { path: 'D:\\VMs\\Moved\\APP-RM-01\\Virtual Hard Disks\\app.vhdx' }],
    });
    expect(hostIn(inv, 'HV-RM-01')?.defaultStorageLocations).toEqual(['D:\\Hyper-V', '\\\\sofs-rm.contoso.com\\vmstore', 'D:\\VMs\\Moved']);
    expect(hostIn(inv, 'HV-RM-02')?.defaultStorageLocations).toEqual(['D:\\Hyper-V']);
  });

  it('places a VHD in its own folder with --disk SRC=DST, the others going with the VM to --path', async () => {
    const r = await ferry(
      'migrate',
      'APP-RM-01',
      '--to',
      'HV-RM-01',
      '--path',
      'D:\\VMs\\Moved',
      '--disk',
      'D:\\Hyper-V\\APP-RM-01\\Virtual Hard Disks\\app.vhdx=D:\\Data',
      '--speed',
      '3600',
      '--wait',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(vmIn(await inventory(), 'APP-RM-01')).toMatchObject({
      host: 'HV-RM-01',
      disks: [{ path: 'D:\\VMs\\Moved\\APP-RM-01\\Virtual Hard Disks\\os.vhdx' }, { path: 'D:\\Data\\app.vhdx' }],
    });
    const bad = await ferry('migrate', 'APP-RM-01', '--to', 'HV-RM-02', '--disk', 'app.vhdx');
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('--disk takes SOURCE=DESTINATION_FOLDER, not "app.vhdx"')]);
  });

  it('refuses bad arguments with exit 2, naming the flag and what it takes', async () => {
    expect((await ferry('migrate', 'WEB-TO-01')).err).toMatch(/--to HOST is required/);
    for (const speed of ['0', '0.05', '3601', 'fast', '-1']) {
      const r = await ferry('migrate', 'WEB-TO-01', '--to', 'HV-TO-01', '--speed', speed);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--speed must be a number from 0.1 to 3600 (1 = real time, 60 = a minute a second), not "${speed}"`);
    }
    expect((await ferry('migrate', 'WEB-TO-01', '--to', 'HV-TO-01', '--performance', 'fast')).err).toMatch(
      /--performance must be one of TCPIP, Compression, SMB/,
    );
    const unknown = await ferry('migrate', 'NO-SUCH-VM', '--to', 'HV-TO-01', '--speed', '3600');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/NO-SUCH-VM/);
    // Nothing was queued by any of them.
    expect(JSON.parse((await ferry('jobs', '--json')).out).filter((j: Job) => j.kind === 'migrate-vm')).toEqual([]);
  });

  it('checks serve --speed the same way', async () => {
    const r = await ferry('serve', '--speed', '9999');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ferry serve: --speed must be a number from 0.1 to 3600 (1 = real time, 60 = a minute a second), not "9999"');
  });
});

describe('high availability after a move between clusters', () => {
  it('WEB-MI-01 moved from CL-MI-22 to CL-TO-19 is highly available there: the job says so and gives no advice to make it so', async () => {
    const r = await ferry('migrate', 'WEB-MI-01', '--to', 'HV-TO-01', '--speed', '3600', '--wait', '--json');
    expect(r.code).toBe(0);
    const job = JSON.parse(r.out) as Job;
    expect(job.status).toBe('Completed');
    expect(job.summary).toContain('WEB-MI-01 is highly available in CL-TO-19');
    expect(job.summary).not.toMatch(/make it highly available/i);
    expect(vmIn(await inventory(), 'WEB-MI-01')).toMatchObject({ host: 'HV-TO-01', highlyAvailable: true });
  });

  it('WEB-MI-01 moved to standalone HV-RM-01 is no longer highly available: the job says how to make it so again', async () => {
    const r = await ferry('migrate', 'WEB-MI-01', '--to', 'HV-RM-01', '--speed', '3600', '--wait', '--json');
    expect(r.code).toBe(0);
    const job = JSON.parse(r.out) as Job;
    expect(job.status).toBe('Completed with info');
    expect(job.summary).toContain(
      'WEB-MI-01 is no longer highly available: HV-RM-01 is a standalone host. To make it highly available again, move it to a cluster node',
    );
    expect(vmIn(await inventory(), 'WEB-MI-01')).toMatchObject({ host: 'HV-RM-01', highlyAvailable: false });
  });
});

describe('ferry migrate-storage', () => {
  it('moves the whole VM to --path and adds it to the defaults with --add-default', async () => {
    const r = await ferry('migrate-storage', 'DEV-RM-01', '--path', 'D:\\Fast', '--add-default', '--speed', '3600', '--wait', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      name: 'Migrate storage of DEV-RM-01',
      kind: 'migrate-storage',
      status: 'Completed',
      move: { kind: 'storage', sourceHost: 'HV-RM-02', destinationHost: 'HV-RM-02' },
    });
    const inv = await inventory();
    expect(vmIn(inv, 'DEV-RM-01')).toMatchObject({
      host: 'HV-RM-02',
      configurationPath: 'D:\\Fast\\DEV-RM-01',
      disks: [{ path: 'D:\\Fast\\DEV-RM-01\\Virtual Hard Disks\\os.vhdx' }, { path: 'D:\\Fast\\DEV-RM-01\\Virtual Hard Disks\\src.vhdx' }],
    });
    expect(hostIn(inv, 'HV-RM-02')?.defaultStorageLocations).toEqual(['D:\\Hyper-V', 'D:\\Fast']);
  });

  it('moves only the disks given with --disk SRC=DST, leaving the rest and the defaults as they were', async () => {
    const catalog = 'D:\\Hyper-V\\BACKUP-RM-01\\Virtual Hard Disks\\catalog.vhdx';
    const r = await ferry('migrate-storage', 'BACKUP-RM-01', '--disk', `${catalog}=D:\\Catalog`, '--speed', '3600', '--wait', '--json');
    expect(r.code).toBe(0);
    const inv = await inventory();
    expect(vmIn(inv, 'BACKUP-RM-01')).toMatchObject({
      configurationPath: 'D:\\Hyper-V\\BACKUP-RM-01',
      disks: [{ path: 'D:\\Hyper-V\\BACKUP-RM-01\\Virtual Hard Disks\\os.vhdx' }, { path: 'D:\\Catalog\\catalog.vhdx' }],
    });
    expect(hostIn(inv, 'HV-RM-02')?.defaultStorageLocations).toEqual(['D:\\Hyper-V']);
  });

  it('moves only fatture.vhdx of running Fatturazione-Roma with --disk and no --path: the configuration and os.vhdx stay', async () => {
    const fatture = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx';
    const before = vmIn(await inventory(), 'Fatturazione-Roma');
    expect(before?.state).toBe('Running');
    const r = await ferry(
      'migrate-storage',
      'Fatturazione-Roma',
      '--disk',
      `${fatture}=\\\\sofs-rm.contoso.com\\vmstore\\Fatture`,
      '--speed',
      '3600',
      '--wait',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      kind: 'migrate-storage',
      status: 'Completed',
      move: { kind: 'storage', sourceHost: 'HV-RM-01', destinationHost: 'HV-RM-01' },
    });
    expect(vmIn(await inventory(), 'Fatturazione-Roma')).toMatchObject({
      host: 'HV-RM-01',
      configurationPath: 'D:\\Hyper-V\\Fatturazione-Roma',
      disks: [{ path: 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx' }, { path: '\\\\sofs-rm.contoso.com\\vmstore\\Fatture\\fatture.vhdx' }],
    });
  });

  it('refuses a plan with no --path or --disk, and a --disk without both sides', async () => {
    expect((await ferry('migrate-storage', 'DEV-RM-01')).code).toBe(2);
    const r = await ferry('migrate-storage', 'DEV-RM-01', '--disk', 'D:\\x.vhdx');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--disk takes SOURCE=DESTINATION_FOLDER, not "D:\\x\.vhdx"/);
  });
});

describe('ferry migrate --wait with a Ferry app serving the database', () => {
  it('queues the move for the app, follows it, and exits 1 with the problem when it fails, the VM staying on its source', async () => {
    const fault = {
      step: 1,
      problem: 'The connection to HV-TO-01 dropped during the memory copy.',
      recommendedAction: 'Check the migration network between the hosts, then restart the job.',
    };
    const served = await app({ speed: 3600, failAt: (r) => (r.vm === 'WEB-TO-01' ? fault : null) });
    const before = await inventory();
    const r = await ferry('migrate', 'WEB-TO-01', '--to', 'HV-TO-01', '--wait', '--json');
    expect(r.code).toBe(1);
    const job = JSON.parse(r.out) as Job;
    expect(job).toMatchObject({ status: 'Failed', error: { problem: fault.problem, recommendedAction: fault.recommendedAction } });
    expect(job.steps.map((s) => s.status)).toEqual(['Completed', 'Failed', 'Queued', 'Queued']);
    // The app ran it: the job was claimed by the app's runner.
    expect(served.db.prepare('SELECT kind FROM runners WHERE id = (SELECT runner FROM jobs WHERE id = ?)').pluck().get(job.id)).toBe('app');
    expect(await inventory()).toEqual(before);

    const plain = await ferry('restart', job.id, '--wait');
    expect(plain.code).toBe(1);
    expect(plain.out).toMatch(/^Migrate virtual machine WEB-TO-01 to HV-TO-01: Failed/);
    expect(plain.err).toContain(`Problem: ${fault.problem}\nRecommended action: ${fault.recommendedAction}`);
  });

  it('returns at once without --wait, saying the app runs the job', async () => {
    await app({ speed: 3600 });
    const r = await ferry('migrate', 'WEB-TO-01', '--to', 'HV-TO-01');
    expect(r.code).toBe(0);
    const id = /^Queued job ([0-9a-f-]{36}): the Ferry app serving this database runs it\.\n$/.exec(r.out)?.[1];
    expect(id).toBeDefined();
    const s = await reader();
    await waitUntil('the app to run the job', () => s.jobs.get(id as string)?.status === 'Completed');
  });
});

describe('ferry jobs, cancel and restart', () => {
  it('cancels a queued job at once and a running one through the app, and refuses an ended or unknown one', async () => {
    const served = await app({ speed: 0.1 });
    const submit = (vm: string, to: string): Job => {
      const r = served.migration.submitVm({ vm, destinationHost: to });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const sql = submit('SQL-TO-03', 'HV-TO-01');
    submit('ERP-TO-APP-02', 'HV-TO-02');
    const queued = /Queued job ([0-9a-f-]{36})/.exec((await ferry('migrate', 'WEB-TO-01', '--to', 'HV-TO-02')).out)?.[1] as string;
    const s = await reader();
    // The app's next decision (its database watcher noticed the new job) says what it waits for.
    await waitUntil('the app to look at the queued job', () => s.jobs.get(queued)?.waitingFor !== null);
    expect(s.jobs.get(queued)).toMatchObject({ status: 'Queued', waitingFor: 'waiting for a live-migration slot on HV-TO-03 (2 of 2 in use), position 1' });

    const listed = await ferry('jobs');
    expect(listed.out.split('\n')[0]).toMatch(/^ID\s+NAME\s+STATUS\s+PROGRESS\s+STARTED\s+ENDED\s+NOTES$/);
    expect(listed.out).toMatch(
      new RegExp(
        `${queued.slice(0, 8)}\\s+Migrate virtual machine WEB-TO-01 to HV-TO-02\\s+Queued\\s+0%\\s+-\\s+-\\s+waiting for a live-migration slot on HV-TO-03`,
      ),
    );
    const json = JSON.parse((await ferry('jobs', '--json', '--limit', '3')).out) as Job[];
    expect(json.map((j) => j.target)).toEqual(['WEB-TO-01', 'ERP-TO-APP-02', 'SQL-TO-03']);
    expect((await ferry('jobs', '--limit', '0')).code).toBe(2);

    const canceled = await ferry('cancel', queued.slice(0, 8));
    expect(canceled).toMatchObject({ code: 0, out: 'Canceled Migrate virtual machine WEB-TO-01 to HV-TO-02.\n' });
    expect(s.jobs.get(queued)).toMatchObject({ status: 'Canceled', summary: 'Canceled before it started.', startedAt: null });

    const asked = await ferry('cancel', sql.id);
    expect(asked).toMatchObject({ code: 0, out: 'Asked the process running Migrate virtual machine SQL-TO-03 to HV-TO-01 to cancel it.\n' });
    await waitUntil('the app to cancel the move', () => s.jobs.get(sql.id)?.status === 'Canceled');
    expect(s.jobs.get(sql.id)?.summary).toBe('Canceled: SQL-TO-03 is still running on HV-TO-03, with nothing lost.');
    expect(vmIn(await inventory(), 'SQL-TO-03')?.host).toBe('HV-TO-03');

    const again = await ferry('cancel', sql.id);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/has already ended \(Canceled\); only queued and running jobs can be canceled/);
    expect((await ferry('cancel', 'ffffffff')).code).toBe(2);
  });

  it('cancels a move another ferry command runs, which exits 1; restart runs it again as a new job', async () => {
    const running = ferry('migrate', 'SQL-TO-03', '--to', 'HV-TO-01', '--speed', '0.5', '--wait');
    const s = await reader();
    const find = (): Job | undefined => s.jobs.list(10).find((j) => j.target === 'SQL-TO-03');
    await waitUntil('the command to start its move', () => find()?.status === 'Running');
    const id = (find() as Job).id;
    expect((await ferry('cancel', id.slice(0, 8))).out).toMatch(/^Asked the process running/);
    const ended = await running;
    expect(ended.code).toBe(1);
    expect(ended.out).toBe('Migrate virtual machine SQL-TO-03 to HV-TO-01: Canceled. Canceled: SQL-TO-03 is still running on HV-TO-03, with nothing lost.\n');

    const again = await ferry('restart', id.slice(0, 8), '--speed', '3600', '--wait', '--json');
    expect(again.code).toBe(0);
    const job = JSON.parse(again.out) as Job;
    expect(job).toMatchObject({ status: 'Completed', restartOf: id, name: 'Migrate virtual machine SQL-TO-03 to HV-TO-01', move: { sourceHost: 'HV-TO-03' } });
    expect(job.id).not.toBe(id);
    expect(s.jobs.get(id)?.status).toBe('Canceled');
    expect(vmIn(await inventory(), 'SQL-TO-03')?.host).toBe('HV-TO-01');

    const refused = await ferry('restart', job.id);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is Completed; only failed and canceled jobs can be restarted/);
  });
});

describe('ferry jobs --csv', () => {
  it('prints the job history as CSV with a move’s predicted against actual duration and downtime; --json keeps its shape', async () => {
    expect((await ferry('migrate', 'WEB-TO-02', '--to', 'HV-TO-02', '--speed', '3600')).code).toBe(0);
    const r = await ferry('jobs', '--csv');
    expect(r.code).toBe(0);
    const [header, ...records] = r.out
      .replace(/\n$/, '')
      .split('\r\n')
      .map((line) => line.split(','));
    expect(header).toEqual([...JOB_HISTORY_COLUMNS]);
    const row = (record: string[]) => Object.fromEntries(header.map((c, i) => [c, record[i]]));
    const moved = records.map(row).find((x) => x.kind === 'migrate-vm');
    expect(moved).toMatchObject({ status: 'Completed', vm: 'WEB-TO-02', destination: 'HV-TO-02', transfer_type: 'Live', error_problem: '' });
    for (const column of ['actual_duration_s', 'predicted_duration_s', 'actual_downtime_ms', 'predicted_downtime_ms'])
      expect(Number(moved?.[column])).toBeGreaterThan(0);
    expect(records.map(row).find((x) => x.kind === 'import-inventory')).toMatchObject({ vm: '', predicted_duration_s: '' });

    const json = JSON.parse((await ferry('jobs', '--json')).out) as Job[];
    expect(json[0]).toMatchObject({ kind: 'migrate-vm', target: 'WEB-TO-02', steps: expect.any(Array) });
  });

  it('refuses --csv with --json, naming both', async () => {
    const r = await ferry('jobs', '--csv', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--csv and --json');
  });
});
