import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withInventoryDelta } from '../../shared/model/inventory-delta.js';
import { loadInventory } from '../infra/db/inventory-repository.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import type { HubEvent } from './event-hub.js';
import { createAppServices, type AppServices } from './app-services.js';

// A completed move is recorded in SQLite and applied to the cached snapshot in memory; the two must
// agree exactly, or the console would show one estate and the next process read another.
let dir: string;
let s: AppServices;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-apply-move-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db') });
  expect((await s.inventory.importText('demo.json', readFileSync('resources/demo-inventory.json', 'utf8'))).ok).toBe(true);
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a completed move in the inventory', () => {
  it('changes the cached snapshot exactly as the database: VM host, paths, both hosts\u2019 memory, a new default location', () => {
    const before = s.inventory.snapshot();
    const vm = before.inventory.vms.find((v) => v.name === 'WEB-RM-01');
    if (!vm) throw new Error('the demo estate has WEB-RM-01');
    const revision = s.inventory.applyMove({
      vm: 'web-rm-01',
      destinationHost: 'hv-rm-02',
      configurationPath: 'D:\\VMs\\WEB-RM-01',
      disks: vm.disks.map((_, i) => `D:\\VMs\\WEB-RM-01\\disk${i}.vhdx`),
      memoryMB: vm.memoryMB,
      addDefaultLocation: 'D:\\VMs',
    });
    const cached = s.inventory.snapshot();
    expect(cached.revision).toBe(revision);
    expect(cached.revision).toBe(before.revision + 1);
    const moved = cached.inventory.vms.find((v) => v.name === 'WEB-RM-01');
    expect(moved).toMatchObject({ host: 'HV-RM-02', configurationPath: 'D:\\VMs\\WEB-RM-01' });
    expect(moved?.disks.map((d) => d.path)).toEqual(vm.disks.map((_, i) => `D:\\VMs\\WEB-RM-01\\disk${i}.vhdx`));
    const host = (name: string) => cached.inventory.hosts.find((h) => h.name === name);
    const hostBefore = (name: string) => before.inventory.hosts.find((h) => h.name === name);
    expect(host('HV-RM-02')?.memory.availableMB).toBe(Math.max(0, (hostBefore('HV-RM-02')?.memory.availableMB ?? 0) - vm.memoryMB));
    expect(host('HV-RM-02')?.defaultStorageLocations).toContain('D:\\VMs');
    // The snapshot is new; the old one is unchanged (the headless host may still be sending it).
    expect(before.inventory.vms.find((v) => v.name === 'WEB-RM-01')?.host).toBe('HV-RM-01');
    expect(cached.inventory).toEqual(loadInventory(s.db).inventory);
  });

  it('adds a default location only once, ignoring case', () => {
    const vm = s.inventory.snapshot().inventory.vms.find((v) => v.name === 'WEB-RM-01');
    if (!vm) throw new Error('the demo estate has WEB-RM-01');
    const move = {
      vm: vm.name,
      destinationHost: vm.host,
      configurationPath: vm.configurationPath,
      disks: vm.disks.map((d) => d.path),
      memoryMB: 0,
      addDefaultLocation: 'E:\\New',
    };
    s.inventory.applyMove(move);
    s.inventory.applyMove({ ...move, addDefaultLocation: 'e:\\NEW' });
    const locations = s.inventory.snapshot().inventory.hosts.find((h) => h.name === vm.host)?.defaultStorageLocations ?? [];
    expect(locations.filter((p) => p.toLowerCase() === 'e:\\new')).toHaveLength(1);
    expect(s.inventory.snapshot().inventory).toEqual(loadInventory(s.db).inventory);
  });

  it('tells the windows with a delta that turns the estate they show into the new one (a move the scheduler completed)', async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'ferry-apply-move-'));
    const connector = new ManualConnector();
    s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => connector });
    expect((await s.inventory.importText('demo.json', readFileSync('resources/demo-inventory.json', 'utf8'))).ok).toBe(true);
    const before = s.inventory.snapshot();
    // The import's own event goes out first (a window fetches after an import).
    s.hub.flush();
    const events: HubEvent[] = [];
    s.hub.subscribe((batch) => events.push(...batch));
    const job = s.migration.submitVm({ vm: 'WEB-RM-01', destinationHost: 'HV-RM-02' });
    if (!job.ok) throw new Error(job.error.message);
    connector.moves[0].complete();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.jobs.get(job.value.id)?.status).toBe('Completed');
    s.hub.flush();
    const changed = events
      .filter((e) => e.name === 'inventory.changed')
      .map((e) => e.payload as { revision: number; delta?: { base: number; vms: unknown[]; hosts: unknown[] } })
      .filter((e) => e.revision > before.revision);
    expect(changed).toHaveLength(1);
    const [{ revision, delta }] = changed;
    expect(delta).toMatchObject({ base: before.revision });
    expect([delta?.vms.length, delta?.hosts.length]).toEqual([1, 2]);
    expect(revision).toBe(before.revision + 1);
    expect(withInventoryDelta(before.inventory, delta as Parameters<typeof withInventoryDelta>[1])).toEqual(loadInventory(s.db).inventory);
  });

  it("takes a VM's new state and a host's maintenance mode in memory too, and tells the windows with a delta", () => {
    const before = s.inventory.snapshot();
    s.hub.flush();
    const events: HubEvent[] = [];
    s.hub.subscribe((batch) => events.push(...batch));
    expect(s.inventory.vmStateSet('DEV-RM-01', 'Running')).toBe(true);
    expect(s.inventory.maintenanceSet('hv-rm-02', true)).toBe(true);
    const after = s.inventory.snapshot();
    expect(after.revision).toBe(before.revision + 2);
    expect(after.inventory).toEqual(loadInventory(s.db).inventory);
    s.hub.flush();
    const changed = events
      .filter((e) => e.name === 'inventory.changed')
      .map((e) => e.payload as { revision: number; delta?: Parameters<typeof withInventoryDelta>[1] & { base: number } });
    const last = changed.at(-1);
    expect(last?.revision).toBe(after.revision);
    // The two deltas, merged or one by one, turn the estate before into the one after.
    const applied = changed.reduce((doc, e) => (doc && e.delta ? withInventoryDelta(doc, e.delta) : null), before.inventory as typeof before.inventory | null);
    expect(applied).toEqual(after.inventory);
  });
});
