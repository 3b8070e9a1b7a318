// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import type { StoragePlanCheck } from '../../../shared/model/storage.js';
import { ok } from '../../../shared/model/result.js';
import { createFakeBackend, type FakeHandlers } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { makeJob } from '../../testing/sample-jobs.js';
import { pathVerdict, planOk } from '../../testing/wizard-answers.js';
import { MigrateStorageWizard } from './MigrateStorageWizard.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

type Plan = InvokeArgs['storage.checkPlan']['plan'];
const QUORUM = 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\quorum.vhdx';
const OS = 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\os.vhdx';

/**
 * What the backend says of SQL-PROD-01's plans (seeded, not computed): the shared quorum.vhdx cannot move
 * while it runs; chosen VHDs may move with the configuration staying where it is.
 */
function checkPlan(plan: Plan): StoragePlanCheck {
  if (plan.scope === 'whole-vm')
    return planOk([{ kind: 'configuration', from: 'C:\\a', to: `${plan.path}\\SQL-PROD-01`, destination: plan.path, sizeGB: 0, shared: false }]);
  const problems: StoragePlanCheck['problems'] = [];
  if (plan.disks.some((d) => d.path === QUORUM))
    problems.push({ code: 'shared-vhdx', message: `${QUORUM} is a shared VHDX and cannot move while SQL-PROD-01 runs.` });
  const moves = plan.disks.map((d) => ({
    kind: 'disk' as const,
    from: d.path,
    to: `${d.destination}\\os.vhdx`,
    destination: d.destination,
    sizeGB: 127,
    shared: false,
  }));
  return problems.length > 0 ? { valid: false, problems, moves, destinations: [] } : planOk(moves);
}

