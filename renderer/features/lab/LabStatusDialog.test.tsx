// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeResults } from '../../../shared/contract/invoke.js';
import type { LabStatus } from '../../../shared/model/lab.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { App } from '../../App.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { runningLabStatus, stoppedLabStatus } from '../../api/fake-lab.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { makeJob } from '../../testing/sample-jobs.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const QEMU_MISSING =
  'qemu-system-x86_64 was not found on PATH. Install QEMU 10 from Debian bookworm-backports: add "deb http://deb.debian.org/debian bookworm-backports main" ' +
  'to /etc/apt/sources.list.d/backports.list, run "apt-get update", then "apt-get install -t bookworm-backports qemu-system-x86 qemu-utils" (without -t, apt picks 7.2).';

const ribbonButton = (name: string) => within(screen.getByRole('banner', { name: 'Ribbon' })).getByRole('button', { name });
/** A ribbon button while a modal dialog is open (the dialog hides the rest of the page from assistive technology). */
const ribbonButtonBehind = (name: string) => within(screen.getByRole('banner', { name: 'Ribbon', hidden: true })).getByRole('button', { name, hidden: true });
/** Whether a button is off (a dialog's buttons stay focusable while off). */
const isOff = (button: HTMLElement) => button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true';
const dialog = () => screen.findByRole('dialog', { name: 'Lab Status' });
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );

