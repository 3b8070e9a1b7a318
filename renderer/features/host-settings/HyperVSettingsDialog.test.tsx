// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import { err } from '../../../shared/model/result.js';
import { App } from '../../App.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const HVS = /Hyper.V Settings/;
const treeItem = (name: string) => screen.getByRole('treeitem', { name: new RegExp(`^${name}`) });
const applyCalls = (backend: { calls: { channel: string; args: unknown }[] }) =>
  backend.calls.filter((c) => c.channel === 'hostSettings.apply').map((c) => c.args as InvokeArgs['hostSettings.apply']);

/** Selects a host in the tree and opens Host > Hyper-V Settings on the ribbon. */
async function openFromRibbon(node: string): Promise<HTMLElement> {
  if (node === 'HV-MI-20') fireEvent.click(treeItem('Centro'));
  fireEvent.click(treeItem(node));
  fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
  fireEvent.click(screen.getByRole('button', { name: HVS }));
  return screen.findByRole('dialog', { name: HVS });
}

const page = (dialog: HTMLElement, name: RegExp) => fireEvent.click(within(dialog).getByRole('tab', { name }));
const spin = (dialog: HTMLElement, name: string) => within(dialog).getByRole('spinbutton', { name: new RegExp(name) });

/** Types into a spin box and leaves it, as the admin does. */
function typeNumber(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

describe('Hyper-V Settings: a host', () => {
  it('opens from the ribbon with the host’s settings on Hyper-V Manager’s pages, every field labelled', async () => {
    await renderWithStore(<App />);
    const dialog = await openFromRibbon('HV-MI-20');
    expect(within(dialog).getByRole('heading', { name: 'Hyper\u2011V Settings for HV-MI-20' })).toBeTruthy();
    const tabs = within(dialog)
      .getAllByRole('tab')
      .map((t) => t.getAttribute('aria-label'));
    expect(tabs).toEqual(['Live Migrations, Enabled, 2 simultaneous', 'Advanced Features, Kerberos, Compression', 'Storage Migrations, 2 simultaneous']);
    expect((within(dialog).getByRole('checkbox', { name: 'Enable incoming and outgoing live migrations' }) as HTMLInputElement).checked).toBe(true);
    expect((spin(dialog, 'Simultaneous live migrations') as HTMLInputElement).value).toBe('2');
    expect((within(dialog).getByRole('radio', { name: 'Use these IP addresses for live migration:' }) as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByRole('textbox', { name: 'IP address or subnet 1 of 1' }) as HTMLInputElement).value).toBe('10.20.0.0/24');
    for (const name of ['Add', 'Remove', 'Move Up', 'Move Down']) expect(within(dialog).getByRole('button', { name })).toBeTruthy();

    page(dialog, /^Advanced Features/);
    const kerberos = within(dialog).getByRole('radio', { name: 'Use Kerberos' }) as HTMLInputElement;
    expect(kerberos.checked).toBe(true);
    expect(document.getElementById(kerberos.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /constrained delegation .* cifs and Microsoft Virtual System Migration Service/,
    );
    const credssp = within(dialog).getByRole('radio', { name: 'Use Credential Security Support Provider (CredSSP)' });
    expect(document.getElementById(credssp.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/signed in to the source host/);
    for (const option of ['TCP/IP', 'Compression', 'SMB']) {
      const radio = within(dialog).getByRole('radio', { name: option });
      expect(document.getElementById(radio.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/\w/);
    }
    page(dialog, /^Storage Migrations/);
    expect((spin(dialog, 'Simultaneous storage migrations') as HTMLInputElement).value).toBe('2');
  });

  it('OK applies only what changed as a job, and closes; the host and the Jobs pane show it', async () => {
    const { backend, store } = await renderWithStore(<App />);
    const dialog = await openFromRibbon('HV-MI-20');
    typeNumber(spin(dialog, 'Simultaneous live migrations'), '3');
    page(dialog, /^Advanced Features/);
    fireEvent.click(within(dialog).getByRole('radio', { name: 'SMB' }));
    expect(
      within(dialog)
        .getByRole('tab', { name: /^Advanced Features/ })
        .getAttribute('aria-label'),
    ).toBe('Advanced Features, Kerberos, SMB');
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: HVS })).toBeNull());
    expect(applyCalls(backend)).toEqual([{ target: { host: 'HV-MI-20' }, change: { maxLive: 3, performanceOption: 'SMB' } }]);
    await waitFor(() => expect(store.getState().index?.inventory.hosts.find((h) => h.name === 'HV-MI-20')?.liveMigration.maxLive).toBe(3));
    const jobs = screen.getByRole('grid', { name: 'Jobs' });
    expect(within(jobs).getByRole('row', { name: /Change Hyper-V settings of HV-MI-20/ }).textContent).toContain('Completed');
  });

  it('refuses a limit outside 1 to 64 inline with the reason, marks the page, and keeps OK off', async () => {
    const { backend } = await renderWithStore(<App />);
    const dialog = await openFromRibbon('HV-MI-20');
    for (const [text, reason] of [
      ['0', '0 is not a whole number from 1 to 64'],
      ['65', '65 is not a whole number from 1 to 64'],
      ['two', '"two" is not a whole number from 1 to 64'],
    ]) {
      typeNumber(spin(dialog, 'Simultaneous live migrations'), text);
      expect(within(dialog).getByText(reason)).toBeTruthy();
      expect(spin(dialog, 'Simultaneous live migrations').getAttribute('aria-invalid')).toBe('true');
      expect(within(dialog).getByRole('button', { name: 'OK' }).hasAttribute('disabled')).toBe(true);
      expect(within(dialog).getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(true);
      expect(within(dialog).getByRole('tab', { name: 'Live Migrations, Has values to correct' })).toBeTruthy();
      expect(within(dialog).getByRole('status').textContent).toBe('Correct 1 value before applying.');
    }
    typeNumber(spin(dialog, 'Simultaneous live migrations'), '64');
    expect(within(dialog).getByRole('button', { name: 'OK' }).hasAttribute('disabled')).toBe(false);
    page(dialog, /^Storage Migrations/);
    typeNumber(spin(dialog, 'Simultaneous storage migrations'), '-1');
    expect(within(dialog).getByText('"-1" is not a whole number from 1 to 64')).toBeTruthy();
    expect(applyCalls(backend)).toEqual([]);
  });

  it('edits the ordered list of networks: Add, type, Move Up, Move Down, Remove, each entry checked inline', async () => {
    const { backend } = await renderWithStore(<App />);
    const dialog = await openFromRibbon('HV-MI-20');
    const entry = (position: number, count: number) => within(dialog).getByRole('textbox', { name: `IP address or subnet ${position} of ${count}` });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(document.activeElement).toBe(entry(2, 2)));
    fireEvent.change(entry(2, 2), { target: { value: '10.0.0.300/24' } });
    // Checked once the admin leaves the entry, not while typing.
    expect(within(dialog).queryByText('"10.0.0.300/24" is not an IPv4 or IPv6 address or subnet')).toBeNull();
    fireEvent.blur(entry(2, 2));
    expect(within(dialog).getByText('"10.0.0.300/24" is not an IPv4 or IPv6 address or subnet')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'OK' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(entry(2, 2), { target: { value: '10.20.0.0/24' } });
    expect(within(dialog).getByText('"10.20.0.0/24" is already in the list, at position 1')).toBeTruthy();
    fireEvent.change(entry(2, 2), { target: { value: '10.20.0.5/24' } });
    expect(within(dialog).getByText('"10.20.0.5/24" has host bits set after the prefix: the subnet is "10.20.0.0/24"')).toBeTruthy();
    fireEvent.change(entry(2, 2), { target: { value: 'fd00:20::/64' } });
    expect(entry(2, 2).getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.focus(entry(2, 2));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move Up' }));
    expect((entry(1, 2) as HTMLInputElement).value).toBe('fd00:20::/64');
    expect(within(dialog).getByRole('button', { name: 'Move Up' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    fireEvent.change(entry(3, 3), { target: { value: '192.168.10.7' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(within(dialog).queryByRole('textbox', { name: /of 3$/ })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(applyCalls(backend)).toHaveLength(1));
    expect(applyCalls(backend)[0].change).toEqual({ networks: ['fd00:20::/64', '10.20.0.0/24'] });
  });

  it('needs an address when "Use these IP addresses" is chosen, as Hyper-V Manager does', async () => {
    await renderWithStore(<App />);
    const dialog = await openFromRibbon('HV-MI-20');
    fireEvent.focus(within(dialog).getByRole('textbox', { name: 'IP address or subnet 1 of 1' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Add at least one IP address or subnet, or use any available network');
    expect(within(dialog).getByRole('button', { name: 'OK' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Use any available network for live migration' }));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Add' }).hasAttribute('disabled')).toBe(true);
  });

  it('turning live migrations off greys the rest of the page and sends enabled: false', async () => {
    const { backend } = await renderWithStore(<App />);
    const dialog = await openFromRibbon('HV-MI-20');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Enable incoming and outgoing live migrations' }));
    expect(spin(dialog, 'Simultaneous live migrations').hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByRole('radio', { name: 'Use any available network for live migration' }).hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByRole('tab', { name: 'Live Migrations, Disabled' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(applyCalls(backend)).toEqual([{ target: { host: 'HV-MI-20' }, change: { enabled: false } }]));
  });

  it('Apply keeps the dialog open and has nothing more to apply until something else changes', async () => {
    const { backend } = await renderWithStore(<App />);
    const dialog = await openFromRibbon('HV-MI-20');
    const apply = within(dialog).getByRole('button', { name: 'Apply' });
    expect(apply.hasAttribute('disabled')).toBe(true);
    page(dialog, /^Storage Migrations/);
    typeNumber(spin(dialog, 'Simultaneous storage migrations'), '4');
    fireEvent.click(apply);
    expect(await within(dialog).findByText('Applied as a job: Change Hyper-V settings of HV-MI-20.')).toBeTruthy();
    expect(apply.hasAttribute('disabled')).toBe(true);
    expect(applyCalls(backend)).toEqual([{ target: { host: 'HV-MI-20' }, change: { maxStorage: 4 } }]);
    // OK with nothing changed closes without another job.
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: HVS })).toBeNull());
    expect(applyCalls(backend)).toHaveLength(1);
  });

  it('keeps the dialog open with the backend’s reasons when it refuses the change', async () => {
    const backend = createFakeBackend({ inventory: sampleInventory() });
    backend.override('hostSettings.apply', () =>
      err('settings-invalid', 'The settings were not changed: maxLive: 9 is not a whole number from 1 to 8.', {
        problems: [
          { path: 'maxLive', field: 'maxLive', code: 'out-of-range', message: '9 is not a whole number from 1 to 8', params: { value: '9', min: 1, max: 8 } },
        ],
      }),
    );
    await renderWithStore(<App />, backend);
    const dialog = await openFromRibbon('HV-MI-20');
    typeNumber(spin(dialog, 'Simultaneous live migrations'), '9');
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(await within(dialog).findByText('9 is not a whole number from 1 to 8')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: HVS })).toBeTruthy();
  });

  it('says when the cluster’s limit of parallel migrations wins over the host’s', async () => {
    const doc = sampleInventory();
    doc.clusters[0].maxParallelMigrations = 4;
    await renderWithStore(<App />, createFakeBackend({ inventory: doc }));
    fireEvent.click(treeItem('CL-MI-22'));
    const dialog = await openFromRibbon('HV-MI-11');
    expect(within(dialog).getByText('The cluster CL-MI-22 allows at most 4 parallel migrations; that limit wins over this one.')).toBeTruthy();
  });

  it('speaks Italian', async () => {
    const { store } = await renderWithStore(<App />);
    await act(() => store.getState().setLanguage('it'));
    fireEvent.click(treeItem('Centro'));
    fireEvent.click(treeItem('HV-MI-20'));
    fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
    fireEvent.click(screen.getByRole('button', { name: /Impostazioni Hyper.V/ }));
    const dialog = await screen.findByRole('dialog', { name: /Impostazioni Hyper.V di HV-MI-20/ });
    expect(within(dialog).getByRole('checkbox', { name: 'Abilita migrazioni in tempo reale in ingresso e in uscita' })).toBeTruthy();
    typeNumber(spin(dialog, 'Migrazioni in tempo reale simultanee'), '0');
    expect(within(dialog).getByText('0 non è un numero intero da 1 a 64')).toBeTruthy();
  });
});

describe('Hyper-V Settings for all hosts of a cluster or group', () => {
  it('opens from the tree’s context menu, says how many hosts OK changes, and sends only what changed', async () => {
    const doc = sampleInventory();
    doc.hosts[1].liveMigration = { ...doc.hosts[1].liveMigration, maxLive: 4, authentication: 'CredSSP' };
    const { backend } = await renderWithStore(<App />, createFakeBackend({ inventory: doc }));
    fireEvent.contextMenu(treeItem('CL-MI-22'));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Hyper\u2011V Settings for all hosts…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hyper\u2011V Settings for all hosts in CL-MI-22' });
    expect(
      within(dialog).getByText(
        'OK changes the 2 hosts in CL-MI-22: HV-MI-11, HV-MI-12. Only the settings you change are applied; each host keeps its other settings.',
      ),
    ).toBeTruthy();
    // Values the hosts don't share are blank until the admin sets them.
    const maxLive = spin(dialog, 'Simultaneous live migrations') as HTMLInputElement;
    expect(maxLive.value).toBe('');
    expect(maxLive.placeholder).toBe('Different on each host');
    expect(within(dialog).getByRole('tab', { name: 'Live Migrations, Different on each host' })).toBeTruthy();
    page(dialog, /^Advanced Features/);
    expect(
      within(dialog)
        .getAllByRole('radio')
        .filter((r) => (r as HTMLInputElement).checked)
        .map((r) => r.getAttribute('value')),
    ).toEqual(['Compression']);
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Use Kerberos' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(applyCalls(backend)).toEqual([{ target: { cluster: 'CL-MI-22' }, change: { authentication: 'Kerberos' } }]));
  });

  it('opens for a host group from the keyboard (Shift+F10) and warns of hosts that do not respond', async () => {
    await renderWithStore(<App />);
    const torino = treeItem('Torino');
    torino.focus();
    fireEvent.keyDown(torino, { key: 'F10', shiftKey: true });
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Hyper\u2011V Settings for all hosts…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hyper\u2011V Settings for all hosts in All Hosts/Torino' });
    expect(within(dialog).getByText(/OK changes the 2 hosts in All Hosts\/Torino: HV-TO-01, HV-TO-02/)).toBeTruthy();
    expect(within(dialog).getByText('Not responding: HV-TO-01. Their steps of the job will fail, and the other hosts still take the change.')).toBeTruthy();
  });

  it('offers Hyper-V Settings… (not "for all hosts") on a host’s context menu', async () => {
    await renderWithStore(<App />);
    fireEvent.click(treeItem('Centro'));
    fireEvent.contextMenu(treeItem('HV-MI-20'));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Hyper\u2011V Settings…' }));
    expect(await screen.findByRole('dialog', { name: 'Hyper\u2011V Settings for HV-MI-20' })).toBeTruthy();
  });
});
