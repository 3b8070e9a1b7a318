import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../shared/model/inventory.js';
import { pathsAfterMove } from './move-result.js';

const vm = {
  name: 'Fatturazione-Roma',
  configurationPath: 'D:\\Hyper-V\\Fatturazione-Roma',
  disks: [
    { path: 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx' },
    { path: 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx' },
  ],
} as unknown as Vm;

describe('pathsAfterMove', () => {
  it('a whole-VM move puts the configuration in location\\VM name and the VHDs in its Virtual Hard Disks', () => {
    expect(pathsAfterMove(vm, { destinationPath: 'E:\\VMs', diskDestinations: null, configurationPath: null })).toEqual({
      configurationPath: 'E:\\VMs\\Fatturazione-Roma',
      disks: ['E:\\VMs\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx', 'E:\\VMs\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx'],
    });
  });

  it('live-vsm with VHDs placed individually: the configuration to location\\VM name, each VHD where chosen, the others in Virtual Hard Disks', () => {
    const after = pathsAfterMove(vm, {
      destinationPath: 'E:\\VMs',
      diskDestinations: { 'd:\\hyper-v\\fatturazione-roma\\virtual hard disks\\fatture.vhdx': 'F:\\Data' },
      configurationPath: 'E:\\VMs\\Fatturazione-Roma',
    });
    expect(after).toEqual({
      configurationPath: 'E:\\VMs\\Fatturazione-Roma',
      disks: ['E:\\VMs\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx', 'F:\\Data\\fatture.vhdx'],
    });
  });

  it('a per-disk storage move keeps unlisted VHDs and the configuration where they are', () => {
    expect(pathsAfterMove(vm, { destinationPath: null, diskDestinations: { [vm.disks[0].path]: 'F:\\OS' }, configurationPath: null })).toEqual({
      configurationPath: vm.configurationPath,
      disks: ['F:\\OS\\os.vhdx', vm.disks[1].path],
    });
  });

  it('only fatture.vhdx of Fatturazione-Roma, no configuration folder: the configuration path stays, os.vhdx too', () => {
    const after = pathsAfterMove(vm, {
      destinationPath: null,
      diskDestinations: { [vm.disks[1].path]: '\\\\sofs-rm.contoso.com\\vmstore\\Fatture' },
      configurationPath: null,
    });
    expect(after).toEqual({
      configurationPath: 'D:\\Hyper-V\\Fatturazione-Roma',
      disks: [vm.disks[0].path, '\\\\sofs-rm.contoso.com\\vmstore\\Fatture\\fatture.vhdx'],
    });
  });
});
