import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkEstimate, type LinkEnd } from './link-model.js';
import { convergenceRisk, estimateMove, type MoveEstimateInput } from './migration-model.js';
import { BYTES_PER_MB, DEFAULT_MODEL_CONSTANTS, MB_PER_GB, modelConstants } from './model-constants.js';

const end = (gbps: number, nics: number, rdma: boolean, cpu = 20): LinkEnd => ({
  migrationNetwork: { gbps, nics, rdma },
  cpu: { vendor: 'Intel', generation: 'Ice Lake', logicalProcessors: 64, usagePercent: cpu },
});
const tcp10 = linkEstimate({ source: end(10, 1, false), destination: end(10, 1, false), option: 'TCPIP', sharedBy: 1 });
const vm32 = { memoryMB: 32768, dirtyRateMBps: 50, diskGB: 127 };
const live = (over: Partial<MoveEstimateInput> = {}): MoveEstimateInput => ({ vm: vm32, kind: 'live', link: tcp10, ...over });

describe('estimateMove: pre-copy', () => {
  it('property: more dirty rate means a longer move and at least as many passes (strictly longer below the bandwidth)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 256, max: 1_048_576 }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 50, max: 12_000, noNaN: true }),
        (memoryMB, a, b, mbps) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const link = { memoryMBps: mbps, fileCopyMBps: mbps };
          const slow = estimateMove({ vm: { memoryMB, dirtyRateMBps: lo, diskGB: 0 }, kind: 'live', link });
          const fast = estimateMove({ vm: { memoryMB, dirtyRateMBps: hi, diskGB: 0 }, kind: 'live', link });
          expect(fast.passes).toBeGreaterThanOrEqual(slow.passes);
          expect(fast.totalSeconds).toBeGreaterThanOrEqual(slow.totalSeconds);
          if (lo < hi && hi < mbps && hi - lo > 1e-6 * mbps) expect(fast.totalSeconds).toBeGreaterThan(slow.totalSeconds);
        },
      ),
    );
  });

  it('goes from one pass to several as the dirty rate grows, on the same VM and link', () => {
    const passes = [0, 50, 200, 400, 800].map((d) => estimateMove(live({ vm: { ...vm32, dirtyRateMBps: d } })).passes);
    expect(passes[0]).toBe(1);
    expect(passes).toEqual([...passes].sort((x, y) => x - y));
    expect(passes[4]).toBeGreaterThan(passes[1]);
  });

  it('never converges when the dirty rate is above the bandwidth, and says so', () => {
    const e = estimateMove(live({ vm: { ...vm32, dirtyRateMBps: 1200 } }));
    expect(e.converges).toBe(false);
    expect(e.risk).toBe('never');
    expect(e.passes).toBe(DEFAULT_MODEL_CONSTANTS.passLimit);
    expect(e.convergence).toMatch(
      /^dirty rate 1200 MB\/s is at or above the effective bandwidth 1073 MB\/s: pre-copy cannot converge; lower the VM's load, use SMB with RDMA or Compression, or migrate it offline/,
    );
    expect(e.convergence).toMatch(/forces the switch-over after 10 passes/);
  });

  it('still ends after the pass limit with a long downtime: the whole remainder copied with the VM paused', () => {
    const e = estimateMove(live({ vm: { ...vm32, dirtyRateMBps: 1200 } }));
    expect(e.stopAndCopy?.bytes).toBe(32768 * BYTES_PER_MB);
    expect(e.downtimeMs).toBeCloseTo((32768 / tcp10.memoryMBps) * 1000 + DEFAULT_MODEL_CONSTANTS.switchOverMs);
    expect(e.downtimeMs).toBeGreaterThan(10_000);
  });

  it('counts a dirty rate exactly at the bandwidth as never converging', () => {
    const e = estimateMove(live({ vm: { ...vm32, dirtyRateMBps: tcp10.memoryMBps } }));
    expect(e.converges).toBe(false);
    expect(e.risk).toBe('never');
  });

  it('forces a big VM whose dirty rate is below but near the bandwidth, and says it missed the target', () => {
    const e = estimateMove(live({ vm: { memoryMB: 262144, dirtyRateMBps: 800, diskGB: 0 } }));
    expect(e.converges).toBe(false);
    expect(e.risk).toBe('slow');
    expect(e.convergence).toMatch(/did not get under the 300 ms downtime target in 10 passes/);
  });

  it('converges within the target: downtime is the last copy plus the fixed switch-over', () => {
    const e = estimateMove(live());
    expect(e.converges).toBe(true);
    expect(e.risk).toBe('ok');
    expect(e.stopAndCopy!.seconds).toBeLessThanOrEqual(DEFAULT_MODEL_CONSTANTS.downtimeTargetMs / 1000);
    expect(e.downtimeMs).toBeCloseTo(e.stopAndCopy!.seconds * 1000 + DEFAULT_MODEL_CONSTANTS.switchOverMs);
  });

  it('sends each pass what the VM dirtied during the one before, at the VM dirty rate', () => {
    const e = estimateMove(live({ vm: { ...vm32, dirtyRateMBps: 400 } }));
    expect(e.precopy[0].bytes).toBe(32768 * BYTES_PER_MB);
    for (let i = 1; i < e.precopy.length; i++) {
      expect(e.precopy[i].bytes / BYTES_PER_MB).toBeCloseTo(400 * e.precopy[i - 1].seconds, 3);
      expect(e.precopy[i].seconds).toBeCloseTo(e.precopy[i].bytes / BYTES_PER_MB / tcp10.memoryMBps);
    }
  });

  it('moves an idle VM in one pass with only the switch-over as downtime', () => {
    const e = estimateMove(live({ vm: { ...vm32, dirtyRateMBps: 0 } }));
    expect(e.passes).toBe(1);
    expect(e.downtimeMs).toBeCloseTo(DEFAULT_MODEL_CONSTANTS.switchOverMs);
  });

  it('assumes the stated default dirty rate when the VM has none', () => {
    const e = estimateMove(live({ vm: { ...vm32, dirtyRateMBps: null } }));
    expect(e.dirtyRateMBps).toBe(DEFAULT_MODEL_CONSTANTS.defaultDirtyRateMBps);
    expect(e.dirtyRateAssumed).toBe(true);
    expect(e).toEqual({ ...estimateMove(live({ vm: { ...vm32, dirtyRateMBps: 20 } })), dirtyRateAssumed: true });
  });

  it('is faster with Compression on an idle source and about the same as TCP/IP at 100% CPU', () => {
    const timeWith = (option: 'TCPIP' | 'Compression', cpu: number) =>
      estimateMove(live({ link: linkEstimate({ source: end(10, 1, false, cpu), destination: end(10, 1, false), option, sharedBy: 1 }) })).totalSeconds;
    expect(timeWith('Compression', 5)).toBeLessThan(timeWith('TCPIP', 5) * 0.6);
    expect(timeWith('Compression', 100)).toBeCloseTo(timeWith('TCPIP', 100));
  });

  it('takes longer on a link shared with another move', () => {
    const alone = estimateMove(live({ link: linkEstimate({ source: end(25, 2, true), destination: end(25, 2, true), option: 'SMB', sharedBy: 1 }) }));
    const shared = estimateMove(live({ link: linkEstimate({ source: end(25, 2, true), destination: end(25, 2, true), option: 'SMB', sharedBy: 2 }) }));
    expect(shared.totalSeconds).toBeGreaterThan(alone.totalSeconds);
  });
});

