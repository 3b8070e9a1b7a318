import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { InventoryDocument } from '../shared/model/inventory.js';
import { estateProblems, inventoryProblems, isUnderPath } from '../test/fixtures/inventory-checks.js';

const demo = JSON.parse(readFileSync(new URL('./demo-inventory.json', import.meta.url), 'utf8')) as InventoryDocument;
const estateDoc = readFileSync(new URL('../docs/demo-estate.md', import.meta.url), 'utf8');

const hostNamed = (name: string) => demo.hosts.find((h) => h.name === name);
const clusterOf = (hostName: string) => demo.clusters.find((c) => c.name === hostNamed(hostName)?.cluster);
const standalone = demo.hosts.filter((h) => h.cluster === null);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the demo inventory', () => {
  it('keeps every validity rule of inventory-format.md', () => {
    expect(inventoryProblems(demo)).toEqual([]);
  });

  it('is a coherent estate: memory in use, configuration versions, storage the hosts have', () => {
    expect(estateProblems(demo)).toEqual([]);
  });

  it('is a VMM export with an export date', () => {
    expect(demo.source).toBe('vmm');
    expect(demo.exportedAt).not.toBeNull();
  });

  it("has two clusters of 3 or 4 nodes at different functional levels, with their CSVs as the nodes' defaults", () => {
    expect(demo.clusters).toHaveLength(2);
    expect(new Set(demo.clusters.map((c) => c.functionalLevel)).size).toBe(2);
    for (const cluster of demo.clusters) {
      const nodes = demo.hosts.filter((h) => h.cluster === cluster.name);
      expect(nodes.length).toBeGreaterThanOrEqual(3);
      expect(nodes.length).toBeLessThanOrEqual(4);
      expect(cluster.sharedVolumes.every((v) => /^C:\\ClusterStorage\\Volume\d+$/.test(v.path))).toBe(true);
      for (const node of nodes) expect(node.defaultStorageLocations).toEqual(expect.arrayContaining(cluster.sharedVolumes.map((v) => v.path)));
    }
    expect(demo.clusters.some((c) => c.maxParallelMigrations !== null)).toBe(true);
  });

  it('has at least three standalone hosts, one of them AMD, and more than one Intel processor generation', () => {
    expect(standalone.length).toBeGreaterThanOrEqual(3);
    expect(standalone.some((h) => h.cpu.vendor === 'AMD')).toBe(true);
    expect(new Set(demo.hosts.filter((h) => h.cpu.vendor === 'Intel').map((h) => h.cpu.generation)).size).toBeGreaterThan(2);
  });

  it('has a host in maintenance mode, one not responding, one with live migration disabled, one on WS2016 or older', () => {
    expect(demo.hosts.some((h) => h.maintenanceMode)).toBe(true);
    expect(demo.hosts.some((h) => h.state === 'NotResponding')).toBe(true);
    expect(demo.hosts.some((h) => !h.liveMigration.enabled)).toBe(true);
    expect(demo.hosts.some((h) => h.os === 'Windows Server 2016' || h.os === 'Windows Server 2012 R2')).toBe(true);
  });

  it('varies the migration networks and performance options', () => {
    expect(new Set(demo.hosts.map((h) => h.migrationNetwork.gbps))).toEqual(new Set([10, 25, 40]));
    expect(new Set(demo.hosts.map((h) => h.migrationNetwork.rdma))).toEqual(new Set([true, false]));
    expect(new Set(demo.hosts.map((h) => h.liveMigration.performanceOption))).toEqual(new Set(['Compression', 'TCPIP', 'SMB']));
  });

  it('has a host whose memory is nearly exhausted', () => {
    expect(demo.hosts.some((h) => h.memory.availableMB < 0.05 * h.memory.totalMB)).toBe(true);
  });

  it('has at least 44 VMs, in all four states, with GUID ids', () => {
    expect(demo.vms.length).toBeGreaterThanOrEqual(44);
    expect(new Set(demo.vms.map((v) => v.state))).toEqual(new Set(['Running', 'Off', 'Saved', 'Paused']));
    for (const vm of demo.vms) expect(vm.id).toMatch(GUID);
  });

  it('has a pair of running VMs that share a VHDX', () => {
    const sharers = new Map<string, string[]>();
    for (const vm of demo.vms.filter((v) => v.state === 'Running')) {
      for (const disk of vm.disks.filter((d) => d.shared)) sharers.set(disk.path, [...(sharers.get(disk.path) ?? []), vm.name]);
    }
    expect([...sharers.values()].some((names) => names.length === 2)).toBe(true);
  });

  it('has an HA VM whose compatibility vector is older than its cluster functional level', () => {
    const stale = demo.vms.filter(
      (v) => v.highlyAvailable && v.compatibilityVector !== null && v.compatibilityVector < (clusterOf(v.host)?.functionalLevel ?? 0),
    );
    expect(stale.length).toBeGreaterThan(0);
  });

  it('has a VM too large for the memory of most hosts', () => {
    const largest = Math.max(...demo.vms.map((v) => v.memoryMB));
    const roomy = demo.hosts.filter((h) => h.memory.availableMB - h.memory.reserveMB >= largest);
    expect(roomy.length).toBeLessThan(demo.hosts.length / 4);
  });

  it('has an SMB 2.1 share, and a share that some nodes of a cluster reach and others do not', () => {
    expect(demo.fileShares.some((s) => s.smbVersion === '2.1')).toBe(true);
    const haOnPartlyReachedShare = demo.vms.some((v) => {
      const share = demo.fileShares.find((s) => isUnderPath(v.configurationPath, s.path));
      const nodes = demo.hosts.filter((h) => h.cluster !== null && h.cluster === hostNamed(v.host)?.cluster);
      return v.highlyAvailable && share !== undefined && nodes.some((n) => !n.fileShares.includes(share.path));
    });
    expect(haOnPartlyReachedShare).toBe(true);
  });

  it('keeps accented and PowerShell-special names as plain data', () => {
    const names = demo.vms.map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(['Contabilità-01', 'Magazzino-Torino', 'Fatturazione-Roma', 'Ufficio Tecnico Àòè']));
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => n.includes('$('))).toBe(true);
  });
});

