import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../../../test/fixtures/minimal-inventory.js';
import { mainItMessages } from '../../../../shared/i18n/it.js';
import { english, renderText, type Text } from '../../../../shared/i18n/text.js';
import type { ImportProblem } from '../../../../shared/model/import.js';
import type { ErrorDto } from '../../../../shared/model/result.js';
import { authenticationOf, hostOsOf, performanceOptionOf, vmStateOf } from './hyperv-enums.js';
import { hostGroupRecords, mergeHostGroup } from './inventory-parser.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/hyperv/${name}`, import.meta.url), 'utf8'));
const GROUP = 'All Hosts/Milano';

/** A sentence in Italian, with plain numbers (the console formats them for its locale). */
const italian = (value: Text): string =>
  renderText(value, mainItMessages, {
    number: String,
    mb: (v) => `${v} MB`,
    gb: (v) => `${v} GB`,
    time: (iso) => iso,
    list: (items) => items.join(', '),
    plural: (n) => (n === 1 ? 'one' : 'other'),
  });

/** Checks that a refusal and each of its problems carry a catalogue sentence whose English is its message. */
function sentencesOf(error: ErrorDto): { summary: string; problems: string[] } {
  const problems = (error.detail as { problems: ImportProblem[] }).problems;
  expect(english(error.text!)).toBe(error.message);
  for (const p of problems) expect(english(p.text!), p.path).toBe(p.message);
  return { summary: italian(error.text!), problems: problems.map((p) => `${p.path}: ${italian(p.text!)}`) };
}

