import type { Host } from '../../../shared/model/inventory.js';
import type { Issue } from '../../../shared/model/placement.js';
import { said, text } from '../../../shared/i18n/text.js';
import { ruleFindingShortText, ruleFindingText, ruleNameText } from '../placement/placement-rule-texts.js';
import { vmPlacementRules, type PlacementRules, type RuleFinding, type RuleFindingCode } from '../placement/placement-rules.js';
import { nameKey } from '../storage-paths/names.js';
import type { PlacementAsk } from './destinations.js';

/**
 * The placement rules of section 8 inside one plan: each VM is checked against where the plan has already put
 * the others (`placements`), not only against the inventory. VMs of a `SameNode` rule that move in the same
 * plan form a group, placed one after the other, the first choosing for all.
 */

/** A soft rule (kept when another host has room): an availability set or a non-required affinity rule. */
export const SOFT_CODES: ReadonlySet<RuleFindingCode> = new Set(['availability-set', 'affinity-split']);

/** The rules of one VM against the plan's placements so far. */
export interface AskRules {
  /** Findings at `dest`, leaving out `SameNode` findings whose other VMs all move later in the same plan. */
  at(dest: Host): RuleFinding[];
  /** The VM's preferred owners, by name key, in order (empty: none). */
  preferred: readonly string[];
}

/** The rules of `ask` given the plan's `placements` (VM name key → host name) and the VMs still to place. */
export function askRules(rules: PlacementRules, ask: PlacementAsk, placements: ReadonlyMap<string, string>, pending: ReadonlySet<string>): AskRules | null {
  if (!rules.any) return null;
  const check = vmPlacementRules(rules, ask.vm.name, placements);
  if (!check?.hasRules) return null;
  const waiting = (f: RuleFinding): boolean => f.togetherOn !== undefined && f.vms.every((v) => pending.has(nameKey(v)) && !placements.has(nameKey(v)));
  return {
    at: (dest) => check.findings(dest).filter((f) => !waiting(f)),
    preferred: (ask.vm.preferredOwners ?? []).map(nameKey),
  };
}

/**
 * Groups the asks that a `SameNode` rule ties together (any VMs of one rule moving in this plan), by the
 * index of each ask: asks of one group share a number; an ask in no group has its own.
 */
export function sameNodeGroups(rules: PlacementRules, asks: readonly PlacementAsk[]): { group: number[]; required: boolean[] } {
  const parent = asks.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const byVm = new Map(asks.map((a, i) => [nameKey(a.vm.name), i]));
  const requiredRoot = new Set<number>();
  const required: boolean[] = asks.map(() => false);
  if (rules.any) {
    for (const [i, a] of asks.entries()) {
      for (const r of rules.rulesOf.get(nameKey(a.vm.name)) ?? []) {
        if (r.rule.type !== 'SameNode') continue;
        for (const m of r.members) {
          const j = byVm.get(nameKey(m.name));
          if (j === undefined || j === i) continue;
          parent[find(j)] = find(i);
          if (r.rule.required) required[i] = required[j] = true;
        }
      }
    }
  }
  const group = asks.map((_, i) => find(i));
  for (const [i, g] of group.entries()) if (required[i]) requiredRoot.add(g);
  return { group, required: group.map((g) => requiredRoot.has(g)) };
}

/**
 * A rule that shaped a move, in a few words ("kept apart from SQL-02: availability set SQL-AG"), with the finding's
 * code; `broken` when it is a soft rule the move could not keep (no other host had room).
 */
export type ShapingRule = Issue<RuleFindingCode> & { broken?: true };

/**
 * The rule that shaped a VM's destination: a soft rule it had to break (no other host had room: the finding's
 * full sentence), the `SameNode` rule that bound it, a rule that kept it off a host it could otherwise have
 * taken, or, in an evacuation, its preferred owners; null when no rule played a part.
 */
export function shapingRule(chosen: readonly RuleFinding[], avoided: readonly RuleFinding[], preferredChosen: RuleFinding | null): ShapingRule | null {
  const broken = chosen.find((f) => SOFT_CODES.has(f.code));
  if (broken) return { code: broken.code, ...said(ruleFindingText(broken)), broken: true };
  const together = avoided.find((f) => f.togetherOn !== undefined);
  if (together) return { code: together.code, ...said(ruleFindingShortText(together)) };
  const apart = avoided.find((f) => f.code !== 'not-preferred-owner');
  if (apart) return { code: apart.code, ...said(ruleFindingShortText(apart)) };
  if (preferredChosen) return { code: preferredChosen.code, ...said(ruleFindingShortText(preferredChosen)) };
  return null;
}

/**
 * The rule of the first VM of a `SameNode` group, which chose the host for all of them: "kept with CACHE-01 on
 * HV-03: affinity rule app-and-cache (SameNode, required)"; null when none of the others went with it.
 */
export function leaderRule(
  rules: PlacementRules,
  leader: { ask: PlacementAsk; dest: Host },
  others: readonly { ask: PlacementAsk; dest: Host }[],
): ShapingRule | null {
  const withIt = new Set(others.filter((o) => o.dest === leader.dest).map((o) => nameKey(o.ask.vm.name)));
  const r = (rules.rulesOf.get(nameKey(leader.ask.vm.name)) ?? []).find(
    (x) => x.rule.type === 'SameNode' && x.members.some((m) => withIt.has(nameKey(m.name))),
  );
  if (!r) return null;
  const vms = r.members.filter((m) => withIt.has(nameKey(m.name))).map((m) => m.name);
  const source = { kind: 'affinity-rule' as const, name: r.rule.name, type: r.rule.type, required: r.rule.required };
  return {
    code: r.rule.required ? 'affinity-rule' : 'affinity-split',
    ...said(text('rule.keptWith', { vms: { list: vms }, together: leader.dest.name, rule: ruleNameText(source, leader.ask.vm.name) })),
  };
}
