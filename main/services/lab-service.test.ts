import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from './app-services.js';

// The lab refuses what it cannot run, before it creates anything (real QEMU runs in test/integration).

let dir = '';
let s: AppServices | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
  rmSync(dir, { recursive: true, force: true });
});

async function open(qemuBinary?: string): Promise<AppServices> {
  dir = mkdtempSync(join(tmpdir(), 'ferry-lab-svc-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), seedDemo: true, lab: { qemuBinary } });
  return s;
}

describe('starting the lab', () => {
  it('refuses QEMU older than 8, saying why and how to install QEMU 10, and changes nothing', async () => {
    const fake = join(mkdtempSync(join(tmpdir(), 'ferry-fake-qemu-')), 'qemu-system-x86_64');
    writeFileSync(fake, '#!/bin/sh\necho "QEMU emulator version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u16)"\n');
    chmodSync(fake, 0o755);
    const services = await open(fake);
    const hostsBefore = services.inventory.snapshot().inventory.hosts.length;
    const r = await services.lab.start();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/QEMU 7\.2\.19 .* is too old: Ferry needs QEMU 8 or later/);
    expect(r.error.message).toMatch(/bookworm-backports/);
    const job = services.jobs.get((r.error.detail as { jobId: string }).jobId);
    expect(job).toMatchObject({ kind: 'lab', name: 'Start lab', status: 'Failed' });
    expect(job?.steps[0]).toMatchObject({ name: 'Check QEMU', status: 'Failed' });
    expect(services.inventory.snapshot().inventory.hosts).toHaveLength(hostsBefore);
    expect(existsSync(services.lab.store.root)).toBe(false);
    expect((await services.lab.status()).running).toBe(false);
  });

  it('says QEMU is missing, with the install command', async () => {
    const services = await open(join(tmpdir(), 'no-such-qemu-binary'));
    const r = await services.lab.start();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/was not found on PATH.*apt-get install/);
  });

  it('refuses a spec that cannot be built, naming the field, before any job', async () => {
    const services = await open();
    const r = await services.lab.start({ hosts: [{ name: 'LAB-HV-01', address: '10.1.1.1', gbps: 1, nics: 1 }], vms: [] });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid-lab', message: expect.stringMatching(/hosts\[0\]\.address: "10\.1\.1\.1" must be a loopback address/) as string },
    });
    expect(services.jobs.list(10).filter((j) => j.kind === 'lab')).toEqual([]);
  });

  it('stops a lab that never started without complaint', async () => {
    const services = await open();
    const r = await services.lab.stop();
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.job.summary).toBe('Lab stopped: 0 QEMU processes ended, its files removed');
  });
});
