/**
 * The lab's folder on this machine: its spec, where each lab VM runs now (one small JSON file per VM,
 * written atomically so the app and a `ferry` command can share it), the QEMU processes' sockets and
 * serial logs, and the hosts' storage. Everything the lab creates lives under one root, so
 * `ferry lab stop` can remove it and find every process it started.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { labRelativePath, type LabSpec } from '../../../domain/lab/lab-estate.js';
import { nameKey } from '../../../domain/storage-paths/names.js';

/** A disk of a running lab VM: its Windows path in the inventory, the file, and QEMU's node for it. */
export interface LabDiskRecord {
  path: string;
  file: string;
  node: string;
  sizeBytes: number;
}

/** One QEMU process running a lab VM. */
export interface LabInstanceRecord {
  id: string;
  pid: number;
  host: string;
  /** QMP socket for whoever runs a move of this VM. */
  qmp: string;
  /** A second QMP socket for short status queries (QEMU serves one client per socket). */
  qmpStatus: string;
  serial: string;
  disks: LabDiskRecord[];
  startedAt: string;
}

/** Where a lab VM is: its host, and the QEMU process running it (null when it is off). */
export interface LabVmRecord {
  vm: string;
  host: string;
  memoryMB: number;
  dirtyRateMBps: number;
  instance: LabInstanceRecord | null;
  /** The destination of a move in flight: its process, and the Ferry process that runs the move. */
  incoming: { instance: LabInstanceRecord; ownerPid: number; jobId: string } | null;
  /** While its state is saved (the VM is down): the file holding it, which the next start resumes from. */
  saved?: string | null;
}

/** The lab as started: its spec, the guest it boots, when. */
export interface LabRecord {
  spec: LabSpec;
  guest: { kernel: string; initrd: string };
  startedAt: string;
}

/** The lab's folder. */
export class LabStore {
  constructor(readonly root: string) {}

  /** Where QEMU processes keep sockets, logs and pid files. */
  get runDir(): string {
    return join(this.root, 'run');
  }

  /** The lab record, or null when no lab is started. */
  labRead(): LabRecord | null {
    return readJson<LabRecord>(join(this.root, 'lab.json'));
  }

  /** Records the started lab. */
  labWrite(record: LabRecord): void {
    mkdirSync(this.runDir, { recursive: true });
    mkdirSync(join(this.root, 'vms'), { recursive: true });
    writeJsonAtomic(join(this.root, 'lab.json'), record);
  }

  /** Where a lab VM is, or null for a VM the lab does not hold. */
  vmRead(vm: string): LabVmRecord | null {
    return readJson<LabVmRecord>(this.vmFile(vm));
  }

  /** Records where a lab VM is. */
  vmWrite(record: LabVmRecord): void {
    writeJsonAtomic(this.vmFile(record.vm), record);
  }

  /** Every lab VM's record. */
  vmList(): LabVmRecord[] {
    const dir = join(this.root, 'vms');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => readJson<LabVmRecord>(join(dir, f)))
      .filter((r): r is LabVmRecord => r !== null);
  }

  /**
   * The file for a lab host's Windows path (`D:\Lab VMs\X\disk0.qcow2` on LAB-HV-01, or a path on
   * the lab share). Throws for a path the lab cannot hold, naming it.
   */
  hostPath(host: string, windowsPath: string): string {
    const rel = labRelativePath(host, windowsPath);
    if (!rel) throw new Error(`${windowsPath} is not a path a lab host can reach: use the host's D:\\ volume or the lab share.`);
    return join(this.root, ...rel);
  }

  /** A fresh id for a QEMU process (short: socket paths are limited to 107 bytes). */
  instanceId(): string {
    return randomBytes(4).toString('hex');
  }

  /** Removes the whole lab folder. */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private vmFile(vm: string): string {
    return join(this.root, 'vms', `${encodeURIComponent(nameKey(vm))}.json`);
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`The lab file ${file} cannot be read: ${(e as Error).message}. Run "ferry lab stop" to clear the lab, then start it again.`);
  }
}

/** Writes a JSON file through a temporary file and a rename, so a reader never sees half of it. */
function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 1)}\n`);
  renameSync(tmp, file);
}