describe('estimateMove: timeline', () => {
  it('lists each kind’s phases in order, and their seconds add up to the total', () => {
    const labels = {
      live: ['Validate', 'Live-migrate memory', 'Switch over', 'Clean up'],
      'live-vsm': ['Validate', 'Copy storage', 'Live-migrate memory', 'Switch over', 'Clean up'],
      storage: ['Validate', 'Copy storage', 'Switch over', 'Clean up'],
      quick: ['Validate', 'Save state', 'Move', 'Restore'],
      network: ['Validate', 'Copy files', 'Register'],
    } as const;
    for (const kind of Object.keys(labels) as (keyof typeof labels)[]) {
      const e = estimateMove(live({ kind }));
      expect(e.phases.map((p) => p.label)).toEqual(labels[kind]);
      expect(e.phases.reduce((s, p) => s + p.seconds, 0)).toBeCloseTo(e.totalSeconds);
    }
  });

  it('copies storage at the disk throughput on one host, and no faster than the link across hosts', () => {
    const storage = estimateMove(live({ kind: 'storage' }));
    expect(storage.phases[1].seconds).toBeCloseTo((127 * MB_PER_GB) / DEFAULT_MODEL_CONSTANTS.diskMBps);
    expect(storage.downtimeMs).toBe(0);
    const gbe = linkEstimate({ source: end(1, 1, false), destination: end(1, 1, false), option: 'TCPIP', sharedBy: 1 });
    const vsm = estimateMove(live({ kind: 'live-vsm', link: gbe }));
    expect(vsm.phases[1].seconds).toBeCloseTo((127 * MB_PER_GB) / gbe.fileCopyMBps);
  });

  it('counts every byte: memory passes, the final copy and the disks', () => {
    const e = estimateMove(live({ kind: 'live-vsm' }));
    const memory = e.precopy.reduce((s, p) => s + p.bytes, 0) + e.stopAndCopy!.bytes;
    expect(Math.abs(e.bytesSent - memory - 127 * MB_PER_GB * BYTES_PER_MB)).toBeLessThanOrEqual(e.passes + 2);
  });

  it('keeps a quick migration’s VM down for the save, the move and the restore', () => {
    const e = estimateMove(live({ kind: 'quick' }));
    expect(e.downtimeMs / 1000).toBeCloseTo(e.phases[1].seconds + e.phases[2].seconds + e.phases[3].seconds);
    expect(e.passes).toBe(0);
    expect(e.converges).toBe(true);
  });

  it('is deterministic: the same input gives the same answer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 524_288 }),
        fc.option(fc.double({ min: 0, max: 2000, noNaN: true })),
        fc.constantFrom('live', 'live-vsm', 'storage', 'quick', 'network' as const),
        (memoryMB, dirty, kind) => {
          const input: MoveEstimateInput = { vm: { memoryMB, dirtyRateMBps: dirty, diskGB: 60 }, kind, link: tcp10 };
          expect(estimateMove(input)).toEqual(estimateMove(structuredClone(input)));
        },
      ),
    );
  });

  it('refuses model constants it cannot run with', () => {
    expect(() => modelConstants({ passLimit: 0 })).toThrow(RangeError);
    expect(() => modelConstants({ diskMBps: -1 })).toThrow(/diskMBps/);
  });
});

