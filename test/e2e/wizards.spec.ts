import type { Locator, Page } from '@playwright/test';
import { setSimulatorSpeed } from './console.js';
import { expect, test } from './fixtures.js';

// The Migrate VM and Migrate Storage wizards against the real backend, on the demo estate. Each case uses a
// (VM, host) pair that docs/demo-estate.md names for it.

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const jobsGrid = (page: Page) => page.getByRole('grid', { name: 'Jobs' });
const vmWizard = (page: Page) => page.getByRole('dialog', { name: 'Migrate VM Wizard' });
const storageWizard = (page: Page) => page.getByRole('dialog', { name: 'Migrate Storage Wizard' });
const hostRow = (wizard: Locator, host: string) =>
  wizard.getByRole('grid', { name: 'Destination hosts' }).getByRole('row', { name: new RegExp(`\\b${host}\\b`) });
const pageList = (wizard: Locator) => wizard.getByRole('navigation', { name: 'Wizard pages' }).getByRole('listitem');

/** Selects a VM in the list (filtering by its name first, as the list is virtualised). */
async function selectVm(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(name);
  await vmGrid(page)
    .getByRole('row', { name: new RegExp(`^${name}\\b`) })
    .click();
}

/** Virtual Machine > the given ribbon action, for the selected VM. */
async function ribbon(page: Page, action: 'Migrate Virtual Machine' | 'Migrate Storage' | 'Start'): Promise<void> {
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: action, exact: true }).click();
}

test.beforeEach(async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
});

test('a Live move between standalone hosts on a shared SMB 3 share', async ({ page }) => {
  await selectVm(page, 'WEB-RM-01');
  await ribbon(page, 'Migrate Virtual Machine');
  const wizard = vmWizard(page);
  await expect(wizard).toBeVisible();
  await expect(pageList(wizard).and(page.locator('[aria-current="step"]'))).toHaveText('Select Host');
  const row = hostRow(wizard, 'HV-RM-02');
  await expect(row).toContainText('Live');
  await expect(row.getByRole('img', { name: /stars?$/ })).toBeVisible();
  // Unavailable hosts are listed too, greyed, with their first reason in Notes.
  const maintenance = hostRow(wizard, 'HV-TO-04');
  await expect(maintenance).toHaveAttribute('aria-disabled', 'true');
  await expect(maintenance).toContainText('Not available');
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(pageList(wizard)).toHaveText(['Select Host', 'Summary']);
  await wizard.getByRole('tab', { name: 'Transfer explanation' }).click();
  await expect(wizard.getByRole('tabpanel')).toContainText('sofs-rm.contoso.com');
  await page.screenshot({ path: 'test-results/screenshots/select-host.png' });

  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('[aria-current="step"]')).toHaveText('Summary');
  await expect(wizard).toContainText('HV-RM-01');
  await expect(wizard.getByRole('combobox', { name: 'Performance option' })).toHaveValue('');
  await expect(wizard.getByRole('combobox', { name: 'Performance option' }).locator('option:checked')).toHaveText("Use the host's setting (Compression)");
  await wizard.getByRole('button', { name: 'View Script' }).click();
  await expect(wizard.getByRole('textbox', { name: 'PowerShell script' })).toHaveValue(/WEB-RM-01/);
  await page.screenshot({ path: 'test-results/screenshots/summary.png' });

  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();
  await expect(jobsGrid(page).getByRole('row', { name: /WEB-RM-01.*HV-RM-02/ })).toBeVisible();
});

