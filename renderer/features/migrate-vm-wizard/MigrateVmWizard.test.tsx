// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import { err, ok } from '../../../shared/model/result.js';
import { createFakeBackend, type FakeHandlers } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { makeJob } from '../../testing/sample-jobs.js';
import { hostRow, pathVerdict, reason, warning } from '../../testing/wizard-answers.js';
import { MigrateVmWizard } from './MigrateVmWizard.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const ROWS = [
  hostRow('HV-MI-11', {
    cluster: 'CL-MI-22',
    rating: 4.5,
    transferType: 'Live',
    warnings: [warning('loses-high-availability', 'Not highly available while it moves.')],
  }),
  hostRow('HV-MI-12', { cluster: 'CL-MI-22', rating: 2.5, transferType: 'Live (VSM)', warnings: [warning('storage-moves', '254 GB will be copied.')] }),
  hostRow('HV-TO-02', {
    reasons: [
      reason('maintenance-mode', 'HV-TO-02 is in maintenance mode: stop it first.'),
      reason('processor-vendor-mismatch', 'AMD to Intel: shut the VM down.'),
    ],
  }),
];

/** Opens the wizard on a VM of the sample estate, with the backend answering Select Host with `rows`. */
async function openWizard(vmId = 'id-dc-mi-01', handlers: FakeHandlers = {}) {
  const backend = createFakeBackend({
    inventory: sampleInventory(),
    handlers: {
      'placement.selectHosts': () => ok(ROWS),
      'storage.locations': () => ok([{ path: 'D:\\VMs', kind: 'default', freeGB: 950, capacityGB: 1800 }]),
      'storage.checkPath': ({ path }) =>
        ok(
          path.startsWith('\\\\fs1\\')
            ? pathVerdict(false, 'Name the file server by its FQDN, for example \\\\fileserver1.contoso.com\\smbshare.', 'smb-path-not-fqdn')
            : pathVerdict(true, `${path} is on volume D:\\: 950 GB free.`),
        ),
      'script.vmMigration': (args) => ok(`Move-VM -Name '${args.vm}' -DestinationHost '${args.destinationHost}'`),
      ...handlers,
    },
  });
  const rendered = await renderWithStore(<MigrateVmWizard />, backend);
  act(() => rendered.store.getState().openWizard('migrate-vm', vmId));
  await screen.findByRole('row', { name: /HV-MI-11/ });
  return rendered;
}