/** Renders the console with a lab that answers `status` to `lab.status`. */
async function renderConsole(status: LabStatus) {
  let current = status;
  const backend = createFakeBackend({ inventory: sampleInventory(), handlers: { 'lab.status': () => ok(current) } });
  const rendered = await renderWithStore(<App />, backend);
  return { ...rendered, setStatus: (next: LabStatus) => (current = next) };
}

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Home > Lab Status', () => {
  it('lists the running lab’s hosts and VMs, with QEMU’s version and the lab’s folder', async () => {
    const status = runningLabStatus();
    status.vms[2] = { ...status.vms[2], corrupt: true, heartbeat: { seq: 7, upSeconds: 75 } };
    await renderConsole(status);
    fireEvent.click(ribbonButton('Lab Status'));
    const d = await dialog();
    const hosts = await within(d).findByRole('table', { name: 'Lab hosts' });
    expect(
      within(hosts)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Address', 'Migration network', 'NICs', 'VMs']);
    expect(rowsOf(hosts)).toEqual([
      ['LAB-HV-01', '127.77.0.1', '10 Gbps', '2', '2'],
      ['LAB-HV-02', '127.77.0.2', '10 Gbps', '2', '1'],
      ['LAB-HV-03', '127.77.0.3', '10 Gbps', '2', '0'],
    ]);
    const vms = within(d).getByRole('table', { name: 'Lab VMs' });
    expect(
      within(vms)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Host', 'State', 'Process', 'Last heartbeat', 'Memory', 'Dirty rate', 'Memory check']);
    expect(rowsOf(vms)).toEqual([
      ['LAB-VM-01', 'LAB-HV-01', 'Running', '4101', '#42, up 42 s', '256 MB', '10 MB/s', 'OK'],
      ['LAB-VM-02', 'LAB-HV-01', 'Running', '4102', '#42, up 42 s', '256 MB', '10 MB/s', 'OK'],
      ['LAB-VM-03', 'LAB-HV-02', 'Running', '4103', '#7, up 1 min 15 s', '256 MB', '30 MB/s', 'CORRUPTED'],
    ]);
    expect(within(d).getByText('10.0.2')).toBeTruthy();
    expect(within(d).getByText(status.root)).toBeTruthy();
    expect(within(d).getByText(/^Running since/)).toBeTruthy();
    // The lab runs, with every VM up and in the inventory: nothing for the ribbon's Start Lab to do.
    expect(ribbonButtonBehind('Start Lab').hasAttribute('disabled')).toBe(true);
  });

  it('says the lab is not running, with Stop Lab off; Escape closes the dialog', async () => {
    await renderConsole(stoppedLabStatus());
    fireEvent.click(ribbonButton('Lab Status'));
    const d = await dialog();
    expect(await within(d).findByText(/The lab is not running\. Start Lab boots its VMs/)).toBeTruthy();
    expect(within(d).queryByRole('table')).toBeNull();
    expect(within(d).getByText('Not running')).toBeTruthy();
    expect(isOff(within(d).getByRole('button', { name: 'Stop Lab' }))).toBe(true);
    // Keyboard: focus starts inside the dialog, and Escape closes it.
    expect(d.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement ?? d, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Lab Status' })).toBeNull());
  });

  it('Start Lab calls lab.start and shows its progress until the lab runs', async () => {
    const { backend, setStatus } = await renderConsole(stoppedLabStatus());
    const answer = deferred<Result<InvokeResults['lab.start']>>();
    backend.override('lab.start', () => answer.promise);
    fireEvent.click(ribbonButton('Lab Status'));
    const d = await dialog();
    await within(d).findByText('Not running');
    fireEvent.click(within(d).getByRole('button', { name: 'Start Lab' }));

    const progress = await within(d).findByRole('status');
    expect(within(progress).getByText('Starting the lab: booting VMs…')).toBeTruthy();
    expect(backend.calls.filter((c) => c.channel === 'lab.start')).toHaveLength(1);
    expect(isOff(within(d).getByRole('button', { name: 'Start Lab' }))).toBe(true);
    expect(isOff(within(d).getByRole('button', { name: 'Stop Lab' }))).toBe(true);
    expect(ribbonButtonBehind('Start Lab').hasAttribute('disabled')).toBe(true);

    // The lab job's progress, as the backend reports it.
    const job = makeJob('job-lab', 'Start lab', {
      kind: 'lab',
      status: 'Running',
      progress: 60,
      target: 'All Hosts/Lab',
      steps: [
        { name: 'Check QEMU', status: 'Completed', progress: 100 },
        { name: 'Build the guest', status: 'Completed', progress: 100 },
        { name: 'Create the lab hosts and disks', status: 'Completed', progress: 100 },
        { name: 'Boot the lab VMs', status: 'Running', progress: 0 },
        { name: 'Add the Lab host group to the inventory', status: 'Queued', progress: 0 },
      ],
    });
    act(() => backend.putJob(job));
    expect(within(progress).getByRole('progressbar', { name: 'Progress of Start lab' }).getAttribute('aria-valuenow')).toBe('60');
    expect(within(progress).getByText('Boot the lab VMs (60%)')).toBeTruthy();

    const status = runningLabStatus();
    setStatus(status);
    await act(async () => answer.resolve(ok({ job: { ...job, status: 'Completed', progress: 100 }, status })));
    await waitFor(() => expect(within(d).queryByRole('status')).toBeNull());
    expect(within(d).getByRole('table', { name: 'Lab VMs' })).toBeTruthy();
    expect(within(d).getAllByText('Running', { selector: 'td *' })).toHaveLength(3);
    expect(await screen.findByText('The lab is running: 3 hosts and 3 VMs under All Hosts/Lab.')).toBeTruthy();
  });

  it('shows why the lab could not start in a message bar, opening the dialog when Start Lab was pressed on the ribbon', async () => {
    const { backend } = await renderConsole(stoppedLabStatus());
    backend.override('lab.start', () => err('lab-start-failed', QEMU_MISSING, { jobId: 'job-9' }));
    fireEvent.click(ribbonButton('Start Lab'));
    const d = await dialog();
    const message = await within(d).findByText(`The lab could not start: ${QEMU_MISSING}`);
    expect(message.closest('.fui-MessageBar')).not.toBeNull();
    // One request; Start Lab can be tried again once QEMU is installed.
    expect(backend.calls.filter((c) => c.channel === 'lab.start')).toHaveLength(1);
    expect(isOff(within(d).getByRole('button', { name: 'Start Lab' }))).toBe(false);
  });

  it('warns when QEMU on this computer is not usable', async () => {
    await renderConsole({ ...stoppedLabStatus(), qemu: `not usable: ${QEMU_MISSING}` });
    fireEvent.click(ribbonButton('Lab Status'));
    const d = await dialog();
    expect(await within(d).findByText(`QEMU on this computer is not usable: ${QEMU_MISSING}`)).toBeTruthy();
  });

  it('Stop Lab calls lab.stop and leaves the lab empty', async () => {
    const { backend, setStatus } = await renderConsole(runningLabStatus());
    fireEvent.click(ribbonButton('Lab Status'));
    const d = await dialog();
    await within(d).findByRole('table', { name: 'Lab VMs' });
    setStatus(stoppedLabStatus());
    fireEvent.click(within(d).getByRole('button', { name: 'Stop Lab' }));
    expect(await within(d).findByText(/The lab is not running\./)).toBeTruthy();
    expect(within(d).queryByRole('table')).toBeNull();
    expect(backend.calls.filter((c) => c.channel === 'lab.stop')).toHaveLength(1);
    fireEvent.click(within(d).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Lab Status' })).toBeNull());
    // The console behind the dialog is reachable again once the dialog's focus trap has let go (findBy).
    expect(await within(await screen.findByRole('grid', { name: 'Jobs' })).findByRole('row', { name: /Stop lab/ })).toBeTruthy();
    expect(ribbonButton('Stop Lab').hasAttribute('disabled')).toBe(true);
  });
});
