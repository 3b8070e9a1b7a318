import type { Page } from '@playwright/test';

/** The VM grid's selector. */
export const VM_GRID = '[role="grid"][aria-label="Virtual machines"]';

const GRID_JS = VM_GRID.replace(/"/g, '\\"');

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
window.__ferryGrid = () => document.querySelector('${GRID_JS}');
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

/** Installs the sort and filter probes in the page (the page must bypass CSP: they are evaluated as text). */
export const installProbes = (page: Page): Promise<void> => page.evaluate(PROBES);

/** Opens the console and answers the milliseconds from navigation start to the first VM row on screen. */
export async function timeFirstRows(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(`document.querySelector('${GRID_JS} [role="row"][aria-rowindex="2"]') ? performance.now() : 0`, undefined, {
    polling: 'raf',
    timeout: 60_000,
  });
  return (await handle.jsonValue()) as number;
}

/** Waits until the VM grid lists `vms` rows (a large estate arrives page by page after its first rows) and answers when, from navigation start. */
export async function timeAllRows(page: Page, vms: number): Promise<number> {
  const handle = await page.waitForFunction(
    `document.querySelector('${GRID_JS}')?.getAttribute('aria-rowcount') === '${vms + 1}' ? performance.now() : 0`,
    undefined,
    {
      polling: 'raf',
      timeout: 120_000,
    },
  );
  return (await handle.jsonValue()) as number;
}

/** Clicks a column header and answers the milliseconds until the first row shows the new order. */
export const timeSort = (page: Page, column: string): Promise<number> => page.evaluate(`window.__ferrySort(${JSON.stringify(column)})`);

/** Types a filter and answers the milliseconds until the row count shows the filtered list. */
export const timeFilter = (page: Page, text: string): Promise<number> => page.evaluate(`window.__ferryFilter(${JSON.stringify(text)})`);

/** The columns the sort probes click in turn. */
export const SORT_COLUMNS = ['Memory', 'Name', 'Host', 'Configuration version'];

/** The filters the filter probes type in turn. */
export const FILTER_QUERIES = ['sql', 'web', 'hv-0', 'app', 'dc'];

/**
 * Installs the probes, then times `count` sorts (cycling through `SORT_COLUMNS`) and `count` filters (cycling through
 * `FILTER_QUERIES`, each cleared after): the milliseconds from click or keystroke to the rows painted.
 */
export async function timeSortsAndFilters(page: Page, count: number): Promise<{ sorts: number[]; filters: number[] }> {
  await installProbes(page);
  const sorts: number[] = [];
  for (let i = 0; i < count; i++) sorts.push(await timeSort(page, SORT_COLUMNS[i % SORT_COLUMNS.length]));
  const filters: number[] = [];
  for (let i = 0; i < count; i++) {
    filters.push(await timeFilter(page, FILTER_QUERIES[i % FILTER_QUERIES.length]));
    await timeFilter(page, '');
  }
  return { sorts, filters };
}
