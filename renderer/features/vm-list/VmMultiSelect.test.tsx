// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/model/result.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { App } from '../../App.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { planOf, plannedMove } from '../../testing/plan-answers.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { VmList } from './VmList.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

// The sample estate by name: APP-TO-01, APP-TO-02, Città-Ufficio, DC-MI-01, FILE-01, SQL-PROD-01, SQL-PROD-02, web-01, WEB-02.
const grid = () => screen.getByRole('grid', { name: 'Virtual machines' });
const vmRow = (name: string) =>
  within(grid())
    .getAllByRole('row')
    .find((r) => within(r).queryAllByRole('gridcell')[0]?.textContent === name)!;
const selectedNames = () =>
  within(grid())
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-selected') === 'true')
    .map((r) => within(r).getAllByRole('gridcell')[0].textContent);
const key = (k: string, mods: { shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean } = {}) => fireEvent.keyDown(grid(), { key: k, ...mods });

function planBackend() {
  return createFakeBackend({
    inventory: sampleInventory(),
    handlers: {
      'plan.create': ({ request }) =>
        ok(planOf(request, [plannedMove('m1', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11'), plannedMove('m2', 'APP-TO-02', 'HV-TO-02', 'HV-MI-20')])),
    },
  });
}

describe('VM list multi-select', () => {
  it('toggles rows with Ctrl+click (Cmd+click on a Mac) and counts the selection in the header', async () => {
    const { store } = await renderWithStore(<VmList />);
    expect(grid().getAttribute('aria-multiselectable')).toBe('true');
    fireEvent.click(vmRow('APP-TO-02'));
    fireEvent.click(vmRow('DC-MI-01'), { ctrlKey: true });
    fireEvent.click(vmRow('web-01'), { metaKey: true });
    expect(selectedNames()).toEqual(['APP-TO-02', 'DC-MI-01', 'web-01']);
    expect(screen.getByText('9 virtual machines · 3 selected')).toBeTruthy();
    expect(store.getState().selectedVmIds).toEqual(['id-app-to-02', 'id-dc-mi-01', 'id-web-01']);
    // Several VMs: no single VM for the details pane, Start or Migrate Storage.
    expect(store.getState().selectedVmId).toBeNull();
    fireEvent.click(vmRow('DC-MI-01'), { ctrlKey: true });
    expect(selectedNames()).toEqual(['APP-TO-02', 'web-01']);
    // A plain click goes back to one VM.
    fireEvent.click(vmRow('FILE-01'));
    expect(selectedNames()).toEqual(['FILE-01']);
    expect(store.getState().selectedVmId).toBe('id-file-01');
    expect(screen.getByText('9 virtual machines')).toBeTruthy();
  });

  it('selects the range from the last clicked row with Shift+click, and adds a range with Ctrl+Shift+click', async () => {
    await renderWithStore(<VmList />);
    fireEvent.click(vmRow('APP-TO-02'));
    fireEvent.click(vmRow('FILE-01'), { shiftKey: true });
    expect(selectedNames()).toEqual(['APP-TO-02', 'Città-Ufficio', 'DC-MI-01', 'FILE-01']);
    // The anchor stays: a second Shift+click replaces the range.
    fireEvent.click(vmRow('APP-TO-01'), { shiftKey: true });
    expect(selectedNames()).toEqual(['APP-TO-01', 'APP-TO-02']);
    fireEvent.click(vmRow('web-01'), { ctrlKey: true });
    fireEvent.click(vmRow('WEB-02'), { ctrlKey: true, shiftKey: true });
    expect(selectedNames()).toEqual(['APP-TO-01', 'APP-TO-02', 'web-01', 'WEB-02']);
  });

  it('extends with Shift+arrows, moves the cursor alone with Ctrl+arrows, and toggles the cursor row with Space', async () => {
    const { store } = await renderWithStore(<VmList />);
    key('ArrowDown');
    expect(selectedNames()).toEqual(['APP-TO-01']);
    key('ArrowDown', { shiftKey: true });
    key('ArrowDown', { shiftKey: true });
    expect(selectedNames()).toEqual(['APP-TO-01', 'APP-TO-02', 'Città-Ufficio']);
    key('ArrowDown', { ctrlKey: true });
    key('ArrowDown', { ctrlKey: true });
    expect(selectedNames()).toEqual(['APP-TO-01', 'APP-TO-02', 'Città-Ufficio']);
    // The cursor (announced as the active row) is on FILE-01, outside the selection.
    expect(grid().getAttribute('aria-activedescendant')).toBe(vmRow('FILE-01').id);
    key(' ');
    expect(selectedNames()).toEqual(['APP-TO-01', 'APP-TO-02', 'Città-Ufficio', 'FILE-01']);
    key(' ');
    expect(selectedNames()).toEqual(['APP-TO-01', 'APP-TO-02', 'Città-Ufficio']);
    // A plain arrow selects one row again.
    key('ArrowUp');
    expect(selectedNames()).toEqual(['DC-MI-01']);
    expect(store.getState().selectedVmId).toBe('id-dc-mi-01');
  });

  it('selects every visible row with Ctrl+A (Cmd+A on a Mac), only those the filter shows', async () => {
    const { store } = await renderWithStore(<VmList />);
    key('a', { ctrlKey: true });
    expect(selectedNames()).toHaveLength(9);
    expect(screen.getByText('9 virtual machines · 9 selected')).toBeTruthy();
    fireEvent.click(vmRow('WEB-02'));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by name or host' }), { target: { value: 'hv-to' } });
    await screen.findByText('3 of 9 shown');
    key('a', { metaKey: true });
    expect(selectedNames()).toEqual(['APP-TO-01', 'APP-TO-02', 'Città-Ufficio']);
    expect(store.getState().selectedVmIds).toHaveLength(3);
  });

  it('keeps a multiple selection when a row of it is right-clicked, and migrates them all from the menu', async () => {
    const { store } = await renderWithStore(<App />, planBackend());
    fireEvent.click(vmRow('APP-TO-02'));
    fireEvent.click(vmRow('DC-MI-01'), { ctrlKey: true });
    fireEvent.contextMenu(vmRow('DC-MI-01'), { button: 2, clientX: 300, clientY: 200 });
    const menu = await screen.findByRole('menu', { name: 'Actions for 2 virtual machines' });
    expect(selectedNames()).toEqual(['APP-TO-02', 'DC-MI-01']);
    expect(within(menu).getByRole('menuitem', { name: 'Migrate Storage' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Migrate Virtual Machine' }));
    expect(await screen.findByRole('table', { name: 'Proposed moves' })).toBeTruthy();
    expect(store.getState().wizard).toMatchObject({ kind: 'migrate-vms', vmIds: ['id-app-to-02', 'id-dc-mi-01'] });
  });

  it('opens the wizard for many VMs from the ribbon; Migrate Storage and Start wait for one VM', async () => {
    await renderWithStore(<App />, planBackend());
    fireEvent.click(screen.getByRole('tab', { name: 'Virtual Machine' }));
    fireEvent.click(vmRow('APP-TO-02'));
    fireEvent.click(vmRow('DC-MI-01'), { ctrlKey: true });
    expect((screen.getByRole('button', { name: 'Migrate Storage' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Migrate Virtual Machine' }));
    const wizard = await screen.findByRole('dialog', { name: 'Migrate VM Wizard' });
    expect(await within(wizard).findByRole('row', { name: 'DC-MI-01' })).toBeTruthy();
  });

  it('selects the running VMs of a host with Migrate Virtual Machines… on the tree, and opens the wizard for them', async () => {
    const fake = planBackend();
    const { store } = await renderWithStore(<App />, fake);
    const node = screen.getByRole('treeitem', { name: /^CL-MI-22/ });
    fireEvent.contextMenu(node);
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Migrate Virtual Machines…' }));
    await screen.findByRole('dialog', { name: 'Migrate VM Wizard' });
    // CL-MI-22 runs SQL-PROD-01 and web-01 on HV-MI-11 and SQL-PROD-02 on HV-MI-12; WEB-02 is saved.
    const ids = [...store.getState().selectedVmIds].sort();
    expect(ids).toEqual(['id-sql-prod-01', 'id-sql-prod-02', 'id-web-01']);
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'plan.create')).toBe(true));
    const asked = fake.calls.find((c) => c.channel === 'plan.create')!.args as { request: { vms: string[]; to: string } };
    expect([...asked.request.vms].sort()).toEqual(['SQL-PROD-01', 'SQL-PROD-02', 'web-01']);
    expect(asked.request.to).toBe('auto');
  });

  it('drops VMs that left the inventory from the selection', async () => {
    const { store, backend } = await renderWithStore(<VmList />);
    fireEvent.click(vmRow('APP-TO-02'));
    fireEvent.click(vmRow('DC-MI-01'), { ctrlKey: true });
    const smaller = sampleInventory();
    smaller.vms = smaller.vms.filter((vm) => vm.name !== 'DC-MI-01');
    await act(async () => {
      backend.replaceInventory(smaller, 'Built-in demo estate');
      await new Promise((r) => setTimeout(r, 0));
    });
    await waitFor(() => expect(store.getState().selectedVmIds).toEqual(['id-app-to-02']));
    expect(store.getState().selectedVmId).toBe('id-app-to-02');
  });

  it('drops VMs that moved off the selected host from the selection, as the list no longer shows them', async () => {
    const { store, backend } = await renderWithStore(<VmList />);
    act(() => store.getState().selectNode('host:hv-mi-11'));
    fireEvent.click(vmRow('SQL-PROD-01'));
    fireEvent.click(vmRow('web-01'), { ctrlKey: true });
    const moved = sampleInventory();
    moved.vms.find((vm) => vm.name === 'web-01')!.host = 'HV-MI-12';
    await act(async () => {
      backend.replaceInventory(moved, 'Built-in demo estate');
      await new Promise((r) => setTimeout(r, 0));
    });
    await waitFor(() => expect(store.getState().selectedVmIds).toEqual(['id-sql-prod-01']));
    expect(selectedNames()).toEqual(['SQL-PROD-01']);
  });
});
