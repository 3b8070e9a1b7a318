import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../../../shared/model/import.js';
import { affinityRulesOf, vmPlacements } from './placement-read.js';

const nodes = [{ Name: 'HV-MI-11' }, { Name: 'HV-MI-12' }];

describe('placement rules read from a Hyper-V host group', () => {
  it('keeps possible owners that leave out a node, in order; every node listed reads as null (every node)', () => {
    const problems: ImportProblem[] = [];
    const read = vmPlacements(
      {
        clusterNodes: nodes,
        clusterGroups: [
          { VMId: 'AAAA', Name: 'SQL', PossibleOwners: 'HV-MI-12', PreferredOwners: ['HV-MI-12', 'HV-MI-11'], AntiAffinityClassNames: 'SQL-AG' },
          { VMId: 'bbbb', Name: 'APP', PossibleOwners: ['hv-mi-12', 'HV-MI-11'], PreferredOwners: [], AntiAffinityClassNames: [] },
        ],
      },
      'hosts[0]',
      problems,
    );
    expect(problems).toEqual([]);
    // ConvertTo-Json writes a one-item list as a string: it is still a list.
    expect(read.get('aaaa')).toEqual({ group: 'SQL', possibleOwners: ['HV-MI-12'], preferredOwners: ['HV-MI-12', 'HV-MI-11'], availabilitySets: ['SQL-AG'] });
    expect(read.get('bbbb')).toEqual({ group: 'APP', possibleOwners: null, preferredOwners: [], availabilitySets: [] });
  });

  it('names a cluster group without VMId or Name as a problem of its host, with where it is', () => {
    const problems: ImportProblem[] = [];
    vmPlacements({ clusterNodes: nodes, clusterGroups: [{ Name: 'SQL' }] }, 'hosts[1] (hv-mi-12)', problems);
    expect(problems).toEqual([
      { path: 'hosts[1] (hv-mi-12).clusterGroups[0]', message: 'expected a cluster group with VMId and Name', text: { key: 'import.hyperv.clusterGroup' } },
    ]);
  });

  it('keeps each enabled SameNode or DifferentNode rule once, its groups named by their VMs', () => {
    const groups = new Map([
      ['sql', 'SQL-PROD-01'],
      ['app', 'APP-01'],
    ]);
    const rules = affinityRulesOf(
      [
        { Name: 'apart', RuleType: '4', Groups: ['SQL', 'APP'], Enabled: true },
        { Name: 'apart', RuleType: '4', Groups: ['SQL', 'APP'], Enabled: true },
        { Name: 'together', RuleType: 'SameNode', Groups: ['APP', 'SQL'], Enabled: true },
        { Name: 'rack', RuleType: '1', Groups: ['SQL', 'APP'], Enabled: true },
        { Name: 'off', RuleType: '2', Groups: ['SQL', 'APP'], Enabled: false },
        { Name: 'file-server', RuleType: '4', Groups: ['SQL', 'FS-ROLE'], Enabled: true },
      ],
      groups,
    );
    expect(rules).toEqual([
      { name: 'apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'APP-01'], required: true },
      { name: 'together', type: 'SameNode', vms: ['APP-01', 'SQL-PROD-01'], required: true },
    ]);
  });
});
