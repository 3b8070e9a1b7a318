import { defineConfig } from '@playwright/test';

// End-to-end tests in Debian's Chromium against the headless host (test/e2e/fixtures.ts starts one
// per test on a private database), and a subset over the Electron stand-in's IPC (see projects). Playwright's own browser download is not used.
export const config = defineConfig<{ transport: 'websocket' | 'electron-standin' }>({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium' },
    // A real subset of the specs again, over IPC: the desktop app's unchanged main process and preload on a
    // stand-in of Electron's API (test/electron-standin), with the page as its window. Not Electron itself.
    {
      name: 'Electron stand-in',
      use: { transport: 'electron-standin' },
      testMatch: ['console.spec.ts', 'wizards.spec.ts', 'host-settings.spec.ts'],
      grep: [/the console loads the demo estate/, /a Live move between standalone hosts/, /performance option becomes the wizard's default/],
    },
  ],
});

export default config;
