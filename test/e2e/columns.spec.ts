import type { Page } from '@playwright/test';
import { jobsGrid } from './console.js';
import { expect, test } from './fixtures.js';

// Columns: VMM's column chooser on the VM list and the jobs lists; Name stays; the choice is saved.

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const headers = (grid: ReturnType<typeof vmGrid>) => grid.getByRole('columnheader');

test('hiding columns of the VM list and the jobs lists, kept after a reload', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(headers(vmGrid(page))).toHaveText(['Name', 'Status', 'Host', 'Memory', 'Configuration version', 'Highly available', 'Job status']);

  await page.getByRole('region', { name: 'Virtual machines' }).getByRole('button', { name: 'Columns' }).click();
  const menu = page.getByRole('menu', { name: 'Columns' });
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Name' })).toBeDisabled();
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Name' })).toBeChecked();
  await menu.getByRole('menuitemcheckbox', { name: 'Memory' }).click();
  await menu.getByRole('menuitemcheckbox', { name: 'Configuration version' }).click();
  await page.keyboard.press('Escape');
  await expect(headers(vmGrid(page))).toHaveText(['Name', 'Status', 'Host', 'Highly available', 'Job status']);
  // The rows follow the headers: the host sits under Host.
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('WEB-MI-01');
  await expect(
    vmGrid(page)
      .getByRole('row', { name: /^WEB-MI-01/ })
      .getByRole('gridcell'),
  ).toHaveText(['WEB-MI-01', 'Running', 'HV-MI-02', 'Yes', '']);

  await page.getByRole('region', { name: 'Jobs', exact: true }).getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: 'Time left' }).click();
  await page.keyboard.press('Escape');
  await expect(headers(jobsGrid(page))).toHaveText(['Name', 'Status', 'Progress', 'Start time', 'End time', 'Target']);
  await page.screenshot({ path: 'test-results/screenshots/columns.png' });

  await page.reload();
  await expect(headers(vmGrid(page))).toHaveText(['Name', 'Status', 'Host', 'Highly available', 'Job status']);
  await expect(headers(jobsGrid(page))).toHaveText(['Name', 'Status', 'Progress', 'Start time', 'End time', 'Target']);
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: /^Jobs/ }).click();
  await expect(headers(page.getByRole('grid', { name: 'All jobs' }))).toHaveText(['Name', 'Status', 'Progress', 'Start time', 'End time', 'Target']);

  // Shown again from the Jobs workspace's own Columns.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: 'Time left' }).click();
  await page.keyboard.press('Escape');
  await expect(headers(page.getByRole('grid', { name: 'All jobs' }))).toHaveText([
    'Name',
    'Status',
    'Progress',
    'Time left',
    'Start time',
    'End time',
    'Target',
  ]);
});
