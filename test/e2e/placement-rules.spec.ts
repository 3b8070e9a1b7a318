import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// Placement rules in Select Host (migration-rules.md section 8), on the demo estate's rules (docs/demo-estate.md).

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const vmWizard = (page: Page) => page.getByRole('dialog', { name: 'Migrate VM Wizard' });
const hostGrid = (wizard: Locator) => wizard.getByRole('grid', { name: 'Destination hosts' });
const hostRow = (wizard: Locator, host: string) => hostGrid(wizard).getByRole('row', { name: new RegExp(`\\b${host}\\b`) });

async function openSelectHost(page: Page, vm: string): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(vm);
  await vmGrid(page)
    .getByRole('row', { name: new RegExp(`^${vm}\\b`) })
    .click();
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
  const wizard = vmWizard(page);
  await expect(hostGrid(wizard)).toBeVisible();
  return wizard;
}

test.beforeEach(async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
});

test('a host that runs the other member of a required DifferentNode rule is blocked, with the rule and the VM named', async ({ page }) => {
  const wizard = await openSelectHost(page, 'EXCH-MI-01');
  const blocked = hostRow(wizard, 'HV-MI-03');
  await expect(blocked).toHaveAttribute('aria-disabled', 'true');
  await expect(blocked).toContainText('Not available');
  await expect(blocked).toContainText('HV-MI-03 runs EXCH-MI-02, and affinity rule exch-dag-mi (DifferentNode, required) keeps EXCH-MI-01 on a different node');
  await blocked.focus();
  await wizard.getByRole('tab', { name: 'Rating explanation' }).click();
  await expect(wizard.getByRole('tabpanel')).toContainText('0 stars: HV-MI-03 is not available for EXCH-MI-01');
  await expect(wizard.getByRole('tabpanel')).toContainText('exch-dag-mi');
  await page.screenshot({ path: 'test-results/screenshots/select-host-affinity-rule.png' });
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled();
});

test('a host where the VM would join its availability set partner is available, warned about, and rated below the one without', async ({ page }) => {
  const wizard = await openSelectHost(page, 'SQL-TO-03');
  const warned = hostRow(wizard, 'HV-TO-01');
  const clean = hostRow(wizard, 'HV-TO-02');
  await expect(warned).not.toHaveAttribute('aria-disabled', 'true');
  await expect(warned).toContainText('HV-TO-01 runs SQL-TO-01, kept apart from SQL-TO-03 by availability set SQL-AG-TO');
  const hosts = await hostGrid(wizard).getByRole('row').allInnerTexts();
  expect(hosts.findIndex((r) => r.includes('HV-TO-02'))).toBeLessThan(hosts.findIndex((r) => r.includes('HV-TO-01')));
  const stars = async (row: Locator) => Number(/([\d.]+) stars?/.exec((await row.getByRole('img', { name: /stars?$/ }).getAttribute('aria-label')) ?? '')?.[1]);
  expect(await stars(warned)).toBeLessThan(await stars(clean));
  await warned.click();
  await wizard.getByRole('tab', { name: 'Rating explanation' }).click();
  await expect(wizard.getByRole('tabpanel')).toContainText('kept apart from SQL-TO-01: availability set SQL-AG-TO');
  await page.screenshot({ path: 'test-results/screenshots/select-host-availability-set.png' });
  await wizard.getByRole('tab', { name: 'Details' }).click();
  await expect(wizard.getByRole('tabpanel').getByRole('list', { name: 'Warnings' })).toContainText('availability set SQL-AG-TO');
});
