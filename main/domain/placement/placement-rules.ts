import type { AffinityRule, AffinityRuleType, Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { nameKey } from '../storage-paths/names.js';

/**
 * Placement rules (migration-rules.md section 8): possible owners, preferred owners, availability sets and
 * affinity rules, as findings for one VM `v` going to one destination `d`. Pure and fast; the whole API:
 *
 *   const rules = buildPlacementRules(inventory);          // once per estate, linear in its size
 *   const check = vmPlacementRules(rules, 'SQL-01', placed); // once per VM (and per state of `placed`)
 *   check.findings('HV-02')  // RuleFinding[]: blocking first (`not-possible-owner`, `affinity-rule`), then warnings
 *   check.blocked('HV-02')   // whether any finding blocks
 *
 * `placed` (optional) is where a plan has already put VMs: VM name -> host name, overriding the inventory's
 * `vm.host` for every VM but `v` itself (keys and values compared ignoring case; keys in the inventory's
 * spelling or lower case). `vmPlacementRules` costs the size of v's sets and rules; each `findings(d)` then costs
 * the number of findings at d (nothing at all for a VM without rules). `ruleFindings(rules, v, d, placed)` does
 * both in one call. Sentences for a finding are in placement-rule-texts.ts.
 *
 * A VM's cluster is the cluster of its inventory host; owner findings only arise for `d` in that cluster. Every
 * VM counts where it is, whatever its state (an off VM starts where it is). An empty `possibleOwners` list is
 * read like null (every node): Failover Clustering never leaves a group without a possible owner.
 */

/** The codes of section 8: two blocking reasons, three warnings. */
export type RuleFindingCode = 'not-possible-owner' | 'affinity-rule' | 'availability-set' | 'affinity-split' | 'not-preferred-owner';

/** The rule a finding comes from. */
export type RuleSource =
  | { kind: 'availability-set'; name: string }
  | { kind: 'affinity-rule'; name: string; type: AffinityRuleType; required: boolean }
  | { kind: 'possible-owners'; owners: string[]; cluster: string }
  | { kind: 'preferred-owners'; owners: string[]; cluster: string };

/** One finding of section 8 for a VM and a destination. */
export interface RuleFinding {
  code: RuleFindingCode;
  /** True for `not-possible-owner` and `affinity-rule`: the host is not available. */
  blocking: boolean;
  /** The VM being placed, as the inventory spells it. */
  vm: string;
  /** The destination, as the inventory spells it (or as asked when the inventory lacks it). */
  host: string;
  rule: RuleSource;
  /**
   * The other VMs involved: for rules that keep apart, those on `host`; for `SameNode`, the rule's other VMs
   * (all on `togetherOn`); empty for owner findings.
   */
  vms: string[];
  /** `SameNode` findings: the one host the rule's other VMs run on. */
  togetherOn?: string;
}

/** An estate's placement rules, indexed once. */
export interface PlacementRules {
  readonly kind: 'placement-rules';
  /** VMs by `nameKey`. */
  readonly vms: ReadonlyMap<string, Vm>;
  /** Hosts by `nameKey`. */
  readonly hosts: ReadonlyMap<string, Host>;
  /** Availability set members by `nameKey` of the set's name. */
  readonly sets: ReadonlyMap<string, readonly Vm[]>;
  /** Each VM's affinity rules, by `nameKey` of the VM's name (rules naming unknown VMs keep only the known ones). */
  readonly rulesOf: ReadonlyMap<string, readonly IndexedRule[]>;
  /** Whether the estate has any rule at all (false: every check answers nothing at once). */
  readonly any: boolean;
}

/** An affinity rule with its VMs resolved. */
export interface IndexedRule {
  rule: AffinityRule;
  members: readonly Vm[];
}

/** What `vmPlacementRules` answers for one VM. */
export interface VmPlacementRules {
  vm: Vm;
  /** Whether the VM has any owner list, availability set or affinity rule. */
  hasRules: boolean;
  /** The availability sets it belongs to, as spelled on the VM. */
  availabilitySets: readonly string[];
  /** The affinity rules naming it. */
  affinityRules: readonly AffinityRule[];
  /** The findings of section 8 for moving the VM to `dest` (blocking first, then warnings, in the table's order). */
  findings(dest: string | Host): RuleFinding[];
  /** Whether any finding at `dest` blocks. */
  blocked(dest: string | Host): boolean;
}

/** Where a plan has put VMs: VM name -> host name. */
export type Placements = ReadonlyMap<string, string>;

const NONE: readonly never[] = Object.freeze([]);

/** Indexes an estate's placement rules (linear in VMs and rules). */
export function buildPlacementRules(estate: Pick<InventoryDocument, 'hosts' | 'vms' | 'affinityRules'>): PlacementRules {
  const vms = new Map<string, Vm>();
  const hosts = new Map<string, Host>();
  const sets = new Map<string, Vm[]>();
  const rulesOf = new Map<string, IndexedRule[]>();
  let any = false;
  for (const host of estate.hosts) hosts.set(nameKey(host.name), host);
  for (const vm of estate.vms) {
    vms.set(nameKey(vm.name), vm);
    if ((vm.possibleOwners?.length ?? 0) > 0 || (vm.preferredOwners?.length ?? 0) > 0) any = true;
    for (const set of new Set((vm.availabilitySets ?? []).map(nameKey))) {
      any = true;
      const list = sets.get(set);
      if (list) list.push(vm);
      else sets.set(set, [vm]);
    }
  }
  for (const rule of estate.affinityRules ?? []) {
    const members: Vm[] = [];
    for (const name of rule.vms) {
      const vm = vms.get(nameKey(name));
      if (vm && !members.includes(vm)) members.push(vm);
    }
    if (members.length < 2) continue;
    any = true;
    const indexed: IndexedRule = { rule, members };
    for (const vm of members) {
      const k = nameKey(vm.name);
      const list = rulesOf.get(k);
      if (list) list.push(indexed);
      else rulesOf.set(k, [indexed]);
    }
  }
  return { kind: 'placement-rules', vms, hosts, sets, rulesOf, any };
}

/** A pending finding keyed by destination, before the destination's spelling is known. */
interface Pending {
  code: RuleFindingCode;
  rule: RuleSource;
  vms: string[];
  togetherOn?: string;
}

const ORDER: Record<RuleFindingCode, number> = {
  'not-possible-owner': 0,
  'affinity-rule': 1,
  'availability-set': 2,
  'affinity-split': 3,
  'not-preferred-owner': 4,
};

/**
 * The rules of one VM against where every other VM is (the inventory, overridden by `placed`); null when the
 * estate has no VM of that name.
 */
export function vmPlacementRules(rules: PlacementRules, vmName: string, placed?: Placements): VmPlacementRules | null {
  const vm = rules.vms.get(nameKey(vmName));
  if (!vm) return null;
  const setNames = vm.availabilitySets ?? NONE;
  const own = rules.rulesOf.get(nameKey(vm.name)) ?? NONE;
  const possible = (vm.possibleOwners?.length ?? 0) > 0 ? vm.possibleOwners! : null;
  const preferred = (vm.preferredOwners?.length ?? 0) > 0 ? vm.preferredOwners! : null;
  const hasRules = setNames.length > 0 || own.length > 0 || possible !== null || preferred !== null;
  const affinityRules = own.map((r) => r.rule);
  if (!hasRules) {
    return { vm, hasRules, availabilitySets: setNames, affinityRules, findings: () => [], blocked: () => false };
  }

  const where = (other: Vm): string => {
    const moved = placed?.get(other.name) ?? placed?.get(nameKey(other.name));
    return nameKey(moved ?? other.host);
  };

  // Findings that depend on where other VMs are, by destination key: worked out once for this VM.
  const at = new Map<string, Pending[]>();
  const add = (hostKey: string, p: Pending): void => {
    const list = at.get(hostKey);
    if (list) list.push(p);
    else at.set(hostKey, [p]);
  };
  // SameNode rules whose other VMs are all on one host: every destination but that host gets the finding.
  const together: { hostKey: string; pending: Pending }[] = [];

  const seenSets = new Set<string>();
  for (const name of setNames) {
    const k = nameKey(name);
    if (seenSets.has(k)) continue;
    seenSets.add(k);
    const byHost = new Map<string, string[]>();
    for (const mate of rules.sets.get(k) ?? NONE) {
      if (mate === vm) continue;
      const h = where(mate);
      const list = byHost.get(h);
      if (list) list.push(mate.name);
      else byHost.set(h, [mate.name]);
    }
    for (const [h, names] of byHost) add(h, { code: 'availability-set', rule: { kind: 'availability-set', name }, vms: names });
  }

  for (const { rule, members } of own) {
    const source: RuleSource = { kind: 'affinity-rule', name: rule.name, type: rule.type, required: rule.required };
    const others = members.filter((m) => m !== vm);
    if (rule.type === 'DifferentNode') {
      const byHost = new Map<string, string[]>();
      for (const mate of others) {
        const h = where(mate);
        const list = byHost.get(h);
        if (list) list.push(mate.name);
        else byHost.set(h, [mate.name]);
      }
      const code: RuleFindingCode = rule.required ? 'affinity-rule' : 'availability-set';
      for (const [h, names] of byHost) add(h, { code, rule: source, vms: names });
    } else {
      const first = where(others[0]);
      if (!others.every((m) => where(m) === first)) continue; // already split: nothing left to keep together
      const host = rules.hosts.get(first)?.name ?? placed?.get(others[0].name) ?? others[0].host;
      together.push({
        hostKey: first,
        pending: { code: rule.required ? 'affinity-rule' : 'affinity-split', rule: source, vms: others.map((m) => m.name), togetherOn: host },
      });
    }
  }

  const cluster = rules.hosts.get(nameKey(vm.host))?.cluster ?? null;
  const clusterKey = cluster === null ? null : nameKey(cluster);
  const possibleKeys = possible ? new Set(possible.map(nameKey)) : null;
  const preferredKeys = preferred ? new Set(preferred.map(nameKey)) : null;

  const findings = (dest: string | Host): RuleFinding[] => {
    const destName = typeof dest === 'string' ? dest : dest.name;
    const key = nameKey(destName);
    const host = typeof dest === 'string' ? rules.hosts.get(key) : dest;
    const spelled = host?.name ?? destName;
    const out: RuleFinding[] = [];
    const push = (p: Pending): void => {
      out.push({
        code: p.code,
        blocking: p.code === 'not-possible-owner' || p.code === 'affinity-rule',
        vm: vm.name,
        host: spelled,
        rule: p.rule,
        vms: p.vms,
        ...(p.togetherOn !== undefined ? { togetherOn: p.togetherOn } : {}),
      });
    };
    const inCluster = clusterKey !== null && host?.cluster != null && nameKey(host.cluster) === clusterKey;
    if (inCluster && possibleKeys && !possibleKeys.has(key)) {
      push({ code: 'not-possible-owner', rule: { kind: 'possible-owners', owners: [...possible!], cluster: cluster! }, vms: [] });
    }
    for (const p of at.get(key) ?? NONE) push(p);
    for (const t of together) if (t.hostKey !== key) push(t.pending);
    if (inCluster && preferredKeys && !preferredKeys.has(key)) {
      push({ code: 'not-preferred-owner', rule: { kind: 'preferred-owners', owners: [...preferred!], cluster: cluster! }, vms: [] });
    }
    if (out.length > 1) out.sort((a, b) => ORDER[a.code] - ORDER[b.code]);
    return out;
  };
  return { vm, hasRules, availabilitySets: setNames, affinityRules, findings, blocked: (dest) => findings(dest).some((f) => f.blocking) };
}

/** The findings of section 8 for moving `vmName` to `dest`, in one call (empty for an unknown VM). */
export function ruleFindings(rules: PlacementRules, vmName: string, dest: string | Host, placed?: Placements): RuleFinding[] {
  return vmPlacementRules(rules, vmName, placed)?.findings(dest) ?? [];
}
