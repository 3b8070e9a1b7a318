import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from './app-services.js';

// The console loads the estate page by page; every window asks for the same pages, so they are kept
// per revision (the headless host then reuses their JSON), and a change makes new ones.
let dir: string;
let s: AppServices;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-inventory-page-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db') });
  expect((await s.inventory.importText('demo.json', readFileSync('resources/demo-inventory.json', 'utf8'))).ok).toBe(true);
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the estate in pages', () => {
  it('pages hold every VM of the estate once, and the first page its hosts', () => {
    const whole = s.inventory.snapshot();
    const first = s.inventory.page(0, 3);
    expect(first.revision).toBe(whole.revision);
    expect(first.estate?.hosts).toEqual(whole.inventory.hosts);
    const names = [...first.vms];
    for (let offset = 3; offset < first.vmTotal; offset += 3) names.push(...s.inventory.page(offset, 3).vms);
    expect(names.map((v) => v.id).sort()).toEqual(whole.inventory.vms.map((v) => v.id).sort());
  });

  it('keeps a bounded number of pages however many odd pages a client asks for, and still answers each rightly', () => {
    const total = s.inventory.page(0, 1).vmTotal;
    for (let i = 0; i < 400; i++) {
      const offset = i % total;
      const limit = 1 + (i % 7);
      expect(s.inventory.page(offset, limit).vms.length).toBe(Math.min(limit, total - offset));
    }
    expect(s.inventory.pagesKept()).toBeLessThanOrEqual(128);
    expect(s.inventory.page(total + 10, 5).vms).toEqual([]);
  });

  it('answers the same page for the same revision, and a new one after a change', () => {
    const first = s.inventory.page(0, 3);
    expect(s.inventory.page(0, 3)).toBe(first);
    const vm = s.inventory.snapshot().inventory.vms.find((v) => v.name === 'WEB-RM-01')!;
    s.inventory.applyMove({
      vm: 'web-rm-01',
      destinationHost: 'hv-rm-02',
      configurationPath: vm.configurationPath,
      disks: vm.disks.map((d) => d.path),
      memoryMB: vm.memoryMB,
      addDefaultLocation: null,
    });
    const after = s.inventory.page(0, 3);
    expect(after).not.toBe(first);
    expect(after.revision).toBe(first.revision + 1);
  });
});
