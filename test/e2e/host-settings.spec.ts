import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// Host > Properties > Hyper-V Settings against the real backend and its simulated connector, on the demo estate
// (docs/demo-estate.md): a change is a job, and Select Host and the scheduler obey it at once.

const HVS = (name: string) => new RegExp(`Hyper.V Settings for ${name}$`);
const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const jobsGrid = (page: Page) => page.getByRole('grid', { name: 'Jobs', exact: true });
const tree = (page: Page) => page.getByRole('tree', { name: 'Host groups, clusters and hosts' });
const treeItem = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });
const vmWizard = (page: Page) => page.getByRole('dialog', { name: 'Migrate VM Wizard' });
const hostRow = (wizard: Locator, host: string) =>
  wizard.getByRole('grid', { name: 'Destination hosts' }).getByRole('row', { name: new RegExp(`\\b${host}\\b`) });
const settingsPage = (dialog: Locator, name: string) => dialog.getByRole('tab', { name: new RegExp(`^${name},`) });

/** Selects a host in the tree and opens Host > Hyper-V Settings on the ribbon. */
async function openHostSettings(page: Page, host: string): Promise<Locator> {
  await treeItem(page, host).click();
  await page.getByRole('tab', { name: 'Host', exact: true }).click();
  await page.getByRole('button', { name: /Hyper.V Settings/ }).click();
  const dialog = page.getByRole('dialog', { name: HVS(host) });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Selects a VM in the list (filtering by its name first, as the list is virtualised). */
async function selectVm(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(name);
  await vmGrid(page)
    .getByRole('row', { name: new RegExp(`^${name}\\b`) })
    .click();
}

/** Opens the Migrate VM Wizard for a VM (listing every host's VMs first). */
async function migrateVm(page: Page, vm: string): Promise<Locator> {
  // On the root's own row: the middle of its item is one of its children.
  await treeItem(page, 'All Hosts').click({ position: { x: 60, y: 12 } });
  await selectVm(page, vm);
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
  const wizard = vmWizard(page);
  await expect(wizard).toBeVisible();
  return wizard;
}

test.beforeEach(async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
});

