import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoveKind } from '../connector/host-connector.js';
import { decideDispatch, describeWait, type ScheduledMove } from './dispatch.js';
import { slotsNeeded, type HostLimits } from './slot-rules.js';

const move = (id: string, kind: MoveKind, from: string, to: string): ScheduledMove => ({ id, needs: slotsNeeded(kind, from, to) });
const limits = (live = 2, storage = 2) => (): HostLimits => ({ live, storage });

describe('slot rules (migration-rules.md section 4)', () => {
  it('a live migration takes a live slot on its source and one on its destination', () => {
    expect(slotsNeeded('live', 'A', 'B')).toEqual([{ host: 'A', kind: 'live' }, { host: 'B', kind: 'live' }]);
  });

  it('a storage migration takes one storage slot on its host', () => {
    expect(slotsNeeded('storage', 'A', 'A')).toEqual([{ host: 'A', kind: 'storage' }]);
  });

  it('a Live (VSM) takes one live and one storage slot on both hosts', () => {
    expect(slotsNeeded('live-vsm', 'A', 'B')).toEqual([
      { host: 'A', kind: 'live' }, { host: 'B', kind: 'live' }, { host: 'A', kind: 'storage' }, { host: 'B', kind: 'storage' },
    ]);
  });

  it('a host runs two outgoing live migrations at its default limit, and queues the third', () => {
    const d = decideDispatch([move('1', 'live', 'A', 'B'), move('2', 'live', 'A', 'C'), move('3', 'live', 'A', 'D')], [], limits());
    expect(d.start).toEqual(['1', '2']);
    expect(describeWait(d.waiting.get('3') as never)).toBe('waiting for a live-migration slot on A (2 of 2 in use), position 1');
  });

  it('incoming and outgoing migrations both count against a host', () => {
    const d = decideDispatch([move('in', 'live', 'B', 'A'), move('out', 'live', 'A', 'C'), move('third', 'live', 'D', 'A')], [], limits());
    expect(d.start).toEqual(['in', 'out']);
    expect(d.waiting.get('third')).toMatchObject({ host: 'A', kind: 'live', inUse: 2, limit: 2 });
  });

  it('live and storage slots are independent: two of each run at once on a host', () => {
    const d = decideDispatch(
      [move('l1', 'live', 'A', 'B'), move('l2', 'live', 'A', 'C'), move('s1', 'storage', 'A', 'A'), move('s2', 'storage', 'A', 'A')],
      [], limits(),
    );
    expect(d.start).toEqual(['l1', 'l2', 's1', 's2']);
  });

  it('a Live (VSM) waits when the storage slots are full even if live slots are free', () => {
    const running = [move('s1', 'storage', 'A', 'A'), move('s2', 'storage', 'A', 'A')];
    const d = decideDispatch([move('vsm', 'live-vsm', 'A', 'B')], running, limits());
    expect(d.start).toEqual([]);
    expect(d.waiting.get('vsm')).toMatchObject({ host: 'A', kind: 'storage' });
  });

  it("a cluster's maximum parallel migrations wins over a node's live limit", async () => {
    const { hostLimits } = await import('./slot-rules.js');
    const host = { liveMigration: { maxLive: 2, maxStorage: 2 } } as Parameters<typeof hostLimits>[0];
    expect(hostLimits(host, { maxParallelMigrations: 4 } as Parameters<typeof hostLimits>[1])).toEqual({ live: 4, storage: 2 });
    expect(hostLimits(host, { maxParallelMigrations: null } as Parameters<typeof hostLimits>[1])).toEqual({ live: 2, storage: 2 });
  });

  it('a waiting move does not block a move that could run on other hosts', () => {
    const running = [move('r1', 'live', 'A', 'B'), move('r2', 'live', 'A', 'C')];
    const d = decideDispatch([move('blocked', 'live', 'A', 'D'), move('free', 'live', 'E', 'F')], running, limits());
    expect(d.start).toEqual(['free']);
  });

  it('a later move may not overtake a waiting one on the slot it waits for', () => {
    // X waits for A's live slot; when one frees, X gets it even though Y was also submitted.
    const running = [move('r1', 'live', 'A', 'B')];
    const d = decideDispatch([move('X', 'live', 'A', 'C'), move('Y', 'live', 'A', 'D')], running, limits(2));
    expect(d.start).toEqual(['X']);
    expect(d.waiting.get('Y')).toMatchObject({ host: 'A', position: 1 });
  });

  it('applies a changed limit at the next decision without touching running moves', () => {
    const running = [move('r1', 'live', 'A', 'B'), move('r2', 'live', 'A', 'C')];
    expect(decideDispatch([move('q', 'live', 'A', 'D')], running, limits(2)).start).toEqual([]);
    expect(decideDispatch([move('q', 'live', 'A', 'D')], running, limits(3)).start).toEqual(['q']);
    expect(decideDispatch([move('q', 'live', 'A', 'D')], running, limits(1)).start).toEqual([]);
  });
});

describe('the dispatcher on random streams of moves', () => {
  const kinds: MoveKind[] = ['live', 'live-vsm', 'storage', 'network', 'quick'];
  const arbMove = fc.record({
    kind: fc.constantFrom(...kinds),
    from: fc.integer({ min: 0, max: 5 }),
    to: fc.integer({ min: 0, max: 5 }),
    duration: fc.integer({ min: 1, max: 5 }),
    arrival: fc.integer({ min: 0, max: 20 }),
  });

  it('never exceeds a slot, ends every move and starves none', () => {
    fc.assert(
      fc.property(fc.array(arbMove, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }), (stream, live, storage) => {
        const host = (i: number): string => `H${i}`;
        const limitsOf = (h: string): HostLimits => ({ live: live[Number(h.slice(1))], storage: storage[Number(h.slice(1))] });
        const all = stream.map((m, i) => {
          const to = m.kind === 'storage' ? m.from : m.to === m.from ? (m.from + 1) % 6 : m.to;
          return { ...move(String(i), m.kind, host(m.from), host(to)), duration: m.duration, arrival: m.arrival, started: -1, ended: -1 };
        });
        const running: typeof all = [];
        for (let t = 0; t < 2000 && all.some((m) => m.ended < 0); t++) {
          for (const m of running.filter((r) => r.started + r.duration <= t)) {
            m.ended = t;
            running.splice(running.indexOf(m), 1);
          }
          const queued = all.filter((m) => m.arrival <= t && m.started < 0);
          const d = decideDispatch(queued, running, limitsOf);
          for (const id of d.start) {
            const m = all[Number(id)];
            m.started = t;
            running.push(m);
          }
          const use = new Map<string, number>();
          for (const r of running) for (const n of r.needs) use.set(`${n.host}/${n.kind}`, (use.get(`${n.host}/${n.kind}`) ?? 0) + 1);
          for (const [k, n] of use) {
            const [h, kind] = k.split('/') as [string, 'live' | 'storage'];
            expect(n).toBeLessThanOrEqual(limitsOf(h)[kind]);
          }
        }
        for (const m of all) expect(m.ended).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
