import { english, type Text } from '../../../../shared/i18n/text.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InventoryDocument } from '../../../../shared/model/inventory.js';
import { minimalInventory } from '../../../../test/fixtures/minimal-inventory.js';
import type { MoveKind, MoveOutcome, MoveProgress, MoveRequest, RunningMove } from '../../../domain/connector/host-connector.js';
import { movePhaseLabels } from '../../../domain/simulation/move-phases.js';
import { PROGRESS_INTERVAL_MS } from './simulated-move.js';
import type { SimulatorClock } from './simulator-clock.js';
import { SimulatorConnector, type SimulatorOptions } from './simulator-connector.js';
import { simulatorSpeedParse } from './simulator-speed.js';

/** The minimal estate on 10 GbE, one NIC, TCP/IP, with two VMs on HV-MI-11. */
function estate(): InventoryDocument {
  const doc = minimalInventory();
  for (const h of doc.hosts) {
    h.migrationNetwork = { gbps: 10, rdma: false, nics: 1 };
    h.liveMigration.performanceOption = 'TCPIP';
  }
  doc.vms[1].host = 'HV-MI-11';
  return doc;
}

const request = (vm: string, sourceHost: string, destinationHost: string, kind: MoveKind = 'live'): MoveRequest => ({
  jobId: `job-${vm}`,
  kind,
  vm,
  sourceHost,
  destinationHost,
  performanceOption: 'TCPIP',
  destinationPath: null,
  diskDestinations: null,
  configurationPath: null,
});

/** A started move with everything it reported and when it ended (wall ms). */
interface Watched {
  move: RunningMove;
  reports: { at: number; progress: MoveProgress }[];
  outcome: MoveOutcome | null;
  endedAt: number | null;
}

function watch(connector: SimulatorConnector, req: MoveRequest): Watched {
  const w: Watched = { move: null as unknown as RunningMove, reports: [], outcome: null, endedAt: null };
  w.move = connector.moveStart(req, (progress) => w.reports.push({ at: Date.now(), progress }));
  void w.move.done.then((outcome) => {
    w.outcome = outcome;
    w.endedAt = Date.now();
  });
  return w;
}

