import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../shared/model/inventory.js';
import { vmDiskTargets } from './vm-disk-placement.js';
import { vmDiskFolderIn, vmFolderIn } from './vm-storage.js';

const vm = {
  name: 'SQL-01',
  configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-01',
  disks: [
    { path: 'C:\\ClusterStorage\\Volume1\\SQL-01\\Virtual Hard Disks\\os.vhdx', sizeGB: 127, shared: false },
    { path: 'C:\\ClusterStorage\\Volume1\\SQL-01\\Virtual Hard Disks\\data.vhdx', sizeGB: 400, shared: false },
  ],
} as unknown as Vm;

describe('derived destination folders', () => {
  it('a VM moved whole to D:\\VMs gets D:\\VMs\\<VM> for its configuration and D:\\VMs\\<VM>\\Virtual Hard Disks for its VHDs', () => {
    expect(vmFolderIn('D:\\VMs', vm)).toBe('D:\\VMs\\SQL-01');
    expect(vmDiskFolderIn('D:\\VMs', vm)).toBe('D:\\VMs\\SQL-01\\Virtual Hard Disks');
  });

  it('a location typed with a trailing backslash derives the same folders', () => {
    expect(vmDiskFolderIn('D:\\VMs\\', vm)).toBe('D:\\VMs\\SQL-01\\Virtual Hard Disks');
    expect(vmDiskFolderIn('\\\\fs.contoso.com\\vmstore\\', vm)).toBe('\\\\fs.contoso.com\\vmstore\\SQL-01\\Virtual Hard Disks');
  });
});

describe('vmDiskTargets', () => {
  it('a VHD placed individually goes to its folder as chosen; the others go with the VM into its Virtual Hard Disks', () => {
    const targets = vmDiskTargets(vm, 'D:\\VMs', { 'c:\\clusterstorage\\volume1\\sql-01\\virtual hard disks\\DATA.vhdx': 'E:\\Data' });
    expect(targets).toEqual([
      { from: vm.disks[0].path, folder: 'D:\\VMs\\SQL-01\\Virtual Hard Disks', to: 'D:\\VMs\\SQL-01\\Virtual Hard Disks\\os.vhdx' },
      { from: vm.disks[1].path, folder: 'E:\\Data', to: 'E:\\Data\\data.vhdx' },
    ]);
  });
});
