import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { withInventoryDelta } from './inventory-delta.js';

describe('withInventoryDelta', () => {
  it('puts the changed VMs and hosts in place by name (ignoring case), sharing everything else', () => {
    const doc = minimalInventory();
    const vm = { ...doc.vms[0], name: doc.vms[0].name.toUpperCase(), host: doc.hosts[1].name };
    const host = { ...doc.hosts[1], memory: { ...doc.hosts[1].memory, availableMB: 1 } };
    const next = withInventoryDelta(doc, { vms: [vm], hosts: [host] });
    expect(next?.vms[0]).toBe(vm);
    expect(next?.hosts[1]).toBe(host);
    expect(next?.hosts[0]).toBe(doc.hosts[0]);
    expect(next?.clusters).toBe(doc.clusters);
    // The estate it started from is left as it was.
    expect([doc.vms[0] === vm, doc.hosts[1].memory.availableMB]).toEqual([false, minimalInventory().hosts[1].memory.availableMB]);
  });

  it('answers null for a VM or host the estate does not have, so the whole estate is fetched', () => {
    const doc = minimalInventory();
    expect(withInventoryDelta(doc, { vms: [{ ...doc.vms[0], name: 'NEW-VM' }], hosts: [] })).toBeNull();
    expect(withInventoryDelta(doc, { vms: [], hosts: [{ ...doc.hosts[0], name: 'HV-NEW' }] })).toBeNull();
  });
});