const sim = (doc: InventoryDocument, options: SimulatorOptions = {}) => new SimulatorConnector(() => doc, { speed: 10, ...options });
const sql = request('SQL-PROD-01', 'HV-MI-11', 'HV-MI-12');

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SimulatorConnector: a move', () => {
  it('reports progress from the first step to the last, never going back, at most every 250 ms', async () => {
    const w = watch(sim(estate()), sql);
    await vi.runAllTimersAsync();
    const steps = movePhaseLabels('live').length;
    expect(w.reports[0].progress).toMatchObject({ step: 0, stepPercent: 0, percent: 0, bytesSent: 0, passes: 0 });
    expect(w.reports.at(-1)!.progress).toMatchObject({ step: steps - 1, stepPercent: 100, percent: 100, etaSeconds: 0 });
    for (let i = 1; i < w.reports.length; i++) {
      const [a, b] = [w.reports[i - 1], w.reports[i]];
      expect(b.progress.step).toBeGreaterThanOrEqual(a.progress.step);
      expect(b.progress.percent).toBeGreaterThanOrEqual(a.progress.percent);
      expect(b.progress.bytesSent).toBeGreaterThanOrEqual(a.progress.bytesSent);
      // The one report when the move ends may come sooner, so the job's last step is right.
      if (i < w.reports.length - 1) expect(b.at - a.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
    }
    const copying = w.reports.find((r) => r.progress.step === 1 && r.progress.throughputBps > 0);
    expect(copying?.progress.etaSeconds).toBeGreaterThan(0);
  });

  it('completes with the model’s total time, downtime, bytes and passes, and the VM on the destination', async () => {
    const connector = sim(estate());
    const estimate = connector.moveEstimate(sql)!;
    const w = watch(connector, sql);
    await vi.runAllTimersAsync();
    expect(w.outcome).toMatchObject({ status: 'completed', passes: estimate.passes, info: null });
    if (w.outcome?.status !== 'completed') throw new Error('not completed');
    expect(w.outcome.totalSeconds).toBeCloseTo(estimate.totalSeconds, 2);
    expect(w.outcome.downtimeMs).toBeCloseTo(estimate.downtimeMs, 0);
    expect(Math.abs(w.outcome.bytesSent - estimate.bytesSent)).toBeLessThanOrEqual(16);
    expect(await connector.vmLocate('sql-prod-01')).toBe('HV-MI-12');
  });

  it('plays in real time at speed 1: done after the model’s total, within one progress interval', async () => {
    const connector = sim(estate(), { speed: 1 });
    const total = connector.moveEstimate(sql)!.totalSeconds;
    const w = watch(connector, sql);
    await vi.advanceTimersByTimeAsync(total * 1000 - 100);
    expect(w.outcome).toBeNull();
    await vi.advanceTimersByTimeAsync(100 + PROGRESS_INTERVAL_MS);
    expect(w.outcome?.status).toBe('completed');
  });

  it('compresses time by the speed factor and still reports the model’s (unscaled) numbers', async () => {
    const slow = watch(sim(estate(), { speed: 1 }), sql);
    await vi.runAllTimersAsync();
    vi.setSystemTime(0);
    const fast = watch(sim(estate(), { speed: 60 }), sql);
    await vi.runAllTimersAsync();
    expect(slow.endedAt! / fast.endedAt!).toBeGreaterThan(50);
    expect(slow.endedAt! / fast.endedAt!).toBeLessThan(70);
    expect(fast.outcome).toEqual(slow.outcome);
    expect(fast.outcome?.status).toBe('completed');
  });

  it('runs on an injected clock', async () => {
    const timers: { at: number; fn: () => void }[] = [];
    let now = 0;
    const clock: SimulatorClock = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimeout: (t) => {
        const i = timers.indexOf(t as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    };
    const move = sim(estate(), { clock }).moveStart(sql, () => undefined);
    while (timers.length > 0) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      now = next.at;
      next.fn();
    }
    expect((await move.done).status).toBe('completed');
    expect(now).toBeGreaterThan(1000);
  });

  it('takes longer and more passes, in simulated and in wall time, the more memory the VM dirties', async () => {
    const runs: { outcome: MoveOutcome; wallMs: number }[] = [];
    for (const dirty of [0, 100, 300, 600, 900]) {
      const doc = estate();
      doc.vms[0].dirtyRateMBps = dirty;
      vi.setSystemTime(0);
      const w = watch(sim(doc), sql);
      await vi.runAllTimersAsync();
      runs.push({ outcome: w.outcome as MoveOutcome, wallMs: w.endedAt as number });
    }
    const done = runs.map((r) => (r.outcome.status === 'completed' ? r.outcome : null));
    // All below the 1073 MB/s of 10 GbE TCP/IP; at 900 MB/s pre-copy runs out of passes before the target, and says so.
    expect(done.map((o) => o?.info ?? null).slice(0, 4)).toEqual([null, null, null, null]);
    expect(spokenInfo(done[4]?.info)).toMatch(/did not get under the 300 ms downtime target in 10 passes/);
    for (let i = 1; i < done.length; i++) {
      expect(done[i]!.totalSeconds).toBeGreaterThan(done[i - 1]!.totalSeconds);
      expect(done[i]!.passes).toBeGreaterThanOrEqual(done[i - 1]!.passes);
      expect(done[i]!.bytesSent).toBeGreaterThan(done[i - 1]!.bytesSent);
      expect(runs[i].wallMs).toBeGreaterThan(runs[i - 1].wallMs);
    }
    expect(done[0]!.passes).toBe(1);
    expect(done.at(-1)!.passes).toBeGreaterThan(done[1]!.passes);
  });

  it("plays the move's own performance option, not the hosts' (the wizard's per-migration override)", async () => {
    // The hosts are set to TCP/IP; this move asks for Compression, which doubles the memory rate at 20% CPU.
    const doc = estate();
    const connector = sim(doc);
    const tcp = connector.moveEstimate(sql)!;
    const compressed: MoveRequest = { ...sql, jobId: 'job-compressed', performanceOption: 'Compression' };
    const estimate = connector.moveEstimate(compressed)!;
    expect(estimate.totalSeconds).toBeLessThan(tcp.totalSeconds * 0.75);
    const w = watch(connector, compressed);
    await vi.runAllTimersAsync();
    if (w.outcome?.status !== 'completed') throw new Error('not completed');
    expect(w.outcome.totalSeconds).toBeCloseTo(estimate.totalSeconds, 2);

    // And the other way round: hosts on Compression, a move asking for TCP/IP runs at TCP/IP's rate.
    const other = estate();
    for (const h of other.hosts) h.liveMigration.performanceOption = 'Compression';
    vi.setSystemTime(0);
    const plain = watch(sim(other), { ...sql, jobId: 'job-tcpip', performanceOption: 'TCPIP' });
    await vi.runAllTimersAsync();
    if (plain.outcome?.status !== 'completed') throw new Error('not completed');
    expect(plain.outcome.totalSeconds).toBeCloseTo(tcp.totalSeconds, 2);
  });

  it('finishes a VM whose dirty rate is above the bandwidth after the pass limit, and says so', async () => {
    const doc = estate();
    doc.vms[0].dirtyRateMBps = 1500;
    const w = watch(sim(doc, { speed: 100 }), sql);
    await vi.runAllTimersAsync();
    expect(w.outcome).toMatchObject({ status: 'completed', passes: 10 });
    if (w.outcome?.status !== 'completed') throw new Error('not completed');
    expect(spokenInfo(w.outcome.info)).toMatch(/at or above the effective bandwidth.*cannot converge/);
    expect(w.outcome.downtimeMs).toBeGreaterThan(5000);
  });
});

