import type { Cluster, Host, InventoryDocument, Vm } from '../../shared/model/inventory.js';

/** A host with sensible defaults, for tests and the preview page. */
export function makeHost(overrides: Partial<Host> & Pick<Host, 'name' | 'hostGroup'>): Host {
  return {
    fqdn: `${overrides.name.toLowerCase()}.contoso.com`,
    cluster: null,
    os: 'Windows Server 2022',
    supportedConfigVersions: null,
    state: 'Responding',
    maintenanceMode: false,
    cpu: { vendor: 'Intel', generation: 'Ice Lake', logicalProcessors: 64, usagePercent: 31 },
    memory: { totalMB: 524288, availableMB: 201000, reserveMB: 256 },
    liveMigration: {
      enabled: true,
      maxLive: 2,
      maxStorage: 2,
      performanceOption: 'Compression',
      authentication: 'Kerberos',
      useAnyNetwork: false,
      networks: ['10.20.0.0/24'],
    },
    migrationNetwork: { gbps: 25, rdma: true, nics: 2 },
    fileShares: [],
    volumes: [{ path: 'D:\\', capacityGB: 1800, freeGB: 950 }],
    defaultStorageLocations: ['D:\\VMs'],
    ...overrides,
  };
}

/** A VM with sensible defaults, for tests and the preview page. */
export function makeVm(overrides: Partial<Vm> & Pick<Vm, 'name' | 'host'>): Vm {
  return {
    id: `id-${overrides.name.toLowerCase()}`,
    state: 'Running',
    highlyAvailable: false,
    memoryMB: 4096,
    cpuCount: 2,
    configVersion: '9.0',
    generation: 2,
    processorCompatibility: false,
    compatibilityVector: null,
    configurationPath: `D:\\VMs\\${overrides.name}`,
    disks: [{ path: `D:\\VMs\\${overrides.name}\\os.vhdx`, sizeGB: 127, shared: false }],
    dirtyRateMBps: null,
    ...overrides,
  };
}

const cluster: Cluster = {
  name: 'CL-MI-22',
  hostGroup: 'All Hosts/Milano',
  functionalLevel: 11,
  maxParallelMigrations: null,
  sharedVolumes: [{ path: 'C:\\ClusterStorage\\Volume1', capacityGB: 16384, freeGB: 6000 }],
};

/**
 * A small estate: Milano (a cluster of two nodes, and a nested group "Centro" with a standalone
 * host) and Torino (one host not responding, one in maintenance mode), nine VMs.
 */
