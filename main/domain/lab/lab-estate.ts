import type { FileShare, Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { nameKey } from '../storage-paths/names.js';

/**
 * The QEMU lab's estate: a host group of lab hosts (each an address on this machine, a storage
 * folder and its own migration settings) and small real VMs. Pure: which hosts and VMs the lab
 * holds, how they appear in the inventory, and where their Windows-style paths live on disk.
 */

/** The lab's host group. */
export const LAB_HOST_GROUP = 'All Hosts/Lab';
/** The SMB share every lab host reaches (a folder of the lab on this machine). */
export const LAB_SHARE = '\\\\lab-fs.ferry.lab\\labstore';
/** The local volume of each lab host. */
export const LAB_VOLUME = 'D:\\';
/** The lab hosts' default folder for VMs on their local volume. */
export const LAB_LOCAL_FOLDER = 'D:\\Lab VMs';
/** Memory the guest's kernel keeps for itself at least; the rest (less 1/16 for page tables) is the workload's working set. */
export const LAB_GUEST_OVERHEAD_MB = 96;

/** One lab VM to create. */
export interface LabVmSpec {
  name: string;
  host: string;
  memoryMB: number;
  /** MiB/s the guest dirties. */
  dirtyRateMBps: number;
  /** `share`: files on the lab share (a Live move between hosts); `local`: on the host's D:\ (Live (VSM)). */
  storage: 'share' | 'local';
  /** Disk size in MiB (a qcow2 with data written in it). */
  diskMB: number;
}

/** One lab host to create. */
export interface LabHostSpec {
  name: string;
  /** Loopback address the host's migrations and NBD exports listen on. */
  address: string;
  /** Migration network line rate: the bandwidth cap of moves from or to this host. */
  gbps: number;
  nics: number;
}

/** What the lab holds. */
export interface LabSpec {
  hosts: LabHostSpec[];
  vms: LabVmSpec[];
}

/** The default lab: three standalone hosts on one share, three small VMs (two on the share, one local). */
export const DEFAULT_LAB_SPEC: Readonly<LabSpec> = Object.freeze<LabSpec>({
  hosts: [
    { name: 'LAB-HV-01', address: '127.77.0.1', gbps: 10, nics: 2 },
    { name: 'LAB-HV-02', address: '127.77.0.2', gbps: 10, nics: 2 },
    { name: 'LAB-HV-03', address: '127.77.0.3', gbps: 10, nics: 2 },
  ],
  vms: [
    { name: 'LAB-VM-01', host: 'LAB-HV-01', memoryMB: 256, dirtyRateMBps: 10, storage: 'share', diskMB: 64 },
    { name: 'LAB-VM-02', host: 'LAB-HV-01', memoryMB: 256, dirtyRateMBps: 10, storage: 'local', diskMB: 64 },
    { name: 'LAB-VM-03', host: 'LAB-HV-02', memoryMB: 256, dirtyRateMBps: 30, storage: 'share', diskMB: 64 },
  ],
});

/** A lab spec that cannot be built, with what is wrong. */
export function labSpecProblems(spec: LabSpec): string[] {
  const problems: string[] = [];
  const hosts = new Set<string>();
  for (const [i, h] of spec.hosts.entries()) {
    if (!/^[A-Za-z0-9-]{1,40}$/.test(h.name)) problems.push(`hosts[${i}].name: "${h.name}" must be 1-40 letters, digits or hyphens`);
    if (hosts.has(nameKey(h.name))) problems.push(`hosts[${i}].name: "${h.name}" is used twice`);
    hosts.add(nameKey(h.name));
    if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h.address)) problems.push(`hosts[${i}].address: "${h.address}" must be a loopback address (127.x.y.z)`);
    if (!(h.gbps > 0)) problems.push(`hosts[${i}].gbps: must be above 0`);
    if (!(Number.isInteger(h.nics) && h.nics >= 1 && h.nics <= 8)) problems.push(`hosts[${i}].nics: must be a whole number from 1 to 8`);
  }
  const vms = new Set<string>();
  for (const [i, v] of spec.vms.entries()) {
    if (!/^[A-Za-z0-9-]{1,40}$/.test(v.name)) problems.push(`vms[${i}].name: "${v.name}" must be 1-40 letters, digits or hyphens`);
    if (vms.has(nameKey(v.name))) problems.push(`vms[${i}].name: "${v.name}" is used twice`);
    vms.add(nameKey(v.name));
    if (!hosts.has(nameKey(v.host))) problems.push(`vms[${i}].host: "${v.host}" is not a lab host`);
    if (!(Number.isInteger(v.memoryMB) && v.memoryMB >= LAB_GUEST_OVERHEAD_MB + 32 && v.memoryMB <= 4096)) {
      problems.push(`vms[${i}].memoryMB: must be a whole number from ${LAB_GUEST_OVERHEAD_MB + 32} to 4096`);
    }
    if (!(v.dirtyRateMBps >= 0 && v.dirtyRateMBps <= 1000)) problems.push(`vms[${i}].dirtyRateMBps: must be from 0 to 1000`);
    if (!(Number.isInteger(v.diskMB) && v.diskMB >= 1 && v.diskMB <= 4096)) problems.push(`vms[${i}].diskMB: must be a whole number from 1 to 4096`);
  }
  return problems;
}

