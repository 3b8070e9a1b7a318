import { describe, expect, it } from 'vitest';
import type { AffinityRule, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { english } from '../../../shared/i18n/text.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { buildPlacementRules, ruleFindings, vmPlacementRules, type RuleFinding } from './placement-rules.js';
import { ruleFindingShortText, ruleReason, ruleWarning } from './placement-rule-texts.js';

/** Four nodes of CL-MI-22 and one standalone host, with VMs placed for each rule of section 8. */
function estate(rules: AffinityRule[] = [], patch: (vms: Vm[]) => void = () => {}): InventoryDocument {
  const doc = minimalInventory();
  const [node, , standalone] = doc.hosts;
  doc.hosts = [
    { ...node, name: 'HV-MI-11' },
    { ...node, name: 'HV-MI-12' },
    { ...node, name: 'HV-MI-13' },
    { ...node, name: 'HV-MI-14' },
    { ...standalone, name: 'HV-MI-20' },
  ];
  const base = doc.vms[0];
  const vm = (name: string, host: string, extra: Partial<Vm> = {}): Vm => ({ ...base, name, id: name, host, ...extra });
  doc.vms = [
    vm('SQL-01', 'HV-MI-11', { availabilitySets: ['SQL-AG'] }),
    vm('SQL-02', 'HV-MI-12', { availabilitySets: ['SQL-AG'] }),
    vm('SQL-03', 'HV-MI-12', { availabilitySets: ['sql-ag'] }),
    vm('APP-01', 'HV-MI-13'),
    vm('CACHE-01', 'HV-MI-13'),
    vm('DC-01', 'HV-MI-11'),
    vm('DC-02', 'HV-MI-14'),
    vm('PINNED-01', 'HV-MI-11', { possibleOwners: ['HV-MI-11', 'HV-MI-12'], preferredOwners: ['HV-MI-12'] }),
    vm('PLAIN-01', 'HV-MI-14'),
    vm('WEB-01', 'HV-MI-20', { highlyAvailable: false }),
  ];
  patch(doc.vms);
  doc.affinityRules = rules;
  return doc;
}

const codes = (fs: RuleFinding[]) => fs.map((f) => f.code);
const find = (doc: InventoryDocument, vm: string, dest: string, placed?: Map<string, string>) => ruleFindings(buildPlacementRules(doc), vm, dest, placed);

describe('placement rules: possible and preferred owners', () => {
  it('not-possible-owner blocks a node of the VM’s cluster outside its possible owners', () => {
    const [f] = find(estate(), 'PINNED-01', 'HV-MI-13').filter((x) => x.code === 'not-possible-owner');
    expect(f).toMatchObject({
      blocking: true,
      vm: 'PINNED-01',
      host: 'HV-MI-13',
      rule: { kind: 'possible-owners', owners: ['HV-MI-11', 'HV-MI-12'], cluster: 'CL-MI-22' },
    });
    expect(ruleReason(f)?.message).toBe(
      'HV-MI-13 is not a possible owner of PINNED-01 in CL-MI-22 (its possible owners: HV-MI-11 and HV-MI-12): pick one of those nodes, or add HV-MI-13 to the VM’s possible owners.',
    );
  });

  it('a possible owner named in another case is still a possible owner', () => {
    expect(find(estate(), 'pinned-01', 'hv-mi-12')).toEqual([]);
  });

  it('owners say nothing about a host outside the VM’s cluster', () => {
    expect(find(estate(), 'PINNED-01', 'HV-MI-20')).toEqual([]);
  });

  it('not-preferred-owner warns for a node of its cluster that is not preferred, after any blocking reason', () => {
    expect(codes(find(estate(), 'PINNED-01', 'HV-MI-13'))).toEqual(['not-possible-owner', 'not-preferred-owner']);
    const [w] = find(estate(), 'PINNED-01', 'HV-MI-11');
    expect(w.code).toBe('not-preferred-owner');
    expect(w.blocking).toBe(false);
    expect(ruleWarning(w)?.message).toContain('HV-MI-11 is not a preferred owner of PINNED-01 (preferred: HV-MI-12)');
  });

  it('an empty possible-owner list is read as every node', () => {
    const doc = estate([], (vms) => (vms[8].possibleOwners = []));
    expect(find(doc, 'PLAIN-01', 'HV-MI-11')).toEqual([]);
  });
});

describe('placement rules: availability sets', () => {
  it('availability-set warns where another VM of the set runs, naming each VM and the set, ignoring the set name’s case', () => {
    const fs = find(estate(), 'SQL-01', 'HV-MI-12');
    expect(fs).toEqual([
      {
        code: 'availability-set',
        blocking: false,
        vm: 'SQL-01',
        host: 'HV-MI-12',
        rule: { kind: 'availability-set', name: 'SQL-AG' },
        vms: ['SQL-02', 'SQL-03'],
      },
    ]);
    expect(english(ruleFindingShortText(fs[0]))).toBe('kept apart from SQL-02 and SQL-03: availability set SQL-AG');
  });

  it('says nothing on a host without another VM of the set', () => {
    expect(find(estate(), 'SQL-01', 'HV-MI-13')).toEqual([]);
  });

  it('counts VMs where the plan put them, not where the inventory has them', () => {
    const placed = new Map([
      ['SQL-02', 'HV-MI-13'],
      ['sql-03', 'hv-mi-14'],
    ]);
    expect(find(estate(), 'SQL-01', 'HV-MI-12', placed)).toEqual([]);
    expect(find(estate(), 'SQL-01', 'HV-MI-13', placed).map((f) => f.vms)).toEqual([['SQL-02']]);
    expect(find(estate(), 'SQL-01', 'HV-MI-14', placed).map((f) => f.vms)).toEqual([['SQL-03']]);
  });

  it('ignores a placement of the VM itself', () => {
    expect(find(estate(), 'SQL-01', 'HV-MI-13', new Map([['SQL-01', 'HV-MI-12']]))).toEqual([]);
  });
});

describe('placement rules: affinity rules', () => {
  const dcApart = (required: boolean): AffinityRule => ({ name: 'dc-apart', type: 'DifferentNode', vms: ['DC-01', 'DC-02'], required });
  const appWithCache = (required: boolean): AffinityRule => ({ name: 'app-and-cache', type: 'SameNode', vms: ['APP-01', 'CACHE-01'], required });

  it('affinity-rule blocks a host running another VM of a required DifferentNode rule', () => {
    const fs = find(estate([dcApart(true)]), 'DC-01', 'HV-MI-14');
    expect(fs).toMatchObject([
      { code: 'affinity-rule', blocking: true, vms: ['DC-02'], rule: { kind: 'affinity-rule', name: 'dc-apart', type: 'DifferentNode', required: true } },
    ]);
    expect(ruleReason(fs[0])?.message).toBe(
      'HV-MI-14 runs DC-02, and affinity rule dc-apart (DifferentNode, required) keeps DC-01 on a different node: pick another host.',
    );
  });

  it('a non-required DifferentNode rule broken on the host is an availability-set warning naming the rule', () => {
    const fs = find(estate([dcApart(false)]), 'DC-01', 'HV-MI-14');
    expect(fs).toMatchObject([
      { code: 'availability-set', blocking: false, vms: ['DC-02'], rule: { kind: 'affinity-rule', name: 'dc-apart', required: false } },
    ]);
  });

  it('affinity-rule blocks every host but the one the other VMs of a required SameNode rule run on', () => {
    const doc = estate([appWithCache(true)]);
    const fs = find(doc, 'APP-01', 'HV-MI-12');
    expect(fs).toMatchObject([{ code: 'affinity-rule', blocking: true, vms: ['CACHE-01'], togetherOn: 'HV-MI-13' }]);
    expect(ruleReason(fs[0])?.message).toContain('keeps APP-01 on the same node as CACHE-01, which run on HV-MI-13');
    expect(english(ruleFindingShortText(fs[0]))).toBe('kept with CACHE-01 on HV-MI-13: affinity rule app-and-cache (SameNode, required)');
  });

  it('a SameNode rule whose other VMs move in the plan follows them', () => {
    const doc = estate([appWithCache(true)]);
    const placed = new Map([['CACHE-01', 'HV-MI-12']]);
    expect(find(doc, 'APP-01', 'HV-MI-12', placed)).toEqual([]);
    expect(codes(find(doc, 'APP-01', 'HV-MI-14', placed))).toEqual(['affinity-rule']);
  });

  it('a non-required SameNode rule gives affinity-split', () => {
    const fs = find(estate([appWithCache(false)]), 'CACHE-01', 'HV-MI-11');
    expect(fs).toMatchObject([{ code: 'affinity-split', blocking: false, vms: ['APP-01'], togetherOn: 'HV-MI-13' }]);
    expect(ruleWarning(fs[0])?.message).toContain('on HV-MI-11 they would be split');
  });

  it('a SameNode rule already split says nothing', () => {
    const rule: AffinityRule = { name: 'trio', type: 'SameNode', vms: ['APP-01', 'CACHE-01', 'PLAIN-01'], required: true };
    expect(find(estate([rule]), 'APP-01', 'HV-MI-11')).toEqual([]);
  });

  it('a rule naming the VM in another case still applies; a rule with one known VM does not', () => {
    expect(codes(find(estate([{ ...dcApart(true), vms: ['dc-01', 'Dc-02'] }]), 'DC-01', 'HV-MI-14'))).toEqual(['affinity-rule']);
    expect(find(estate([{ ...dcApart(true), vms: ['DC-01', 'GONE-01'] }]), 'DC-01', 'HV-MI-14')).toEqual([]);
  });

  it('orders every finding at one host: blocking first, then the warnings in the table’s order', () => {
    const doc = estate([dcApart(true), { name: 'pin-with-sql', type: 'SameNode', vms: ['PINNED-01', 'SQL-02'], required: false }], (vms) => {
      vms[7].availabilitySets = ['DC'];
      vms[6].availabilitySets = ['DC'];
    });
    expect(codes(find(doc, 'PINNED-01', 'HV-MI-14'))).toEqual(['not-possible-owner', 'availability-set', 'affinity-split', 'not-preferred-owner']);
    expect(vmPlacementRules(buildPlacementRules(doc), 'PINNED-01')?.blocked('HV-MI-14')).toBe(true);
    expect(vmPlacementRules(buildPlacementRules(doc), 'PINNED-01')?.blocked('HV-MI-12')).toBe(false);
  });
});

describe('placement rules: the API', () => {
  it('answers null for a VM the estate does not have, and nothing for a VM without rules', () => {
    const rules = buildPlacementRules(estate());
    expect(vmPlacementRules(rules, 'NOPE')).toBeNull();
    expect(ruleFindings(rules, 'NOPE', 'HV-MI-11')).toEqual([]);
    const plain = vmPlacementRules(rules, 'PLAIN-01');
    expect(plain?.hasRules).toBe(false);
    expect(plain?.findings('HV-MI-11')).toEqual([]);
  });

  it('an estate without any rule field behaves as before', () => {
    const doc = minimalInventory();
    const rules = buildPlacementRules(doc);
    expect(rules.any).toBe(false);
    for (const vm of doc.vms) for (const host of doc.hosts) expect(ruleFindings(rules, vm.name, host.name)).toEqual([]);
  });

  it('lists a VM’s sets and rules for the planner', () => {
    const rule: AffinityRule = { name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-01', 'DC-01'], required: true };
    const check = vmPlacementRules(buildPlacementRules(estate([rule])), 'SQL-01');
    expect(check?.availabilitySets).toEqual(['SQL-AG']);
    expect(check?.affinityRules).toEqual([rule]);
  });

  it('answers 1,000 VMs × 100 hosts of an estate where 30% of VMs are in sets of 4 with work proportional to the rules', () => {
    const doc = minimalInventory();
    const node = doc.hosts[0];
    doc.hosts = Array.from({ length: 100 }, (_, i) => ({ ...node, name: `HV-${i}` }));
    doc.vms = Array.from({ length: 1000 }, (_, i) => ({
      ...doc.vms[0],
      name: `VM-${i}`,
      id: `${i}`,
      host: `HV-${i % 100}`,
      ...(i % 10 < 3 ? { availabilitySets: [`SET-${Math.floor(i / 40)}`] } : {}),
    }));
    const rules = buildPlacementRules(doc);
    let warnings = 0;
    for (const vm of doc.vms) {
      const check = vmPlacementRules(rules, vm.name)!;
      for (const host of doc.hosts) warnings += check.findings(host).length;
    }
    // Each set member sees one warning per other host holding a set mate: counted, not timed.
    let expected = 0;
    for (const vm of doc.vms) {
      const set = vm.availabilitySets?.[0];
      if (set === undefined) continue;
      const mates = doc.vms.filter((o) => o !== vm && o.availabilitySets?.[0] === set);
      expected += new Set(mates.map((m) => m.host)).size;
    }
    expect(warnings).toBe(expected);
    expect(warnings).toBeGreaterThan(0);
  });
});
