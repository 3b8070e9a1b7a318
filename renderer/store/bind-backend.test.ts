import { describe, expect, it } from 'vitest';
import { inventoryPage, vmsInConsoleOrder } from '../../shared/model/inventory-page.js';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { ok } from '../../shared/model/result.js';
import { createFakeBackend } from '../api/fake-backend.js';
import { makeJob } from '../testing/sample-jobs.js';
import { makeVm, sampleInventory } from '../testing/sample-inventory.js';
import { untilLoaded } from '../testing/render-with-store.js';
import { createAppStore } from './app-store.js';
import { bindBackendToStore } from './bind-backend.js';
import { FIRST_PAGE_VMS, PAGE_VMS } from './inventory-slice.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

async function boundStore(seed = { inventory: sampleInventory() }) {
  const backend = createFakeBackend(seed);
  const store = createAppStore(backend);
  const unbind = bindBackendToStore(backend, store);
  await untilLoaded(store);
  await settle();
  return { backend, store, unbind };
}

const job = (id: string, createdAt: string, patch: Partial<Job> = {}): Job =>
  makeJob(id, `Import inventory ${id}`, {
    kind: 'import-inventory',
    status: 'Running',
    progress: 10,
    target: 'estate.json',
    createdAt,
    startedAt: createdAt,
    ...patch,
  });

