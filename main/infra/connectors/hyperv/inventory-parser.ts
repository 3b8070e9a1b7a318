import { groupText, plural, said, say, text, type Text, type TextKey } from '../../../../shared/i18n/text.js';
import type { ImportProblem } from '../../../../shared/model/import.js';
import type { AffinityRule, Cluster, FileShare, Host, InventoryDocument, Vm } from '../../../../shared/model/inventory.js';
import { err, ok, type Result } from '../../../../shared/model/result.js';
import { parseInventory } from '../../importers/ferry-inventory.js';
import { keepUnreadRuleFields, pruneRulesToEstate } from '../../../domain/inventory/placement-rule-checks.js';
import { importProblem } from '../../../domain/inventory/inventory-rules.js';
import {
  authenticationOf,
  bytesToGB,
  bytesToMB,
  clusterNodeStateOf,
  cpuGenerationOf,
  cpuVendorOf,
  hostOsOf,
  kbToMB,
  performanceOptionOf,
  vmStateOf,
} from './hyperv-enums.js';
import { affinityRulesOf, vmPlacements, withPlacement } from './placement-read.js';

/** A host the read script could not reach, with what PowerShell said. */
export interface UnreadHost {
  computerName: string;
  error: { message: string; hresults: string[]; errorId: string; category: string };
}

/** What a read of a host group turned into: ferry-inventory records, and the hosts that could not be read. */
export interface HostGroupRead {
  readAt: string | null;
  hosts: Host[];
  clusters: Cluster[];
  vms: Vm[];
  fileShares: FileShare[];
  /** The clusters' affinity rules between the VMs read (migration-rules.md section 8). */
  affinityRules: AffinityRule[];
  unread: UnreadHost[];
}

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** ConvertTo-Json writes a one-item pipeline as an object, not an array: always answer an array. */
const list = (v: unknown): unknown[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** What the read reported where a field was expected, as a sentence's part. */
function describe(value: unknown): Text | string {
  if (value === undefined) return text('import.value.nothing');
  if (value === null) return 'null';
  if (typeof value === 'string') return text('import.value.string', { value: JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) });
  if (typeof value === 'number') return text('import.value.number', { value: String(value) });
  if (typeof value === 'boolean') return String(value);
  return text(Array.isArray(value) ? 'import.value.array' : 'import.value.object');
}

/** "expected <what>, got <value>" as a sentence. */
function expectedGot(what: TextKey, value: unknown): Text {
  return text('import.got', { expected: text('import.expect.type', { type: text(what) }), got: describe(value) });
}

/** Reads fields of one raw record, noting a problem (record and field) for each one that is wrong. */
class Reader {
  constructor(
    private readonly problems: ImportProblem[],
    private readonly at: string,
    private readonly rec: Rec,
  ) {}

  private bad(field: string, expected: TextKey): void {
    this.problems.push(importProblem(`${this.at}.${field}`, expectedGot(expected, this.rec[field])));
  }

  str(field: string): string | null {
    const v = this.rec[field];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    this.bad(field, 'import.type.nonEmptyString');
    return null;
  }

  optStr(field: string): string | null {
    const v = this.rec[field];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  }

  num(field: string, what: TextKey = 'import.type.number'): number | null {
    const v = this.rec[field];
    const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) return n;
    this.bad(field, what);
    return null;
  }

  optNum(field: string): number | null {
    const v = this.rec[field];
    const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
  }

  bool(field: string): boolean | null {
    const v = this.rec[field];
    if (typeof v === 'boolean') return v;
    this.bad(field, 'import.type.boolean');
    return null;
  }

  optBool(field: string): boolean | null {
    const v = this.rec[field];
    return typeof v === 'boolean' ? v : null;
  }

  enumOf<T>(field: string, map: (v: unknown) => T | null, expected: TextKey): T | null {
    const t = map(this.rec[field]);
    if (t === null) this.bad(field, expected);
    return t;
  }

  /** A Guid as ConvertTo-Json writes it: a string, or `{ "Guid": "..." }`. */
  guid(field: string): string | null {
    const v = this.rec[field];
    const s = typeof v === 'string' ? v : isRec(v) && typeof v.Guid === 'string' ? v.Guid : null;
    if (s && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s.trim())) return s.trim().toLowerCase();
    this.bad(field, 'import.type.guid');
    return null;
  }
}

