import type { AffinityRule, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { checkPlacementRules } from '../inventory/placement-rule-checks.js';
import { importProblem, ProblemList } from '../inventory/inventory-rules.js';
import { say, text } from '../../../shared/i18n/text.js';
import type { ImportProblem } from '../../../shared/model/import.js';
import { nameKey } from '../storage-paths/names.js';

/** A VM's own placement rules, as VM Properties edits them. */
export interface VmPlacementFields {
  /** Null: every node of its cluster. */
  possibleOwners: string[] | null;
  preferredOwners: string[];
  availabilitySets: string[];
}

/** An edit of the estate's placement rules, checked by the same rules as an import before anything changes. */
export type RuleEdit =
  | { kind: 'vm'; vm: string; fields: VmPlacementFields }
  | { kind: 'rule-set'; rule: AffinityRule; replaces: string | null }
  | { kind: 'rule-remove'; name: string };

/** What an edit changes: the estate after it, and the records it touched (names as the inventory spells them). */
export interface RuleEditResult {
  inventory: InventoryDocument;
  /** The VM edited (a `vm` edit), or null. */
  vm: Vm | null;
  /** The estate's affinity rules after the edit. */
  affinityRules: AffinityRule[];
}

const trimmed = (names: readonly string[]): string[] => names.map((n) => n.trim()).filter((n) => n !== '');

/**
 * Applies an edit to a copy of the estate and checks it as an import would (inventory-format.md "Placement
 * rules"): the problems, named by field, refuse it with `rules-invalid` and nothing changed. VM and host names
 * given in another case are spelled as the inventory spells them.
 */
export function applyRuleEdit(doc: InventoryDocument, edit: RuleEdit): Result<RuleEditResult> {
  const hosts = new Map(doc.hosts.map((h) => [nameKey(h.name), h.name]));
  const vmNames = new Map(doc.vms.map((v) => [nameKey(v.name), v.name]));
  const spellHost = (n: string): string => hosts.get(nameKey(n)) ?? n;
  const spellVm = (n: string): string => vmNames.get(nameKey(n)) ?? n;
  let rules = [...(doc.affinityRules ?? [])];
  let vms = doc.vms;
  let edited: Vm | null = null;
  let prefix: (path: string) => string;
  switch (edit.kind) {
    case 'vm': {
      const at = doc.vms.findIndex((v) => nameKey(v.name) === nameKey(edit.vm));
      if (at < 0) return err('vm-not-found', `No VM named "${edit.vm}" is in the inventory: refresh the inventory.`);
      const { possibleOwners, preferredOwners, availabilitySets } = edit.fields;
      edited = {
        ...doc.vms[at],
        possibleOwners: possibleOwners === null ? null : trimmed(possibleOwners).map(spellHost),
        preferredOwners: trimmed(preferredOwners).map(spellHost),
        availabilitySets: trimmed(availabilitySets),
      };
      vms = doc.vms.map((v, i) => (i === at ? (edited as Vm) : v));
      prefix = (path) => path.replace(new RegExp(`^vms\\[${at}\\]\\.`), '');
      break;
    }
    case 'rule-set': {
      const rule: AffinityRule = { ...edit.rule, name: edit.rule.name.trim(), vms: trimmed(edit.rule.vms).map(spellVm) };
      const old = edit.replaces === null ? -1 : rules.findIndex((r) => nameKey(r.name) === nameKey(edit.replaces as string));
      if (edit.replaces !== null && old < 0) return err('rule-not-found', say('rules.notFound', { rule: edit.replaces }));
      if (rule.name === '') return refused([importProblem('name', text('rules.needsName'))]);
      if (rule.vms.length < 2) return refused([importProblem('vms', text('rules.twoVms'))]);
      rules = old >= 0 ? rules.map((r, i) => (i === old ? rule : r)) : [...rules, rule];
      const position = old >= 0 ? old : rules.length - 1;
      prefix = (path) => path.replace(new RegExp(`^affinityRules\\[${position}\\]\\.`), '').replace(/^affinityRules\[\d+\]\.name$/, 'name');
      break;
    }
    case 'rule-remove': {
      const old = rules.findIndex((r) => nameKey(r.name) === nameKey(edit.name));
      if (old < 0) return err('rule-not-found', say('rules.notFound', { rule: edit.name }));
      rules = rules.filter((_, i) => i !== old);
      prefix = (path) => path;
      break;
    }
  }
  const inventory: InventoryDocument = { ...doc, vms, affinityRules: rules };
  const list = new ProblemList();
  checkPlacementRules(inventory, list, { hosts: [], vms: [] });
  const problems = list.result().map((p) => ({ ...p, path: prefix(p.path) }));
  if (problems.length > 0) return refused(problems);
  return ok({ inventory, vm: edited, affinityRules: rules });
}

/** A refused edit: every problem by field, and one sentence that lists them ("name: a rule needs a name."). */
function refused(problems: ImportProblem[]): Result<never> {
  const listed = problems.map((p) => text('rules.problem', { path: p.path, problem: p.text ?? p.message }));
  const one = problems.length === 1 && (problems[0].path === 'name' || problems[0].path === 'vms');
  const joined = listed.slice(1).reduce((all, next) => text('rules.joinSemicolon', { first: all, second: next }), listed[0]);
  return err('rules-invalid', say(one ? 'rules.invalidOne' : 'rules.invalid', { problems: joined }), { problems });
}
