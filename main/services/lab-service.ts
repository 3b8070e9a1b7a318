/**
 * The QEMU lab: start it (QEMU checked, guest built, disks created, VMs booted, the Lab host group
 * added to the inventory), tell how it is, and stop it (every process it started ended, its files
 * removed, its hosts and VMs taken out of the inventory). Start and stop are jobs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { LabStatus, LabVmStatus } from '../../shared/model/lab.js';
import { say, text } from '../../shared/i18n/text.js';
import { jobError, type Job } from '../../shared/model/job.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import { DEFAULT_LAB_SPEC, inventoryWithLab, inventoryWithoutLab, isLabHost, labInventory, labSpecProblems, type LabSpec } from '../domain/lab/lab-estate.js';
import { nameKey } from '../domain/storage-paths/names.js';
import { labGuestBuild } from '../infra/connectors/qemu/lab-guest.js';
import { LabStore, type LabVmRecord } from '../infra/connectors/qemu/lab-store.js';
import { labStrayProcessesEnd, labVmBoot, labVmSettle } from '../infra/connectors/qemu/qemu-connector.js';
import { labVmResume } from '../infra/connectors/qemu/lab-save.js';
import { guestSerialRead, labProcesses, processesGone, qemuAlive } from '../infra/connectors/qemu/qemu-instance.js';
import { assertSupportedQemu, detectQemuVersion, formatQemuVersion } from '../infra/connectors/qemu/qemu-version.js';
import type { InventoryService } from './inventory-service.js';
import type { JobService } from './job-service.js';
import type { SchedulerService } from './scheduler-service.js';

const run = promisify(execFile);

/** How the lab service runs. */
export interface LabServiceOptions {
  /** The lab's folder. */
  root: string;
  /** QEMU's binary (default `qemu-system-x86_64` on the PATH). */
  binary?: string;
  /** Where the guest is built and cached (default: ~/.cache/ferry/lab-guest). */
  guestDir?: string;
  /** Seconds a booting VM may take to report ready. */
  bootTimeoutSeconds?: number;
}

const START_STEPS = [say('step.lab.checkQemu'), say('step.lab.buildGuest'), say('step.lab.createHosts'), say('step.lab.boot'), say('step.lab.addGroup')];
const STOP_STEPS = [say('step.lab.cancelMoves'), say('step.lab.endProcesses'), say('step.lab.remove')];

/** Starts, reports and stops the lab. */
export class LabService {
  readonly store: LabStore;
  private busy: Promise<unknown> = Promise.resolve();
  /** QEMU's version as `status` shows it (found again by each start, which checks QEMU anyway). */
  private qemu: string | null = null;

  constructor(
    private readonly o: LabServiceOptions,
    private readonly inventory: InventoryService,
    private readonly jobs: JobService,
    private readonly scheduler: SchedulerService,
  ) {
    this.store = new LabStore(o.root);
  }

  /** Starts the lab (or completes a started one: VMs that stopped are booted, the inventory gets the lab back). */
  start(spec: LabSpec = DEFAULT_LAB_SPEC): Promise<Result<{ job: Job; status: LabStatus }>> {
    return this.serial(() => this.startNow(spec));
  }

  /** Stops the lab: its moves canceled, its processes ended, its files and inventory records removed. */
  stop(): Promise<Result<{ job: Job; status: LabStatus }>> {
    return this.serial(() => this.stopNow());
  }

  /** How the lab is: its hosts, its VMs and where each runs, the QEMU processes. */
  async status(): Promise<LabStatus> {
    const lab = this.store.labRead();
    // The console asks every few seconds while Lab Status is open: run `qemu --version` once per process.
    this.qemu ??= await detectQemuVersion(this.o.binary).then(
      (v) => formatQemuVersion(v),
      (e: Error) => `not usable: ${e.message}`,
    );
    const qemu = this.qemu;
    const records = this.store.vmList();
    const settled = await Promise.all(records.map((r) => labVmSettle(this.store, r)));
    const vms: LabVmStatus[] = settled.map((r) => vmStatus(r)).sort((a, b) => a.vm.localeCompare(b.vm));
    const inInventory = this.inventory.snapshot().inventory.hosts.some((h) => isLabHost(h));
    return {
      running: lab !== null,
      root: this.o.root,
      qemu,
      startedAt: lab?.startedAt ?? null,
      inInventory,
      hosts: (lab?.spec.hosts ?? []).map((h) => ({
        name: h.name,
        address: h.address,
        gbps: h.gbps,
        nics: h.nics,
        vms: vms.filter((v) => nameKey(v.host) === nameKey(h.name)).length,
      })),
      vms,
      processes: labProcesses(this.store.runDir).length,
    };
  }