const pageList = () =>
  within(screen.getByRole('navigation', { name: 'Wizard pages' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
const row = (host: string) => screen.getByRole('row', { name: new RegExp(host) });
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('Migrate VM Wizard', () => {
  it('opens on Select Host with every other host, its stars, transfer type and first note', async () => {
    await openWizard();
    expect(screen.getByRole('dialog', { name: 'Migrate VM Wizard' })).toBeTruthy();
    const grid = screen.getByRole('grid', { name: 'Destination hosts' });
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Rating', 'Destination Host', 'Cluster', 'Transfer Type', 'Notes']);
    expect(within(row('HV-MI-11')).getByRole('img', { name: '4.5 stars' })).toBeTruthy();
    expect(row('HV-MI-11').textContent).toContain('Not highly available while it moves.');
    expect(within(row('HV-TO-02')).getByRole('img', { name: '0 stars' })).toBeTruthy();
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('Select Host');
  });

  it('shows Select Path only when storage moves', async () => {
    await openWizard();
    expect(pageList()).toEqual(['Select Host', 'Summary']);
    fireEvent.click(row('HV-MI-11'));
    expect(pageList()).toEqual(['Select Host', 'Summary']);
    fireEvent.click(row('HV-MI-12'));
    expect(pageList()).toEqual(['Select Host', 'Select Path', 'Summary']);
  });

  it('greys unavailable hosts, spells out every reason, and never selects them', async () => {
    await openWizard();
    fireEvent.click(row('HV-TO-02'));
    expect(row('HV-TO-02').getAttribute('aria-disabled')).toBe('true');
    expect(row('HV-TO-02').getAttribute('aria-selected')).toBe('false');
    expect(button('Next').disabled).toBe(true);
    expect(screen.getByText(/HV-TO-02 is not available for this virtual machine/)).toBeTruthy();
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByText('HV-TO-02 is in maintenance mode: stop it first.')).toBeTruthy();
    expect(within(panel).getByText('AMD to Intel: shut the VM down.')).toBeTruthy();
    fireEvent.click(row('HV-MI-11'));
    expect(row('HV-MI-11').getAttribute('aria-selected')).toBe('true');
    expect(button('Next').disabled).toBe(false);
    fireEvent.click(screen.getByRole('switch', { name: 'Show unavailable hosts' }));
    expect(screen.queryByRole('row', { name: /HV-TO-02/ })).toBeNull();
  });

  it('explains the rating and the transfer type of the selected host in tabs', async () => {
    await openWizard();
    fireEvent.click(row('HV-MI-12'));
    fireEvent.click(screen.getByRole('tab', { name: 'Rating explanation' }));
    expect(within(screen.getByRole('tabpanel')).getByText('HV-MI-12 rating explained')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Transfer explanation' }));
    expect(within(screen.getByRole('tabpanel')).getByText('HV-MI-12 transfer explained')).toBeTruthy();
  });

  it('asks for every row without explanations, then for the selected row with them, and shows they are coming meanwhile', async () => {
    const asked: InvokeArgs['placement.selectHosts'][] = [];
    let explain: (() => void) | null = null;
    await openWizard('id-dc-mi-01', {
      'placement.selectHosts': (args) => {
        asked.push(args);
        if (args.explain === false) return ok(ROWS.map((r) => ({ ...r, ratingExplanation: [], transferExplanation: [] })));
        return new Promise((resolve) => {
          explain = () => resolve(ok(ROWS.filter((r) => args.hosts?.includes(r.host))));
        });
      },
    });
    expect(asked[0]).toMatchObject({ vm: 'DC-MI-01', explain: false });
    fireEvent.click(row('HV-MI-12'));
    fireEvent.click(screen.getByRole('tab', { name: 'Rating explanation' }));
    expect(within(screen.getByRole('tabpanel')).getByText('Working out the explanation…')).toBeTruthy();
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ vm: 'DC-MI-01', hosts: ['HV-MI-12'] }));
    act(() => (explain as unknown as () => void)());
    expect(await within(screen.getByRole('tabpanel')).findByText('HV-MI-12 rating explained')).toBeTruthy();
  });

  it('checks the path as it is typed and shows a short SMB name as an error under the field', async () => {
    const { backend } = await openWizard();
    fireEvent.click(row('HV-MI-12'));
    fireEvent.click(button('Next'));
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('Select Path');
    const field = await screen.findByRole('combobox', { name: 'Storage location' });
    await waitFor(() => expect((field as HTMLInputElement).value).toBe('D:\\VMs'));
    expect(await screen.findByText('D:\\VMs is on volume D:\\: 950 GB free.')).toBeTruthy();
    fireEvent.change(field, { target: { value: '\\\\fs1\\vmstore' } });
    expect(await screen.findByText(/Name the file server by its FQDN/)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(button('Next').disabled).toBe(true);
    fireEvent.change(field, { target: { value: 'D:\\Fast' } });
    await screen.findByText('D:\\Fast is on volume D:\\: 950 GB free.');
    // The host is rated again with the chosen path, so a location without room says so.
    await waitFor(() =>
      expect(
        backend.calls.some(
          (c) => c.channel === 'placement.selectHosts' && (c.args as InvokeArgs['placement.selectHosts']).destinationPaths?.['HV-MI-12'] === 'D:\\Fast',
        ),
      ).toBe(true),
    );
    await waitFor(() => expect(button('Next').disabled).toBe(false));
  });

  it('shows insufficient storage for the chosen path under the field', async () => {
    await openWizard('id-dc-mi-01', {
      'placement.selectHosts': ({ destinationPaths }) =>
        ok(destinationPaths ? [hostRow('HV-MI-12', { reasons: [reason('insufficient-storage', 'D:\\Small has 10 GB free: 117 GB missing.')] })] : ROWS),
    });
    fireEvent.click(row('HV-MI-12'));
    fireEvent.click(button('Next'));
    const field = await screen.findByRole('combobox', { name: 'Storage location' });
    fireEvent.change(field, { target: { value: 'D:\\Small' } });
    expect(await screen.findByText('D:\\Small has 10 GB free: 117 GB missing.')).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
  });

  it('Move sends the chosen host, path and performance option, then closes and lists the job', async () => {
    const submitted: unknown[] = [];
    const { store } = await openWizard('id-dc-mi-01', {
      'migration.submit': (args) => {
        submitted.push(args);
        return ok(makeJob('job-7', 'Migrate virtual machine DC-MI-01 to HV-MI-12'));
      },
    });
    fireEvent.click(row('HV-MI-12'));
    fireEvent.click(button('Next'));
    const field = await screen.findByRole('combobox', { name: 'Storage location' });
    fireEvent.change(field, { target: { value: 'D:\\Fast' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Add this path to the list of default storage locations on the host' }));
    await waitFor(() => expect(button('Next').disabled).toBe(false));
    fireEvent.click(button('Next'));
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('Summary');
    const performance = screen.getByRole('combobox', { name: 'Performance option' }) as HTMLSelectElement;
    expect(performance.selectedOptions[0].textContent).toBe("Use the host's setting (Compression)");
    fireEvent.change(performance, { target: { value: 'SMB' } });
    fireEvent.click(button('Move'));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Migrate VM Wizard' })).toBeNull());
    expect(submitted).toEqual([
      { kind: 'vm', vm: 'DC-MI-01', destinationHost: 'HV-MI-12', destinationPath: 'D:\\Fast', performanceOption: 'SMB', addToDefaults: true },
    ]);
    expect(store.getState().jobs[0].id).toBe('job-7');
    expect(store.getState().selectedJobId).toBe('job-7');
  });

  it('places a VHD individually on Select Path: its folder checked in its row, listed on Summary, sent with Move and View Script', async () => {
    const submitted: unknown[] = [];
    const { backend } = await openWizard('id-dc-mi-01', {
      'migration.submit': (args) => {
        submitted.push(args);
        return ok(makeJob('job-8', 'Migrate virtual machine DC-MI-01 to HV-MI-12'));
      },
    });
    fireEvent.click(row('HV-MI-12'));
    fireEvent.click(button('Next'));
    const location = await screen.findByRole('combobox', { name: 'Storage location' });
    await waitFor(() => expect((location as HTMLInputElement).value).toBe('D:\\VMs'));
    const grid = screen.getByRole('table', { name: 'Virtual hard disks' });
    expect(within(grid).getByText('With the VM: D:\\VMs\\DC-MI-01\\Virtual Hard Disks')).toBeTruthy();
    fireEvent.click(within(grid).getByRole('checkbox', { name: 'Place os.vhdx individually' }));
    const destination = (await within(grid).findByRole('combobox', { name: 'Destination of os.vhdx' })) as HTMLInputElement;
    expect(destination.value).toBe('D:\\VMs');
    fireEvent.change(destination, { target: { value: '\\\\fs1\\disks' } });
    // The error is in the disk's own row.
    const diskRow = destination.closest('tr') as HTMLElement;
    expect(await within(diskRow).findByText(/Name the file server by its FQDN/)).toBeTruthy();
    expect(destination.getAttribute('aria-invalid')).toBe('true');
    // An invalid folder holds Next, as an empty one does.
    expect(button('Next').disabled).toBe(true);
    fireEvent.change(destination, { target: { value: '' } });
    await waitFor(() => expect(button('Next').disabled).toBe(true));
    fireEvent.change(destination, { target: { value: 'D:\\Disks' } });
    await within(diskRow).findByText('D:\\Disks is on volume D:\\: 950 GB free.');
    await waitFor(() => expect(button('Next').disabled).toBe(false));
    fireEvent.click(button('Next'));
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('Summary');
    expect(within(screen.getByRole('list', { name: 'Virtual hard disks' })).getByText('D:\\VMs\\DC-MI-01\\os.vhdx → D:\\Disks\\os.vhdx')).toBeTruthy();
    fireEvent.click(button('View Script'));
    await screen.findByRole('textbox', { name: 'PowerShell script' });
    const scriptCall = backend.calls.find((c) => c.channel === 'script.vmMigration');
    expect((scriptCall?.args as InvokeArgs['script.vmMigration']).diskDestinations).toEqual([{ path: 'D:\\VMs\\DC-MI-01\\os.vhdx', destination: 'D:\\Disks' }]);
    fireEvent.click(button('Move'));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Migrate VM Wizard' })).toBeNull());
    expect(submitted).toEqual([
      {
        kind: 'vm',
        vm: 'DC-MI-01',
        destinationHost: 'HV-MI-12',
        destinationPath: 'D:\\VMs',
        diskDestinations: [{ path: 'D:\\VMs\\DC-MI-01\\os.vhdx', destination: 'D:\\Disks' }],
      },
    ]);
  });

  it('keeps the wizard open with Move’s error on the Summary page', async () => {
    await openWizard('id-dc-mi-01', {
      'migration.submit': () =>
        err('destination-unavailable', 'HV-MI-11 went into maintenance mode.', {
          reasons: [{ code: 'maintenance-mode', message: 'HV-MI-11 is in maintenance mode.' }],
        }),
    });
    fireEvent.click(row('HV-MI-11'));
    fireEvent.click(button('Next'));
    expect(pageList()).toEqual(['Select Host', 'Summary']);
    fireEvent.click(button('Move'));
    expect(await screen.findByText('HV-MI-11 went into maintenance mode.')).toBeTruthy();
    expect(screen.getByText('(destination-unavailable)')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Migrate VM Wizard' })).toBeTruthy();
  });

  it('shows the PowerShell of the move in View Script', async () => {
    await openWizard();
    fireEvent.click(row('HV-MI-11'));
    fireEvent.click(button('Next'));
    fireEvent.click(button('View Script'));
    const script = (await screen.findByRole('textbox', { name: 'PowerShell script' })) as HTMLTextAreaElement;
    expect(script.value).toBe("Move-VM -Name 'DC-MI-01' -DestinationHost 'HV-MI-11'");
    expect(script.readOnly).toBe(true);
    expect(button('Copy')).toBeTruthy();
  });

  it('offers to start a VM that is not running, and continues live once it runs', async () => {
    const { backend } = await openWizard('id-file-01', {
      'vm.start': ({ vm }) => ok(makeJob('job-start', `Start virtual machine ${vm}`, { kind: 'start-vm' })),
    });
    expect(screen.getByText('A live migration needs a running virtual machine')).toBeTruthy();
    fireEvent.click(button('Start FILE-01'));
    expect(await screen.findByText(/Starting FILE-01/)).toBeTruthy();
    expect(backend.calls.filter((c) => c.channel === 'vm.start').map((c) => c.args)).toEqual([{ vm: 'FILE-01' }]);
    const ratings = () => backend.calls.filter((c) => c.channel === 'placement.selectHosts').length;
    const before = ratings();
    const running = sampleInventory();
    running.vms.find((v) => v.name === 'FILE-01')!.state = 'Running';
    act(() => backend.replaceInventory(running, 'Built-in demo estate'));
    expect(await screen.findByText('FILE-01 is running: the transfer types below are live.')).toBeTruthy();
    await waitFor(() => expect(ratings()).toBeGreaterThan(before));
  });

  it('goes on with the non-live transfer types when the admin declines to start the VM', async () => {
    await openWizard('id-file-01');
    fireEvent.click(button('Continue without starting'));
    expect(screen.getByText(/only transfer types that do not need it running apply/)).toBeTruthy();
    expect(screen.queryByText('A live migration needs a running virtual machine')).toBeNull();
  });
});