/**
 * The guest's working set: the VM's memory less what its kernel keeps (a fixed part, and 1/16 that
 * grows with memory). Asking for more makes the guest's kernel run out of memory while it boots.
 */
export function labWorkingSetMB(memoryMB: number): number {
  return Math.max(16, Math.floor(memoryMB - LAB_GUEST_OVERHEAD_MB - memoryMB / 16));
}

/** The lab hosts' DNS domain: with the Lab host group, it tells a lab host from an admin's own host. */
export const LAB_DOMAIN = 'ferry.lab';

/**
 * Whether a host is one of the lab's (a QEMU host on this machine): in the Lab host group with a name in
 * the lab's domain. An admin's own "All Hosts/Lab" group of real hosts is never taken for the lab.
 */
export function isLabHost(host: Pick<Host, 'hostGroup' | 'fqdn'>): boolean {
  return host.hostGroup.toLowerCase() === LAB_HOST_GROUP.toLowerCase() && host.fqdn.toLowerCase().endsWith(`.${LAB_DOMAIN}`);
}

/** The folder of a lab VM's files, as a Windows path. */
export function labVmFolder(vm: Pick<LabVmSpec, 'name' | 'storage'>): string {
  return vm.storage === 'share' ? `${LAB_SHARE}\\${vm.name}` : `${LAB_LOCAL_FOLDER}\\${vm.name}`;
}

