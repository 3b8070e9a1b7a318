// Generates a large, believable `ferry-inventory` v1 estate for scale tests and benchmarks.
//   npx tsx scripts/gen-inventory.ts --hosts 1000 --vms 25000 [--clusters N] [--seed N] [--out FILE|-]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Cluster, FileShare, Host, HostOs, InventoryDocument, Vm, VmDisk, VmState, Volume } from '../shared/model/inventory.js';
import { err, ok, type Result } from '../shared/model/result.js';

/** What to generate: counts and the PRNG seed (same options, same document). */
export interface GenerateOptions {
  hosts: number;
  vms: number;
  /** Clusters of 4 to 16 nodes; the other hosts are standalone. Default: hosts / 8, rounded down. */
  clusters?: number;
  /** Default 1. */
  seed?: number;
}

/** A parsed command line: print the usage, or generate and write to a file (`-` is stdout). */
export type GenerateCommand = { kind: 'help' } | { kind: 'generate'; options: GenerateOptions; out: string };

const USAGE = `Usage: npx tsx scripts/gen-inventory.ts --hosts N --vms N [--clusters N] [--seed N] [--out FILE|-]
  --hosts N      hosts to generate (1 or more)
  --vms N        virtual machines to generate (0 or more)
  --clusters N   failover clusters of 4-16 nodes each (default: hosts / 8); the other hosts are standalone
  --seed N       PRNG seed, a whole number from 0 to 4294967295 (default: 1); same seed, same document
  --out FILE     where to write the JSON; "-" or none writes to stdout`;

const MAX_COUNT = 10_000_000;
const NODES_MIN = 4;
const NODES_MAX = 16;

type Rng = () => number;
type Weighted<T> = readonly (readonly [T, number])[];

const SITES = [
  ['Milano', 'MI'],
  ['Torino', 'TO'],
  ['Roma', 'RM'],
  ['Napoli', 'NA'],
  ['Bologna', 'BO'],
  ['Firenze', 'FI'],
  ['Genova', 'GE'],
  ['Venezia', 'VE'],
  ['Bari', 'BA'],
  ['Palermo', 'PA'],
  ['Verona', 'VR'],
  ['Padova', 'PD'],
  ['Trieste', 'TS'],
  ['Cagliari', 'CA'],
  ['Brescia', 'BS'],
  ['Bergamo', 'BG'],
  ['Lugano', 'LU'],
  ['Monaco di Baviera', 'MUC'],
  ['Parigi', 'PAR'],
  ['Madrid', 'MAD'],
  ['Vienna', 'VIE'],
  ['Francoforte', 'FRA'],
] as const;

const OS_BY_LEVEL: Record<number, HostOs> = {
  9: 'Windows Server 2016',
  10: 'Windows Server 2019',
  11: 'Windows Server 2022',
  12: 'Windows Server 2025',
};
const STANDALONE_OS: Weighted<HostOs> = [
  ['Windows Server 2012 R2', 4],
  ['Windows Server 2016', 12],
  ['Windows Server 2019', 30],
  ['Windows Server 2022', 40],
  ['Windows Server 2025', 14],
];
/** Configuration versions each OS runs (as Get-VMHostSupportedVersion lists them), oldest first; see migration-rules.md 2.4. */
const CONFIG_VERSIONS: Record<HostOs, readonly string[]> = {
  'Windows Server 2012 R2': ['5.0'],
  'Windows Server 2016': ['5.0', '6.2', '7.0', '7.1', '8.0'],
  'Windows Server 2019': ['5.0', '6.2', '7.0', '7.1', '8.0', '8.1', '8.2', '8.3', '9.0'],
  'Windows Server 2022': ['8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0'],
  'Windows Server 2025': ['8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0', '11.0', '12.0'],
};
const CPU_GENERATIONS: Record<'Intel' | 'AMD', Record<HostOs, readonly string[]>> = {
  Intel: {
    'Windows Server 2012 R2': ['Haswell', 'Broadwell'],
    'Windows Server 2016': ['Broadwell', 'Skylake'],
    'Windows Server 2019': ['Skylake', 'Cascade Lake'],
    'Windows Server 2022': ['Cascade Lake', 'Ice Lake', 'Sapphire Rapids'],
    'Windows Server 2025': ['Sapphire Rapids', 'Emerald Rapids', 'Granite Rapids'],
  },
  AMD: {
    'Windows Server 2012 R2': ['Zen (Naples)'],
    'Windows Server 2016': ['Zen (Naples)'],
    'Windows Server 2019': ['Zen (Naples)', 'Zen 2 (Rome)'],
    'Windows Server 2022': ['Zen 3 (Milan)', 'Zen 4 (Genoa)'],
    'Windows Server 2025': ['Zen 4 (Genoa)', 'Zen 5 (Turin)'],
  },
};
const HOST_MEMORY_MB: Weighted<number> = [
  [131072, 8],
  [262144, 20],
  [393216, 18],
  [524288, 24],
  [786432, 16],
  [1048576, 10],
  [1572864, 4],
];
const SMB_VERSIONS: Weighted<string> = [
  ['3.1.1', 45],
  ['3.0', 35],
  ['3.0.2', 10],
  ['2.1', 10],
];