describe('SimulatorConnector: cancel and faults', () => {
  it('cancels promptly: canceled, the VM on its source, no more progress', async () => {
    const connector = sim(estate());
    const w = watch(connector, sql);
    await vi.advanceTimersByTimeAsync(500);
    const reports = w.reports.length;
    w.move.cancel();
    expect(await w.move.done).toEqual({ status: 'canceled', vmHost: 'HV-MI-11' });
    await vi.runAllTimersAsync();
    expect(w.reports.length).toBe(reports);
    expect(await connector.vmLocate('SQL-PROD-01')).toBe('HV-MI-11');
    w.move.cancel();
    expect(await w.move.done).toEqual({ status: 'canceled', vmHost: 'HV-MI-11' });
  });

  it('cancels a storage move with the VM on the same host', async () => {
    const w = watch(sim(estate()), request('WEB-01', 'HV-MI-20', 'HV-MI-20', 'storage'));
    await vi.advanceTimersByTimeAsync(1000);
    w.move.cancel();
    expect(await w.move.done).toEqual({ status: 'canceled', vmHost: 'HV-MI-20' });
  });

  it('fails a move where the fault hook says, with its problem and action, leaving the VM on the source', async () => {
    const connector = sim(estate(), {
      failAt: (r) =>
        r.vm === 'SQL-PROD-01'
          ? { step: 2, problem: 'The network connection was lost.', recommendedAction: 'Check the migration network, then restart the job.' }
          : null,
    });
    const w = watch(connector, sql);
    await vi.runAllTimersAsync();
    expect(w.outcome).toEqual({
      status: 'failed',
      problem: 'The network connection was lost.',
      recommendedAction: 'Check the migration network, then restart the job.',
      vmHost: 'HV-MI-11',
    });
    expect(w.reports.at(-1)!.progress.step).toBe(2);
    expect(w.reports.some((r) => r.progress.step === 1 && r.progress.passes === 0)).toBe(true);
    expect(await connector.vmLocate('SQL-PROD-01')).toBe('HV-MI-11');
    const other = watch(connector, request('Contabilità-01', 'HV-MI-11', 'HV-MI-20'));
    await vi.runAllTimersAsync();
    expect(other.outcome?.status).toBe('completed');
  });

  it('fails at once when the VM is not on the source host', async () => {
    const move = sim(estate()).moveStart(request('WEB-01', 'HV-MI-11', 'HV-MI-12'), () => undefined);
    expect(await move.done).toMatchObject({ status: 'failed', problem: 'The virtual machine WEB-01 is on HV-MI-20, not on HV-MI-11.', vmHost: 'HV-MI-11' });
  });

  it('fails at once when a host is not responding, saying what to check', async () => {
    const doc = estate();
    doc.hosts[1].state = 'NotResponding';
    const outcome = await sim(doc).moveStart(sql, () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed', problem: 'Host HV-MI-12 is not responding (state: NotResponding).', vmHost: 'HV-MI-11' });
    if (outcome.status === 'failed') expect(outcome.recommendedAction).toMatch(/reachable/);
  });

  it('fails at once for a VM the inventory does not have', async () => {
    const outcome = await sim(estate()).moveStart(request('GHOST-01', 'HV-MI-11', 'HV-MI-12'), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed', problem: 'The virtual machine GHOST-01 is not in the inventory.' });
  });
});

describe('SimulatorConnector: link sharing', () => {
  const other = request('Contabilità-01', 'HV-MI-11', 'HV-MI-20');

  async function pair(connector: SimulatorConnector): Promise<[Watched, Watched]> {
    const a = watch(connector, sql);
    const b = watch(connector, other);
    await vi.runAllTimersAsync();
    return [a, b];
  }
  const seconds = (w: Watched) => (w.outcome?.status === 'completed' ? w.outcome.totalSeconds : NaN);

  it('slows each move on a shared link, and speeds the other up when one ends', async () => {
    const connector = sim(estate());
    const aloneA = connector.moveEstimate(sql)!.totalSeconds;
    const aloneB = connector.moveEstimate(other)!.totalSeconds;
    const [a, b] = await pair(connector);
    expect(seconds(a)).toBeGreaterThan(aloneA * 1.5);
    expect(seconds(b)).toBeGreaterThan(aloneB * 1.5);
    // Had the link stayed shared to the end, the later one would have taken about twice as long.
    expect(Math.max(seconds(a), seconds(b))).toBeLessThan(2 * Math.max(aloneA, aloneB));
  });

  it('gives the same outcomes for the same order of starts', async () => {
    const [a1, b1] = await pair(sim(estate()));
    vi.setSystemTime(0);
    const [a2, b2] = await pair(sim(estate()));
    expect([a2.outcome, b2.outcome]).toEqual([a1.outcome, b1.outcome]);
    expect(a2.reports).toEqual(a1.reports);
  });

  it('leaves moves on separate links at full speed', async () => {
    const doc = estate();
    doc.vms[1].host = 'HV-MI-20';
    const connector = sim(doc);
    const alone = connector.moveEstimate(sql)!.totalSeconds;
    const a = watch(connector, sql);
    const storage = watch(connector, request('WEB-01', 'HV-MI-20', 'HV-MI-20', 'storage'));
    await vi.runAllTimersAsync();
    expect(seconds(a)).toBeCloseTo(alone, 2);
    expect(storage.outcome?.status).toBe('completed');
  });

  it('frees the link when a move is canceled', async () => {
    const connector = sim(estate());
    const alone = connector.moveEstimate(sql)!.totalSeconds;
    const a = watch(connector, sql);
    const b = watch(connector, other);
    b.move.cancel();
    await vi.runAllTimersAsync();
    expect(seconds(a)).toBeCloseTo(alone, 2);
  });
});

describe('SimulatorConnector: VMs and hosts', () => {
  it('locates VMs where the inventory puts them until it moves them; null for unknown ones', async () => {
    const connector = sim(estate());
    expect(await connector.vmLocate('WEB-01')).toBe('HV-MI-20');
    expect(await connector.vmLocate('GHOST-01')).toBeNull();
  });

  it('starts a VM on a responding host, and explains why not on another', async () => {
    const doc = estate();
    doc.hosts[2].state = 'NotResponding';
    const connector = sim(doc);
    expect(await connector.vmStart('SQL-PROD-01', 'HV-MI-11')).toEqual({ ok: true });
    expect(await connector.vmStart('WEB-01', 'HV-MI-20')).toMatchObject({ ok: false, problem: 'Host HV-MI-20 is not responding (state: NotResponding).' });
    expect(await connector.vmStart('WEB-01', 'HV-NOPE')).toMatchObject({ ok: false, problem: 'Host HV-NOPE is not in the inventory.' });
  });

  it('refuses a speed factor that is not positive, and parses one from a flag', () => {
    expect(() => new SimulatorConnector(estate, { speed: 0 })).toThrow(RangeError);
    expect(simulatorSpeedParse('60')).toBe(60);
    expect(simulatorSpeedParse(60)).toBe(60);
    expect(simulatorSpeedParse('fast')).toBeNull();
    expect(simulatorSpeedParse(-1)).toBeNull();
    // The range the setting and --speed share: 0.1 to 3600, both ends included.
    expect(simulatorSpeedParse('0.1')).toBe(0.1);
    expect(simulatorSpeedParse('3600')).toBe(3600);
    expect(simulatorSpeedParse('0.09')).toBeNull();
    expect(simulatorSpeedParse('3600.5')).toBeNull();
    expect(simulatorSpeedParse('')).toBeNull();
    expect(simulatorSpeedParse(Infinity)).toBeNull();
  });
});

/** A move's info note in English words (the connector says it as a catalogue sentence). */
function spokenInfo(info: string | Text | null | undefined): string | null {
  return info === null || info === undefined ? null : typeof info === 'string' ? info : english(info);
}
