import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import type { ManualMove } from '../../test/fixtures/manual-connector.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, type AppServices } from './app-services.js';

// Plans run as job groups through the real scheduler and SQLite; moves end when the test says.

let dir: string;
let s: AppServices;
let connector: ManualConnector;

/** Host HV-A with VM-1..3 on one share; HV-B, HV-C, HV-D reach it. */
function estate(): InventoryDocument {
  return JSON.parse(readFileSync('test/fixtures/scheduler-estate.json', 'utf8')) as InventoryDocument;
}

async function open(doc: InventoryDocument = estate()): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'ferry-plans-'));
  connector = new ManualConnector();
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => connector });
  const imported = await s.inventory.importText('estate.json', JSON.stringify(doc));
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
}
beforeEach(() => {
  dir = '';
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const job = (id: string): Job => s.jobs.get(id) as Job;
const hostOf = (vm: string): string | undefined => s.inventory.snapshot().inventory.vms.find((v) => v.name === vm)?.host;
const moveOf = (vm: string, n = 0): ManualMove => {
  const m = connector.moves.filter((x) => x.request.vm === vm)[n];
  if (!m) throw new Error(`no move ${n} of ${vm} started`);
  return m;
};
const jobOf = (jobs: Job[], vm: string): Job => jobs.find((j) => j.target === vm) as Job;

describe('running a plan as a job group', () => {
  it('evacuates a host: maintenance mode first, every move a job of one group under the slot rules, the group completes', async () => {
    await open();
    const run = s.plans.maintenanceStart('HV-A', 'leave');
    if (!run.ok) throw new Error(run.error.message);
    const { group, jobs } = run.value;
    expect(group).toMatchObject({ kind: 'maintenance', name: 'Start maintenance mode on HV-A', target: 'HV-A', state: 'Running', counts: { total: 3 } });
    expect(s.inventory.snapshot().inventory.hosts.find((h) => h.name === 'HV-A')?.maintenanceMode).toBe(true);
    expect(jobs.every((j) => j.groupId === group.id)).toBe(true);
    // HV-A's live limit is 2: two run, the third waits for a slot.
    expect(jobs.map((j) => job(j.id).status).sort()).toEqual(['Queued', 'Running', 'Running']);
    for (let round = 0; round < 3; round++) {
      for (const m of connector.moves) m.complete();
      await tick();
    }
    expect(s.plans.group(group.id)?.state).toBe('Completed');
    expect(['VM-1', 'VM-2', 'VM-3'].map(hostOf).every((h) => h !== 'HV-A')).toBe(true);
    // Nothing lands on a host in maintenance; Stop Maintenance Mode lets it take VMs again.
    expect(s.plans.plan({ kind: 'vms', vms: ['VM-1'], to: 'HV-A' })).toMatchObject({
      ok: true,
      value: { unmovable: [{ reasons: [{ code: 'maintenance-mode' }] }] },
    });
    expect(s.plans.maintenanceStop('HV-A')).toMatchObject({
      ok: true,
      value: { job: { kind: 'stop-maintenance', name: 'Stop maintenance mode on HV-A', target: 'HV-A', status: 'Completed' }, starts: [] },
    });
    expect(s.inventory.snapshot().inventory.hosts.find((h) => h.name === 'HV-A')?.maintenanceMode).toBe(false);
    expect(s.plans.maintenanceStop('HV-A')).toMatchObject({ ok: false, error: { code: 'not-in-maintenance' } });
  });

  it('aborts and restores: what has not finished is canceled, and the VM that had moved comes back', async () => {
    await open();
    const run = s.plans.run({ kind: 'vms', vms: ['VM-1', 'VM-2', 'VM-3'], to: 'HV-B' });
    if (!run.ok) throw new Error(run.error.message);
    const { group, jobs } = run.value;
    const first = jobs.find((j) => job(j.id).status === 'Running') as Job;
    moveOf(first.target).complete();
    await tick();
    expect(hostOf(first.target)).toBe('HV-B');
    const stillRunning = jobs.filter((j) => job(j.id).status === 'Running').map((j) => j.target);
    expect(stillRunning).toHaveLength(2);

    const aborted = await s.plans.abort(group.id, true);
    if (!aborted.ok) throw new Error(aborted.error.message);
    expect(aborted.value.group).toMatchObject({ state: 'Aborted', counts: { completed: 1, canceled: 2 } });
    for (const vm of stillRunning) {
      expect(moveOf(vm).canceled).toBe(true);
      expect(hostOf(vm)).toBe('HV-A');
    }
    const restore = aborted.value.restore;
    expect(restore?.group).toMatchObject({ kind: 'restore', restoreOf: group.id, counts: { total: 1 } });
    expect(restore?.plan.moves).toMatchObject([{ vm: first.target, from: 'HV-B', to: 'HV-A', chosen: 'pinned' }]);
    moveOf(first.target, 1).complete();
    await tick();
    expect(hostOf(first.target)).toBe('HV-A');
    expect(s.plans.group(restore?.group.id as string)?.state).toBe('Completed');
    expect(s.plans.groupList().map((g) => g.kind)).toEqual(['restore', 'plan']);
  });

  it('aborts without restoring: the moved VM stays where it went', async () => {
    await open();
    const run = s.plans.run({ kind: 'vms', vms: ['VM-1', 'VM-2'], to: 'HV-C' });
    if (!run.ok) throw new Error(run.error.message);
    moveOf('VM-1').complete();
    await tick();
    const aborted = await s.plans.abort(run.value.group.id, false);
    expect(aborted).toMatchObject({ ok: true, value: { restore: null, group: { state: 'Aborted' } } });
    expect([hostOf('VM-1'), hostOf('VM-2')]).toEqual(['HV-C', 'HV-A']);
    expect(await s.plans.abort(run.value.group.id, false)).toMatchObject({ ok: false, error: { code: 'group-ended' } });
  });

  it('starts a move that needs memory another move frees only once that move has ended, and drops it if that move fails', async () => {
    const doc = estate();
    const b = doc.hosts.find((h) => h.name === 'HV-B') as InventoryDocument['hosts'][number];
    b.memory = { ...b.memory, availableMB: 4000 + (b.memory.reserveMB ?? 256) };
    doc.vms.push({
      ...doc.vms[0],
      name: 'VM-B1',
      id: '9d4c2b1a-0000-4000-8000-000000000b01',
      host: 'HV-B',
      configurationPath: doc.vms[0].configurationPath.replace('VM-1', 'VM-B1'),
      disks: doc.vms[0].disks.map((d) => ({ ...d, path: d.path.replace('VM-1', 'VM-B1') })),
    });
    await open(doc);
    const request = { kind: 'vms' as const, vms: ['VM-B1', 'VM-1', 'VM-2'], to: 'auto', perVm: { 'VM-B1': 'HV-C', 'VM-1': 'HV-B', 'VM-2': 'HV-B' } };
    const plan = s.plans.plan(request);
    if (!plan.ok) throw new Error(plan.error.message);
    const toB = plan.value.moves.find((m) => m.vm === 'VM-1');
    expect(toB?.after).toEqual([plan.value.moves.find((m) => m.vm === 'VM-B1')?.id]);
    expect(plan.value.unmovable.map((u) => [u.vm, u.reasons[0].code])).toEqual([['VM-2', 'no-capacity-left']]);
    expect((toB?.start ?? 0) + 1e-9).toBeGreaterThanOrEqual(plan.value.moves.find((m) => m.vm === 'VM-B1')?.end ?? Infinity);

    const run = s.plans.run(request);
    if (!run.ok) throw new Error(run.error.message);
    const vm1 = jobOf(run.value.jobs, 'VM-1');
    expect(job(vm1.id)).toMatchObject({
      status: 'Queued',
      waitingFor: 'waiting for "Migrate virtual machine VM-B1 to HV-C" to end first (it frees the memory this move needs on HV-B)',
    });
    moveOf('VM-B1').complete();
    await tick();
    expect(job(vm1.id).status).toBe('Running');
    moveOf('VM-1').complete();
    await tick();
    expect(hostOf('VM-1')).toBe('HV-B');

    // The same again, back: the departure fails this time, so the move that waited for it never starts.
    const again = s.plans.run({ kind: 'vms', vms: ['VM-1', 'VM-B1'], to: 'auto', perVm: { 'VM-1': 'HV-A', 'VM-B1': 'HV-B' } });
    if (!again.ok) throw new Error(again.error.message);
    const back = jobOf(again.value.jobs, 'VM-B1');
    expect(job(back.id).status).toBe('Queued');
    moveOf('VM-1', 1).fail('the destination refused it');
    await tick();
    s.scheduler.dispatch();
    expect(job(back.id)).toMatchObject({
      status: 'Canceled',
      summary: expect.stringMatching(/^Not started: it waited for "Migrate virtual machine VM-1 to HV-A", which failed/) as string,
    });
  });

  it('runs moves one after the other where the plan holds them for a full migration network, and a move it follows may fail', async () => {
    const doc = estate();
    // HV-A has one 1 Gbps NIC: one live migration fills it, so the plan sends its VMs one at a time.
    const a = doc.hosts.find((h) => h.name === 'HV-A') as InventoryDocument['hosts'][number];
    a.migrationNetwork = { gbps: 1, rdma: false, nics: 1 };
    await open(doc);
    const request = { kind: 'vms' as const, vms: ['VM-1', 'VM-2'], to: 'auto', perVm: { 'VM-1': 'HV-B', 'VM-2': 'HV-C' } };
    const plan = s.plans.plan(request);
    if (!plan.ok) throw new Error(plan.error.message);
    const [first, second] = plan.value.moves;
    expect(second.follows).toEqual([first.id]);
    expect(second.start).toBeCloseTo(first.end, 3);

    const run = s.plans.run(request);
    if (!run.ok) throw new Error(run.error.message);
    const later = jobOf(run.value.jobs, second.vm);
    expect(job(later.id)).toMatchObject({
      status: 'Queued',
      waitingFor: `waiting for "Migrate virtual machine ${first.vm} to ${first.to}" to end first (the plan runs them one after the other: together they would only share the same full migration network)`,
    });
    moveOf(first.vm).fail('the destination refused it');
    await tick();
    s.scheduler.dispatch();
    expect(job(later.id).status).toBe('Running');
  });

  it('saves the VMs an evacuation cannot move when asked to, as jobs of the group', async () => {
    const doc = estate();
    doc.vms[2] = { ...doc.vms[2], memoryMB: 500_000 };
    await open(doc);
    const run = s.plans.maintenanceStart('HV-A', 'save');
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.plan.unmovable).toEqual([]);
    expect(run.value.plan.staying).toMatchObject([{ vm: 'VM-3', reason: { code: 'saved-by-plan' }, because: [{ code: 'insufficient-memory' }] }]);
    const save = jobOf(run.value.jobs, 'VM-3');
    // The host's connector saves it (the simulator here): the job runs until it answers.
    await tick();
    expect(job(save.id)).toMatchObject({ kind: 'save-vm', status: 'Completed', groupId: run.value.group.id });
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'VM-3')?.state).toBe('Saved');
  });

  it('refuses a plan with nothing to run, saying why', async () => {
    await open();
    expect(s.plans.run({ kind: 'vms', vms: ['VM-1'], to: 'HV-A' })).toMatchObject({
      ok: false,
      error: { code: 'nothing-to-run', message: expect.stringMatching(/VM-1 is already on HV-A/) as string },
    });
  });
});

