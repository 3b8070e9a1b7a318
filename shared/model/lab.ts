/** The QEMU lab as the console and `ferry lab status` show it. */

/** A lab VM: where it runs and whether its guest is healthy. */
export interface LabVmStatus {
  vm: string;
  host: string;
  /** `Migrating` while a move has a destination process waiting; `Saved` while its state waits in a file. */
  state: 'Running' | 'Off' | 'Saved' | 'Migrating';
  memoryMB: number;
  dirtyRateMBps: number;
  /** The QEMU process running it, when it runs. */
  pid: number | null;
  /** The guest's last heartbeat on its serial port. */
  heartbeat: { seq: number; upSeconds: number } | null;
  /** The guest found corrupted memory. */
  corrupt: boolean;
  disks: string[];
}

/** A lab host: an address on this machine and its migration network. */
export interface LabHostStatus {
  name: string;
  address: string;
  gbps: number;
  nics: number;
  vms: number;
}

/** The whole lab. */
export interface LabStatus {
  running: boolean;
  /** The lab's folder on this machine. */
  root: string;
  /** QEMU's version, or why it is not usable. */
  qemu: string;
  startedAt: string | null;
  /** Whether the inventory holds the Lab host group (an import replaces it; starting the lab again adds it back). */
  inInventory: boolean;
  hosts: LabHostStatus[];
  vms: LabVmStatus[];
  /** QEMU processes the lab has running. */
  processes: number;
}
