import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabSpec } from '../../main/domain/lab/lab-estate.js';
import { labProcesses } from '../../main/infra/connectors/qemu/qemu-instance.js';
import type { Job } from '../../shared/model/job.js';
import { waitUntil } from '../fixtures/ferry-process.js';
import { guestOf, heartbeatsAfter, jobEnd, labNetworkSet, labOpen, migrate, type LabFixture } from '../fixtures/lab.js';

// Real live migrations between QEMU processes (issue 6): the wizard's request goes through the
// scheduler to the QEMU connector, and the guest (resources/lab-guest/init.c) proves it survived:
// its heartbeats go on with the next sequence number on the destination (no reboot), and it checks
// every page of its working set, so corrupted memory would show as FERRY CORRUPT. One lab per file
// (a boot costs seconds under software emulation), three small VMs, one move at a time except where
// the test is about concurrency.

const run = promisify(execFile);
const LONG = 180_000;
const STALL_SECONDS = 6;
const SPEC: LabSpec = {
  hosts: [
    { name: 'LAB-HV-01', address: '127.77.1.1', gbps: 1, nics: 2 },
    { name: 'LAB-HV-02', address: '127.77.1.2', gbps: 1, nics: 2 },
    { name: 'LAB-HV-03', address: '127.77.1.3', gbps: 1, nics: 2 },
  ],
  vms: [
    { name: 'LAB-VM-A', host: 'LAB-HV-01', memoryMB: 256, dirtyRateMBps: 10, storage: 'share', diskMB: 32 },
    { name: 'LAB-VM-B', host: 'LAB-HV-01', memoryMB: 256, dirtyRateMBps: 40, storage: 'share', diskMB: 32 },
    { name: 'LAB-VM-C', host: 'LAB-HV-02', memoryMB: 256, dirtyRateMBps: 10, storage: 'local', diskMB: 32 },
  ],
};
// 1 Gbps (119 MiB/s): a 256 MiB move lasts long enough for its progress to be seen.
const UNCAPPED = { 'LAB-HV-01': 1, 'LAB-HV-02': 1, 'LAB-HV-03': 1 };

let lab: LabFixture;
beforeAll(async () => {
  lab = await labOpen(SPEC, { stallSeconds: STALL_SECONDS });
}, LONG);
afterAll(async () => {
  const root = lab?.s.lab.store.root;
  await lab?.close();
  // Stop ended every process the lab started and removed its files.
  if (root) {
    expect(labProcesses(join(root, 'run'))).toEqual([]);
    expect(existsSync(root)).toBe(false);
  }
}, LONG);

/** The VM's host in the inventory and in the lab, which must agree. */
function hostOf(vm: string): string {
  const inInventory = lab.s.inventory.snapshot().inventory.vms.find((v) => v.name === vm)?.host;
  expect(guestOf(lab.s, vm).host).toBe(inInventory);
  return inInventory as string;
}

/** The last heartbeat the VM's guest printed. */
function lastBeat(vm: string): number {
  return guestOf(lab.s, vm).heartbeats.at(-1)?.seq ?? -1;
}

/** Asserts the guest kept running without a reboot and without corrupted memory, and answers its new heartbeats. */
async function guestCarriesOn(vm: string, before: number): Promise<void> {
  const beats = await heartbeatsAfter(lab.s, vm, before);
  const guest = guestOf(lab.s, vm);
  expect(beats[0].seq).toBeGreaterThan(before);
  expect(guest.corrupt).toBe(false);
  expect(beats.every((b) => b.errors === 0)).toBe(true);
  return undefined;
}