interface Profile {
  prefix: string;
  weight: number;
  memoryMB: readonly number[];
  cpus: readonly number[];
  /** Data disk sizes in GB, and how many data disks at most. */
  dataGB: readonly number[];
  dataDisks: number;
  dirty: readonly [number, number];
  /** Candidates for a guest cluster (a pair sharing a VHDX). */
  guestCluster?: boolean;
}
const PROFILES: readonly Profile[] = [
  { prefix: 'DC', weight: 4, memoryMB: [4096, 8192], cpus: [2, 4], dataGB: [], dataDisks: 0, dirty: [5, 15] },
  {
    prefix: 'SQL',
    weight: 10,
    memoryMB: [16384, 32768, 65536, 131072, 262144],
    cpus: [4, 8, 16, 24],
    dataGB: [256, 512, 1024, 2048],
    dataDisks: 3,
    dirty: [50, 400],
    guestCluster: true,
  },
  { prefix: 'EXCH', weight: 3, memoryMB: [32768, 65536, 98304], cpus: [8, 16], dataGB: [1024, 2048], dataDisks: 2, dirty: [40, 150] },
  { prefix: 'FILE', weight: 6, memoryMB: [8192, 16384], cpus: [2, 4], dataGB: [1024, 2048, 4096, 8192], dataDisks: 2, dirty: [5, 40], guestCluster: true },
  { prefix: 'WEB', weight: 16, memoryMB: [4096, 8192, 16384], cpus: [2, 4], dataGB: [40, 80], dataDisks: 1, dirty: [10, 80] },
  { prefix: 'APP', weight: 16, memoryMB: [8192, 16384, 32768], cpus: [4, 8], dataGB: [100, 200, 400], dataDisks: 1, dirty: [20, 150] },
  { prefix: 'SAP', weight: 2, memoryMB: [65536, 131072, 393216], cpus: [16, 32], dataGB: [512, 1024, 2048], dataDisks: 2, dirty: [100, 400] },
  { prefix: 'ERP', weight: 4, memoryMB: [16384, 32768, 65536], cpus: [8, 16], dataGB: [200, 500, 1000], dataDisks: 2, dirty: [50, 250] },
  { prefix: 'RDS', weight: 4, memoryMB: [32768, 65536], cpus: [8, 16], dataGB: [100, 300], dataDisks: 1, dirty: [30, 120] },
  { prefix: 'VDI', weight: 12, memoryMB: [4096, 8192], cpus: [2, 4], dataGB: [], dataDisks: 0, dirty: [20, 120] },
  { prefix: 'DEV', weight: 8, memoryMB: [4096, 8192, 16384], cpus: [2, 4, 8], dataGB: [50, 100, 200], dataDisks: 1, dirty: [5, 100] },
  { prefix: 'Contabilità', weight: 2, memoryMB: [16384, 32768], cpus: [4, 8], dataGB: [200, 500], dataDisks: 1, dirty: [20, 90] },
  { prefix: 'Magazzino', weight: 2, memoryMB: [8192, 16384], cpus: [4], dataGB: [100, 300], dataDisks: 1, dirty: [15, 60] },
  { prefix: 'Fatturazione', weight: 2, memoryMB: [16384, 32768], cpus: [4, 8], dataGB: [200, 400], dataDisks: 1, dirty: [20, 120] },
  { prefix: 'Ufficio Tecnico Àòè', weight: 1, memoryMB: [16384, 32768], cpus: [8], dataGB: [512, 1024], dataDisks: 1, dirty: [30, 90] },
  { prefix: "Archivio dell'Ufficio", weight: 1, memoryMB: [4096], cpus: [2], dataGB: [500, 1000], dataDisks: 1, dirty: [5, 20] },
];
const VM_STATES: Weighted<VmState> = [
  ['Running', 72],
  ['Off', 18],
  ['Saved', 6],
  ['Paused', 4],
];

