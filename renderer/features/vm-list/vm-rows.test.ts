import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../shared/model/inventory.js';
import { largeInventory, makeVm } from '../../testing/sample-inventory.js';
import { buildVmRowIndex, DEFAULT_VM_SORT, selectVmRows, type VmQuery } from './vm-rows.js';

const hostsOf = (vms: Vm[]) => {
  const names = [...new Set(vms.map((vm) => vm.host.toLowerCase()))];
  return (name: string) => names.indexOf(name.toLowerCase());
};

const names = (vms: Vm[], rows: Int32Array) => Array.from(rows, (i) => vms[i].name);

const query = (patch: Partial<VmQuery> = {}): VmQuery => ({ sort: DEFAULT_VM_SORT, filter: '', hostMask: null, ...patch });

describe('VM list sorting', () => {
  const vms = [
    makeVm({ name: 'vm-10', host: 'HV-B', memoryMB: 2048, configVersion: '10.0' }),
    makeVm({ name: 'VM-2', host: 'HV-A', memoryMB: 512, configVersion: '9.0' }),
    makeVm({ name: 'Vm-1', host: 'HV-B', memoryMB: 32768, configVersion: '5.0', highlyAvailable: true }),
    makeVm({ name: 'Èlite', host: 'HV-A', memoryMB: 2048, configVersion: '12.0' }),
  ];
  const index = buildVmRowIndex(vms, hostsOf(vms));

  it('orders names naturally and ignoring case and accents, as an admin reads them', () => {
    expect(names(vms, selectVmRows(index, query()))).toEqual(['Èlite', 'Vm-1', 'VM-2', 'vm-10']);
  });

  it('reverses the order when the same column is sorted descending', () => {
    const rows = selectVmRows(index, query({ sort: { column: 'name', direction: 'descending' } }));
    expect(names(vms, rows)).toEqual(['vm-10', 'VM-2', 'Vm-1', 'Èlite']);
  });

  it('sorts memory by amount, not as text', () => {
    const rows = selectVmRows(index, query({ sort: { column: 'memory', direction: 'ascending' } }));
    expect(Array.from(rows, (i) => vms[i].memoryMB)).toEqual([512, 2048, 2048, 32768]);
  });

  it('puts configuration version 10.0 after 9.0', () => {
    const rows = selectVmRows(index, query({ sort: { column: 'configVersion', direction: 'ascending' } }));
    expect(Array.from(rows, (i) => vms[i].configVersion)).toEqual(['5.0', '9.0', '10.0', '12.0']);
  });

  it('breaks ties by name in both directions, so equal rows never jump around', () => {
    const up = selectVmRows(index, query({ sort: { column: 'host', direction: 'ascending' } }));
    const down = selectVmRows(index, query({ sort: { column: 'host', direction: 'descending' } }));
    expect(names(vms, up)).toEqual(['Èlite', 'VM-2', 'Vm-1', 'vm-10']);
    expect(names(vms, down)).toEqual(['Vm-1', 'vm-10', 'Èlite', 'VM-2']);
  });

  it('keeps inventory order for rows that are equal in every key', () => {
    const twins = [makeVm({ name: 'same', host: 'h', id: 'a' }), makeVm({ name: 'SAME', host: 'h', id: 'b' })];
    const rows = selectVmRows(
      buildVmRowIndex(twins, () => 0),
      query({ sort: { column: 'name', direction: 'descending' } }),
    );
    expect(Array.from(rows, (i) => twins[i].id)).toEqual(['a', 'b']);
  });

  it('orders VMs that arrive already by name (as the console loads them) the same as when they come shuffled', () => {
    const byName = ['Èlite', 'vm-1', 'VM-1', 'Vm-2', 'vm-10', 'zeta'].map((name, i) => makeVm({ name, host: 'h', id: `id-${i}`, memoryMB: 1024 * (6 - i) }));
    const shuffled = [byName[3], byName[0], byName[5], byName[2], byName[4], byName[1]];
    for (const sort of [DEFAULT_VM_SORT, { column: 'name', direction: 'descending' } as const, { column: 'memory', direction: 'ascending' } as const]) {
      const inOrder = selectVmRows(
        buildVmRowIndex(byName, () => 0),
        query({ sort }),
      );
      const fromShuffled = selectVmRows(
        buildVmRowIndex(shuffled, () => 0),
        query({ sort }),
      );
      // Equal names (vm-1, VM-1) tie on name and keep their arrival order, so compare them as the collator does.
      const lower = (list: string[]) => list.map((n) => n.toLowerCase());
      expect(lower(names(byName, inOrder))).toEqual(lower(names(shuffled, fromShuffled)));
    }
  });

  it('puts highly available VMs last when sorting that column ascending', () => {
    const rows = selectVmRows(index, query({ sort: { column: 'highlyAvailable', direction: 'ascending' } }));
    expect(vms[rows[rows.length - 1]].name).toBe('Vm-1');
  });
});

describe('VM list filtering', () => {
  const vms = [
    makeVm({ name: 'SQL-PROD-01', host: 'HV-MI-11' }),
    makeVm({ name: 'web-01', host: 'HV-MI-12' }),
    makeVm({ name: 'APP-TO-01', host: 'HV-TO-01' }),
  ];
  const index = buildVmRowIndex(vms, hostsOf(vms));

  it('matches the name case-insensitively', () => {
    expect(names(vms, selectVmRows(index, query({ filter: 'WEB' })))).toEqual(['web-01']);
  });

  it('matches the host name too', () => {
    expect(names(vms, selectVmRows(index, query({ filter: 'hv-mi' })))).toEqual(['SQL-PROD-01', 'web-01']);
  });

  it('ignores spaces around the filter text', () => {
    expect(names(vms, selectVmRows(index, query({ filter: '  to-01 ' })))).toEqual(['APP-TO-01']);
  });

  it('shows nothing when nothing matches', () => {
    expect(selectVmRows(index, query({ filter: 'exchange' }))).toHaveLength(0);
  });

  it('shows only VMs on the hosts of the selected tree node', () => {
    const mask = new Uint8Array([0, 1, 0]);
    expect(names(vms, selectVmRows(index, query({ hostMask: mask })))).toEqual(['web-01']);
  });

  it('leaves out VMs whose host is not in the inventory when a node is selected', () => {
    const orphans = [makeVm({ name: 'ghost', host: 'HV-GONE' })];
    const rows = selectVmRows(
      buildVmRowIndex(orphans, () => -1),
      query({ hostMask: new Uint8Array([1]) }),
    );
    expect(rows).toHaveLength(0);
  });
});

describe('VM list at estate scale', () => {
  it('sorts and filters 25,000 VMs correctly', () => {
    const inventory = largeInventory(25_000);
    const hostIndex = new Map(inventory.hosts.map((h, i) => [h.name.toLowerCase(), i]));
    const index = buildVmRowIndex(inventory.vms, (name) => hostIndex.get(name.toLowerCase()) ?? -1);
    const byMemory = selectVmRows(index, query({ sort: { column: 'memory', direction: 'descending' }, filter: 'sql' }));
    expect(byMemory.length).toBeGreaterThan(3000);
    for (let k = 1; k < byMemory.length; k++) {
      expect(inventory.vms[byMemory[k - 1]].memoryMB).toBeGreaterThanOrEqual(inventory.vms[byMemory[k]].memoryMB);
      expect(inventory.vms[byMemory[k]].name.toLowerCase()).toContain('sql');
    }
  });
});
