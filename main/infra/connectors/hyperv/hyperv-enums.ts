import type { Authentication, HostOs, PerformanceOption, VmState } from '../../../../shared/model/inventory.js';

/**
 * Hyper-V and failover-cluster enums as ConvertTo-Json writes them (numbers; strings with
 * -EnumsAsStrings or PowerShell 7), mapped to the ferry-inventory words. Numbers are those of the
 * Hyper-V module's Microsoft.HyperV.PowerShell enums.
 */

/** Microsoft.HyperV.PowerShell.VMState, folded to the four states a plan needs (transitions go to where they lead). */
const VM_STATES: Record<number, VmState> = {
  2: 'Running', // Running
  3: 'Off', // Off
  4: 'Off', // Stopping
  6: 'Saved', // Saved
  9: 'Paused', // Paused
  10: 'Running', // Starting
  11: 'Running', // Reset
  32773: 'Saved', // Saving
  32776: 'Paused', // Pausing
  32777: 'Running', // Resuming
  32779: 'Saved', // FastSaved
  32780: 'Saved', // FastSaving
  32783: 'Saved', // Hibernated
  32785: 'Running', // RunningCritical
  32786: 'Off', // OffCritical
  32787: 'Off', // StoppingCritical
  32788: 'Saved', // SavedCritical
  32789: 'Paused', // PausedCritical
  32790: 'Running', // StartingCritical
  32791: 'Running', // ResetCritical
  32792: 'Saved', // SavingCritical
  32793: 'Paused', // PausingCritical
  32794: 'Running', // ResumingCritical
  32795: 'Saved', // FastSavedCritical
  32796: 'Saved', // FastSavingCritical
};

const VM_STATE_NAMES: Record<string, VmState> = {
  running: 'Running',
  off: 'Off',
  stopping: 'Off',
  saved: 'Saved',
  paused: 'Paused',
  starting: 'Running',
  reset: 'Running',
  saving: 'Saved',
  pausing: 'Paused',
  resuming: 'Running',
  fastsaved: 'Saved',
  fastsaving: 'Saved',
  hibernated: 'Saved',
  runningcritical: 'Running',
  offcritical: 'Off',
  stoppingcritical: 'Off',
  savedcritical: 'Saved',
  pausedcritical: 'Paused',
  startingcritical: 'Running',
  resetcritical: 'Running',
  savingcritical: 'Saved',
  pausingcritical: 'Paused',
  resumingcritical: 'Running',
  fastsavedcritical: 'Saved',
  fastsavingcritical: 'Saved',
};

/** A VM's state (2 Running, 3 Off, 6 Saved, 9 Paused, and the transitions between), or null if unknown. */
export function vmStateOf(value: unknown): VmState | null {
  if (typeof value === 'number') return VM_STATES[value] ?? null;
  if (typeof value === 'string') return /^\d+$/.test(value) ? (VM_STATES[Number(value)] ?? null) : (VM_STATE_NAMES[value.toLowerCase()] ?? null);
  return null;
}

/** Microsoft.HyperV.PowerShell.VMMigrationPerformance: 0 TCPIP, 1 Compression, 2 SMB. */
export function performanceOptionOf(value: unknown): PerformanceOption | null {
  const names: PerformanceOption[] = ['TCPIP', 'Compression', 'SMB'];
  if (typeof value === 'number') return names[value] ?? null;
  if (typeof value === 'string') return names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? null;
  return null;
}

/** Microsoft.HyperV.PowerShell.MigrationAuthenticationType: 0 CredSSP, 1 Kerberos. */
export function authenticationOf(value: unknown): Authentication | null {
  const names: Authentication[] = ['CredSSP', 'Kerberos'];
  if (typeof value === 'number') return names[value] ?? null;
  if (typeof value === 'string') return names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? null;
  return null;
}

/** Microsoft.FailoverClusters.PowerShell.ClusterNodeState: 0 Up, 1 Down, 2 Paused, 3 Joining. */
export function clusterNodeStateOf(value: unknown): 'Up' | 'Down' | 'Paused' | 'Joining' | null {
  const names = ['Up', 'Down', 'Paused', 'Joining'] as const;
  if (typeof value === 'number') return names[value] ?? null;
  if (typeof value === 'string') return names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? null;
  return null;
}

/** Windows Server builds, for hosts whose caption does not say the version. */
const BUILDS: [number, HostOs][] = [
  [26100, 'Windows Server 2025'],
  [20348, 'Windows Server 2022'],
  [17763, 'Windows Server 2019'],
  [14393, 'Windows Server 2016'],
  [9600, 'Windows Server 2012 R2'],
];

/** The host OS from Win32_OperatingSystem's Caption ("Microsoft Windows Server 2022 Datacenter") or build number. */
export function hostOsOf(caption: unknown, build: unknown): HostOs | null {
  if (typeof caption === 'string') {
    const m = /Windows Server (2012 R2|2016|2019|2022|2025)\b/i.exec(caption);
    if (m) return `Windows Server ${m[1].toUpperCase()}` as HostOs;
  }
  const n = typeof build === 'number' ? build : typeof build === 'string' ? Number(build) : NaN;
  if (Number.isFinite(n)) return BUILDS.find(([b]) => n === b)?.[1] ?? null;
  return null;
}

/** The CPU vendor from Win32_Processor.Manufacturer ("GenuineIntel", "AuthenticAMD"). */
export function cpuVendorOf(manufacturer: string): string {
  if (/intel/i.test(manufacturer)) return 'Intel';
  if (/amd/i.test(manufacturer)) return 'AMD';
  return manufacturer.trim();
}

/**
 * The CPU generation from Win32_Processor.Caption ("Intel64 Family 6 Model 106 Stepping 6"): family
 * and model name a microarchitecture, so hosts with the same one compare equal whatever the SKU.
 */
export function cpuGenerationOf(caption: string | null, name: string | null): string {
  const fromCaption = caption ? caption.replace(/\s+Stepping\s+\d+\s*$/i, '').trim() : '';
  return fromCaption || (name ?? '').trim();
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Bytes to MB (as Hyper-V counts them, 1 MB = 1,048,576 bytes), whole. */
export const bytesToMB = (bytes: number): number => Math.round(bytes / MIB);
/** Bytes to GB, to 0.01 GB. */
export const bytesToGB = (bytes: number): number => Math.round((bytes / GIB) * 100) / 100;
/** KB (Win32_OperatingSystem's unit) to MB, whole. */
export const kbToMB = (kb: number): number => Math.round(kb / 1024);
