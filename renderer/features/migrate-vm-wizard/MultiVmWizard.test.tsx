// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import type { PlannedMove, PlanRequest, UnmovableVm } from '../../../shared/model/plan.js';
import { err, ok } from '../../../shared/model/result.js';
import { createFakeBackend, type FakeHandlers } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { groupMoveJob, jobGroup, planOf, plannedMove, unmovableVm } from '../../testing/plan-answers.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { JobsPane } from '../jobs/JobsPane.js';
import { MigrateVmWizard } from './MigrateVmWizard.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

/** What the planner would propose for each VM of the sample estate when left to choose. */
const PROPOSALS: Record<string, Omit<PlannedMove, 'id' | 'vm' | 'to' | 'chosen'> & { to: string }> = {
  'DC-MI-01': {
    ...plannedMove('', '', 'HV-MI-20', ''),
    to: 'HV-MI-11',
    rating: 4.5,
    start: 0,
    end: 42,
    downtime: 0.127,
    rule: { code: 'affinity-rule', message: 'kept apart from DC-MI-02: affinity rule dc-apart (DifferentNode, required)' },
  },
  'APP-TO-02': {
    ...plannedMove('', '', 'HV-TO-02', ''),
    to: 'HV-MI-20',
    rating: 3,
    start: 0,
    end: 75,
    downtime: 0.4,
    risk: 'slow',
    convergence: 'Pre-copy needs 9 passes on a 10 Gbps link: use Compression to halve it.',
  },
  'SQL-PROD-01': {
    ...plannedMove('', '', 'HV-MI-11', ''),
    to: 'HV-MI-12',
    rating: 2,
    start: 42,
    end: 170,
    downtime: 2.4,
    risk: 'never',
    convergence: 'SQL-PROD-01 dirties memory faster than the link sends it: move it over SMB, or when it is less busy.',
  },
};

/** A plan the way the backend makes one: proposals, pinned rows honoured, HV-TO-02 refused (AMD), web-01 with no room left. */
function fakePlan(request: PlanRequest) {
  if (request.kind !== 'vms') throw new Error('vms only');
  const moves: PlannedMove[] = [];
  const unmovable: UnmovableVm[] = [];
  request.vms.forEach((vm, i) => {
    const choice = request.perVm?.[vm] ?? request.to;
    const proposal = PROPOSALS[vm];
    if (vm === 'web-01' && choice === 'auto') {
      unmovable.push(
        unmovableVm(vm, 'HV-MI-11', [{ code: 'no-capacity-left', message: 'No host has room left for web-01 once the moves before it are counted.' }]),
      );
    } else if (choice === 'HV-TO-02') {
      unmovable.push(
        unmovableVm(vm, proposal?.from ?? 'HV-MI-11', [
          { code: 'processor-vendor-mismatch', message: `${vm} runs on Intel and HV-TO-02 is AMD: shut it down first.` },
        ]),
      );
    } else if (proposal) {
      moves.push({ ...proposal, id: `m${i + 1}`, vm, to: choice === 'auto' ? proposal.to : choice, chosen: choice === 'auto' ? 'auto' : 'pinned' });
    }
  });
  return planOf(request, moves, unmovable, { lowerBound: 128, lowerBoundBasis: 'SQL-PROD-01 takes 128 s on its own' });
}

const VMS = ['id-dc-mi-01', 'id-app-to-02', 'id-sql-prod-01', 'id-web-01'];

async function openWizard(handlers: FakeHandlers = {}, vmIds = VMS) {
  const backend = createFakeBackend({
    inventory: sampleInventory(),
    handlers: {
      'plan.create': ({ request }) => ok(fakePlan(request)),
      'plan.script': ({ request }) => ok(`# ${request.kind === 'vms' ? request.vms.join(', ') : ''}\nMove-VM -Name 'DC-MI-01' -DestinationHost 'HV-MI-11'`),
      ...handlers,
    },
  });
  const rendered = await renderWithStore(
    <>
      <MigrateVmWizard />
      <JobsPane />
    </>,
    backend,
  );
  act(() => rendered.store.getState().openMultiVmWizard(vmIds));
  await screen.findByText(/Predicted window/);
  return rendered;
}