interface Site {
  name: string;
  code: string;
  index: number;
  /** The site's host group and its Produzione and Sviluppo subgroups. */
  groups: readonly [string, string, string];
  shares: FileShare[];
  hostCount: number;
}
interface ClusterPlan {
  cluster: Cluster;
  nodes: Host[];
  csvStores: Store[];
}
/** Storage a VM can be placed on: a folder on a volume or share, and the GB placed there so far. */
interface Store {
  root: string;
  target: Volume | FileShare;
  usedGB: number;
}

const PROFILE_WEIGHTS: Weighted<Profile> = PROFILES.map((p) => [p, p.weight] as const);

/** Generates a valid `ferry-inventory` v1 estate; the same options always give the same document. */
export function generateInventory(options: GenerateOptions): InventoryDocument {
  const problem = optionsProblem(options);
  if (problem) throw new RangeError(problem);
  const rng = mulberry32(options.seed ?? 1);
  const clusterCount = options.clusters ?? Math.floor(options.hosts / 8);

  const allStores: Store[] = [];
  const newStore = (root: string, target: Volume | FileShare): Store => {
    const store = { root, target, usedGB: 0 };
    allStores.push(store);
    return store;
  };
  const sites = SITES.slice(0, Math.min(SITES.length, Math.ceil(options.hosts / 50))).map(([name, code], index): Site => ({
    name,
    code,
    index,
    groups: [`All Hosts/${name}`, `All Hosts/${name}/Produzione`, `All Hosts/${name}/Sviluppo`],
    shares: [],
    hostCount: 0,
  }));
  const fileShares: FileShare[] = [];
  const shareStore = new Map<FileShare, Store>();
  for (const site of sites) {
    const count = 1 + Math.floor(rng() * 3);
    for (let n = 1; n <= count; n++) {
      const share: FileShare = {
        path: `\\\\fs-${site.code.toLowerCase()}-0${n}.contoso.com\\vmstore`,
        smbVersion: weighted(rng, SMB_VERSIONS),
        capacityGB: pick(rng, [8192, 16384, 32768, 65536]),
        freeGB: 0,
      };
      site.shares.push(share);
      fileShares.push(share);
      shareStore.set(share, newStore(share.path, share));
    }
  }

  const hosts: Host[] = [];
  const siteOf = new Map<Host, Site>();
  const newHost = (site: Site, hostGroup: string, os: HostOs, cluster: string | null, hardware?: Host): Host => {
    site.hostCount += 1;
    const host = makeHost(rng, `HV-${site.code}-${String(site.hostCount).padStart(4, '0')}`, site, hostGroup, os, cluster, hardware);
    hosts.push(host);
    siteOf.set(host, site);
    return host;
  };
  // Where a host puts VMs: shared stores (CSVs, shares it reaches) for HA VMs, local ones for the others.
  const sharedStores = new Map<Host, Store[]>();
  const localStores = new Map<Host, Store[]>();
  const planOf = new Map<Host, ClusterPlan>();
  const clusters = clusterSizes(rng, clusterCount, options.hosts).map((nodes, i): Cluster => {
    const site = sites[i % sites.length];
    const level = weighted(rng, [
      [9, 10],
      [10, 30],
      [11, 45],
      [12, 15],
    ]);
    const cluster: Cluster = {
      name: `CL-${site.code}-${String(i + 1).padStart(3, '0')}`,
      hostGroup: site.groups[1],
      functionalLevel: level,
      maxParallelMigrations: rng() < 0.2 ? pick(rng, [2, 4, 8]) : null,
      sharedVolumes: Array.from({ length: 2 + Math.floor(rng() * 5) }, (_, n) => ({
        path: `C:\\ClusterStorage\\Volume${n + 1}`,
        capacityGB: pick(rng, [4096, 8192, 12288, 16384, 32768]),
        freeGB: 0,
      })),
    };
    const csvStores = cluster.sharedVolumes.map((v) => newStore(v.path, v));
    const plan: ClusterPlan = { cluster, nodes: [], csvStores };
    const shares = site.shares.filter((s) => s.smbVersion !== '2.1' && rng() < 0.4);
    for (let n = 0; n < nodes; n++) {
      const node = newHost(site, cluster.hostGroup, OS_BY_LEVEL[level], cluster.name, plan.nodes[0]);
      // A node now and then was added after the share permissions were granted: it cannot reach that share.
      const reached = shares.filter(() => rng() < 0.95);
      node.fileShares = reached.map((s) => s.path);
      node.defaultStorageLocations = [...cluster.sharedVolumes.map((v) => v.path), ...node.fileShares];
      sharedStores.set(
        node,
        reached.map((s) => shareStore.get(s)!),
      );
      localStores.set(
        node,
        node.volumes.map((v) => newStore(`${v.path}Hyper-V`, v)),
      );
      plan.nodes.push(node);
      planOf.set(node, plan);
    }
    return cluster;
  });
  for (let i = hosts.length; i < options.hosts; i++) {
    const site = sites[i % sites.length];
    const host = newHost(site, pick(rng, site.groups), weighted(rng, STANDALONE_OS), null);
    const reached = site.shares.filter(() => rng() < 0.4);
    host.fileShares = reached.map((s) => s.path);
    host.defaultStorageLocations = [...host.volumes.map((v) => `${v.path}Hyper-V`), ...reached.filter(() => rng() < 0.5).map((s) => s.path)];
    sharedStores.set(
      host,
      reached.map((s) => shareStore.get(s)!),
    );
    localStores.set(
      host,
      host.volumes.map((v) => newStore(`${v.path}Hyper-V`, v)),
    );
  }

  // VMs land on hosts in proportion to their memory; running ones only where memory is left.
  const freeMB = new Map(hosts.map((h) => [h, h.memory.totalMB - parentPartitionMB(h)]));
  const cumulative: number[] = [];
  let totalMB = 0;
  for (const h of hosts) cumulative.push((totalMB += h.memory.totalMB));
  const idMask = Math.floor(rng() * 0x1_0000_0000);
  const vms: Vm[] = [];
  const addVm = (host: Host, profile: Profile, state: VmState, configVersion: string, ha: boolean, sharedDisks: readonly VmDisk[]): void => {
    const plan = planOf.get(host);
    const memoryMB = pick(rng, profile.memoryMB);
    const runs = state === 'Running' || state === 'Paused';
    const fits = freeMB.get(host)! >= memoryMB;
    // Maintenance mode has moved running VMs away or saved them; a VM that does not fit was never started.
    const finalState: VmState = runs && host.maintenanceMode ? 'Saved' : runs && !fits ? 'Off' : state;
    if (finalState === 'Running' || finalState === 'Paused') freeMB.set(host, freeMB.get(host)! - memoryMB);
    const shared = sharedStores.get(host)!;
    const store =
      ha && plan
        ? shared.length > 0 && rng() < 0.15
          ? pick(rng, shared)
          : pick(rng, plan.csvStores)
        : !plan && shared.length > 0 && rng() < 0.12
          ? pick(rng, shared)
          : pick(rng, localStores.get(host)!);
    const index = vms.length;
    const name = `${profile.prefix}-${siteOf.get(host)!.code}-${String(index + 1).padStart(5, '0')}`;
    const configurationPath = `${store.root}\\${name}`;
    const disks: VmDisk[] = [{ path: `${configurationPath}\\Virtual Hard Disks\\os.vhdx`, sizeGB: pick(rng, [40, 60, 80, 127]), shared: false }];
    const dataDisks = Math.floor(rng() * (profile.dataDisks + 1));
    for (let d = 1; d <= dataDisks; d++) {
      disks.push({ path: `${configurationPath}\\Virtual Hard Disks\\data${d}.vhdx`, sizeGB: pick(rng, profile.dataGB), shared: false });
    }
    for (const disk of disks) store.usedGB += disk.sizeGB;
    disks.push(...sharedDisks.map((d) => ({ ...d })));
    const level = plan?.cluster.functionalLevel ?? null;
    vms.push({
      name,
      id: guid(rng, (index ^ idMask) >>> 0),
      host: host.name,
      state: finalState,
      highlyAvailable: ha,
      memoryMB,
      cpuCount: pick(rng, profile.cpus),
      configVersion,
      generation: configVersion === '5.0' ? (rng() < 0.7 ? 1 : 2) : rng() < 0.08 ? 1 : 2,
      processorCompatibility: rng() < 0.12,
      // A VM moved in from an older cluster keeps the older vector until it restarts.
      compatibilityVector: ha && level !== null ? (level > 9 && rng() < 0.02 ? level - 1 : level) : null,
      configurationPath,
      disks,
      dirtyRateMBps: finalState === 'Running' && rng() < 0.8 ? between(rng, profile.dirty[0], profile.dirty[1]) : null,
    });
  };

  while (vms.length < options.vms) {
    const host = hosts[bisect(cumulative, rng() * totalMB)];
    const profile = weighted(rng, PROFILE_WEIGHTS);
    const plan = planOf.get(host);
    const ha = plan !== undefined && rng() < 0.92;
    const state = weighted(rng, VM_STATES);
    const configVersion = versionFor(rng, host.os);
    if (plan && ha && profile.guestCluster && state === 'Running' && vms.length + 2 <= options.vms && rng() < 0.05) {
      // A guest cluster: two VMs on two nodes sharing a quorum and a data VHDX on one CSV.
      const csv = pick(rng, plan.csvStores);
      const folder = `${csv.root}\\GuestCluster-${String(vms.length + 1).padStart(5, '0')}`;
      const sharedDisks: VmDisk[] = [
        { path: `${folder}\\quorum.vhdx`, sizeGB: 1, shared: true },
        { path: `${folder}\\shared-data.vhdx`, sizeGB: pick(rng, [512, 1024, 2048]), shared: true },
      ];
      for (const disk of sharedDisks) csv.usedGB += disk.sizeGB;
      const others = plan.nodes.filter((n) => n !== host);
      addVm(host, profile, state, configVersion, true, sharedDisks);
      addVm(pick(rng, others), profile, state, configVersion, true, sharedDisks);
    } else {
      addVm(host, profile, state, configVersion, ha, []);
    }
  }

  for (const h of hosts) h.memory.availableMB = freeMB.get(h)!;
  for (const { target, usedGB } of allStores) {
    // Room for what is placed plus 15%; a tenth of the volume holds other data (ISOs, checkpoints, backups).
    target.capacityGB = Math.max(target.capacityGB, Math.ceil((usedGB * 1.15) / 128) * 128);
    target.freeGB = target.capacityGB - usedGB - Math.floor(target.capacityGB * 0.1);
  }

  return {
    format: 'ferry-inventory',
    version: 1,
    source: 'vmm',
    exportedAt: '2026-11-20T10:00:00Z',
    hostGroups: sites.flatMap((s) => s.groups),
    fileShares,
    clusters,
    hosts,
    vms,
  };
}

