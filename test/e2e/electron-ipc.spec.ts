import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Job } from '../../shared/model/job.js';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { jobsGrid } from './console.js';
import { expect, startDesktopApp, test } from './fixtures.js';

// The desktop app's IPC path in a real browser engine, on the ELECTRON STAND-IN (test/electron-standin):
// the unchanged built main process (electron.ts, bind-ipc.ts) and preload (preload.ts) run against a
// stand-in of the Electron APIs they call, with a Chromium page as the window. Electron itself can't be
// downloaded here; README "The Electron stand-in" says what the stand-in does and does not cover.

const demo = JSON.parse(readFileSync('resources/demo-inventory.json', 'utf8')) as InventoryDocument;
const tree = (page: Page) => page.getByRole('tree', { name: 'Host groups, clusters and hosts' });
const vmGrid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });
const statusBar = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

/** Starts the desktop app on the stand-in with this test's page as its window; stops it after the test. */
async function desktop(page: Page) {
  const app = await startDesktopApp(page);
  test.info().attachments.push({ name: 'database', contentType: 'text/plain', body: Buffer.from(app.server.databasePath) });
  return app;
}

test('the console loads the demo estate over IPC, with no WebSocket (Electron stand-in)', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const app = await desktop(page);
  try {
    await expect(
      tree(page)
        .getByRole('treeitem', { name: /All Hosts/ })
        .first(),
    ).toBeVisible();
    await expect(page.getByText(`${demo.vms.length} virtual machines`)).toBeVisible();
    await expect(statusBar(page)).toContainText('Inventory: Built-in demo estate');
    await expect(statusBar(page)).toContainText(`${demo.hosts.length} hosts`);
    // The console took the preload's window.ferry, so every request went over IPC.
    expect(await page.evaluate(() => typeof (window as { ferry?: unknown }).ferry)).toBe('object');
    expect(sockets).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/electron-standin-console.png' });
  } finally {
    await app.stop();
  }
});

test('a live migration runs to completion, its progress arriving as IPC event batches (Electron stand-in)', async ({ page }) => {
  const app = await desktop(page);
  try {
    await expect(vmGrid(page)).toBeVisible();
    // Listens as the console does: window.ferry.on, through the preload's ipcRenderer.on, fed by webContents.send.
    await page.evaluate(() => {
      const w = window as unknown as { ferry: { on: (e: string, l: (p: { jobs: Job[] }) => void) => void }; seen: [string, string, number][] };
      w.seen = [];
      w.ferry.on('jobs.changed', (p) => w.seen.push(...p.jobs.map((j): [string, string, number] => [j.name, j.status, j.progress])));
    });
    await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('Magazzino-Torino');
    await vmGrid(page)
      .getByRole('row', { name: /^Magazzino-Torino\b/ })
      .click();
    await page.getByRole('tab', { name: 'Virtual Machine' }).click();
    await page.getByRole('button', { name: 'Migrate Virtual Machine', exact: true }).click();
    const wizard = page.getByRole('dialog', { name: 'Migrate VM Wizard' });
    await wizard
      .getByRole('grid', { name: 'Destination hosts' })
      .getByRole('row', { name: /\bHV-TO-02\b/ })
      .click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Move' }).click();
    await expect(wizard).toBeHidden();
    const row = jobsGrid(page).getByRole('row', { name: /Migrate virtual machine Magazzino-Torino to HV-TO-02/ });
    await expect(row).toContainText('Completed', { timeout: 60_000 });
    const seen = (await page.evaluate(() => (window as unknown as { seen: [string, string, number][] }).seen)).filter(([name]) =>
      name.includes('Magazzino-Torino'),
    );
    const running = seen.filter(([, status, progress]) => status === 'Running' && progress > 0 && progress < 100);
    expect(running.length, `progress batches while running: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
    const progress = seen.map(([, , p]) => p);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(seen.at(-1)?.slice(1)).toEqual(['Completed', 100]);
    // The VM now lives on HV-TO-02, as the inventory over IPC says.
    await page.getByRole('searchbox', { name: 'Filter by name or host' }).fill('Magazzino-Torino');
    await expect(vmGrid(page).getByRole('row', { name: /^Magazzino-Torino\b/ })).toContainText('HV-TO-02');
  } finally {
    await app.stop();
  }
});

test('Hyper-V Settings applies a change over IPC, and it is there when the dialog opens again (Electron stand-in)', async ({ page }) => {
  const app = await desktop(page);
  try {
    await tree(page).getByRole('treeitem', { name: 'HV-RM-01', exact: true }).click();
    const open = async () => {
      await page.getByRole('tab', { name: 'Host', exact: true }).click();
      await page.getByRole('button', { name: /Hyper.V Settings/ }).click();
      const dialog = page.getByRole('dialog', { name: /Hyper.V Settings for HV-RM-01$/ });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('tab', { name: /^Advanced Features,/ }).click();
      return dialog;
    };
    let dialog = await open();
    await dialog.getByRole('radio', { name: 'SMB' }).click();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(jobsGrid(page).getByRole('row', { name: /Change Hyper-V settings of HV-RM-01/ })).toContainText('Completed');
    dialog = await open();
    await expect(dialog.getByRole('radio', { name: 'SMB' })).toBeChecked();
  } finally {
    await app.stop();
  }
});

test("a request from a frame other than the app's is refused by bind-ipc; the app's own page is answered (Electron stand-in)", async ({ page }) => {
  const app = await desktop(page);
  try {
    await expect(vmGrid(page)).toBeVisible();
    const invoke = (p: Page, channel: string) =>
      p.evaluate((c) => (window as unknown as { ferry: { invoke: (c: string, a: unknown) => Promise<unknown> } }).ferry.invoke(c, {}), channel);
    expect(await invoke(page, 'app.info')).toMatchObject({ ok: true });
    // Another origin's page in the same session, where the preload (and so window.ferry) runs too.
    const elsewhere = 'https://elsewhere.electron-standin.invalid';
    await page.context().route(`${elsewhere}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title>' }));
    const foreign = await page.context().newPage();
    await foreign.goto(`${elsewhere}/`);
    expect(await invoke(foreign, 'app.info')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Requests are accepted only from the Ferry console page.' },
    });
    expect(await invoke(foreign, 'inventory.import')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The preload refuses a channel outside the contract before it reaches ipcMain.
    expect(await invoke(page, 'shell.exec')).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    await foreign.close();
  } finally {
    await app.stop();
  }
});
