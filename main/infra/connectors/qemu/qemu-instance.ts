/**
 * QEMU processes that run lab VMs: launch one (running, or waiting for an incoming migration),
 * tell whether one is alive, end one, and find every process a lab started so none is left behind.
 * Processes are detached (a `ferry` command may start a VM the app later moves); each is known by
 * its QMP socket path, which holds the lab's folder, so a recycled pid is never mistaken for ours.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { labWorkingSetMB } from '../../../domain/lab/lab-estate.js';
import type { LabDiskRecord, LabInstanceRecord } from './lab-store.js';
import { QmpClient } from './qmp-client.js';
import { QEMU_BINARY } from './qemu-version.js';

/** What a lab VM's QEMU process runs. */
export interface QemuLaunchOptions {
  id: string;
  vm: string;
  host: string;
  memoryMB: number;
  dirtyRateMBps: number;
  guest: { kernel: string; initrd: string };
  disks: LabDiskRecord[];
  runDir: string;
  /** Wait for an incoming migration (`-incoming defer`) instead of booting. */
  incoming?: boolean;
  /** Stay paused after an incoming migration until `cont` (a shared-nothing move finishes its disks first). */
  paused?: boolean;
  binary?: string;
}

/** The arguments QEMU gets for a lab VM; every value is a separate argument, never a shell string. */
export function qemuArgs(o: QemuLaunchOptions): string[] {
  const base = join(o.runDir, o.id);
  const args = [
    '-name',
    `ferry-lab-${o.id}`,
    '-accel',
    'tcg',
    '-m',
    String(o.memoryMB),
    '-smp',
    '1',
    '-nodefaults',
    '-display',
    'none',
    '-no-reboot',
    '-kernel',
    o.guest.kernel,
    '-initrd',
    o.guest.initrd,
    '-append',
    `console=ttyS0 quiet panic=-1 ferry_mem=${labWorkingSetMB(o.memoryMB)} ferry_rate=${Math.round(o.dirtyRateMBps)}`,
    '-serial',
    `file:${base}.serial`,
    '-qmp',
    `unix:${base}.qmp,server=on,wait=off`,
    '-qmp',
    `unix:${base}.qms,server=on,wait=off`,
  ];
  o.disks.forEach((d, i) => {
    args.push('-blockdev', JSON.stringify({ driver: 'qcow2', 'node-name': d.node, file: { driver: 'file', filename: d.file } }));
    args.push('-device', `virtio-blk-pci,drive=${d.node},id=vd${i}`);
  });
  if (o.incoming) args.push('-incoming', 'defer');
  if (o.paused) args.push('-S');
  return args;
}

/** Starts a lab VM's QEMU process and answers once its QMP socket accepts connections. */
export async function qemuLaunch(o: QemuLaunchOptions): Promise<LabInstanceRecord> {
  const base = join(o.runDir, o.id);
  const errFile = `${base}.stderr`;
  const errFd = openSync(errFile, 'w');
  const child = spawn(o.binary ?? QEMU_BINARY, qemuArgs(o), { detached: true, stdio: ['ignore', 'ignore', errFd] });
  closeSync(errFd);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`})`));
    child.once('error', (e) => resolve(`could not start: ${e.message}`));
  });
  child.unref();
  const record: LabInstanceRecord = {
    id: o.id,
    pid: child.pid ?? -1,
    host: o.host,
    qmp: `${base}.qmp`,
    qmpStatus: `${base}.qms`,
    serial: `${base}.serial`,
    disks: o.disks,
    startedAt: new Date().toISOString(),
  };
  const ready = QmpClient.connect(record.qmpStatus, { timeoutMs: 15_000 }).then(async (q) => {
    await q.close();
    return null;
  });
  const failure = await Promise.race([ready, exited]);
  if (failure !== null) {
    const stderr = existsSync(errFile) ? readFileSync(errFile, 'utf8').trim().split('\n').slice(-3).join(' ') : '';
    throw new Error(`QEMU for ${o.vm} on ${o.host} ${failure}${stderr ? `: ${stderr}` : ''}`);
  }
  return record;
}

/** Whether a lab VM's QEMU process is running (checked by pid and by its socket path in the command line). */
export function qemuAlive(record: Pick<LabInstanceRecord, 'pid' | 'qmp'>): boolean {
  return cmdline(record.pid)?.includes(record.qmp) ?? false;
}

/** Ends a lab VM's QEMU process at once and removes its sockets and logs' pid; harmless if it is gone. */
export function qemuKill(record: Pick<LabInstanceRecord, 'pid' | 'qmp'>): void {
  if (qemuAlive(record)) {
    try {
      process.kill(record.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** Removes an ended process's files (sockets, serial log, stderr). */
export function qemuFilesRemove(record: Pick<LabInstanceRecord, 'qmp' | 'qmpStatus' | 'serial'>): void {
  for (const f of [record.qmp, record.qmpStatus, record.serial, record.qmp.replace(/\.qmp$/, '.stderr')]) rmSync(f, { force: true });
}

/** Pids of every QEMU process whose command line names a socket under `runDir` (the lab's processes). */
export function labProcesses(runDir: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    if (cmdline(pid)?.includes(`unix:${runDir}/`)) pids.push(pid);
  }
  return pids;
}

/** Waits until none of `pids` is alive (or `timeoutMs`), answering those still alive. */
export async function processesGone(pids: number[], timeoutMs = 5000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids;
  while (alive.length > 0 && Date.now() < deadline) {
    alive = alive.filter((p) => existsSync(`/proc/${p}`) && !isZombie(p));
    if (alive.length) await new Promise((r) => setTimeout(r, 50));
  }
  return alive;
}

function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function cmdline(pid: number): string | null {
  if (!(pid > 0)) return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

/** A heartbeat line of the lab guest. */
export interface GuestHeartbeat {
  seq: number;
  upMs: number;
  gapMs: number;
  errors: number;
}

/** What a lab guest's serial log says: its heartbeats and whether it saw corrupted memory. */
export function guestSerialRead(serialFile: string): { ready: boolean; heartbeats: GuestHeartbeat[]; corrupt: boolean } {
  let text = '';
  try {
    text = readFileSync(serialFile, 'utf8');
  } catch {
    // not written yet
  }
  const heartbeats = [...text.matchAll(/FERRY HB seq=(\d+) up_ms=(\d+) gap_ms=(\d+).*errors=(\d+)/g)].map((m) => ({
    seq: Number(m[1]),
    upMs: Number(m[2]),
    gapMs: Number(m[3]),
    errors: Number(m[4]),
  }));
  return { ready: text.includes('FERRY READY'), heartbeats, corrupt: text.includes('FERRY CORRUPT') || heartbeats.some((h) => h.errors > 0) };
}
