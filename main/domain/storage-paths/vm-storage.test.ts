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

  it('a folder named after a VM is a valid Windows folder name: * ? " < > | : \\ / and control characters replaced, trailing dots and spaces trimmed', () => {
    const named = (name: string): Vm => ({ ...vm, name }) as Vm;
    expect(vmFolderIn('D:\\VMs', named('db*'))).toBe('D:\\VMs\\db_');
    expect(vmFolderIn('D:\\VMs', named('a?b"c<d>e|f:g\\h/i'))).toBe('D:\\VMs\\a_b_c_d_e_f_g_h_i');
    expect(vmFolderIn('D:\\VMs', named('line\nbreak\ttab'))).toBe('D:\\VMs\\line_break_tab');
    expect(vmFolderIn('D:\\VMs', named('web. . '))).toBe('D:\\VMs\\web');
    expect(vmFolderIn('D:\\VMs', named('web[1]'))).toBe('D:\\VMs\\web[1]');
    expect(vmFolderIn('D:\\VMs', named('...'))).toBe('D:\\VMs\\_');
    expect(vmDiskFolderIn('D:\\VMs', named('db*'))).toBe('D:\\VMs\\db_\\Virtual Hard Disks');
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
