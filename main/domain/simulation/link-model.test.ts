import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressionFactor, effectiveBandwidth, linkEstimate, MIN_LINK_MBPS, type LinkEnd } from './link-model.js';
import { MBPS_PER_GBPS } from './model-constants.js';

const end = (gbps: number, nics: number, rdma: boolean, cpu = 20): LinkEnd => ({
  migrationNetwork: { gbps, nics, rdma },
  cpu: { vendor: 'Intel', generation: 'Ice Lake', logicalProcessors: 64, usagePercent: cpu },
});
const tenGbE = 10 * MBPS_PER_GBPS;

describe('effectiveBandwidth', () => {
  it('gives TCP/IP about 90% of one NIC, however many NICs the hosts have', () => {
    expect(effectiveBandwidth({ source: end(10, 1, false), destination: end(10, 1, false), option: 'TCPIP', sharedBy: 1 })).toBeCloseTo(0.9 * tenGbE);
    expect(effectiveBandwidth({ source: end(10, 4, false), destination: end(10, 4, false), option: 'TCPIP', sharedBy: 1 })).toBeCloseTo(0.9 * tenGbE);
  });

  it('runs at the slower end: the lower line rate and the fewer NICs', () => {
    const link = linkEstimate({ source: end(25, 4, true), destination: end(10, 2, true), option: 'SMB', sharedBy: 1 });
    expect(link.lineMBps).toBeCloseTo(tenGbE);
    expect(link.nics).toBe(2);
    expect(link.memoryMBps).toBeCloseTo(2 * tenGbE);
  });

  it('makes Compression about twice as fast as TCP/IP while the source CPU is idle', () => {
    const tcp = effectiveBandwidth({ source: end(10, 1, false, 10), destination: end(10, 1, false), option: 'TCPIP', sharedBy: 1 });
    const compressed = effectiveBandwidth({ source: end(10, 1, false, 10), destination: end(10, 1, false), option: 'Compression', sharedBy: 1 });
    expect(compressed / tcp).toBeCloseTo(2);
  });

  it('makes Compression about the same as TCP/IP when the source CPU is at 100%', () => {
    const tcp = effectiveBandwidth({ source: end(10, 1, false, 100), destination: end(10, 1, false), option: 'TCPIP', sharedBy: 1 });
    const compressed = effectiveBandwidth({ source: end(10, 1, false, 100), destination: end(10, 1, false), option: 'Compression', sharedBy: 1 });
    expect(compressed / tcp).toBeCloseTo(1);
  });

  it('property: the compression speed-up falls from 2 to 1 as CPU usage rises, never outside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(compressionFactor(lo)).toBeGreaterThanOrEqual(compressionFactor(hi));
        expect(compressionFactor(a)).toBeGreaterThanOrEqual(1);
        expect(compressionFactor(a)).toBeLessThanOrEqual(2);
      }),
    );
    expect(compressionFactor(50)).toBe(2);
    expect(compressionFactor(75)).toBeCloseTo(1.5);
  });

  it('scales SMB with RDMA on both ends with the NICs, at full line rate', () => {
    const one = effectiveBandwidth({ source: end(25, 1, true), destination: end(25, 1, true), option: 'SMB', sharedBy: 1 });
    const two = effectiveBandwidth({ source: end(25, 2, true), destination: end(25, 2, true), option: 'SMB', sharedBy: 1 });
    expect(one).toBeCloseTo(25 * MBPS_PER_GBPS);
    expect(two / one).toBeCloseTo(2);
  });

  it('gives SMB without RDMA on both ends about the TCP/IP rate', () => {
    const tcp = effectiveBandwidth({ source: end(25, 2, true), destination: end(25, 2, false), option: 'TCPIP', sharedBy: 1 });
    const smb = effectiveBandwidth({ source: end(25, 2, true), destination: end(25, 2, false), option: 'SMB', sharedBy: 1 });
    expect(smb).toBeCloseTo(tcp);
    expect(linkEstimate({ source: end(25, 2, true), destination: end(25, 2, false), option: 'SMB', sharedBy: 1 }).basis).toMatch(/without RDMA/);
  });

  it('divides a link fairly between the moves sharing it', () => {
    for (const option of ['TCPIP', 'Compression', 'SMB'] as const) {
      const alone = effectiveBandwidth({ source: end(10, 1, true, 10), destination: end(10, 1, true), option, sharedBy: 1 });
      const shared = effectiveBandwidth({ source: end(10, 1, true, 10), destination: end(10, 1, true), option, sharedBy: 2 });
      expect(shared).toBeCloseTo(alone / 2);
    }
  });

  it('lets single-stream moves on a multi-NIC link use a NIC each before they slow down', () => {
    const link = (sharedBy: number) => effectiveBandwidth({ source: end(10, 2, false), destination: end(10, 2, false), option: 'TCPIP', sharedBy });
    expect(link(2)).toBeCloseTo(link(1));
    expect(link(4)).toBeCloseTo(link(1) / 2);
  });

  it('still moves something on a link the inventory gives no speed', () => {
    expect(effectiveBandwidth({ source: end(0, 1, false), destination: end(10, 1, false), option: 'TCPIP', sharedBy: 1 })).toBe(MIN_LINK_MBPS);
  });

  it('copies files without compression', () => {
    const link = linkEstimate({ source: end(10, 1, false, 10), destination: end(10, 1, false), option: 'Compression', sharedBy: 1 });
    expect(link.fileCopyMBps).toBeCloseTo(0.9 * tenGbE);
    expect(link.memoryMBps).toBeCloseTo(1.8 * tenGbE);
  });
});