/** Writes a document as JSON, one record per line, which is fast and diffs well. */
export function formatInventoryJson(doc: InventoryDocument): string {
  const list = (items: readonly unknown[]): string => (items.length === 0 ? '[]' : `[\n    ${items.map((item) => JSON.stringify(item)).join(',\n    ')}\n  ]`);
  return [
    '{',
    `  "format": ${JSON.stringify(doc.format)},`,
    `  "version": ${doc.version},`,
    `  "source": ${JSON.stringify(doc.source)},`,
    `  "exportedAt": ${JSON.stringify(doc.exportedAt)},`,
    `  "hostGroups": ${list(doc.hostGroups)},`,
    `  "fileShares": ${list(doc.fileShares)},`,
    `  "clusters": ${list(doc.clusters)},`,
    `  "hosts": ${list(doc.hosts)},`,
    `  "vms": ${list(doc.vms)}`,
    '}',
    '',
  ].join('\n');
}

/** Parses the command line (without the node and script arguments); an error names the option at fault. */
export function parseGenerateArgs(argv: readonly string[]): Result<GenerateCommand> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return ok({ kind: 'help' });
    const match = /^(--[a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match) return err('invalid-option', `unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (!['--hosts', '--vms', '--clusters', '--seed', '--out'].includes(name)) return err('invalid-option', `unknown option ${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) return err('invalid-option', `${name}: expected a value`);
    values.set(name, value);
  }
  const numbers = new Map<string, number>();
  for (const name of ['--hosts', '--vms', '--clusters', '--seed']) {
    const raw = values.get(name);
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw)) return err('invalid-option', `${name}: expected a whole number, got "${raw}"`);
    numbers.set(name, Number(raw));
  }
  const hosts = numbers.get('--hosts');
  const vms = numbers.get('--vms');
  if (hosts === undefined) return err('invalid-option', '--hosts: required');
  if (vms === undefined) return err('invalid-option', '--vms: required');
  const options: GenerateOptions = { hosts, vms, clusters: numbers.get('--clusters'), seed: numbers.get('--seed') };
  const problem = optionsProblem(options);
  if (problem) return err('invalid-option', problem);
  const out = values.get('--out') ?? '-';
  if (out === '') return err('invalid-option', '--out: expected a file name, or "-" for stdout');
  return ok({ kind: 'generate', options, out });
}

