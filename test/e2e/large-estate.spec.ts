import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { compareNames } from '../../shared/model/compare-names.js';
import { formatInventoryJson, generateInventory } from '../../scripts/gen-inventory.js';
import { expect, test, type FerryServer } from './fixtures.js';

// An estate larger than one page (the console loads 200 VMs first, then pages of 2,000): the first
// rows paint from the first page, and the whole estate replaces them once every page has arrived.
const doc = generateInventory({ hosts: 100, vms: 5000, seed: 2 });
const byName = [...doc.vms].sort((a, b) => compareNames(a.name, b.name));

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const statusBar = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

/** Imports the estate with the CLI into the headless host's database, as the benchmarks do. */
function importEstate(ferry: FerryServer): void {
  const file = join(ferry.dir, 'estate.json');
  writeFileSync(file, formatInventoryJson(doc));
  execFileSync(process.execPath, ['dist/main/cli.mjs', 'import', file, '--db', ferry.databasePath], { stdio: 'ignore' });
}

test('an estate larger than one page lists every VM once it has arrived, first by name', async ({ page, ferry }) => {
  importEstate(ferry);
  await page.goto(ferry.url);
  await expect(page.getByText('5,000 virtual machines')).toBeVisible();
  await expect(statusBar(page)).toContainText('5,000 VMs');
  await expect(vmGrid(page)).toHaveAttribute('aria-rowcount', '5001');
  await expect(vmGrid(page).getByRole('row').nth(1)).toContainText(byName[0].name);
});

test('a VM from the last page is found by the filter and shows its details', async ({ page, ferry }) => {
  importEstate(ferry);
  await page.goto(ferry.url);
  await expect(page.getByText('5,000 virtual machines')).toBeVisible();
  const last = byName[byName.length - 1];
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(last.name);
  await expect(page.getByText(/^1 of 5,000 shown/)).toBeVisible();
  await vmGrid(page).getByRole('row').nth(1).click();
  await expect(page.getByRole('complementary', { name: 'Details' }).getByText(last.name).first()).toBeVisible();
});