async function openWizard(handlers: FakeHandlers = {}) {
  const backend = createFakeBackend({
    inventory: sampleInventory(),
    handlers: {
      'storage.locations': () => ok([{ path: 'D:\\VMs', kind: 'default', freeGB: 950, capacityGB: 1800 }]),
      'storage.checkPath': ({ path }) =>
        ok(
          path.includes('\\\\') && !path.includes('.')
            ? pathVerdict(false, 'Name the file server by its FQDN.', 'smb-path-not-fqdn')
            : pathVerdict(true, `${path}: 950 GB free.`),
        ),
      'storage.checkPlan': ({ plan }) => ok(checkPlan(plan)),
      ...handlers,
    },
  });
  const rendered = await renderWithStore(<MigrateStorageWizard />, backend);
  act(() => rendered.store.getState().openWizard('migrate-storage', 'id-sql-prod-01'));
  await screen.findByRole('dialog', { name: 'Migrate Storage Wizard' });
  return rendered;
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const pageList = () =>
  within(screen.getByRole('navigation', { name: 'Wizard pages' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('Migrate Storage Wizard', () => {
  it('opens on Select Path, with Select Path and Summary as its pages', async () => {
    await openWizard();
    expect(pageList()).toEqual(['Select Path', 'Summary']);
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('Select Path');
    expect(button('Next').disabled).toBe(true);
  });

  it('refuses the shared VHDX with its reason, while the VM’s other files can still move', async () => {
    await openWizard();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow VHDs to be placed individually' }));
    const quorum = (await screen.findByRole('checkbox', { name: 'Move quorum.vhdx' })) as HTMLInputElement;
    await waitFor(() => expect(quorum.disabled).toBe(true));
    const row = quorum.closest('tr')!;
    expect(row.getAttribute('aria-disabled')).toBe('true');
    expect(within(row).getByText(`${QUORUM} is a shared VHDX and cannot move while SQL-PROD-01 runs.`)).toBeTruthy();
    const os = screen.getByRole('checkbox', { name: 'Move os.vhdx' }) as HTMLInputElement;
    expect(os.disabled).toBe(false);
    fireEvent.click(os);
    expect(await screen.findByRole('combobox', { name: 'Destination of os.vhdx' })).toBeTruthy();
  });

  it('moves only os.vhdx of the running VM, the configuration staying: Next is enabled with the configuration field empty', async () => {
    const submitted: unknown[] = [];
    await openWizard({
      'migration.submit': (args) => (submitted.push(args), ok(makeJob('job-11', 'Migrate storage of SQL-PROD-01', { kind: 'migrate-storage' }))),
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow VHDs to be placed individually' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Move os.vhdx' }));
    const destination = await screen.findByRole('combobox', { name: 'Destination of os.vhdx' });
    await waitFor(() => expect((destination as HTMLInputElement).value).toBe('D:\\VMs'));
    const configuration = screen.getByRole('combobox', { name: 'Storage location for the VM configuration' });
    expect((configuration as HTMLInputElement).value).toBe('');
    expect(configuration.getAttribute('aria-invalid')).not.toBe('true');
    await waitFor(() => expect(button('Next').disabled).toBe(false));
    fireEvent.click(button('Next'));
    expect(screen.getByText('Stays in C:\\ClusterStorage\\Volume1\\SQL-PROD-01')).toBeTruthy();
    fireEvent.click(button('Move'));
    await waitFor(() =>
      expect(submitted).toEqual([
        { kind: 'storage', plan: { vm: 'SQL-PROD-01', scope: 'per-disk', configurationPath: null, disks: [{ path: OS, destination: 'D:\\VMs' }] } },
      ]),
    );
  });

  it('shows a short SMB server name as an error under the destination of its VHD', async () => {
    await openWizard();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow VHDs to be placed individually' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Move os.vhdx' }));
    const destination = await screen.findByRole('combobox', { name: 'Destination of os.vhdx' });
    fireEvent.change(destination, { target: { value: '\\\\fs1\\vmstore' } });
    expect(await screen.findByText('Name the file server by its FQDN.')).toBeTruthy();
    expect(destination.getAttribute('aria-invalid')).toBe('true');
  });

  it('Move sends the storage plan of the chosen VHDs and closes', async () => {
    const submitted: unknown[] = [];
    await openWizard({
      'migration.submit': (args) => {
        submitted.push(args);
        return ok(makeJob('job-9', 'Migrate storage of SQL-PROD-01', { kind: 'migrate-storage' }));
      },
      'script.storageMigration': () => ok("Move-VMStorage -VMName 'SQL-PROD-01'"),
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow VHDs to be placed individually' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Storage location for the VM configuration' }), { target: { value: 'E:\\Config' } });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Move os.vhdx' }));
    await waitFor(() => expect(button('Next').disabled).toBe(false));
    fireEvent.click(button('Next'));
    expect(screen.getByRole('table', { name: 'Files that move' }).textContent).toContain(OS);
    fireEvent.click(button('View Script'));
    expect(((await screen.findByRole('textbox', { name: 'PowerShell script' })) as HTMLTextAreaElement).value).toBe("Move-VMStorage -VMName 'SQL-PROD-01'");
    fireEvent.click(button('Move'));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Migrate Storage Wizard' })).toBeNull());
    expect(submitted).toEqual([
      { kind: 'storage', plan: { vm: 'SQL-PROD-01', scope: 'per-disk', configurationPath: 'E:\\Config', disks: [{ path: OS, destination: 'E:\\Config' }] } },
    ]);
  });

  it('moves the whole VM to one location', async () => {
    const submitted: unknown[] = [];
    await openWizard({ 'migration.submit': (args) => (submitted.push(args), ok(makeJob('job-10', 'Migrate storage of SQL-PROD-01'))) });
    fireEvent.change(screen.getByRole('combobox', { name: 'Storage location' }), { target: { value: 'D:\\VMs' } });
    expect(await screen.findByText('D:\\VMs: 950 GB free.')).toBeTruthy();
    await waitFor(() => expect(button('Next').disabled).toBe(false));
    fireEvent.click(button('Next'));
    fireEvent.click(button('Move'));
    await waitFor(() => expect(submitted).toEqual([{ kind: 'storage', plan: { vm: 'SQL-PROD-01', scope: 'whole-vm', path: 'D:\\VMs' } }]));
  });
});