function optionsProblem({ hosts, vms, clusters, seed }: GenerateOptions): string | null {
  const range = (name: string, value: number | undefined, min: number, max: number): string | null =>
    value === undefined || (Number.isSafeInteger(value) && value >= min && value <= max)
      ? null
      : `${name}: expected a whole number from ${min} to ${max}, got ${value}`;
  const problem =
    range('--hosts', hosts, 1, MAX_COUNT) ??
    range('--vms', vms, 0, MAX_COUNT) ??
    range('--clusters', clusters, 0, MAX_COUNT) ??
    range('--seed', seed, 0, 0xffff_ffff);
  if (problem) return problem;
  if (clusters !== undefined && clusters * NODES_MIN > hosts) {
    return `--clusters: ${clusters} clusters of at least ${NODES_MIN} nodes need ${clusters * NODES_MIN} hosts, but --hosts is ${hosts}`;
  }
  return null;
}

/** Node counts of the clusters: 4 to 16 each, together about 85% of the hosts when that many fit. */
function clusterSizes(rng: Rng, clusters: number, hosts: number): number[] {
  const sizes = new Array<number>(clusters).fill(NODES_MIN);
  const budget = Math.min(NODES_MAX * clusters, Math.max(NODES_MIN * clusters, Math.round(hosts * 0.85)));
  for (let extra = budget - NODES_MIN * clusters; extra > 0; extra--) {
    let i = Math.floor(rng() * clusters);
    while (sizes[i] === NODES_MAX) i = (i + 1) % clusters;
    sizes[i] += 1;
  }
  return sizes;
}

