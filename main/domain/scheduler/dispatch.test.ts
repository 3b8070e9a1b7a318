import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoveKind } from '../connector/host-connector.js';
import { decideDispatch, describeWait, type ScheduledMove } from './dispatch.js';
import { hostLimits, slotsNeeded, type HostLimits } from './slot-rules.js';

const move = (id: string, kind: MoveKind, from: string, to: string): ScheduledMove => ({ id, needs: slotsNeeded(kind, from, to) });
const limits =
  (live = 2, storage = 2) =>
  (): HostLimits => ({ live, storage });

describe('slot rules (migration-rules.md section 4)', () => {
  it('a live migration takes a live slot on its source and one on its destination', () => {
    expect(slotsNeeded('live', 'A', 'B')).toEqual([
      { host: 'A', kind: 'live' },
      { host: 'B', kind: 'live' },
    ]);
  });

  it('a storage migration takes one storage slot on its host', () => {
    expect(slotsNeeded('storage', 'A', 'A')).toEqual([{ host: 'A', kind: 'storage' }]);
  });

  it('a Live (VSM) takes one live and one storage slot on both hosts', () => {
    expect(slotsNeeded('live-vsm', 'A', 'B')).toEqual([
      { host: 'A', kind: 'live' },
      { host: 'B', kind: 'live' },
      { host: 'A', kind: 'storage' },
      { host: 'B', kind: 'storage' },
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
      [],
      limits(),
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

  it('a move needing two busy hosts is not overtaken forever by moves that take each host in turn', () => {
    // M (A to B) arrives while A is busy. Each turn the oldest running move ends and a new move
    // arrives wanting whichever of A and B is free: without M holding both, they would take turns forever.
    let running = [move('a0', 'live', 'A', 'C')];
    let queued = [move('M', 'live', 'A', 'B')];
    const started: string[] = [];
    for (let t = 1; t <= 6 && !started.includes('M'); t++) {
      const arriving = move(`x${t}`, 'live', t % 2 ? 'B' : 'A', `D${t}`);
      const d = decideDispatch([...queued, arriving], running, limits(1));
      started.push(...d.start);
      running = [...running.slice(1), ...[...queued, arriving].filter((m) => d.start.includes(m.id))];
      queued = [...queued, arriving].filter((m) => !d.start.includes(m.id));
    }
    expect(started[0]).toBe('M');
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

  /** A random estate: 2 to 8 hosts with their own limits, some of them in clusters that may cap parallel migrations. */
  const arbEstate = fc.oneof(fc.integer({ min: 3, max: 4 }), fc.integer({ min: 2, max: 8 })).chain((hosts) =>
    fc.record({
      hosts: fc.constant(hosts),
      live: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: hosts, maxLength: hosts }),
      storage: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: hosts, maxLength: hosts }),
      // -1: a standalone host; otherwise the cluster (0 or 1) it is a node of.
      cluster: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: hosts, maxLength: hosts }),
      clusterMax: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), { minLength: 2, maxLength: 2 }),
    }),
  );
  const arbMove = fc.record({
    kind: fc.constantFrom(...kinds),
    from: fc.nat(),
    to: fc.nat(),
    duration: fc.integer({ min: 1, max: 5 }),
    gap: fc.integer({ min: 0, max: 3 }),
  });

  it('never exceeds a slot, ends every move, and starts each within a bound of the moves ahead of it (no starvation)', () => {
    fc.assert(
      fc.property(arbEstate, fc.array(arbMove, { minLength: 1, maxLength: 60 }), (estate, stream) => {
        const host = (i: number): string => `H${i}`;
        // Limits as the scheduler reads them: the host's own, the cluster's maximum winning for the live limit.
        const limitsOf = (h: string): HostLimits => {
          const i = Number(h.slice(1));
          const c = estate.cluster[i];
          const node = { liveMigration: { maxLive: estate.live[i], maxStorage: estate.storage[i] } } as Parameters<typeof hostLimits>[0];
          return hostLimits(node, c < 0 ? null : ({ maxParallelMigrations: estate.clusterMax[c] } as Parameters<typeof hostLimits>[1]));
        };
        // A stream: moves arrive in submission order, a few ticks apart (several in the same tick too).
        let at = 0;
        const all = stream.map((m, i) => {
          at += m.gap;
          const from = m.from % estate.hosts;
          const other = m.to % estate.hosts === from ? (from + 1) % estate.hosts : m.to % estate.hosts;
          const to = m.kind === 'storage' ? from : other;
          return { ...move(String(i), m.kind, host(from), host(to)), duration: m.duration, arrival: at, started: -1, ended: -1, ahead: -1 };
        });
        const longest = Math.max(...all.map((m) => m.duration));
        const running: typeof all = [];
        const horizon = at + (all.length + 1) * longest + 1;
        for (let t = 0; t <= horizon && all.some((m) => m.ended < 0); t++) {
          for (const m of running.filter((r) => r.started + r.duration <= t)) {
            m.ended = t;
            running.splice(running.indexOf(m), 1);
          }
          const queued = all.filter((m) => m.arrival <= t && m.started < 0);
          for (const m of queued) if (m.arrival === t) m.ahead = queued.indexOf(m);
          const d = decideDispatch(queued, running, limitsOf);
          for (const id of d.start) {
            const m = all[Number(id)];
            expect(m.started).toBe(-1);
            m.started = t;
            running.push(m);
          }
          // Every move that did not start says what it waits for: a slot it needs, and its place in that line.
          for (const m of queued.filter((q) => q.started < 0)) {
            const why = d.waiting.get(m.id);
            expect(why).toBeDefined();
            expect(m.needs).toContainEqual({ host: why!.host, kind: why!.kind });
            expect(why!.position).toBeGreaterThanOrEqual(1);
          }
          const use = new Map<string, number>();
          for (const r of running) for (const n of r.needs) use.set(`${n.host}/${n.kind}`, (use.get(`${n.host}/${n.kind}`) ?? 0) + 1);
          for (const [k, n] of use) {
            const [h, kind] = k.split('/') as [string, 'live' | 'storage'];
            expect(n).toBeLessThanOrEqual(limitsOf(h)[kind]);
          }
        }
        for (const m of all) {
          expect(m.ended).toBeGreaterThanOrEqual(0);
          // The oldest waiting move holds every slot it needs, so it starts within one longest move;
          // a move with k moves ahead of it when it arrived therefore starts within (k + 1) longest moves.
          expect(m.started - m.arrival).toBeLessThanOrEqual((m.ahead + 1) * longest);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('starts a move only within the limits of the moment, even when a limit changes between decisions', () => {
    fc.assert(
      fc.property(
        fc.array(arbMove, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 }),
        (stream, limitByTick) => {
          const all = stream.map((m, i) => {
            const from = m.from % 4;
            const to = m.kind === 'storage' ? from : (from + 1 + (m.to % 3)) % 4;
            return { ...move(String(i), m.kind, `H${from}`, `H${to}`), duration: m.duration, started: -1 };
          });
          const running: typeof all = [];
          for (let t = 0; t < limitByTick.length; t++) {
            for (const m of running.filter((r) => r.started + r.duration <= t)) running.splice(running.indexOf(m), 1);
            const now = limitByTick[t];
            const before = new Map<string, number>();
            for (const r of running) for (const n of r.needs) before.set(`${n.host}/${n.kind}`, (before.get(`${n.host}/${n.kind}`) ?? 0) + 1);
            const d = decideDispatch(
              all.filter((m) => m.started < 0),
              running,
              limits(now, now),
            );
            const after = new Map(before);
            for (const id of d.start) {
              const m = all[Number(id)];
              m.started = t;
              running.push(m);
              for (const n of m.needs) after.set(`${n.host}/${n.kind}`, (after.get(`${n.host}/${n.kind}`) ?? 0) + 1);
            }
            // A slot that got a new move is within today's limit; running moves are never stopped to get there.
            for (const [k, n] of after) if (n > (before.get(k) ?? 0)) expect(n).toBeLessThanOrEqual(now);
            if (now === 0) expect(d.start).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
