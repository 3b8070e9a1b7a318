import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { checkStoragePlan } from './storage-plan.js';

const demo = JSON.parse(readFileSync(new URL('../../../resources/demo-inventory.json', import.meta.url), 'utf8')) as InventoryDocument;
const codes = (check: ReturnType<typeof checkStoragePlan>) => check.problems.map((p) => p.code);

describe('checkStoragePlan: the whole VM to one location', () => {
  it('accepts Fatturazione-Roma to \\\\sofs-rm: the configuration into a folder named after the VM, the VHDs into its Virtual Hard Disks', () => {
    const check = checkStoragePlan({ vm: 'Fatturazione-Roma', scope: 'whole-vm', path: '\\\\sofs-rm.contoso.com\\vmstore' }, demo);
    expect(check.valid).toBe(true);
    expect(check.moves.map((m) => m.to)).toEqual([
      '\\\\sofs-rm.contoso.com\\vmstore\\Fatturazione-Roma',
      '\\\\sofs-rm.contoso.com\\vmstore\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx',
      '\\\\sofs-rm.contoso.com\\vmstore\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx',
    ]);
    expect(check.destinations).toMatchObject([
      { root: '\\\\sofs-rm.contoso.com\\vmstore', description: 'SMB 3.0 share \\\\sofs-rm.contoso.com\\vmstore of HV-RM-01', requiredGB: 527, freeGB: 8394 },
    ]);
  });

  it('shared-vhdx: refuses to move a running VM with a shared VHDX as a whole, naming the VMs that share it', () => {
    const check = checkStoragePlan({ vm: 'SQL-FCI-MI-01', scope: 'whole-vm', path: 'C:\\ClusterStorage\\Volume1' }, demo);
    expect(codes(check)).toEqual(['shared-vhdx', 'shared-vhdx']);
    expect(check.problems[0].message).toContain('shared with SQL-FCI-MI-02');
    expect(check.problems[0].message).toMatch(/move the other files/);
  });

  it('insufficient-storage: a VM bigger than the destination volume, with how much is missing', () => {
    const check = checkStoragePlan({ vm: 'SQL-DWH-MI-01', scope: 'whole-vm', path: 'C:\\ClusterStorage\\Volume3' }, demo);
    expect(codes(check)).toEqual(['insufficient-storage']);
    expect(check.problems[0].message).toContain('cluster shared volume C:\\ClusterStorage\\Volume3 of HV-MI-04 has 2032 GB free');
    expect(check.problems[0].message).toContain('4735 GB');
    expect(check.problems[0].message).toContain('2703.1 GB missing');
  });

  it('passes on the path rules: an invalid or unknown destination is refused with its own code', () => {
    expect(codes(checkStoragePlan({ vm: 'DEV-RM-01', scope: 'whole-vm', path: 'E:\\VMs' }, demo))).toEqual(['path-volume-unknown']);
    expect(codes(checkStoragePlan({ vm: 'DEV-RM-01', scope: 'whole-vm', path: '\\\\fs\\vm' }, demo))).toEqual(['smb-path-not-fqdn']);
    expect(codes(checkStoragePlan({ vm: 'DEV-RM-01', scope: 'whole-vm', path: 'VMs' }, demo))).toEqual(['path-invalid']);
  });

  it('vm-not-found for an unknown VM', () => {
    expect(codes(checkStoragePlan({ vm: 'NOPE', scope: 'whole-vm', path: 'D:\\VMs' }, demo))).toEqual(['vm-not-found']);
  });
});

