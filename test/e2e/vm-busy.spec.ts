import type { Page } from '@playwright/test';
import { jobsGrid, setSimulatorSpeed } from './console.js';
import { expect, test } from './fixtures.js';

// One move per VM (migration-rules.md section 4, vm-busy), as an admin meets it in the console: a VM
// whose move runs can't be moved again; Select Host says so once, for the whole VM, naming the job.

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const vmWizard = (page: Page) => page.getByRole('dialog', { name: 'Migrate VM Wizard' });

async function openWizard(page: Page, vm: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(vm);
  await vmGrid(page)
    .getByRole('row', { name: new RegExp(`^${vm}\\b`) })
    .click();
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
  await expect(vmWizard(page)).toBeVisible();
}

test('a VM whose move runs cannot be moved again: Select Host names the job, every host is unavailable', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
  // Real time, so the first move is still running when the admin tries again.
  await setSimulatorSpeed(page, '1');

  await openWizard(page, 'WEB-RM-01');
  let wizard = vmWizard(page);
  await wizard
    .getByRole('grid', { name: 'Destination hosts' })
    .getByRole('row', { name: /\bHV-RM-02\b/ })
    .click();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();
  const row = jobsGrid(page).getByRole('row', { name: /Migrate virtual machine WEB-RM-01 to HV-RM-02/ });
  await expect(row).toContainText(/Running|Queued/);

  await openWizard(page, 'WEB-RM-01');
  wizard = vmWizard(page);
  const busy = wizard.getByTestId('vm-busy');
  await expect(busy).toContainText('WEB-RM-01 can’t move now');
  await expect(busy).toContainText(/WEB-RM-01 is already being migrated to HV-RM-02 by job [0-9a-f]{8}: wait for it to end or cancel it\./);
  await wizard.getByRole('switch', { name: 'Show unavailable hosts' }).check();
  const hv2 = wizard.getByRole('grid', { name: 'Destination hosts' }).getByRole('row', { name: /stars? HV-RM-02\b/ });
  await expect(hv2).toHaveAttribute('aria-disabled', 'true');
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/vm-busy.png' });
});
