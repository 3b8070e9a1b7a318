import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skewedClusterEstate } from '../../../test/fixtures/skewed-cluster.js';
import { AGGRESSIVENESS_VALUES } from '../../../shared/model/optimize.js';
import { buildPlacementRules, ruleFindings } from '../placement/placement-rules.js';
import { cpuShareOn, loadOf, memoryPercent, peakPercent, vmCpuShares } from './host-load.js';
import { optimizeHosts } from './optimize-hosts.js';

// On random skewed clusters with availability sets, required DifferentNode rules, hosts in maintenance mode and
// hosts not responding: no proposal breaks a rule (against the moves before it), targets such a host, or raises
// the most-loaded host's load.
describe('Optimize Hosts (property)', () => {
  it('never breaks a placement rule, never targets a host in maintenance or not responding, never makes the most-loaded host worse', () => {
    let proposed = 0;
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          nodes: fc.integer({ min: 3, max: 12 }),
          vms: fc.integer({ min: 6, max: 160 }),
          hotShare: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
          setShare: fc.double({ min: 0, max: 0.7, noNaN: true }),
          apartRules: fc.integer({ min: 0, max: 25 }),
          maintenance: fc.integer({ min: 0, max: 1 }),
          notResponding: fc.integer({ min: 0, max: 1 }),
          aggressiveness: fc.constantFrom(...AGGRESSIVENESS_VALUES),
          memoryFree: fc.integer({ min: 0, max: 40 }),
        }),
        (o) => {
          const doc = skewedClusterEstate(o);
          const r = optimizeHosts(
            doc,
            { scope: { cluster: 'CL-SKEW' }, aggressiveness: o.aggressiveness },
            {
              'All Hosts': { memoryFreePercent: o.memoryFree, cpuFreePercent: 25 },
            },
          );
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          proposed += r.value.moves.length;
          const hosts = new Map(doc.hosts.map((h) => [h.name, h]));
          const rules = buildPlacementRules(doc);
          const placements = new Map<string, string>();
          const live = doc.hosts.filter((h) => !h.maintenanceMode && h.state === 'Responding');
          const load = new Map(live.map((h) => [h.name, loadOf(h)]));
          const share = new Map<string, number>();
          for (const h of live)
            for (const [vm, s] of vmCpuShares(
              h,
              doc.vms.filter((v) => v.host === h.name),
            ))
              share.set(vm.name, s);
          const vms = new Map(doc.vms.map((v) => [v.name, v]));
          for (const m of r.value.moves) {
            const dest = hosts.get(m.to)!;
            expect(dest.maintenanceMode).toBe(false);
            expect(dest.state).toBe('Responding');
            const there = ruleFindings(rules, m.vm, m.to, placements);
            expect(there.filter((f) => f.blocking)).toEqual([]);
            const here = new Set(ruleFindings(rules, m.vm, m.from, placements).map((f) => f.code));
            expect(there.filter((f) => !here.has(f.code))).toEqual([]);
            placements.set(m.vm, m.to);

            const all = [...load.values()];
            const peakBefore = Math.max(...all.map(peakPercent));
            const memBefore = Math.max(...all.map(memoryPercent));
            const src = load.get(m.from)!;
            const dst = load.get(m.to)!;
            const vm = vms.get(m.vm)!;
            src.availableMB += vm.memoryMB;
            dst.availableMB -= vm.memoryMB;
            const cpu = share.get(m.vm) ?? 0;
            src.cpuPercent -= cpu;
            dst.cpuPercent += cpuShareOn(cpu, src.host, dst.host);
            share.set(m.vm, cpuShareOn(cpu, src.host, dst.host));
            expect(dst.availableMB).toBeGreaterThanOrEqual(dst.host.memory.reserveMB);
            expect(Math.max(...all.map(peakPercent))).toBeLessThanOrEqual(peakBefore + 1e-9);
            expect(Math.max(...all.map(memoryPercent))).toBeLessThanOrEqual(memBefore + 1e-9);
          }
          expect(r.value.balance.after.maxMemoryPercent).toBeLessThanOrEqual(r.value.balance.before.maxMemoryPercent);
        },
      ),
      { numRuns: 120 },
    );
    // The estates are skewed: most runs propose moves, so the checks above ran on real proposals.
    expect(proposed).toBeGreaterThan(120);
  });
});
