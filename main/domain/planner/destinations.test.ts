import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInventory } from '../../../scripts/gen-inventory.js';
import { buildPlacementIndex } from '../placement/placement-index.js';
import { placeAll, type PlacementAsk } from './destinations.js';

// Placement weighs a VM without placement rules from the highest rating a host could give it down, and stops at the
// first rating no host left can reach. It must choose exactly what weighing every host chooses.

/** The placements as data: where each VM goes, with its rating and what it waits for; and why the others stay. */
function outcome(r: ReturnType<typeof placeAll>): unknown {
  return {
    placed: r.placed.map((p) => [p.ask.vm.name, p.dest.name, p.transferType, p.rating, p.after, p.rule?.code ?? null]),
    notPlaced: r.notPlaced.map((n) => [n.ask.vm.name, n.reasons.map((x) => [x.code, x.message])]),
  };
}

describe('placeAll, stopping at the first rating no host left can reach', () => {
  it('places every VM where weighing every host places it, on random estates (full and loaded hosts, evacuated or chosen VMs)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          hosts: fc.integer({ min: 3, max: 60 }),
          perHost: fc.integer({ min: 1, max: 30 }),
          every: fc.integer({ min: 1, max: 4 }),
        }),
        ({ seed, hosts, perHost, every }) => {
          const doc = generateInventory({ hosts, vms: hosts * perHost, seed });
          const index = buildPlacementIndex(doc);
          const asks: PlacementAsk[] = doc.vms.filter((_, i) => i % every === 0).map((vm, order) => ({ vm, pinned: null, order }));
          expect(outcome(placeAll(asks, index))).toEqual(outcome(placeAll(asks, index, { prune: false })));
        },
      ),
      { numRuns: 60 },
    );
  });
});
