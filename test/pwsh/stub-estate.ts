import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InventoryDocument } from '../../shared/model/inventory.js';

/** The stub modules (Hyper-V, FailoverClusters, CIM), put first on PSModulePath for a test's pwsh. */
export const STUB_MODULES = fileURLToPath(new URL('./modules', import.meta.url));

/**
 * PowerShell 7 for the tests: FERRY_PWSH, else `pwsh` on PATH, else /opt/pwsh/pwsh (where .ci/run installs
 * it); null when none is there (the PowerShell tests then skip, and `npm test` says so).
 */
export function findPwsh(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.FERRY_PWSH) return existsSync(env.FERRY_PWSH) ? env.FERRY_PWSH : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'pwsh'))) return join(dir, 'pwsh');
  }
  return existsSync('/opt/pwsh/pwsh') ? '/opt/pwsh/pwsh' : null;
}

/** A failure a stub raises as the real module would: message, HRESULT, error id, category. */
export interface StubFailure {
  message: string;
  hresult?: number;
  errorId?: string;
  category?: string;
  host?: string;
  inner?: { message: string; hresult: number };
}

/** What the stubs describe: hosts, VMs, clusters, how a move goes, Compare-VM's findings, failures. */
export interface StubEstate {
  localHost: string;
  hosts: Record<string, unknown>[];
  vms: Record<string, unknown>[];
  clusters: Record<string, unknown>[];
  move?: { percents?: number[]; outcome?: 'complete' | 'fail' | 'hang'; failure?: StubFailure };
  compare?: { messageId: number; message: string }[];
  fail?: Record<string, StubFailure>;
  /** The FailoverClusters module of Windows Server 2019 and earlier: no Get-ClusterAffinityRule. */
  noAffinityCmdlet?: boolean;
}

/** Get-ClusterAffinityRule's RuleType (CLUS_AFFINITY_RULE_TYPE) for a rule type of the format. */
const RULE_TYPE = { SameNode: 2, DifferentNode: 4 } as const;

