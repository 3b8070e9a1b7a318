import type { Page } from '@playwright/test';
import { clusterNode, jobsGrid, setSimulatorSpeed, tree } from './console.js';
import { expect, test } from './fixtures.js';

// The plan view and maintenance mode against the real backend and its simulated connector, on the demo
// estate. HV-TO-03 is a node of CL-TO-19 with five running VMs and an off highly-available one: its evacuation
// live-migrates the five to HV-TO-01 and HV-TO-02 and moves SQL-TO-02 Quick (docs/demo-estate.md); SQL-TO-03
// is kept apart from SQL-TO-01 (HV-TO-01) by their availability set SQL-AG-TO.

const HOST = 'HV-TO-03';

const EVACUATED = ['SQL-TO-03', 'ERP-TO-APP-02', 'WEB-TO-01', 'WEB-TO-02', 'GW-AS400-TO-01', 'SQL-TO-02'];

const planView = (page: Page) => page.getByRole('region', { name: `Start Maintenance Mode on ${HOST}` });

test('evacuate a host in the demo estate and watch the timeline turn into jobs', async ({ page, ferry }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(ferry.url);
  await expect(tree(page)).toBeVisible();
  // Fast enough that five moves of under a minute each end in a few seconds.
  await setSimulatorSpeed(page, '30');

  // Start Maintenance Mode… from the host's context menu opens the preview: the evacuation's plan.
  const node = await clusterNode(page, HOST);
  await node.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start Maintenance Mode…' }).click();
  const view = planView(page);
  await expect(view).toBeVisible();
  await expect(view.getByRole('group', { name: 'Plan summary' })).toContainText(/Estimated window\s*\d/);
  const moves = view.getByRole('table', { name: 'Planned moves' });
  await expect(moves.getByRole('row')).toHaveCount(7);
  for (const vm of EVACUATED) await expect(moves).toContainText(vm);
  // The availability group's replicas stay apart: SQL-TO-01 runs on HV-TO-01, so SQL-TO-03 goes to HV-TO-02, and its row says why.
  const sql = moves.getByRole('row', { name: /^m\d+ SQL-TO-03 / });
  await expect(sql).toContainText('HV-TO-02');
  await expect(sql).toContainText('kept apart from SQL-TO-01: availability set SQL-AG-TO');
  await expect(moves.getByRole('row', { name: /^m\d+ SQL-TO-02 / })).toContainText('Quick');
  const rules = view.getByRole('table', { name: 'Placement rules of the VMs in the plan' });
  await expect(rules.getByRole('row', { name: /^SQL-AG-TO Availability set/ })).toContainText(/SQL-TO-01 on HV-TO-01, SQL-TO-03 on HV-TO-02/);
  await rules.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/plan-view-rules.png' });
  await moves.scrollIntoViewIfNeeded();
  const lanes = view.getByRole('group', { name: 'Migration slots' });
  await expect(lanes.getByRole('group', { name: `${HOST} · live 1` })).toBeVisible();
  await expect(lanes.getByRole('button', { name: /^SQL-TO-03, HV-TO-03 to HV-TO-0[12]/ }).first()).toBeVisible();
  await expect(view.getByText(/^No order of these moves ends sooner than/)).toBeVisible();
  // A bar's tooltip (and its accessible description) says the rest: route, transfer type, times, convergence.
  const bar = lanes
    .getByRole('group', { name: `${HOST} · live 1` })
    .getByRole('button')
    .first();
  await expect(bar).toHaveAccessibleDescription(/^HV-TO-03 → HV-TO-0[12] · Live \(\w+\)\. .* downtime \d+ ms\. pre-copy converged/);
  await bar.hover();
  await expect(page.getByRole('tooltip')).toContainText(/HV-TO-03 → HV-TO-0[12] · Live/);
  await page.screenshot({ path: 'test-results/screenshots/plan-view.png' });
  await page.mouse.move(0, 0);
  // The bars are one tab stop; the arrow keys go from bar to bar.
  await bar.focus();
  await page.keyboard.press('ArrowRight');
  await expect(
    lanes
      .getByRole('group', { name: `${HOST} · live 2` })
      .getByRole('button')
      .first(),
  ).toBeFocused();

  // A what-if plans again at once: one live migration at a time off HV-TO-03 lengthens the window.
  const window = view.getByRole('group', { name: 'Plan summary' });
  const before = await window.textContent();
  const limit = view.getByRole('spinbutton', { name: `Live migrations on ${HOST}` });
  await limit.fill('1');
  await limit.press('Enter');
  await expect(lanes.getByRole('group', { name: `${HOST} · live 2` })).toBeHidden();
  await expect(window).not.toHaveText(before ?? '');
  await view.getByRole('button', { name: 'Reset what-ifs' }).click();
  await expect(window).toHaveText(before ?? '');

  // Export Script: the whole evacuation as PowerShell, read-only, with Copy.
  await view.getByRole('button', { name: 'Export Script' }).click();
  await expect(view.getByRole('textbox', { name: 'PowerShell script' })).toHaveValue(/Get-SCVirtualMachine -Name 'SQL-TO-03'[\s\S]*Move-SCVirtualMachine/);
  await expect(view.getByRole('button', { name: 'Copy' })).toBeVisible();

  // Confirm: the host goes into maintenance mode and every move becomes a job of one group.
  await view.getByRole('button', { name: 'Confirm' }).click();
  await expect(view.getByText(/jobs ended/)).toBeVisible();
  await expect(jobsGrid(page).getByRole('row', { name: /Migrate virtual machine SQL-TO-03 to HV-TO-0[12]/ })).toBeVisible();
  // The bars take their jobs' status as the jobs run, and all complete.
  const bars = lanes.getByRole('button', { name: /, HV-TO-03 to / });
  await expect(view.getByText(/: done$/)).toBeVisible({ timeout: 60_000 });
  await expect(view.getByText('6 of 6 jobs ended, 0 failed')).toBeVisible();
  for (const bar of await bars.all()) await expect(bar).toHaveAttribute('data-status', 'Completed');
  for (const vm of EVACUATED) {
    await expect(jobsGrid(page).getByRole('row', { name: new RegExp(`Migrate virtual machine ${vm} to`) })).toContainText('Completed');
  }
  await page.screenshot({ path: 'test-results/screenshots/plan-view-done.png' });
  // The group has ended: its End column shows when its last job ended, not the plan's prediction (≈).
  const groupRow = jobsGrid(page).getByRole('row', { name: new RegExp(`Start maintenance mode on ${HOST}`) });
  await expect(groupRow).toContainText('Completed');
  await expect(groupRow.getByRole('gridcell').nth(4)).toHaveText(/\d/);
  await expect(groupRow.getByRole('gridcell').nth(4)).not.toContainText('≈');

  // The host shows maintenance mode; Stop Maintenance Mode on the Host tab clears it.
  await expect(tree(page).getByRole('treeitem', { name: `${HOST} In maintenance mode` })).toContainText(`${HOST}(maintenance)`);
  await view.getByRole('button', { name: 'Close' }).click();
  await node.click();
  await page.getByRole('tab', { name: 'Host' }).click();
  await expect(page.getByRole('button', { name: 'Start Maintenance Mode…' })).toBeDisabled();
  await page.getByRole('button', { name: 'Stop Maintenance Mode…' }).click();
  const stop = page.getByRole('dialog', { name: `Stop Maintenance Mode on ${HOST}` });
  await expect(stop.getByText(`No virtual machine saved by the evacuation is still saved on ${HOST}.`)).toBeVisible();
  await stop.getByRole('button', { name: 'Stop Maintenance Mode' }).click();
  await expect(stop).toBeHidden();
  await expect(tree(page).getByRole('treeitem', { name: HOST, exact: true })).not.toContainText('(maintenance)');
  await expect(jobsGrid(page).getByRole('row', { name: new RegExp(`Stop maintenance mode on ${HOST}`) })).toContainText('Completed');
  await expect(page.getByRole('button', { name: 'Stop Maintenance Mode…' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Start Maintenance Mode…' })).toBeEnabled();
});

test('Stop Maintenance Mode… offers to start the VM the evacuation saved, and starts it with a job', async ({ page, ferry }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(ferry.url);
  await expect(tree(page)).toBeVisible();
  await setSimulatorSpeed(page, '3600');
  // HV-RM-01's FILESRV-RM-01 can go nowhere: the evacuation saves it (Save state, the default).
  const node = tree(page).getByRole('treeitem', { name: /^HV-RM-01\b/ });
  await node.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start Maintenance Mode…' }).click();
  const view = page.getByRole('region', { name: 'Start Maintenance Mode on HV-RM-01' });
  // Every VM of the host is accounted for: what stays says why (saved by the plan, or off and not highly available).
  const staying = view.getByRole('table', { name: 'VMs that stay on the host' });
  await expect(
    staying.getByRole('row', { name: /^FILESRV-RM-01 HV-RM-01 Its state is saved FILESRV-RM-01 is saved on HV-RM-01 instead of moving/ }),
  ).toBeVisible();
  await expect(staying.getByRole('row', { name: /^SFTP-RM-01 HV-RM-01 Stays, not running SFTP-RM-01 is off and not highly available/ })).toBeVisible();
  await staying.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/plan-view-staying.png' });
  await view.getByRole('button', { name: 'Confirm' }).click();
  await expect(jobsGrid(page).getByRole('row', { name: /Save virtual machine FILESRV-RM-01/ })).toContainText('Completed', { timeout: 60_000 });
  await expect(view.getByText(/jobs ended, 0 failed/)).toBeVisible({ timeout: 60_000 });
  await view.getByRole('button', { name: 'Close' }).click();

  await node.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Stop Maintenance Mode…' }).click();
  const stop = page.getByRole('dialog', { name: 'Stop Maintenance Mode on HV-RM-01' });
  const start = stop.getByRole('checkbox', { name: 'Start FILESRV-RM-01' });
  await expect(start).toBeChecked();
  await page.screenshot({ path: 'test-results/screenshots/maintenance-stop.png' });
  await stop.getByRole('button', { name: 'Stop Maintenance Mode' }).click();
  await expect(stop).toBeHidden();
  await expect(jobsGrid(page).getByRole('row', { name: /Stop maintenance mode on HV-RM-01/ })).toContainText('Completed');
  await expect(jobsGrid(page).getByRole('row', { name: /Start virtual machine FILESRV-RM-01/ })).toContainText('Completed');
  await expect(tree(page).getByRole('treeitem', { name: 'HV-RM-01', exact: true })).not.toContainText('(maintenance)');
  await page.screenshot({ path: 'test-results/screenshots/maintenance-stopped.png' });
});

test('plan chosen VMs and send one of them to another host from its row', async ({ page, ferry }) => {
  test.setTimeout(60_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(ferry.url);
  await expect(tree(page)).toBeVisible();
  // With the host selected and no VM, Plan Migrations plans every VM of the host (five running, one off), each to its best host.
  await (await clusterNode(page, HOST)).click();
  await page.getByRole('button', { name: 'Plan Migrations' }).click();
  const view = page.getByRole('region', { name: 'Plan: migrate 6 VMs' });
  const moves = view.getByRole('table', { name: 'Planned moves' });
  await expect(moves.getByRole('row')).toHaveCount(7);
  const web = moves.getByRole('combobox', { name: 'Destination of WEB-TO-01' });
  const best = ((await web.locator('option:checked').textContent()) ?? '').replace(' (best)', '');
  expect(best).toMatch(/^HV-TO-0[12]$/);
  const other = best === 'HV-TO-01' ? 'HV-TO-02' : 'HV-TO-01';
  await web.selectOption(other);
  // The plan follows at once: the row keeps the choice and its bar leaves for the other host.
  const lanes = view.getByRole('group', { name: 'Migration slots' });
  await expect(lanes.getByRole('button', { name: new RegExp(`^WEB-TO-01, ${HOST} to ${other}, `) }).first()).toBeVisible();
  await expect(moves.getByRole('combobox', { name: 'Destination of WEB-TO-01' })).toHaveValue(other);
  await page.screenshot({ path: 'test-results/screenshots/plan-view-vms.png' });
  await moves.getByRole('combobox', { name: 'Destination of WEB-TO-01' }).selectOption('auto');
  await expect(lanes.getByRole('button', { name: new RegExp(`^WEB-TO-01, ${HOST} to ${best}, `) }).first()).toBeVisible();
});
