// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/model/job.js';
import type { JobGroup } from '../../../shared/model/plan.js';
import { err, ok } from '../../../shared/model/result.js';
import { createFakeBackend, type FakeHandlers } from '../../api/fake-backend.js';
import { createTranslator } from '../../i18n/translator.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { groupMoveJob, jobGroup, planOf, plannedMove } from '../../testing/plan-answers.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { liveSteps, makeMoveJob } from '../../testing/sample-jobs.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { JobsPane } from './JobsPane.js';
import { JobsWorkspace } from './JobsWorkspace.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const done = { status: 'Completed' as const, progress: 100, steps: liveSteps(4, 0), endedAt: '2026-11-20T11:01:00Z' };
const queued = { status: 'Queued' as const, progress: 0, steps: [], metrics: null };
const moved = groupMoveJob('g-1', 'g', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11', done);
const running = groupMoveJob('g-2', 'g', 'APP-TO-02', 'HV-TO-02', 'HV-MI-20');
const waiting = groupMoveJob('g-3', 'g', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', queued);
const alone = makeMoveJob('solo', 'web-01', 'HV-MI-11', 'HV-MI-12', { createdAt: '2026-11-20T10:00:00Z', ...done });
const newer = makeMoveJob('newer', 'FILE-01', 'HV-MI-20', 'HV-MI-11', { createdAt: '2026-11-20T12:00:00Z' });
const JOBS = [newer, moved, running, waiting, alone];
const GROUP = jobGroup('g', 'Run plan: migrate 3 VMs', [moved, running, waiting], { target: '3 VMs' });

async function renderPane(handlers: FakeHandlers = {}, jobs: Job[] = JOBS, groups: JobGroup[] = [GROUP]) {
  const backend = createFakeBackend({ inventory: sampleInventory(), jobs, handlers: { 'groups.list': () => ok(groups), ...handlers } });
  const rendered = await renderWithStore(<JobsPane />, backend);
  await screen.findByRole('row', { name: /Run plan: migrate 3 VMs/ });
  return rendered;
}

const grid = () => screen.getByRole('grid', { name: 'Jobs' });
const rowNames = () =>
  within(grid())
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('gridcell')[0].textContent);
const groupRow = (name = /Run plan: migrate 3 VMs/) => within(grid()).getByRole('row', { name });
const details = () => screen.getByRole('region', { name: 'Job details' });
const endCell = (row: HTMLElement) => within(row).getAllByRole('gridcell')[4];
const en = createTranslator('en', 'en-US');
const abortCalls = (backend: { calls: { channel: string; args: unknown }[] }) => backend.calls.filter((c) => c.channel === 'groups.abort').map((c) => c.args);

describe('Job groups in the Jobs pane', () => {
  it('lists a group’s jobs under its row, with its state, “1 of 3 done” and its predicted end, marked as such', async () => {
    await renderPane();
    expect(rowNames()).toEqual([
      'Migrate virtual machine FILE-01 to HV-MI-11',
      'Run plan: migrate 3 VMs',
      'Migrate virtual machine DC-MI-01 to HV-MI-11',
      'Migrate virtual machine APP-TO-02 to HV-MI-20',
      'Migrate virtual machine SQL-PROD-01 to HV-MI-12',
      'Migrate virtual machine web-01 to HV-MI-12',
    ]);
    const row = groupRow();
    expect(row.textContent).toContain('Running');
    expect(row.textContent).toContain('1 of 3 done');
    // Created 11:00:00 with a predicted window of 95 s: ≈ 11:01:35, the window in the cell's title.
    const end = endCell(row);
    expect(end.textContent).toBe(`≈ ${en.formatDateTime('2026-11-20T11:01:35.000Z')}`);
    expect(end.getAttribute('title')).toBe('predicted 1 min 35 s');
    expect(row.textContent).toContain('3 VMs');
    expect(
      within(row)
        .getByRole('button', { name: /jobs of Run plan/ })
        .getAttribute('aria-expanded'),
    ).toBe('true');
  });

  it('follows its jobs’ progress as they change, before the next groups.list', async () => {
    const { backend } = await renderPane();
    await act(async () => {
      backend.putJob({ ...running, ...done });
      backend.putJob({ ...waiting, status: 'Failed', progress: 10, endedAt: '2026-11-20T11:02:00Z' });
    });
    expect(groupRow().textContent).toContain('3 of 3 done · 1 failed');
    expect(groupRow().textContent).toContain('Completed with problems');
  });

  it('shows a completed group’s real end (its last job’s end), not the prediction', async () => {
    const { backend } = await renderPane();
    await act(async () => {
      backend.putJob({ ...running, ...done, endedAt: '2026-11-20T11:07:12Z' });
      backend.putJob({ ...waiting, ...done, endedAt: '2026-11-20T11:04:00Z' });
    });
    expect(groupRow().textContent).toContain('Completed');
    const end = endCell(groupRow());
    expect(end.textContent).toBe(en.formatDateTime('2026-11-20T11:07:12Z'));
    expect(end.textContent).not.toContain('≈');
    expect(end.getAttribute('title')).toBeNull();
  });

  it('folds and unfolds a group with its chevron and with Left and Right; Left on one of its jobs goes up to it', async () => {
    await renderPane();
    fireEvent.click(within(groupRow()).getByRole('button', { name: 'Hide the jobs of Run plan: migrate 3 VMs' }));
    expect(rowNames()).toEqual(['Migrate virtual machine FILE-01 to HV-MI-11', 'Run plan: migrate 3 VMs', 'Migrate virtual machine web-01 to HV-MI-12']);
    expect(
      within(groupRow())
        .getByRole('button', { name: /jobs of Run plan/ })
        .getAttribute('aria-expanded'),
    ).toBe('false');
    fireEvent.click(groupRow());
    fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    expect(rowNames()).toHaveLength(6);
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    expect(
      within(grid())
        .getByRole('row', { name: /APP-TO-02/ })
        .getAttribute('aria-selected'),
    ).toBe('true');
    fireEvent.keyDown(grid(), { key: 'ArrowLeft' });
    expect(groupRow().getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid(), { key: 'ArrowLeft' });
    expect(rowNames()).toHaveLength(3);
  });

  it('shows a selected group’s details with Abort… and Abort and restore…', async () => {
    await renderPane();
    fireEvent.click(groupRow());
    const panel = details();
    expect(within(panel).getByRole('heading', { name: 'Run plan: migrate 3 VMs' })).toBeTruthy();
    expect(within(panel).getByText('Predicted window').nextElementSibling?.textContent).toBe('1 min 35 s');
    expect(within(panel).getByText('Lower bound').nextElementSibling?.textContent).toBe('1 min 20 s');
    expect(within(panel).getByText('Progress').nextElementSibling?.textContent).toBe('1 of 3 done');
    expect(within(panel).getByRole('button', { name: 'Abort…' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Abort and restore…' })).toBeTruthy();
  });

  it('Abort says what happens, then calls groups.abort without restore', async () => {
    const aborted = { ...GROUP, state: 'Aborted' as const, abortedAt: '2026-11-20T11:03:00Z' };
    const { backend, store } = await renderPane({ 'groups.abort': () => ok({ group: aborted, restore: null }) });
    fireEvent.click(groupRow());
    fireEvent.click(within(details()).getByRole('button', { name: 'Abort…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Abort “Run plan: migrate 3 VMs”?' });
    expect(confirm.textContent).toContain('Queued moves are canceled, and running moves stop with each VM staying on its source host.');
    expect(confirm.textContent).toContain('VMs that already moved stay on their new hosts.');
    // Keep running closes without a request.
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep running' }));
    // Gone from the page, not only hidden while it closes: the next Abort… opens a new dialog.
    await waitFor(() => expect(document.querySelector('[role="alertdialog"]')).toBeNull());
    expect(abortCalls(backend)).toEqual([]);
    fireEvent.click(within(details()).getByRole('button', { name: 'Abort…' }));
    // The dialog opens again: its buttons are reachable once its opening has ended (findBy, not getBy).
    fireEvent.click(await within(await screen.findByRole('alertdialog')).findByRole('button', { name: 'Abort' }));
    await waitFor(() => expect(abortCalls(backend)).toEqual([{ id: 'g', restore: false }]));
    await waitFor(() => expect(store.getState().groups.find((g) => g.id === 'g')?.abortedAt).toBe('2026-11-20T11:03:00Z'));
    await waitFor(() => expect(groupRow().textContent).toContain('Aborted'));
  });

  it('Abort and restore says it also moves back what moved, calls groups.abort with restore, and lists the restore group', async () => {
    const back = groupMoveJob('r-1', 'r', 'DC-MI-01', 'HV-MI-11', 'HV-MI-20', { ...queued, createdAt: '2026-11-20T11:05:00Z' });
    const restore = jobGroup('r', 'Restore: move 1 VM back', [back], { kind: 'restore', restoreOf: 'g', target: '1 VM', createdAt: '2026-11-20T11:05:00Z' });
    const aborted = { ...GROUP, state: 'Aborted' as const, abortedAt: '2026-11-20T11:03:00Z' };
    const request = { kind: 'vms' as const, vms: ['DC-MI-01'], to: 'auto', perVm: { 'DC-MI-01': 'HV-MI-20' } };
    const { backend } = await renderPane({
      'groups.abort': () =>
        ok({ group: aborted, restore: { group: restore, plan: planOf(request, [plannedMove('m1', 'DC-MI-01', 'HV-MI-11', 'HV-MI-20')]), jobs: [back] } }),
    });
    fireEvent.contextMenu(groupRow(), { button: 2, clientX: 200, clientY: 200 });
    const menu = await screen.findByRole('menu', { name: 'Actions for Run plan: migrate 3 VMs' });
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Abort and restore…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Abort “Run plan: migrate 3 VMs” and restore?' });
    expect(confirm.textContent).toContain('Queued moves are canceled, and running moves stop with each VM staying on its source host.');
    expect(confirm.textContent).toContain('Abort and restore also moves back the VMs that already moved');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Abort and restore' }));
    await waitFor(() => expect(abortCalls(backend)).toEqual([{ id: 'g', restore: true }]));
    const restoreRow = await screen.findByRole('row', { name: /Restore: move 1 VM back/ });
    expect(restoreRow.textContent).toContain('0 of 1 done');
    expect(within(grid()).getByRole('row', { name: /Migrate virtual machine DC-MI-01 to HV-MI-20/ })).toBeTruthy();
  });

  it('offers to move the VMs of an ended group back, once', async () => {
    const ended = [moved, { ...running, ...done }, { ...waiting, ...done }];
    const group = jobGroup('g', 'Run plan: migrate 3 VMs', ended, { target: '3 VMs' });
    const { backend } = await renderPane({ 'groups.abort': () => ok({ group, restore: null }) }, [newer, ...ended, alone], [group]);
    fireEvent.click(groupRow());
    expect(within(details()).queryByRole('button', { name: 'Abort…' })).toBeNull();
    fireEvent.click(within(details()).getByRole('button', { name: 'Move the VMs back…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Move the VMs of “Run plan: migrate 3 VMs” back?' });
    expect(confirm.textContent).toContain('The VMs this group moved go back to the hosts they left');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Move back' }));
    await waitFor(() => expect(abortCalls(backend)).toEqual([{ id: 'g', restore: true }]));
  });

  it('keeps an abort’s error next to the group', async () => {
    await renderPane({ 'groups.abort': () => err('abort-timeout', 'Some moves did not stop within 120 s.') });
    fireEvent.click(groupRow());
    fireEvent.click(within(details()).getByRole('button', { name: 'Abort…' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Abort' }));
    expect(await within(details()).findByText('The group was not aborted: Some moves did not stop within 120 s.')).toBeTruthy();
  });

  it('asks groups.list on open, and again (throttled) when a grouped job changes', async () => {
    const { backend } = await renderPane();
    const lists = () => backend.calls.filter((c) => c.channel === 'groups.list').length;
    expect(lists()).toBe(1);
    await act(async () => {
      for (let i = 0; i < 5; i++) backend.putJob({ ...running, progress: 50 + i });
    });
    // A burst asks once more, not five times.
    await waitFor(() => expect(lists()).toBe(2), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 1200));
    expect(lists()).toBe(2);
    // A job of no group asks nothing.
    await act(async () => backend.putJob({ ...newer, progress: 60 }));
    await new Promise((r) => setTimeout(r, 1100));
    expect(lists()).toBe(2);
  });
});

describe('Job groups in the Jobs workspace', () => {
  it('groups the jobs there too, and shows the group’s details with its actions', async () => {
    const backend = createFakeBackend({ inventory: sampleInventory(), jobs: JOBS, handlers: { 'groups.list': () => ok([GROUP]) } });
    await renderWithStore(<JobsWorkspace />, backend);
    const all = screen.getByRole('grid', { name: 'All jobs' });
    const row = await within(all).findByRole('row', { name: /Run plan: migrate 3 VMs/ });
    fireEvent.click(row);
    expect(within(details()).getByRole('button', { name: 'Abort and restore…' })).toBeTruthy();
  });
});
