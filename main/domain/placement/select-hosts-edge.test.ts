import { describe, it, expect } from 'vitest';
import type { Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { HostRating } from '../../../shared/model/placement.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { selectHosts, type PlacementContext } from './select-hosts.js';

// Edge cases on small hand-built inventories: HV-MI-11 and HV-MI-12 are nodes of CL-MI-22 (CSV
// C:\ClusterStorage\Volume1), HV-MI-20 is standalone; all three reach \\fs-mi.contoso.com\vmstore (SMB 3.0).

const SHARE = '\\\\fs-mi.contoso.com\\vmstore';

function vmOf(doc: InventoryDocument, name: string): Vm {
  return doc.vms.find((v) => v.name === name)!;
}
function hostOf(doc: InventoryDocument, name: string): Host {
  return doc.hosts.find((h) => h.name === name)!;
}
function row(doc: InventoryDocument, vm: string, host: string, context?: PlacementContext): HostRating {
  const result = selectHosts(vm, doc, context);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.find((r) => r.host === host)!;
}
/** Puts every file of a VM under `root`. */
function placeFiles(vm: Vm, root: string): void {
  vm.configurationPath = `${root}\\${vm.name}`;
  vm.disks = vm.disks.map((d, i) => ({ ...d, path: `${root}\\${vm.name}\\disk${i}.vhdx` }));
}
/** WEB-01 made coherent: a running, non-HA VM on HV-MI-20's local D:. */
function standaloneWeb(doc: InventoryDocument): Vm {
  const web = vmOf(doc, 'WEB-01');
  placeFiles(web, 'D:\\VMs');
  return web;
}
const codes = (r: HostRating) => r.reasons.map((x) => x.code);

describe('selectHosts edge cases: running, paused and stopped VMs', () => {
  it('treats a Paused VM as running: Live within its cluster (rule 1)', () => {
    const doc = minimalInventory();
    vmOf(doc, 'SQL-PROD-01').state = 'Paused';
    const r = row(doc, 'SQL-PROD-01', 'HV-MI-12');
    expect(r).toMatchObject({ available: true, transferType: 'Live' });
    expect(r.transferExplanation[0]).toMatch(/paused.*treats a paused VM as running/);
  });

  it('checks a Paused VM like a running one: live migration disabled blocks it', () => {
    const doc = minimalInventory();
    vmOf(doc, 'SQL-PROD-01').state = 'Paused';
    hostOf(doc, 'HV-MI-12').liveMigration.enabled = false;
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['live-migration-disabled']);
  });

  it('ignores live-migration settings and CPUs for a VM that is off', () => {
    const doc = minimalInventory();
    vmOf(doc, 'SQL-PROD-01').state = 'Off';
    hostOf(doc, 'HV-MI-12').liveMigration.enabled = false;
    hostOf(doc, 'HV-MI-12').cpu = { ...hostOf(doc, 'HV-MI-12').cpu, vendor: 'AMD', generation: 'Zen 4 (Genoa)' };
    expect(row(doc, 'SQL-PROD-01', 'HV-MI-12')).toMatchObject({ available: true, transferType: 'Network' });
  });

  it('names both hosts in one live-migration-disabled reason when both have it off', () => {
    const doc = minimalInventory();
    hostOf(doc, 'HV-MI-11').liveMigration.enabled = false;
    hostOf(doc, 'HV-MI-12').liveMigration.enabled = false;
    const r = row(doc, 'SQL-PROD-01', 'HV-MI-12');
    expect(codes(r)).toEqual(['live-migration-disabled']);
    expect(r.reasons[0].message).toContain('HV-MI-11 (the source) and HV-MI-12 (the destination)');
  });

  it('gives Quick only to a saved HA VM inside its cluster; a saved VM leaving it goes by Network', () => {
    const doc = minimalInventory();
    vmOf(doc, 'SQL-PROD-01').state = 'Saved';
    expect(row(doc, 'SQL-PROD-01', 'HV-MI-12').transferType).toBe('Quick');
    expect(row(doc, 'SQL-PROD-01', 'HV-MI-20').transferType).toBe('Network');
    vmOf(doc, 'SQL-PROD-01').highlyAvailable = false;
    expect(row(doc, 'SQL-PROD-01', 'HV-MI-12').transferType).toBe('Network');
  });
});