export function sampleInventory(): InventoryDocument {
  return {
    format: 'ferry-inventory',
    version: 1,
    source: 'vmm',
    exportedAt: '2026-11-20T10:00:00Z',
    hostGroups: ['All Hosts/Milano', 'All Hosts/Milano/Centro', 'All Hosts/Torino'],
    fileShares: [{ path: '\\\\fs-mi.contoso.com\\vmstore', smbVersion: '3.0', capacityGB: 8192, freeGB: 3100 }],
    clusters: [cluster],
    hosts: [
      makeHost({ name: 'HV-MI-11', hostGroup: 'All Hosts/Milano', cluster: 'CL-MI-22', fileShares: ['\\\\fs-mi.contoso.com\\vmstore'] }),
      makeHost({ name: 'HV-MI-12', hostGroup: 'All Hosts/Milano', cluster: 'CL-MI-22', state: 'Updating' }),
      makeHost({ name: 'HV-MI-20', hostGroup: 'All Hosts/Milano/Centro', os: 'Windows Server 2019' }),
      makeHost({ name: 'HV-TO-01', hostGroup: 'All Hosts/Torino', state: 'NotResponding' }),
      makeHost({
        name: 'HV-TO-02',
        hostGroup: 'All Hosts/Torino',
        maintenanceMode: true,
        cpu: { vendor: 'AMD', generation: 'Zen 4', logicalProcessors: 96, usagePercent: 12 },
      }),
    ],
    vms: [
      makeVm({
        name: 'SQL-PROD-01',
        host: 'HV-MI-11',
        highlyAvailable: true,
        memoryMB: 32768,
        cpuCount: 8,
        configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01',
        disks: [
          { path: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\os.vhdx', sizeGB: 127, shared: false },
          { path: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\quorum.vhdx', sizeGB: 5, shared: true },
        ],
      }),
      makeVm({ name: 'SQL-PROD-02', host: 'HV-MI-12', highlyAvailable: true, memoryMB: 32768, configVersion: '10.0' }),
      makeVm({ name: 'web-01', host: 'HV-MI-11', highlyAvailable: true, memoryMB: 8192 }),
      makeVm({ name: 'WEB-02', host: 'HV-MI-12', state: 'Saved', highlyAvailable: true, memoryMB: 8192 }),
      makeVm({ name: 'FILE-01', host: 'HV-MI-20', state: 'Off', memoryMB: 2048, configVersion: '8.0' }),
      makeVm({ name: 'DC-MI-01', host: 'HV-MI-20', memoryMB: 4096 }),
      makeVm({ name: 'APP-TO-01', host: 'HV-TO-01', state: 'Paused', memoryMB: 16384 }),
      makeVm({ name: 'APP-TO-02', host: 'HV-TO-02', memoryMB: 512 }),
      makeVm({ name: 'Città-Ufficio', host: 'HV-TO-02', state: 'Off', memoryMB: 1024, configVersion: '5.0' }),
    ],
  };
}

/** A large synthetic estate (deterministic): `groups` Italian cities, 8-node clusters, ~25 VMs per host. */
export function largeInventory(vmCount: number, hostsPerCluster = 8): InventoryDocument {
  const cities = ['Milano', 'Torino', 'Roma', 'Napoli', 'Bologna', 'Firenze', 'Venezia', 'Genova', 'Bari', 'Palermo'];
  const hostCount = Math.max(1, Math.ceil(vmCount / 25));
  const hosts: Host[] = [];
  const clusters: Cluster[] = [];
  for (let h = 0; h < hostCount; h++) {
    const city = cities[h % cities.length];
    const clusterIndex = Math.floor(h / (hostsPerCluster * cities.length));
    const clustered = h % 5 !== 4;
    const clusterName = `CL-${city.slice(0, 2).toUpperCase()}-${clusterIndex + 1}`;
    if (clustered && !clusters.some((c) => c.name === clusterName)) {
      clusters.push({ ...cluster, name: clusterName, hostGroup: `All Hosts/${city}` });
    }
    hosts.push(
      makeHost({
        name: `HV-${city.slice(0, 2).toUpperCase()}-${String(h + 1).padStart(4, '0')}`,
        hostGroup: `All Hosts/${city}`,
        cluster: clustered ? clusterName : null,
        state: h % 97 === 3 ? 'NotResponding' : 'Responding',
        maintenanceMode: h % 53 === 7,
      }),
    );
  }
  const roles = ['SQL', 'WEB', 'APP', 'DC', 'FS', 'RDS', 'EXCH', 'K8S'];
  const states = ['Running', 'Running', 'Running', 'Off', 'Saved', 'Paused'] as const;
  const vms: Vm[] = [];
  for (let i = 0; i < vmCount; i++) {
    const host = hosts[(i * 7919) % hostCount];
    vms.push(
      makeVm({
        name: `${roles[i % roles.length]}-${String((i * 104729) % (vmCount * 3)).padStart(5, '0')}`,
        id: `vm-${i}`,
        host: host.name,
        state: states[i % states.length],
        highlyAvailable: host.cluster !== null && i % 3 !== 0,
        memoryMB: [1024, 2048, 4096, 8192, 16384, 32768][i % 6],
        configVersion: ['8.0', '9.0', '10.0', '12.0'][i % 4],
      }),
    );
  }
  return {
    format: 'ferry-inventory',
    version: 1,
    source: 'vmm',
    exportedAt: '2026-11-20T10:00:00Z',
    hostGroups: cities.map((c) => `All Hosts/${c}`),
    fileShares: [],
    clusters,
    hosts,
    vms,
  };
}
