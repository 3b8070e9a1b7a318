import type { Backend } from '../../shared/contract/backend.js';
import { isConnectionAware } from '../api/connection.js';
import type { AppStore } from './app-store.js';

/** Loads everything the console shows: preferences, the inventory, recent jobs and job groups. */
export function loadAll(store: AppStore): Promise<void> {
  const state = store.getState();
  return Promise.all([state.loadPreferences(), state.refreshInventory(), state.refreshJobs(), state.refreshGroups()]).then(() => undefined);
}

/**
 * The one place backend events reach the store: `inventory.changed` takes a new revision (in place
 * from its delta when it has one that fits, else by fetching the inventory), `import.progress` feeds the import dialog, `jobs.changed` merges jobs (and
 * refreshes job groups when a grouped job changed). After
 * a dropped connection comes back, everything is fetched again (events may have been missed).
 * Starts the first load and returns a function that unbinds.
 */
export function bindBackendToStore(backend: Backend, store: AppStore): () => void {
  const unbind: (() => void)[] = [
    backend.on('inventory.changed', ({ revision, meta, delta }) => store.getState().inventoryChanged(revision, meta, delta)),
    backend.on('import.progress', (progress) => store.getState().receiveImportProgress(progress)),
    backend.on('jobs.changed', ({ jobs }) => {
      store.getState().mergeJobs(jobs);
      // A group's state and counts follow its jobs: ask for the groups again, throttled.
      if (jobs.some((job) => Boolean(job.groupId))) store.getState().scheduleGroupsRefresh();
    }),
  ];
  if (isConnectionAware(backend)) {
    let lost = false;
    unbind.push(
      backend.onConnectionChange((state) => {
        store.getState().setConnection(state);
        if (state === 'reconnecting') lost = true;
        if (state === 'open' && lost) {
          lost = false;
          void loadAll(store);
        }
      }),
    );
  } else {
    store.getState().setConnection('open');
  }
  void loadAll(store);
  return () => unbind.forEach((off) => off());
}