function makeHost(rng: Rng, name: string, site: Site, hostGroup: string, os: HostOs, cluster: string | null, hardware?: Host): Host {
  // Nodes of one cluster are one hardware model: the first node's CPU and memory.
  const vendor = hardware?.cpu.vendor ?? (rng() < 0.75 ? 'Intel' : 'AMD');
  const generations = CPU_GENERATIONS[vendor === 'AMD' ? 'AMD' : 'Intel'][os];
  const totalMB = hardware?.memory.totalMB ?? weighted(rng, HOST_MEMORY_MB);
  const state = weighted(rng, [
    ['Responding', 965],
    ['NotResponding', 20],
    ['Updating', 15],
  ] as const);
  const gbps = weighted(rng, [
    [1, 5],
    [10, 45],
    [25, 35],
    [40, 10],
    [100, 5],
  ]);
  const rdma = gbps >= 25 && rng() < 0.65;
  const subnet = `10.${20 + site.index}.50.0/24`;
  const useAnyNetwork = rng() < 0.15;
  const localGB = cluster ? [pick(rng, [480, 960])] : [pick(rng, [960, 1920, 3840, 7680, 15360])];
  if (!cluster && rng() < 0.3) localGB.push(pick(rng, [1920, 3840, 7680]));
  return {
    name,
    fqdn: `${name.toLowerCase()}.contoso.com`,
    hostGroup,
    cluster,
    os,
    supportedConfigVersions: rng() < 0.03 ? [...CONFIG_VERSIONS[os]] : null,
    state,
    maintenanceMode: rng() < 0.02,
    cpu: {
      vendor,
      generation: hardware?.cpu.generation ?? pick(rng, generations),
      logicalProcessors: hardware?.cpu.logicalProcessors ?? pick(rng, [32, 40, 48, 64, 80, 96, 128, 192]),
      usagePercent: state === 'NotResponding' ? 0 : between(rng, 2, 90),
    },
    memory: { totalMB, availableMB: 0, reserveMB: rng() < 0.9 ? 256 : 2048 },
    liveMigration: {
      enabled: rng() < 0.95,
      maxLive: weighted(rng, [
        [2, 75],
        [4, 20],
        [8, 5],
      ]),
      maxStorage: weighted(rng, [
        [2, 80],
        [4, 20],
      ]),
      performanceOption:
        rdma && rng() < 0.6
          ? 'SMB'
          : weighted(rng, [
              ['Compression', 80],
              ['TCPIP', 20],
            ] as const),
      authentication: rng() < 0.8 ? 'Kerberos' : 'CredSSP',
      useAnyNetwork,
      networks: useAnyNetwork ? [] : [subnet],
    },
    migrationNetwork: { gbps, rdma, nics: 1 + Math.floor(rng() * 4) },
    fileShares: [],
    volumes: localGB.map((capacityGB, i) => ({ path: `${'DE'[i]}:\\`, capacityGB, freeGB: 0 })),
    defaultStorageLocations: [],
  };
}

