import { describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../../../shared/model/inventory.js';
import { minimalInventory } from '../../../../test/fixtures/minimal-inventory.js';
import { estateOf, type StubEstate } from '../../../../test/pwsh/stub-estate.js';
import { addClusteredNameTraps, called, HOSTILE, PWSH, SLOW, usePwshStubs, WILD } from '../../../../test/pwsh/stub-powershell.js';

// Set-FerryVmPlacement.ps1 in a real PowerShell 7 (pwsh) through PowerShellRunner, against the stub
// FailoverClusters module (documented signatures, every call logged), as in hyperv-connector.pwsh.test.ts.
const stubs = usePwshStubs();

/** The minimal inventory, with three more clustered VMs on HV-MI-11: web[1], web1 and the hostile name. */
function inventory(): InventoryDocument {
  const doc = minimalInventory();
  addClusteredNameTraps(doc);
  return doc;
}

function connector(tweak: (estate: StubEstate) => void = () => undefined) {
  const doc = inventory();
  const estate = estateOf(doc);
  tweak(estate);
  return stubs.connector(doc, estate);
}

describe.skipIf(PWSH === null)("the Hyper-V connector's placement script in PowerShell 7, against the stub FailoverClusters module", () => {
  it('sets possible owners on the VM resource found by VmID, preferred owners in order and availability sets on its group', { timeout: SLOW }, async () => {
    // web[1]'s role kept the name SCVMM gave it; web1's role is named 'web[1]': a lookup by name picks web1's.
    const { hyperv, calls } = connector((e) => {
      const record = (name: string) => e.vms.find((v) => v.name === name) as Record<string, unknown>;
      record(WILD).roleName = 'SCVMM web[1] Resource';
      record('web1').roleName = WILD;
    });
    const placement = { possibleOwners: ['hv-mi-11', 'HV-MI-12'], preferredOwners: ['HV-MI-12', 'HV-MI-11'], availabilitySets: ['SQL-AG', 'WEB-AG'] };
    expect(await hyperv.vmPlacementApply(WILD, placement)).toEqual({ ok: true });
    const log = calls();
    // The resource is chosen by its VmID private property, never by name: web1's resource is not touched.
    expect(called(log, 'Get-ClusterParameter').length).toBeGreaterThan(0);
    expect(called(log, 'Get-ClusterParameter').every((c) => JSON.stringify(c.params.Name) === '["VmID"]')).toBe(true);
    const owners = called(log, 'Set-ClusterOwnerNode');
    expect(owners.map((c) => [c.parameterSet, c.params.InputObject, c.params.Owners, c.types.Owners])).toEqual([
      ['__AllParameterSets', 'Virtual Machine SCVMM web[1] Resource', ['HV-MI-11', 'HV-MI-12'], 'System.Collections.Specialized.StringCollection'],
      ['__AllParameterSets', 'SCVMM web[1] Resource', ['HV-MI-12', 'HV-MI-11'], 'System.Collections.Specialized.StringCollection'],
    ]);
    expect(called(log, 'ClusterGroup.AntiAffinityClassNames')).toEqual([
      {
        cmdlet: 'ClusterGroup.AntiAffinityClassNames',
        parameterSet: 'set',
        params: { Group: 'SCVMM web[1] Resource', Value: ['SQL-AG', 'WEB-AG'] },
        types: { Group: 'System.String', Value: 'System.Collections.Specialized.StringCollection' },
      },
    ]);
  });

  it('makes every node of the cluster a possible owner when possibleOwners is null', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    expect(await hyperv.vmPlacementApply('SQL-PROD-01', { possibleOwners: null, preferredOwners: ['HV-MI-11'], availabilitySets: ['SQL-AG'] })).toEqual({
      ok: true,
    });
    const [resource] = called(calls(), 'Set-ClusterOwnerNode');
    expect(resource.params).toMatchObject({ InputObject: 'Virtual Machine SQL-PROD-01', Owners: ['HV-MI-11', 'HV-MI-12'] });
  });

  it('clears the preferred owners and the availability sets when both lists are empty', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    expect(await hyperv.vmPlacementApply('SQL-PROD-01', { possibleOwners: ['HV-MI-11'], preferredOwners: [], availabilitySets: [] })).toEqual({ ok: true });
    const log = calls();
    // Set-ClusterOwnerNode's -Owners is mandatory, so it never gets an empty list: the group's SetPreferredOwners
    // method (MSCluster_ResourceGroup) clears it instead.
    expect(called(log, 'Set-ClusterOwnerNode').map((c) => [c.params.InputObject, c.params.Owners])).toEqual([['Virtual Machine SQL-PROD-01', ['HV-MI-11']]]);
    const cleared = called(log, 'Invoke-CimMethod');
    expect(cleared.map((c) => [c.params.InputObject, c.params.MethodName, c.params.Arguments])).toEqual([
      ['SQL-PROD-01', 'SetPreferredOwners', { NodeNames: [] }],
    ]);
    expect(called(log, 'ClusterGroup.AntiAffinityClassNames').map((c) => c.params.Value)).toEqual([[]]);
  });

  it('passes names with quotes, $(), backticks and ; to the cluster exactly, as data', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const sets = ["AG'; Remove-Item x", '$(whoami)', 'a`b;c "d"'];
    expect(await hyperv.vmPlacementApply(HOSTILE, { possibleOwners: null, preferredOwners: [], availabilitySets: sets })).toEqual({ ok: true });
    const log = calls();
    expect(called(log, 'Set-ClusterOwnerNode').map((c) => c.params.InputObject)).toEqual([`Virtual Machine ${HOSTILE}`]);
    expect(called(log, 'Invoke-CimMethod').map((c) => c.params.InputObject)).toEqual([HOSTILE]);
    expect(called(log, 'ClusterGroup.AntiAffinityClassNames').map((c) => c.params)).toEqual([{ Group: HOSTILE, Value: sets }]);
  });

  it('leaves a standalone VM to the inventory: no PowerShell runs for it', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    expect(await hyperv.vmPlacementApply('WEB-01', { possibleOwners: null, preferredOwners: [], availabilitySets: ['X'] })).toEqual({ ok: true });
    expect(calls()).toEqual([]);
  });

  it('maps access denied from the cluster to the access-denied problem and action, and sets no availability sets', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.fail = {
        'Set-ClusterOwnerNode': {
          message: 'You do not have administrative privileges on the cluster. Contact your network administrator to request access.\n    Access is denied',
          hresult: 0x80070005,
          errorId: 'ClusterCmdletError',
          category: 'PermissionDenied',
        },
      };
    });
    const r = await hyperv.vmPlacementApply('SQL-PROD-01', { possibleOwners: null, preferredOwners: ['HV-MI-12'], availabilitySets: ['SQL-AG'] });
    expect(r).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Setting the owners and availability sets of SQL-PROD-01 failed: access is denied/),
      recommendedAction: expect.stringMatching(/Add the account to the "Hyper-V Administrators" group .* on HV-MI-11/),
    });
    expect(called(calls(), 'ClusterGroup.AntiAffinityClassNames')).toEqual([]);
  });
});
