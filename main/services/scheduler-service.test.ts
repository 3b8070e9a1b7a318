import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { PLAIN_ENGLISH_FORMAT, renderText, type Text } from '../../shared/i18n/text.js';
import { mainItMessages } from '../../shared/i18n/it.js';
import type { Job } from '../../shared/model/job.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, type AppServices } from './app-services.js';

let dir: string;
let s: AppServices;
let connector: ManualConnector;

/** A small estate: host A with three VMs on one SMB 3 share, hosts B, C, D reaching it. */
function estate(): InventoryDocument {
  return JSON.parse(readFileSync('test/fixtures/scheduler-estate.json', 'utf8')) as InventoryDocument;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-scheduler-'));
  connector = new ManualConnector();
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => connector });
  expect((await s.inventory.importText('estate.json', JSON.stringify(estate()))).ok).toBe(true);
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const job = (id: string): Job => s.jobs.get(id) as Job;
const submit = (vm: string, to: string): Job => {
  const r = s.migration.submitVm({ vm, destinationHost: to });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const hostOf = (vm: string): string | undefined => s.inventory.snapshot().inventory.vms.find((v) => v.name === vm)?.host;
const inventoryNow = (): InventoryDocument => structuredClone(s.inventory.snapshot().inventory);

describe('the scheduler', () => {
  it('runs two live migrations off a host with limit 2 and queues the third, saying why', () => {
    const a = submit('VM-1', 'HV-B');
    const b = submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    expect([job(a.id).status, job(b.id).status, job(c.id).status]).toEqual(['Running', 'Running', 'Queued']);
    expect(job(c.id).waitingFor).toBe('waiting for a live-migration slot on HV-A (2 of 2 in use), position 1');
  });

  it("keeps a job's name, steps and queue reason as catalogue sentences that read in Italian, next to the English", () => {
    submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const c = job(submit('VM-3', 'HV-D').id);
    const italian = (value: Text) => renderText(value, mainItMessages, PLAIN_ENGLISH_FORMAT);
    expect(c.name).toBe('Migrate virtual machine VM-3 to HV-D');
    expect(italian(c.nameText!)).toBe('Migrazione della macchina virtuale VM-3 su HV-D');
    expect(c.steps.map((st) => italian(st.text!))).toEqual(['Convalida', 'Migrazione in tempo reale della memoria', 'Passaggio', 'Pulizia']);
    expect(italian(c.waitingForText!)).toBe('in attesa di uno slot di migrazione in tempo reale su HV-A (2 di 2 in uso), posizione 1');
  });

  it("warns in Select Host that a busy host's move will wait, with its place in the queue", async () => {
    // A fourth VM on HV-A, to ask about once VM-3 is queued (VM-3 itself is then held by its own move).
    const four = estate();
    four.vms.push({ ...structuredClone(four.vms[2]), name: 'VM-4', id: 'a4a4a4a4-0000-4000-8000-000000000004' });
    four.vms[3].configurationPath = four.vms[3].configurationPath.replace('VM-3', 'VM-4');
    four.vms[3].disks = four.vms[3].disks.map((d) => ({ ...d, path: d.path.replace('VM-3', 'VM-4') }));
    expect((await s.inventory.importText('estate.json', JSON.stringify(four))).ok).toBe(true);
    submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const before = s.migration.selectHosts('VM-3');
    if (!before.ok) throw new Error(before.error.message);
    const toD = before.value.find((r) => r.host === 'HV-D');
    expect(toD?.available).toBe(true);
    expect(toD?.warnings.find((w) => w.code === 'host-busy')?.message).toMatch(
      /HV-A \(the source\) has all 2 live migration slots in use: the move will wait in the queue at position 1/,
    );
    submit('VM-3', 'HV-D');
    // One move is queued on HV-A now: the next would be second in line.
    const after = s.migration.selectHosts('VM-4');
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.find((r) => r.host === 'HV-B')?.warnings.find((w) => w.code === 'host-busy')?.message).toMatch(/position 2/);
  });

  it('gives no host-busy warning when the hosts have free slots', () => {
    submit('VM-1', 'HV-B');
    const r = s.migration.selectHosts('VM-2');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.flatMap((h) => h.warnings.map((w) => w.code))).not.toContain('host-busy');
  });

  it('starts the queued move as soon as a slot frees, and shows the VM on its new host', async () => {
    const a = submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    connector.of('VM-1').complete();
    await tick();
    expect(job(a.id)).toMatchObject({ status: 'Completed', progress: 100, metrics: { downtimeMs: 150, bytesSent: 4e9 } });
    expect(hostOf('VM-1')).toBe('HV-B');
    expect(job(c.id).status).toBe('Running');
  });

  it('records progress with bytes, throughput and ETA', () => {
    const a = submit('VM-1', 'HV-B');
    connector.of('VM-1').progress({ step: 1, stepPercent: 40, percent: 30, bytesSent: 2e9, throughputBps: 5e8, etaSeconds: 8 });
    expect(job(a.id)).toMatchObject({ progress: 30, metrics: { bytesSent: 2e9, throughputBps: 5e8, etaSeconds: 8 } });
    expect(job(a.id).steps.map((x) => x.status)).toEqual(['Completed', 'Running', 'Queued', 'Queued']);
  });

  it('cancels a queued job at once, without running it', () => {
    submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    expect(s.scheduler.cancel(c.id)).toMatchObject({ ok: true, value: { status: 'Canceled' } });
    expect(connector.moves.map((m) => m.request.vm)).toEqual(['VM-1', 'VM-2']);
  });

  it('cancels a running job, leaving the VM on its source, and frees its slot', async () => {
    const before = inventoryNow();
    const a = submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    connector.of('VM-1').progress({ step: 1, percent: 40 });
    s.scheduler.cancel(a.id);
    await tick();
    expect(connector.of('VM-1').canceled).toBe(true);
    expect(job(a.id)).toMatchObject({ status: 'Canceled', summary: expect.stringMatching(/still running on HV-A/) });
    expect(job(a.id).steps.map((x) => x.status)).toEqual(['Completed', 'Canceled', 'Queued', 'Queued']);
    // Nothing of the estate changed: the VM, its paths, and both hosts' memory are as they were.
    expect(inventoryNow()).toEqual(before);
    expect(job(c.id).status).toBe('Running');
  });

  it('fails a job with the problem and recommended action, the VM staying on its source', async () => {
    const before = inventoryNow();
    const a = submit('VM-1', 'HV-B');
    connector.of('VM-1').fail('The destination stopped answering.');
    await tick();
    expect(job(a.id)).toMatchObject({ status: 'Failed', error: { problem: 'The destination stopped answering.', recommendedAction: 'Fix it.' } });
    expect(inventoryNow()).toEqual(before);
  });

  it('completes with info, without failing the process, when an import replaced the estate while the move ran', async () => {
    const a = submit('VM-1', 'HV-B');
    const b = submit('VM-2', 'HV-C');
    const doc = estate();
    doc.hosts = doc.hosts.filter((h) => h.name !== 'HV-B');
    doc.vms = doc.vms.filter((v) => v.name !== 'VM-2');
    expect((await s.inventory.importText('smaller.json', JSON.stringify(doc))).ok).toBe(true);
    connector.of('VM-1').complete();
    connector.of('VM-2').complete();
    await tick();
    expect(job(a.id)).toMatchObject({
      status: 'Completed with info',
      summary: expect.stringMatching(/The inventory could not show it: the inventory no longer has host HV-B; refresh the inventory$/),
    });
    expect(job(b.id)).toMatchObject({ status: 'Completed with info', summary: expect.stringMatching(/VM-2 is no longer in the inventory/) });
    expect(hostOf('VM-1')).toBe('HV-A');
  });

  it('shows a completed live migration with storage on its destination, with its new paths and the path added to the defaults', async () => {
    // VM-1 on HV-A's local disk: a move to HV-B copies its storage too (Live (VSM)).
    const doc = estate();
    doc.vms[0].configurationPath = 'D:\\VMs\\VM-1';
    doc.vms[0].disks = [{ path: 'D:\\VMs\\VM-1\\os.vhdx', sizeGB: 60, shared: false }];
    expect((await s.inventory.importText('local.json', JSON.stringify(doc))).ok).toBe(true);
    const memoryBefore = s.inventory.snapshot().inventory.hosts.map((h) => [h.name, h.memory.availableMB]);
    const r = s.migration.submitVm({ vm: 'VM-1', destinationHost: 'HV-B', destinationPath: 'D:\\Moved', addToDefaults: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.move).toMatchObject({ kind: 'live-vsm', sourceHost: 'HV-A', destinationHost: 'HV-B' });
    connector.of('VM-1').complete();
    await tick();
    expect(job(r.value.id).status).toBe('Completed');
    const after = s.inventory.snapshot().inventory;
    expect(after.vms.find((v) => v.name === 'VM-1')).toMatchObject({
      host: 'HV-B',
      configurationPath: 'D:\\Moved\\VM-1',
      disks: [{ path: 'D:\\Moved\\VM-1\\Virtual Hard Disks\\os.vhdx' }],
    });
    expect(after.hosts.find((h) => h.name === 'HV-B')?.defaultStorageLocations).toEqual(['D:\\VMs', 'D:\\Moved']);
    expect(after.hosts.find((h) => h.name === 'HV-A')?.defaultStorageLocations).toEqual(['D:\\VMs']);
    // The VM's memory left HV-A and landed on HV-B.
    const memory = new Map(memoryBefore as [string, number][]);
    expect(after.hosts.find((h) => h.name === 'HV-A')?.memory.availableMB).toBe((memory.get('HV-A') as number) + 8192);
    expect(after.hosts.find((h) => h.name === 'HV-B')?.memory.availableMB).toBe((memory.get('HV-B') as number) - 8192);
  });

  it('restarts a failed job as a new job that runs', async () => {
    const a = submit('VM-1', 'HV-B');
    connector.of('VM-1').fail('boom');
    await tick();
    const again = s.scheduler.restart(a.id);
    expect(again).toMatchObject({ ok: true, value: { status: 'Running', restartOf: a.id, name: job(a.id).name } });
    expect(connector.moves.filter((m) => m.request.vm === 'VM-1')).toHaveLength(2);
  });

  it('refuses to restart a job that has not failed or been canceled', () => {
    const a = submit('VM-1', 'HV-B');
    expect(s.scheduler.restart(a.id)).toMatchObject({ ok: false, error: { code: 'job-not-restartable' } });
  });

  it('applies a raised limit at the next decision', () => {
    submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    s.db.prepare("UPDATE hosts SET lm_max_live = 3 WHERE name = 'HV-A'").run();
    s.db.prepare('UPDATE inventory_meta SET revision = revision + 1').run();
    s.scheduler.dispatch();
    expect(job(c.id).status).toBe('Running');
  });

  it('adds a path ticked "add to defaults" to the host once the move completes', async () => {
    const r = s.migration.submitStorage({ vm: 'VM-1', scope: 'whole-vm', path: 'E:\\Fast' }, true);
    expect(r.ok).toBe(true);
    connector.of('VM-1').complete();
    await tick();
    const host = s.inventory.snapshot().inventory.hosts.find((h) => h.name === 'HV-A');
    expect(host?.defaultStorageLocations).toContain('E:\\Fast');
    const vm = s.inventory.snapshot().inventory.vms.find((v) => v.name === 'VM-1');
    expect(vm?.configurationPath).toBe('E:\\Fast\\VM-1');
    expect(vm?.disks.map((d) => d.path)).toEqual(['E:\\Fast\\VM-1\\Virtual Hard Disks\\os.vhdx']);
  });
});