const key = (s: string): string => s.toLowerCase();

/** Compares dotted versions ("3.1.1" > "3.0.2"). */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `\\server\share` from an SMB path (UNC root), or null. */
function uncRoot(path: string): string | null {
  const m = /^(\\\\[^\\]+\\[^\\]+)/.exec(path);
  return m ? m[1] : null;
}

/** `HV-MI-11.contoso.com` from Get-VMHost's Name and FullyQualifiedDomainName (which is the DNS domain). */
function fqdnOf(name: string, domain: string | null, computerName: string): string {
  if (computerName.includes('.') && key(computerName).startsWith(`${key(name)}.`)) return computerName;
  if (domain && domain.includes('.')) return key(domain).startsWith(`${key(name)}.`) ? domain : `${name}.${domain}`;
  return computerName.includes('.') ? computerName : name;
}

/**
 * Turns what Read-FerryHostGroup.ps1 reported (Get-VMHost, Get-VM, Get-VMHardDiskDrive, Get-VHD,
 * Get-VMMigrationNetwork, Get-Cluster, Get-ClusterNode, Get-ClusterSharedVolume and CIM classes, as
 * ConvertTo-Json wrote them) into ferry-inventory records for one host group: numeric enums to words,
 * bytes and KB to MB and GB. Answers the records, or every problem found, each naming its record and
 * field (`hosts[0] (hv-mi-11).vmHost.MemoryCapacity: expected a number of bytes, got …`).
 */
