// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Notifier } from '../../components/Notifier.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { ImportDialogs } from './ImportDialogs.js';
import { ImportPickerProvider } from './import-picker.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const ui = (
  <ImportPickerProvider>
    <ImportDialogs />
    <Notifier />
  </ImportPickerProvider>
);

function choose(name: string, content: string) {
  const input = screen.getByLabelText('Inventory file') as HTMLInputElement;
  expect(input.accept).toBe('.json');
  fireEvent.change(input, { target: { files: [new File([content], name, { type: 'application/json' })] } });
}

describe('Import inventory', () => {
  it('lists every problem of an invalid file and says the current inventory is unchanged', async () => {
    const { store } = await renderWithStore(ui);
    const before = store.getState().index;
    const broken = {
      format: 'ferry-inventory',
      version: 1,
      hostGroups: [],
      fileShares: [],
      clusters: [],
      vms: [],
      hosts: [{ name: 'HV-1', memory: {} }, { memory: { availableMB: 1 } }],
    };
    choose('broken.json', JSON.stringify(broken));
    const dialog = await screen.findByRole('dialog', { name: 'The inventory was not imported' });
    expect(within(dialog).getByText('The current inventory is unchanged.')).toBeTruthy();
    expect(within(dialog).getByText('2 problems were found in broken.json:')).toBeTruthy();
    // The progress dialog may still be closing (Fluent hides the rest of the page from assistive tech until it has gone).
    await waitFor(() => {
      const table = within(dialog).getByRole('table', { name: 'Problems found in the file' });
      const rows = within(table)
        .getAllByRole('row')
        .map((r) =>
          within(r)
            .queryAllByRole('cell')
            .map((c) => c.textContent),
        );
      expect(rows.slice(1)).toEqual([
        ['hosts[0].memory.availableMB', 'expected a number'],
        ['hosts[1].name', 'expected a string'],
      ]);
    });
    expect(store.getState().index).toBe(before);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the error message for failures other than an invalid inventory', async () => {
    const { backend } = await renderWithStore(ui);
    backend.override('inventory.import', () => ({ ok: false, error: { code: 'db-locked', message: 'The database is busy; try again.' } }));
    choose('estate.json', JSON.stringify(sampleInventory()));
    const dialog = await screen.findByRole('dialog', { name: 'The inventory was not imported' });
    expect(within(dialog).getByText('The database is busy; try again.')).toBeTruthy();
  });

  it('refuses a file over the 100 MiB limit before reading it, naming the size and the limit', async () => {
    const { backend } = await renderWithStore(ui);
    let sent = false;
    backend.override('inventory.import', () => {
      sent = true;
      return { ok: false, error: { code: 'bad-request', message: 'sent' } };
    });
    const input = screen.getByLabelText('Inventory file') as HTMLInputElement;
    // The size is what the browser reports for the chosen file; 300 MiB of bytes need not exist for that.
    const file = new File(['{}'], 'everything.json', { type: 'application/json' });
    Object.defineProperty(file, 'size', { value: 300 * 1024 * 1024 });
    fireEvent.change(input, { target: { files: [file] } });
    const dialog = await screen.findByRole('dialog', { name: 'The inventory was not imported' });
    expect(
      within(dialog).getByText('everything.json is 300.0 MiB: Ferry imports inventory files up to 100 MiB. Check that you chose the inventory export.'),
    ).toBeTruthy();
    expect(within(dialog).getByText('The current inventory is unchanged.')).toBeTruthy();
    expect(sent).toBe(false);
  });

  it('confirms a successful import with the counts and the file name', async () => {
    const { store } = await renderWithStore(ui);
    const estate = sampleInventory();
    estate.vms = estate.vms.slice(0, 4);
    choose('milano.json', JSON.stringify(estate));
    expect(await screen.findByText('Imported 4 VMs on 5 hosts from milano.json')).toBeTruthy();
    await waitFor(() => expect(store.getState().snapshot?.meta?.origin).toBe('milano.json'));
    expect(store.getState().index?.inventory.vms).toHaveLength(4);
  });
});
