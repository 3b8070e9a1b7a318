import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import type { RequestFrame, ResponseFrame } from '../../shared/contract/backend.js';
import type { Result } from '../../shared/model/result.js';
import { expect, test as base, type FerryServer } from './fixtures.js';

// The QEMU lab from the console, against real QEMU: Start Lab on the ribbon boots three small VMs under
// three lab hosts (All Hosts/Lab), a move between lab hosts through the Migrate VM Wizard is a real QEMU
// live migration, and Stop Lab removes it all. Needs QEMU 10 and the lab guest (`npm run lab:guest`).
// Each test's server keeps its lab next to its own database (`<dir>/ferry-lab`), so labs never meet.

/** Asks the test's server to stop its lab, over the WebSocket the console uses, and waits for the answer. */
async function labStop(ferry: FerryServer): Promise<Result<unknown>> {
  const ws = new WebSocket(`${ferry.origin.replace(/^http/, 'ws')}/ws`, { headers: { Authorization: `Bearer ${ferry.token}` } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const request: RequestFrame = { type: 'request', id: 1, channel: 'lab.stop', args: {} };
    const answer = new Promise<Result<unknown>>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as ResponseFrame | { type: 'events' };
        if (frame.type === 'response' && frame.id === 1) resolve(frame.result);
      });
      ws.once('close', () => reject(new Error('the server closed the WebSocket before it answered lab.stop')));
    });
    ws.send(JSON.stringify(request));
    return await answer;
  } finally {
    ws.close();
  }
}

// Whatever happens in the test, its lab is stopped (QEMU processes ended) before its server stops and its
// folder is removed; a lab that was never started stops at once.
const test = base.extend<{ labCleanup: void }>({
  labCleanup: [
    async ({ ferry }, use) => {
      await use();
      const stopped = await labStop(ferry);
      if (!stopped.ok) throw new Error(`The lab did not stop: ${stopped.error.message}`);
    },
    { auto: true, timeout: 60_000 },
  ],
});

const tree = (page: Page) => page.getByRole('tree', { name: 'Host groups, clusters and hosts' });
const treeItem = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });
const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const ribbonButton = (page: Page, name: string) => page.getByRole('banner', { name: 'Ribbon' }).getByRole('button', { name, exact: true });
const jobsPane = (page: Page) => page.getByRole('region', { name: 'Jobs', exact: true });
const LAB_HOSTS = ['LAB-HV-01', 'LAB-HV-02', 'LAB-HV-03'];
const MOVE = /Migrate virtual machine LAB-VM-01 to LAB-HV-02/;