describe('store bound to the backend', () => {
  it('loads the inventory, preferences and jobs at start', async () => {
    const { store } = await boundStore();
    const state = store.getState();
    expect(state.inventoryStatus).toBe('ready');
    expect(state.index?.inventory.vms).toHaveLength(9);
    expect(state.appInfo?.systemLocale).toBe('en-US');
    expect(state.settings).toEqual({ language: 'system', theme: 'system', simulatorSpeed: 10, hiddenColumns: { vms: [], jobs: [] } });
  });

  it('refetches the inventory when the backend says it changed', async () => {
    const { backend, store } = await boundStore();
    const next = sampleInventory();
    next.vms.push(makeVm({ name: 'NEW-VM', host: 'HV-MI-11' }));
    backend.replaceInventory(next, 'estate.json');
    await settle();
    expect(store.getState().index?.vmById.has('id-new-vm')).toBe(true);
    expect(store.getState().snapshot?.meta?.origin).toBe('estate.json');
  });

  it('does not refetch for a revision it already shows', async () => {
    const { backend, store } = await boundStore();
    const fetches = () => backend.calls.filter((c) => c.channel === 'inventory.page' && (c.args as { offset: number }).offset === 0).length;
    const before = fetches();
    backend.emit('inventory.changed', { revision: store.getState().snapshot!.revision, meta: null });
    await settle();
    expect(fetches()).toBe(before);
  });

  it("takes a completed move's delta in place, without fetching the estate", async () => {
    const { backend, store } = await boundStore();
    const fetches = () => backend.calls.filter((c) => c.channel === 'inventory.page' && (c.args as { offset: number }).offset === 0).length;
    const before = fetches();
    const shown = store.getState().snapshot!;
    const vm = shown.inventory.vms.find((v) => v.name === 'web-01')!;
    const moved = { ...vm, host: 'HV-MI-20' };
    const dest = shown.inventory.hosts.find((h) => h.name === 'HV-MI-20')!;
    const fuller = { ...dest, memory: { ...dest.memory, availableMB: dest.memory.availableMB - vm.memoryMB } };
    backend.emit('inventory.changed', { revision: shown.revision + 1, meta: shown.meta, delta: { base: shown.revision, vms: [moved], hosts: [fuller] } });
    await settle();
    expect(fetches()).toBe(before);
    const state = store.getState();
    expect(state.snapshot?.revision).toBe(shown.revision + 1);
    expect(state.index?.vmById.get(vm.id)?.host).toBe('HV-MI-20');
    expect(state.index?.hostByName.get('hv-mi-20')?.memory.availableMB).toBe(fuller.memory.availableMB);
    expect(state.index?.vmsByHost.get('hv-mi-20')?.some((v) => v.name === 'web-01')).toBe(true);
  });

  it('fetches the estate when a delta was made from another revision than the one shown', async () => {
    const { backend, store } = await boundStore();
    const fetches = () => backend.calls.filter((c) => c.channel === 'inventory.page' && (c.args as { offset: number }).offset === 0).length;
    const before = fetches();
    const shown = store.getState().snapshot!;
    backend.emit('inventory.changed', { revision: shown.revision + 2, meta: shown.meta, delta: { base: shown.revision + 1, vms: [], hosts: [] } });
    await settle();
    expect(fetches()).toBe(before + 1);
  });

  it('derives the indexes once per revision, not again for the same one', async () => {
    const { store } = await boundStore();
    const index = store.getState().index;
    await store.getState().refreshInventory();
    expect(store.getState().index).toBe(index);
  });

  it('ignores an answer older than the inventory it shows', async () => {
    const { backend, store } = await boundStore();
    const current = store.getState().snapshot!;
    const stale = inventoryPage(current.revision - 1, current.meta, { ...current.inventory, vms: [] }, [], 0, FIRST_PAGE_VMS);
    backend.override('inventory.page', () => ok(stale));
    await store.getState().refreshInventory();
    expect(store.getState().index?.inventory.vms).toHaveLength(9);
  });

  describe('an estate larger than one page', () => {
    /** The sample estate with `extra` more VMs, named so that by name they come before and after the sample's. */
    const largeEstate = (extra: number): InventoryDocument => {
      const doc = sampleInventory();
      for (let i = 0; i < extra; i++) doc.vms.push(makeVm({ name: `vm-${String(i).padStart(5, '0')}`, host: 'HV-MI-11' }));
      return doc;
    };
    const extra = FIRST_PAGE_VMS + PAGE_VMS + 10;

    /** A backend whose pages after the first wait until `release` is called. */
    function heldPages(doc: InventoryDocument, revision = () => 1) {
      const backend = createFakeBackend({ inventory: doc });
      const ordered = vmsInConsoleOrder(doc.vms);
      const held: (() => void)[] = [];
      // A held page is made when it is released, at the revision the estate has then.
      const answer = (offset: number, limit: number) => ok(inventoryPage(revision(), null, doc, ordered, offset, limit));
      backend.override('inventory.page', ({ offset, limit }) =>
        offset === 0 ? answer(offset, limit) : new Promise((resolve) => held.push(() => resolve(answer(offset, limit)))),
      );
      const release = async () => {
        while (held.length > 0) {
          held.shift()!();
          await settle();
        }
        // The whole estate is shown a couple of tasks after its last page.
        for (let i = 0; i < 5; i++) await settle();
      };
      return { backend, release, ordered };
    }

    it('shows the tree and the first VMs by name at once, and says how many of how many have come', async () => {
      const doc = largeEstate(extra);
      const { backend, ordered } = heldPages(doc);
      const store = createAppStore(backend);
      bindBackendToStore(backend, store);
      await settle();
      await settle();
      const state = store.getState();
      expect(state.inventoryStatus).toBe('ready');
      expect(state.inventoryLoading).toEqual({ loaded: FIRST_PAGE_VMS, total: doc.vms.length });
      expect(state.index?.inventory.hosts).toHaveLength(doc.hosts.length);
      expect(state.index?.inventory.vms.map((v) => v.name)).toEqual(ordered.slice(0, FIRST_PAGE_VMS).map((v) => v.name));
    });

    it('shows the whole estate once every page has arrived', async () => {
      const doc = largeEstate(extra);
      const { backend, release } = heldPages(doc);
      const store = createAppStore(backend);
      bindBackendToStore(backend, store);
      await settle();
      await release();
      const state = store.getState();
      expect(state.inventoryLoading).toBeNull();
      expect(state.index?.inventory.vms).toHaveLength(doc.vms.length);
      expect(new Set(state.index?.inventory.vms.map((v) => v.id)).size).toBe(doc.vms.length);
      expect(state.index?.vmById.has('id-sql-prod-01')).toBe(true);
    });

    it('starts again from the first page when the estate changes while its pages arrive', async () => {
      const doc = largeEstate(extra);
      let revision = 1;
      const { backend, release } = heldPages(doc, () => revision);
      const store = createAppStore(backend);
      bindBackendToStore(backend, store);
      await settle();
      revision = 2;
      await release();
      await settle();
      await release();
      const state = store.getState();
      expect(state.snapshot?.revision).toBe(2);
      expect(state.inventoryLoading).toBeNull();
      expect(state.index?.inventory.vms).toHaveLength(doc.vms.length);
    });

    it('keeps the whole estate on screen while a reload of it arrives', async () => {
      const doc = largeEstate(extra);
      let revision = 1;
      const { backend, release } = heldPages(doc, () => revision);
      const store = createAppStore(backend);
      bindBackendToStore(backend, store);
      await settle();
      await release();
      revision = 2;
      const reload = store.getState().refreshInventory();
      await settle();
      expect(store.getState().inventoryLoading).toBeNull();
      expect(store.getState().index?.inventory.vms).toHaveLength(doc.vms.length);
      expect(store.getState().snapshot?.revision).toBe(1);
      await release();
      await reload;
      expect(store.getState().snapshot?.revision).toBe(2);
    });

    it('says what went wrong when a later page fails, and keeps the first VMs on screen', async () => {
      const doc = largeEstate(extra);
      const backend = createFakeBackend({ inventory: doc });
      const ordered = vmsInConsoleOrder(doc.vms);
      backend.override('inventory.page', ({ offset, limit }) =>
        offset === 0 ? ok(inventoryPage(1, null, doc, ordered, offset, limit)) : { ok: false, error: { code: 'db-locked', message: 'database is locked' } },
      );
      const store = createAppStore(backend);
      bindBackendToStore(backend, store);
      await settle();
      await settle();
      const state = store.getState();
      expect(state.inventoryError?.code).toBe('db-locked');
      expect(state.inventoryStatus).toBe('ready');
      expect(state.index?.inventory.vms).toHaveLength(FIRST_PAGE_VMS);
    });
  });

  it('merges changed jobs by id, newest first', async () => {
    const { backend, store } = await boundStore();
    backend.emit('jobs.changed', { jobs: [job('a', '2026-11-20T10:00:00Z'), job('b', '2026-11-20T11:00:00Z')] });
    backend.emit('jobs.changed', { jobs: [job('a', '2026-11-20T10:00:00Z', { status: 'Completed', progress: 100 })] });
    const jobs = store.getState().jobs;
    expect(jobs.map((j) => j.id)).toEqual(['b', 'a']);
    expect(jobs[1].status).toBe('Completed');
  });

  it('shows import progress events while an import runs', async () => {
    const { backend, store } = await boundStore();
    let release!: () => void;
    backend.override(
      'inventory.import',
      () =>
        new Promise(
          (resolve) =>
            (release = () =>
              resolve(ok({ origin: 'x.json', counts: { hostGroups: 0, clusters: 0, hosts: 1, vms: 2, disks: 0, fileShares: 0 }, jobId: 'j', durationMs: 1 }))),
        ),
    );
    const pending = store.getState().importInventory('x.json', '{}');
    backend.emit('import.progress', { phase: 'validating', fraction: 0.5, fileName: 'x.json' });
    const state = store.getState().importState;
    expect(state.phase === 'running' && state.progress?.phase).toBe('validating');
    release();
    await pending;
    expect(store.getState().importState.phase).toBe('idle');
    expect(store.getState().notices.at(-1)?.params).toEqual({ vms: 2, hosts: 1, fileName: 'x.json' });
  });

  it('ignores progress of an import of another file', async () => {
    const { backend, store } = await boundStore();
    backend.override('inventory.import', () => new Promise(() => undefined));
    void store.getState().importInventory('mine.json', '{}');
    backend.emit('import.progress', { phase: 'writing', fraction: 0.9, fileName: 'theirs.json' });
    const state = store.getState().importState;
    expect(state.phase === 'running' && state.progress).toBeNull();
  });

  it('keeps the current inventory and lists the problems when an import is invalid', async () => {
    const { store } = await boundStore();
    const before = store.getState().index;
    await store.getState().importInventory('broken.json', JSON.stringify({ format: 'other', version: 1 }));
    const state = store.getState().importState;
    expect(state.phase).toBe('failed');
    expect(state.phase === 'failed' && state.error.code).toBe('inventory-invalid');
    expect(store.getState().index).toBe(before);
  });

  it('stops listening once unbound', async () => {
    const { backend, store, unbind } = await boundStore();
    unbind();
    backend.emit('jobs.changed', { jobs: [job('late', '2026-11-20T10:00:00Z')] });
    expect(store.getState().jobs.some((j) => j.id === 'late')).toBe(false);
  });

  it('reverts a preference that could not be saved and says so', async () => {
    const { backend, store } = await boundStore();
    backend.override('settings.set', () => ({ ok: false, error: { code: 'db-locked', message: 'database is locked' } }));
    await store.getState().setLanguage('it');
    expect(store.getState().settings.language).toBe('system');
    expect(store.getState().notices.at(-1)?.key).toBe('pref.saveFailed');
  });
});
