// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/model/job.js';
import { App } from '../../App.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { liveSteps, makeMoveJob, makeQueuedJob } from '../../testing/sample-jobs.js';
import { sampleInventory } from '../../testing/sample-inventory.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const jobs: Job[] = [
  makeMoveJob('j-run', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', { createdAt: '2026-11-20T10:00:00Z' }),
  makeQueuedJob('j-queued', 'web-01', 'HV-MI-11', 'HV-MI-12', 'waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 1'),
  makeMoveJob('j-failed', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11', {
    createdAt: '2026-11-20T09:00:00Z',
    status: 'Failed',
    endedAt: '2026-11-20T09:01:00Z',
    steps: liveSteps(1, 35, 'Failed'),
  }),
  makeMoveJob('j-canceled', 'WEB-02', 'HV-MI-12', 'HV-MI-11', { createdAt: '2026-11-20T08:30:00Z', status: 'Canceled', endedAt: '2026-11-20T08:31:00Z' }),
  makeMoveJob('j-done', 'APP-TO-02', 'HV-TO-02', 'HV-TO-01', {
    createdAt: '2026-11-20T08:00:00Z',
    status: 'Completed with info',
    progress: 100,
    endedAt: '2026-11-20T08:00:12Z',
    steps: liveSteps(4, 0),
  }),
];

async function renderApp() {
  return renderWithStore(<App />, createFakeBackend({ inventory: sampleInventory(), jobs }));
}

const workspaceGrid = () => screen.getByRole('grid', { name: 'All jobs' });
const targets = () =>
  within(workspaceGrid())
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('gridcell').at(-1)?.textContent);

async function openWorkspace() {
  fireEvent.click(within(screen.getByRole('navigation', { name: 'Workspaces' })).getByRole('button', { name: /^Jobs/ }));
  await waitFor(() => expect(workspaceGrid()).toBeTruthy());
}

