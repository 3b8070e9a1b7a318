// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import { defaultConnectionSettings } from '../../../shared/model/connection.js';
import { ok } from '../../../shared/model/result.js';
import { App } from '../../App.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const treeItem = (name: string) => screen.getByRole('treeitem', { name: new RegExp(`^${name}`) });
const SETTINGS = /Connection Settings…/;

async function openFor(node: string): Promise<HTMLElement> {
  fireEvent.click(treeItem(node));
  fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
  fireEvent.click(screen.getByRole('button', { name: SETTINGS }));
  return screen.findByRole('dialog', { name: /Connection Settings for All Hosts\/Milano/ }, { timeout: 5000 });
}

const radio = (dialog: HTMLElement, name: RegExp | string) => within(dialog).getByRole('radio', { name });

describe('Host > Connection Settings…', () => {
  it("opens for the selected node's host group, on the simulator by default", async () => {
    await renderWithStore(<App />);
    const dialog = await openFor('CL-MI-22');
    expect(((await within(dialog).findByRole('radio', { name: 'The simulator' })) as HTMLInputElement).checked).toBe(true);
    // Remoting choices appear only for real hosts.
    expect(within(dialog).queryByRole('radio', { name: /PowerShell remoting over HTTPS/ })).toBeNull();
  });

  it('is disabled while All Hosts is selected: it needs a host group', async () => {
    await renderWithStore(<App />);
    fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
    const button = screen.getByRole('button', { name: SETTINGS });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('title')).toBe('Select a host group, cluster or host first');
  });

  it('saves Hyper-V over WinRM with a user name and password, checking each field as the admin types', async () => {
    const { backend } = await renderWithStore(<App />);
    const dialog = await openFor('CL-MI-22');
    fireEvent.click(await within(dialog).findByRole('radio', { name: 'Real Hyper\u2011V hosts' }));
    fireEvent.click(radio(dialog, 'PowerShell remoting over HTTPS (WinRM)'));
    fireEvent.click(radio(dialog, 'This user'));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /User name/ }), { target: { value: 'not an account' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Write the user name as DOMAIN\\user or user@domain.example.')).toBeTruthy();
    expect(within(dialog).getByText('Enter the password for this user.')).toBeTruthy();
    expect(backend.calls.some((c) => c.channel === 'connection.set')).toBe(false);

    fireEvent.change(within(dialog).getByRole('textbox', { name: /User name/ }), { target: { value: 'CONTOSO\\hvadmin' } });
    fireEvent.change(within(dialog).getByLabelText(/^Password/), { target: { value: 'S3cret!' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Connection Settings/ })).toBeNull());
    const set = backend.calls.find((c) => c.channel === 'connection.set')?.args as InvokeArgs['connection.set'];
    expect(set).toEqual({
      hostGroup: 'All Hosts/Milano',
      connector: 'hyperv',
      mode: 'winrm-https',
      identity: 'credentials',
      userName: 'CONTOSO\\hvadmin',
      password: 'S3cret!',
    });
    expect(await screen.findByText('Connection settings of All Hosts/Milano saved.', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('offers no password where it cannot be stored (the headless host), and says to use the current identity', async () => {
    const { backend } = await renderWithStore(<App />);
    backend.override('connection.get', (a) =>
      ok({
        ...defaultConnectionSettings('All Hosts/Milano'),
        hostGroup: a.hostGroup,
        connector: 'hyperv',
        mode: 'winrm-https',
        saved: true,
        passwordStorage: { available: false, reason: 'No store.' },
      }),
    );
    const dialog = await openFor('CL-MI-22');
    expect((await within(dialog).findByRole('radio', { name: 'This user' })).hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByText(/Passwords can be saved only in the Ferry desktop app/)).toBeTruthy();
  });

  it('refreshes the selected group from Hyper-V, or says why not', async () => {
    await renderWithStore(<App />);
    fireEvent.click(treeItem('CL-MI-22'));
    fireEvent.click(screen.getByRole('tab', { name: 'Host' }));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh from Hyper\u2011V' }));
    expect(await screen.findByText(/All Hosts\/Milano was not refreshed: All Hosts\/Milano uses the simulator/, {}, { timeout: 5000 })).toBeTruthy();

    const dialog = await openFor('CL-MI-22');
    // jsdom: Fluent's focus trap may mark the open dialog aria-hidden for a moment after the toast above.
    fireEvent.click(await within(dialog).findByRole('radio', { name: 'Real Hyper\u2011V hosts', hidden: true }, { timeout: 5000 }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Connection Settings/ })).toBeNull(), { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh from Hyper\u2011V' }));
    expect(await screen.findByText(/Refreshed All Hosts\/Milano from Hyper.V: 2 hosts/, {}, { timeout: 5000 })).toBeTruthy();
  });
});
