import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { english } from '../../../shared/i18n/text.js';
import { rateHeadroom, type HeadroomInput } from './rating.js';
import { selectHosts } from './select-hosts.js';

const base: HeadroomInput = {
  host: 'HV-1',
  vm: 'VM-1',
  totalMB: 262144,
  availableMB: 131072,
  reserveMB: 256,
  vmMemoryMB: 8192,
  cpuUsagePercent: 20,
  storage: null,
};

describe('rateHeadroom', () => {
  it('gives 5 stars to an idle, empty host and 0.5 to one left with nothing', () => {
    expect(rateHeadroom({ ...base, availableMB: base.totalMB + base.reserveMB + base.vmMemoryMB, cpuUsagePercent: 0 }).rating).toBe(5);
    expect(rateHeadroom({ ...base, availableMB: base.vmMemoryMB + base.reserveMB, cpuUsagePercent: 100 }).rating).toBe(0.5);
  });

  it('weighs memory most: the same headroom in memory beats it in CPU', () => {
    const memoryRich = rateHeadroom({ ...base, availableMB: 262144, cpuUsagePercent: 100 }).rating;
    const cpuRich = rateHeadroom({ ...base, availableMB: base.vmMemoryMB + base.reserveMB, cpuUsagePercent: 0 }).rating;
    expect(memoryRich).toBeGreaterThan(cpuRich);
  });

  it('counts the destination storage when storage moves, and less space left lowers the rating', () => {
    const roomy = rateHeadroom({ ...base, storage: { label: 'D:\\', freeGB: 3000, capacityGB: 3000, movingGB: 100, reserveGB: 0.1 } });
    const tight = rateHeadroom({ ...base, storage: { label: 'D:\\', freeGB: 200, capacityGB: 3000, movingGB: 100, reserveGB: 0.1 } });
    expect(roomy.rating).toBeGreaterThan(tight.rating);
    expect(roomy.explanation.map(english).join('\n')).toMatch(/Storage \(weight 0\.15\)/);
    expect(rateHeadroom(base).explanation.map(english).join('\n')).toMatch(/Storage: not counted/);
  });

  it('explains each term of the formula with its numbers', () => {
    const lines = rateHeadroom(base).explanation.map(english);
    expect(lines[0]).toMatch(/of 5 stars/);
    expect(lines.join('\n')).toContain('131072 MB available − 256 MB reserve − 8192 MB for VM-1 = 122624 MB');
    expect(lines.join('\n')).toContain('100% − 20% in use = 80% headroom');
  });

  it('property: always 0.5 to 5 in half steps', () => {
    fc.assert(
      fc.property(
        fc.nat(4_000_000),
        fc.nat(4_000_000),
        fc.nat(4096),
        fc.nat(1_000_000),
        fc.integer({ min: 0, max: 100 }),
        (total, available, reserve, vmMB, cpu) => {
          const { rating } = rateHeadroom({ ...base, totalMB: total, availableMB: available, reserveMB: reserve, vmMemoryMB: vmMB, cpuUsagePercent: cpu });
          return rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2);
        },
      ),
    );
  });

  it('property: more free memory never lowers the rating (monotonic)', () => {
    const storage = fc.option(
      fc.record({
        label: fc.constant('D:\\'),
        freeGB: fc.nat(20000),
        capacityGB: fc.integer({ min: 1, max: 20000 }),
        movingGB: fc.nat(5000),
        reserveGB: fc.constant(0.1),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4_000_000 }),
        fc.nat(4_000_000),
        fc.nat(4_000_000),
        fc.nat(4096),
        fc.nat(1_000_000),
        fc.integer({ min: 0, max: 100 }),
        storage,
        (total, a, b, reserve, vmMB, cpu, store) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const input = { ...base, totalMB: total, reserveMB: reserve, vmMemoryMB: vmMB, cpuUsagePercent: cpu, storage: store };
          return rateHeadroom({ ...input, availableMB: less }).rating <= rateHeadroom({ ...input, availableMB: more }).rating;
        },
      ),
    );
  });
});

describe('selectHosts rating', () => {
  it('property: more available memory on the destination never lowers its row rating', () => {
    fc.assert(
      fc.property(
        fc.nat(262144),
        fc.nat(262144),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 512, max: 131072 }),
        fc.constantFrom('Running', 'Off', 'Saved', 'Paused' as const),
        (a, b, cpu, vmMB, state) => {
          const rate = (availableMB: number): number => {
            const doc = minimalInventory();
            const vm = doc.vms.find((v) => v.name === 'SQL-PROD-01')!;
            vm.memoryMB = vmMB;
            vm.state = state;
            const dest = doc.hosts.find((h) => h.name === 'HV-MI-12')!;
            dest.memory.availableMB = availableMB;
            dest.cpu.usagePercent = cpu;
            const result = selectHosts('SQL-PROD-01', doc);
            if (!result.ok) throw new Error(result.error.message);
            return result.value.find((r) => r.host === 'HV-MI-12')!.rating;
          };
          const [less, more] = a <= b ? [a, b] : [b, a];
          return rate(less) <= rate(more);
        },
      ),
      { numRuns: 300 },
    );
  });
});
