import { text } from '../../../../shared/i18n/text.js';
import type { ImportProblem } from '../../../../shared/model/import.js';
import { importProblem } from '../../../domain/inventory/inventory-rules.js';
import type { AffinityRule, AffinityRuleType, Vm } from '../../../../shared/model/inventory.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
/** ConvertTo-Json writes a one-item list as the item itself: always answer an array. */
const list = (v: unknown): unknown[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);
const key = (s: string): string => s.toLowerCase();
const names = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string' && x !== '');

/** A clustered VM's placement rules as one host's read reports them (Read-FerryHostGroup.ps1 `clusterGroups`). */
export interface VmPlacement {
  /** The VM role's cluster group name, which affinity rules list. */
  group: string;
  possibleOwners: string[] | null;
  preferredOwners: string[];
  availabilitySets: string[];
}

/**
 * The placement rules of a host's clustered VMs, by VM id (lower case): possible owners (null when every node of
 * the cluster may own the VM, as the format says), preferred owners in order, availability sets.
 */
export function vmPlacements(data: Rec, at: string, problems: ImportProblem[]): Map<string, VmPlacement> {
  const nodes = list(data.clusterNodes)
    .filter(isRec)
    .map((n) => n.Name)
    .filter((n): n is string => typeof n === 'string');
  const out = new Map<string, VmPlacement>();
  list(data.clusterGroups).forEach((g, k) => {
    if (!isRec(g) || typeof g.VMId !== 'string' || typeof g.Name !== 'string') {
      problems.push(importProblem(`${at}.clusterGroups[${k}]`, text('import.hyperv.clusterGroup')));
      return;
    }
    const possible = names(g.PossibleOwners);
    const everyNode = nodes.every((n) => possible.some((p) => key(p) === key(n)));
    out.set(key(g.VMId), {
      group: g.Name,
      possibleOwners: possible.length === 0 || everyNode ? null : possible,
      preferredOwners: names(g.PreferredOwners),
      availabilitySets: names(g.AntiAffinityClassNames),
    });
  });
  return out;
}

/** Sets a read VM's placement fields from its cluster group (only clustered VMs have them). */
export function withPlacement(vm: Vm, placement: VmPlacement | undefined): Vm {
  if (!placement) return vm;
  return { ...vm, possibleOwners: placement.possibleOwners, preferredOwners: placement.preferredOwners, availabilitySets: placement.availabilitySets };
}

/** Get-ClusterAffinityRule's RuleType (a CLUS_AFFINITY_RULE_TYPE number or its name) in the format, or null (fault domains). */
function ruleTypeOf(v: unknown): AffinityRuleType | null {
  const s = String(v);
  if (s === '2' || s === 'SameNode') return 'SameNode';
  if (s === '4' || s === 'DifferentNode') return 'DifferentNode';
  return null;
}

/**
 * The estate's affinity rules from every host's read (each node of a cluster reads the same rules: kept once, by
 * name), with each cluster group named by its VM. Rules Ferry has no meaning for are left out: disabled ones,
 * fault-domain ones, and those naming fewer than two VMs that were read. Windows enforces a rule, so each is required.
 */
export function affinityRulesOf(rawRules: unknown[], groupVm: ReadonlyMap<string, string>): AffinityRule[] {
  const rules = new Map<string, AffinityRule>();
  for (const r of rawRules) {
    if (!isRec(r) || typeof r.Name !== 'string' || r.Enabled === false) continue;
    const type = ruleTypeOf(r.RuleType);
    if (!type || rules.has(key(r.Name))) continue;
    const vms = [...new Set(names(r.Groups).flatMap((g) => groupVm.get(key(g)) ?? []))];
    if (vms.length >= 2) rules.set(key(r.Name), { name: r.Name, type, vms, required: true });
  }
  return [...rules.values()];
}
