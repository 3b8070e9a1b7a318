// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { liveSteps, makeMoveJob, makeQueuedJob } from '../../testing/sample-jobs.js';
import { largeInventory, sampleInventory } from '../../testing/sample-inventory.js';
import { VmList } from './VmList.js';
import { inventoryPage, vmsInConsoleOrder } from '../../../shared/model/inventory-page.js';
import { ok } from '../../../shared/model/result.js';
import { FIRST_PAGE_VMS } from '../../store/inventory-slice.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const grid = () => screen.getByRole('grid', { name: 'Virtual machines' });
const dataRows = () => within(grid()).getAllByRole('row').slice(1);
const rowNames = () => dataRows().map((row) => within(row).getAllByRole('gridcell')[0].textContent);

describe('VM list', () => {
  it('shows every VM of the estate with its count', async () => {
    await renderWithStore(<VmList />);
    expect(screen.getByText('9 virtual machines')).toBeTruthy();
    expect(grid().getAttribute('aria-rowcount')).toBe('10');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Name',
      'Status',
      'Host',
      'Memory',
      'Configuration version',
      'Highly available',
      'Job status',
    ]);
  });

  it('says how many VMs came and why the rest did not when a later page of a large estate fails', async () => {
    const backend = createFakeBackend({ inventory: largeInventory(3000) });
    const ordered = vmsInConsoleOrder(largeInventory(3000).vms);
    backend.override('inventory.page', ({ offset, limit }) =>
      offset === 0
        ? ok(inventoryPage(1, null, largeInventory(3000), ordered, offset, limit))
        : { ok: false, error: { code: 'db-locked', message: 'The database is busy.' } },
    );
    await renderWithStore(<VmList />, backend);
    expect(
      await screen.findByText(`${FIRST_PAGE_VMS} of 3,000 virtual machines loaded; the rest could not be loaded: The database is busy. Refresh tries again.`),
    ).toBeTruthy();
    expect(dataRows().length).toBeGreaterThan(0);
  });

  it('filters by name or host as the admin types, and says how many are shown', async () => {
    await renderWithStore(<VmList />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by name or host' }), { target: { value: 'hv-to' } });
    expect(await screen.findByText('3 of 9 shown')).toBeTruthy();
    expect(rowNames()).toEqual(['APP-TO-01', 'APP-TO-02', 'Città-Ufficio']);
  });

  it('says so when the filter matches nothing', async () => {
    await renderWithStore(<VmList />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by name or host' }), { target: { value: 'exchange' } });
    expect(await screen.findByText('No virtual machine matches “exchange”.')).toBeTruthy();
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    await renderWithStore(<VmList />);
    const memory = screen.getByRole('columnheader', { name: 'Memory' });
    expect(memory.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(memory).getByRole('button'));
    expect(memory.getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('none');
    expect(rowNames()[0]).toBe('APP-TO-02');
    fireEvent.click(within(memory).getByRole('button'));
    expect(memory.getAttribute('aria-sort')).toBe('descending');
    expect(rowNames().slice(0, 2)).toEqual(['SQL-PROD-01', 'SQL-PROD-02']);
  });

  it('selects a row when it is clicked', async () => {
    const { store } = await renderWithStore(<VmList />);
    const row = dataRows().find((r) => r.textContent?.includes('FILE-01'))!;
    fireEvent.click(row);
    expect(row.getAttribute('aria-selected')).toBe('true');
    expect(store.getState().selectedVmId).toBe('id-file-01');
  });

  it('moves the selection with the arrow keys', async () => {
    const { store } = await renderWithStore(<VmList />);
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    expect(store.getState().selectedVmId).toBe('id-app-to-01');
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid(), { key: 'ArrowUp' });
    const selected = dataRows().filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => within(r).getAllByRole('gridcell')[0].textContent)).toEqual(['APP-TO-02']);
    expect(grid().getAttribute('aria-activedescendant')).toBe(selected[0].id);
  });

  it('shows only the VMs under the selected tree node', async () => {
    const { store } = await renderWithStore(<VmList />);
    act(() => store.getState().selectNode('cluster:cl-mi-22'));
    expect(screen.getByRole('heading', { name: 'CL-MI-22' })).toBeTruthy();
    expect(screen.getByText('4 virtual machines')).toBeTruthy();
    expect(rowNames()).toEqual(['SQL-PROD-01', 'SQL-PROD-02', 'web-01', 'WEB-02']);
  });

  it('renders only the visible rows of a 25,000-VM estate while counting them all', async () => {
    await renderWithStore(<VmList />, createFakeBackend({ inventory: largeInventory(25_000) }));
    expect(screen.getByText('25,000 virtual machines')).toBeTruthy();
    expect(grid().getAttribute('aria-rowcount')).toBe('25001');
    expect(dataRows().length).toBeLessThan(80);
  });

  it('shows each VM’s latest job in the Job status column, with a running job’s progress', async () => {
    const jobs = [
      makeMoveJob('new', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', { createdAt: '2026-11-20T10:00:00Z', progress: 35 }),
      makeMoveJob('old', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', { createdAt: '2026-11-20T09:00:00Z', status: 'Failed' }),
      makeQueuedJob('q', 'web-01', 'HV-MI-11', 'HV-MI-12', 'waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 1'),
    ];
    await renderWithStore(<VmList />, createFakeBackend({ inventory: sampleInventory(), jobs }));
    const jobCell = (vm: string) => within(dataRows().find((r) => within(r).getAllByRole('gridcell')[0].textContent === vm)!).getAllByRole('gridcell')[6];
    expect(jobCell('SQL-PROD-01').textContent).toBe('Running35%');
    expect(jobCell('web-01').textContent).toBe('Queued');
    expect(jobCell('FILE-01').textContent).toBe('');
  });

  it('sorts by job status: VMs without a job first, then queued, running, and ended', async () => {
    const jobs = [
      makeMoveJob('run', 'WEB-02', 'HV-MI-12', 'HV-MI-11'),
      makeQueuedJob('q', 'web-01', 'HV-MI-11', 'HV-MI-12', 'waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 1'),
      makeMoveJob('done', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11', { status: 'Completed', progress: 100, steps: liveSteps(4, 0) }),
    ];
    await renderWithStore(<VmList />, createFakeBackend({ inventory: sampleInventory(), jobs }));
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'Job status' })).getByRole('button'));
    expect(rowNames().slice(-3)).toEqual(['web-01', 'WEB-02', 'DC-MI-01']);
    expect(rowNames().slice(0, 2)).toEqual(['APP-TO-01', 'APP-TO-02']);
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'Job status' })).getByRole('button'));
    expect(rowNames().slice(0, 3)).toEqual(['DC-MI-01', 'WEB-02', 'web-01']);
  });

  it('shows a moved VM on its new host as soon as its job completes and the inventory changes', async () => {
    const job = makeMoveJob('m', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11');
    const { backend, store } = await renderWithStore(<VmList />, createFakeBackend({ inventory: sampleInventory(), jobs: [job] }));
    act(() => store.getState().selectNode('host:hv-mi-11'));
    expect(rowNames()).not.toContain('DC-MI-01');
    const moved = sampleInventory();
    moved.vms.find((vm) => vm.name === 'DC-MI-01')!.host = 'HV-MI-11';
    await act(async () => {
      backend.putJob({ ...job, status: 'Completed', progress: 100, steps: liveSteps(4, 0) });
      backend.replaceInventory(moved, 'Built-in demo estate');
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(rowNames()).toContain('DC-MI-01');
    const row = dataRows().find((r) => within(r).getAllByRole('gridcell')[0].textContent === 'DC-MI-01')!;
    expect(within(row).getAllByRole('gridcell')[2].textContent).toBe('HV-MI-11');
    expect(within(row).getAllByRole('gridcell')[6].textContent).toBe('Completed');
  });
});