function read(name = 'read-host-group.json') {
  const r = hostGroupRecords(fixture(name), GROUP);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('Hyper-V enums as ConvertTo-Json writes them', () => {
  it('maps VM states by number and by name: 2 Running, 3 Off, 6 Saved, 9 Paused', () => {
    expect([2, 3, 6, 9].map(vmStateOf)).toEqual(['Running', 'Off', 'Saved', 'Paused']);
    expect(['Running', 'off', 'Saved', 'PAUSED'].map(vmStateOf)).toEqual(['Running', 'Off', 'Saved', 'Paused']);
    expect([10, 4, 32773, 32776].map(vmStateOf)).toEqual(['Running', 'Off', 'Saved', 'Paused']);
    expect(vmStateOf(1)).toBeNull();
    expect(vmStateOf(null)).toBeNull();
  });

  it('maps performance options 0 TCPIP, 1 Compression, 2 SMB and authentication 0 CredSSP, 1 Kerberos', () => {
    expect([0, 1, 2, 'smb', 3].map(performanceOptionOf)).toEqual(['TCPIP', 'Compression', 'SMB', 'SMB', null]);
    expect([0, 1, 'kerberos', 2].map(authenticationOf)).toEqual(['CredSSP', 'Kerberos', 'Kerberos', null]);
  });

  it('names the Windows Server version from the caption, or from the build number', () => {
    expect(hostOsOf('Microsoft Windows Server 2022 Datacenter', '20348')).toBe('Windows Server 2022');
    expect(hostOsOf('Microsoft Windows Server 2012 R2 Standard', null)).toBe('Windows Server 2012 R2');
    expect(hostOsOf('Microsoft Hyper-V Server', '17763')).toBe('Windows Server 2019');
    expect(hostOsOf('Windows 11 Pro', '22631')).toBeNull();
  });
});

describe('Hyper-V inventory read to ferry-inventory records', () => {
  it('reads hosts from Get-VMHost, the OS, processors, NICs and migration networks', () => {
    const r = read();
    expect(r.hosts.map((h) => h.name)).toEqual(['HV-MI-11', 'HV-MI-12', 'HV-MI-20']);
    const h11 = r.hosts[0];
    expect(h11).toMatchObject({
      fqdn: 'hv-mi-11.contoso.com',
      hostGroup: GROUP,
      cluster: 'CL-MI-22',
      os: 'Windows Server 2022',
      state: 'Responding',
      maintenanceMode: false,
      cpu: { vendor: 'Intel', generation: 'Intel64 Family 6 Model 106', logicalProcessors: 64, usagePercent: 25 },
      memory: { totalMB: 262144, availableMB: 131072 },
      liveMigration: { enabled: true, maxLive: 2, maxStorage: 2, performanceOption: 'Compression', authentication: 'Kerberos', useAnyNetwork: false },
      migrationNetwork: { gbps: 25, rdma: true, nics: 2 },
      fileShares: ['\\\\fs-mi.contoso.com\\vmstore'],
      volumes: [
        { path: 'C:\\', capacityGB: 237, freeGB: 150 },
        { path: 'D:\\', capacityGB: 1800, freeGB: 950 },
      ],
      defaultStorageLocations: ['C:\\ClusterStorage\\Volume1', 'C:\\ClusterStorage\\Volume1\\Virtual Hard Disks'],
    });
    // Get-VMMigrationNetwork in order of priority (0 first).
    expect(h11.liveMigration.networks).toEqual(['10.20.0.0/24', '10.20.1.0/24']);
    expect(h11.supportedConfigVersions).toEqual(['8.0', '9.0', '9.1', '9.2', '9.3', '10.0']);
  });

  it('marks a paused cluster node (Get-ClusterNode State 2) as in maintenance mode', () => {
    expect(read().hosts[1]).toMatchObject({ name: 'HV-MI-12', maintenanceMode: true, memory: { availableMB: 102400 } });
  });

  it('reads PowerShell 7 output too: enums as strings, one-item collections as objects, a Guid as an object', () => {
    const h20 = read().hosts[2];
    expect(h20).toMatchObject({
      os: 'Windows Server 2019',
      cluster: null,
      cpu: { vendor: 'AMD', generation: 'AMD64 Family 25 Model 1', usagePercent: 55 },
      liveMigration: { performanceOption: 'SMB', authentication: 'CredSSP', useAnyNetwork: true, networks: [] },
      migrationNetwork: { gbps: 10, rdma: false, nics: 1 },
      volumes: [{ path: 'D:\\', capacityGB: 1800, freeGB: 1200 }],
    });
    const web = read().vms.find((v) => v.name === 'WEB-01');
    expect(web).toMatchObject({ id: '2d9f5b6a-4b3c-4b7e-9c99-5d7b3b2e4c33', state: 'Paused', generation: 1, memoryMB: 4096, host: 'HV-MI-20' });
  });

  it('reads VMs with numeric states, memory in bytes, disks from Get-VMHardDiskDrive and sizes from Get-VHD', () => {
    const vms = read().vms;
    const sql = vms.find((v) => v.name === 'SQL-PROD-01');
    expect(sql).toMatchObject({
      id: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11',
      host: 'HV-MI-11',
      state: 'Running',
      highlyAvailable: true,
      memoryMB: 32768, // MemoryAssigned while it runs
      cpuCount: 4,
      configVersion: '10.0',
      processorCompatibility: false,
      configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01',
    });
    // FileSize for a dynamic disk (what a copy moves), Size when the file size is unknown.
    expect(sql?.disks).toEqual([
      { path: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\os.vhdx', sizeGB: 40, shared: false },
      { path: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\data.vhdx', sizeGB: 500, shared: false },
    ]);
    const off = vms.find((v) => v.name === 'Contabilità-01');
    expect(off).toMatchObject({ state: 'Off', memoryMB: 8192, processorCompatibility: true }); // MemoryStartup when off
    expect(off?.disks[0]).toMatchObject({ sizeGB: 60, shared: true }); // SupportPersistentReservations: a shared VHDX
    expect(vms.find((v) => v.name === 'SQL-PROD-02')).toMatchObject({ state: 'Saved', memoryMB: 16384 });
  });

  it('reads the cluster from Get-Cluster and Get-ClusterSharedVolume, and the shares with their SMB dialect', () => {
    const r = read();
    expect(r.clusters).toEqual([
      {
        name: 'CL-MI-22',
        hostGroup: GROUP,
        functionalLevel: 11,
        maxParallelMigrations: 2,
        sharedVolumes: [{ path: 'C:\\ClusterStorage\\Volume1', capacityGB: 16384, freeGB: 6000 }],
      },
    ]);
    expect(r.fileShares).toEqual([{ path: '\\\\fs-mi.contoso.com\\vmstore', smbVersion: '3.1.1', capacityGB: 8192, freeGB: 3100 }]);
  });

  it('reports every problem with its record and field, and no records', () => {
    const r = hostGroupRecords(fixture('read-host-group-bad.json'), GROUP);
    expect(r.ok).toBe(false);
    const problems = (r as unknown as { error: { detail: { problems: ImportProblem[] } } }).error.detail.problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toContain('hosts[0] (hv-mi-11.contoso.com).vmHost.MemoryCapacity: expected a number of bytes, got the string "lots"');
    expect(problems).toContain(
      'hosts[2] (hv-mi-20.contoso.com).vmHost.VirtualMachineMigrationPerformanceOption: expected a performance option (0 TCPIP, 1 Compression, 2 SMB), got the number 7',
    );
    expect(problems).toContain(
      'hosts[2] (hv-mi-20.contoso.com).vms[0] (WEB-01).State: expected a VM state (2 Running, 3 Off, 6 Saved, 9 Paused), got the number 1',
    );
  });

  it('says a refused read and each of its problems as catalogue sentences, in Italian too', () => {
    const r = hostGroupRecords(fixture('read-host-group-bad.json'), GROUP);
    if (r.ok) throw new Error('the read was accepted');
    expect(r.error.message).toMatch(/^The Hyper-V read of All Hosts\/Milano has \d+ problems; nothing was changed\.$/);
    const said = sentencesOf(r.error);
    expect(said.summary).toMatch(/^La lettura Hyper-V di Tutti gli host\/Milano contiene \d+ problemi; non è stato modificato nulla\.$/);
    expect(said.problems).toContain('hosts[0] (hv-mi-11.contoso.com).vmHost.MemoryCapacity: previsto un numero di byte, trovato il valore string "lots"');
    expect(said.problems).toContain(
      'hosts[2] (hv-mi-20.contoso.com).vms[0] (WEB-01).State: previsto uno stato della VM (2 Running, 3 Off, 6 Saved, 9 Paused), trovato il valore number 1',
    );
  });

  it('says a read with no hosts as a catalogue sentence', () => {
    const r = hostGroupRecords({ hosts: 'none' }, GROUP);
    if (r.ok) throw new Error('the read was accepted');
    expect(r.error.message).toBe('The Hyper-V read returned no hosts.');
    expect(sentencesOf(r.error)).toEqual({
      summary: 'La lettura Hyper-V non ha restituito alcun host.',
      problems: ['hosts: previsto un array, trovato il valore string "none"'],
    });
  });

  it('keeps a host that could not be read, with its error', () => {
    const r = read('read-host-group-unreachable.json');
    expect(r.hosts.map((h) => h.name)).toEqual(['HV-MI-11', 'HV-MI-20']);
    expect(r.unread).toEqual([expect.objectContaining({ computerName: 'hv-mi-12.contoso.com', error: expect.objectContaining({ hresults: ['0x80338012'] }) })]);
  });
});

describe('merging a host group read into the inventory', () => {
  it("replaces the group's hosts, clusters and VMs, and validates the whole as an import", () => {
    const merged = mergeHostGroup(minimalInventory(), GROUP, read());
    if (!merged.ok) throw new Error(JSON.stringify(merged.error));
    expect(merged.value.vms.map((v) => v.name).sort()).toEqual(['Contabilità-01', 'SQL-PROD-01', 'SQL-PROD-02', 'WEB-01']);
    expect(merged.value.hosts).toHaveLength(3);
    expect(merged.value.exportedAt).toBe('2026-11-20T10:00:00.0000000Z');
    expect(merged.value.fileShares[0].smbVersion).toBe('3.1.1');
  });

  it("keeps an unreachable host's last known record and VMs, marked NotResponding", () => {
    const merged = mergeHostGroup(minimalInventory(), GROUP, read('read-host-group-unreachable.json'));
    if (!merged.ok) throw new Error(JSON.stringify(merged.error));
    expect(merged.value.hosts.find((h) => h.name === 'HV-MI-12')?.state).toBe('NotResponding');
    expect(merged.value.vms.find((v) => v.name === 'Contabilità-01')).toBeDefined();
  });

  it('leaves other host groups alone', () => {
    const doc = minimalInventory();
    doc.hostGroups.push('All Hosts/Torino');
    doc.hosts[2] = { ...doc.hosts[2], hostGroup: 'All Hosts/Torino' };
    const r = read();
    r.hosts = r.hosts.filter((h) => h.name !== 'HV-MI-20');
    r.vms = r.vms.filter((v) => v.host !== 'HV-MI-20');
    const merged = mergeHostGroup(doc, GROUP, r);
    if (!merged.ok) throw new Error(JSON.stringify(merged.error));
    expect(merged.value.hosts.find((h) => h.name === 'HV-MI-20')?.hostGroup).toBe('All Hosts/Torino');
    expect(merged.value.vms.find((v) => v.name === 'WEB-01')?.host).toBe('HV-MI-20');
  });

  it('keeps the placement rules of VMs the read did not report them for, and drops rules of VMs that are gone', () => {
    const doc = minimalInventory();
    doc.vms[1].availabilitySets = ['ACCOUNTS'];
    doc.vms[0].preferredOwners = ['HV-MI-12'];
    doc.affinityRules = [
      { name: 'kept', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true },
      { name: 'gone', type: 'SameNode', vms: ['WEB-01', 'SQL-PROD-01'], required: false },
    ];
    const r = read();
    r.vms = r.vms.filter((v) => v.name !== 'WEB-01');
    const merged = mergeHostGroup(doc, GROUP, r);
    if (!merged.ok) throw new Error(JSON.stringify(merged.error));
    expect(merged.value.vms.find((v) => v.name === 'Contabilità-01')?.availabilitySets).toEqual(['ACCOUNTS']);
    expect(merged.value.vms.find((v) => v.name === 'SQL-PROD-01')?.preferredOwners).toEqual(['HV-MI-12']);
    expect(merged.value.affinityRules).toEqual([doc.affinityRules[0]]);
  });

  it('refuses a read that breaks an import rule, naming the record', () => {
    const r = read();
    r.vms.push({ ...r.vms[0], id: 'ffffffff-2f1a-4f5c-9a77-3b5f1f0c2a11', host: 'HV-MI-12' }); // a VM name on two hosts
    const merged = mergeHostGroup(minimalInventory(), GROUP, r);
    expect(merged.ok).toBe(false);
    const problems = (merged as unknown as { error: { detail: { problems: ImportProblem[] } } }).error.detail.problems;
    expect(problems.some((p) => /^vms\[\d+\] \(SQL-PROD-01\)\.name$/.test(p.path))).toBe(true);
    if (merged.ok) return;
    expect(sentencesOf(merged.error).summary).toBe('L’inventario letto da Tutti gli host/Milano non è valido: 1 problema; non è stato modificato nulla.');
  });
});
