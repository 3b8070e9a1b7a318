import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/model/job.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, type AppServices } from './app-services.js';

let dir: string;
let s: AppServices;
let connector: ManualConnector;

/** A small estate: host A with three VMs on one SMB 3 share, hosts B, C, D reaching it. */
function estate(): unknown {
  const doc = JSON.parse(readFileSync('test/fixtures/scheduler-estate.json', 'utf8'));
  return doc;
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

describe('the scheduler', () => {
  it('runs two live migrations off a host with limit 2 and queues the third, saying why', () => {
    const a = submit('VM-1', 'HV-B');
    const b = submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    expect([job(a.id).status, job(b.id).status, job(c.id).status]).toEqual(['Running', 'Running', 'Queued']);
    expect(job(c.id).waitingFor).toBe('waiting for a live-migration slot on HV-A (2 of 2 in use), position 1');
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
    const a = submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    s.scheduler.cancel(a.id);
    await tick();
    expect(connector.of('VM-1').canceled).toBe(true);
    expect(job(a.id)).toMatchObject({ status: 'Canceled', summary: expect.stringMatching(/still running on HV-A/) });
    expect(hostOf('VM-1')).toBe('HV-A');
    expect(job(c.id).status).toBe('Running');
  });

  it('fails a job with the problem and recommended action, the VM staying on its source', async () => {
    const a = submit('VM-1', 'HV-B');
    connector.of('VM-1').fail('The destination stopped answering.');
    await tick();
    expect(job(a.id)).toMatchObject({ status: 'Failed', error: { problem: 'The destination stopped answering.', recommendedAction: 'Fix it.' } });
    expect(hostOf('VM-1')).toBe('HV-A');
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
    expect(vm?.disks.map((d) => d.path)).toEqual(['E:\\Fast\\VM-1\\os.vhdx']);
  });
});
