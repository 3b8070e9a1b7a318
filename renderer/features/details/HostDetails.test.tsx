// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/model/job.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { createAppStore } from '../../store/app-store.js';
import { bindBackendToStore } from '../../store/bind-backend.js';
import { StoreProvider } from '../../store/store-context.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { untilLoaded } from '../../testing/render-with-store.js';
import { makeMoveJob, makeQueuedJob } from '../../testing/sample-jobs.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { HostDetails } from './HostDetails.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

/** Renders the details of `hostName` with a store bound to a fake backend holding `jobs`. */
async function renderHost(hostName: string, jobs: Job[], maxParallelMigrations: number | null = null) {
  const inventory = sampleInventory();
  inventory.clusters[0].maxParallelMigrations = maxParallelMigrations;
  const backend = createFakeBackend({ inventory, jobs });
  const store = createAppStore(backend);
  bindBackendToStore(backend, store);
  await untilLoaded(store);
  const host = store.getState().index!.hostByName.get(hostName.toLowerCase())!;
  render(
    <StoreProvider store={store}>
      <FluentProvider theme={webLightTheme}>
        <HostDetails host={host} />
      </FluentProvider>
    </StoreProvider>,
  );
  return { backend, store };
}

const inFlight = () => screen.getByRole('region', { name: 'Migrations in progress' });
const valueOf = (label: string) => within(inFlight()).getByText(label, { selector: 'dt' }).nextElementSibling as HTMLElement;

describe('host details: migrations in progress', () => {
  it('counts running live migrations in and out of the host against its limit, and lists them', async () => {
    await renderHost('HV-MI-20', [
      makeMoveJob('out', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11', { progress: 62 }),
      makeMoveJob('in', 'APP-TO-02', 'HV-TO-02', 'HV-MI-20'),
      makeMoveJob('elsewhere', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12'),
      makeMoveJob('ended', 'FILE-01', 'HV-MI-20', 'HV-MI-11', { status: 'Completed', progress: 100 }),
    ]);
    const live = valueOf('Live migrations');
    expect(live.textContent).toContain('2 of 2 in use');
    expect(
      within(live)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['DC-MI-01 to HV-MI-1162%', 'APP-TO-02 from HV-TO-0240%']);
    expect(valueOf('Storage migrations').textContent).toBe('0 of 2 in use');
  });

  it('counts a Live (VSM) against both kinds of slot and a storage move against storage only', async () => {
    await renderHost('HV-MI-20', [
      makeMoveJob('vsm', 'DC-MI-01', 'HV-MI-20', 'HV-TO-02', { move: { kind: 'live-vsm' } }),
      makeMoveJob('storage', 'FILE-01', 'HV-MI-20', 'HV-MI-20', { kind: 'migrate-storage', move: { kind: 'storage' } }),
    ]);
    expect(valueOf('Live migrations').textContent).toContain('1 of 2 in use');
    const storage = valueOf('Storage migrations');
    expect(storage.textContent).toContain('2 of 2 in use');
    expect(
      within(storage)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['DC-MI-01 to HV-TO-0240%', 'FILE-01 storage on this host40%']);
  });

  it('applies the cluster’s maximum of parallel migrations to its nodes, and says so', async () => {
    await renderHost('HV-MI-11', [makeMoveJob('a', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12')], 4);
    expect(valueOf('Live migrations').textContent).toContain('1 of 4 in use');
    expect(valueOf('Live migrations').textContent).toContain('(limit of cluster CL-MI-22)');
    expect(valueOf('Storage migrations').textContent).toBe('0 of 2 in use');
  });

  it('says how many queued moves wait for a slot on the host', async () => {
    await renderHost('HV-MI-11', [
      makeQueuedJob('q1', 'web-01', 'HV-MI-11', 'HV-MI-12', 'waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 1'),
      makeQueuedJob('q2', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11', 'waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 2'),
    ]);
    expect(valueOf('Queued').textContent).toBe('2 moves waiting for a slot here');
    expect(valueOf('Live migrations').textContent).toBe('0 of 2 in use');
  });

  it('follows the jobs as they start and end, and opens a move’s job from its link', async () => {
    const queued = makeQueuedJob('q', 'web-01', 'HV-MI-11', 'HV-MI-12', 'waiting for a live-migration slot on HV-MI-12 (2 of 2 in use), position 1');
    const { backend, store } = await renderHost('HV-MI-11', [queued]);
    expect(within(inFlight()).queryByText('Queued', { selector: 'dt' })).toBeTruthy();
    act(() => backend.putJob({ ...queued, status: 'Running', waitingFor: null, progress: 10 }));
    expect(valueOf('Live migrations').textContent).toContain('1 of 2 in use');
    expect(within(inFlight()).queryByText('Queued', { selector: 'dt' })).toBeNull();
    fireEvent.click(within(inFlight()).getByRole('button', { name: 'web-01' }));
    expect(store.getState().selectedJobId).toBe('q');
    act(() => backend.putJob({ ...queued, status: 'Completed', waitingFor: null, progress: 100 }));
    expect(valueOf('Live migrations').textContent).toBe('0 of 2 in use');
  });
});
