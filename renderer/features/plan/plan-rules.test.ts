import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { plannedMove, planOf } from '../../testing/plan-answers.js';
import { planRuleRows } from './plan-rules.js';

describe('the placement rules the plan view lists', () => {
  it('lists the sets, affinity rules and owner lists of the VMs in the plan, each VM where it is once the plan has run', () => {
    const doc = minimalInventory();
    doc.vms[0] = { ...doc.vms[0], availabilitySets: ['SQL-AG'], preferredOwners: ['HV-MI-11'] };
    doc.vms[1] = { ...doc.vms[1], availabilitySets: ['SQL-AG'] };
    doc.affinityRules = [
      { name: 'web-apart', type: 'DifferentNode', vms: ['WEB-01', 'Contabilità-01'], required: true },
      { name: 'unrelated', type: 'SameNode', vms: ['WEB-01', 'Contabilità-01'], required: false },
    ];
    const plan = planOf({ kind: 'vms', vms: ['SQL-PROD-01'], to: 'auto' }, [plannedMove('m1', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12')]);
    expect(planRuleRows(plan, doc)).toEqual([
      {
        kind: 'availability-set',
        name: 'SQL-AG',
        vms: [
          { vm: 'SQL-PROD-01', host: 'HV-MI-12', moves: true },
          { vm: 'Contabilità-01', host: 'HV-MI-12', moves: false },
        ],
      },
      { kind: 'preferred-owners', name: 'SQL-PROD-01', owners: ['HV-MI-11'], vms: [{ vm: 'SQL-PROD-01', host: 'HV-MI-12', moves: true }] },
    ]);
  });

  it('lists nothing for a plan whose VMs have no rule', () => {
    const plan = planOf({ kind: 'vms', vms: ['WEB-01'], to: 'auto' }, [plannedMove('m1', 'WEB-01', 'HV-MI-20', 'HV-MI-12')]);
    expect(planRuleRows(plan, minimalInventory())).toEqual([]);
  });
});
