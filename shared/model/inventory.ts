/**
 * The inventory model: the `ferry-inventory` v1 document (see shared/docs/inventory-format.md),
 * used as-is by the domain, the database and the renderer. Field names follow the Hyper-V/VMM
 * PowerShell properties in camelCase.
 */

/** Where an inventory came from; decides which PowerShell module the script view uses. */
export type InventorySource = 'vmm' | 'hyperv' | 'manual';

/** Host operating systems Ferry knows the configuration-version range of. */
export const HOST_OS_VALUES = ['Windows Server 2012 R2', 'Windows Server 2016', 'Windows Server 2019', 'Windows Server 2022', 'Windows Server 2025'] as const;
/** A host operating system. */
export type HostOs = (typeof HOST_OS_VALUES)[number];

/** Host state as VMM reports it. */
export const HOST_STATE_VALUES = ['Responding', 'NotResponding', 'Updating'] as const;
/** A host's communication state. */
export type HostState = (typeof HOST_STATE_VALUES)[number];

/** VM state as Hyper-V reports it. */
export const VM_STATE_VALUES = ['Running', 'Off', 'Saved', 'Paused'] as const;
/** A VM's power state. */
export type VmState = (typeof VM_STATE_VALUES)[number];

/** Live migration performance options (Set-VMHost -VirtualMachineMigrationPerformanceOption). */
export const PERFORMANCE_OPTION_VALUES = ['TCPIP', 'Compression', 'SMB'] as const;
/** A live migration performance option. */
export type PerformanceOption = (typeof PERFORMANCE_OPTION_VALUES)[number];

/** Live migration authentication protocols. */
export const AUTHENTICATION_VALUES = ['CredSSP', 'Kerberos'] as const;
/** A live migration authentication protocol. */
export type Authentication = (typeof AUTHENTICATION_VALUES)[number];

/** CPU vendors. Any other string is kept as given and never matches another vendor. */
export type CpuVendor = string;

/** An SMB file share that hosts may reach. */
export interface FileShare {
  path: string;
  smbVersion: string;
  capacityGB: number;
  freeGB: number;
}

/** A storage volume (a host's local volume or a cluster shared volume). */
export interface Volume {
  path: string;
  capacityGB: number;
  freeGB: number;
}

/** A failover cluster. */
export interface Cluster {
  name: string;
  hostGroup: string;
  /** 9 = WS2016, 10 = WS2019, 11 = WS2022, 12 = WS2025. */
  functionalLevel: number;
  /** When set, wins over the nodes' live-migration limit. */
  maxParallelMigrations: number | null;
  sharedVolumes: Volume[];
}

/** A host's live migration settings (Hyper-V Settings > Live Migrations). */
export interface LiveMigrationSettings {
  enabled: boolean;
  maxLive: number;
  maxStorage: number;
  performanceOption: PerformanceOption;
  authentication: Authentication;
  useAnyNetwork: boolean;
  networks: string[];
}

/** A Hyper-V host. */
export interface Host {
  name: string;
  fqdn: string;
  hostGroup: string;
  cluster: string | null;
  os: HostOs;
  supportedConfigVersions: string[] | null;
  state: HostState;
  maintenanceMode: boolean;
  cpu: { vendor: CpuVendor; generation: string; logicalProcessors: number; usagePercent: number };
  memory: { totalMB: number; availableMB: number; reserveMB: number };
  liveMigration: LiveMigrationSettings;
  migrationNetwork: { gbps: number; rdma: boolean; nics: number };
  fileShares: string[];
  volumes: Volume[];
  defaultStorageLocations: string[];
}

/** A virtual hard disk attached to a VM. */
export interface VmDisk {
  path: string;
  sizeGB: number;
  shared: boolean;
}

/** A virtual machine. */
export interface Vm {
  name: string;
  id: string;
  host: string;
  state: VmState;
  highlyAvailable: boolean;
  memoryMB: number;
  cpuCount: number;
  configVersion: string;
  generation: number;
  processorCompatibility: boolean;
  compatibilityVector: number | null;
  configurationPath: string;
  disks: VmDisk[];
  dirtyRateMBps: number | null;
  /** The only nodes of its cluster the VM may run on (migration-rules.md §8); absent or null: every node. */
  possibleOwners?: string[] | null;
  /** Nodes of its cluster the VM should run on, in order; absent or empty: none preferred. */
  preferredOwners?: string[];
  /** VMM availability sets / cluster `AntiAffinityClassNames`: VMs sharing a name should not run on one host. */
  availabilitySets?: string[];
}

/** The kinds of an affinity rule: keep the VMs on one host, or on different hosts. */
export const AFFINITY_RULE_TYPE_VALUES = ['SameNode', 'DifferentNode'] as const;
/** The kind of an affinity rule. */
export type AffinityRuleType = (typeof AFFINITY_RULE_TYPE_VALUES)[number];

/** A named group of VMs kept together or apart (Windows Server 2022 cluster affinity rule, vCenter VM-VM rule). */
export interface AffinityRule {
  name: string;
  type: AffinityRuleType;
  /** The VMs of the rule, by name, each once, at least two. */
  vms: string[];
  /** `true`: a must (a blocking reason); `false`: a should (a warning). */
  required: boolean;
}

/** A whole `ferry-inventory` v1 document. */
export interface InventoryDocument {
  format: 'ferry-inventory';
  version: 1;
  source: InventorySource | null;
  exportedAt: string | null;
  hostGroups: string[];
  fileShares: FileShare[];
  clusters: Cluster[];
  hosts: Host[];
  vms: Vm[];
  /** Placement rules between VMs (migration-rules.md §8); absent: none. */
  affinityRules?: AffinityRule[];
}

/** Facts about the inventory currently loaded. */
export interface InventoryMeta {
  /** A label for where it came from: "Built-in demo estate", or the imported file's name. */
  origin: string;
  source: InventorySource | null;
  exportedAt: string | null;
  importedAt: string;
}

/** Counts of what an inventory holds. */
export interface InventoryCounts {
  hostGroups: number;
  clusters: number;
  hosts: number;
  vms: number;
  disks: number;
  fileShares: number;
}

/** Counts what an inventory document holds. */
export function countInventory(doc: Pick<InventoryDocument, 'hostGroups' | 'clusters' | 'hosts' | 'vms' | 'fileShares'>): InventoryCounts {
  let disks = 0;
  for (const vm of doc.vms) disks += vm.disks.length;
  return {
    hostGroups: doc.hostGroups.length,
    clusters: doc.clusters.length,
    hosts: doc.hosts.length,
    vms: doc.vms.length,
    disks,
    fileShares: doc.fileShares.length,
  };
}
