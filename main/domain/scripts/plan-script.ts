import type { InventoryDocument } from '../../../shared/model/inventory.js';
import type { Plan } from '../../../shared/model/plan.js';
import { ok, type Result } from '../../../shared/model/result.js';
import { vmMigrationScript } from './migrate-vm-script.js';

/**
 * A plan as one PowerShell script: each move's script (the same View Script gives for it) in the
 * plan's order. Ferry runs a plan under the per-host limits, several moves at once; the script runs
 * them one after the other (VMM's -RunAsynchronously starts each and goes on). Comments carry numbers
 * only, never an inventory value.
 */
export function planScript(plan: Plan, inventory: InventoryDocument): Result<string> {
  const parts = [
    `# Ferry plan: ${plan.moves.length} moves, predicted window ${plan.makespan.toFixed(0)} s (lower bound ${plan.lowerBound.toFixed(0)} s).`,
    "# Ferry runs these under each host's limits on simultaneous migrations; this script runs them in the plan's order, one after the other.",
  ];
  if (plan.unmovable.length) parts.push(`# ${plan.unmovable.length} VMs cannot move in this plan and are left out.`);
  for (const [i, m] of plan.moves.entries()) {
    const script = vmMigrationScript({ vm: m.vm, destinationHost: m.to, transferType: m.transferType, performanceOption: m.performanceOption }, inventory);
    if (!script.ok) return script;
    parts.push(
      '',
      `# Move ${i + 1} of ${plan.moves.length}: predicted to start at ${m.start.toFixed(0)} s and end at ${m.end.toFixed(0)} s.`,
      script.value.trimEnd(),
    );
  }
  return ok(`${parts.join('\n')}\n`);
}
