import { expect, type Page } from '@playwright/test';

// Steps and places of the console that several end-to-end tests share, on the demo estate.

/** The host tree. */
export const tree = (page: Page) => page.getByRole('tree', { name: 'Host groups, clusters and hosts' });

/** The Jobs pane's grid. */
export const jobsGrid = (page: Page) => page.getByRole('grid', { name: 'Jobs', exact: true });

/** Sets File > Options… > Simulator speed, as an admin does. */
export async function setSimulatorSpeed(page: Page, speed: string): Promise<void> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Options…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Options' });
  await dialog.getByRole('textbox', { name: 'Simulator speed' }).fill(speed);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** A node of CL-TO-19 in the tree (All Hosts > Torino > CL-TO-19 > host), opening the cluster when needed (a click on its label never closes it). */
export async function clusterNode(page: Page, host: string) {
  const node = tree(page).getByRole('treeitem', { name: new RegExp(`^${host}\\b`) });
  if (!(await node.isVisible())) await tree(page).getByRole('treeitem', { name: 'CL-TO-19', exact: true }).click();
  return node;
}

/** Shows a node of CL-TO-19 in the VM list, with the filter cleared. */
export async function showHost(page: Page, host: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('');
  await (await clusterNode(page, host)).click();
  await expect(page.getByRole('region', { name: 'Virtual machines' }).getByRole('heading', { name: host })).toBeVisible();
}

/** Moves a VM of HV-TO-01 to HV-TO-02 through the Migrate VM Wizard (Live inside CL-TO-19: Select Host, then Summary). */
export async function migrateToHvTo02(page: Page, vm: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill(vm);
  await page
    .getByRole('grid', { name: 'Virtual machines' })
    .getByRole('row', { name: new RegExp(`^${vm}\\b`) })
    .click();
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: 'Migrate VM Wizard' });
  const row = wizard.getByRole('grid', { name: 'Destination hosts' }).getByRole('row', { name: /\bHV-TO-02\b/ });
  await expect(row).toContainText('Live');
  await row.click();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('[aria-current="step"]')).toHaveText('Summary');
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();
}