  private async startNow(spec: LabSpec): Promise<Result<{ job: Job; status: LabStatus }>> {
    const problems = labSpecProblems(spec);
    if (problems.length) return err('invalid-lab', `The lab cannot be built: ${problems.join('; ')}`);
    const job = this.jobs.start('lab', say('job.lab.start'), 'All Hosts/Lab', START_STEPS);
    let step = 0;
    try {
      this.qemu = null;
      const version = assertSupportedQemu(await detectQemuVersion(this.o.binary));
      this.qemu = formatQemuVersion(version);
      job.summary = `QEMU ${formatQemuVersion(version)}`;
      job.summaryText = null;
      this.jobs.advance(job, step++);
      const guest = await labGuestBuild({ dir: this.o.guestDir });
      this.jobs.advance(job, step++);
      const existing = this.store.labRead();
      const active = existing?.spec ?? spec;
      this.store.labWrite({ spec: active, guest: { kernel: guest.kernel, initrd: guest.initrd }, startedAt: existing?.startedAt ?? new Date().toISOString() });
      labStrayProcessesEnd(this.store);
      const records = await this.recordsEnsure(active);
      this.jobs.advance(job, step++);
      const booting: LabVmRecord[] = [];
      for (const r of records) {
        if (r.instance && qemuAlive(r.instance)) continue;
        // A saved VM resumes from its saved state (it prints no boot banner); the others boot.
        if (r.saved) await labVmResume(this.store, { kernel: guest.kernel, initrd: guest.initrd }, r, this.o.binary);
        else booting.push(await labVmBoot(this.store, { kernel: guest.kernel, initrd: guest.initrd }, r, this.o.binary));
      }
      await this.waitReady(booting);
      this.jobs.advance(job, step++);
      const current = this.inventory.snapshot().inventory;
      const hosts = new Map(this.store.vmList().map((r) => [nameKey(r.vm), r.host]));
      const lab = labInventory(active);
      const withLab = inventoryWithLab(current, active);
      // VMs that moved since the lab started are shown where they are.
      withLab.vms = withLab.vms.map((v) => {
        const at = lab.vms.some((l) => nameKey(l.name) === nameKey(v.name)) ? hosts.get(nameKey(v.name)) : undefined;
        return at ? { ...v, host: at } : v;
      });
      this.inventory.replaceEstate(withLab);
      const status = await this.status();
      this.jobs.finish(job, 'Completed', {
        summary: say('result.lab.running', {
          hosts: status.hosts.length,
          vms: status.vms.filter((v) => v.state === 'Running').length,
          qemu: formatQemuVersion(version),
        }),
      });
      return ok({ job, status });
    } catch (e) {
      this.jobs.finish(job, 'Failed', {
        failedStep: step,
        error: jobError(
          text('fail.lab.start', { message: (e as Error).message }),
          step === 0 ? text('list', { items: (e as Error).message }) : text('fail.lab.start.action'),
        ),
      });
      return err('lab-start-failed', (e as Error).message, { jobId: job.id });
    }
  }

