import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// A web page the admin opens, served from another port of this machine, that points images, fetches
// and a WebSocket at Ferry with addresses no console would use (`//`, bad percent-escapes). The
// browser sends them, with Ferry's cookie when the admin has the console open (127.0.0.1 on another
// port is the same site). Ferry must answer each with an error and keep serving: before, `GET //`
// ended the process, token or not, and every running move with it.

/** The foreign page's HTML: every request it makes goes to Ferry at `port`. */
function foreignPage(port: number): string {
  const ferry = `http://127.0.0.1:${port}`;
  const targets = ['//', '///', '/%', '/%zz', '/%E0%A4%A', '//example.com/'];
  return `<!doctype html><meta charset="utf-8"><title>Another site</title><h1>Another site</h1>
${targets.map((t) => `<img src="${ferry}${t}" alt="">`).join('\n')}
<script>
  window.done = Promise.allSettled([
    ${targets.map((t) => `fetch(${JSON.stringify(ferry + t)}, { mode: 'no-cors', credentials: 'include' })`).join(',\n    ')},
    new Promise((resolve) => { const ws = new WebSocket('ws://127.0.0.1:${port}//ws'); ws.onclose = resolve; ws.onerror = resolve; }),
  ]).then((all) => all.length);
</script>`;
}

/** Serves the foreign page on a port of its own. */
async function startForeignSite(ferryPort: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(foreignPage(ferryPort));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Opens the foreign page and waits until every request it made to Ferry has ended. */
async function visitForeignPage(page: Page, ferryPort: number): Promise<void> {
  const site = await startForeignSite(ferryPort);
  try {
    await page.goto(site.url);
    await expect(page.getByRole('heading', { name: 'Another site' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { done: Promise<number> }).done)).toBe(7);
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  } finally {
    await site.close();
  }
}

/** Ferry answers: the console loads its estate and a request over its WebSocket is answered. */
async function consoleWorks(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(
    page
      .getByRole('tree', { name: 'Host groups, clusters and hosts' })
      .getByRole('treeitem', { name: /All Hosts/ })
      .first(),
  ).toBeVisible();
  await page.reload();
  await expect(
    page
      .getByRole('tree', { name: 'Host groups, clusters and hosts' })
      .getByRole('treeitem', { name: /All Hosts/ })
      .first(),
  ).toBeVisible();
}

test('a page on another port sending malformed requests to Ferry, with no token, does not stop it', async ({ page, ferry }) => {
  const port = Number(new URL(ferry.origin).port);
  await visitForeignPage(page, port);
  await page.screenshot({ path: 'test-results/screenshots/foreign-page.png' });
  await consoleWorks(page, ferry.url);
});

test("the same page opened while the console is open (the browser sends Ferry's cookie) does not stop it either", async ({ page, ferry }) => {
  const port = Number(new URL(ferry.origin).port);
  await consoleWorks(page, ferry.url);
  const foreign = await page.context().newPage();
  await visitForeignPage(foreign, port);
  await foreign.close();
  await page.reload();
  await expect(
    page
      .getByRole('tree', { name: 'Host groups, clusters and hosts' })
      .getByRole('treeitem', { name: /All Hosts/ })
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/foreign-page-console-after.png' });
});