describe('checkStoragePlan: VHDs placed individually', () => {
  it('lets the other files of a running VM with a shared VHDX move, leaving the shared disk in place', () => {
    const check = checkStoragePlan(
      {
        vm: 'SQL-FCI-MI-01',
        scope: 'per-disk',
        configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-FCI-MI-01',
        disks: [{ path: 'C:\\ClusterStorage\\Volume2\\SQL-FCI-MI-01\\Virtual Hard Disks\\os.vhdx', destination: 'C:\\ClusterStorage\\Volume1\\SQL-FCI-MI-01' }],
      },
      demo,
    );
    expect(check.problems).toEqual([]);
    expect(check.moves.map((m) => m.kind)).toEqual(['configuration', 'disk']);
  });

  it('shared-vhdx: refuses a shared VHDX chosen while the VM runs', () => {
    const check = checkStoragePlan(
      {
        vm: 'SQL-FCI-MI-01',
        scope: 'per-disk',
        configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-FCI-MI-01',
        disks: [{ path: 'C:\\ClusterStorage\\Volume2\\SQL-FCI-Shared\\sqldata.vhdx', destination: 'C:\\ClusterStorage\\Volume1\\Shared' }],
      },
      demo,
    );
    expect(codes(check)).toEqual(['shared-vhdx']);
  });

  it('moves only fatture.vhdx of running Fatturazione-Roma, its configuration and os.vhdx staying where they are', () => {
    const fatture = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx';
    const check = checkStoragePlan(
      {
        vm: 'Fatturazione-Roma',
        scope: 'per-disk',
        configurationPath: null,
        disks: [{ path: fatture, destination: '\\\\sofs-rm.contoso.com\\vmstore\\Fatture' }],
      },
      demo,
    );
    expect(check.problems).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.moves).toEqual([
      {
        kind: 'disk',
        from: fatture,
        to: '\\\\sofs-rm.contoso.com\\vmstore\\Fatture\\fatture.vhdx',
        destination: '\\\\sofs-rm.contoso.com\\vmstore\\Fatture',
        sizeGB: 400,
        shared: false,
      },
    ]);
  });

  it('a configuration folder given that is where it already is moves nothing of it', () => {
    const fatture = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx';
    const check = checkStoragePlan(
      {
        vm: 'Fatturazione-Roma',
        scope: 'per-disk',
        configurationPath: 'D:\\Hyper-V\\FATTURAZIONE-ROMA\\',
        disks: [{ path: fatture, destination: 'D:\\Dati' }],
      },
      demo,
    );
    expect(check.valid).toBe(true);
    expect(check.moves.map((m) => m.kind)).toEqual(['disk']);
  });

  it('moves one VHD of a VM that is off, the configuration staying', () => {
    const check = checkStoragePlan(
      {
        vm: 'DEV-RM-01',
        scope: 'per-disk',
        configurationPath: null,
        disks: [{ path: 'D:\\Hyper-V\\DEV-RM-01\\Virtual Hard Disks\\src.vhdx', destination: 'D:\\Dati' }],
      },
      demo,
    );
    expect(check.valid).toBe(true);
    expect(check.moves).toHaveLength(1);
  });

  it('insufficient-storage: sums the disks landing on each destination volume', () => {
    const doc = minimalInventory();
    const vm = doc.vms[2];
    vm.state = 'Off';
    vm.configurationPath = 'D:\\VMs\\WEB-01';
    vm.disks = [
      { path: 'D:\\VMs\\WEB-01\\a.vhdx', sizeGB: 500, shared: false },
      { path: 'D:\\VMs\\WEB-01\\b.vhdx', sizeGB: 500, shared: false },
      { path: 'D:\\VMs\\WEB-01\\c.vhdx', sizeGB: 500, shared: false },
    ];
    doc.hosts[2].volumes.push({ path: 'E:\\', capacityGB: 1000, freeGB: 900 });
    const check = checkStoragePlan(
      {
        vm: 'WEB-01',
        scope: 'per-disk',
        configurationPath: null,
        disks: [
          { path: 'D:\\VMs\\WEB-01\\a.vhdx', destination: 'E:\\A' },
          { path: 'D:\\VMs\\WEB-01\\b.vhdx', destination: 'E:\\B' },
          { path: 'd:\\vms\\web-01\\C.VHDX', destination: '\\\\fs-mi.contoso.com\\vmstore\\WEB-01' },
        ],
      },
      doc,
    );
    expect(codes(check)).toEqual(['insufficient-storage']);
    expect(check.problems[0].message).toContain('volume E:\\ of HV-MI-20 has 900 GB free');
    expect(check.destinations.map((d) => [d.root, d.requiredGB])).toEqual([
      ['E:\\', 1000],
      ['\\\\fs-mi.contoso.com\\vmstore', 500],
    ]);
  });

  it('disk-not-found and nothing-to-move', () => {
    const missing = checkStoragePlan(
      { vm: 'DEV-RM-01', scope: 'per-disk', configurationPath: null, disks: [{ path: 'D:\\nope.vhdx', destination: 'D:\\X' }] },
      demo,
    );
    expect(codes(missing)).toEqual(['disk-not-found']);
    const nothing = checkStoragePlan({ vm: 'DEV-RM-01', scope: 'per-disk', configurationPath: null, disks: [] }, demo);
    expect(codes(nothing)).toEqual(['nothing-to-move']);
  });
});