test('Start Lab, a real live migration between lab hosts through the wizard, then Stop Lab', async ({ page, ferry }) => {
  test.setTimeout(180_000);
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();

  // Home > Lab > Start Lab: the lab boots its VMs (a few seconds), then its host group joins the tree.
  await ribbonButton(page, 'Start Lab').click();
  for (const host of LAB_HOSTS) await expect(treeItem(page, host)).toBeVisible({ timeout: 60_000 });
  await expect(
    jobsPane(page)
      .getByRole('grid', { name: 'Jobs' })
      .getByRole('row', { name: /Start lab/ }),
  ).toContainText('Completed');

  // Lab Status: three hosts, three VMs running with heartbeats and a passing memory check.
  await ribbonButton(page, 'Lab Status').click();
  const status = page.getByRole('dialog', { name: 'Lab Status' });
  const vms = status.getByRole('table', { name: 'Lab VMs' });
  await expect(vms.getByRole('row')).toHaveCount(4);
  for (const vm of ['LAB-VM-01', 'LAB-VM-02', 'LAB-VM-03']) {
    const row = vms.getByRole('row', { name: new RegExp(`^${vm}\\b`) });
    await expect(row).toContainText('Running');
    await expect(row).toContainText('OK');
    await expect(row).toContainText(/#\d+, up/);
  }
  await expect(vms.getByRole('row', { name: /^LAB-VM-01\b/ })).toContainText('LAB-HV-01');
  await expect(status.getByRole('table', { name: 'Lab hosts' }).getByRole('row')).toHaveCount(4);
  await expect(status).toContainText(/QEMU\s*10\.\d+\.\d+/);
  await expect(status).toContainText(`${ferry.dir}/ferry-lab`);
  await page.screenshot({ path: 'test-results/screenshots/lab-status.png' });
  await status.getByRole('button', { name: 'Close' }).click();
  await expect(status).toBeHidden();

  // LAB-VM-01 (files on the lab share) from LAB-HV-01 to LAB-HV-02: a Live move, Select Host then Summary.
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('LAB-VM-01');
  await vmGrid(page)
    .getByRole('row', { name: /^LAB-VM-01\b/ })
    .click();
  await page.getByRole('tab', { name: 'Virtual Machine' }).click();
  await ribbonButton(page, 'Migrate Virtual Machine').click();
  const wizard = page.getByRole('dialog', { name: 'Migrate VM Wizard' });
  const destination = wizard.getByRole('grid', { name: 'Destination hosts' }).getByRole('row', { name: /\bLAB-HV-02\b/ });
  await expect(destination).toContainText('Live');
  await destination.click();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('[aria-current="step"]')).toHaveText('Summary');
  await wizard.getByRole('button', { name: 'Move' }).click();
  await expect(wizard).toBeHidden();

  // The Jobs pane follows the real migration to its end; the Jobs workspace's details show what it measured.
  const job = jobsPane(page).getByRole('grid', { name: 'Jobs' }).getByRole('row', { name: MOVE });
  await expect(job).toContainText('Completed', { timeout: 90_000 });
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: /^Jobs/ }).click();
  await page.getByRole('grid', { name: 'All jobs' }).getByRole('row', { name: MOVE }).click();
  const details = page.getByRole('region', { name: 'Job details' });
  const valueOf = (label: string) => details.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  await expect(valueOf('Measured downtime')).toHaveText(/^[\d.,]+ ms$/);
  await expect(valueOf('Data sent')).toHaveText(/^[\d.,]+ (MB|GB)$/);
  await expect(valueOf('Source host')).toHaveText('LAB-HV-01');
  await expect(valueOf('Destination host')).toHaveText('LAB-HV-02');
  await expect(details).toContainText(/Moved LAB-VM-01 to LAB-HV-02/);
  await valueOf('Measured downtime').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/lab-job.png' });
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'VMs and Hosts' }).click();

  // LAB-VM-01 now runs under LAB-HV-02, in the tree's VM list and in Lab Status.
  await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('');
  await treeItem(page, 'LAB-HV-02').click();
  await expect(page.getByRole('region', { name: 'Virtual machines' }).getByRole('heading', { name: 'LAB-HV-02' })).toBeVisible();
  await expect(vmGrid(page).getByRole('row', { name: /^LAB-VM-01\b/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Home' }).click();
  await ribbonButton(page, 'Lab Status').click();
  await expect(status.getByRole('table', { name: 'Lab VMs' }).getByRole('row', { name: /^LAB-VM-01\b/ })).toContainText('LAB-HV-02');
  await expect(status.getByRole('table', { name: 'Lab VMs' }).getByRole('row', { name: /^LAB-VM-01\b/ })).toContainText('Running');
  await status.getByRole('button', { name: 'Close' }).click();

  // Stop Lab: the VMs end and the Lab host group leaves the tree.
  await ribbonButton(page, 'Stop Lab').click();
  await expect(tree(page).getByRole('treeitem', { name: 'Lab', exact: true })).toHaveCount(0, { timeout: 30_000 });
  for (const host of LAB_HOSTS) await expect(treeItem(page, host)).toHaveCount(0);
  await expect(
    jobsPane(page)
      .getByRole('grid', { name: 'Jobs' })
      .getByRole('row', { name: /Stop lab/ }),
  ).toContainText('Completed');
});