describe('docs/demo-estate.md', () => {
  const CODES = [
    'host-not-responding',
    'maintenance-mode',
    'live-migration-disabled',
    'processor-vendor-mismatch',
    'processor-version-mismatch',
    'config-version-unsupported',
    'compatibility-vector-stale',
    'insufficient-memory',
    'insufficient-storage',
    'shared-vhdx',
    'storage-unreachable',
    'loses-high-availability',
    'becomes-not-highly-available',
    'storage-moves',
    'host-busy',
    'Live',
    'Live (VSM)',
    'Quick',
    'Network',
  ];

  it('has a row for every reason code, warning code and transfer type', () => {
    for (const code of CODES) expect(estateDoc).toContain(`| \`${code}\``);
  });

  it('names only VMs, source hosts and destinations that the demo has', () => {
    const rows = [...estateDoc.matchAll(/^\| [^|]+ \| `([^`]+)` \(([^)]+)\) \| `([^`]+)` \|/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(CODES.length);
    for (const [, vmName, source, destination] of rows) {
      const vm = demo.vms.find((v) => v.name === vmName);
      expect(vm?.host, vmName).toBe(source);
      expect(hostNamed(destination), destination).toBeDefined();
      expect(destination).not.toBe(source);
    }
  });
});

describe('the demo inventory’s placement rules (migration-rules.md section 8)', () => {
  const vm = (name: string) => demo.vms.find((v) => v.name === name);
  const rule = (name: string) => demo.affinityRules?.find((r) => r.name === name);

  it('has a SQL Server availability group pair in one availability set, on different nodes of one cluster', () => {
    const pair = demo.vms.filter((v) => v.availabilitySets?.includes('SQL-AG-TO'));
    expect(pair.map((v) => v.name)).toEqual(['SQL-TO-01', 'SQL-TO-03']);
    expect(new Set(pair.map((v) => hostNamed(v.host)?.cluster))).toEqual(new Set(['CL-TO-19']));
    expect(pair[0].host).not.toBe(pair[1].host);
  });

  it('has a pair of domain controllers and an Exchange DAG pair kept apart by required DifferentNode rules', () => {
    expect(rule('dc-mi-apart')).toEqual({ name: 'dc-mi-apart', type: 'DifferentNode', vms: ['DC-MI-01', 'DC-MI-02'], required: true });
    expect(rule('exch-dag-mi')).toMatchObject({ type: 'DifferentNode', required: true });
    for (const r of [rule('dc-mi-apart'), rule('exch-dag-mi')]) {
      const hosts = r?.vms.map((n) => vm(n)?.host);
      expect(new Set(hosts).size).toBe(2);
    }
  });

  it('has an application kept with its cache by a SameNode rule that is not required, both on one host', () => {
    const r = rule('sap-app-with-cache');
    expect(r).toMatchObject({ type: 'SameNode', required: false, vms: ['SAP-APP-PRD-02', 'SAP-CACHE-MI-01'] });
    expect(vm('SAP-APP-PRD-02')?.host).toBe(vm('SAP-CACHE-MI-01')?.host);
  });

  it('has a VM restricted to some nodes of its cluster, preferring one of them', () => {
    const sql = vm('SQL-PROD-MI-01');
    expect(sql?.possibleOwners).toEqual(['HV-MI-01', 'HV-MI-04']);
    expect(sql?.preferredOwners).toEqual(['HV-MI-01']);
    for (const owner of sql?.possibleOwners ?? []) expect(hostNamed(owner)?.cluster).toBe(hostNamed(sql?.host ?? '')?.cluster);
  });

  it('names only VMs it has in its rules, each once, with unique rule names', () => {
    const names = new Set(demo.vms.map((v) => v.name));
    for (const r of demo.affinityRules ?? []) {
      expect(r.vms.every((n) => names.has(n))).toBe(true);
      expect(new Set(r.vms).size).toBe(r.vms.length);
    }
    const ruleNames = (demo.affinityRules ?? []).map((r) => r.name.toLowerCase());
    expect(new Set(ruleNames).size).toBe(ruleNames.length);
  });
});