describe('selectHosts edge cases: transfer type branches', () => {
  it('rule 1 on an SMB 3 share every node reaches', () => {
    const doc = minimalInventory();
    placeFiles(vmOf(doc, 'SQL-PROD-01'), SHARE);
    const r = row(doc, 'SQL-PROD-01', 'HV-MI-12');
    expect(r.transferType).toBe('Live');
    expect(r.transferExplanation[0]).toMatch(/^Live: .*on the cluster’s storage/);
  });

  it('a running VM that is not HA, moving inside its cluster, follows rule 3 from a CSV and rule 2 from a share', () => {
    const doc = minimalInventory();
    const vm = vmOf(doc, 'SQL-PROD-01');
    vm.highlyAvailable = false;
    expect(row(doc, 'SQL-PROD-01', 'HV-MI-12').transferType).toBe('Live (VSM)');
    placeFiles(vm, SHARE);
    const r = row(doc, 'SQL-PROD-01', 'HV-MI-12');
    expect(r.transferType).toBe('Live');
    expect(r.transferExplanation[0]).toMatch(/^Live: .*every file is on/);
  });

  it('counts SMB 3.1.1 and 3.0.2 as 3.0 or later, compared as numbers', () => {
    for (const version of ['3.1.1', '3.0.2', '3.02', '10.0']) {
      const doc = minimalInventory();
      doc.fileShares[0].smbVersion = version;
      placeFiles(standaloneWeb(doc), SHARE);
      expect(row(doc, 'WEB-01', 'HV-MI-11').transferType, version).toBe('Live');
    }
  });

  it('gives Live (VSM) from an SMB 2.1 share', () => {
    const doc = minimalInventory();
    doc.fileShares[0].smbVersion = '2.1';
    placeFiles(standaloneWeb(doc), SHARE);
    expect(row(doc, 'WEB-01', 'HV-MI-11').transferType).toBe('Live (VSM)');
  });

  it('compares share paths ignoring case, at a backslash boundary', () => {
    const doc = minimalInventory();
    const web = standaloneWeb(doc);
    placeFiles(web, '\\\\FS-MI.Contoso.COM\\VMSTORE');
    expect(row(doc, 'WEB-01', 'HV-MI-11').transferType).toBe('Live');
    placeFiles(web, '\\\\fs-mi.contoso.com\\vmstore2');
    expect(row(doc, 'WEB-01', 'HV-MI-11').transferType).toBe('Live (VSM)');
  });

  it('needs every file on the one share: a disk elsewhere means Live (VSM)', () => {
    const doc = minimalInventory();
    const web = standaloneWeb(doc);
    placeFiles(web, SHARE);
    web.disks.push({ path: 'D:\\VMs\\WEB-01\\data.vhdx', sizeGB: 10, shared: false });
    expect(row(doc, 'WEB-01', 'HV-MI-11').transferType).toBe('Live (VSM)');
  });

  it('gives Live (VSM) when the destination does not list the share', () => {
    const doc = minimalInventory();
    placeFiles(standaloneWeb(doc), SHARE);
    hostOf(doc, 'HV-MI-11').fileShares = [];
    expect(row(doc, 'WEB-01', 'HV-MI-11').transferType).toBe('Live (VSM)');
  });
});

