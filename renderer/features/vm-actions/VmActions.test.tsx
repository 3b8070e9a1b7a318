// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/model/result.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { App } from '../../App.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { makeJob } from '../../testing/sample-jobs.js';
import { hostRow } from '../../testing/wizard-answers.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

function backend() {
  return createFakeBackend({
    inventory: sampleInventory(),
    handlers: {
      'placement.selectHosts': () => ok([hostRow('HV-MI-11')]),
      'storage.locations': () => ok([]),
      'vm.start': ({ vm }) => ok(makeJob('job-start', `Start virtual machine ${vm}`, { kind: 'start-vm' })),
    },
  });
}

const vmRow = (name: string) => within(screen.getByRole('grid', { name: 'Virtual machines' })).getByRole('row', { name: new RegExp(name) });
const ribbonButton = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('VM actions', () => {
  it('enables Migrate for a selected VM and Start only for one that is not running', async () => {
    await renderWithStore(<App />, backend());
    fireEvent.click(screen.getByRole('tab', { name: 'Virtual Machine' }));
    expect(ribbonButton('Migrate Virtual Machine').disabled).toBe(true);
    fireEvent.click(vmRow('DC-MI-01'));
    expect(ribbonButton('Migrate Virtual Machine').disabled).toBe(false);
    expect(ribbonButton('Migrate Storage').disabled).toBe(false);
    expect(ribbonButton('Start').disabled).toBe(true);
    fireEvent.click(vmRow('FILE-01'));
    expect(ribbonButton('Start').disabled).toBe(false);
  });

  it('starts a stopped VM from the ribbon as a job', async () => {
    const fake = backend();
    await renderWithStore(<App />, fake);
    fireEvent.click(screen.getByRole('tab', { name: 'Virtual Machine' }));
    fireEvent.click(vmRow('FILE-01'));
    fireEvent.click(ribbonButton('Start'));
    await waitFor(() => expect(within(screen.getByRole('grid', { name: 'Jobs' })).getByRole('row', { name: /Start virtual machine FILE-01/ })).toBeTruthy());
    expect(fake.calls.filter((c) => c.channel === 'vm.start').map((c) => c.args)).toEqual([{ vm: 'FILE-01' }]);
  });

  it('opens each wizard from the ribbon', async () => {
    const { store } = await renderWithStore(<App />, backend());
    fireEvent.click(screen.getByRole('tab', { name: 'Virtual Machine' }));
    fireEvent.click(vmRow('DC-MI-01'));
    fireEvent.click(ribbonButton('Migrate Virtual Machine'));
    expect(await screen.findByRole('dialog', { name: 'Migrate VM Wizard' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(store.getState().wizard).toBeNull());
    fireEvent.click(ribbonButton('Migrate Storage'));
    expect(await screen.findByRole('dialog', { name: 'Migrate Storage Wizard' })).toBeTruthy();
  });

  it('offers the same actions on a right-click of a VM row, and with Shift+F10', async () => {
    const { store } = await renderWithStore(<App />, backend());
    fireEvent.contextMenu(vmRow('FILE-01'), { button: 2, clientX: 300, clientY: 200 });
    const menu = await screen.findByRole('menu', { name: 'Actions for FILE-01' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Migrate Virtual Machine', 'Migrate Storage', 'Start', 'Properties']);
    expect(store.getState().selectedVmId).toBe('id-file-01');
    fireEvent.keyDown(menu, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    fireEvent.click(vmRow('DC-MI-01'));
    fireEvent.keyDown(screen.getByRole('grid', { name: 'Virtual machines' }), { key: 'F10', shiftKey: true });
    const again = await screen.findByRole('menu', { name: 'Actions for DC-MI-01' });
    expect(within(again).getByRole('menuitem', { name: 'Start' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(within(again).getByRole('menuitem', { name: 'Migrate Virtual Machine' }));
    expect(await screen.findByRole('dialog', { name: 'Migrate VM Wizard' })).toBeTruthy();
  });
});
