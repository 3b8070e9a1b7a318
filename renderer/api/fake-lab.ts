import type { InvokeResults } from '../../shared/contract/invoke.js';
import type { Job } from '../../shared/model/job.js';
import type { LabStatus } from '../../shared/model/lab.js';
import { ok, type Result } from '../../shared/model/result.js';
import { makeJob } from '../testing/sample-jobs.js';

const ROOT = '/home/admin/.local/share/ferry/ferry-lab';
const QEMU = '10.0.2';

/** A stopped lab, as `lab.status` answers before Start Lab. */
export function stoppedLabStatus(): LabStatus {
  return { running: false, root: ROOT, qemu: QEMU, startedAt: null, inInventory: false, hosts: [], vms: [], processes: 0 };
}

/** The default lab running (three hosts, three VMs), as `lab.status` answers after Start Lab. */
export function runningLabStatus(startedAt = '2026-11-20T10:00:00Z'): LabStatus {
  const vm = (name: string, host: string, pid: number, dirtyRateMBps: number, disk: string): LabStatus['vms'][number] => ({
    vm: name,
    host,
    state: 'Running',
    memoryMB: 256,
    dirtyRateMBps,
    pid,
    heartbeat: { seq: 42, upSeconds: 42 },
    corrupt: false,
    disks: [disk],
  });
  return {
    running: true,
    root: ROOT,
    qemu: QEMU,
    startedAt,
    inInventory: true,
    hosts: [
      { name: 'LAB-HV-01', address: '127.77.0.1', gbps: 10, nics: 2, vms: 2 },
      { name: 'LAB-HV-02', address: '127.77.0.2', gbps: 10, nics: 2, vms: 1 },
      { name: 'LAB-HV-03', address: '127.77.0.3', gbps: 10, nics: 2, vms: 0 },
    ],
    vms: [
      vm('LAB-VM-01', 'LAB-HV-01', 4101, 10, '\\\\lab-fs.ferry.lab\\labstore\\LAB-VM-01\\LAB-VM-01.qcow2'),
      vm('LAB-VM-02', 'LAB-HV-01', 4102, 10, 'D:\\Lab VMs\\LAB-VM-02\\LAB-VM-02.qcow2'),
      vm('LAB-VM-03', 'LAB-HV-02', 4103, 30, '\\\\lab-fs.ferry.lab\\labstore\\LAB-VM-03\\LAB-VM-03.qcow2'),
    ],
    processes: 3,
  };
}

/** The fake backend's QEMU lab: start and stop complete at once and record a job; the inventory is left as it is. */
export interface FakeLab {
  status(): Result<LabStatus>;
  start(jobId: string): Result<InvokeResults['lab.start']>;
  stop(jobId: string): Result<InvokeResults['lab.stop']>;
}

/** A completed lab job, as the lab service records one. */
function labJob(id: string, name: string, steps: string[], summary: string): Job {
  const now = new Date().toISOString();
  return makeJob(id, name, {
    kind: 'lab',
    status: 'Completed',
    progress: 100,
    target: 'All Hosts/Lab',
    createdAt: now,
    startedAt: now,
    endedAt: now,
    steps: steps.map((step) => ({ name: step, status: 'Completed', progress: 100 })),
    summary,
  });
}

/** Creates the fake's lab, stopped. */
export function createFakeLab(): FakeLab {
  let status = stoppedLabStatus();
  return {
    status: () => ok(status),
    start: (jobId) => {
      status = runningLabStatus(new Date().toISOString());
      const job = labJob(
        jobId,
        'Start lab',
        ['Check QEMU', 'Build the guest', 'Create the lab hosts and disks', 'Boot the lab VMs', 'Add the Lab host group to the inventory'],
        `Lab running: 3 hosts, 3 VMs running (QEMU ${QEMU}, software emulation)`,
      );
      return ok({ job, status });
    },
    stop: (jobId) => {
      const ended = status.processes;
      status = stoppedLabStatus();
      const job = labJob(
        jobId,
        'Stop lab',
        ["Cancel the lab's moves", "End the lab's QEMU processes", "Remove the lab's files and hosts"],
        `Lab stopped: ${ended} QEMU processes ended, its files removed`,
      );
      return ok({ job, status });
    },
  };
}
