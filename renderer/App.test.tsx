// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeBackend } from './api/fake-backend.js';
import { App } from './App.js';
import { installJsdomShims } from './testing/jsdom-setup.js';
import { renderWithStore } from './testing/render-with-store.js';
import { sampleInventory } from './testing/sample-inventory.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const vmGrid = () => screen.getByRole('grid', { name: 'Virtual machines' });

describe('console', () => {
  it('scopes the VM list to the host group selected in the tree', async () => {
    await renderWithStore(<App />);
    fireEvent.click(screen.getByRole('treeitem', { name: 'Torino' }));
    expect(within(screen.getByRole('region', { name: 'Virtual machines' })).getByText('3 virtual machines')).toBeTruthy();
    expect(vmGrid().getAttribute('aria-rowcount')).toBe('4');
  });

  it('shows a selected host’s details, with its live migration settings', async () => {
    await renderWithStore(<App />);
    fireEvent.click(screen.getByRole('treeitem', { name: 'HV-TO-02 In maintenance mode' }));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByText('hv-to-02.contoso.com')).toBeTruthy();
    expect(within(details).getByText('Simultaneous live migrations')).toBeTruthy();
    expect(within(details).getByText('Kerberos')).toBeTruthy();
    expect(within(details).getByText('On')).toBeTruthy();
  });

  it('shows a selected VM’s details, with its disks and the shared badge', async () => {
    await renderWithStore(<App />);
    fireEvent.click(within(vmGrid()).getByText('SQL-PROD-01'));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByRole('heading', { name: 'SQL-PROD-01' })).toBeTruthy();
    expect(within(details).getByText('CL-MI-22')).toBeTruthy();
    const disks = within(details).getByRole('table', { name: 'Virtual hard disks' });
    expect(within(disks).getAllByText('Shared')).toHaveLength(1);
  });

  it('says what to do when nothing is selected', async () => {
    await renderWithStore(<App />);
    expect(screen.getByText('Select a virtual machine or a host to see its details.')).toBeTruthy();
  });

  it('shows the inventory origin and counts in the status bar', async () => {
    await renderWithStore(<App />);
    const status = screen.getByRole('contentinfo', { name: 'Status' });
    expect(within(status).getByText('Inventory: Built-in demo estate')).toBeTruthy();
    expect(within(status).getByText('9 VMs')).toBeTruthy();
    expect(within(status).getByText('5 hosts')).toBeTruthy();
  });

  it('shows the later actions disabled, saying they come in a later release', async () => {
    await renderWithStore(<App />);
    fireEvent.click(screen.getByRole('tab', { name: 'Virtual Machine' }));
    const shutDown = screen.getByRole('button', { name: 'Shut Down' });
    expect(shutDown.getAttribute('aria-disabled')).toBe('true');
    fireEvent.pointerEnter(shutDown);
    await waitFor(() => expect(shutDown.getAttribute('aria-describedby')).toBeTruthy());
    expect(document.getElementById(shutDown.getAttribute('aria-describedby')!)?.textContent).toBe('Available in a later release');
  });

  it('lists jobs and shows a failed job’s problem and recommended action', async () => {
    const { backend } = await renderWithStore(<App />);
    await act(async () => {
      await backend.invoke('inventory.import', { fileName: 'bad.json', content: '{' });
    });
    const jobs = screen.getByRole('grid', { name: 'Jobs' });
    fireEvent.click(within(jobs).getByText('Import inventory bad.json'));
    const details = screen.getByRole('region', { name: 'Job details' });
    expect(within(details).getByText('The file is not valid JSON.')).toBeTruthy();
    expect(within(details).getByText('Correct the fields listed and import the file again.')).toBeTruthy();
  });

  it('says there are no jobs yet on a fresh install', async () => {
    await renderWithStore(<App />);
    expect(screen.getByText('No jobs yet')).toBeTruthy();
  });

  it('switches to Italian from the ribbon and saves the choice', async () => {
    const { backend } = await renderWithStore(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Language' }));
    fireEvent.click(await screen.findByRole('menuitemradio', { name: 'Italiano' }));
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Macchina virtuale' })).toBeTruthy());
    expect(backend.calls.some((c) => c.channel === 'settings.set' && (c.args as { language?: string }).language === 'it')).toBe(true);
  });

  it('follows an Italian OS when the language is left to the system', async () => {
    await renderWithStore(<App />, createFakeBackend({ inventory: sampleInventory(), systemLocale: 'it-IT' }));
    expect(screen.getByText('9 macchine virtuali')).toBeTruthy();
  });

  it('offers import and the demo estate when there is no inventory yet', async () => {
    const empty = { ...sampleInventory(), hostGroups: [], clusters: [], hosts: [], vms: [] };
    await renderWithStore(<App />, createFakeBackend({ inventory: empty, meta: null }));
    expect(screen.getByRole('heading', { name: 'No inventory yet' })).toBeTruthy();
    fireEvent.click(within(screen.getByRole('main')).getByRole('button', { name: 'Load demo estate' }));
    // Shown as a toast (and said by the toaster's live region).
    const said = await screen.findAllByText('Loaded the demo estate: 0 VMs on 0 hosts');
    expect(said.some((element) => element.closest('.fui-Toast') !== null)).toBe(true);
  });
});
