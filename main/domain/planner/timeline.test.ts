import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInventory } from '../../../scripts/gen-inventory.js';
import type { Host, PerformanceOption } from '../../../shared/model/inventory.js';
import type { MoveKind } from '../../../shared/model/job.js';
import type { HostLimits } from '../../../shared/model/migration-slots.js';
import { movePlan } from '../simulation/migration-model.js';
import { playTimeline, type TimelineMove } from './timeline.js';

const EPS = 1e-6;

function host(name: string, gbps: number, nics: number): Host {
  const base = generateInventory({ hosts: 1, vms: 0, seed: 1 }).hosts[0];
  return { ...base, name, fqdn: `${name.toLowerCase()}.ferry.test`, migrationNetwork: { gbps, nics, rdma: false }, cpu: { ...base.cpu, usagePercent: 30 } };
}

function move(
  id: string,
  source: Host,
  destination: Host,
  memoryMB: number,
  dirtyRateMBps: number,
  option: PerformanceOption = 'TCPIP',
  kind: MoveKind = 'live',
): TimelineMove {
  return { id, kind, source, destination, option, plan: movePlan({ vm: { memoryMB, dirtyRateMBps, diskGB: 40 }, kind }), after: [] };
}

const limits = (live: number) => (): HostLimits => ({ live, storage: 2 });

describe('the plan timeline', () => {
  const slow = host('SLOW', 1, 1);
  const far = [host('FAR-1', 10, 2), host('FAR-2', 10, 2), host('FAR-3', 10, 2)];
  const moves = far.map((f, i) => move(`m${i + 1}`, slow, f, 8192, 40));

  it("shares a host's migration network among the moves its limits let start, each at a fair share", () => {
    const played = playTimeline(moves, limits(4));
    for (const m of moves) expect(played.entries.get(m.id)?.start).toBe(0);
    // Three moves over one 1 Gbps NIC: each at a third of the rate, so each takes about three times as long as alone.
    const alone = playTimeline([moves[0]], limits(4)).entries.get('m1');
    expect((played.entries.get('m1')?.end ?? 0) / (alone?.end ?? 1)).toBeGreaterThan(2.5);
    expect(played.follows.size).toBe(0);
  });

  it('with link admission runs them one after the other on a full link, sends less and ends sooner, and says what each follows', () => {
    const shared = playTimeline(moves, limits(4));
    const held = playTimeline(moves, limits(4), { linkAdmission: true });
    expect(held.entries.get('m1')?.start).toBe(0);
    expect(held.entries.get('m2')?.start).toBeCloseTo(held.entries.get('m1')?.end ?? -1, 6);
    expect(held.entries.get('m3')?.start).toBeCloseTo(held.entries.get('m2')?.end ?? -1, 6);
    expect([...held.follows.entries()]).toEqual([
      ['m2', 'm1'],
      ['m3', 'm2'],
    ]);
    // Pre-copy re-sends what the VM dirties while it copies: a move alone on the link copies faster, so it re-sends less.
    const sent = (p: typeof held): number => [...p.entries.values()].reduce((s, e) => s + e.sentMB, 0);
    expect(sent(held)).toBeLessThan(sent(shared));
    expect(held.makespan).toBeLessThan(shared.makespan);
  });

  it('admits moves together while the link has room: slow far ends leave a fast NIC room for several', () => {
    const fast = host('FAST', 10, 1);
    const slowFar = [host('S-1', 1, 1), host('S-2', 1, 1), host('S-3', 1, 1)];
    const held = playTimeline(
      slowFar.map((f, i) => move(`m${i + 1}`, fast, f, 4096, 10)),
      limits(4),
      { linkAdmission: true },
    );
    for (const id of ['m1', 'm2', 'm3']) expect(held.entries.get(id)?.start).toBe(0);
    expect(held.follows.size).toBe(0);
  });

  it('a timeline played with link admission is what the scheduler does with its follows (random moves)', () => {
    const arb = fc.record({
      seed: fc.integer({ min: 1, max: 100_000 }),
      hosts: fc.integer({ min: 2, max: 6 }),
      moves: fc.array(
        fc.record({
          from: fc.nat(),
          to: fc.nat(),
          memoryMB: fc.integer({ min: 512, max: 65536 }),
          dirty: fc.integer({ min: 0, max: 200 }),
          option: fc.constantFrom<PerformanceOption>('TCPIP', 'Compression', 'SMB'),
          kind: fc.constantFrom<MoveKind>('live', 'live', 'live-vsm'),
        }),
        { minLength: 1, maxLength: 25 },
      ),
      live: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(arb, ({ seed, hosts, moves: specs, live }) => {
        const doc = generateInventory({ hosts, vms: 0, seed });
        const list: TimelineMove[] = [];
        specs.forEach((s, i) => {
          const from = doc.hosts[s.from % hosts];
          const to = doc.hosts[(s.from + 1 + (s.to % (hosts - 1))) % hosts];
          list.push(move(`m${i + 1}`, from, to, s.memoryMB, s.dirty, s.option, s.kind));
        });
        const held = playTimeline(list, limits(live), { linkAdmission: true });
        const replay = playTimeline(
          list.map((m) => ({ ...m, follows: held.follows.has(m.id) ? [held.follows.get(m.id) as string] : [] })),
          limits(live),
        );
        for (const m of list) {
          const a = held.entries.get(m.id);
          const b = replay.entries.get(m.id);
          expect(b?.start).toBeCloseTo(a?.start ?? -1, 3);
          expect(b?.end).toBeCloseTo(a?.end ?? -1, 3);
        }
        // A move follows one on the same migration network that ended by the time it started.
        const byId = new Map(list.map((m) => [m.id, m]));
        for (const [id, f] of held.follows) {
          const [m, g] = [byId.get(id) as TimelineMove, byId.get(f) as TimelineMove];
          expect([g.source.name, g.destination.name].some((h) => h === m.source.name || h === m.destination.name)).toBe(true);
          expect((held.entries.get(f)?.end ?? Infinity) <= (held.entries.get(id)?.start ?? -1) + EPS).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });
});