function parentPartitionMB(host: Host): number {
  return 4096 + Math.round(host.memory.totalMB * 0.01);
}

function versionFor(rng: Rng, os: HostOs): string {
  const versions = CONFIG_VERSIONS[os];
  return rng() < 0.55 ? versions[versions.length - 1] : pick(rng, versions);
}

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function weighted<T>(rng: Rng, entries: Weighted<T>): T {
  let total = 0;
  for (const [, w] of entries) total += w;
  let r = rng() * total;
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}

function between(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng() * (high - low + 1));
}

function bisect(cumulative: readonly number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A version 4 GUID whose last 8 hex digits are `unique`, so ids never collide whatever the PRNG draws. */
function guid(rng: Rng, unique: number): string {
  const h = (bits: number, width: number): string =>
    Math.floor(rng() * 2 ** bits)
      .toString(16)
      .padStart(width, '0');
  const variant = (8 + Math.floor(rng() * 4)).toString(16);
  return `${h(32, 8)}-${h(16, 4)}-4${h(12, 3)}-${variant}${h(12, 3)}-${h(16, 4)}${unique.toString(16).padStart(8, '0')}`;
}

function runCli(argv: readonly string[]): void {
  const parsed = parseGenerateArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`gen-inventory: ${parsed.error.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.value.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options, out } = parsed.value;
  const started = performance.now();
  const doc = generateInventory(options);
  const json = formatInventoryJson(doc);
  if (out === '-') process.stdout.write(json);
  else writeFileSync(out, json);
  const ms = Math.round(performance.now() - started);
  process.stderr.write(
    `gen-inventory: ${doc.hosts.length} hosts (${doc.clusters.length} clusters), ${doc.vms.length} VMs, seed ${options.seed ?? 1}, ` +
      `written to ${out === '-' ? 'stdout' : out} in ${ms} ms\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) runCli(process.argv.slice(2));
