import type { Host } from '../../../shared/model/inventory.js';
import type { Issue, ReasonCode } from '../../../shared/model/placement.js';
import { say, text, type Said, type Text } from '../../../shared/i18n/text.js';
import type { MoveKind } from '../connector/host-connector.js';
import type { PlacementIndex } from '../placement/placement-index.js';
import { plainIssue } from '../placement/blocking-reasons.js';
import { ruleReason } from '../placement/placement-rule-texts.js';
import { vmPlacementRules } from '../placement/placement-rules.js';
import { hostCandidates, type HostCandidate } from '../placement/select-hosts.js';
import { vmFacts, type VmFacts } from '../placement/vm-facts.js';
import { nameKey } from '../storage-paths/names.js';
import { moveKindOf } from './move-kind.js';

/**
 * A queued move checked again when its turn comes (migration-rules.md section 10), against the inventory as it
 * is then: the destination responding, not in maintenance mode, live migration enabled, room for the VM once the
 * moves running there are counted, and the placement rules of section 8 against where every queued or running
 * move takes its VM. A move that no longer holds does not start; inside a plan run, the next-best destination
 * that keeps every rule is offered instead.
 */

/** What the check needs besides the inventory: the moves already queued or running. */
export interface StartContext {
  /** MB arriving on each host (by name key) from moves running now (the inventory counts them once they end). */
  arrivingMB: ReadonlyMap<string, number>;
  /** Where each other queued or running move takes its VM: VM name key → destination host. */
  placements: ReadonlyMap<string, string>;
}

/** The move to check. */
export interface StartRequest {
  vm: string;
  kind: MoveKind;
  sourceHost: string;
  destinationHost: string;
}

/** The verdict: the move may start; or why not, with another destination when one keeps every rule. */
export type StartCheck = { ok: true } | { ok: false; reason: Issue<ReasonCode>; fallback: { host: string; said: Said } | null };

const RULE_CODES: ReadonlySet<string> = new Set(['not-possible-owner', 'affinity-rule']);
const SOFT: ReadonlySet<string> = new Set(['availability-set', 'affinity-split']);

/** Checks a move as it is about to start; with `fallback`, looks for the next-best destination when it no longer holds. */
export function moveStartCheck(index: PlacementIndex, request: StartRequest, context: StartContext, fallback: boolean): StartCheck {
  if (request.kind === 'storage') return { ok: true };
  const vm = index.storage.vms.get(nameKey(request.vm));
  const facts = vm ? vmFacts(vm, index) : null;
  // A VM or host the inventory no longer has, or a VM that is not where the move starts: the connector says so.
  if (!facts || nameKey(facts.source.name) !== nameKey(request.sourceHost)) return { ok: true };
  const rules = vmPlacementRules(index.rules, vm!.name, context.placements);
  const needMB = facts.running ? facts.vm.memoryMB : 0;
  const reasonsAt = (c: HostCandidate): Issue<ReasonCode>[] => {
    const own = c.reasons
      .filter((r) => r.code !== 'insufficient-memory' && !RULE_CODES.has(r.code) && !(request.kind === 'quick' && r.code === 'insufficient-storage'))
      .map(plainIssue);
    const arriving = context.arrivingMB.get(nameKey(c.dest.name)) ?? 0;
    const haveMB = c.dest.memory.availableMB - arriving - c.dest.memory.reserveMB;
    if (haveMB < needMB) own.push({ code: 'insufficient-memory', ...say('reason.insufficient-memory', memoryParams(facts, c.dest, arriving, needMB)) });
    for (const f of rules?.findings(c.dest) ?? []) {
      const r = ruleReason(f);
      if (r) own.push(r);
    }
    return own;
  };
  const dest = hostCandidates(facts, index, {}, (d) => nameKey(d.name) === nameKey(request.destinationHost))[0];
  if (!dest) return { ok: true };
  const reasons = reasonsAt(dest);
  if (reasons.length === 0) return { ok: true };
  const reason = reasons[0];
  if (!fallback) return { ok: false, reason, fallback: null };
  const sameKind = (c: HostCandidate): boolean =>
    request.kind === 'quick'
      ? c.dest.cluster !== null && nameKey(c.dest.cluster) === nameKey(facts.source.cluster ?? '')
      : moveKindOf(c.decision.type) === request.kind;
  let best: { c: HostCandidate; soft: boolean; freeMB: number } | null = null;
  for (const c of hostCandidates(facts, index, {}, (d) => nameKey(d.name) !== nameKey(request.destinationHost))) {
    if (!sameKind(c) || reasonsAt(c).length > 0) continue;
    const soft = (rules?.findings(c.dest) ?? []).some((f) => SOFT.has(f.code));
    const freeMB = c.dest.memory.availableMB - (context.arrivingMB.get(nameKey(c.dest.name)) ?? 0);
    if (!best || (soft !== best.soft ? !soft : freeMB > best.freeMB)) best = { c, soft, freeMB };
  }
  if (!best) return { ok: false, reason, fallback: null };
  const why = whyText(reason.code, dest.dest.name, facts.vm.name);
  return { ok: false, reason, fallback: { host: best.c.dest.name, said: say('start.redirected', { why, host: best.c.dest.name }) } };
}

function memoryParams(facts: VmFacts, dest: Host, arriving: number, needMB: number): Record<string, Text | string | { mb: number }> {
  const haveMB = dest.memory.availableMB - arriving - dest.memory.reserveMB;
  return {
    vm: facts.vm.name,
    need: { mb: needMB },
    host: dest.name,
    available: { mb: dest.memory.availableMB - arriving },
    reserve: { mb: dest.memory.reserveMB },
    have: { mb: haveMB },
    missing: { mb: needMB - haveMB },
  };
}

/** What changed about the destination, in a few words ("HV-02 went into maintenance mode"). */
function whyText(code: ReasonCode, host: string, vm: string): Text {
  switch (code) {
    case 'maintenance-mode':
      return text('start.why.maintenance', { host });
    case 'host-not-responding':
      return text('start.why.notResponding', { host });
    case 'live-migration-disabled':
      return text('start.why.liveDisabled', { host });
    case 'insufficient-memory':
      return text('start.why.noRoom', { host, vm });
    case 'not-possible-owner':
    case 'affinity-rule':
      return text('start.why.rule', { host, vm });
    default:
      return text('start.why.cannotTake', { host, vm });
  }
}
