// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const details = () => within(screen.getByRole('complementary', { name: 'Details' }));
/** The value next to a label in a section of the details pane. */
const valueIn = (section: string, label: string) =>
  within(details().getByRole('region', { name: section })).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('details of several selected VMs', () => {
  it('adds them up: states, hosts, memory, CPUs and disks, and says how to move them together', async () => {
    const { store } = await renderWithStore(<App />, createFakeBackend({ inventory: sampleInventory() }));
    act(() => store.getState().setVmSelection({ ids: ['id-web-01', 'id-file-01', 'id-dc-mi-01'], cursor: 'id-dc-mi-01', anchor: 'id-web-01' }));
    expect(details().getByRole('heading', { name: '3 virtual machines' })).toBeTruthy();
    expect(details().getByText('Selection')).toBeTruthy();
    expect([valueIn('General', 'Running'), valueIn('General', 'Stopped')]).toEqual(['2', '1']);
    expect([valueIn('On hosts', 'HV-MI-11'), valueIn('On hosts', 'HV-MI-20')]).toEqual(['1', '2']);
    expect(valueIn('Hardware', 'Memory')).toBe('14 GB');
    expect(valueIn('Hardware', 'Memory of running VMs')).toBe('12 GB');
    expect(valueIn('Hardware', 'Virtual processors')).toBe('6');
    expect(valueIn('Hardware', 'Virtual hard disks')).toBe('3 (381 GB)');
    expect(details().getByText(/^Migrate Virtual Machine moves them together/)).toBeTruthy();
    // One VM again: its own details.
    act(() => store.getState().setVmSelection({ ids: ['id-web-01'], cursor: 'id-web-01', anchor: 'id-web-01' }));
    expect(details().getByRole('heading', { name: 'web-01' })).toBeTruthy();
  });
});