describe('selectHosts edge cases: blocking reasons', () => {
  it('treats an Updating host as not responding', () => {
    const doc = minimalInventory();
    hostOf(doc, 'HV-MI-12').state = 'Updating';
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['host-not-responding']);
  });

  it('does not raise processor-version-mismatch when processor compatibility is on', () => {
    const doc = minimalInventory();
    hostOf(doc, 'HV-MI-12').cpu.generation = 'Sapphire Rapids';
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['processor-version-mismatch']);
    vmOf(doc, 'SQL-PROD-01').processorCompatibility = true;
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual([]);
  });

  it('compares CPU vendors ignoring case, and raises only the vendor reason across vendors', () => {
    const doc = minimalInventory();
    hostOf(doc, 'HV-MI-12').cpu.vendor = 'INTEL';
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual([]);
    hostOf(doc, 'HV-MI-12').cpu = { ...hostOf(doc, 'HV-MI-12').cpu, vendor: 'AMD', generation: 'Zen 4 (Genoa)' };
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['processor-vendor-mismatch']);
  });

  it("lets a host's supportedConfigVersions win over the OS table, both ways", () => {
    const doc = minimalInventory();
    const dest = hostOf(doc, 'HV-MI-12');
    dest.supportedConfigVersions = ['8.0', '9.0'];
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['config-version-unsupported']);
    dest.os = 'Windows Server 2016';
    dest.supportedConfigVersions = ['9.0', '10'];
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual([]);
  });

  it('raises compatibility-vector-stale only between nodes of the same cluster', () => {
    const doc = minimalInventory();
    vmOf(doc, 'SQL-PROD-01').compatibilityVector = 10;
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['compatibility-vector-stale']);
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-20'))).not.toContain('compatibility-vector-stale');
    vmOf(doc, 'SQL-PROD-01').compatibilityVector = null;
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual([]);
  });

  it('accepts memory that fits exactly, and says how much is missing one MB short', () => {
    const doc = minimalInventory();
    const dest = hostOf(doc, 'HV-MI-12');
    dest.memory.availableMB = 8192 + 256;
    expect(row(doc, 'SQL-PROD-01', 'HV-MI-12').available).toBe(true);
    dest.memory.availableMB -= 1;
    const r = row(doc, 'SQL-PROD-01', 'HV-MI-12');
    expect(codes(r)).toEqual(['insufficient-memory']);
    expect(r.reasons[0].message).toContain('1 MB');
  });

  it('checks storage against the path chosen in the context rather than the default location', () => {
    const doc = minimalInventory();
    standaloneWeb(doc);
    hostOf(doc, 'HV-MI-11').volumes = [{ path: 'D:\\', capacityGB: 200, freeGB: 100 }];
    expect(row(doc, 'WEB-01', 'HV-MI-11').available).toBe(true);
    const r = row(doc, 'WEB-01', 'HV-MI-11', { destinationPaths: { 'hv-mi-11': 'd:\\VMs' } });
    expect(codes(r)).toEqual(['insufficient-storage']);
    expect(r.reasons[0].message).toContain('100 GB free');
    expect(r.reasons[0].message).toContain('27.1 GB missing');
  });

  it('keeps the disk reserve: free space equal to the files plus 100 MB fits, less does not', () => {
    const doc = minimalInventory();
    standaloneWeb(doc);
    const csv = doc.clusters[0].sharedVolumes[0];
    csv.freeGB = 127 + 100 / 1024;
    expect(row(doc, 'WEB-01', 'HV-MI-11').available).toBe(true);
    csv.freeGB = 127.05;
    expect(codes(row(doc, 'WEB-01', 'HV-MI-11'))).toEqual(['insufficient-storage']);
    expect(row(doc, 'WEB-01', 'HV-MI-11', { diskReserveMB: 0 }).available).toBe(true);
  });

  it('skips default locations whose volume the inventory does not know and uses the next one', () => {
    const doc = minimalInventory();
    standaloneWeb(doc);
    const dest = hostOf(doc, 'HV-MI-11');
    dest.defaultStorageLocations = ['E:\\Nowhere', 'D:\\VMs'];
    dest.volumes = [{ path: 'D:\\', capacityGB: 200, freeGB: 100 }];
    const r = row(doc, 'WEB-01', 'HV-MI-11');
    expect(codes(r)).toEqual(['insufficient-storage']);
    expect(r.reasons[0].message).toContain('D:\\VMs');
  });

  it('raises shared-vhdx only when storage moves while the VM runs', () => {
    const doc = minimalInventory();
    const vm = vmOf(doc, 'SQL-PROD-01');
    vm.disks.push({ path: 'C:\\ClusterStorage\\Volume1\\Shared\\quorum.vhdx', sizeGB: 1, shared: true });
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual([]);
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-20'))).toEqual(['shared-vhdx']);
    vm.state = 'Off';
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-20'))).toEqual([]);
  });

  it('raises storage-unreachable for an HA VM whose share a node does not reach, whatever its state', () => {
    const doc = minimalInventory();
    placeFiles(vmOf(doc, 'SQL-PROD-01'), SHARE);
    hostOf(doc, 'HV-MI-12').fileShares = [];
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['storage-unreachable']);
    vmOf(doc, 'SQL-PROD-01').state = 'Off';
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-12'))).toEqual(['storage-unreachable']);
    expect(codes(row(doc, 'SQL-PROD-01', 'HV-MI-20'))).toEqual([]);
  });

  it('lists all reasons, in the order of the table', () => {
    const doc = minimalInventory();
    const dest = hostOf(doc, 'HV-MI-12');
    dest.state = 'NotResponding';
    dest.maintenanceMode = true;
    dest.memory.availableMB = 1024;
    dest.os = 'Windows Server 2016';
    const r = row(doc, 'SQL-PROD-01', 'HV-MI-12');
    expect(codes(r)).toEqual(['host-not-responding', 'maintenance-mode', 'config-version-unsupported', 'insufficient-memory']);
    expect(r.ratingExplanation).toHaveLength(5);
    expect(r.transferExplanation[0]).toMatch(/^None while HV-MI-12 is not available/);
  });

  it('answers vm-host-not-found when the VM sits on a host the inventory lacks', () => {
    const doc = minimalInventory();
    vmOf(doc, 'WEB-01').host = 'HV-GONE';
    const result = selectHosts('WEB-01', doc);
    expect(result.ok ? null : result.error.code).toBe('vm-host-not-found');
  });
});

