import type { Issue, ReasonCode, WarningCode } from '../../../shared/model/placement.js';
import { assertNever } from '../../../shared/model/result.js';
import { said, text, type Text } from '../../../shared/i18n/text.js';
import type { RuleFinding, RuleSource } from './placement-rules.js';

/** The rule a finding comes from, named: "availability set SQL-AG", "affinity rule app-and-cache (SameNode, required)". */
export function ruleNameText(rule: RuleSource, vm: string): Text {
  switch (rule.kind) {
    case 'availability-set':
      return text('rule.kind.availabilitySet', { name: rule.name });
    case 'affinity-rule':
      return text(rule.required ? 'rule.kind.affinityRule.required' : 'rule.kind.affinityRule.preferred', { name: rule.name, type: rule.type });
    case 'possible-owners':
      return text('rule.possibleOwners', { vm, owners: { list: rule.owners } });
    case 'preferred-owners':
      return text('rule.preferredOwners', { vm, owners: { list: rule.owners } });
    default:
      return assertNever(rule);
  }
}

/**
 * A finding in a few words, for a plan's move row or a rating line: "kept apart from SQL-02: availability set
 * SQL-AG", "kept with CACHE-01 on HV-01: affinity rule app-and-cache (SameNode, required)", or the owner list.
 */
export function ruleFindingShortText(finding: RuleFinding): Text {
  const rule = ruleNameText(finding.rule, finding.vm);
  if (finding.rule.kind === 'possible-owners' || finding.rule.kind === 'preferred-owners') return rule;
  if (finding.togetherOn !== undefined) return text('rule.keptWith', { vms: { list: finding.vms }, together: finding.togetherOn, rule });
  return text('rule.keptApart', { vms: { list: finding.vms }, rule });
}

/** A finding's full sentence, saying what to do. */
export function ruleFindingText(f: RuleFinding): Text {
  const vms = { list: f.vms };
  const rule = ruleNameText(f.rule, f.vm);
  switch (f.code) {
    case 'not-possible-owner': {
      const owners = f.rule.kind === 'possible-owners' ? f.rule.owners : [];
      const cluster = f.rule.kind === 'possible-owners' ? f.rule.cluster : '';
      return text('reason.not-possible-owner', { host: f.host, vm: f.vm, cluster, owners: { list: owners } });
    }
    case 'affinity-rule':
      return f.togetherOn !== undefined
        ? text('reason.affinity-rule.together', { rule, vm: f.vm, vms, together: f.togetherOn })
        : text('reason.affinity-rule.apart', { host: f.host, vms, rule, vm: f.vm });
    case 'availability-set':
      return text('warning.availability-set', { host: f.host, vms, vm: f.vm, rule });
    case 'affinity-split':
      return text('warning.affinity-split', { rule, vm: f.vm, vms, together: f.togetherOn ?? '', host: f.host });
    case 'not-preferred-owner':
      return text('warning.not-preferred-owner', { host: f.host, vm: f.vm, owners: { list: f.rule.kind === 'preferred-owners' ? f.rule.owners : [] } });
    default:
      return assertNever(f.code);
  }
}

/** A blocking finding as a Select Host reason (`not-possible-owner`, `affinity-rule`) with its sentence; null for a warning. */
export function ruleReason(f: RuleFinding): Issue<ReasonCode> | null {
  if (f.code !== 'not-possible-owner' && f.code !== 'affinity-rule') return null;
  return { code: f.code, ...said(ruleFindingText(f)) };
}

/** A warning finding as a Select Host warning (`availability-set`, `affinity-split`, `not-preferred-owner`); null for a reason. */
export function ruleWarning(f: RuleFinding): Issue<WarningCode> | null {
  if (f.code !== 'availability-set' && f.code !== 'affinity-split' && f.code !== 'not-preferred-owner') return null;
  return { code: f.code, ...said(ruleFindingText(f)) };
}
