import { text } from '../../../../shared/i18n/text.js';
import { jobError } from '../../../../shared/model/job.js';
/**
 * The QEMU/KVM connector: the lab's hosts and VMs behind the same port as the simulator and Hyper-V.
 * Moves are real QEMU operations (lab-move.ts); starting a VM boots its QEMU process; where a VM is
 * comes from the lab's records, checked against the processes, and settles a move whose Ferry
 * process died: a destination that already runs the VM wins, otherwise the source keeps it and the
 * stray destination is ended. Saving a VM writes its state to a file; starting it resumes from there. Host settings need nothing from QEMU: each move reads them from the
 * inventory when it starts.
 */
import type { InventoryDocument, LiveMigrationSettings } from '../../../../shared/model/inventory.js';
import type { ConnectorResult, HostConnector, MoveOutcome, MoveProgress, MoveRequest, RunningMove } from '../../../domain/connector/host-connector.js';
import { nameKey } from '../../../domain/storage-paths/names.js';
import { labMoveRun } from './lab-move.js';
import { labVmResume, labVmSave } from './lab-save.js';
import type { LabStore, LabVmRecord } from './lab-store.js';
import { labProcesses, qemuAlive, qemuFilesRemove, qemuKill, qemuLaunch } from './qemu-instance.js';
import { runState } from './qemu-ops.js';
import { QmpClient } from './qmp-client.js';
import { pidAlive } from '../../process-alive.js';

/** How the QEMU connector runs. */
export interface QemuConnectorOptions {
  inventory: () => InventoryDocument;
  store: LabStore;
  /** Seconds without progress before a live migration is declared not converging (default 30). */
  stallSeconds?: number;
  /** How often a move polls QEMU, ms (default 250). */
  pollMs?: number;
  binary?: string;
}

/** The default progress timeout of a live migration in the lab, in seconds. */
export const LAB_STALL_SECONDS = 30;

/** The connector for the lab's QEMU hosts. */
export class QemuConnector implements HostConnector {
  constructor(private readonly o: QemuConnectorOptions) {}

  async vmStart(vm: string, host: string): Promise<ConnectorResult> {
    const lab = this.o.store.labRead();
    const rec = this.o.store.vmRead(vm);
    if (!lab || !rec) return { ok: false, ...jobError(text('lab.fail.notLabVm', { vm }), text('lab.fail.startLab')) };
    if (nameKey(rec.host) !== nameKey(host)) return { ok: false, ...jobError(text('lab.fail.vmOn', { vm, at: rec.host, host }), text('lab.fail.vmOn.start')) };
    if (rec.instance && qemuAlive(rec.instance)) return { ok: true };
    try {
      if (rec.saved) await labVmResume(this.o.store, lab.guest, rec, this.o.binary);
      else await labVmBoot(this.o.store, lab.guest, rec, this.o.binary);
      return { ok: true };
    } catch (e) {
      return { ok: false, ...jobError(text('lab.fail.start', { vm, host, why: (e as Error).message }), text('lab.fail.start.action')) };
    }
  }

  /** Saves a running VM's state (Save-VM): it is down until started again, and resumes where it was. */
  async vmSave(vm: string, host: string): Promise<ConnectorResult> {
    const rec = this.o.store.vmRead(vm);
    if (!this.o.store.labRead() || !rec) return { ok: false, ...jobError(text('lab.fail.notLabVm', { vm }), text('lab.fail.startLab')) };
    if (nameKey(rec.host) !== nameKey(host)) return { ok: false, ...jobError(text('lab.fail.vmOn', { vm, at: rec.host, host }), text('lab.fail.vmOn.save')) };
    if (!rec.instance || !qemuAlive(rec.instance)) return { ok: false, ...jobError(text('lab.fail.saveOff', { vm, host }), text('lab.fail.saveOff.action')) };
    try {
      await labVmSave(this.o.store, rec, { pollMs: this.o.pollMs ?? 250, stallSeconds: this.o.stallSeconds ?? LAB_STALL_SECONDS });
      return { ok: true };
    } catch (e) {
      return { ok: false, ...jobError(text('lab.fail.save', { vm, host, why: (e as Error).message }), text('lab.fail.save.action')) };
    }
  }

