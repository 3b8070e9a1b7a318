import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  LAB_GUEST_FORMAT,
  labGuestBuild,
  labGuestDir,
  LabGuestError,
  labGuestFind,
  labGuestInitSource,
  type LabGuest,
  type LabGuestStamp,
} from './lab-guest.js';
import { QEMU_BINARY } from './qemu-version.js';

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-lab-guest-test-'));
  temps.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

/** Runs `fn` with PATH holding only symlinks to the named tools, so the others look uninstalled. */
async function withOnlyTools<T>(tools: string[], fn: () => Promise<T>): Promise<T> {
  const bin = join(await tempDir(), 'bin');
  await mkdir(bin);
  for (const t of tools) await symlink(`/usr/bin/${t}`, join(bin, t));
  const saved = process.env.PATH;
  process.env.PATH = bin;
  try {
    return await fn();
  } finally {
    process.env.PATH = saved;
  }
}

async function rejection(p: Promise<unknown>): Promise<LabGuestError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LabGuestError);
    return e as LabGuestError;
  }
  throw new Error('expected a LabGuestError');
}

/** A guest folder with a stamp and stand-in kernel/initrd files (no download), built for `initSource`'s text. */
async function fakeGuest(initText: string): Promise<{ dir: string; initSource: string; stamp: LabGuestStamp }> {
  const root = await tempDir();
  const dir = join(root, 'guest');
  const initSource = join(root, 'init.c');
  await mkdir(dir);
  await writeFile(initSource, initText);
  await writeFile(join(dir, 'vmlinuz'), Buffer.alloc(1000, 1));
  await writeFile(join(dir, 'initramfs.gz'), Buffer.alloc(100, 2));
  const stamp: LabGuestStamp = {
    format: LAB_GUEST_FORMAT,
    initSha256: createHash('sha256').update(initText).digest('hex'),
    kernelPackage: 'linux-image-6.1.0-99-amd64',
    kernelVersion: '6.1.999-1',
    kernelBytes: 1000,
    initrdBytes: 100,
    builtAt: '2025-01-02T03:04:05.000Z',
  };
  await writeFile(join(dir, 'guest.json'), JSON.stringify(stamp));
  return { dir, initSource, stamp };
}