/** A process id that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

const waitUntil = async (what: string, ok: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the scheduler across processes sharing one database', () => {
  let file: string;
  const opened: AppServices[] = [];
  const open = async (runner: 'app' | 'cli' | undefined, c: ManualConnector = new ManualConnector()): Promise<AppServices> => {
    const services = await createAppServices({ databasePath: file, runner, connector: () => c });
    opened.push(services);
    return services;
  };

  beforeEach(async () => {
    // The outer beforeEach opened \`s\` on its own file; these tests use a file of their own.
    file = join(dir, 'shared.db');
    const seed = await open(undefined);
    expect((await seed.inventory.importText('estate.json', JSON.stringify(estate()))).ok).toBe(true);
  });
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
  });

  const submitIn = (services: AppServices, vm: string, to: string): Job => {
    const r = services.migration.submitVm({ vm, destinationHost: to });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it("reconciles after a crash: the dead runner's running jobs fail saying where the VM is, its queued job runs once", async () => {
    // The state a killed app leaves: two moves claimed by a runner whose process is gone, one queued.
    const before = await open(undefined);
    const a = submitIn(before, 'VM-1', 'HV-B');
    const b = submitIn(before, 'VM-2', 'HV-C');
    const c = submitIn(before, 'VM-3', 'HV-D');
    before.db
      .prepare('INSERT INTO runners (id, host, pid, kind, started_at) VALUES (?, ?, ?, ?, ?)')
      .run('dead-app', hostname(), deadPid(), 'app', new Date().toISOString());
    expect(before.jobs.claim(a.id, 'dead-app', new Date())).toBe(true);
    expect(before.jobs.claim(b.id, 'dead-app', new Date())).toBe(true);
    const inventoryBefore = structuredClone(before.inventory.snapshot().inventory);

    const restarted = new ManualConnector();
    const app = await open('app', restarted);
    for (const [id, vm] of [
      [a.id, 'VM-1'],
      [b.id, 'VM-2'],
    ]) {
      expect(app.jobs.get(id)).toMatchObject({
        status: 'Failed',
        error: {
          problem: `Ferry stopped while this move was running, so it did not finish. ${vm} is on HV-A.`,
          recommendedAction: expect.stringMatching(/restart the job/),
        },
      });
    }
    expect(app.inventory.snapshot().inventory).toEqual(inventoryBefore);
    // Nothing runs twice: only the queued move starts, and no job was added.
    expect(restarted.moves.map((m) => m.request.vm)).toEqual(['VM-3']);
    expect(app.jobs.get(c.id)?.status).toBe('Running');
    expect(app.jobs.list().filter((j) => j.kind === 'migrate-vm')).toHaveLength(3);
    expect(app.db.prepare('SELECT COUNT(*) FROM runners WHERE id = ?').pluck().get('dead-app')).toBe(0);
    restarted.of('VM-3').complete();
    await waitUntil('the queued move to complete', () => app.jobs.get(c.id)?.status === 'Completed');
    expect(app.inventory.snapshot().inventory.vms.find((v) => v.name === 'VM-3')?.host).toBe('HV-D');
  });

  it('leaves alone the jobs a live process runs', async () => {
    const first = new ManualConnector();
    const app = await open('app', first);
    const a = submitIn(app, 'VM-1', 'HV-B');
    const second = new ManualConnector();
    const other = await open('app', second);
    await other.scheduler.reconcile();
    expect(other.jobs.get(a.id)?.status).toBe('Running');
    expect(second.moves).toHaveLength(0);
  });

  it('cancels a move another process runs, through the cancel request its database watcher picks up', async () => {
    const runner = new ManualConnector();
    const app = await open('app', runner);
    const a = submitIn(app, 'VM-1', 'HV-B');
    const cli = await open(undefined);
    const asked = cli.scheduler.cancel(a.id);
    expect(asked).toMatchObject({ ok: true, value: { status: 'Running' } });
    await waitUntil('the runner to cancel the move', () => cli.jobs.get(a.id)?.status === 'Canceled');
    expect(runner.of('VM-1').canceled).toBe(true);
    expect(cli.jobs.get(a.id)?.summary).toMatch(/VM-1 is still running on HV-A/);
    expect(cli.inventory.snapshot().inventory.vms.find((v) => v.name === 'VM-1')?.host).toBe('HV-A');
  });

  it('a ferry command runs only the moves it submitted while their submitter lives, and adopts those left behind', async () => {
    const ca = new ManualConnector();
    const cb = new ManualConnector();
    const cmdA = await open('cli', ca);
    const cmdB = await open('cli', cb);
    submitIn(cmdA, 'VM-1', 'HV-B');
    submitIn(cmdB, 'VM-2', 'HV-C');
    const third = submitIn(cmdA, 'VM-3', 'HV-D');
    expect(cmdA.jobs.get(third.id)?.status).toBe('Queued');
    // B's move ends and frees a slot on HV-A: B leaves A's queued move to A, whose watcher starts it.
    cb.of('VM-2').complete();
    await waitUntil('A to start its queued move', () => ca.moves.length === 2);
    expect(cb.moves.map((m) => m.request.vm)).toEqual(['VM-2']);
    expect(cmdA.jobs.get(third.id)?.status).toBe('Running');

    // A move queued by a command that has gone is run by whichever command comes next.
    const fourth = submitIn(cmdA, 'VM-2', 'HV-A');
    expect(cmdA.jobs.get(fourth.id)?.status).toBe('Queued');
    const draining = cmdA.scheduler.drain(); // A takes no new work, and sees its moves through
    ca.of('VM-1').complete();
    ca.of('VM-3').complete();
    await draining;
    expect(cmdA.jobs.get(fourth.id)?.status).toBe('Queued');
    await cmdA.close();
    opened.splice(opened.indexOf(cmdA), 1);
    cmdB.scheduler.dispatch();
    expect(cb.moves.map((m) => m.request.vm)).toEqual(['VM-2', 'VM-2']);
    expect(cmdB.jobs.get(fourth.id)?.status).toBe('Running');
  });
});
