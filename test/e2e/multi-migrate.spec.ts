import type { Locator, Page } from '@playwright/test';
import { jobsGrid, setSimulatorSpeed, showHost, tree } from './console.js';
import { expect, test } from './fixtures.js';

// Migrating several VMs at once against the real backend and its simulated connector, on the demo estate:
// HV-TO-03 (CL-TO-19) runs WEB-TO-01, WEB-TO-02 and SQL-TO-03 among others; the planner sends them to the
// other nodes of CL-TO-19 (docs/demo-estate.md). Each test has its own database.

const VMS = ['SQL-TO-03', 'WEB-TO-01', 'WEB-TO-02'] as const;
const SOURCE = 'HV-TO-03';

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const vmRow = (page: Page, vm: string) => vmGrid(page).getByRole('row', { name: new RegExp(`^${vm}\\b`) });
const jobsPane = (page: Page) => page.getByRole('region', { name: 'Jobs', exact: true });
const wizardOf = (page: Page) => page.getByRole('dialog', { name: 'Migrate VM Wizard' });
const proposals = (wizard: Locator) => wizard.getByRole('table', { name: 'Proposed moves' });

/** Selects the three VMs on HV-TO-03 (a click, then Ctrl+click) and opens Virtual Machine > Migrate Virtual Machine. */
async function openWizardForThree(page: Page): Promise<Locator> {
  await showHost(page, SOURCE);
  await vmRow(page, VMS[0]).click();
  for (const vm of VMS.slice(1)) await vmRow(page, vm).click({ modifiers: ['Control'] });
  for (const vm of VMS) await expect(vmRow(page, vm)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Virtual machines' })).toContainText('3 selected');
  // The details pane adds the three up.
  await expect(page.getByRole('complementary', { name: 'Details' }).getByRole('heading', { name: '3 virtual machines' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/multi-select-details.png' });
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
  const wizard = wizardOf(page);
  await expect(wizard).toBeVisible();
  await expect(wizard).toContainText(/3 of 3 virtual machines move/);
  return wizard;
}

/** The host a VM runs on, as the VM list shows it (filtered by its name, on All Hosts). */
async function hostOf(page: Page, vm: string): Promise<string> {
  // The root's label: a click in the middle of the root's box would land on a host below it.
  await tree(page).getByText('All Hosts', { exact: true }).click();
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(vm);
  const cells = vmRow(page, vm).getByRole('gridcell');
  return (await cells.nth(2).textContent()) ?? '';
}

test.beforeEach(async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
});

test('multi-select three VMs and run them', async ({ page }) => {
  test.setTimeout(120_000);
  await setSimulatorSpeed(page, '50');
  const wizard = await openWizardForThree(page);

  // A row per VM, each with a proposed destination on another node of CL-TO-19, its rating and figures.
  const table = proposals(wizard);
  for (const vm of VMS) {
    const row = table.getByRole('row', { name: vm, exact: true });
    await expect(row).toContainText(`on ${SOURCE}`);
    await expect(row).toContainText('Live');
    await expect(row.getByRole('img', { name: /stars?$/ })).toBeVisible();
    await expect(wizard.getByRole('combobox', { name: `Destination of ${vm}` }).locator('option:checked')).toHaveText(/^HV-TO-0[12] \(best\)$/);
  }
  await expect(wizard).toContainText(/Predicted window .*; no order can finish sooner than/);
  await page.screenshot({ path: 'test-results/screenshots/multi-select-host.png' });

  // Change one row: WEB-TO-02 pinned to the node the planner did not pick for it; the table plans again.
  const web02 = wizard.getByRole('combobox', { name: 'Destination of WEB-TO-02' });
  const proposed = ((await web02.locator('option:checked').textContent()) ?? '').replace(' (best)', '');
  const pinned = proposed === 'HV-TO-01' ? 'HV-TO-02' : 'HV-TO-01';
  await web02.selectOption(pinned);
  await expect(table.getByRole('row', { name: 'WEB-TO-02', exact: true })).toContainText('Pinned by you');
  await expect(web02).toHaveValue(pinned);
  await page.screenshot({ path: 'test-results/screenshots/multi-select-host-pinned.png' });

  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('[aria-current="step"]')).toHaveText('Summary');
  const order = wizard.getByRole('table', { name: 'Moves, in the order they start' });
  await expect(order.getByRole('row')).toHaveCount(4);
  await expect(order.getByRole('row', { name: 'WEB-TO-02', exact: true })).toContainText(pinned);
  // Where each VM goes, as the plan says: checked against the estate once the moves are done.
  const destinations = new Map<string, string>();
  for (const vm of VMS) destinations.set(vm, (await order.getByRole('row', { name: vm, exact: true }).getByRole('cell').nth(3).textContent()) ?? '');
  expect(destinations.get('WEB-TO-02')).toBe(pinned);
  await expect(wizard).toContainText('Predicted window');
  await expect(wizard).toContainText('Lower bound');
  await wizard.getByRole('button', { name: 'View Script' }).click();
  await expect(wizard.getByRole('textbox', { name: 'PowerShell script' })).toHaveValue(/WEB-TO-02/);
  await page.screenshot({ path: 'test-results/screenshots/multi-summary.png' });
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();

  // One group in the Jobs pane, selected, with the three jobs under it; they complete.
  const group = jobsGrid(page).getByRole('row', { name: /Run plan: migrate 3 VMs/ });
  await expect(group).toHaveAttribute('aria-selected', 'true');
  for (const vm of VMS)
    await expect(jobsGrid(page).getByRole('row', { name: new RegExp(`Migrate virtual machine ${vm} to ${destinations.get(vm)}`) })).toBeVisible();
  await expect(group).toContainText('3 of 3 done', { timeout: 60_000 });
  await expect(group).toContainText('Completed');
  await expect(jobsPane(page).getByRole('region', { name: 'Job details' })).toContainText('Completed');
  await page.screenshot({ path: 'test-results/screenshots/multi-group-done.png' });

  // Each VM now runs on its new host.
  for (const vm of VMS) await expect.poll(() => hostOf(page, vm)).toBe(destinations.get(vm));
  await showHost(page, pinned);
  await expect(vmRow(page, 'WEB-TO-02')).toBeVisible();
});

test('Abort and restore moves the VMs that already moved back to their source', async ({ page }) => {
  test.setTimeout(180_000);
  // Slow enough that the short moves end while the long one (SQL-TO-03) still runs.
  await setSimulatorSpeed(page, '1');
  const wizard = await openWizardForThree(page);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('[aria-current="step"]')).toHaveText('Summary');
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();

  const group = jobsGrid(page).getByRole('row', { name: /Run plan: migrate 3 VMs/ });
  await expect(group).toContainText(/[12] of 3 done/, { timeout: 60_000 });
  await expect(group).toContainText('Running');
  const sqlJob = jobsGrid(page).getByRole('row', { name: /Migrate virtual machine SQL-TO-03 to/ });
  await expect(sqlJob).toContainText('Running');

  await group.click();
  const details = jobsPane(page).getByRole('region', { name: 'Job details' });
  await details.getByRole('button', { name: 'Abort and restore…' }).click();
  const confirm = page.getByRole('alertdialog', { name: /and restore\?$/ });
  await expect(confirm).toContainText('running moves stop with each VM staying on its source host');
  await expect(confirm).toContainText('also moves back the VMs that already moved');
  await page.screenshot({ path: 'test-results/screenshots/multi-abort-restore.png' });
  await confirm.getByRole('button', { name: 'Abort and restore' }).click();
  await expect(confirm).toBeHidden();

  // The group is aborted; a restore group moves back what had moved, and completes.
  await expect(group).toContainText('Aborted', { timeout: 60_000 });
  await expect(sqlJob).toContainText('Canceled');
  const restore = jobsGrid(page).getByRole('row', { name: /Restore: move \d VMs? back/ });
  await expect(restore).toBeVisible();
  await setSimulatorSpeed(page, '200');
  await expect(restore).toContainText('Completed', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screenshots/multi-restored.png' });

  // Every VM of the group runs on its source host again.
  for (const vm of VMS) await expect.poll(() => hostOf(page, vm)).toBe(SOURCE);
});
