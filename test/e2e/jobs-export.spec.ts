import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { migrateToHvTo02, setSimulatorSpeed } from './console.js';
import { expect, test } from './fixtures.js';

// Export in the Jobs workspace: the jobs listed, downloaded as CSV and as JSON, a move with its predicted and actual times.

async function exportAs(page: Page, item: RegExp): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('a completed move exports as CSV and JSON with predicted against actual duration and downtime', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await setSimulatorSpeed(page, '3600');
  await migrateToHvTo02(page, 'DC-TO-01');
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: /^Jobs/ }).click();
  const all = page.getByRole('grid', { name: 'All jobs' });
  await expect(all.getByRole('row', { name: /Migrate virtual machine DC-TO-01 to HV-TO-02/ })).toContainText('Completed');

  const csv = await exportAs(page, /CSV/);
  expect(csv.name).toMatch(/^ferry-jobs-\d{8}-\d{4}\.csv$/);
  const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines.at(-1)).toBe('');
  const header = lines[0].split(',');
  expect(header).toEqual([
    'id',
    'name',
    'kind',
    'status',
    'vm',
    'source',
    'destination',
    'transfer_type',
    'queued',
    'started',
    'ended',
    'actual_duration_s',
    'predicted_duration_s',
    'actual_downtime_ms',
    'predicted_downtime_ms',
    'error_problem',
  ]);
  const move = lines.map((l) => l.split(',')).find((cells) => cells[4] === 'DC-TO-01');
  const cell = (name: string) => move?.[header.indexOf(name)];
  expect(cell('status')).toBe('Completed');
  expect(cell('transfer_type')).toBe('Live');
  for (const name of ['actual_duration_s', 'predicted_duration_s', 'actual_downtime_ms', 'predicted_downtime_ms'])
    expect(Number(cell(name))).toBeGreaterThan(0);

  const json = await exportAs(page, /JSON/);
  expect(json.name).toMatch(/\.json$/);
  const rows = JSON.parse(json.text) as Record<string, unknown>[];
  expect(rows.find((r) => r.vm === 'DC-TO-01')).toMatchObject({ source: 'HV-TO-01', destination: 'HV-TO-02', predicted_duration_s: expect.any(Number) });
});