test('disabling live migration on a host blocks it in Select Host with live-migration-disabled; each page kept as a screenshot', async ({ page }) => {
  // Before: WEB-RM-01 (HV-RM-01) moves Live to HV-RM-02 on their shared SMB 3.0 share.
  let wizard = await migrateVm(page, 'WEB-RM-01');
  await expect(hostRow(wizard, 'HV-RM-02')).toContainText('Live');
  await wizard.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('');

  const dialog = await openHostSettings(page, 'HV-RM-02');
  await expect(settingsPage(dialog, 'Live Migrations')).toHaveAttribute('aria-selected', 'true');
  const enabled = dialog.getByRole('checkbox', { name: 'Enable incoming and outgoing live migrations' });
  await expect(enabled).toBeChecked();
  await expect(dialog.getByRole('spinbutton', { name: 'Simultaneous live migrations' })).toHaveValue('2');
  await expect(dialog.getByRole('radio', { name: 'Use these IP addresses for live migration:' })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'IP address or subnet 1 of 1' })).toHaveValue('10.30.50.0/24');
  await dialog.screenshot({ path: 'test-results/screenshots/hyperv-settings-live.png' });

  await settingsPage(dialog, 'Advanced Features').click();
  await expect(dialog.getByRole('radio', { name: 'Use Kerberos' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Compression' })).toBeChecked();
  await dialog.screenshot({ path: 'test-results/screenshots/hyperv-settings-advanced.png' });

  await settingsPage(dialog, 'Storage Migrations').click();
  await expect(dialog.getByRole('spinbutton', { name: 'Simultaneous storage migrations' })).toHaveValue('2');
  await dialog.screenshot({ path: 'test-results/screenshots/hyperv-settings-storage.png' });

  // An invalid value is refused in place, and OK stays off until it is right.
  await dialog.getByRole('spinbutton', { name: 'Simultaneous storage migrations' }).fill('0');
  await dialog.getByRole('spinbutton', { name: 'Simultaneous storage migrations' }).press('Tab');
  await expect(dialog.getByText('0 is not a whole number from 1 to 64')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'OK' })).toBeDisabled();
  await expect(settingsPage(dialog, 'Storage Migrations')).toHaveAccessibleName('Storage Migrations, Has values to correct');
  await dialog.getByRole('spinbutton', { name: 'Simultaneous storage migrations' }).fill('2');
  await dialog.getByRole('spinbutton', { name: 'Simultaneous storage migrations' }).press('Tab');

  await settingsPage(dialog, 'Live Migrations').click();
  await enabled.click();
  await expect(dialog.getByRole('spinbutton', { name: 'Simultaneous live migrations' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();

  // The change is a job, and it completed.
  await expect(jobsGrid(page).getByRole('row', { name: /Change Hyper-V settings of HV-RM-02/ })).toContainText('Completed');

  // Select Host now blocks HV-RM-02, saying why and what to do.
  wizard = await migrateVm(page, 'WEB-RM-01');
  const row = hostRow(wizard, 'HV-RM-02');
  await expect(row).toHaveAttribute('aria-disabled', 'true');
  await expect(row).toContainText('Not available');
  await expect(row).toContainText('Live migration is disabled on HV-RM-02 (the destination)');
  await expect(row).toContainText('enable incoming and outgoing live migrations in that host’s Hyper-V settings');
});

test("a host's performance option becomes the wizard's default for moves off it", async ({ page }) => {
  const dialog = await openHostSettings(page, 'HV-RM-01');
  await settingsPage(dialog, 'Advanced Features').click();
  await dialog.getByRole('radio', { name: 'SMB' }).click();
  await expect(settingsPage(dialog, 'Advanced Features')).toHaveAccessibleName('Advanced Features, Kerberos, SMB');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(jobsGrid(page).getByRole('row', { name: /Change Hyper-V settings of HV-RM-01/ })).toContainText('Completed');

  const wizard = await migrateVm(page, 'WEB-RM-01');
  await hostRow(wizard, 'HV-RM-02').click();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByRole('combobox', { name: 'Performance option' }).locator('option:checked')).toHaveText("Use the host's setting (SMB)");
});

test('raising a cluster’s live-migration limit from 2 to 3 starts the queued third move at once', async ({ page }) => {
  test.setTimeout(120_000);
  // The slowest speed, so the moves stay running while the queue is watched.
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Options…' }).click();
  const options = page.getByRole('dialog', { name: 'Options' });
  await options.getByRole('textbox', { name: 'Simulator speed' }).fill('0.1');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options).toBeHidden();

  // Three HA VMs on HV-TO-01 live-migrate to HV-TO-02 (CL-TO-19): with a limit of 2 the third waits.
  const moves = ['Magazzino-Torino', 'DC-TO-01', 'ERP-TO-APP-01'];
  for (const vm of moves) {
    const wizard = await migrateVm(page, vm);
    await hostRow(wizard, 'HV-TO-02').click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Move' }).click();
    await expect(wizard).toBeHidden();
  }
  const job = (vm: string) => jobsGrid(page).getByRole('row', { name: new RegExp(`Migrate virtual machine ${vm} to HV-TO-02`) });
  await expect(job(moves[0])).toContainText('Running');
  await expect(job(moves[1])).toContainText('Running');
  await expect(job(moves[2])).toContainText('Queued');
  await expect(job(moves[2])).toContainText(/live-migration slot on HV-TO-0[12] \(2 of 2 in use\)/);

  // Hyper-V Settings for all hosts of CL-TO-19, from the tree's context menu.
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('');
  await treeItem(page, 'CL-TO-19').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Hyper.V Settings for all hosts…/ }).click();
  const dialog = page.getByRole('dialog', { name: /Hyper.V Settings for all hosts in CL-TO-19/ });
  await expect(dialog).toContainText('OK changes the 3 hosts in CL-TO-19: HV-TO-01, HV-TO-02, HV-TO-03.');
  const limit = dialog.getByRole('spinbutton', { name: 'Simultaneous live migrations' });
  await expect(limit).toHaveValue('2');
  await limit.focus();
  await limit.press('ArrowUp');
  await expect(limit).toHaveValue('3');
  await dialog.screenshot({ path: 'test-results/screenshots/hyperv-settings-group.png' });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();

  await expect(jobsGrid(page).getByRole('row', { name: /Change Hyper-V settings of 3 hosts in CL-TO-19/ })).toContainText('Completed');
  await expect(job(moves[2])).toContainText('Running');
  await expect(job(moves[0])).toContainText('Running');
  await expect(job(moves[1])).toContainText('Running');
});