describe('labGuestDir', () => {
  it('uses FERRY_LAB_GUEST_DIR, else the XDG cache, else ~/.cache', () => {
    expect(labGuestDir({ FERRY_LAB_GUEST_DIR: '/srv/guest', XDG_CACHE_HOME: '/x' })).toBe('/srv/guest');
    expect(labGuestDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/ferry/lab-guest');
    expect(labGuestDir({})).toMatch(/\/\.cache\/ferry\/lab-guest$/);
  });
});

describe('labGuestFind', () => {
  it('finds a guest whose stamp matches the init source and the kernel', async () => {
    const { dir, initSource, stamp } = await fakeGuest('int main(void) { return 0; }\n');
    const kernel = { package: stamp.kernelPackage, version: stamp.kernelVersion };
    expect(await labGuestFind(dir, { initSource, kernel })).toEqual({
      kernel: join(dir, 'vmlinuz'),
      initrd: join(dir, 'initramfs.gz'),
      kernelPackage: 'linux-image-6.1.0-99-amd64',
      kernelVersion: '6.1.999-1',
      builtAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('returns null when init.c changed, and leaves the kernel alone', async () => {
    const { dir, initSource } = await fakeGuest('int main(void) { return 0; }\n');
    const before = await stat(join(dir, 'vmlinuz'));
    await writeFile(initSource, 'int main(void) { return 1; }\n');
    expect(await labGuestFind(dir, { initSource })).toBeNull();
    const after = await stat(join(dir, 'vmlinuz'));
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  });

  it('returns null when apt now resolves a different kernel package or version', async () => {
    const { dir, initSource, stamp } = await fakeGuest('x');
    expect(await labGuestFind(dir, { initSource, kernel: { package: 'linux-image-6.1.0-100-amd64', version: stamp.kernelVersion } })).toBeNull();
    expect(await labGuestFind(dir, { initSource, kernel: { package: stamp.kernelPackage, version: '6.1.1000-1' } })).toBeNull();
  });

  it('returns null for a missing or truncated kernel, a bad stamp, an old recipe or no folder at all', async () => {
    const a = await fakeGuest('x');
    await writeFile(join(a.dir, 'vmlinuz'), Buffer.alloc(10));
    expect(await labGuestFind(a.dir, { initSource: a.initSource })).toBeNull();
    const b = await fakeGuest('x');
    await rm(join(b.dir, 'initramfs.gz'));
    expect(await labGuestFind(b.dir, { initSource: b.initSource })).toBeNull();
    const c = await fakeGuest('x');
    await writeFile(join(c.dir, 'guest.json'), '{ not json');
    expect(await labGuestFind(c.dir, { initSource: c.initSource })).toBeNull();
    const d = await fakeGuest('x');
    await writeFile(join(d.dir, 'guest.json'), JSON.stringify({ ...d.stamp, format: LAB_GUEST_FORMAT - 1 }));
    expect(await labGuestFind(d.dir, { initSource: d.initSource })).toBeNull();
    expect(await labGuestFind(join(d.dir, 'nowhere'), { initSource: d.initSource })).toBeNull();
  });

  it('says which init source it could not read', async () => {
    const err = await rejection(labGuestFind(await tempDir(), { initSource: '/nonexistent/init.c' }));
    expect(err.reason).toBe('init-source-missing');
    expect(err.message).toContain('/nonexistent/init.c');
  });
});

describe('labGuestBuild failures', () => {
  it("reports a compile error with gcc's message and leaves no half-built guest or temp folder", async () => {
    const root = await tempDir();
    const initSource = join(root, 'init.c');
    await writeFile(initSource, 'int main(void) { this is not C; }\n');
    const dir = join(root, 'guest');
    const err = await rejection(labGuestBuild({ dir, initSource }));
    expect(err.reason).toBe('compile-failed');
    expect(err.message).toMatch(/gcc could not build .*init\.c: .*error/);
    expect(readdirSync(root).sort()).toEqual(['init.c']);
  });

  it('says to install gcc and libc6-dev when gcc is missing', async () => {
    const root = await tempDir();
    const err = await withOnlyTools(['apt-cache'], () => rejection(labGuestBuild({ dir: join(root, 'guest') })));
    expect(err.reason).toBe('gcc-missing');
    expect(err.message).toContain('apt-get install gcc libc6-dev');
    expect(readdirSync(root)).toEqual([]);
  });

  it('says the guest is built from Debian packages when apt is not there', async () => {
    const root = await tempDir();
    const err = await withOnlyTools([], () => rejection(labGuestBuild({ dir: join(root, 'guest') })));
    expect(err.reason).toBe('apt-missing');
    expect(err.message).toMatch(/apt-cache was not found.*Debian packages/);
  });

  it('says to run apt-get update when apt knows no kernel (no package lists) and nothing is cached', async () => {
    const root = await tempDir();
    const bin = join(root, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'apt-cache'), '#!/bin/sh\necho "E: No packages found" >&2\nexit 100\n', { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      const err = await rejection(labGuestBuild({ dir: join(root, 'guest') }));
      expect(err.reason).toBe('kernel-unresolved');
      expect(err.message).toContain('E: No packages found');
      expect(err.message).toContain('Run "apt-get update"');
      expect(err.message).toContain("Debian's package registry");
    } finally {
      process.env.PATH = saved;
    }
    expect(readdirSync(root)).toEqual(['bin']);
  });

  it('uses a cached guest with the same init.c when apt cannot be asked about the kernel', async () => {
    const { dir, initSource, stamp } = await fakeGuest('int main(void) { return 0; }\n');
    const guest = await withOnlyTools([], () => labGuestBuild({ dir, initSource }));
    expect(guest.builtAt).toBe(stamp.builtAt);
  });

  it('refuses to replace a folder that is not a lab guest', async () => {
    const root = await tempDir();
    const dir = join(root, 'mine');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    const err = await rejection(labGuestBuild({ dir }));
    expect(err.reason).toBe('dir-not-guest');
    expect(err.message).toContain('FERRY_LAB_GUEST_DIR');
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('the built guest (default cache folder, built once)', () => {
  let guest: LabGuest;
  let qemu: ChildProcess | undefined;

  beforeAll(async () => {
    guest = await labGuestBuild();
  }, 10 * 60_000);

  afterEach(() => {
    qemu?.kill('SIGKILL');
    qemu = undefined;
  });

  it('is up to date once built: a second build returns the same guest without rebuilding', async () => {
    expect(await labGuestFind()).toEqual(guest);
    expect(await labGuestBuild()).toEqual(guest);
    expect(guest.kernelPackage).toMatch(/^linux-image-\d.*-amd64$/);
    expect((await readFile(labGuestInitSource(), 'utf8')).length).toBeGreaterThan(0);
  });

  it('boots under QEMU (TCG) to FERRY READY and heartbeats with no memory errors', async () => {
    const work = await tempDir();
    const log = join(work, 'serial.log');
    qemu = spawn(
      QEMU_BINARY,
      [
        '-accel',
        'tcg',
        '-m',
        '256',
        '-nodefaults',
        '-display',
        'none',
        '-no-reboot',
        '-kernel',
        guest.kernel,
        '-initrd',
        guest.initrd,
        '-append',
        'console=ttyS0 quiet panic=-1 ferry_mem=32 ferry_rate=5',
        '-serial',
        `file:${log}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    qemu.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    let exit: string | undefined;
    qemu.on('exit', (code, signal) => (exit = `QEMU exited (${code ?? signal}): ${stderr.trim()}`));

    const deadline = Date.now() + 60_000;
    let text = '';
    let heartbeats: string[] = [];
    while (Date.now() < deadline && !exit) {
      text = existsSync(log) ? await readFile(log, 'utf8') : '';
      heartbeats = text.split(/\r?\n/).filter((l) => l.startsWith('FERRY HB ') && l.includes('up_ms='));
      if (text.includes('FERRY READY') && heartbeats.length >= 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(exit).toBeUndefined();
    expect(text).toMatch(/FERRY READY mem=32MiB rate=5MiB\/s/);
    expect(heartbeats.length, `serial log:\n${text}`).toBeGreaterThanOrEqual(2);
    for (const hb of heartbeats) expect(hb).toMatch(/ errors=0$/);
    expect(text).not.toContain('FERRY CORRUPT');
  }, 90_000);
});