describe('convergenceRisk', () => {
  it('says never at or above the bandwidth, slow from half of it, ok below', () => {
    expect(convergenceRisk(1200, 1100)).toBe('never');
    expect(convergenceRisk(1100, 1100)).toBe('never');
    expect(convergenceRisk(600, 1100)).toBe('slow');
    expect(convergenceRisk(100, 1100)).toBe('ok');
  });
});

describe('estimateMove: what the QEMU lab measured (optional inputs)', () => {
  const link = { memoryMBps: 100, fileCopyMBps: 100 };
  const lab = (vm: Partial<MoveEstimateInput['vm']>, over: Partial<MoveEstimateInput> = {}): MoveEstimateInput => ({
    vm: { memoryMB: 1024, dirtyRateMBps: 0, diskGB: 0, ...vm },
    kind: 'live',
    link,
    ...over,
  });
  const c = DEFAULT_MODEL_CONSTANTS;

  it('leaves the default model as it was when none is given', () => {
    const plain = estimateMove(lab({ dirtyRateMBps: 30 }));
    expect(estimateMove(lab({ dirtyRateMBps: 30, residentMB: undefined, workingSetMB: undefined }, { precopyStop: 'pass-end' }))).toEqual(plain);
    expect(plain.precopy[0].bytes).toBe(1024 * BYTES_PER_MB);
  });

  it('sends only the resident memory in the first pass: zero pages cost nothing', () => {
    const e = estimateMove(lab({ residentMB: 600 }));
    expect(e.precopy[0].bytes).toBe(600 * BYTES_PER_MB);
    expect(e.totalSeconds).toBeCloseTo(c.validateSeconds + 6 + c.switchOverMs / 1000 + c.cleanUpSeconds);
    expect(estimateMove(lab({ residentMB: 4096 })).precopy[0].bytes).toBe(1024 * BYTES_PER_MB);
  });

  it('resends at most the working set per pass, however long the pass', () => {
    const e = estimateMove(lab({ dirtyRateMBps: 150, residentMB: 900, workingSetMB: 200 }));
    expect(e.converges).toBe(false);
    expect(e.risk).toBe('never');
    expect(e.precopy.slice(1).every((p) => p.bytes === 200 * BYTES_PER_MB)).toBe(true);
    expect(e.stopAndCopy!.bytes).toBe(200 * BYTES_PER_MB);
    const capped = estimateMove(lab({ dirtyRateMBps: 150, residentMB: 900 }));
    expect(capped.stopAndCopy!.bytes).toBe(1024 * BYTES_PER_MB);
  });

  it('with a continuous stop test, stops the last pass part-way with the target’s worth left', () => {
    const e = estimateMove(lab({ residentMB: 500 }, { precopyStop: 'continuous' }));
    const target = (100 * c.downtimeTargetMs) / 1000;
    expect(e.passes).toBe(1);
    expect(e.precopy[0].bytes / BYTES_PER_MB).toBeCloseTo(500 - target);
    expect(e.stopAndCopy!.bytes / BYTES_PER_MB).toBeCloseTo(target);
    expect(e.downtimeMs).toBeCloseTo(c.downtimeTargetMs + c.switchOverMs);
    // An idle VM takes as long either way: the same bytes at the same rate.
    expect(e.totalSeconds).toBeCloseTo(estimateMove(lab({ residentMB: 500 })).totalSeconds);
  });

  it('with a continuous stop test and a dirtying VM, stops when the rest of the pass plus what was dirtied meanwhile fits', () => {
    const e = estimateMove(lab({ dirtyRateMBps: 30, residentMB: 200 }, { precopyStop: 'continuous' }));
    const atEnd = estimateMove(lab({ dirtyRateMBps: 30, residentMB: 200 }));
    // Pass 1: 200 MB at 100 MB/s dirties 60 MB, over the 30 MB target; pass 2 stops after (60 − 30) / (100 − 30) s.
    expect(e.precopy.map((p) => p.seconds)).toEqual([2, expect.closeTo(30 / 70, 9)]);
    expect(e.stopAndCopy!.bytes / BYTES_PER_MB).toBeCloseTo(30);
    expect(e.converges).toBe(true);
    expect(e.totalSeconds).toBeLessThan(atEnd.totalSeconds);
  });

  it('property: a continuous stop test converges exactly when the pass-end one does, never later, never over the target', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 128, max: 65_536 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 10, max: 5000, noNaN: true }),
        (memoryMB, residentShare, setShare, dirty, mbps) => {
          const vm = { memoryMB, dirtyRateMBps: dirty, diskGB: 0, residentMB: memoryMB * residentShare, workingSetMB: memoryMB * setShare };
          const input = { vm, kind: 'live' as const, link: { memoryMBps: mbps, fileCopyMBps: mbps } };
          const atEnd = estimateMove(input);
          const continuous = estimateMove({ ...input, precopyStop: 'continuous' });
          expect(continuous.converges).toBe(atEnd.converges);
          expect(continuous.totalSeconds).toBeLessThanOrEqual(atEnd.totalSeconds + 1e-6);
          if (continuous.converges) expect(continuous.stopAndCopy!.seconds).toBeLessThanOrEqual(c.downtimeTargetMs / 1000 + 1e-9);
        },
      ),
    );
  });

  it('copies the last remainder at the stop-and-copy rate when the link has one (QEMU lifts its cap for it)', () => {
    const e = estimateMove(lab({ residentMB: 500 }, { precopyStop: 'continuous', link: { ...link, stopAndCopyMBps: 1000 } }));
    expect(e.stopAndCopy!.seconds).toBeCloseTo(30 / 1000);
    expect(e.downtimeMs).toBeCloseTo(30 + c.switchOverMs);
    expect(e.rates.stopAndCopy).toBe(1000);
    expect(e.convergence).toMatch(/converged in 1 pass/);
  });
});
