import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movePlan } from './migration-model.js';
import { moveAdvance, moveDone, moveRemainingSeconds, moveStart, type MoveRates } from './move-engine.js';

const rates: MoveRates = { memory: 1073, storage: 500, disk: 500 };

describe('moveAdvance', () => {
  it('property: playing a move in many small steps ends where playing it at once does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65_536 }),
        fc.double({ min: 0, max: 1500, noNaN: true }),
        fc.constantFrom('live', 'live-vsm', 'storage', 'quick', 'network' as const),
        fc.array(fc.double({ min: 0.001, max: 30, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (memoryMB, dirty, kind, steps) => {
          const plan = movePlan({ vm: { memoryMB, dirtyRateMBps: dirty, diskGB: 40 }, kind });
          const atOnce = moveAdvance(plan, moveStart(plan), Infinity, rates);
          let state = moveStart(plan);
          for (let i = 0; !moveDone(state); i++) state = moveAdvance(plan, state, steps[i % steps.length], rates);
          expect(state.precopy.length).toBe(atOnce.precopy.length);
          expect(state.precopyEnd).toBe(atOnce.precopyEnd);
          expect(state.elapsedSeconds).toBeCloseTo(atOnce.elapsedSeconds, 6);
          expect(state.downtimeSeconds).toBeCloseTo(atOnce.downtimeSeconds, 6);
          expect(state.sentMB).toBeCloseTo(atOnce.sentMB, 3);
        },
      ),
    );
  });

  it('property: so does a move with a resident memory, a working set, a continuous stop test and a faster final copy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 128, max: 65_536 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1500, noNaN: true }),
        fc.array(fc.double({ min: 0.001, max: 30, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (memoryMB, residentShare, setShare, dirty, steps) => {
          const plan = movePlan({
            vm: { memoryMB, dirtyRateMBps: dirty, diskGB: 0, residentMB: memoryMB * residentShare, workingSetMB: memoryMB * setShare },
            kind: 'live',
            precopyStop: 'continuous',
          });
          const fast: MoveRates = { ...rates, stopAndCopy: 4000 };
          const atOnce = moveAdvance(plan, moveStart(plan), Infinity, fast);
          let state = moveStart(plan);
          for (let i = 0; !moveDone(state); i++) state = moveAdvance(plan, state, steps[i % steps.length], fast);
          expect(state.precopy.length).toBe(atOnce.precopy.length);
          expect(state.precopyEnd).toBe(atOnce.precopyEnd);
          expect(state.elapsedSeconds).toBeCloseTo(atOnce.elapsedSeconds, 6);
          expect(state.downtimeSeconds).toBeCloseTo(atOnce.downtimeSeconds, 6);
          expect(state.sentMB).toBeCloseTo(atOnce.sentMB, 3);
        },
      ),
    );
  });

  it('stops at the start of a phase when asked, and predicts the time to get there', () => {
    const plan = movePlan({ vm: { memoryMB: 8192, dirtyRateMBps: 20, diskGB: 0 }, kind: 'live' });
    const start = moveStart(plan);
    const atSwitch = moveAdvance(plan, start, Infinity, rates, 2);
    expect(atSwitch.phase).toBe(2);
    expect(moveRemainingSeconds(plan, start, rates, 2).total).toBeCloseTo(atSwitch.elapsedSeconds);
  });

  it('never changes the state it is given', () => {
    const plan = movePlan({ vm: { memoryMB: 8192, dirtyRateMBps: 20, diskGB: 0 }, kind: 'live' });
    const start = moveStart(plan);
    const copy = structuredClone(start);
    moveAdvance(plan, start, 5, rates);
    expect(start).toEqual(copy);
  });

  it('rejects a rate that would never finish', () => {
    const plan = movePlan({ vm: { memoryMB: 8192, dirtyRateMBps: 20, diskGB: 0 }, kind: 'live' });
    expect(() => moveAdvance(plan, moveStart(plan), 1, { ...rates, memory: 0 })).toThrow(/memory/);
  });
});
