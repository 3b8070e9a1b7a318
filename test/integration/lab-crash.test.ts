import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabSpec } from '../../main/domain/lab/lab-estate.js';
import { labProcesses, qemuAlive } from '../../main/infra/connectors/qemu/qemu-instance.js';
import { QmpClient } from '../../main/infra/connectors/qemu/qmp-client.js';
import { ferryStart, waitUntil } from '../fixtures/ferry-process.js';
import { guestOf, heartbeatsAfter, labNetworkSet, labOpen, type LabFixture } from '../fixtures/lab.js';

// A `ferry migrate --wait` process runs a lab move and is killed mid-migration (issue 6: lab VMs are
// processes the connector owns and always reaps). QEMU goes on with a migration its client left, so
// what the next Ferry finds depends on timing, and both endings are tested: the destination not yet
// running (it is ended, the VM keeps running on its source) and the destination already running the
// VM (it is adopted as the VM's home, the source is ended, the inventory follows). Either way no
// process is left behind and the job is never left running.

const LONG = 180_000;
const SPEC: LabSpec = {
  hosts: [
    { name: 'LAB-HV-01', address: '127.77.2.1', gbps: 0.2, nics: 1 },
    { name: 'LAB-HV-02', address: '127.77.2.2', gbps: 0.2, nics: 1 },
  ],
  vms: [{ name: 'LAB-VM-X', host: 'LAB-HV-01', memoryMB: 256, dirtyRateMBps: 5, storage: 'share', diskMB: 16 }],
};

let lab: LabFixture;
beforeAll(async () => {
  lab = await labOpen(SPEC, { runsMoves: false });
}, LONG);
afterAll(async () => {
  await lab?.close();
}, LONG);

/** Starts `ferry migrate --wait` for the lab VM and waits until its memory is on the way; answers the process and the job id. */
async function migrationByCommand(to: string): Promise<{ cli: ReturnType<typeof ferryStart>; jobId: string }> {
  const cli = ferryStart(['migrate', 'LAB-VM-X', '--to', to, '--db', lab.s.databasePath, '--wait', '--json']);
  let jobId = '';
  await waitUntil(
    'the command to be migrating memory',
    () => {
      const job = lab.s.jobs.list(20).find((j) => j.target === 'LAB-VM-X' && j.status === 'Running');
      jobId = job?.id ?? '';
      return job?.steps.some((st) => st.name === 'Live-migrate memory' && st.status === 'Running' && st.progress >= 2) === true;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  expect(lab.s.lab.store.vmRead('LAB-VM-X')?.incoming?.ownerPid).toBe(cli.pid);
  return { cli, jobId };
}

describe.sequential('a Ferry process that dies in the middle of a lab migration', () => {
  it(
    'ends the waiting destination and keeps the VM running on its source',
    async () => {
      const { cli, jobId } = await migrationByCommand('LAB-HV-02');
      const source = lab.s.lab.store.vmRead('LAB-VM-X')?.instance;
      const incoming = lab.s.lab.store.vmRead('LAB-VM-X')?.incoming?.instance;
      await cli.kill('SIGKILL');
      const before = guestOf(lab.s, 'LAB-VM-X').heartbeats.at(-1)?.seq ?? -1;

      expect(await lab.s.scheduler.reconcile()).toBe(1);
      const job = lab.s.jobs.get(jobId);
      expect(job?.status).toBe('Failed');
      expect(job?.error?.problem).toBe('Ferry stopped while this move was running, so it did not finish. LAB-VM-X is on LAB-HV-01.');
      expect(qemuAlive(incoming as NonNullable<typeof incoming>)).toBe(false);
      expect(qemuAlive(source as NonNullable<typeof source>)).toBe(true);
      expect(lab.s.lab.store.vmRead('LAB-VM-X')).toMatchObject({ host: 'LAB-HV-01', incoming: null });
      expect(labProcesses(lab.s.lab.store.runDir)).toEqual([source?.pid]);
      await heartbeatsAfter(lab.s, 'LAB-VM-X', before);
      expect(guestOf(lab.s, 'LAB-VM-X').corrupt).toBe(false);
    },
    LONG,
  );

  it(
    'adopts a destination that already runs the VM: the job says so and the inventory shows it there',
    async () => {
      const { cli, jobId } = await migrationByCommand('LAB-HV-02');
      const source = lab.s.lab.store.vmRead('LAB-VM-X')?.instance;
      const incoming = lab.s.lab.store.vmRead('LAB-VM-X')?.incoming?.instance;
      await cli.kill('SIGKILL');
      // QEMU finishes the migration on its own; raise the cap so it converges sooner.
      labNetworkSet(lab.s, { 'LAB-HV-01': 10, 'LAB-HV-02': 10 });
      const q = await QmpClient.connect(source?.qmpStatus as string);
      await q.execute('migrate-set-parameters', { 'max-bandwidth': 1_000_000_000 });
      for (let i = 0; i < 600; i++) {
        const status = (await q.execute<{ status: string }>('query-migrate')).status;
        if (status === 'completed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await q.close();

      expect(await lab.s.scheduler.reconcile()).toBe(1);
      const job = lab.s.jobs.get(jobId);
      expect(job?.status).toBe('Completed with info');
      expect(job?.summary).toMatch(/^Ferry stopped while this move was running, and the host finished it: LAB-VM-X runs on LAB-HV-02/);
      expect(lab.s.inventory.snapshot().inventory.vms.find((v) => v.name === 'LAB-VM-X')?.host).toBe('LAB-HV-02');
      expect(lab.s.lab.store.vmRead('LAB-VM-X')).toMatchObject({ host: 'LAB-HV-02', incoming: null, instance: { pid: incoming?.pid } });
      expect(qemuAlive(source as NonNullable<typeof source>)).toBe(false);
      expect(labProcesses(lab.s.lab.store.runDir)).toEqual([incoming?.pid]);
      await heartbeatsAfter(lab.s, 'LAB-VM-X', -1);
      expect(guestOf(lab.s, 'LAB-VM-X').corrupt).toBe(false);
    },
    LONG,
  );
});
