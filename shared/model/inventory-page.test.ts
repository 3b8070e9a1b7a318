import { describe, expect, it } from 'vitest';
import type { Host, InventoryDocument, Vm } from './inventory.js';
import { inventoryPage, vmsInConsoleOrder } from './inventory-page.js';

// Only the fields paging reads; the rest of a VM or host travels untouched.
const vm = (name: string): Vm => ({ name, id: `id-${name}`, host: 'HV-01' }) as Vm;

describe('inventory pages', () => {
  const doc: InventoryDocument = {
    format: 'ferry-inventory',
    version: 1,
    source: null,
    exportedAt: null,
    hostGroups: ['All Hosts'],
    fileShares: [],
    clusters: [],
    hosts: [{ name: 'HV-01', hostGroup: 'All Hosts' } as Host],
    vms: ['web-01', 'vm-10', 'SQL-01', 'VM-9', 'app-3', 'vm-2', 'dc-1'].map(vm),
  };
  const ordered = vmsInConsoleOrder(doc.vms);

  it('orders VMs the way the console lists them: case-insensitive, numbers in natural order', () => {
    const names = ordered.map((v) => v.name);
    expect(names.indexOf('vm-2')).toBeLessThan(names.indexOf('VM-9'));
    expect(names.indexOf('VM-9')).toBeLessThan(names.indexOf('vm-10'));
  });

  it('carries the hosts, clusters and the rest on the first page only', () => {
    const first = inventoryPage(7, null, doc, ordered, 0, 4);
    expect(first.estate?.hosts).toEqual(doc.hosts);
    expect(first.estate && 'vms' in first.estate).toBe(false);
    expect(inventoryPage(7, null, doc, ordered, 4, 4).estate).toBeNull();
  });

  it('pages add up to every VM once, in order, whatever the page size', () => {
    const vms = [];
    for (let offset = 0; offset < ordered.length; offset += 5) vms.push(...inventoryPage(7, null, doc, ordered, offset, 5).vms);
    expect(vms).toEqual(ordered);
    expect(inventoryPage(7, null, doc, ordered, 0, 5).vmTotal).toBe(doc.vms.length);
  });

  it('answers no VMs for a page past the end', () => {
    expect(inventoryPage(7, null, doc, ordered, ordered.length + 10, 5).vms).toEqual([]);
  });
});
