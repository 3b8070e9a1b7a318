import { planMoves } from '../main/domain/planner/planner.js';
import { generateInventory } from '../scripts/gen-inventory.js';
const doc = generateInventory({ hosts: 100, vms: 2500, seed: 3 });
const running = doc.vms.filter((v) => v.state === 'Running').map((v) => v.name);
const r0 = planMoves(doc, { kind: 'vms', vms: running, to: 'auto' });
if (!r0.ok) throw new Error();
const request = { kind: 'vms' as const, vms: r0.value.moves.map((m) => m.vm).slice(0, 1000), to: 'auto' };
for (let i = 0; i < 12; i++) { const t = performance.now(); planMoves(doc, request); console.log((performance.now() - t).toFixed(0)); }