  moveStart(request: MoveRequest, onProgress: (progress: MoveProgress) => void): RunningMove {
    const abort = new AbortController();
    const lab = this.o.store.labRead();
    const done: Promise<MoveOutcome> = lab
      ? labMoveRun(request, {
          store: this.o.store,
          lab,
          inventory: this.o.inventory(),
          signal: abort.signal,
          onProgress,
          stallSeconds: this.o.stallSeconds ?? LAB_STALL_SECONDS,
          pollMs: this.o.pollMs ?? 250,
          binary: this.o.binary,
        })
      : Promise.resolve({
          status: 'failed',
          ...jobError(text('lab.fail.labDown', { vm: request.vm }), text('lab.fail.startLabRestart')),
          vmHost: request.sourceHost,
        });
    return { done, cancel: () => abort.abort() };
  }

  async vmLocate(vm: string): Promise<string | null> {
    const rec = this.o.store.vmRead(vm);
    if (!rec) return null;
    return (await labVmSettle(this.o.store, rec)).host;
  }

  hostSettingsApply(_host: string, _settings: LiveMigrationSettings): Promise<ConnectorResult> {
    return Promise.resolve({ ok: true });
  }
}

/** Boots a lab VM on its host and records its process. */
export async function labVmBoot(store: LabStore, guest: { kernel: string; initrd: string }, rec: LabVmRecord, binary?: string): Promise<LabVmRecord> {
  if (!rec.instance) throw new Error(`${rec.vm} has no disks recorded`);
  const instance = await qemuLaunch({
    id: store.instanceId(),
    vm: rec.vm,
    host: rec.host,
    memoryMB: rec.memoryMB,
    dirtyRateMBps: rec.dirtyRateMBps,
    guest,
    disks: rec.instance.disks,
    runDir: store.runDir,
    binary,
  });
  const next = { ...rec, instance, incoming: null };
  store.vmWrite(next);
  return next;
}

/**
 * Settles a VM whose move's Ferry process died: if the destination already runs the VM, it is the
 * VM's home and the source is ended; otherwise the destination is ended and the source resumed.
 * A move whose process is alive is left alone.
 */
export async function labVmSettle(store: LabStore, rec: LabVmRecord): Promise<LabVmRecord> {
  const incoming = rec.incoming;
  if (!incoming || pidAlive(incoming.ownerPid)) return rec;
  let dstState: string | null = null;
  if (qemuAlive(incoming.instance)) dstState = await statusOf(incoming.instance.qmpStatus);
  if (dstState === 'running') {
    if (rec.instance) {
      qemuKill(rec.instance);
      qemuFilesRemove(rec.instance);
    }
    const next = { ...rec, host: incoming.instance.host, instance: incoming.instance, incoming: null };
    store.vmWrite(next);
    return next;
  }
  qemuKill(incoming.instance);
  qemuFilesRemove(incoming.instance);
  if (rec.instance && qemuAlive(rec.instance)) {
    const q = await QmpClient.connect(rec.instance.qmpStatus, { timeoutMs: 3000 }).catch(() => null);
    if (q) {
      await q.execute('migrate_cancel').catch(() => undefined);
      const state = await runState(q);
      if (state === 'postmigrate' || state === 'paused') await q.execute('cont').catch(() => undefined);
      await q.close();
    }
  }
  const next = { ...rec, incoming: null };
  store.vmWrite(next);
  return next;
}

/** Ends every lab process no record accounts for (left by a Ferry process that died mid-move). */
export function labStrayProcessesEnd(store: LabStore): number[] {
  const known = new Set<number>();
  for (const r of store.vmList()) {
    if (r.instance) known.add(r.instance.pid);
    if (r.incoming) known.add(r.incoming.instance.pid);
  }
  const stray = labProcesses(store.runDir).filter((p) => !known.has(p));
  for (const pid of stray) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return stray;
}

async function statusOf(socket: string): Promise<string | null> {
  const q = await QmpClient.connect(socket, { timeoutMs: 3000 }).catch(() => null);
  if (!q) return null;
  const state = await runState(q);
  await q.close();
  return state;
}