test('a Live (VSM) move to another cluster, through Select Path: CSV paths name their cluster, and the VM is highly available in the new one', async ({
  page,
}) => {
  await setSimulatorSpeed(page, '3600');
  await selectVm(page, 'WEB-MI-01');
  await ribbon(page, 'Migrate Virtual Machine');
  const wizard = vmWizard(page);
  const row = hostRow(wizard, 'HV-TO-01');
  await expect(row).toContainText('Live (VSM)');
  await row.click();
  await expect(pageList(wizard)).toHaveText(['Select Host', 'Select Path', 'Summary']);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('[aria-current="step"]')).toHaveText('Select Path');

  const path = wizard.getByRole('combobox', { name: 'Storage location' });
  await expect(path).toHaveValue('C:\\ClusterStorage\\Volume1');
  await expect(wizard).toContainText('free');
  // A share named by its short name is refused as it is typed, under the field.
  await path.fill('\\\\fs-to-01\\hyperv');
  await expect(wizard.getByText(/fully qualified domain name/)).toBeVisible();
  await expect(path).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled();
  // Browse lists the host's volumes, CSVs and shares; pick one.
  await wizard.getByRole('button', { name: 'Browse…' }).click();
  const browse = page.getByRole('dialog', { name: 'Storage locations on HV-TO-01' });
  // C:\ClusterStorage\Volume2 exists on both clusters: the destination's says it is CL-TO-19's.
  await expect(browse.getByRole('row', { name: /C:\\ClusterStorage\\Volume2 \(CL-TO-19\)/ })).toBeVisible();
  await browse.getByRole('row', { name: /C:\\ClusterStorage\\Volume2/ }).click();
  await browse.getByRole('button', { name: 'OK' }).click();
  await expect(path).toHaveValue('C:\\ClusterStorage\\Volume2');
  await expect(wizard.getByText(/Volume2.*free/).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/select-path.png' });
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeEnabled();
  await wizard.getByRole('button', { name: 'Next' }).click();

  await expect(wizard).toContainText('Live (VSM)');
  await expect(wizard).toContainText('C:\\ClusterStorage\\Volume2 (CL-TO-19)');
  const disks = wizard.getByRole('list', { name: 'Virtual hard disks' });
  await expect(disks).toContainText(
    'C:\\ClusterStorage\\Volume1\\WEB-MI-01\\Virtual Hard Disks\\os.vhdx (CL-MI-22) → C:\\ClusterStorage\\Volume2\\WEB-MI-01\\Virtual Hard Disks\\os.vhdx (CL-TO-19)',
  );
  await expect(wizard.getByText(/not highly available/).first()).toBeVisible();
  // The move itself makes it a role of CL-TO-19: no advice to make it highly available there.
  await expect(wizard.getByText(/Once the move ends it is a role of CL-TO-19, highly available there\./).first()).toBeVisible();
  await expect(wizard.getByText(/Make it highly available/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/vm-summary-cross-cluster.png' });
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();
  const job = jobsGrid(page).getByRole('row', { name: /WEB-MI-01.*HV-TO-01/ });
  await expect(job).toContainText('Completed');
  await job.click();
  await expect(page.getByRole('region', { name: 'Job details' })).toContainText('WEB-MI-01 is highly available in CL-TO-19');
});

test('a storage move of two chosen VHDs and the configuration, to a share', async ({ page }) => {
  const share = '\\\\sofs-rm.contoso.com\\vmstore\\SQL-RM-01';
  await selectVm(page, 'SQL-RM-01');
  await ribbon(page, 'Migrate Storage');
  const wizard = storageWizard(page);
  await expect(pageList(wizard)).toHaveText(['Select Path', 'Summary']);
  await wizard.getByRole('checkbox', { name: 'Allow VHDs to be placed individually' }).check();
  for (const disk of ['data.vhdx', 'log.vhdx']) {
    await wizard.getByRole('checkbox', { name: `Move ${disk}` }).check();
    await wizard.getByRole('combobox', { name: `Destination of ${disk}` }).fill(share);
  }
  await expect(wizard.getByRole('checkbox', { name: 'Move os.vhdx' })).not.toBeChecked();
  await wizard.getByRole('combobox', { name: 'Storage location for the VM configuration' }).fill(share);
  await page.screenshot({ path: 'test-results/screenshots/storage-select-path.png' });
  await wizard.getByRole('button', { name: 'Next' }).click();

  const files = wizard.getByRole('table', { name: 'Files that move' });
  await expect(files.getByRole('row')).toHaveCount(4);
  await expect(files).toContainText('data.vhdx');
  await expect(files).toContainText('log.vhdx');
  await page.screenshot({ path: 'test-results/screenshots/storage-summary.png' });
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();
  await expect(jobsGrid(page).getByRole('row', { name: /SQL-RM-01/ })).toBeVisible();
});

test('issue 12.5: only fatture.vhdx of running Fatturazione-Roma moves; its configuration stays where it is', async ({ page }) => {
  const configuration = 'D:\\Hyper-V\\Fatturazione-Roma';
  const share = '\\\\sofs-rm.contoso.com\\vmstore\\Fatture';
  await setSimulatorSpeed(page, '3600');
  await selectVm(page, 'Fatturazione-Roma');
  const details = page.getByRole('complementary', { name: 'Details' });
  await expect(details).toContainText(configuration);
  await ribbon(page, 'Migrate Storage');
  const wizard = storageWizard(page);
  await wizard.getByRole('checkbox', { name: 'Allow VHDs to be placed individually' }).check();
  await wizard.getByRole('checkbox', { name: 'Move fatture.vhdx' }).check();
  await wizard.getByRole('combobox', { name: 'Destination of fatture.vhdx' }).fill(share);
  await expect(wizard.getByRole('checkbox', { name: 'Move os.vhdx' })).not.toBeChecked();
  // The configuration field stays empty: the configuration keeps its place, and Next is enabled all the same.
  const configurationField = wizard.getByRole('combobox', { name: 'Storage location for the VM configuration' });
  await expect(configurationField).toHaveValue('');
  await expect(configurationField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.getByText('Ready: 1 file, 400 GB to move.')).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/screenshots/storage-only-vhd-select-path.png' });
  await wizard.getByRole('button', { name: 'Next' }).click();

  await expect(wizard).toContainText(`Stays in ${configuration}`);
  const files = wizard.getByRole('table', { name: 'Files that move' });
  await expect(files.getByRole('row')).toHaveCount(2);
  await expect(files).toContainText(`${share}\\fatture.vhdx`);
  await wizard.getByRole('button', { name: 'View Script' }).click();
  const script = wizard.getByRole('textbox', { name: 'PowerShell script' });
  // The demo estate came from VMM: the VHD moves with Move-SCVirtualHardDisk, os.vhdx is not named at all.
  await expect(script).toHaveValue(/Move-SCVirtualHardDisk -VirtualHardDisk \$vhd -Path '\\\\sofs-rm\.contoso\.com\\vmstore\\Fatture'/);
  await expect(script).not.toHaveValue(/os\.vhdx/);
  await page.screenshot({ path: 'test-results/screenshots/storage-only-vhd-summary.png' });
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();

  await expect(jobsGrid(page).getByRole('row', { name: /Migrate storage of Fatturazione-Roma.*Completed/ })).toBeVisible();
  await selectVm(page, 'Fatturazione-Roma');
  await expect(details).toContainText(configuration);
  const disks = details.getByRole('table', { name: 'Virtual hard disks' });
  await expect(disks).toContainText(`${share}\\fatture.vhdx`);
  await expect(disks).toContainText(`${configuration}\\Virtual Hard Disks\\os.vhdx`);
  await expect(disks).not.toContainText(`${configuration}\\Virtual Hard Disks\\fatture.vhdx`);
});

test('a shared VHDX is refused, while the other files of the VM can move', async ({ page }) => {
  await selectVm(page, 'SQL-FCI-MI-01');
  await ribbon(page, 'Migrate Storage');
  const wizard = storageWizard(page);
  // The whole VM includes the shared VHDX: refused, next to the location.
  await wizard.getByRole('combobox', { name: 'Storage location' }).fill('C:\\ClusterStorage\\Volume1');
  await expect(wizard.getByText(/is a shared VHDX/).first()).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled();
  // Placed individually: the shared disks' rows are disabled with the reason; os.vhdx can still move.
  await wizard.getByRole('checkbox', { name: 'Allow VHDs to be placed individually' }).check();
  for (const disk of ['quorum.vhdx', 'sqldata.vhdx']) {
    const box = page.getByRole('checkbox', { name: `Move ${disk}` });
    await expect(wizard.getByRole('checkbox', { name: `Move ${disk}` })).toBeDisabled();
    await expect(wizard.getByRole('row').filter({ has: box })).toHaveAttribute('aria-disabled', 'true');
    await expect(wizard.getByRole('row').filter({ has: box })).toContainText('cannot move while SQL-FCI-MI-01 runs');
  }
  await wizard.getByRole('checkbox', { name: 'Move os.vhdx' }).check();
  await expect(wizard.getByRole('combobox', { name: 'Destination of os.vhdx' })).toHaveValue('C:\\ClusterStorage\\Volume1');
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/screenshots/shared-vhdx.png' });
});

test('a VM that is not running: the wizard offers to start it, then continues live', async ({ page }) => {
  await selectVm(page, 'DEV-RM-01');
  await ribbon(page, 'Migrate Virtual Machine');
  const wizard = vmWizard(page);
  await expect(wizard.getByText('A live migration needs a running virtual machine')).toBeVisible();
  await expect(hostRow(wizard, 'HV-RM-01')).toContainText('Network');
  await page.screenshot({ path: 'test-results/screenshots/start-prompt.png' });
  await wizard.getByRole('button', { name: 'Start DEV-RM-01' }).click();
  // Once the Start job has run and the inventory says the VM runs, the hosts are rated again, now live.
  await expect(wizard.getByText('DEV-RM-01 is running: the transfer types below are live.')).toBeVisible();
  await expect(hostRow(wizard, 'HV-RM-01')).toContainText('Live (VSM)');
  await hostRow(wizard, 'HV-RM-01').click();
  await expect(pageList(wizard)).toHaveText(['Select Host', 'Select Path', 'Summary']);
  await wizard.getByRole('button', { name: 'Cancel' }).click();
  await expect(wizard).toBeHidden();
  await expect(jobsGrid(page).getByRole('row', { name: /Start virtual machine DEV-RM-01.*Completed/ })).toBeVisible();
});
