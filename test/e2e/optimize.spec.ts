import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { tree } from './console.js';
import { expect, test } from './fixtures.js';

// Optimize Hosts against the real backend on the demo estate. CL-MI-22's four nodes are uneven (HV-MI-04 has a
// quarter of its memory in use, the others over 40%): medium aggressiveness proposes three live moves inside the
// cluster. CL-TO-19's three nodes are even in memory: nothing is worth moving at low aggressiveness.

/** axe-core's serious and critical findings, in words (the same check as accessibility.spec.ts). */
async function seriousFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const dialog = (page: Page, name: string) => page.getByRole('dialog', { name: `Optimize Hosts: ${name}` });
const view = (page: Page, name: string) => page.getByRole('region', { name: `Optimize Hosts: ${name}` });

test('Optimize Hosts on a cluster from the tree: a plan with the before/after picture, each move’s reason, and Run', async ({ page, ferry }) => {
  test.setTimeout(90_000);
  await page.goto(ferry.url);
  await tree(page).getByRole('treeitem', { name: 'CL-MI-22', exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Optimize Hosts…' }).click();
  const d = dialog(page, 'CL-MI-22');
  await expect(d.getByRole('radio', { name: /^Medium/ })).toBeChecked();
  await expect(d.getByRole('group', { name: 'Thresholds of host group All Hosts/Milano' })).toContainText(
    'Now: Ferry’s defaults (20% free memory, 25% free CPU).',
  );
  await expect(d.getByRole('textbox', { name: 'Free memory at least (%)' })).toHaveValue('20');
  await expect(d.getByRole('textbox', { name: 'Free CPU at least (%)' })).toHaveValue('25');
  // A cluster's moves stay inside it: no choice about standalone hosts.
  await expect(d.getByRole('checkbox')).toHaveCount(0);
  await d.screenshot({ path: 'test-results/screenshots/optimize-hosts-dialog.png' });
  expect(await seriousFindings(page)).toEqual([]);
  await d.getByRole('button', { name: 'Optimize' }).click();
  await expect(d).toBeHidden();

  const v = view(page, 'CL-MI-22');
  await expect(v).toBeVisible();
  const chart = v.getByRole('table', { name: 'Memory and CPU of each host before and after the moves, with the thresholds' });
  await expect(chart.getByRole('row')).toHaveCount(5);
  await expect(chart.getByRole('img', { name: /^HV-MI-04 Memory: 25% before, 29% after; threshold 80%$/ })).toBeVisible();
  await expect(chart.getByRole('img', { name: /^HV-MI-01 CPU: 46% before, \d+% after; threshold 75%$/ })).toBeVisible();
  await expect(v.getByText(/^3 moves even out the load: the spread of memory use goes from 8\.7 to 5\.6 points/)).toBeVisible();
  const why = v.getByRole('region', { name: 'Why each move' });
  await expect(why.getByRole('listitem')).toHaveCount(3);
  await expect(why).toContainText('SAP-APP-PRD-01: HV-MI-01 CPU 46% → 36%, HV-MI-04 CPU 33% → 43% (gain 3.3 points).');
  const moves = v.getByRole('table', { name: 'Planned moves' });
  await expect(moves.getByRole('row')).toHaveCount(4);
  await expect(moves.getByRole('row', { name: /^m\d+ SAP-APP-PRD-01 / })).toContainText('HV-MI-04');
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/optimize-hosts.png' });
  expect(await seriousFindings(page)).toEqual([]);

  // A plan like any other: Run turns the moves into jobs of one group.
  await v.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.fui-ToastTitle').getByText(/^Run plan: migrate 3 VMs: 3 jobs started\./)).toBeVisible();
});

test('Home > Optimize Hosts says when nothing is worth moving, and keeps a host group’s thresholds', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  // On a host, Optimize Hosts is not offered: it balances a cluster, a host group or All Hosts.
  await tree(page).getByRole('treeitem', { name: 'CL-TO-19', exact: true }).click();
  await page.getByRole('button', { name: 'Optimize Hosts' }).click();
  const d = dialog(page, 'CL-TO-19');
  await d.getByRole('radio', { name: /^Low/ }).check();
  // Thresholds of All Hosts/Torino, kept for the group: 30% free memory.
  await d.getByRole('textbox', { name: 'Free memory at least (%)' }).fill('95');
  await expect(d.getByText('Enter a percent from 0 to 90.')).toBeVisible();
  await expect(d.getByRole('button', { name: 'Optimize' })).toBeDisabled();
  await d.getByRole('textbox', { name: 'Free memory at least (%)' }).fill('30');
  await d.getByRole('button', { name: 'Optimize' }).click();

  const v = view(page, 'CL-TO-19');
  await expect(v.getByText(/^Nothing is worth moving: no live migration gains at least 3 points \(low aggressiveness\)/)).toBeVisible();
  await expect(v.getByRole('img', { name: /^HV-TO-01 Memory: 32% before, 32% after; threshold 70%$/ })).toBeVisible();
  await expect(v.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(v.getByRole('region', { name: 'Why each move' })).toHaveCount(0);

  await v.getByRole('button', { name: 'Close' }).click();
  await tree(page).getByRole('treeitem', { name: 'CL-TO-19', exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Optimize Hosts…' }).click();
  const again = dialog(page, 'CL-TO-19');
  await expect(again.getByRole('group', { name: 'Thresholds of host group All Hosts/Torino' })).toContainText('Now: set on All Hosts/Torino.');
  await expect(again.getByRole('textbox', { name: 'Free memory at least (%)' })).toHaveValue('30');
  await again.getByRole('button', { name: 'Use the inherited thresholds' }).click();
  await expect(again.getByRole('textbox', { name: 'Free memory at least (%)' })).toHaveValue('20');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();
});
