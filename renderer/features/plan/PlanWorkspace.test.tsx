// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import type { Plan, SavedPlan } from '../../../shared/model/plan.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { App } from '../../App.js';
import { createFakeBackend, type FakeBackend, type FakeHandlers } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { makeJob } from '../../testing/sample-jobs.js';
import { NEVER_CONVERGES, samplePlan, sampleRun } from './sample-plans.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const ribbon = () => within(screen.getByRole('banner', { name: 'Ribbon' }));
const planView = (name: string) => screen.findByRole('region', { name });
const summary = (view: HTMLElement) => within(view).getByRole('group', { name: 'Plan summary' });
const lanes = (view: HTMLElement) => within(view).getByRole('group', { name: 'Migration slots' });
const callsOf = <C extends keyof InvokeArgs>(backend: FakeBackend, channel: C) =>
  backend.calls.filter((c) => c.channel === channel).map((c) => c.args as InvokeArgs[C]);

/** Renders the console on the sample estate, with `plan.create` answering the sample plan of each request. */
async function renderConsole(handlers: FakeHandlers = {}) {
  const backend = createFakeBackend({
    inventory: sampleInventory(),
    handlers: { 'plan.create': ({ request, whatIf }) => ok(samplePlan(request, whatIf ?? {})), ...handlers },
  });
  return renderWithStore(<App />, backend);
}