/** One call a stub logged: the cmdlet, the parameter set PowerShell bound, the parameters and their .NET types. */
export interface StubCall {
  cmdlet: string;
  parameterSet: string;
  params: Record<string, unknown>;
  types: Record<string, string>;
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** The estate an inventory describes, as the stubs serve it (Get-VMHost, Get-VM, Get-Cluster...). */
export function estateOf(doc: InventoryDocument): StubEstate {
  return {
    localHost: doc.hosts[0]?.name ?? '',
    hosts: doc.hosts.map((h) => ({
      name: h.name,
      fqdn: h.fqdn,
      cluster: h.cluster,
      vmHost: {
        FullyQualifiedDomainName: h.fqdn.split('.').slice(1).join('.'),
        LogicalProcessorCount: h.cpu.logicalProcessors,
        MemoryCapacity: h.memory.totalMB * MIB,
        VirtualMachineMigrationEnabled: h.liveMigration.enabled,
        MaximumVirtualMachineMigrations: h.liveMigration.maxLive,
        MaximumStorageMigrations: h.liveMigration.maxStorage,
        VirtualMachineMigrationPerformanceOption: h.liveMigration.performanceOption,
        VirtualMachineMigrationAuthenticationType: h.liveMigration.authentication,
        UseAnyNetworkForMigration: h.liveMigration.useAnyNetwork,
        VirtualHardDiskPath: h.defaultStorageLocations[0] ?? '',
        VirtualMachinePath: h.defaultStorageLocations[0] ?? '',
        SupportedVmVersions: ['8.0', '9.0', '10.0'],
      },
      os: {
        Caption: `Microsoft ${h.os} Datacenter`,
        Version: '10.0.20348',
        BuildNumber: '20348',
        FreePhysicalMemory: h.memory.availableMB * 1024,
        TotalVisibleMemorySize: h.memory.totalMB * 1024,
      },
      processors: [
        {
          Manufacturer: 'GenuineIntel',
          Name: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
          Caption: 'Intel64 Family 6 Model 106 Stepping 6',
          LoadPercentage: h.cpu.usagePercent,
          NumberOfLogicalProcessors: h.cpu.logicalProcessors,
        },
      ],
      volumes: h.volumes.map((v) => ({ DriveLetter: v.path.slice(0, 2), Name: v.path, Capacity: v.capacityGB * GIB, FreeSpace: v.freeGB * GIB })),
      netAdapters: [{ Name: 'SLOT 1', Speed: h.migrationNetwork.gbps * 1e9, ConnectorPresent: true, MediaConnectState: 1 }],
      rdma: [{ Name: 'SLOT 1', Enabled: h.migrationNetwork.rdma }],
      smbConnections: [],
      migrationNetworks: h.liveMigration.networks.map((n, i) => ({ Subnet: n, Priority: i })),
    })),
    vms: doc.vms.map((v) => ({
      name: v.name,
      id: v.id,
      host: v.host,
      state: v.state,
      isClustered: v.highlyAvailable,
      // A paused VM keeps its memory, as a running one does.
      memoryAssigned: v.state === 'Running' || v.state === 'Paused' ? v.memoryMB * MIB : 0,
      memoryStartup: v.memoryMB * MIB,
      processorCount: v.cpuCount,
      version: v.configVersion,
      generation: v.generation,
      path: v.configurationPath,
      compatibilityForMigration: v.processorCompatibility,
      possibleOwners: v.possibleOwners ?? null,
      preferredOwners: v.preferredOwners ?? [],
      availabilitySets: v.availabilitySets ?? [],
      disks: v.disks.map((d, i) => ({
        path: d.path,
        controllerType: 'SCSI',
        controllerNumber: 0,
        controllerLocation: i,
        shared: d.shared,
        format: 'VHDX',
        type: 'Dynamic',
        size: d.sizeGB * GIB,
        fileSize: d.sizeGB * GIB,
      })),
    })),
    clusters: doc.clusters.map((c) => ({
      name: c.name,
      domain: 'contoso.com',
      functionalLevel: c.functionalLevel,
      maxParallel: c.maxParallelMigrations ?? 1,
      nodes: doc.hosts.filter((h) => h.cluster === c.name).map((h) => ({ name: h.name, state: 'Up', version: 11 })),
      csvs: c.sharedVolumes.map((v, i) => ({ name: `Cluster Disk ${i + 1}`, path: v.path, size: v.capacityGB * GIB, free: v.freeGB * GIB })),
      // A VM's role (cluster group) is named after the VM; a rule lists the groups of its VMs.
      affinityRules: (doc.affinityRules ?? [])
        .filter((r) => r.vms.some((name) => doc.hosts.find((h) => h.name === doc.vms.find((v) => v.name === name)?.host)?.cluster === c.name))
        .map((r) => ({ name: r.name, ruleType: RULE_TYPE[r.type], groups: r.vms, enabled: 1 })),
    })),
  };
}

const STUB_TYPES = fileURLToPath(new URL('./FerryStubTypes.cs', import.meta.url));
let stubTypesDll: string | null | undefined;

/**
 * The stubs' .NET types (FerryStubTypes.cs) compiled once into a DLL, named by the source's hash: each pwsh the
 * tests start then loads it instead of compiling the C# again (about 2 s a process). Null when it can't be built
 * (FerryStubCore.ps1 then compiles the source itself, as before).
 */
function stubTypesAssembly(): string | null {
  if (stubTypesDll !== undefined) return stubTypesDll;
  const pwsh = findPwsh();
  const source = readFileSync(STUB_TYPES);
  const dll = join(tmpdir(), `ferry-stub-types-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.dll`);
  if (pwsh && !existsSync(dll)) {
    // Built beside its final name, then renamed: test workers building at once each end with a whole file.
    const partial = `${dll}.${process.pid}.partial`;
    const script = `Add-Type -Path $env:FERRY_STUB_TYPES_SOURCE -OutputAssembly $env:FERRY_STUB_TYPES_OUT -OutputType Library -ErrorAction Stop`;
    const built = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', script], {
      env: { ...process.env, FERRY_STUB_TYPES_SOURCE: STUB_TYPES, FERRY_STUB_TYPES_OUT: partial, POWERSHELL_TELEMETRY_OPTOUT: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (built.status === 0 && existsSync(partial)) renameSync(partial, dll);
    else rmSync(partial, { force: true });
  }
  stubTypesDll = existsSync(dll) ? dll : null;
  return stubTypesDll;
}

/** A folder for one pwsh run: the estate file, the call log, and the environment that points the stubs at them. */
export function stubRun(estate: StubEstate): { dir: string; env: Record<string, string>; calls: () => StubCall[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-pwsh-'));
  const estatePath = join(dir, 'estate.json');
  const callsPath = join(dir, 'calls.jsonl');
  writeFileSync(estatePath, JSON.stringify(estate));
  writeFileSync(callsPath, '');
  return {
    dir,
    env: {
      PSModulePath: STUB_MODULES,
      FERRY_STUB_ESTATE: estatePath,
      FERRY_STUB_CALLS: callsPath,
      POWERSHELL_TELEMETRY_OPTOUT: '1',
      POWERSHELL_UPDATECHECK: 'Off',
      ...(stubTypesAssembly() ? { FERRY_STUB_TYPES_DLL: stubTypesAssembly() as string } : {}),
      ...(estate.noAffinityCmdlet ? { FERRY_STUB_NO_AFFINITY_CMDLET: '1' } : {}),
    },
    calls: () =>
      readFileSync(callsPath, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as StubCall),
  };
}
