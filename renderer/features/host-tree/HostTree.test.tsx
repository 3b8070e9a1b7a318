// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { makeMoveJob } from '../../testing/sample-jobs.js';
import { HostTree } from './HostTree.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const item = (name: string | RegExp) => screen.getByRole('treeitem', { name });

describe('host tree', () => {
  it('shows All Hosts with its groups open', async () => {
    await renderWithStore(<HostTree />);
    expect(screen.getByRole('tree', { name: 'Host groups, clusters and hosts' })).toBeTruthy();
    expect(item(/^All Hosts/).getAttribute('aria-selected')).toBe('true');
    expect(item(/^Milano/)).toBeTruthy();
    expect(item(/^Torino/)).toBeTruthy();
    expect(item(/^CL-MI-22/)).toBeTruthy();
  });

  it('names each node by its own label, not by the nodes inside it', async () => {
    await renderWithStore(<HostTree />);
    expect(item('Milano')).toBeTruthy();
    expect(item('All Hosts')).toBeTruthy();
  });

  it('labels hosts that are not responding, updating, or in maintenance mode', async () => {
    await renderWithStore(<HostTree />);
    expect(item('HV-TO-01 Not responding')).toBeTruthy();
    expect(within(item(/^HV-TO-01/)).getByRole('img', { name: 'Not responding' })).toBeTruthy();
    expect(within(item(/^HV-TO-02/)).getByRole('img', { name: 'In maintenance mode' })).toBeTruthy();
    // In words too, beside the name, without changing the host's accessible name.
    expect(within(item(/^HV-TO-02/)).getByText('(maintenance)')).toBeTruthy();
    expect(item('HV-TO-02 In maintenance mode')).toBeTruthy();
    fireEvent.click(item(/^CL-MI-22/));
    expect(within(item(/^HV-MI-12/)).getByRole('img', { name: 'Updating' })).toBeTruthy();
  });

  it('selects the node that is clicked', async () => {
    const { store } = await renderWithStore(<HostTree />);
    fireEvent.click(item(/^Torino/));
    expect(store.getState().selectedNodeId).toBe('group:torino');
    expect(item(/^Torino/).getAttribute('aria-selected')).toBe('true');
    expect(item(/^All Hosts/).getAttribute('aria-selected')).toBe('false');
  });

  it('opens a nested group to show its standalone host', async () => {
    await renderWithStore(<HostTree />);
    expect(screen.queryByRole('treeitem', { name: /^HV-MI-20/ })).toBeNull();
    fireEvent.click(item(/^Centro/));
    expect(item(/^HV-MI-20/)).toBeTruthy();
  });

  it('shows the progress of running moves beside their source and destination hosts, and drops it when they end', async () => {
    const job = makeMoveJob('m1', 'WEB-TO-01', 'HV-TO-01', 'HV-TO-02', { progress: 40 });
    const backend = createFakeBackend({ inventory: sampleInventory(), jobs: [job] });
    await renderWithStore(<HostTree />, backend);
    expect(item('HV-TO-01 Not responding Moves in progress: 1, 40%')).toBeTruthy();
    expect(within(item(/^HV-TO-02/)).getByText('40%')).toBeTruthy();
    await act(async () => backend.putJob({ ...job, progress: 70 }));
    expect(within(item(/^HV-TO-01/)).getByText('70%')).toBeTruthy();
    await act(async () => backend.putJob({ ...job, status: 'Completed', progress: 100 }));
    expect(within(item(/^HV-TO-01/)).queryByText(/%$/)).toBeNull();
    expect(item('HV-TO-01 Not responding')).toBeTruthy();
  });
});
