import type { Locator } from '@playwright/test';
import { clusterNode, jobsGrid, migrateToHvTo02, setSimulatorSpeed } from './console.js';
import { expect, test } from './fixtures.js';

// Notices ("Job created") never cover the Jobs pane or the job details' buttons, however fast moves are submitted.

type Box = { x: number; y: number; width: number; height: number };

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return box;
}

test('three moves submitted one after another: one notice at a time, below the ribbon, clear of the Jobs pane and its Cancel button', async ({
  page,
  ferry,
}) => {
  test.setTimeout(120_000);
  await page.goto(ferry.url);
  await setSimulatorSpeed(page, '0.1');
  const vms = ['Magazzino-Torino', 'DC-TO-01', 'ERP-TO-APP-01'];
  for (const vm of vms) await migrateToHvTo02(page, vm);

  const toasts = page.locator('.fui-Toast');
  await expect(toasts.filter({ hasText: 'ERP-TO-APP-01' })).toBeVisible();
  await expect(toasts).toHaveCount(1);

  const pane = page.getByRole('region', { name: 'Jobs', exact: true });
  const queued = jobsGrid(page).getByRole('row', { name: /Migrate virtual machine ERP-TO-APP-01 to HV-TO-02/ });
  await queued.click();
  const cancel = pane.getByRole('region', { name: 'Job details' }).getByRole('button', { name: 'Cancel', exact: true });
  await expect(cancel).toBeEnabled();
  await expect(pane.getByRole('region', { name: 'Job details' })).toContainText(/waiting for a live-migration slot/i);
  await page.screenshot({ path: 'test-results/screenshots/notices.png' });

  const toastBox = await boxOf(toasts.first());
  const ribbonBox = await boxOf(page.getByRole('banner', { name: 'Ribbon' }));
  expect(toastBox.y).toBeGreaterThanOrEqual(ribbonBox.y + ribbonBox.height);
  expect(intersects(toastBox, await boxOf(pane))).toBe(false);
  expect(intersects(toastBox, await boxOf(cancel))).toBe(false);
  // Playwright's trial click fails when anything else would receive the click.
  await cancel.click({ trial: true });

  // The two running moves show on their hosts in the tree, with how far they have got.
  await expect(await clusterNode(page, 'HV-TO-01')).toHaveAccessibleName(/^HV-TO-01\b.*Moves in progress: 2, \d+%/);
  await expect(await clusterNode(page, 'HV-TO-02')).toHaveAccessibleName(/^HV-TO-02\b.*Moves in progress: 2, \d+%/);
  await page.screenshot({ path: 'test-results/screenshots/tree-moves.png' });
});
