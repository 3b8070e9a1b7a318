import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// Host > Connection Settings… and Refresh from Hyper-V in Chromium, against the headless host: a
// process with no secret store (so no password field), on a machine without PowerShell.

// This machine may have pwsh (CI installs it for the PowerShell tests): the host is told to use one that isn't there.
test.use({ hostEnv: { FERRY_POWERSHELL: '/nonexistent/ferry-e2e/powershell' } });

const tree = (page: Page) => page.getByRole('tree', { name: 'Host groups, clusters and hosts' });

test.beforeEach(async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(page.getByRole('grid', { name: 'Virtual machines' })).toBeVisible();
});

test('a host group set to real Hyper-V hosts over WinRM; the headless host stores no password; refresh says PowerShell is missing', async ({ page }) => {
  await tree(page).getByRole('treeitem', { name: 'Torino', exact: true }).click();
  await page.getByRole('tab', { name: 'Host', exact: true }).click();
  await page.getByRole('button', { name: 'Connection Settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connection Settings for All Hosts/Torino' });
  await expect(dialog.getByRole('radio', { name: 'The simulator' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'Real Hyper\u2011V hosts' }).check();
  await dialog.getByRole('radio', { name: 'PowerShell remoting over HTTPS (WinRM)' }).check();
  await expect(dialog.getByRole('radio', { name: 'This user' })).toBeDisabled();
  await expect(dialog.getByText(/Passwords can be saved only in the Ferry desktop app/)).toBeVisible();
  await dialog.screenshot({ path: 'test-results/screenshots/connection-settings.png' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.fui-ToastTitle', { hasText: 'Connection settings of All Hosts/Torino saved.' })).toBeVisible();

  await page.getByRole('button', { name: 'Refresh from Hyper\u2011V' }).click();
  await expect(page.locator('.fui-ToastTitle', { hasText: /All Hosts\/Torino was not refreshed: .*PowerShell/ })).toBeVisible();
  // The estate is unchanged, and the failed refresh is a job with what to do.
  await page.getByRole('tab', { name: 'Home', exact: true }).click();
  await page.getByRole('button', { name: 'Jobs workspace' }).click();
  await expect(page.getByRole('grid', { name: 'All jobs' }).getByRole('row', { name: /Refresh All Hosts\/Torino from Hyper.V/ })).toBeVisible();
});