export function hostGroupRecords(raw: unknown, hostGroup: string): Result<HostGroupRead> {
  const problems: ImportProblem[] = [];
  if (!isRec(raw) || (!Array.isArray(raw.hosts) && !isRec(raw.hosts))) {
    return err('hyperv-read-invalid', say('import.hypervNoHosts'), {
      problems: [importProblem('hosts', expectedGot('import.type.array', isRec(raw) ? raw.hosts : raw))],
    });
  }
  const hosts: Host[] = [];
  const vms: Vm[] = [];
  const clusters = new Map<string, Cluster>();
  const unread: UnreadHost[] = [];
  const shareDialects = new Map<string, string>();
  const rawRules: unknown[] = [];
  const groupVm = new Map<string, string>();

  list(raw.hosts).forEach((entry, i) => {
    const base = `hosts[${i}]`;
    if (!isRec(entry)) {
      problems.push(importProblem(base, expectedGot('import.type.object', entry)));
      return;
    }
    const computerName = typeof entry.computerName === 'string' ? entry.computerName : `#${i}`;
    const at = `${base} (${computerName})`;
    if (entry.ok === false) {
      const e = isRec(entry.error) ? entry.error : {};
      unread.push({
        computerName,
        error: {
          message: typeof e.message === 'string' ? e.message : '',
          hresults: list(e.hresults).map(String),
          errorId: typeof e.errorId === 'string' ? e.errorId : '',
          category: typeof e.category === 'string' ? e.category : '',
        },
      });
      return;
    }
    const data = isRec(entry.data) ? entry.data : null;
    if (!data || !isRec(data.vmHost)) {
      problems.push(importProblem(`${at}.data.vmHost`, expectedGot('import.type.getVmHost', data?.vmHost)));
      return;
    }
    const vh = new Reader(problems, `${at}.vmHost`, data.vmHost);
    const os = new Reader(problems, `${at}.os`, isRec(data.os) ? data.os : {});
    const name = vh.str('Name');
    const totalBytes = vh.num('MemoryCapacity', 'import.type.bytes');
    const freeKB = os.num('FreePhysicalMemory', 'import.type.kb');
    const hostOs = hostOsOf((data.os as Rec | undefined)?.Caption, (data.os as Rec | undefined)?.BuildNumber);
    if (hostOs === null) {
      const caption = (data.os as Rec | undefined)?.Caption;
      problems.push(importProblem(`${at}.os.Caption`, text('import.got', { expected: text('import.expect.windowsServer'), got: describe(caption) })));
    }
    const enabled = vh.bool('VirtualMachineMigrationEnabled');
    const maxLive = vh.num('MaximumVirtualMachineMigrations');
    const maxStorage = vh.num('MaximumStorageMigrations');
    const performanceOption = vh.enumOf('VirtualMachineMigrationPerformanceOption', performanceOptionOf, 'import.type.performanceOption');
    const authentication = vh.enumOf('VirtualMachineMigrationAuthenticationType', authenticationOf, 'import.type.authentication');
    const useAnyNetwork = vh.bool('UseAnyNetworkForMigration');

    const processors = list(data.processors).filter(isRec);
    const first = processors[0] ?? {};
    const loads = processors.map((p) => p.LoadPercentage).filter((n): n is number => typeof n === 'number');
    const logical =
      vh.optNum('LogicalProcessorCount') ??
      processors.reduce((n, p) => n + (typeof p.NumberOfLogicalProcessors === 'number' ? p.NumberOfLogicalProcessors : 0), 0);
    if (processors.length === 0) problems.push(importProblem(`${at}.processors`, text('import.hyperv.noProcessors')));

    const networks = list(data.migrationNetworks)
      .filter(isRec)
      .map((n) => ({ subnet: typeof n.Subnet === 'string' ? n.Subnet : '', priority: typeof n.Priority === 'number' ? n.Priority : Number.MAX_SAFE_INTEGER }))
      .filter((n) => n.subnet !== '')
      .sort((a, b) => a.priority - b.priority)
      .map((n) => n.subnet);

    const adapters = list(data.netAdapters)
      .filter(isRec)
      .map((a) => (typeof a.Speed === 'number' ? a.Speed : 0))
      .filter((s) => s > 0);
    const rdma = list(data.rdma)
      .filter(isRec)
      .some((r) => r.Enabled === true);

    const volumes = list(data.volumes)
      .filter(isRec)
      .flatMap((v, k) => {
        const r = new Reader(problems, `${at}.volumes[${k}]`, v);
        const path = r.optStr('Name') ?? (typeof v.DriveLetter === 'string' ? `${v.DriveLetter}\\` : null);
        const capacity = r.num('Capacity', 'import.type.bytes');
        const free = r.num('FreeSpace', 'import.type.bytes');
        return path && capacity !== null && free !== null ? [{ path, capacityGB: bytesToGB(capacity), freeGB: bytesToGB(free) }] : [];
      });

    const smb = list(data.smbConnections)
      .filter(isRec)
      .flatMap((c) => {
        if (typeof c.ServerName !== 'string' || typeof c.ShareName !== 'string') return [];
        const path = `\\\\${c.ServerName}\\${c.ShareName}`;
        // Hosts may negotiate different dialects with one share: it speaks at least the highest.
        const seen = shareDialects.get(key(path));
        if (typeof c.Dialect === 'string' && (seen === undefined || compareVersions(c.Dialect, seen) > 0)) shareDialects.set(key(path), c.Dialect);
        return [path];
      });

    const defaults: string[] = [];
    for (const p of [vh.optStr('VirtualMachinePath'), vh.optStr('VirtualHardDiskPath')]) {
      if (p && !defaults.some((d) => key(d) === key(p))) defaults.push(p);
    }

    let clusterName: string | null = null;
    let maintenanceMode = false;
    if (isRec(data.cluster)) {
      const cr = new Reader(problems, `${at}.cluster`, data.cluster);
      clusterName = cr.str('Name');
      const level = cr.num('ClusterFunctionalLevel');
      const parallel = cr.optNum('MaximumParallelMigrations');
      if (clusterName && level !== null && !clusters.has(key(clusterName))) {
        clusters.set(key(clusterName), {
          name: clusterName,
          hostGroup,
          functionalLevel: level,
          maxParallelMigrations: parallel !== null && parallel >= 1 ? parallel : null,
          sharedVolumes: list(data.clusterSharedVolumes)
            .filter(isRec)
            .flatMap((v, k) => {
              const r = new Reader(problems, `${at}.clusterSharedVolumes[${k}]`, v);
              const path = r.str('FriendlyVolumeName');
              const size = r.num('Size', 'import.type.bytes');
              const free = r.num('FreeSpace', 'import.type.bytes');
              return path && size !== null && free !== null ? [{ path, capacityGB: bytesToGB(size), freeGB: bytesToGB(free) }] : [];
            }),
        });
      }
      const self = name
        ? list(data.clusterNodes)
            .filter(isRec)
            .find((n) => typeof n.Name === 'string' && key(n.Name) === key(name))
        : undefined;
      maintenanceMode = self ? clusterNodeStateOf(self.State) === 'Paused' : false;
    }

    const versions = Array.isArray((data.vmHost as Rec).SupportedVmVersions)
      ? ((data.vmHost as Rec).SupportedVmVersions as unknown[]).filter((v): v is string => typeof v === 'string' && /^\d+\.\d+$/.test(v))
      : [];

    const hostOk =
      name !== null &&
      totalBytes !== null &&
      freeKB !== null &&
      hostOs !== null &&
      enabled !== null &&
      maxLive !== null &&
      maxStorage !== null &&
      performanceOption !== null &&
      authentication !== null &&
      useAnyNetwork !== null;
    if (name === null) return;
    if (hostOk)
      hosts.push({
        name,
        fqdn: fqdnOf(name, vh.optStr('FullyQualifiedDomainName'), computerName),
        hostGroup,
        cluster: clusterName,
        os: hostOs,
        supportedConfigVersions: versions.length > 0 ? versions.sort((a, b) => Number(a) - Number(b)) : null,
        state: 'Responding',
        maintenanceMode,
        cpu: {
          vendor: cpuVendorOf(typeof first.Manufacturer === 'string' ? first.Manufacturer : 'Unknown'),
          generation: cpuGenerationOf(typeof first.Caption === 'string' ? first.Caption : null, typeof first.Name === 'string' ? first.Name : null),
          logicalProcessors: Math.max(1, logical),
          usagePercent: loads.length > 0 ? Math.min(100, Math.round(loads.reduce((a, b) => a + b, 0) / loads.length)) : 0,
        },
        memory: { totalMB: bytesToMB(totalBytes), availableMB: Math.min(bytesToMB(totalBytes), kbToMB(freeKB)), reserveMB: 256 },
        liveMigration: { enabled, maxLive, maxStorage, performanceOption, authentication, useAnyNetwork, networks },
        migrationNetwork:
          adapters.length > 0
            ? { gbps: Math.round((Math.max(...adapters) / 1e9) * 10) / 10, rdma, nics: adapters.filter((s) => s === Math.max(...adapters)).length }
            : { gbps: 10, rdma, nics: 1 },
        fileShares: smb,
        volumes,
        defaultStorageLocations: defaults,
      });

    // VMs of this host, with their processors and disks.
    const compat = new Map(
      list(data.vmProcessors)
        .filter(isRec)
        .map((p) => [key(String(p.VMName)), p.CompatibilityForMigrationEnabled === true]),
    );
    const vhdSize = new Map(
      list(data.vhds)
        .filter(isRec)
        .map((v) => {
          const file = typeof v.FileSize === 'number' && v.FileSize > 0 ? v.FileSize : typeof v.Size === 'number' ? v.Size : 0;
          return [key(String(v.Path)), file] as const;
        }),
    );
    const drives = list(data.hardDiskDrives).filter(isRec);
    const placements = vmPlacements(data, at, problems);
    rawRules.push(...list(data.affinityRules));
    list(data.vms).forEach((raw, k) => {
      const vat = `${at}.vms[${k}]`;
      if (!isRec(raw)) {
        problems.push(importProblem(vat, expectedGot('import.type.object', raw)));
        return;
      }
      const r = new Reader(problems, `${vat}${typeof raw.Name === 'string' ? ` (${raw.Name})` : ''}`, raw);
      const vmName = r.str('Name');
      const id = r.guid('Id');
      const state = r.enumOf('State', vmStateOf, 'import.type.vmState');
      const running = state === 'Running' || state === 'Paused';
      const memoryBytes = running ? r.num('MemoryAssigned', 'import.type.bytes') : r.num('MemoryStartup', 'import.type.bytes');
      const configPath = r.optStr('ConfigurationLocation') ?? r.str('Path');
      const version = r.str('Version');
      if (vmName === null || id === null || state === null || memoryBytes === null || configPath === null || version === null) return;
      const placement = placements.get(id.toLowerCase());
      if (placement) groupVm.set(placement.group.toLowerCase(), vmName);
      const vm: Vm = {
        name: vmName,
        id,
        host: name,
        state,
        highlyAvailable: r.optBool('IsClustered') ?? false,
        memoryMB: bytesToMB(memoryBytes),
        cpuCount: Math.max(1, r.optNum('ProcessorCount') ?? 1),
        configVersion: version,
        generation: r.optNum('Generation') === 1 ? 1 : 2,
        processorCompatibility: compat.get(key(vmName)) ?? false,
        compatibilityVector: null,
        configurationPath: configPath,
        disks: drives
          .filter((d) => typeof d.VMName === 'string' && key(d.VMName) === key(vmName) && typeof d.Path === 'string' && d.Path !== '')
          .map((d) => ({
            path: d.Path as string,
            sizeGB: bytesToGB(vhdSize.get(key(d.Path as string)) ?? 0),
            shared: d.SupportPersistentReservations === true,
          })),
        dirtyRateMBps: null,
      };
      vms.push(withPlacement(vm, placement));
    });
  });

  // Shares the hosts use, with the capacity the read measured; only those can be referenced.
  const fileShares: FileShare[] = [];
  list(raw.shares)
    .filter(isRec)
    .forEach((s, k) => {
      const r = new Reader(problems, `shares[${k}]`, s);
      const path = r.str('Path');
      const total = r.num('TotalSize', 'import.type.bytes');
      const free = r.num('FreeSpace', 'import.type.bytes');
      if (!path || total === null || free === null || !uncRoot(path)) return;
      fileShares.push({ path, smbVersion: shareDialects.get(key(path)) ?? '3.0', capacityGB: bytesToGB(total), freeGB: bytesToGB(free) });
    });
  const known = new Set(fileShares.map((s) => key(s.path)));
  for (const h of hosts) h.fileShares = h.fileShares.filter((p, i, all) => known.has(key(p)) && all.findIndex((q) => key(q) === key(p)) === i);

  if (problems.length > 0) {
    return err('hyperv-read-invalid', said(plural('import.hypervInvalid', problems.length, { group: groupText(hostGroup) })), { problems });
  }
  const affinityRules = affinityRulesOf(rawRules, groupVm);
  return ok({ readAt: typeof raw.readAt === 'string' ? raw.readAt : null, hosts, clusters: [...clusters.values()], vms, fileShares, affinityRules, unread });
}

