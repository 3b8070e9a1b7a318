import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// Help > Diagnostics…: the checks of `ferry doctor`, run by the backend that serves the console.

// The checks start Chromium, QEMU and PowerShell (each given up to 20 s by the doctor): on a loaded machine the table
// can take longer than an expectation's default wait.
const CHECKS_RUN = 45_000;
test.setTimeout(120_000);

const row = (page: Page, check: string) => page.getByRole('dialog', { name: 'Diagnostics' }).getByRole('row', { name: new RegExp(`^${check}`) });

test('Help > Diagnostics lists every check with its status, what was found and how to fix it', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Diagnostics…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Diagnostics' });
  await expect(dialog.getByRole('table', { name: 'Diagnostic checks' })).toBeVisible({ timeout: CHECKS_RUN });
  await expect(dialog.getByRole('row')).toHaveCount(10);
  // The headless host runs on Node: its SQLite module loads, and the database is the one it serves.
  await expect(row(page, 'SQLite module for Node')).toContainText('OK');
  await expect(row(page, 'Database')).toContainText('OK');
  await expect(row(page, 'Database')).toContainText(ferry.databasePath);
  // What the console does not need is Optional, with its fix: a machine without Electron's binary, here.
  const electron = row(page, 'Electron \\(the desktop window\\)');
  await expect(electron).toContainText(/OK|Optional/);
  await expect(dialog.getByText('Everything the console needs is here.', { exact: false })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/diagnostics.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('Guida > Diagnostica speaks Italian: checks, statuses and fixes from the catalogue', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitemradio', { name: 'Italiano' }).click();
  await page.getByRole('button', { name: 'Guida', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Diagnostica…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Diagnostica' });
  const table = dialog.getByRole('table', { name: 'Controlli di diagnostica' });
  await expect(table.getByRole('row', { name: /^Modulo SQLite per Node/ })).toContainText('OK', { timeout: CHECKS_RUN });
  await expect(table.getByRole('columnheader', { name: 'Come risolvere' })).toBeVisible();
  await expect(dialog.getByText('Sono presenti tutti i componenti necessari alla console.', { exact: false })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/diagnostics-it.png' });
});

test('Help > View log shows the log next to the database and its last lines, a finished move among them', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await expect(page.getByRole('grid', { name: 'Virtual machines' })).toBeVisible();
  // Loading the demo estate is a job: its end is logged.
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Load demo estate' }).click();
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  await page.getByRole('menuitem', { name: 'View log…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ferry log' });
  await expect(dialog.getByRole('textbox')).toHaveValue(ferry.databasePath.replace(/\.db$/, '.log'));
  const lines = dialog.getByRole('region', { name: 'Last lines of the log' });
  await expect(lines).toContainText(/INFO {2}\[\d+\] Job [0-9a-f-]{36} "Load demo estate" .* ended Completed/);
  await page.screenshot({ path: 'test-results/screenshots/log.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