const table = () => screen.getByRole('table', { name: 'Proposed moves' });
const row = (vm: string) => within(table()).getByRole('row', { name: vm });
const destination = (vm: string) => screen.getByRole('combobox', { name: `Destination of ${vm}` }) as HTMLSelectElement;
const planCalls = (backend: { calls: { channel: string; args: unknown }[] }) =>
  backend.calls.filter((c) => c.channel === 'plan.create').map((c) => (c.args as InvokeArgs['plan.create']).request);
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('Migrate VM Wizard for several VMs', () => {
  it('proposes a destination for each VM with its rating, transfer type, duration, downtime and risk', async () => {
    const { backend } = await openWizard();
    expect(screen.getByRole('dialog', { name: 'Migrate VM Wizard' })).toBeTruthy();
    expect(planCalls(backend)[0]).toEqual({ kind: 'vms', vms: ['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01', 'web-01'], to: 'auto' });
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Virtual Machine', 'Destination Host', 'Rating', 'Transfer Type', 'Duration', 'Downtime']);
    const dc = row('DC-MI-01');
    expect(dc.textContent).toContain('on HV-MI-20');
    expect(destination('DC-MI-01').value).toBe('auto');
    expect(destination('DC-MI-01').selectedOptions[0].textContent).toBe('HV-MI-11 (best)');
    expect(within(dc).getByRole('img', { name: '4.5 stars' })).toBeTruthy();
    expect(dc.textContent).toContain('Live');
    expect(dc.textContent).toContain('42 s');
    expect(dc.textContent).toContain('127 ms');
    // The placement rule that shaped its destination.
    expect(dc.textContent).toContain('kept apart from DC-MI-02: affinity rule dc-apart (DifferentNode, required)');
    // The VM's own host is no destination.
    expect([...destination('DC-MI-01').options].map((o) => o.value)).not.toContain('HV-MI-20');
    expect(row('APP-TO-02').textContent).toContain('Slow to converge: Pre-copy needs 9 passes');
    expect(row('SQL-PROD-01').textContent).toContain('May never converge: SQL-PROD-01 dirties memory faster');
    expect(row('SQL-PROD-01').textContent).toContain('2.4 s');
    expect(screen.getByText('3 of 4 virtual machines move. Predicted window 2 min 50 s; no order can finish sooner than 2 min 08 s.')).toBeTruthy();
  });

  it('shows why a VM cannot move, and leaves it out', async () => {
    await openWizard();
    const web = row('web-01');
    expect(web.textContent).toContain('Cannot move: left out of the Move');
    const reasons = within(web).getByRole('list', { name: 'Why web-01 cannot move' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['No host has room left for web-01 once the moves before it are counted.']);
    expect(button('Next').disabled).toBe(false);
    fireEvent.click(button('Next'));
    const leftOut = await screen.findByRole('list', { name: 'These virtual machines do not move' });
    expect(leftOut.textContent).toContain('web-01: No host has room left');
    expect(within(screen.getByRole('table', { name: 'Moves, in the order they start' })).queryByRole('row', { name: 'web-01' })).toBeNull();
  });

  it('plans again with the row pinned when its destination changes, and back to the best host', async () => {
    const { backend } = await openWizard();
    fireEvent.change(destination('DC-MI-01'), { target: { value: 'HV-MI-12' } });
    await waitFor(() =>
      expect(planCalls(backend).at(-1)).toEqual({
        kind: 'vms',
        vms: ['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01', 'web-01'],
        to: 'auto',
        perVm: { 'DC-MI-01': 'HV-MI-12' },
      }),
    );
    await waitFor(() => expect(row('DC-MI-01').textContent).toContain('Pinned by you'));
    expect(destination('DC-MI-01').value).toBe('HV-MI-12');
    // A pin the planner refuses says why, on that row.
    fireEvent.change(destination('SQL-PROD-01'), { target: { value: 'HV-TO-02' } });
    await waitFor(() => expect(row('SQL-PROD-01').textContent).toContain('SQL-PROD-01 runs on Intel and HV-TO-02 is AMD'));
    fireEvent.change(destination('DC-MI-01'), { target: { value: 'auto' } });
    await waitFor(() =>
      expect(planCalls(backend).at(-1)).toEqual({
        kind: 'vms',
        vms: ['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01', 'web-01'],
        to: 'auto',
        perVm: { 'SQL-PROD-01': 'HV-TO-02' },
      }),
    );
  });

  it('pins every row to one host with Pin all to host…', async () => {
    const { backend } = await openWizard();
    fireEvent.change(destination('DC-MI-01'), { target: { value: 'HV-MI-12' } });
    await waitFor(() => expect(planCalls(backend).at(-1)?.kind === 'vms' && planCalls(backend).at(-1)).toMatchObject({ perVm: { 'DC-MI-01': 'HV-MI-12' } }));
    fireEvent.click(button('Pin all to host…'));
    fireEvent.click(await screen.findByRole('menuitemradio', { name: 'HV-MI-20' }));
    await waitFor(() => expect(planCalls(backend).at(-1)).toEqual({ kind: 'vms', vms: ['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01', 'web-01'], to: 'HV-MI-20' }));
    await waitFor(() => expect(destination('APP-TO-02').value).toBe('HV-MI-20'));
    expect(destination('SQL-PROD-01').value).toBe('HV-MI-20');
    // DC-MI-01 already runs on HV-MI-20: its row keeps the host listed, so it reads as pinned there.
    expect(destination('DC-MI-01').value).toBe('HV-MI-20');
    fireEvent.click(button('Pin all to host…'));
    fireEvent.click(await screen.findByRole('menuitemradio', { name: 'Best host for each VM' }));
    await waitFor(() => expect(planCalls(backend).at(-1)).toEqual({ kind: 'vms', vms: ['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01', 'web-01'], to: 'auto' }));
  });

  it('lists the moves in order with the window and its lower bound on Summary, shows the script, and Move runs the plan as a group', async () => {
    const jobs = [
      groupMoveJob('g1-1', 'g1', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11', { status: 'Queued', progress: 0, steps: [], metrics: null }),
      groupMoveJob('g1-2', 'g1', 'APP-TO-02', 'HV-TO-02', 'HV-MI-20', { status: 'Queued', progress: 0, steps: [], metrics: null }),
      groupMoveJob('g1-3', 'g1', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', { status: 'Queued', progress: 0, steps: [], metrics: null }),
    ];
    const group = jobGroup('g1', 'Run plan: migrate 3 VMs', jobs, { target: '3 VMs' });
    const { backend, store } = await openWizard({
      'plan.run': ({ request }) => ok({ group, plan: fakePlan(request), jobs }),
      'groups.list': () => ok([group]),
    });
    fireEvent.click(button('Next'));
    const order = await screen.findByRole('table', { name: 'Moves, in the order they start' });
    const rows = within(order).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01']);
    expect(rows[2].textContent).toContain('HV-MI-11');
    expect(rows[2].textContent).toContain('HV-MI-12');
    const dialog = screen.getByRole('dialog', { name: 'Migrate VM Wizard' });
    expect(within(dialog).getByText('Predicted window').nextElementSibling?.textContent).toBe('2 min 50 s');
    expect(within(dialog).getByText('Lower bound').nextElementSibling?.textContent).toBe('2 min 08 s — SQL-PROD-01 takes 128 s on its own');
    fireEvent.click(button('View Script'));
    expect(((await screen.findByRole('textbox', { name: 'PowerShell script' })) as HTMLTextAreaElement).value).toContain("Move-VM -Name 'DC-MI-01'");
    expect(backend.calls.filter((c) => c.channel === 'plan.script').map((c) => c.args)).toEqual([
      { request: { kind: 'vms', vms: ['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01', 'web-01'], to: 'auto' } },
    ]);
    fireEvent.click(button('Move'));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Migrate VM Wizard' })).toBeNull());
    expect(backend.calls.filter((c) => c.channel === 'plan.run').map((c) => c.args)).toEqual([
      { request: { kind: 'vms', vms: ['DC-MI-01', 'APP-TO-02', 'SQL-PROD-01', 'web-01'], to: 'auto' } },
    ]);
    // The Jobs pane shows the group, selected, with its three jobs under it. (jsdom keeps the closed
    // dialog's aria-hidden on the page a while: the queries look past it.)
    const jobsGrid = await screen.findByRole('grid', { name: 'Jobs', hidden: true });
    const groupRow = within(jobsGrid).getByRole('row', { name: /Run plan: migrate 3 VMs/, hidden: true });
    expect(groupRow.getAttribute('aria-selected')).toBe('true');
    expect(groupRow.textContent).toContain('0 of 3 done');
    expect(store.getState().selectedGroupId).toBe('g1');
    expect(within(jobsGrid).getByRole('row', { name: /Migrate virtual machine SQL-PROD-01 to HV-MI-12/, hidden: true })).toBeTruthy();
  });

  it('keeps Move’s error on Summary when the plan does not run', async () => {
    await openWizard({ 'plan.run': () => err('nothing-to-run', 'The plan has no move to run.', { plan: null }) });
    fireEvent.click(button('Next'));
    await screen.findByRole('table', { name: 'Moves, in the order they start' });
    fireEvent.click(button('Move'));
    expect(await screen.findByText('The plan has no move to run.')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Migrate VM Wizard' })).toBeTruthy();
  });

  it('blocks Next while no VM can move', async () => {
    await openWizard({}, ['id-web-01', 'id-sql-prod-01']);
    fireEvent.change(destination('SQL-PROD-01'), { target: { value: 'HV-TO-02' } });
    await waitFor(() => expect(screen.getByText(/0 of 2 virtual machines move/)).toBeTruthy());
    expect(button('Next').disabled).toBe(true);
  });

  it('says so and offers to try again when planning fails', async () => {
    let fail = true;
    await openWizard({ 'plan.create': ({ request }) => (fail ? err('plan-failed', 'The inventory changed.') : ok(fakePlan(request))) }).catch(() => undefined);
    expect(await screen.findByText('The moves could not be planned: The inventory changed.')).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    fail = false;
    fireEvent.click(button('Try again'));
    expect(await screen.findByText(/3 of 4 virtual machines move/)).toBeTruthy();
  });
});