/**
 * Puts a host group's fresh records into an inventory in place of the group's old ones, and validates
 * the result exactly as an import (parseInventory). Hosts that could not be read keep their last known
 * record, marked NotResponding, with their VMs; other groups are untouched.
 */
export function mergeHostGroup(current: InventoryDocument, hostGroup: string, read: HostGroupRead): Result<InventoryDocument> {
  const g = key(hostGroup);
  const unread = new Set(read.unread.map((u) => key(u.computerName)));
  const isUnread = (h: Host): boolean => unread.has(key(h.name)) || unread.has(key(h.fqdn));
  const oldGroupHosts = current.hosts.filter((h) => key(h.hostGroup) === g);
  const keptHosts = oldGroupHosts.filter(isUnread).map((h): Host => ({ ...h, state: 'NotResponding' }));
  const freshNames = new Set(read.hosts.map((h) => key(h.name)));
  const replaced = new Set(oldGroupHosts.filter((h) => !isUnread(h)).map((h) => key(h.name)));
  for (const n of freshNames) replaced.add(n);

  const hosts = [...current.hosts.filter((h) => key(h.hostGroup) !== g && !freshNames.has(key(h.name))), ...keptHosts, ...read.hosts];
  const freshVmNames = new Set(read.vms.map((v) => key(v.name)));
  // VMs of hosts that were read come from the read; those of unread hosts (and other groups) stay.
  const vms = [...current.vms.filter((v) => !replaced.has(key(v.host)) && !freshVmNames.has(key(v.name))), ...keepUnreadRuleFields(current.vms, read.vms)];
  const freshClusters = new Set(read.clusters.map((c) => key(c.name)));
  const usedClusters = new Set(hosts.map((h) => (h.cluster ? key(h.cluster) : '')));
  const clusters = [
    ...current.clusters.filter((c) => !freshClusters.has(key(c.name)) && (key(c.hostGroup) !== g || usedClusters.has(key(c.name)))),
    ...read.clusters,
  ];
  const freshShares = new Set(read.fileShares.map((s) => key(s.path)));
  const fileShares = [...current.fileShares.filter((s) => !freshShares.has(key(s.path))), ...read.fileShares];
  const hostGroups = current.hostGroups.some((h) => key(h) === g) ? current.hostGroups : [...current.hostGroups, hostGroup];
  // Rules the read found replace those of the same name. When it found some, it speaks for the VMs it read: their
  // other rules are gone from the cluster. When it found none (a cluster below Windows Server 2022's level, or no
  // Get-ClusterAffinityRule), it can't tell: the rules stay, and those naming VMs that are gone are pruned below.
  const freshRules = new Set(read.affinityRules.map((r) => key(r.name)));
  const readSpeaksForRules = read.affinityRules.length > 0;
  const affinityRules = [
    ...(current.affinityRules ?? []).filter((r) => !freshRules.has(key(r.name)) && !(readSpeaksForRules && r.vms.some((v) => freshVmNames.has(key(v))))),
    ...read.affinityRules,
  ];
  const doc: InventoryDocument = {
    ...current,
    source: current.source ?? 'hyperv',
    exportedAt: read.readAt ?? current.exportedAt,
    hostGroups,
    fileShares,
    clusters,
    hosts,
    vms,
    ...(affinityRules.length > 0 || current.affinityRules ? { affinityRules } : {}),
  };
  const parsed = parseInventory(JSON.stringify(pruneRulesToEstate(doc)));
  if (parsed.ok) return parsed;
  // Name the record of each problem, so an admin can find it on the host.
  const problems = ((parsed.error.detail as { problems?: ImportProblem[] } | undefined)?.problems ?? []).map((p): ImportProblem => {
    const m = /^(hosts|vms|clusters)\[(\d+)\]/.exec(p.path);
    if (!m) return p;
    const record = (doc[m[1] as 'hosts' | 'vms' | 'clusters'] as { name: string }[])[Number(m[2])];
    return record ? { ...p, path: p.path.replace(m[0], `${m[0]} (${record.name})`) } : p;
  });
  return err('hyperv-read-invalid', said(plural('import.mergeInvalid', problems.length, { group: groupText(hostGroup) })), { problems });
}
