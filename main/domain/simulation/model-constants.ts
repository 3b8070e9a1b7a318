/**
 * The constants of the migration model (see migration-model.ts for the model and its sources). Every
 * number here is an approximation: the QEMU lab calibrates them against measurements, and a caller may
 * override any of them.
 */

/** Bytes in a megabyte as Hyper-V counts memory (`MemoryStartup` in MB is MiB): 2^20. */
export const BYTES_PER_MB = 1024 * 1024;

/** Megabytes in a gigabyte as Hyper-V counts disk sizes (GiB). */
export const MB_PER_GB = 1024;

/** MB/s (MiB) in one Gbps of line rate: 10^9 bits / 8 / 2^20 ≈ 119.2. */
export const MBPS_PER_GBPS = 1e9 / 8 / BYTES_PER_MB;

/** The model's tunable numbers. */
export interface ModelConstants {
  /**
   * Pre-copy stops once the remainder can be sent within this many ms. Hyper-V does not publish its
   * threshold (only that the pause stays "well below the TCP time-out"); 300 ms is QEMU's default
   * `downtime-limit`, which also lets the QEMU lab compare like with like.
   */
  downtimeTargetMs: number;
  /**
   * Pre-copy passes before Hyper-V forces the switch-over: 10, per the Windows Server 2008 R2
   * "Hyper-V Live Migration" overview and Directions on Microsoft's "Live Migration Switch Over" chart.
   */
  passLimit: number;
  /**
   * Memory dirty rate assumed for a VM with no measured `dirtyRateMBps`. An assumption: a lightly
   * loaded server (print, file, lab VMs: the ones the demo estate leaves unmeasured) dirties tens of MB/s.
   */
  defaultDirtyRateMBps: number;
  /**
   * Storage copy throughput, MB/s: one VHDX copy stream on enterprise SSD/SAN storage. An assumption,
   * bounded by the link for copies that cross hosts.
   */
  diskMBps: number;
  /** Fixed cost of the switch-over besides the last memory copy (device state, resume, gratuitous ARP), ms. */
  switchOverMs: number;
  /** Validation and creating the planned VM on the destination, seconds (VMM's "Live migration setup"). */
  validateSeconds: number;
  /** Removing the source VM or files after the move, seconds. */
  cleanUpSeconds: number;
  /** Switching a running VM to its mirrored files at the end of a storage move, seconds (no downtime). */
  storageSwitchSeconds: number;
  /** Moving a clustered VM's resource group to the destination node in a quick migration, seconds. */
  clusterMoveSeconds: number;
  /** Registering (importing) a VM on the destination after a network copy, seconds. */
  registerSeconds: number;
}

/** The defaults; each field's comment says where it comes from. */
export const DEFAULT_MODEL_CONSTANTS: Readonly<ModelConstants> = Object.freeze({
  downtimeTargetMs: 300,
  passLimit: 10,
  defaultDirtyRateMBps: 20,
  diskMBps: 500,
  // Blog measurements of well-converged Hyper-V moves show pauses of a few hundred ms; the fixed part
  // (device state, resume, ARP) is taken as 100 ms so a converged move lands at 100–400 ms.
  switchOverMs: 100,
  validateSeconds: 2,
  cleanUpSeconds: 1,
  storageSwitchSeconds: 1,
  clusterMoveSeconds: 5,
  registerSeconds: 3,
});

/** The constants with a caller's overrides applied; rejects values the model cannot run with. */
export function modelConstants(overrides?: Partial<ModelConstants>): ModelConstants {
  const merged: ModelConstants = { ...DEFAULT_MODEL_CONSTANTS, ...overrides };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`model constant ${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
  if (merged.passLimit < 1 || !Number.isInteger(merged.passLimit))
    throw new RangeError(`model constant passLimit must be a whole number ≥ 1, got ${merged.passLimit}`);
  if (merged.diskMBps <= 0) throw new RangeError(`model constant diskMBps must be > 0, got ${merged.diskMBps}`);
  return merged;
}
