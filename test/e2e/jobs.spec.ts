import type { Locator, Page } from '@playwright/test';
import { jobsGrid, migrateToHvTo02, setSimulatorSpeed, showHost } from './console.js';
import { expect, test } from './fixtures.js';

// The Jobs pane, the Jobs workspace and host details against the real backend and its simulated connector, on the
// demo estate. HV-TO-01 and HV-TO-02 are nodes of CL-TO-19, which sets no maximum of parallel migrations, so
// each host's own limit of 2 simultaneous live migrations applies; three HA VMs on HV-TO-01 live-migrate to
// HV-TO-02 on the cluster's shared storage (docs/demo-estate.md).

const MOVES = ['Magazzino-Torino', 'DC-TO-01', 'ERP-TO-APP-01'] as const;
const [first, second, third] = MOVES;

const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const jobsPane = (page: Page) => page.getByRole('region', { name: 'Jobs', exact: true });
const jobRow = (grid: Locator, vm: string) => grid.getByRole('row', { name: new RegExp(`Migrate virtual machine ${vm} to HV-TO-02`) });
const details = (page: Page) => page.getByRole('complementary', { name: 'Details' });

test('three live moves off a host with a limit of 2: the third queues with its reason, then runs; one is canceled', async ({ page, ferry }) => {
  test.setTimeout(150_000);
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
  // The slowest speed: each move then takes a minute or more, so the queue can be watched.
  await setSimulatorSpeed(page, '0.1');
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Simulator 0.1× real time');

  for (const vm of MOVES) await migrateToHvTo02(page, vm);

  // Two run; the third waits for a live-migration slot, saying where and its place in the queue.
  const pane = jobsPane(page);
  await expect(jobRow(jobsGrid(page), first)).toContainText('Running');
  await expect(jobRow(jobsGrid(page), second)).toContainText('Running');
  const queued = jobRow(jobsGrid(page), third);
  await expect(queued).toContainText('Queued');
  await expect(queued).toContainText(/Waiting for a live-migration slot on HV-TO-0[12] \(2 of 2 in use\), position 1/);
  await queued.click();
  const jobDetails = pane.getByRole('region', { name: 'Job details' });
  await expect(jobDetails.getByRole('heading', { name: `Migrate virtual machine ${third} to HV-TO-02` })).toBeVisible();
  await expect(jobDetails).toContainText(/waiting for a live-migration slot on HV-TO-0[12] \(2 of 2 in use\), position 1/i);

  // The VM list's Job status column and the source host's details follow the jobs.
  await showHost(page, 'HV-TO-01');
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${first}\\b`) })).toContainText('Running');
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${third}\\b`) })).toContainText('Queued');
  const inFlight = details(page).getByRole('region', { name: 'Migrations in progress' });
  await expect(inFlight).toContainText('2 of 2 in use');
  await expect(inFlight).toContainText(`${first} to HV-TO-02`);
  await expect(inFlight).toContainText(`${second} to HV-TO-02`);
  await expect(inFlight).toContainText('1 move waiting for a slot here');
  await inFlight.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/jobs-pane.png' });

  // Cancel the second while it runs: the queued one takes its slots and runs.
  await jobRow(jobsGrid(page), second).click();
  await jobDetails.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(jobRow(jobsGrid(page), second)).toContainText('Canceled');
  await expect(jobRow(jobsGrid(page), third)).toContainText('Running');
  await expect(jobDetails).toContainText(`Canceled: ${second} is still running on HV-TO-01, with nothing lost.`);
  await expect(jobDetails.getByRole('button', { name: 'Restart' })).toBeEnabled();
  // The canceled VM stays on its source, while the other two are still moving.
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${second}\\b`) })).toContainText('Canceled');
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${second}\\b`) })).toContainText('HV-TO-01');

  // The Jobs workspace lists every job, with the selected one's steps and transfer below.
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: /^Jobs/ }).click();
  const all = page.getByRole('grid', { name: 'All jobs' });
  await expect(all).toBeVisible();
  await expect(jobsPane(page)).toHaveCount(0);
  await jobRow(all, third).click();
  const wide = page.getByRole('region', { name: 'Job details' });
  await expect(wide.getByRole('list', { name: 'Steps' }).getByRole('listitem')).toHaveCount(4);
  await expect(wide).toContainText('Live-migrate memory');
  await expect(wide).toContainText('Data sent');
  await expect(wide).toContainText('Time left');
  await expect(jobRow(all, first)).toContainText('Running');
  await page.screenshot({ path: 'test-results/screenshots/jobs-workspace.png' });

  // Speed up so the moves finish, then check what the estate shows.
  await setSimulatorSpeed(page, '200');
  await expect(jobRow(all, first)).toContainText(/Completed/);
  await expect(jobRow(all, third)).toContainText(/Completed/);
  await expect(wide).toContainText('Measured downtime');
  await expect(wide).toContainText(/Moved ERP-TO-APP-01 to HV-TO-02 in/);
  await page
    .getByRole('tablist', { name: 'Show' })
    .getByRole('tab', { name: /^Canceled/ })
    .click();
  await expect(all.getByRole('row')).toHaveCount(2);
  await expect(jobRow(all, second)).toContainText('Canceled');

  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'VMs and Hosts' }).click();
  await showHost(page, 'HV-TO-02');
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${first}\\b`) })).toContainText('HV-TO-02');
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${third}\\b`) })).toContainText('HV-TO-02');
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${second}\\b`) })).toHaveCount(0);
  await expect(details(page).getByRole('region', { name: 'Migrations in progress' })).toContainText('0 of 2 in use');
  await showHost(page, 'HV-TO-01');
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${second}\\b`) })).toBeVisible();
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${first}\\b`) })).toHaveCount(0);
  await expect(vmGrid(page).getByRole('row', { name: new RegExp(`^${third}\\b`) })).toHaveCount(0);
});

test('a canceled move restarts from the ribbon as a new job that says what it restarted', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
  await setSimulatorSpeed(page, '0.2');
  await migrateToHvTo02(page, first);
  const row = jobRow(jobsGrid(page), first);
  await expect(row).toContainText('Running');
  await row.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Cancel' }).click();
  await expect(row).toContainText('Canceled');

  await page.getByRole('tab', { name: 'Home' }).click();
  await page.getByRole('button', { name: 'Restart Job' }).click();
  const jobDetails = jobsPane(page).getByRole('region', { name: 'Job details' });
  await expect(jobDetails.getByText('Restarted from')).toBeVisible();
  await expect(jobsGrid(page).getByRole('row', { name: new RegExp(`Migrate virtual machine ${first} to HV-TO-02`) })).toHaveCount(2);
  await expect(jobDetails.getByRole('button', { name: 'Cancel', exact: true })).toBeEnabled();
});

test('the simulator speed is checked as it is typed', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(vmGrid(page)).toBeVisible();
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Options…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Options' });
  const field = dialog.getByRole('textbox', { name: 'Simulator speed' });
  await expect(field).toHaveValue('10');
  await field.fill('5000');
  await expect(dialog.getByText('Enter a number from 0.1 to 3,600.')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await field.fill('25');
  await expect(dialog.getByText('Enter a number from 0.1 to 3,600.')).toBeHidden();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Simulator 25× real time');
  // Saved in the backend: a reload shows it.
  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Simulator 25× real time');
});
