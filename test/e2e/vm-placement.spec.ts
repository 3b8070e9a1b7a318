import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// VM Properties > Placement (issue 15 point 6): a VM's possible and preferred owners and availability sets,
// shown and edited as a job on the demo estate (a simulator group: the change is Ferry's inventory, for planning).

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });

async function openProperties(page: Page, vm: string) {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(vm);
  await vmGrid(page)
    .getByRole('row', { name: new RegExp(`^${vm}\\b`) })
    .click();
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: 'Properties', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `${vm} Properties` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.beforeEach(async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
});

test('Placement shows a VM’s owners and rules, and an edit runs as a job that Select Host follows', async ({ page }) => {
  const dialog = await openProperties(page, 'SQL-PROD-MI-01');
  const placement = dialog.getByRole('region', { name: 'Placement' });
  await expect(placement).toContainText(/Possible ownersHV-MI-01, HV-MI-04/);
  await expect(placement).toContainText(/Preferred ownersHV-MI-01/);
  await placement.getByRole('button', { name: 'Edit placement…' }).click();
  await placement.getByRole('checkbox', { name: 'Possible owner HV-MI-02' }).check();
  await placement.getByRole('textbox', { name: 'Availability sets' }).fill('SQL-AG-MI');
  await placement.getByRole('button', { name: 'View Script' }).click();
  await expect(placement.getByRole('textbox', { name: 'PowerShell script' })).toHaveValue(
    /Set-ClusterOwnerNode -InputObject \$resource -Owners 'HV-MI-01', 'HV-MI-02', 'HV-MI-04'[\s\S]*\$classes\.Add\('SQL-AG-MI'\)/,
  );
  await page.screenshot({ path: 'test-results/screenshots/vm-placement-edit.png' });
  await placement.getByRole('button', { name: 'Save placement' }).click();
  await expect(placement).toContainText(/Possible ownersHV-MI-01, HV-MI-02, HV-MI-04/);
  await expect(placement).toContainText(/Availability setsSQL-AG-MI/);
  await page.screenshot({ path: 'test-results/screenshots/vm-placement.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('grid', { name: 'Jobs' }).getByRole('row', { name: /Set the placement rules of SQL-PROD-MI-01/ })).toContainText('Completed');
  // Select Host follows at once: HV-MI-02, now a possible owner, is available.
  await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: 'Migrate VM Wizard' });
  const row = wizard
    .getByRole('grid', { name: 'Destination hosts' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: 'HV-MI-02', exact: true }) });
  await expect(row).not.toHaveAttribute('aria-disabled', 'true');
  await expect(row).toContainText('Live');
});

test('an edit that breaks a rule is refused with the field named, and nothing changes', async ({ page }) => {
  const dialog = await openProperties(page, 'SQL-PROD-MI-01');
  const placement = dialog.getByRole('region', { name: 'Placement' });
  await placement.getByRole('button', { name: 'Edit placement…' }).click();
  for (const host of ['HV-MI-01', 'HV-MI-04']) await placement.getByRole('checkbox', { name: `Possible owner ${host}` }).uncheck();
  await placement.getByRole('button', { name: 'Save placement' }).click();
  await expect(placement.getByRole('alert').or(placement.locator('.fui-MessageBar'))).toContainText(
    'possibleOwners: an empty list would let the VM run on no node',
  );
  await placement.getByRole('button', { name: 'Cancel' }).click();
  await expect(placement).toContainText(/Possible ownersHV-MI-01, HV-MI-04/);
});

test('multi-select > Keep apart… creates a DifferentNode rule that Select Host then honours', async ({ page }) => {
  const row = (vm: string) => vmGrid(page).getByRole('row', { name: new RegExp(`^${vm}\\b`) });
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('TO-01');
  await row('FILE-TO-01').click();
  await row('SQL-TO-01').click({ modifiers: ['Control'] });
  await expect(page.getByRole('region', { name: 'Virtual machines' })).toContainText('2 selected');
  await row('SQL-TO-01').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Keep apart…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Keep apart' });
  await expect(dialog).toContainText('keeps FILE-TO-01, SQL-TO-01 on different hosts');
  await dialog.getByRole('textbox', { name: 'Rule name' }).fill('file-and-sql-apart');
  await page.screenshot({ path: 'test-results/screenshots/keep-apart.png' });
  await dialog.getByRole('button', { name: 'Create rule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Jobs' }).getByRole('row', { name: /Add affinity rule file-and-sql-apart/ })).toContainText('Completed');

  await row('FILE-TO-01').click();
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: 'Migrate VM Wizard' });
  const blocked = wizard
    .getByRole('grid', { name: 'Destination hosts' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: 'HV-TO-01', exact: true }) });
  await expect(blocked).toHaveAttribute('aria-disabled', 'true');
  await expect(blocked).toContainText('HV-TO-01 runs SQL-TO-01, and affinity rule file-and-sql-apart (DifferentNode, required)');
});

test('a cluster’s Affinity Rules… lists its rules, and edits, removes and refuses them as jobs', async ({ page }) => {
  await page.getByRole('tree').getByRole('treeitem', { name: 'CL-MI-22', exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Affinity Rules…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Affinity rules of CL-MI-22' });
  const table = dialog.getByRole('table', { name: 'Affinity rules' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row', { name: /exch-dag-mi/ })).toContainText(/DifferentNode\s*Yes\s*EXCH-MI-01, EXCH-MI-02/);

  await dialog.getByRole('button', { name: 'Edit exch-dag-mi' }).click();
  await dialog.getByRole('checkbox', { name: /^Required/ }).uncheck();
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(table.getByRole('row', { name: /exch-dag-mi/ })).toContainText(/DifferentNode\s*No/);

  await dialog.getByRole('button', { name: 'Remove sap-app-with-cache' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);

  await dialog.getByRole('button', { name: 'Add rule…' }).click();
  const form = dialog.getByRole('group', { name: 'New affinity rule' });
  await form.getByRole('textbox', { name: 'Name' }).fill('lonely');
  await form.getByRole('checkbox', { name: 'RDS-MI-01' }).check();
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog).toContainText('vms: a rule names at least two VMs');
  await form.getByRole('checkbox', { name: 'FILE-MI-01' }).check();
  await form.getByRole('button', { name: 'View Script' }).click();
  await expect(form.getByRole('textbox', { name: 'PowerShell script' })).toHaveValue(
    /New-ClusterAffinityRule -Name 'lonely' -RuleType DifferentNode -CimSession 'CL-MI-22'[\s\S]*Add-ClusterGroupToAffinityRule -Name 'lonely' -Groups \$groups/,
  );
  await page.screenshot({ path: 'test-results/screenshots/affinity-rules-script.png' });
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(table.getByRole('row', { name: /lonely/ })).toContainText(
    /DifferentNode\s*Yes\s*RDS-MI-01, FILE-MI-01|DifferentNode\s*Yes\s*FILE-MI-01, RDS-MI-01/,
  );
  await page.screenshot({ path: 'test-results/screenshots/affinity-rules.png' });
});