  private async stopNow(): Promise<Result<{ job: Job; status: LabStatus }>> {
    const job = this.jobs.start('lab', say('job.lab.stop'), 'All Hosts/Lab', STOP_STEPS);
    const labHosts = new Set(
      this.inventory
        .snapshot()
        .inventory.hosts.filter((h) => isLabHost(h))
        .map((h) => nameKey(h.name)),
    );
    for (const j of this.scheduler.jobsOn((h) => labHosts.has(nameKey(h)))) this.scheduler.cancel(j);
    await this.scheduler.idleOn((h) => labHosts.has(nameKey(h)), 15_000);
    this.jobs.advance(job, 0);
    const pids = labProcesses(this.store.runDir);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    const left = await processesGone(pids);
    this.jobs.advance(job, 1);
    this.store.remove();
    const current = this.inventory.snapshot().inventory;
    if (current.hosts.some((h) => isLabHost(h))) this.inventory.replaceEstate(inventoryWithoutLab(current));
    const status = await this.status();
    if (left.length) {
      this.jobs.finish(job, 'Failed', {
        failedStep: 1,
        error: jobError(
          text('fail.lab.stop', { count: left.length, pids: left.join(', ') }),
          text('fail.lab.stop.action', { command: `kill -9 ${left.join(' ')}` }),
        ),
      });
      return err('lab-stop-failed', `${left.length} QEMU processes did not end`, { jobId: job.id });
    }
    this.jobs.finish(job, 'Completed', { summary: say('result.lab.stopped', { count: pids.length }) });
    return ok({ job, status });
  }

  /** The VMs' records, with their disks created for VMs the lab has not made yet. */
  private async recordsEnsure(spec: LabSpec): Promise<LabVmRecord[]> {
    const lab = labInventory(spec);
    const out: LabVmRecord[] = [];
    for (const v of spec.vms) {
      const existing = this.store.vmRead(v.name);
      if (existing?.instance) {
        out.push(existing);
        continue;
      }
      const inv = lab.vms.find((x) => nameKey(x.name) === nameKey(v.name));
      if (!inv) continue;
      const disks = [];
      for (const [i, d] of inv.disks.entries()) {
        const file = this.store.hostPath(inv.host, d.path);
        const sizeBytes = v.diskMB * 1048576;
        if (!existsSync(file)) {
          mkdirSync(dirname(file), { recursive: true });
          await run('qemu-img', ['create', '-q', '-f', 'qcow2', file, String(sizeBytes)]);
          // Data in the disk, so a storage move copies something real.
          await run('qemu-io', ['-f', 'qcow2', '-c', `write -P 0x${(0xa0 + i).toString(16)} 0 ${Math.max(1, Math.floor(v.diskMB / 2))}M`, file]);
        }
        disks.push({ path: d.path, file, node: `d${i}`, sizeBytes });
      }
      const rec: LabVmRecord = {
        vm: inv.name,
        host: inv.host,
        memoryMB: v.memoryMB,
        dirtyRateMBps: v.dirtyRateMBps,
        instance: { id: '', pid: -1, host: inv.host, qmp: '', qmpStatus: '', serial: '', disks, startedAt: '' },
        incoming: null,
      };
      this.store.vmWrite(rec);
      out.push(rec);
    }
    return out;
  }

  private async waitReady(records: LabVmRecord[]): Promise<void> {
    const deadline = Date.now() + (this.o.bootTimeoutSeconds ?? 90) * 1000;
    for (const r of records) {
      const instance = r.instance;
      if (!instance) continue;
      for (;;) {
        const serial = guestSerialRead(instance.serial);
        if (serial.heartbeats.length > 0) break;
        if (!qemuAlive(instance)) throw new Error(`${r.vm}'s QEMU process ended while it booted`);
        if (Date.now() > deadline) throw new Error(`${r.vm} did not report ready within ${this.o.bootTimeoutSeconds ?? 90} s (serial log ${instance.serial})`);
        await new Promise((res) => setTimeout(res, 200));
      }
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }
}

function vmStatus(r: LabVmRecord): LabVmStatus {
  const instance = r.instance && r.instance.pid > 0 ? r.instance : null;
  const alive = instance !== null && qemuAlive(instance);
  const serial = instance ? guestSerialRead(instance.serial) : null;
  const last = serial?.heartbeats.at(-1) ?? null;
  return {
    vm: r.vm,
    host: r.host,
    state: r.incoming ? 'Migrating' : alive ? 'Running' : r.saved ? 'Saved' : 'Off',
    memoryMB: r.memoryMB,
    dirtyRateMBps: r.dirtyRateMBps,
    pid: alive && instance ? instance.pid : null,
    heartbeat: last ? { seq: last.seq, upSeconds: Math.round(last.upMs / 1000) } : null,
    corrupt: serial?.corrupt ?? false,
    disks: (instance ?? r.instance)?.disks.map((d) => d.path) ?? [],
  };
}
