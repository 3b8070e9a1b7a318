// Runs against a real qemu-system-x86_64 (no mocks). `-machine none` starts at once and needs no guest;
// stop/cont on it still emit STOP/RESUME. If QEMU is missing the suite FAILS with how to install it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertSupportedQemu, detectQemuVersion, QEMU_BINARY } from './qemu-version.js';
import { eventTimeMs, QmpClient, QmpClosedError, QmpCommandError, type QmpEvent } from './qmp-client.js';

interface Qemu {
  proc: ChildProcess;
  exited: Promise<void>;
  sock: string;
  dir: string;
}
const started: Qemu[] = [];
const clients: QmpClient[] = [];
const cleanups: (() => void)[] = [];

function startQemu(): Qemu {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-qmp-'));
  const sock = join(dir, 'q.sock');
  const proc = spawn(
    QEMU_BINARY,
    ['-machine', 'none', '-nodefaults', '-display', 'none', '-name', 'ferry-qmp-test', '-qmp', `unix:${sock},server=on,wait=off`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const q = { proc, exited, sock, dir };
  started.push(q);
  return q;
}

async function connect(path: string): Promise<QmpClient> {
  const c = await QmpClient.connect(path, { timeoutMs: 10_000 });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  // Throws "qemu-system-x86_64 was not found on PATH. Install QEMU 10 from Debian bookworm-backports: …".
  await detectQemuVersion();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  cleanups.splice(0).forEach((f) => f());
  for (const q of started.splice(0)) {
    if (q.proc.exitCode === null && q.proc.signalCode === null) q.proc.kill('SIGKILL');
    await q.exited;
    rmSync(q.dir, { recursive: true, force: true });
  }
});

describe('QmpClient against real QEMU', () => {
  it('reads the greeting version (>= 8) and runs query-status / query-version', async () => {
    const q = startQemu();
    const c = await connect(q.sock);
    assertSupportedQemu(c.version, 'QMP greeting');
    expect(c.version.major).toBeGreaterThanOrEqual(8);
    expect(await c.execute('query-status')).toMatchObject({ status: 'running', running: true });
    const v = await c.execute<{ qemu: { major: number; minor: number; micro: number } }>('query-version');
    expect(v.qemu).toEqual(c.version);
  });

  it('rejects an unknown command with QEMU class and desc, and stays usable', async () => {
    const c = await connect(startQemu().sock);
    const err = await c.execute('ferry-no-such-command').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QmpCommandError);
    expect((err as QmpCommandError).qmpClass).toBe('CommandNotFound');
    expect((err as QmpCommandError).desc).toContain('ferry-no-such-command');
    expect((err as Error).message).toMatch(/ferry-no-such-command failed: CommandNotFound/);
    expect(await c.execute('query-name')).toEqual({ name: 'ferry-qmp-test' });
  });

  it('delivers STOP and RESUME events to subscribers and waitForEvent', async () => {
    const c = await connect(startQemu().sock);
    const seen: QmpEvent[] = [];
    cleanups.push(c.on('*', (ev) => seen.push(ev)));
    const stopped = c.waitForEvent('STOP', undefined, 5000);
    await c.execute('stop');
    const stop = await stopped;
    expect(await c.execute('query-status')).toMatchObject({ status: 'paused', running: false });
    const resumed = c.waitForEvent('RESUME', (ev) => eventTimeMs(ev) >= eventTimeMs(stop), 5000);
    await c.execute('cont');
    const resume = await resumed;
    expect(eventTimeMs(resume)).toBeGreaterThanOrEqual(eventTimeMs(stop));
    expect(seen.map((e) => e.event)).toEqual(['STOP', 'RESUME']);
    await expect(c.waitForEvent('NEVER_EMITTED', undefined, 100)).rejects.toThrow(/Timed out after 100 ms waiting for QMP event NEVER_EMITTED/);
  });

  it('matches several commands in flight to their own replies', async () => {
    const c = await connect(startQemu().sock);
    const results = await Promise.allSettled([
      c.execute('query-name'),
      c.execute('query-status'),
      c.execute('ferry-bogus'),
      c.execute('query-version'),
      c.execute('query-kvm'),
      c.execute('query-name'),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: { name: 'ferry-qmp-test' } });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { status: 'running' } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { qmpClass: 'CommandNotFound' } });
    expect(results[3]).toMatchObject({ status: 'fulfilled', value: { qemu: c.version } });
    expect(results[4]).toMatchObject({ status: 'fulfilled', value: { enabled: false } });
    expect(results[5]).toEqual({ status: 'fulfilled', value: { name: 'ferry-qmp-test' } });
  });

  it('parses replies split across chunks and several per chunk (real QEMU behind a re-chunking relay)', async () => {
    const q = startQemu();
    for (let i = 0; !existsSync(q.sock); i++) {
      if (i > 200) throw new Error(`QEMU did not create ${q.sock}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const relayPath = join(q.dir, 'relay.sock');
    // Re-sends QEMU's bytes every 2 ms in pieces of 7 then 150 bytes: small pieces cut lines in two, large ones
    // carry several messages. Counts what it sent so the test can check both cases really happened.
    const sent = { split: 0, multi: 0 };
    const relay = net.createServer((client) => {
      let pending = Buffer.alloc(0);
      let n = 0;
      let lastData = 0;
      const timer = setInterval(() => {
        const size = n % 2 ? 150 : 7;
        // Wait for a full piece (QEMU answers one command at a time) unless QEMU has gone quiet.
        if (!pending.length || (pending.length < size && Date.now() - lastData < 20)) return;
        n++;
        const piece = pending.subarray(0, size);
        pending = pending.subarray(piece.length);
        if (piece[piece.length - 1] !== 0x0a) sent.split++;
        if (piece.toString().split('\n').length > 2) sent.multi++;
        client.write(piece);
      }, 2);
      client.on('close', () => clearInterval(timer));
      // QEMU's socket file exists from bind(); on a busy machine it may refuse a connection until listen().
      const attach = (tries: number): void => {
        const upstream = net.createConnection(q.sock);
        upstream.once('error', (e: NodeJS.ErrnoException) => {
          if (tries < 200 && (e.code === 'ECONNREFUSED' || e.code === 'ENOENT') && !client.destroyed) setTimeout(() => attach(tries + 1), 25);
          else client.destroy();
        });
        upstream.once('connect', () => {
          client.pipe(upstream);
          upstream.on('data', (buf: Buffer) => {
            pending = Buffer.concat([pending, buf]);
            lastData = Date.now();
          });
          upstream.on('error', () => client.destroy());
          client.on('error', () => upstream.destroy());
          upstream.on('close', () => client.destroy());
          client.on('close', () => upstream.destroy());
        });
      };
      attach(0);
    });
    await new Promise<void>((r) => relay.listen(relayPath, r));
    cleanups.push(() => relay.close());
    const c = await connect(relayPath);
    expect(c.version.major).toBeGreaterThanOrEqual(8);
    const names = Array.from({ length: 8 }, () => c.execute('query-name'));
    const [a, b, d] = await Promise.all([c.execute('query-status'), c.execute('query-version'), ...names]);
    expect(a).toMatchObject({ running: true });
    expect(b).toMatchObject({ qemu: c.version });
    expect(d).toEqual({ name: 'ferry-qmp-test' });
    expect(await Promise.all(names)).toEqual(names.map(() => ({ name: 'ferry-qmp-test' })));
    expect(sent.split).toBeGreaterThan(0);
    expect(sent.multi).toBeGreaterThan(0);
  });

  it('rejects a pending command at once when QEMU is killed, and later calls immediately', async () => {
    const q = startQemu();
    const c = await connect(q.sock);
    q.proc.kill('SIGSTOP'); // QEMU can't answer now, so the command below stays pending
    const pending = c.execute('query-status');
    const pendingEvent = c.waitForEvent('RESUME', undefined, 30_000);
    const outcome = pending.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 100));
    const killedAt = Date.now();
    q.proc.kill('SIGKILL');
    const err = await outcome;
    expect(Date.now() - killedAt).toBeLessThan(2000);
    expect(err).toBeInstanceOf(QmpClosedError);
    expect((err as Error).message).toBe(`QMP connection to ${q.sock} closed while waiting for query-status`);
    await expect(pendingEvent).rejects.toThrow(`QMP connection to ${q.sock} closed while waiting for event RESUME`);
    expect(c.closed).toBe(true);
    const before = Date.now();
    await expect(c.execute('query-version')).rejects.toThrow(`QMP connection to ${q.sock} is closed; cannot run query-version`);
    expect(Date.now() - before).toBeLessThan(50);
  });

  it('sees the connection close after quit', async () => {
    const q = startQemu();
    const c = await connect(q.sock);
    const closed = new Promise<QmpClosedError>((r) => c.onClose(r));
    await c.execute('quit');
    expect((await closed).message).toContain(`QMP connection to ${q.sock} closed`);
    await q.exited;
    await expect(c.execute('query-status')).rejects.toBeInstanceOf(QmpClosedError);
  });
});
