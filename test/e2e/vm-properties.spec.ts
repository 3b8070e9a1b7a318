import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// VM Properties: a read-only dialog of the VM's facts, from the ribbon and from the VM's context menu, by keyboard too.

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });

async function selectVm(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(name);
  await vmGrid(page)
    .getByRole('row', { name: new RegExp(`^${name}\\b`) })
    .click();
}

test.beforeEach(async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
});

test('Properties on the ribbon shows the VM grouped as General, Hardware and Storage; Escape gives the focus back', async ({ page }) => {
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  const button = page.getByRole('button', { name: 'Properties', exact: true });
  await expect(button).toBeDisabled();
  await selectVm(page, 'WEB-MI-01');
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'WEB-MI-01 Properties' });
  await expect(dialog).toBeVisible();
  const general = dialog.getByRole('region', { name: 'General' });
  await expect(general).toContainText('0a27c8ee-b4c8-4db2-87bd-0657542da5c2');
  await expect(general).toContainText(/HostHV-MI-02/);
  await expect(general).toContainText(/Configuration version9\.0/);
  const hardware = dialog.getByRole('region', { name: 'Hardware' });
  await expect(hardware).toContainText(/Virtual processors4/);
  await expect(hardware).toContainText(/Memory16 GB/);
  await expect(hardware).toContainText(/Memory dirty rate25 MB\/s/);
  const disks = dialog.getByRole('region', { name: 'Storage' }).getByRole('table', { name: 'Virtual hard disks' });
  await expect(disks.getByRole('row')).toHaveCount(3);
  await expect(disks.getByRole('row', { name: /inetpub\.vhdx/ })).toContainText(/60 GB\s*No/);
  await page.screenshot({ path: 'test-results/screenshots/vm-properties.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});

test("Properties on the VM's context menu, opened from the keyboard, marks a shared VHDX", async ({ page }) => {
  await selectVm(page, 'SQL-FCI-MI-01');
  await vmGrid(page).press('Shift+F10');
  await page.getByRole('menuitem', { name: 'Properties' }).click();
  const dialog = page.getByRole('dialog', { name: 'SQL-FCI-MI-01 Properties' });
  await expect(dialog.getByRole('table', { name: 'Virtual hard disks' })).toContainText('Yes');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
