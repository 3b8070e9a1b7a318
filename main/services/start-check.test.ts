import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, type AppServices } from './app-services.js';
import type { ScheduledRequest } from './scheduler-service.js';

// A queued move is checked again when its turn comes (migration-rules.md section 10): real scheduler, real
// SQLite; the moves end when the test says.

let dir = '';
let s: AppServices;
let connector: ManualConnector;

/** Host HV-A with VM-1..3 (8 GB each) on one share; HV-B, HV-C, HV-D reach it. Live limit 2 everywhere. */
function estate(): InventoryDocument {
  return JSON.parse(readFileSync('test/fixtures/scheduler-estate.json', 'utf8')) as InventoryDocument;
}

async function open(doc: InventoryDocument = estate()): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'ferry-start-check-'));
  connector = new ManualConnector();
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => connector });
  const imported = await s.inventory.importText('estate.json', JSON.stringify(doc));
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
}
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const job = (id: string): Job => s.jobs.get(id) as Job;
const live = (vm: string, to: string): ScheduledRequest => ({
  kind: 'live',
  vm,
  sourceHost: 'HV-A',
  destinationHost: to,
  performanceOption: 'Compression',
  destinationPath: null,
  diskDestinations: null,
  configurationPath: null,
  addToDefaults: false,
});
const enqueue = (vm: string, to: string): Job => {
  const q = s.scheduler.enqueue(live(vm, to), `Migrate virtual machine ${vm} to ${to}`);
  if (!q.ok) throw new Error(q.error.message);
  return q.value;
};
/** Completes every move running now, and lets the scheduler decide again. */
async function completeRunning(): Promise<void> {
  for (const m of connector.moves) m.complete();
  await tick();
}

describe('a queued move checked again when its turn comes', () => {
  it('fails with maintenance-mode when its destination went into maintenance mode while it waited', async () => {
    await open();
    const [a, b, c] = ['VM-1', 'VM-2', 'VM-3'].map((vm) => enqueue(vm, 'HV-B'));
    expect([a, b, c].map((j) => job(j.id).status)).toEqual(['Running', 'Running', 'Queued']);
    s.inventory.maintenanceSet('HV-B', true);
    await completeRunning();
    expect(job(c.id)).toMatchObject({
      status: 'Failed',
      error: {
        code: 'maintenance-mode',
        problem: expect.stringContaining('HV-B') as string,
        recommendedAction: 'Check the destination, or choose another one in Select Host, then migrate the VM again.',
      },
    });
    expect(connector.moves.filter((m) => m.request.vm === 'VM-3')).toEqual([]);
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'VM-3')?.host).toBe('HV-A');
  });

  it('fails with live-migration-disabled when live migration was turned off on its destination', async () => {
    await open();
    const [, , c] = ['VM-1', 'VM-2', 'VM-3'].map((vm) => enqueue(vm, 'HV-C'));
    const hv = s.inventory.snapshot().inventory.hosts.find((h) => h.name === 'HV-C');
    if (!hv) throw new Error('no HV-C');
    s.inventory.applyHostSettings([{ host: 'HV-C', settings: { ...hv.liveMigration, enabled: false } }]);
    await completeRunning();
    expect(job(c.id)).toMatchObject({ status: 'Failed', error: { code: 'live-migration-disabled' } });
  });

  it('fails with insufficient-memory when the moves running onto its destination leave no room for it', async () => {
    const doc = estate();
    // Room on HV-B for one 8 GB VM, not two: both moves could start at once (2 slots), the second must not.
    doc.hosts[1] = { ...doc.hosts[1], memory: { ...doc.hosts[1].memory, availableMB: 12_000 } };
    await open(doc);
    const first = enqueue('VM-1', 'HV-B');
    const second = enqueue('VM-2', 'HV-B');
    expect(job(first.id).status).toBe('Running');
    expect(job(second.id)).toMatchObject({ status: 'Failed', error: { code: 'insufficient-memory' } });
    expect(job(second.id).error?.problem).toMatch(/VM-2/);
  });

  it('fails with affinity-rule when a required DifferentNode rule would be broken by a move queued before it', async () => {
    const doc = { ...estate(), affinityRules: [{ name: 'keep-apart', type: 'DifferentNode' as const, vms: ['VM-1', 'VM-2'], required: true }] };
    await open(doc);
    const first = enqueue('VM-1', 'HV-D');
    const second = enqueue('VM-2', 'HV-D');
    expect(job(first.id).status).toBe('Running');
    expect(job(second.id)).toMatchObject({ status: 'Failed', error: { code: 'affinity-rule' } });
    expect(job(second.id).error?.problem).toMatch(/HV-D runs VM-1, and affinity rule keep-apart \(DifferentNode, required\) keeps VM-2 on a different node/);
  });

  it('inside a plan run, moves to the next-best destination that keeps every rule, and the job says so', async () => {
    const doc = { ...estate(), affinityRules: [{ name: 'keep-apart', type: 'DifferentNode' as const, vms: ['VM-3', 'VM-1'], required: true }] };
    await open(doc);
    const run = s.plans.run({ kind: 'vms', vms: ['VM-1', 'VM-2', 'VM-3'], to: 'auto', perVm: { 'VM-1': 'HV-B', 'VM-2': 'HV-B', 'VM-3': 'HV-C' } });
    if (!run.ok) throw new Error(run.error.message);
    const third = run.value.jobs.find((j) => j.target === 'VM-3') as Job;
    expect(job(third.id).status).toBe('Queued');
    s.inventory.maintenanceSet('HV-C', true);
    await completeRunning();
    // HV-B runs VM-1 now, which the rule keeps apart from VM-3: HV-D is the only host left.
    expect(job(third.id)).toMatchObject({
      status: 'Running',
      name: 'Migrate virtual machine VM-3 to HV-D',
      summary: 'HV-C went into maintenance mode; moved to HV-D instead.',
      move: { destinationHost: 'HV-D' },
    });
    await completeRunning();
    expect(job(third.id)).toMatchObject({
      status: 'Completed with info',
      summary: expect.stringMatching(/HV-C went into maintenance mode; moved to HV-D instead\.$/) as string,
    });
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'VM-3')?.host).toBe('HV-D');
  });

  it('inside a plan run, fails with the reason when no other destination keeps every rule', async () => {
    await open();
    const run = s.plans.run({ kind: 'vms', vms: ['VM-1', 'VM-2', 'VM-3'], to: 'HV-B' });
    if (!run.ok) throw new Error(run.error.message);
    const third = run.value.jobs.find((j) => job(j.id).status === 'Queued') as Job;
    for (const h of ['HV-B', 'HV-C', 'HV-D']) s.inventory.maintenanceSet(h, true);
    await completeRunning();
    expect(job(third.id)).toMatchObject({ status: 'Failed', error: { code: 'maintenance-mode' } });
  });
});