/** Waits until a running move's memory is on its way (a share of it sent), answering the job then. */
async function memoryMoving(id: string, percent = 3): Promise<Job> {
  await waitUntil(
    `job ${id} to be moving memory`,
    () => {
      const j = lab.s.jobs.get(id);
      return j?.status === 'Running' && j.steps.some((st) => st.name === 'Live-migrate memory' && st.status === 'Running' && st.progress >= percent);
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  return lab.s.jobs.get(id) as Job;
}

/** Reads a lab disk's first bytes back and checks the pattern the lab wrote at start. */
async function diskPatternIntact(file: string, pattern: number): Promise<void> {
  const { stdout } = await run('qemu-io', ['-r', '-U', '-f', 'qcow2', '-c', `read -P 0x${pattern.toString(16)} 0 16M`, file]);
  expect(stdout).not.toMatch(/Pattern verification failed/);
  expect(stdout).toMatch(/read 16777216\/16777216 bytes/);
}

describe.sequential('live migration in the QEMU lab', () => {
  it(
    'moves a running VM between standalone hosts on the lab share: steps, live progress, measured downtime, the guest carries on',
    async () => {
      const before = lastBeat('LAB-VM-A');
      const job = await jobEnd(lab.s, migrate(lab.s, 'LAB-VM-A', 'LAB-HV-02').id);

      expect(job.status).toBe('Completed');
      expect(job.steps.map((st) => [st.name, st.status])).toEqual([
        ['Validate', 'Completed'],
        ['Live-migrate memory', 'Completed'],
        ['Switch over', 'Completed'],
        ['Clean up', 'Completed'],
      ]);
      // Progress arrived while it ran: query-migrate's figures, rising.
      const running = (lab.seen.get(job.id) ?? []).filter((j) => j.status === 'Running' && j.metrics?.precopy);
      expect(running.length).toBeGreaterThan(0);
      expect(running.some((j) => j.progress > 0 && j.progress < 100)).toBe(true);
      expect(running[0].metrics?.precopy?.remainingBytes).toBeGreaterThan(0);
      expect(job.metrics).toMatchObject({ passes: expect.any(Number) as number, totalSeconds: expect.any(Number) as number });
      expect(job.metrics?.downtimeMs).toBeGreaterThan(0);
      expect(job.metrics?.bytesSent).toBeGreaterThan(64 * 1048576);
      expect(job.summary).toMatch(/QEMU TCP\/IP: one stream/);

      expect(hostOf('LAB-VM-A')).toBe('LAB-HV-02');
      await guestCarriesOn('LAB-VM-A', before);
      expect(guestOf(lab.s, 'LAB-VM-A').ready).toBe(false); // the destination never booted it: no FERRY READY
    },
    LONG,
  );

  it(
    'runs one move at a time off a host whose live limit is 1, the second waiting, and moves a VM on local storage shared-nothing (Live (VSM))',
    async () => {
      const applied = lab.s.hostSettings.apply({ host: 'LAB-HV-02' }, { maxLive: 1 });
      expect(applied.ok).toBe(true);
      if (applied.ok) await jobEnd(lab.s, applied.value.job.id);
      const beforeC = lastBeat('LAB-VM-C');
      const first = migrate(lab.s, 'LAB-VM-A', 'LAB-HV-03');
      const second = migrate(lab.s, 'LAB-VM-C', 'LAB-HV-03', { destinationPath: 'D:\\Lab VMs' });
      expect(second.status).toBe('Queued');
      expect(lab.s.jobs.get(second.id)?.waitingFor).toMatch(/waiting for a live-migration slot on LAB-HV-02 \(1 of 1 in use\)/);
      const a = await jobEnd(lab.s, first.id);
      const c = await jobEnd(lab.s, second.id);
      expect([a.status, c.status]).toEqual(['Completed', 'Completed']);
      // The second started only after the first ended.
      expect(Date.parse(c.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(a.endedAt as string) - 1000);
      expect(c.steps.map((st) => st.name)).toEqual(['Validate', 'Copy storage', 'Live-migrate memory', 'Switch over', 'Clean up']);

      expect(hostOf('LAB-VM-C')).toBe('LAB-HV-03');
      const disk = lab.s.lab.store.vmRead('LAB-VM-C')?.instance?.disks[0];
      // Moved with the VM, its VHD lands in Hyper-V's Virtual Hard Disks subfolder of the VM's folder.
      expect(disk?.path).toBe('D:\\Lab VMs\\LAB-VM-C\\Virtual Hard Disks\\disk0.qcow2');
      expect(disk?.file).toBe(join(lab.s.lab.store.root, 'hosts', 'lab-hv-03', 'D', 'Lab VMs', 'LAB-VM-C', 'Virtual Hard Disks', 'disk0.qcow2'));
      expect(existsSync(join(lab.s.lab.store.root, 'hosts', 'lab-hv-02', 'D', 'Lab VMs', 'LAB-VM-C', 'disk0.qcow2'))).toBe(false);
      await diskPatternIntact(disk?.file as string, 0xa0);
      await guestCarriesOn('LAB-VM-C', beforeC);

      const reset = lab.s.hostSettings.apply({ host: 'LAB-HV-02' }, { maxLive: 2 });
      if (reset.ok) await jobEnd(lab.s, reset.value.job.id);
    },
    LONG,
  );

  it(
    "moves a running VM's storage on its host: mirror, pivot, the old file gone, the VM never stopped",
    async () => {
      const pid = guestOf(lab.s, 'LAB-VM-C').pid;
      const before = lastBeat('LAB-VM-C');
      const r = lab.s.migration.submitStorage({ vm: 'LAB-VM-C', scope: 'whole-vm', path: 'D:\\Moved' });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const job = await jobEnd(lab.s, r.value.id);
      expect(job.status).toBe('Completed');
      expect(job.steps.map((st) => st.name)).toEqual(['Validate', 'Copy storage', 'Switch over', 'Clean up']);
      const disk = lab.s.lab.store.vmRead('LAB-VM-C')?.instance?.disks[0];
      expect(disk?.path).toBe('D:\\Moved\\LAB-VM-C\\Virtual Hard Disks\\disk0.qcow2');
      expect(lab.s.inventory.snapshot().inventory.vms.find((v) => v.name === 'LAB-VM-C')?.disks[0].path).toBe(
        'D:\\Moved\\LAB-VM-C\\Virtual Hard Disks\\disk0.qcow2',
      );
      expect(existsSync(join(lab.s.lab.store.root, 'hosts', 'lab-hv-03', 'D', 'Lab VMs', 'LAB-VM-C', 'Virtual Hard Disks', 'disk0.qcow2'))).toBe(false);
      await diskPatternIntact(disk?.file as string, 0xa0);
      expect(guestOf(lab.s, 'LAB-VM-C').pid).toBe(pid); // same QEMU process: the VM kept running
      await guestCarriesOn('LAB-VM-C', before);
    },
    LONG,
  );

  it(
    'migrates with Compression: multifd with zstd',
    async () => {
      const before = lastBeat('LAB-VM-A');
      const job = await jobEnd(lab.s, migrate(lab.s, 'LAB-VM-A', 'LAB-HV-01', { performanceOption: 'Compression' }).id);
      expect(job.status).toBe('Completed');
      expect(job.summary).toMatch(/QEMU Compression: multifd, 2 channels, zstd/);
      expect(hostOf('LAB-VM-A')).toBe('LAB-HV-01');
      await guestCarriesOn('LAB-VM-A', before);
    },
    LONG,
  );

  it(
    "keeps a migration under the bandwidth cap of the hosts' migration network",
    async () => {
      labNetworkSet(lab.s, { 'LAB-HV-01': 0.5, 'LAB-HV-02': 0.5 });
      const before = lastBeat('LAB-VM-B');
      const job = await jobEnd(lab.s, migrate(lab.s, 'LAB-VM-B', 'LAB-HV-02').id);
      expect(job.status).toBe('Completed');
      expect(job.summary).toMatch(/capped at 60 MiB\/s \(0\.5 Gbps migration network\)/);
      const capBps = 0.5e9 / 8;
      // Over the whole move (which also launches and ends processes), the rate stays under the cap.
      expect((job.metrics?.bytesSent ?? 0) / (job.metrics?.totalSeconds ?? 1)).toBeLessThan(capBps * 1.05);
      expect(hostOf('LAB-VM-B')).toBe('LAB-HV-02');
      await guestCarriesOn('LAB-VM-B', before);
    },
    LONG,
  );

  it(
    'cancels a migration in flight: the VM goes on running on its source, the destination process is gone',
    async () => {
      const pid = guestOf(lab.s, 'LAB-VM-B').pid;
      const job = migrate(lab.s, 'LAB-VM-B', 'LAB-HV-01');
      await memoryMoving(job.id);
      expect(lab.s.scheduler.cancel(job.id).ok).toBe(true);
      const before = lastBeat('LAB-VM-B');
      const ended = await jobEnd(lab.s, job.id);
      expect(ended.status).toBe('Canceled');
      expect(ended.summary).toMatch(/LAB-VM-B is still running on LAB-HV-02/);
      expect(hostOf('LAB-VM-B')).toBe('LAB-HV-02');
      expect(guestOf(lab.s, 'LAB-VM-B').pid).toBe(pid);
      expect(lab.s.lab.store.vmRead('LAB-VM-B')?.incoming).toBeNull();
      expect(labProcesses(lab.s.lab.store.runDir)).toHaveLength(3);
      await guestCarriesOn('LAB-VM-B', before);
    },
    LONG,
  );

  it(
    'fails a migration whose destination dies, with the VM still running on its source; a retry to a fresh destination succeeds',
    async () => {
      const job = migrate(lab.s, 'LAB-VM-B', 'LAB-HV-01');
      await memoryMoving(job.id);
      const incoming = lab.s.lab.store.vmRead('LAB-VM-B')?.incoming;
      expect(incoming).toBeTruthy();
      process.kill(incoming?.instance.pid as number, 'SIGKILL');
      const before = lastBeat('LAB-VM-B');
      const failed = await jobEnd(lab.s, job.id);
      expect(failed.status).toBe('Failed');
      expect(failed.error?.problem).toMatch(/destination QEMU process on LAB-HV-01 ended during the (migration|move).*LAB-VM-B keeps running on LAB-HV-02/);
      expect(failed.error?.recommendedAction).toMatch(/Restart the job/);
      expect(hostOf('LAB-VM-B')).toBe('LAB-HV-02');
      await guestCarriesOn('LAB-VM-B', before);

      labNetworkSet(lab.s, UNCAPPED);
      const retry = lab.s.scheduler.restart(job.id);
      expect(retry.ok).toBe(true);
      if (!retry.ok) return;
      const beforeRetry = lastBeat('LAB-VM-B');
      const done = await jobEnd(lab.s, retry.value.id);
      expect(done.status).toBe('Completed');
      expect(hostOf('LAB-VM-B')).toBe('LAB-HV-01');
      await guestCarriesOn('LAB-VM-B', beforeRetry);
    },
    LONG,
  );

  it(
    `stops a migration that cannot converge after ${STALL_SECONDS} s without progress, and says why; the VM stays on its source`,
    async () => {
      // 40 MiB/s of dirtied memory over a 30 MiB/s link: every pass has as much to send as the last.
      labNetworkSet(lab.s, { 'LAB-HV-01': 0.25, 'LAB-HV-02': 0.25 });
      const job = await jobEnd(lab.s, migrate(lab.s, 'LAB-VM-B', 'LAB-HV-02').id);
      expect(job.status).toBe('Failed');
      expect(job.error?.problem).toMatch(new RegExp(`LAB-VM-B is not converging: after \\d+ passes nothing left to send got lower for ${STALL_SECONDS} s`));
      expect(job.error?.problem).toMatch(/dirties memory at about \d+ MiB\/s and the migration sends about \d+ MiB\/s/);
      expect(job.error?.recommendedAction).toMatch(/Lower the VM's load, raise the hosts' migration bandwidth/);
      expect(hostOf('LAB-VM-B')).toBe('LAB-HV-01');
      await guestCarriesOn('LAB-VM-B', lastBeat('LAB-VM-B'));
      labNetworkSet(lab.s, UNCAPPED);
    },
    LONG,
  );

  it(
    'saves the state of a VM an evacuation cannot move (maintenance mode, Save state), and Start resumes it where it was',
    async () => {
      const host = hostOf('LAB-VM-C');
      const doc = lab.s.inventory.snapshot().inventory;
      const onHost = doc.vms.filter((v) => v.host === host).map((v) => v.name);
      expect(onHost.length).toBeGreaterThan(0);
      // No memory left anywhere else: nothing on the host can move, so each VM's state is saved.
      lab.s.inventory.replaceEstate({ ...doc, hosts: doc.hosts.map((h) => (h.name !== host ? { ...h, memory: { ...h.memory, availableMB: 0 } } : h)) });
      const before = new Map(onHost.map((vm) => [vm, lastBeat(vm)]));
      const run = lab.s.plans.maintenanceStart(host, 'save');
      if (!run.ok) throw new Error(run.error.message);
      // The admin chose Save state: each stays on the host, saved by the plan (migration-rules.md section 9).
      expect(run.value.plan.unmovable).toEqual([]);
      expect(run.value.plan.staying.map((st) => [st.vm, st.reason.code])).toEqual(onHost.map((vm) => [vm, 'saved-by-plan']));
      for (const j of run.value.jobs) expect((await jobEnd(lab.s, j.id)).status).toBe('Completed');
      for (const vm of onHost) {
        const rec = lab.s.lab.store.vmRead(vm);
        expect(rec?.saved && existsSync(rec.saved)).toBe(true);
        expect(lab.s.inventory.snapshot().inventory.vms.find((v) => v.name === vm)?.state).toBe('Saved');
      }
      expect((await lab.s.lab.status()).vms.filter((v) => onHost.includes(v.vm)).map((v) => [v.state, v.pid])).toEqual(onHost.map(() => ['Saved', null]));

      lab.s.inventory.maintenanceSet(host, false);
      const now = lab.s.inventory.snapshot().inventory;
      lab.s.inventory.replaceEstate({ ...now, hosts: now.hosts.map((h) => doc.hosts.find((d) => d.name === h.name) ?? h) });
      for (const vm of onHost) {
        const saved = lab.s.lab.store.vmRead(vm)?.saved as string;
        const started = lab.s.migration.startVm(vm);
        if (!started.ok) throw new Error(started.error.message);
        expect((await jobEnd(lab.s, started.value.id)).status).toBe('Completed');
        // Resumed, not booted: no boot banner, the next heartbeats follow the last one before the save.
        await guestCarriesOn(vm, before.get(vm) as number);
        expect(guestOf(lab.s, vm).ready).toBe(false);
        expect(existsSync(saved)).toBe(false);
      }
    },
    LONG,
  );
});