describe('Jobs workspace', () => {
  it('opens from the left pane, loads the whole history and replaces the Jobs pane', async () => {
    const { backend } = await renderApp();
    const jobsButton = within(screen.getByRole('navigation', { name: 'Workspaces' })).getByRole('button', { name: /^Jobs/ });
    // The count of jobs in flight is on the workspace button.
    expect(jobsButton.textContent).toContain('2');
    await openWorkspace();
    expect(backend.calls.some((c) => c.channel === 'jobs.list' && (c.args as { limit?: number }).limit === 10000)).toBe(true);
    expect(targets()).toEqual(['web-01', 'SQL-PROD-01', 'DC-MI-01', 'WEB-02', 'APP-TO-02']);
    expect(screen.queryByRole('grid', { name: 'Jobs' })).toBeNull();
    expect(screen.queryByRole('grid', { name: 'Virtual machines' })).toBeNull();
    expect(screen.getByText('5 jobs')).toBeTruthy();
    expect(jobsButton.getAttribute('aria-current')).toBe('page');
  });

  it('opens from the ribbon, where the button shows it is pressed', async () => {
    await renderApp();
    const button = screen.getByRole('button', { name: 'Jobs workspace' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    await waitFor(() => expect(workspaceGrid()).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Jobs workspace' }).getAttribute('aria-pressed')).toBe('true');
    // Only the Home tab applies to jobs.
    expect(screen.queryByRole('tab', { name: 'Virtual Machine' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Jobs workspace' }));
    expect(screen.getByRole('grid', { name: 'Virtual machines' })).toBeTruthy();
  });

  it('filters by status, with counts, and by name or target', async () => {
    await renderApp();
    await openWorkspace();
    const filters = screen.getByRole('tablist', { name: 'Show' });
    for (const [label, count] of [
      ['All jobs', 5],
      ['Running and queued', 2],
      ['Completed', 1],
      ['Failed', 1],
      ['Canceled', 1],
    ] as const) {
      expect(within(filters).getByRole('tab', { name: new RegExp(`^${label}\\s*${count}$`) })).toBeTruthy();
    }
    fireEvent.click(within(filters).getByRole('tab', { name: /^Running and queued/ }));
    expect(targets()).toEqual(['web-01', 'SQL-PROD-01']);
    expect(screen.getByText('2 of 5 shown')).toBeTruthy();
    fireEvent.click(within(filters).getByRole('tab', { name: /^Completed/ }));
    expect(targets()).toEqual(['APP-TO-02']);
    fireEvent.click(within(filters).getByRole('tab', { name: /^All jobs/ }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by name or target' }), { target: { value: 'dc-mi' } });
    await waitFor(() => expect(targets()).toEqual(['DC-MI-01']));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by name or target' }), { target: { value: 'nothing like it' } });
    expect(await screen.findByText('No job matches.')).toBeTruthy();
    expect(targets()).toEqual([]);
  });

  it('shows the selected job’s details below the list, and a new job as it arrives', async () => {
    const { backend } = await renderApp();
    await openWorkspace();
    fireEvent.click(within(workspaceGrid()).getByRole('row', { name: /SQL-PROD-01/ }));
    const details = screen.getByRole('region', { name: 'Job details' });
    expect(within(details).getByRole('heading', { name: 'Migrate virtual machine SQL-PROD-01 to HV-MI-12' })).toBeTruthy();
    expect(within(details).getAllByRole('listitem')).toHaveLength(4);
    act(() =>
      backend.putJob(
        makeQueuedJob(
          'j-new',
          'FILE-01',
          'HV-MI-20',
          'HV-MI-11',
          'waiting for a storage-migration slot on HV-MI-11 (2 of 2 in use), position 2',
          '2026-11-20T11:00:00Z',
        ),
      ),
    );
    expect(targets()[0]).toBe('FILE-01');
  });

  it('cancels and restarts from the ribbon for the selected job', async () => {
    const { backend } = await renderApp();
    await openWorkspace();
    const cancel = () => screen.getByRole('button', { name: 'Cancel Job' });
    const restart = () => screen.getByRole('button', { name: 'Restart Job' });
    expect(cancel().hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(workspaceGrid()).getByRole('row', { name: /web-01/ }));
    expect(cancel().hasAttribute('disabled')).toBe(false);
    expect(restart().hasAttribute('disabled')).toBe(true);
    fireEvent.click(cancel());
    await waitFor(() => expect(within(within(workspaceGrid()).getByRole('row', { name: /web-01/ })).getByText('Canceled')).toBeTruthy());
    expect(restart().hasAttribute('disabled')).toBe(false);
    fireEvent.click(restart());
    await waitFor(() => expect(backend.calls.some((c) => c.channel === 'jobs.restart' && (c.args as { id: string }).id === 'j-queued')).toBe(true));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Job details' })).getByText('Restarted from')).toBeTruthy());
  });

  it('offers Cancel and Restart on a row’s context menu, each only where it applies', async () => {
    const { backend } = await renderApp();
    await openWorkspace();
    fireEvent.contextMenu(within(workspaceGrid()).getByRole('row', { name: /DC-MI-01/ }), { button: 2, clientX: 100, clientY: 100 });
    const menu = await screen.findByRole('menu', { name: 'Actions for Migrate virtual machine DC-MI-01 to HV-MI-11' });
    expect(within(menu).getByRole('menuitem', { name: 'Cancel' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Restart' }));
    await waitFor(() => expect(backend.calls.some((c) => c.channel === 'jobs.restart' && (c.args as { id: string }).id === 'j-failed')).toBe(true));
  });

  it('moves the selection with the arrow keys', async () => {
    const { store } = await renderApp();
    await openWorkspace();
    const grid = workspaceGrid();
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedJobId).toBe('j-queued');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedJobId).toBe('j-run');
    fireEvent.keyDown(grid, { key: 'End' });
    expect(store.getState().selectedJobId).toBe('j-done');
    expect(grid.getAttribute('aria-activedescendant')).toBeTruthy();
  });
});