describe('Stop Maintenance Mode', () => {
  /** HV-A evacuated with VM-3 too big to move anywhere: saved by the evacuation, as the admin chose. */
  async function evacuatedWithSave(): Promise<string> {
    const doc = estate();
    doc.vms[2] = { ...doc.vms[2], memoryMB: 500_000 };
    await open(doc);
    const run = s.plans.maintenanceStart('HV-A', 'save');
    if (!run.ok) throw new Error(run.error.message);
    await tick();
    return run.value.group.id;
  }
  const hostA = () => s.inventory.snapshot().inventory.hosts.find((h) => h.name === 'HV-A');
  const stateOf = (vm: string) => s.inventory.snapshot().inventory.vms.find((v) => v.name === vm)?.state;

  it('offers the VMs the evacuation saved that are still saved on the host', async () => {
    await evacuatedWithSave();
    expect(s.plans.maintenanceSavedVms('hv-a')).toEqual({ ok: true, value: { host: 'HV-A', vms: ['VM-3'] } });
  });

  it('is a job with steps that takes the host out of maintenance mode and starts the saved VMs asked for, each with a Start job', async () => {
    await evacuatedWithSave();
    const stopped = s.plans.maintenanceStop('HV-A', ['vm-3']);
    if (!stopped.ok) throw new Error(stopped.error.message);
    expect(stopped.value.job).toMatchObject({
      kind: 'stop-maintenance',
      status: 'Completed',
      target: 'HV-A',
      steps: [
        { name: 'Take the host out of maintenance mode', status: 'Completed' },
        { name: 'Start the virtual machines the evacuation saved', status: 'Completed' },
      ],
    });
    expect(stopped.value.job.summary).toContain('Start jobs for VM-3');
    expect(stopped.value.starts).toMatchObject([{ kind: 'start-vm', target: 'VM-3', status: 'Completed' }]);
    expect(job(stopped.value.job.id).status).toBe('Completed');
    expect(hostA()?.maintenanceMode).toBe(false);
    expect(stateOf('VM-3')).toBe('Running');
    // Started, it is no longer one to offer.
    expect(s.plans.maintenanceSavedVms('HV-A')).toEqual({ ok: true, value: { host: 'HV-A', vms: [] } });
  });

  it('leaves the saved VMs saved when none is asked for', async () => {
    await evacuatedWithSave();
    const stopped = s.plans.maintenanceStop('HV-A');
    expect(stopped).toMatchObject({
      ok: true,
      value: { job: { status: 'Completed', steps: [{ name: 'Take the host out of maintenance mode' }] }, starts: [] },
    });
    expect(stateOf('VM-3')).toBe('Saved');
  });

  it('vm-not-saved-by-evacuation: refuses a VM the evacuation did not save, before anything changes', async () => {
    await evacuatedWithSave();
    const jobsBefore = s.jobs.list().length;
    expect(s.plans.maintenanceStop('HV-A', ['VM-3', 'VM-9'])).toMatchObject({
      ok: false,
      error: {
        code: 'vm-not-saved-by-evacuation',
        message: expect.stringContaining('VM-9 is not a virtual machine that HV-A') as string,
        detail: { field: 'startVms', vm: 'VM-9' },
      },
    });
    expect(hostA()?.maintenanceMode).toBe(true);
    expect(stateOf('VM-3')).toBe('Saved');
    expect(s.jobs.list().length).toBe(jobsBefore);
  });

  it('host-not-found and not-in-maintenance, with no job', async () => {
    await open();
    expect(s.plans.maintenanceStop('NOPE')).toMatchObject({ ok: false, error: { code: 'host-not-found' } });
    expect(s.plans.maintenanceSavedVms('NOPE')).toMatchObject({ ok: false, error: { code: 'host-not-found' } });
    expect(s.plans.maintenanceStop('HV-A')).toMatchObject({ ok: false, error: { code: 'not-in-maintenance' } });
    expect(s.jobs.list().filter((j) => j.kind === 'stop-maintenance')).toEqual([]);
  });
});
