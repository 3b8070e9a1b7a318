import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { minimalInventory } from '../fixtures/minimal-inventory.js';
import { expect, test } from './fixtures.js';

const demo = JSON.parse(readFileSync('resources/demo-inventory.json', 'utf8')) as InventoryDocument;

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const dataRows = (page: Page) =>
  vmGrid(page)
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });
const tree = (page: Page) => page.getByRole('tree', { name: 'Host groups, clusters and hosts' });
const statusBar = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

/** Imports a file the way an admin does: File > Import inventory…, then the file chooser. */
async function importThroughUi(page: Page, name: string, content: string): Promise<void> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'Import inventory…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

test('the console loads the demo estate', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(
    tree(page)
      .getByRole('treeitem', { name: /All Hosts/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByText(`${demo.vms.length} virtual machines`)).toBeVisible();
  await expect(statusBar(page)).toContainText('Inventory: Built-in demo estate');
  await expect(statusBar(page)).toContainText(`${demo.hosts.length} hosts`);
  // Hosts that need attention carry a labelled status icon.
  const notResponding = demo.hosts.find((h) => h.state === 'NotResponding');
  const maintenance = demo.hosts.find((h) => h.maintenanceMode);
  await expect(tree(page).getByRole('treeitem', { name: new RegExp(`${notResponding?.name}.*Not responding`) })).toBeVisible();
  await expect(tree(page).getByRole('treeitem', { name: new RegExp(`${maintenance?.name}.*maintenance`) })).toBeVisible();
  // The later actions are on the ribbon, disabled until they exist.
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await expect(page.getByRole('button', { name: 'Migrate Virtual Machine' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Home' }).click();
  await dataRows(page).filter({ hasText: 'Contabilità-01' }).click();
  await expect(
    page
      .getByRole('complementary')
      .or(page.getByRole('region', { name: /details/i }))
      .first(),
  ).toContainText('Contabilità-01');
  await page.screenshot({ path: 'test-results/screenshots/console.png' });
});

test('clicking a cluster lists its VMs', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  const cluster = demo.clusters[0];
  const nodes = new Set(demo.hosts.filter((h) => h.cluster === cluster.name).map((h) => h.name));
  const expected = demo.vms.filter((v) => nodes.has(v.host));
  await tree(page).getByRole('treeitem', { name: cluster.name }).click();
  await expect(page.getByRole('heading', { name: cluster.name })).toBeVisible();
  await expect(page.getByText(`${expected.length} virtual machines`)).toBeVisible();
  await expect(vmGrid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));
  const hosts = await dataRows(page).locator('[aria-colindex="3"]').allInnerTexts();
  expect(hosts.length).toBeGreaterThan(0);
  for (const h of hosts) expect(nodes.has(h)).toBe(true);
});

test('the VM list sorts and filters', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Memory' }).click();
  await page.getByRole('button', { name: 'Memory' }).click();
  await expect(vmGrid(page).getByRole('columnheader', { name: 'Memory' })).toHaveAttribute('aria-sort', 'descending');
  const biggest = [...demo.vms].sort((a, b) => b.memoryMB - a.memoryMB)[0];
  await expect(dataRows(page).first()).toContainText(biggest.name);
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).or(page.getByLabel('Filter by name or host')).first().fill('contabilità');
  const matches = demo.vms.filter((v) => v.name.toLowerCase().includes('contabilità') || v.host.toLowerCase().includes('contabilità'));
  await expect(page.getByText(`${matches.length} of ${demo.vms.length} shown`)).toBeVisible();
  await expect(dataRows(page)).toHaveCount(matches.length);
});

test('importing a file through the UI replaces the estate', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(page.getByText(`${demo.vms.length} virtual machines`)).toBeVisible();
  const small = minimalInventory();
  await importThroughUi(page, 'milano-small.json', JSON.stringify(small));
  await expect(page.getByText(`${small.vms.length} virtual machines`)).toBeVisible();
  await expect(statusBar(page)).toContainText('Inventory: milano-small.json');
  await expect(tree(page).getByRole('treeitem', { name: 'CL-MI-22' })).toBeVisible();
  await expect(tree(page).getByRole('treeitem', { name: demo.clusters[1].name })).toHaveCount(0);
  // The import is a job, with the load of the demo estate before it in the history.
  const jobs = page
    .getByRole('region', { name: 'Jobs' })
    .or(page.getByRole('complementary', { name: 'Jobs' }))
    .first();
  await expect(jobs).toContainText('Import inventory milano-small.json');
  await expect(jobs).toContainText('Completed');
});

test('a bad file shows its errors and changes nothing', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(page.getByText(`${demo.vms.length} virtual machines`)).toBeVisible();
  const bad = minimalInventory();
  (bad.hosts[1].memory as { availableMB: unknown }).availableMB = 'plenty';
  bad.vms[0].host = 'HV-NOWHERE';
  await importThroughUi(page, 'broken.json', JSON.stringify(bad));
  const dialog = page.getByRole('dialog', { name: 'The inventory was not imported' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('The current inventory is unchanged.');
  const problems = dialog.getByRole('table', { name: 'Problems found in the file' });
  await expect(problems.getByRole('row', { name: /hosts\[1\]\.memory\.availableMB.*expected a number/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /vms\[0\]\.host.*HV-NOWHERE/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/import-errors.png' });
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${demo.vms.length} virtual machines`)).toBeVisible();
  await expect(statusBar(page)).toContainText('Inventory: Built-in demo estate');
  const jobs = page
    .getByRole('region', { name: 'Jobs' })
    .or(page.getByRole('complementary', { name: 'Jobs' }))
    .first();
  await expect(jobs.getByRole('row', { name: /Import inventory broken\.json.*Failed/ })).toBeVisible();
});

test('the console speaks Italian when asked, and remembers it', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitemradio', { name: 'Italiano' }).click();
  await expect(page.getByRole('tab', { name: 'Macchina virtuale' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Macchina virtuale' })).toBeVisible();
});

test('the page runs under a strict Content-Security-Policy', async ({ page, ferry }) => {
  const response = await page.goto(ferry.url);
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await expect(page.getByText(`${demo.vms.length} virtual machines`)).toBeVisible();
  expect(violations).toEqual([]);
});