describe('selectHosts edge cases: warnings', () => {
  it('host-busy for the destination storage slots of a Live (VSM), with its queue position', () => {
    const doc = minimalInventory();
    standaloneWeb(doc);
    const busy = new Map([['hv-mi-11', { liveInUse: 0, liveMax: 2, storageInUse: 2, storageMax: 2, queuePosition: 3 }]]);
    const r = row(doc, 'WEB-01', 'HV-MI-11', { busy });
    expect(r.warnings.map((w) => w.code)).toEqual(['storage-moves', 'host-busy']);
    expect(r.warnings[1].message).toMatch(/HV-MI-11 \(the destination\) has all 2 storage migration slots in use.*position 3/);
  });

  it('no host-busy for full storage slots when only live slots are needed (Live)', () => {
    const doc = minimalInventory();
    const busy = { 'HV-MI-12': { liveInUse: 1, liveMax: 2, storageInUse: 2, storageMax: 2, queuePosition: 1 } };
    expect(row(doc, 'SQL-PROD-01', 'HV-MI-12', { busy }).warnings).toEqual([]);
  });

  it('loses-high-availability with shared storage says the window is short', () => {
    const doc = minimalInventory();
    doc.clusters.push({ ...doc.clusters[0], name: 'CL-MI-25' });
    hostOf(doc, 'HV-MI-20').cluster = 'CL-MI-25';
    placeFiles(vmOf(doc, 'SQL-PROD-01'), SHARE);
    const r = row(doc, 'SQL-PROD-01', 'HV-MI-20');
    expect(r.transferType).toBe('Live');
    expect(r.warnings.map((w) => w.code)).toEqual(['loses-high-availability']);
    expect(r.warnings[0].message).toMatch(/window is short/);
  });
});

describe('selectHosts edge cases: fixes that can exist for a configuration version', () => {
  it('names a host of the inventory that runs the version when there is one', () => {
    const doc = minimalInventory();
    const web = standaloneWeb(doc);
    web.configVersion = '11.0';
    hostOf(doc, 'HV-MI-11').os = 'Windows Server 2025';
    const r = row(doc, 'WEB-01', 'HV-MI-12');
    expect(codes(r)).toContain('config-version-unsupported');
    expect(r.reasons.find((x) => x.code === 'config-version-unsupported')!.message).toContain('Pick a host that runs version 11.0, such as HV-MI-11.');
  });

  it('says which Windows Server would run it, not "pick a newer host", when no host of the inventory does', () => {
    const doc = minimalInventory();
    standaloneWeb(doc).configVersion = '11.0';
    const message = row(doc, 'WEB-01', 'HV-MI-12').reasons.find((x) => x.code === 'config-version-unsupported')!.message;
    expect(message).toContain('No host in the inventory runs version 11.0: a host running Windows Server 2025 or later would.');
    expect(message).not.toMatch(/newer host/i);
  });

  it('says no Windows Server Ferry knows runs a version beyond every table', () => {
    const doc = minimalInventory();
    standaloneWeb(doc).configVersion = '99.0';
    const message = row(doc, 'WEB-01', 'HV-MI-12').reasons.find((x) => x.code === 'config-version-unsupported')!.message;
    expect(message).toContain('No Windows Server version that Ferry knows runs version 99.0.');
  });
});
