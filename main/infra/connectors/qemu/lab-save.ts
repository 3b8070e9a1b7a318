/**
 * Saving a lab VM's state and resuming it, as Hyper-V's Save-VM and Start-VM do: the state goes to a
 * file with a migration to `file:` (the VM keeps running while its memory is copied, then pauses for
 * the last of it), and the QEMU process ends; the next start launches QEMU waiting for an incoming
 * migration and takes the state back from that file, so the guest carries on where it was (no boot).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LabStore, LabVmRecord } from './lab-store.js';
import { qemuAlive, qemuLaunch, qemuKill, qemuFilesRemove } from './qemu-instance.js';
import { instanceEnd, memoryMigrate, runningWait, runState } from './qemu-ops.js';
import { QmpClient } from './qmp-client.js';

/** How saving polls QEMU. */
export interface LabSaveOptions {
  pollMs: number;
  /** Seconds without progress before a save is given up (a VM dirtying faster than the disk takes it). */
  stallSeconds: number;
}

/** Saves a running lab VM's state to a file and ends its QEMU process; answers the VM's new record. */
export async function labVmSave(store: LabStore, rec: LabVmRecord, o: LabSaveOptions): Promise<LabVmRecord> {
  const instance = rec.instance;
  if (!instance || !qemuAlive(instance)) throw new Error(`${rec.vm} is not running`);
  const file = join(store.runDir, `${instance.id}.state`);
  const q = await QmpClient.connect(instance.qmp);
  try {
    // A local file: no network cap (QEMU's default max-bandwidth is 128 MiB/s).
    await q.execute('migrate-set-capabilities', { capabilities: [{ capability: 'multifd', state: false }] });
    await q.execute('migrate-set-parameters', { 'max-bandwidth': 8 * 1024 ** 3 });
    const result = await memoryMigrate(q, {
      uri: `file:${file}`,
      signal: new AbortController().signal,
      onProgress: () => undefined,
      stallSeconds: o.stallSeconds,
      pollMs: o.pollMs,
      destinationAlive: () => true,
    });
    if (result.status !== 'completed') {
      const state = await runState(q);
      if (state === 'postmigrate' || state === 'paused' || state === 'finish-migrate') await q.execute('cont').catch(() => undefined);
      rmSync(file, { force: true });
      throw new Error(result.status === 'failed' ? result.reason : `its memory changed faster than it could be written for ${o.stallSeconds} s`);
    }
  } catch (e) {
    await q.close();
    throw e;
  }
  await instanceEnd(q, instance);
  const next: LabVmRecord = { ...rec, saved: file };
  store.vmWrite(next);
  return next;
}

/** Starts a saved lab VM from its saved state; answers the VM's new record. The state file is removed once the VM runs. */
export async function labVmResume(store: LabStore, guest: { kernel: string; initrd: string }, rec: LabVmRecord, binary?: string): Promise<LabVmRecord> {
  const file = rec.saved;
  if (!file || !existsSync(file)) throw new Error(`${rec.vm}'s saved state is gone`);
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
    incoming: true,
    binary,
  });
  const q = await QmpClient.connect(instance.qmp);
  try {
    await q.execute('migrate-incoming', { uri: `file:${file}` });
    // Reading the state back takes a moment (up to a minute here); the VM then runs (no -S).
    const state = await runningWait(q, 600);
    if (state !== 'running') throw new Error(`QEMU ${state === null ? 'ended' : `is ${state}`} instead of resuming`);
  } catch (e) {
    await q.close();
    qemuKill(instance);
    qemuFilesRemove(instance);
    throw e;
  }
  await q.close();
  rmSync(file, { force: true });
  const next: LabVmRecord = { ...rec, instance, incoming: null, saved: null };
  store.vmWrite(next);
  return next;
}