/** Plans HV-MI-11's VMs: the host selected in the tree, then Home > Plan Migrations. */
async function openPlanOfHvMi11(rendered: Awaited<ReturnType<typeof renderConsole>>) {
  act(() => rendered.store.getState().selectNode('host:hv-mi-11'));
  fireEvent.click(ribbon().getByRole('button', { name: 'Plan Migrations' }));
  const view = await planView('Plan: migrate 2 VMs');
  await within(view).findByRole('table', { name: 'Planned moves' });
  return view;
}

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('plan view', () => {
  it('plans the selected host’s VMs: one lane per host slot, each move a bar, the window and its lower bound', async () => {
    const rendered = await renderConsole();
    const view = await openPlanOfHvMi11(rendered);
    expect(callsOf(rendered.backend, 'plan.create')).toEqual([{ request: { kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' }, whatIf: {} }]);
    expect(summary(view).textContent).toMatch(/Estimated window\s*1 min 00 s/);
    expect(summary(view).textContent).toMatch(/Lower bound\s*50 s/);
    const slots = within(lanes(view))
      .getAllByRole('group')
      .map((g) => g.getAttribute('aria-label'));
    expect(slots).toEqual(['HV-MI-11 · live 1', 'HV-MI-12 · live 1']);
    const hvMi11 = within(lanes(view)).getByRole('group', { name: 'HV-MI-11 · live 1' });
    expect(
      within(hvMi11)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['SQL-PROD-01, HV-MI-11 to HV-MI-12, 0 s to 40 s', 'web-01, HV-MI-11 to HV-MI-12, 40 s to 1 min 00 s']);
    expect(within(view).getByText('Window 1 min 00 s')).toBeTruthy();
    expect(within(view).getByText('Lower bound 50 s')).toBeTruthy();
    expect(within(view).getByText('No order of these moves ends sooner than 50 s: HV-MI-11 must send 48 GB over its 10 Gbps link.')).toBeTruthy();
    const rows = within(within(view).getByRole('table', { name: 'Planned moves' })).getAllByRole('row');
    const cells = within(rows[1]).getAllByRole('cell');
    expect(cells.map((c, i) => (i === 3 ? null : c.textContent))).toEqual([
      'm1',
      'SQL-PROD-01',
      'HV-MI-11',
      null,
      'Live',
      'kept apart from DC-MI-01: availability set SQL-DC',
      '0 s',
      '40 s',
      '40 s',
      '120 ms',
      '',
      '',
    ]);
    // The destination is a choice: the best host, named, until the admin picks another.
    const to = within(cells[3]).getByRole('combobox', { name: 'Destination of SQL-PROD-01' }) as HTMLSelectElement;
    expect([to.value, to.selectedOptions[0]?.textContent]).toEqual(['auto', 'HV-MI-12 (best)']);
    // web-01 runs after SQL-PROD-01: together they would only share HV-MI-11's full network.
    expect(within(rows[2]).getAllByRole('cell')[10].textContent).toBe('m1 (network full)');
  });

  it('says which VMs cannot move and every reason, in words (its code only as data)', async () => {
    const view = await openPlanOfHvMi11(await renderConsole());
    const table = within(view).getByRole('table', { name: 'VMs that cannot move' });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByText('DC-MI-01')).toBeTruthy();
    expect(within(row).queryByText('processor-vendor-mismatch')).toBeNull();
    expect(within(row).getByText('Intel to AMD: shut the VM down to move it.').closest('li')?.getAttribute('data-code')).toBe('processor-vendor-mismatch');
    expect(row.querySelector('li[data-code="no-capacity-left"]')).not.toBeNull();
    expect(summary(view).textContent).toContain('1 VM cannot move');
  });

  it('warns of a move that does not converge, with the sentence that says what to change', async () => {
    const view = await openPlanOfHvMi11(await renderConsole());
    expect(within(view).getByText(`web-01: ${NEVER_CONVERGES}.`)).toBeTruthy();
    const row = within(within(view).getByRole('table', { name: 'Planned moves' })).getAllByRole('row')[2];
    expect(within(row).getByText('Does not converge')).toBeTruthy();
    expect(within(row).getByText(NEVER_CONVERGES)).toBeTruthy();
  });

  it('plans again with a what-if at once, keeping the old plan on screen until the new one comes', async () => {
    const pending = deferred<Result<Plan>>();
    const rendered = await renderConsole();
    const view = await openPlanOfHvMi11(rendered);
    rendered.backend.override('plan.create', () => pending.promise);
    fireEvent.click(within(view).getByRole('switch', { name: 'VMM baseline (FIFO, limit 2)' }));
    expect(callsOf(rendered.backend, 'plan.create').at(-1)).toEqual({
      request: { kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' },
      whatIf: { naive: true },
    });
    expect(await within(view).findByText('Planning again…')).toBeTruthy();
    expect(summary(view).textContent).toMatch(/Estimated window\s*1 min 00 s/);
    expect(within(lanes(view)).getAllByRole('button')).toHaveLength(4);
    await act(async () => pending.resolve(ok(samplePlan({ kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' }, { naive: true }))));
    await waitFor(() => expect(summary(view).textContent).toMatch(/Estimated window\s*2 min 00 s/));
    expect(
      within(lanes(view))
        .getAllByRole('button', { name: /^SQL-PROD-01/ })[0]
        .getAttribute('aria-label'),
    ).toBe('SQL-PROD-01, HV-MI-11 to HV-MI-12, 0 s to 1 min 20 s');
  });

  it('sends a host’s live limit, the performance option and the bandwidth cap as what-ifs', async () => {
    const rendered = await renderConsole();
    const view = await openPlanOfHvMi11(rendered);
    const live = within(view).getByRole('spinbutton', { name: 'Live migrations on HV-MI-11' });
    expect((live as HTMLInputElement).value).toBe('2');
    // 0 is below Hyper-V's range (the planner would refuse it): the box takes 1, its lowest.
    fireEvent.change(live, { target: { value: '0' } });
    fireEvent.keyDown(live, { key: 'Enter' });
    await waitFor(() => expect(callsOf(rendered.backend, 'plan.create').at(-1)?.whatIf).toEqual({ limits: { 'HV-MI-11': { live: 1 } } }));
    await waitFor(() => expect(summary(view).textContent).toMatch(/Estimated window\s*2 min 00 s/));
    fireEvent.change(within(view).getByRole('combobox', { name: 'Performance option' }), { target: { value: 'SMB' } });
    await waitFor(() =>
      expect(callsOf(rendered.backend, 'plan.create').at(-1)?.whatIf).toEqual({ limits: { 'HV-MI-11': { live: 1 } }, performanceOption: 'SMB' }),
    );
    const cap = within(view).getByRole('spinbutton', { name: /Bandwidth cap/ });
    fireEvent.change(cap, { target: { value: '5' } });
    fireEvent.keyDown(cap, { key: 'Enter' });
    await waitFor(() =>
      expect(callsOf(rendered.backend, 'plan.create').at(-1)?.whatIf).toEqual({
        limits: { 'HV-MI-11': { live: 1 } },
        performanceOption: 'SMB',
        bandwidthCapGbps: 5,
      }),
    );
    fireEvent.click(within(view).getByRole('button', { name: 'Reset what-ifs' }));
    await waitFor(() => expect(callsOf(rendered.backend, 'plan.create').at(-1)?.whatIf).toEqual({}));
  });

  it('runs the plan: the moves become a group’s jobs, and each bar follows its job', async () => {
    const rendered = await renderConsole({ 'plan.run': ({ request, whatIf }) => ok(sampleRun(samplePlan(request, whatIf ?? {}))) });
    const view = await openPlanOfHvMi11(rendered);
    fireEvent.click(within(view).getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(callsOf(rendered.backend, 'plan.run')).toEqual([{ request: { kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' }, whatIf: {} }]),
    );
    expect(await within(view).findByText('Run plan: migrate 2 VMs: running')).toBeTruthy();
    expect(within(view).getByText('0 of 2 jobs ended, 0 failed')).toBeTruthy();
    expect(within(view).getByRole('button', { name: 'Run' }).hasAttribute('disabled')).toBe(true);
    expect(within(view).getByRole('switch', { name: 'VMM baseline (FIFO, limit 2)' }).hasAttribute('disabled')).toBe(true);
    expect(within(lanes(view)).getAllByRole('button', { name: /^SQL-PROD-01, .*job Queued 0%$/ })).toHaveLength(2);

    const [first, second] = sampleRun(samplePlan()).jobs;
    act(() => rendered.backend.putJob({ ...first, status: 'Running', progress: 55 }));
    expect(within(lanes(view)).getAllByRole('button', { name: /^SQL-PROD-01, .*job Running 55%$/ })).toHaveLength(2);
    act(() => rendered.backend.putJob({ ...first, status: 'Completed', progress: 100 }));
    act(() => rendered.backend.putJob({ ...second, status: 'Completed', progress: 100 }));
    expect(within(lanes(view)).getAllByRole('button', { name: /job Completed 100%$/ })).toHaveLength(4);
    expect(within(view).getByText('Run plan: migrate 2 VMs: done')).toBeTruthy();
    const jobCells = within(within(view).getByRole('table', { name: 'Planned moves' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').at(-1)?.textContent);
    expect(jobCells).toEqual(['Completed', 'Completed']);
    // A job of another group for the same VM changes nothing here.
    act(() => rendered.backend.putJob({ ...first, id: 'job-other', groupId: 'g2', status: 'Failed', createdAt: '2026-11-20T11:00:00Z' }));
    expect(within(lanes(view)).getAllByRole('button', { name: /job Completed 100%$/ })).toHaveLength(4);
    expect(rendered.store.getState().jobsPaneOpen).toBe(true);
  });

  it('shows the plan as PowerShell: Export Script opens View Script', async () => {
    const rendered = await renderConsole({ 'plan.script': () => ok('Move-VM -Name "SQL-PROD-01" -DestinationHost "HV-MI-12"') });
    const view = await openPlanOfHvMi11(rendered);
    fireEvent.click(within(view).getByRole('button', { name: 'Export Script' }));
    expect(within(view).getByRole('button', { name: 'View Script' }).getAttribute('aria-expanded')).toBe('true');
    const script = await within(view).findByRole('textbox', { name: 'PowerShell script' });
    expect((script as HTMLTextAreaElement).value).toContain('Move-VM -Name "SQL-PROD-01"');
    expect(callsOf(rendered.backend, 'plan.script')).toEqual([{ request: { kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' }, whatIf: {} }]);
  });

  it('saves the plan under a name, and compares it with a saved plan: window, bound, moves and differing destinations', async () => {
    const savedPlan: SavedPlan = {
      id: 'p1',
      name: 'With SMB',
      savedAt: '2026-11-20T09:00:00Z',
      plan: samplePlan({ kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' }, { performanceOption: 'SMB', naive: true }),
    };
    const rendered = await renderConsole({
      'plan.save': ({ name, request, whatIf }) => ok({ id: 'p2', name, savedAt: '2026-11-20T10:00:00Z', plan: samplePlan(request, whatIf ?? {}) }),
      'plan.saved': () => ok([savedPlan]),
    });
    const view = await openPlanOfHvMi11(rendered);
    // In jsdom, Fluent's focus trap soon marks an open dialog aria-hidden itself; its content is read with `hidden`.
    fireEvent.click(within(view).getByRole('button', { name: 'Save Plan…' }));
    const save = within(screen.getByRole('dialog', { name: 'Save Plan' }));
    const name = save.getByRole('textbox', { name: /Name/ });
    expect((name as HTMLInputElement).value).toBe('Plan: migrate 2 VMs');
    fireEvent.change(name, { target: { value: 'Tonight' } });
    fireEvent.click(save.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(callsOf(rendered.backend, 'plan.save')).toEqual([
        { name: 'Tonight', request: { kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' }, whatIf: {} },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save Plan', hidden: true })).toBeNull());
    // The notice's toast, and its words in the polite live region while it is announced.
    expect((await screen.findAllByText('Plan saved as “Tonight”.')).length).toBeGreaterThan(0);

    fireEvent.click(within(view).getByRole('button', { name: 'Compare…' }));
    const compare = within(screen.getByRole('dialog', { name: 'Compare with a Saved Plan' }));
    const table = await compare.findByRole('table', { name: 'This plan and the saved plan', hidden: true });
    const cells = (t: HTMLElement) =>
      within(t)
        .getAllByRole('row', { hidden: true })
        .slice(1)
        .map((r) =>
          within(r)
            .getAllByRole('cell', { hidden: true })
            .map((c) => c.textContent),
        );
    expect(cells(table)).toEqual([
      ['Estimated window', '1 min 00 s', '2 min 00 s'],
      ['Lower bound', '50 s', '50 s'],
      ['Moves', '2', '2'],
      ['VMs that cannot move', '1', '1'],
    ]);
    expect(cells(compare.getByRole('table', { name: 'Destinations that differ', hidden: true }))).toEqual([['web-01', 'HV-MI-12', 'HV-MI-20']]);
  });

  it('closes back to the VM list', async () => {
    const view = await openPlanOfHvMi11(await renderConsole());
    fireEvent.click(within(view).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Plan: migrate 2 VMs' })).toBeNull();
    expect(screen.getByRole('grid', { name: 'Virtual machines' })).toBeTruthy();
  });

  it('plans the VMs selected in the list rather than the host’s', async () => {
    const rendered = await renderConsole();
    act(() => rendered.store.getState().selectNode('host:hv-mi-11'));
    act(() => rendered.store.getState().selectVm('id-web-01'));
    fireEvent.click(ribbon().getByRole('button', { name: 'Plan Migrations' }));
    await planView('Plan: migrate 1 VM');
    expect(callsOf(rendered.backend, 'plan.create')[0].request).toEqual({ kind: 'vms', vms: ['web-01'], to: 'auto' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    // The list's multi-selection (Ctrl+click), in the order the VMs were added.
    act(() => rendered.store.getState().setVmSelection({ ids: ['id-sql-prod-01', 'id-dc-mi-01', 'id-web-01'], cursor: 'id-web-01', anchor: 'id-sql-prod-01' }));
    fireEvent.click(ribbon().getByRole('button', { name: 'Plan Migrations' }));
    await planView('Plan: migrate 3 VMs');
    expect(callsOf(rendered.backend, 'plan.create').at(-1)?.request).toEqual({ kind: 'vms', vms: ['SQL-PROD-01', 'DC-MI-01', 'web-01'], to: 'auto' });
  });

  it('plans the VMs to one chosen host instead of the best host for each', async () => {
    const rendered = await renderConsole();
    const view = await openPlanOfHvMi11(rendered);
    fireEvent.change(within(view).getByRole('combobox', { name: 'Destination' }), { target: { value: 'HV-MI-20' } });
    await waitFor(() =>
      expect(callsOf(rendered.backend, 'plan.create').at(-1)?.request).toEqual({ kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'HV-MI-20' }),
    );
  });

  it('sends one VM to another host from its row, and back to its best host; a VM that cannot move gets a destination too', async () => {
    const rendered = await renderConsole();
    const view = await openPlanOfHvMi11(rendered);
    const moves = () => within(within(view).getByRole('table', { name: 'Planned moves' }));
    // Its own host is no destination.
    const web = moves().getByRole('combobox', { name: 'Destination of web-01' }) as HTMLSelectElement;
    expect([...web.options].map((o) => o.value)).not.toContain('HV-MI-11');
    fireEvent.change(web, { target: { value: 'HV-MI-20' } });
    await waitFor(() =>
      expect(callsOf(rendered.backend, 'plan.create').at(-1)?.request).toEqual({
        kind: 'vms',
        vms: ['SQL-PROD-01', 'web-01'],
        to: 'auto',
        perVm: { 'web-01': 'HV-MI-20' },
      }),
    );
    await waitFor(() => expect((moves().getByRole('combobox', { name: 'Destination of web-01' }) as HTMLSelectElement).value).toBe('HV-MI-20'));
    fireEvent.change(moves().getByRole('combobox', { name: 'Destination of web-01' }), { target: { value: 'auto' } });
    await waitFor(() => expect(callsOf(rendered.backend, 'plan.create').at(-1)?.request).toEqual({ kind: 'vms', vms: ['SQL-PROD-01', 'web-01'], to: 'auto' }));
    const unmovable = within(within(view).getByRole('table', { name: 'VMs that cannot move' }));
    fireEvent.change(unmovable.getByRole('combobox', { name: 'Destination of DC-MI-01' }), { target: { value: 'HV-MI-12' } });
    await waitFor(() => expect(callsOf(rendered.backend, 'plan.create').at(-1)?.request).toMatchObject({ perVm: { 'DC-MI-01': 'HV-MI-12' } }));
  });

  it('keeps Plan Migrations off with nothing to plan', async () => {
    await renderConsole();
    expect(ribbon().getByRole('button', { name: 'Plan Migrations' }).hasAttribute('disabled')).toBe(true);
  });

  it('says why a plan could not be made, and tries again', async () => {
    let fail = true;
    const rendered = await renderConsole({
      'plan.create': ({ request, whatIf }) =>
        fail ? { ok: false, error: { code: 'vm-not-found', message: 'No VM named "SQL-PROD-01".' } } : ok(samplePlan(request, whatIf ?? {})),
    });
    act(() => rendered.store.getState().selectNode('host:hv-mi-11'));
    fireEvent.click(ribbon().getByRole('button', { name: 'Plan Migrations' }));
    const view = await planView('Plan: migrate 2 VMs');
    expect(await within(view).findByText('The plan could not be made: No VM named "SQL-PROD-01".')).toBeTruthy();
    fail = false;
    fireEvent.click(within(view).getByRole('button', { name: 'Try again' }));
    expect(await within(view).findByRole('table', { name: 'Planned moves' })).toBeTruthy();
  });
});

describe('maintenance mode', () => {
  it('previews the evacuation of a host; the choice for VMs that cannot live-migrate plans again; Confirm starts maintenance mode', async () => {
    const rendered = await renderConsole({
      'maintenance.start': ({ host, cannotMove, whatIf }) => ok(sampleRun(samplePlan({ kind: 'evacuate', host, cannotMove }, whatIf ?? {}))),
    });
    act(() => rendered.store.getState().selectNode('host:hv-mi-11'));
    fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
    fireEvent.click(ribbon().getByRole('button', { name: 'Start Maintenance Mode…' }));
    const view = await planView('Start Maintenance Mode on HV-MI-11');
    await within(view).findByRole('table', { name: 'Planned moves' });
    expect(callsOf(rendered.backend, 'plan.create')).toEqual([{ request: { kind: 'evacuate', host: 'HV-MI-11', cannotMove: 'save' }, whatIf: {} }]);
    expect(summary(view).textContent).toMatch(/Estimated window\s*1 min 00 s/);
    const staying = within(view).getByRole('table', { name: 'VMs that stay on the host' });
    expect(within(staying).getByRole('row', { name: /DC-MI-01 HV-MI-20 Its state is saved DC-MI-01 is saved on HV-MI-20 instead of moving/ })).toBeTruthy();
    expect(within(staying).getByRole('row', { name: /ARCHIVE-MI-01 HV-MI-20 Stays, not running ARCHIVE-MI-01 is off/ })).toBeTruthy();
    expect(summary(view).textContent).toMatch(/2 VMs stay on the host/);
    expect(within(lanes(view)).getByRole('group', { name: 'HV-MI-20 · save' })).toBeTruthy();

    fireEvent.click(within(view).getByRole('radio', { name: 'Leave running' }));
    await waitFor(() =>
      expect(callsOf(rendered.backend, 'plan.create').at(-1)).toEqual({ request: { kind: 'evacuate', host: 'HV-MI-11', cannotMove: 'leave' }, whatIf: {} }),
    );
    expect(await within(view).findByText('Left running')).toBeTruthy();

    fireEvent.click(within(view).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(callsOf(rendered.backend, 'maintenance.start')).toEqual([{ host: 'HV-MI-11', cannotMove: 'leave', whatIf: {} }]));
    expect(await within(view).findByText('Start maintenance mode on HV-MI-11: running')).toBeTruthy();
    expect(callsOf(rendered.backend, 'plan.run')).toEqual([]);
  });

  it('offers Start Maintenance Mode… and Stop Maintenance Mode… in the host tree’s context menu, each when it applies', async () => {
    await renderConsole();
    fireEvent.contextMenu(screen.getByRole('treeitem', { name: 'HV-TO-02 In maintenance mode' }));
    const menu = await screen.findByRole('menu', { name: 'Actions for HV-TO-02' });
    expect(within(menu).getByRole('menuitem', { name: 'Start Maintenance Mode…' }).getAttribute('aria-disabled')).toBe('true');
    expect(within(menu).getByRole('menuitem', { name: 'Stop Maintenance Mode…' }).getAttribute('aria-disabled')).not.toBe('true');
  });

  it('Stop Maintenance Mode… says what happens and stops it as a job when the evacuation saved no VM', async () => {
    const rendered = await renderConsole({
      'maintenance.savedVms': ({ host }) => ok({ host, vms: [] }),
      'maintenance.stop': ({ host }) =>
        ok({ job: makeJob('j-stop', `Stop maintenance mode on ${host}`, { kind: 'stop-maintenance', target: host, status: 'Completed' }), starts: [] }),
    });
    act(() => rendered.store.getState().selectNode('host:hv-to-02'));
    fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
    expect(ribbon().getByRole('button', { name: 'Start Maintenance Mode…' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(ribbon().getByRole('button', { name: 'Stop Maintenance Mode…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop Maintenance Mode on HV-TO-02' });
    expect(await within(dialog).findByText('No virtual machine saved by the evacuation is still saved on HV-TO-02.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop Maintenance Mode' }));
    await waitFor(() => expect(callsOf(rendered.backend, 'maintenance.stop')).toEqual([{ host: 'HV-TO-02' }]));
    expect((await screen.findAllByText('HV-TO-02 left maintenance mode: it takes VMs again.')).length).toBeGreaterThan(0);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Stop Maintenance Mode on HV-TO-02' })).toBeNull());
  });

  it('offers to start the VMs the evacuation saved, all ticked, and starts only the ones left ticked', async () => {
    const rendered = await renderConsole({
      'maintenance.savedVms': ({ host }) => ok({ host, vms: ['APP-TO-02', 'SQL-TO-01'] }),
      'maintenance.stop': ({ host, startVms }) =>
        ok({
          job: makeJob('j-stop', `Stop maintenance mode on ${host}`, { kind: 'stop-maintenance', target: host, status: 'Completed' }),
          starts: (startVms ?? []).map((vm) => makeJob(`start-${vm}`, `Start virtual machine ${vm}`, { kind: 'start-vm', target: vm })),
        }),
    });
    act(() => rendered.store.getState().maintenanceStopOpen('HV-TO-02'));
    const dialog = await screen.findByRole('dialog', { name: 'Stop Maintenance Mode on HV-TO-02' });
    const app = (await within(dialog).findByRole('checkbox', { name: 'Start APP-TO-02' })) as HTMLInputElement;
    const sql = within(dialog).getByRole('checkbox', { name: 'Start SQL-TO-01' }) as HTMLInputElement;
    expect([app.checked, sql.checked]).toEqual([true, true]);
    fireEvent.click(sql);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop Maintenance Mode' }));
    await waitFor(() => expect(callsOf(rendered.backend, 'maintenance.stop')).toEqual([{ host: 'HV-TO-02', startVms: ['APP-TO-02'] }]));
    expect((await screen.findAllByText('HV-TO-02 left maintenance mode: it takes VMs again. Start jobs for the saved VMs: 1.')).length).toBeGreaterThan(0);
  });

  it('keeps the Stop dialog open with the reason when stopping is refused', async () => {
    const rendered = await renderConsole({
      'maintenance.savedVms': ({ host }) => ok({ host, vms: [] }),
      'maintenance.stop': () => err('not-in-maintenance', 'HV-TO-02 is not in maintenance mode.'),
    });
    act(() => rendered.store.getState().maintenanceStopOpen('HV-TO-02'));
    const dialog = await screen.findByRole('dialog', { name: 'Stop Maintenance Mode on HV-TO-02' });
    await within(dialog).findByText('No virtual machine saved by the evacuation is still saved on HV-TO-02.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop Maintenance Mode' }));
    expect(await within(dialog).findByText('HV-TO-02 is still in maintenance mode: HV-TO-02 is not in maintenance mode.')).toBeTruthy();
  });

  it('keeps both maintenance buttons off without a host selected', async () => {
    await renderConsole();
    fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
    expect(ribbon().getByRole('button', { name: 'Start Maintenance Mode…' }).hasAttribute('disabled')).toBe(true);
    expect(ribbon().getByRole('button', { name: 'Stop Maintenance Mode…' }).hasAttribute('disabled')).toBe(true);
  });
});
