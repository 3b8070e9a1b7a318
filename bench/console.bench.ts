import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import config from '../playwright.config.js';
import { formatInventoryJson, generateInventory } from '../scripts/gen-inventory.js';
import { startFerry } from '../test/e2e/fixtures.js';
import { median, percentile, type BenchRow } from './report.js';

const GRID = '[role="grid"][aria-label="Virtual machines"]';

// In-page probes are plain JavaScript text: tsx's helpers (`__name`) don't exist in the page.
const PROBES = `
window.__ferryTime = (change, observe) => new Promise((resolve) => {
  const before = observe();
  const t0 = performance.now();
  change();
  const poll = () => {
    if (observe() !== before) requestAnimationFrame(() => resolve(performance.now() - t0));
    else requestAnimationFrame(poll);
  };
  poll();
});
window.__ferryGrid = () => document.querySelector('${GRID.replace(/"/g, '\\"')}');
window.__ferrySort = (column) => window.__ferryTime(
  () => [...window.__ferryGrid().querySelectorAll('[role="columnheader"] button')].find((b) => b.textContent === column).click(),
  () => window.__ferryGrid().querySelector('[role="row"][aria-rowindex="2"]')?.textContent ?? '',
);
window.__ferryFilter = (text) => window.__ferryTime(
  () => {
    const input = document.querySelector('input[aria-label="Filter by name or host"]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  },
  () => window.__ferryGrid().getAttribute('aria-rowcount'),
);
`;

/** Clicks a column header and answers the milliseconds until the first row shows the new order. */
const timeSort = (page: Page, column: string): Promise<number> => page.evaluate(`window.__ferrySort(${JSON.stringify(column)})`);

/** Types a filter and answers the milliseconds until the row count shows the filtered list. */
const timeFilter = (page: Page, text: string): Promise<number> => page.evaluate(`window.__ferryFilter(${JSON.stringify(text)})`);

/**
 * The console on a 25,000-VM estate in Debian's Chromium, through the headless host: time to first
 * rows from navigation start, and the time from a click or a keystroke to the re-sorted or filtered
 * rows on screen. Targets: under 1 s, and under 100 ms.
 */
export async function benchConsole(runs = 5): Promise<BenchRow[]> {
  const { server, stop } = await startFerry();
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const file = join(server.dir, 'estate.json');
    writeFileSync(file, formatInventoryJson(generateInventory({ hosts: 1000, vms: 25000, seed: 1 })));
    execFileSync(process.execPath, ['dist/main/cli.mjs', 'import', file, '--db', server.databasePath], { stdio: 'ignore' });

    const firstRows: number[] = [];
    // The probes are evaluated as text, which the console's strict CSP would refuse.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    for (let i = 0; i < runs; i++) {
      await page.goto(server.url);
      const handle = await page.waitForFunction(
        `document.querySelector('${GRID.replace(/"/g, '\\"')} [role="row"][aria-rowindex="2"]') ? performance.now() : 0`,
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      firstRows.push((await handle.jsonValue()) as number);
    }

    await page.evaluate(PROBES);
    const sorts: number[] = [];
    for (let i = 0; i < runs * 2; i++) sorts.push(await timeSort(page, ['Memory', 'Name', 'Host', 'Configuration version'][i % 4]));
    const filters: number[] = [];
    const queries = ['sql', 'web', 'hv-0', 'app', 'dc'];
    for (let i = 0; i < runs * 2; i++) {
      filters.push(await timeFilter(page, queries[i % queries.length]));
      await timeFilter(page, '');
    }
    return [
      { name: 'time to first rows (navigation start to rows on screen), median', value: median(firstRows), unit: 'ms', target: '< 1000 ms' },
      { name: 'sort 25,000 rows (click to re-sorted rows painted), median', value: median(sorts), unit: 'ms', target: '< 100 ms' },
      { name: 'sort 25,000 rows, worst', value: Math.max(...sorts), unit: 'ms' },
      { name: 'filter 25,000 rows (keystroke to filtered rows painted), median', value: median(filters), unit: 'ms', target: '< 100 ms' },
      { name: 'filter 25,000 rows, p90', value: percentile(filters, 90), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await stop();
  }
}