/** The lab's hosts and VMs as inventory records. */
export function labInventory(spec: LabSpec): Pick<InventoryDocument, 'hostGroups' | 'fileShares' | 'hosts' | 'vms'> {
  const hosts: Host[] = spec.hosts.map((h) => {
    const vms = spec.vms.filter((v) => nameKey(v.host) === nameKey(h.name));
    const totalMB = 8192;
    return {
      name: h.name,
      fqdn: `${h.name.toLowerCase()}.${LAB_DOMAIN}`,
      hostGroup: LAB_HOST_GROUP,
      cluster: null,
      os: 'Windows Server 2022',
      supportedConfigVersions: null,
      state: 'Responding',
      maintenanceMode: false,
      cpu: { vendor: 'QEMU', generation: 'TCG', logicalProcessors: 2, usagePercent: 10 },
      memory: { totalMB, availableMB: totalMB - vms.reduce((s, v) => s + v.memoryMB, 0), reserveMB: 256 },
      liveMigration: {
        enabled: true,
        maxLive: 2,
        maxStorage: 2,
        performanceOption: 'TCPIP',
        authentication: 'Kerberos',
        useAnyNetwork: true,
        networks: [],
      },
      migrationNetwork: { gbps: h.gbps, rdma: false, nics: h.nics },
      fileShares: [LAB_SHARE],
      volumes: [{ path: LAB_VOLUME, capacityGB: 64, freeGB: 60 }],
      defaultStorageLocations: [LAB_LOCAL_FOLDER, LAB_SHARE],
    };
  });
  const vms: Vm[] = spec.vms.map((v, i) => {
    const folder = labVmFolder(v);
    return {
      name: v.name,
      id: `1ab00000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      host: spec.hosts.find((h) => nameKey(h.name) === nameKey(v.host))?.name ?? v.host,
      state: 'Running',
      highlyAvailable: false,
      memoryMB: v.memoryMB,
      cpuCount: 1,
      configVersion: '10.0',
      generation: 2,
      processorCompatibility: false,
      compatibilityVector: null,
      configurationPath: folder,
      disks: [{ path: `${folder}\\disk0.qcow2`, sizeGB: v.diskMB / 1024, shared: false }],
      dirtyRateMBps: v.dirtyRateMBps,
    };
  });
  const share: FileShare = { path: LAB_SHARE, smbVersion: '3.0', capacityGB: 64, freeGB: 60 };
  return { hostGroups: [LAB_HOST_GROUP], fileShares: [share], hosts, vms };
}

/** The inventory with the lab's records added (any earlier lab records replaced). */
export function inventoryWithLab(doc: InventoryDocument, spec: LabSpec): InventoryDocument {
  const base = inventoryWithoutLab(doc);
  const lab = labInventory(spec);
  const taken = new Set([...base.hosts.map((h) => nameKey(h.name)), ...base.vms.map((v) => nameKey(v.name))]);
  const clash = [...lab.hosts, ...lab.vms].find((x) => taken.has(nameKey(x.name)));
  if (clash)
    throw new Error(
      `The inventory already has a host or VM named ${clash.name} outside the lab; rename it or import another inventory before starting the lab.`,
    );
  const has = (list: string[], x: string): boolean => list.some((y) => y.toLowerCase() === x.toLowerCase());
  return {
    ...base,
    hostGroups: [...base.hostGroups, ...lab.hostGroups.filter((g) => !has(base.hostGroups, g))],
    fileShares: [
      ...base.fileShares,
      ...lab.fileShares.filter(
        (f) =>
          !has(
            base.fileShares.map((x) => x.path),
            f.path,
          ),
      ),
    ],
    hosts: [...base.hosts, ...lab.hosts],
    vms: [...base.vms, ...lab.vms],
  };
}

/** The inventory without the lab's hosts and VMs (and its group and share, unless the admin's own hosts use them). */
export function inventoryWithoutLab(doc: InventoryDocument): InventoryDocument {
  const labHosts = new Set(doc.hosts.filter((h) => isLabHost(h)).map((h) => nameKey(h.name)));
  const hosts = doc.hosts.filter((h) => !labHosts.has(nameKey(h.name)));
  const groupUsed =
    hosts.some((h) => h.hostGroup.toLowerCase() === LAB_HOST_GROUP.toLowerCase()) ||
    doc.clusters.some((c) => c.hostGroup.toLowerCase() === LAB_HOST_GROUP.toLowerCase());
  const shareUsed = hosts.some((h) => h.fileShares.some((f) => f.toLowerCase() === LAB_SHARE.toLowerCase()));
  return {
    ...doc,
    hostGroups: doc.hostGroups.filter((g) => groupUsed || g.toLowerCase() !== LAB_HOST_GROUP.toLowerCase()),
    fileShares: doc.fileShares.filter((f) => shareUsed || f.path.toLowerCase() !== LAB_SHARE.toLowerCase()),
    hosts,
    vms: doc.vms.filter((v) => !labHosts.has(nameKey(v.host))),
  };
}

/**
 * Where a lab host's Windows path lives in the lab folder, as relative POSIX segments: the share
 * under `share/`, a host's drive under `hosts/<host>/<drive>/`. Null for a path the lab cannot hold
 * (another share, a relative path, `..`).
 */
export function labRelativePath(host: string, windowsPath: string): string[] | null {
  const share = LAB_SHARE.toLowerCase();
  const p = windowsPath.replace(/\//g, '\\');
  let root: string[];
  let rest: string;
  if (p.toLowerCase() === share || p.toLowerCase().startsWith(`${share}\\`)) {
    root = ['share'];
    rest = p.slice(LAB_SHARE.length);
  } else {
    const m = /^([A-Za-z]):(\\.*)?$/.exec(p);
    if (!m) return null;
    root = ['hosts', host.toLowerCase(), m[1].toUpperCase()];
    rest = m[2] ?? '';
  }
  const segments = rest.split('\\').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /[\0<>:"|?*]/.test(s))) return null;
  return [...root, ...segments];
}
