import { describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import { checkInventoryRules } from '../inventory/inventory-rules.js';
import {
  DEFAULT_LAB_SPEC,
  LAB_HOST_GROUP,
  inventoryWithLab,
  isLabHost,
  inventoryWithoutLab,
  labInventory,
  labRelativePath,
  labSpecProblems,
  labWorkingSetMB,
} from './lab-estate.js';

const empty: InventoryDocument = {
  format: 'ferry-inventory',
  version: 1,
  source: 'manual',
  exportedAt: null,
  hostGroups: [],
  fileShares: [],
  clusters: [],
  hosts: [],
  vms: [],
};

describe('the lab estate', () => {
  it('is a valid inventory of standalone hosts in the Lab host group, with VMs on the share and on local storage', () => {
    const doc = inventoryWithLab(empty, DEFAULT_LAB_SPEC);
    expect(checkInventoryRules(doc).problems).toEqual([]);
    expect(doc.hostGroups).toEqual([LAB_HOST_GROUP]);
    expect(doc.hosts.map((h) => [h.name, h.cluster, h.hostGroup])).toEqual([
      ['LAB-HV-01', null, LAB_HOST_GROUP],
      ['LAB-HV-02', null, LAB_HOST_GROUP],
      ['LAB-HV-03', null, LAB_HOST_GROUP],
    ]);
    expect(doc.vms.map((v) => v.disks[0].path)).toEqual([
      '\\\\lab-fs.ferry.lab\\labstore\\LAB-VM-01\\disk0.qcow2',
      'D:\\Lab VMs\\LAB-VM-02\\disk0.qcow2',
      '\\\\lab-fs.ferry.lab\\labstore\\LAB-VM-03\\disk0.qcow2',
    ]);
    // A host's available memory leaves out its VMs'.
    expect(doc.hosts[0].memory.availableMB).toBe(8192 - 512);
  });

  it('adds to an estate and comes out again, leaving the rest as it was', () => {
    const base = inventoryWithLab(empty, { hosts: [{ name: 'HV-X', address: '127.1.1.1', gbps: 1, nics: 1 }], vms: [] });
    const other: InventoryDocument = {
      ...base,
      hostGroups: ['All Hosts/Other'],
      fileShares: [],
      hosts: base.hosts.map((h) => ({ ...h, hostGroup: 'All Hosts/Other', fqdn: 'hv-x.contoso.com', fileShares: [] })),
    };
    const withLab = inventoryWithLab(other, DEFAULT_LAB_SPEC);
    expect(withLab.hosts).toHaveLength(4);
    expect(inventoryWithoutLab(withLab)).toEqual(other);
    // Adding twice replaces the lab rather than doubling it.
    expect(inventoryWithLab(withLab, DEFAULT_LAB_SPEC).hosts).toHaveLength(4);
  });

  it("keeps an admin's own \"All Hosts/Lab\" group of real hosts: only hosts in the lab's domain are the lab's", () => {
    const lab = labInventory(DEFAULT_LAB_SPEC);
    const mine = { ...lab.hosts[0], name: 'HV-TEST-01', fqdn: 'hv-test-01.contoso.com', fileShares: [] };
    const own: InventoryDocument = { ...empty, hostGroups: [LAB_HOST_GROUP], hosts: [mine] };
    const withLab = inventoryWithLab(own, DEFAULT_LAB_SPEC);
    expect(withLab.hostGroups).toEqual([LAB_HOST_GROUP]);
    expect(withLab.hosts.filter((h) => isLabHost(h)).map((h) => h.name)).toEqual(['LAB-HV-01', 'LAB-HV-02', 'LAB-HV-03']);
    expect(isLabHost(mine)).toBe(false);
    expect(inventoryWithoutLab(withLab)).toEqual(own);
  });

  it("refuses to hide a host of the estate that has a lab host's name", () => {
    const clash: InventoryDocument = {
      ...inventoryWithoutLab(inventoryWithLab(empty, DEFAULT_LAB_SPEC)),
      hosts: [{ ...labInventory(DEFAULT_LAB_SPEC).hosts[0], hostGroup: 'All Hosts/Prod' }],
    };
    expect(() => inventoryWithLab(clash, DEFAULT_LAB_SPEC)).toThrow(/already has a host or VM named LAB-HV-01 outside the lab/);
  });

  it('says what is wrong with a spec, naming the field', () => {
    expect(labSpecProblems(DEFAULT_LAB_SPEC)).toEqual([]);
    const problems = labSpecProblems({
      hosts: [
        { name: 'LAB-HV-01', address: '10.0.0.1', gbps: 0, nics: 9 },
        { name: 'lab-hv-01', address: '127.0.0.2', gbps: 1, nics: 1 },
      ],
      vms: [{ name: 'VM 1', host: 'NOPE', memoryMB: 64, dirtyRateMBps: -1, storage: 'share', diskMB: 0 }],
    });
    expect(problems).toEqual([
      'hosts[0].address: "10.0.0.1" must be a loopback address (127.x.y.z)',
      'hosts[0].gbps: must be above 0',
      'hosts[0].nics: must be a whole number from 1 to 8',
      'hosts[1].name: "lab-hv-01" is used twice',
      'vms[0].name: "VM 1" must be 1-40 letters, digits or hyphens',
      'vms[0].host: "NOPE" is not a lab host',
      'vms[0].memoryMB: must be a whole number from 128 to 4096',
      'vms[0].dirtyRateMBps: must be from 0 to 1000',
      'vms[0].diskMB: must be a whole number from 1 to 4096',
    ]);
  });

  it("maps the share and a host's drives into the lab folder, and nothing else", () => {
    expect(labRelativePath('LAB-HV-02', 'D:\\Lab VMs\\X\\disk0.qcow2')).toEqual(['hosts', 'lab-hv-02', 'D', 'Lab VMs', 'X', 'disk0.qcow2']);
    expect(labRelativePath('LAB-HV-02', '\\\\LAB-FS.ferry.lab\\labstore\\X\\d.qcow2')).toEqual(['share', 'X', 'd.qcow2']);
    expect(labRelativePath('LAB-HV-02', 'e:/a/b')).toEqual(['hosts', 'lab-hv-02', 'E', 'a', 'b']);
    expect(labRelativePath('LAB-HV-02', 'D:\\a\\..\\..\\etc')).toBeNull();
    expect(labRelativePath('LAB-HV-02', '\\\\other\\share\\x')).toBeNull();
    expect(labRelativePath('LAB-HV-02', 'relative\\x')).toBeNull();
  });

  it("leaves the guest's kernel room to boot: the working set grows with memory but never takes all of it", () => {
    expect(labWorkingSetMB(256)).toBe(144);
    expect(labWorkingSetMB(1024)).toBe(864);
    expect(labWorkingSetMB(128)).toBe(24);
  });
});
