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
