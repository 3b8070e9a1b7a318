import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { ferryRun } from '../fixtures/ferry-process.js';
import { minimalInventory } from '../fixtures/minimal-inventory.js';
import { estateOf, type StubEstate } from '../pwsh/stub-estate.js';
import { PWSH, usePwshStubs } from '../pwsh/stub-powershell.js';

// Export-FerryInventory.ps1 run in PowerShell 7 against stub Hyper-V and FailoverClusters modules: a cluster with
// its CSV, a standalone host, VMs in every state, a shared VHDX, placement rules. A real `ferry import` process must
// take its file unchanged and `ferry inventory --json` then hold exactly the estate the stubs described; a host that
// fails part-way leaves no file at all (and an older file where it was).
const EXPORT = fileURLToPath(new URL('../../resources/scripts/Export-FerryInventory.ps1', import.meta.url));
const stubs = usePwshStubs();

function estate(): { doc: InventoryDocument; estate: StubEstate } {
  const doc = minimalInventory();
  doc.vms[1].state = 'Off';
  doc.vms.push({
    ...doc.vms[2],
    name: 'SAVED-01',
    id: '8d5f1b2a-0b9c-4d3e-b2ff-1d3b9c8d0e11',
    state: 'Saved',
    configurationPath: 'D:\\VMs\\SAVED-01',
    disks: [{ path: 'D:\\VMs\\SAVED-01\\os.vhdx', sizeGB: 60, shared: false }],
  });
  doc.vms.push({
    ...doc.vms[2],
    name: 'PAUSED-01',
    id: '8d5f1b2a-0b9c-4d3e-b2ff-1d3b9c8d0e22',
    state: 'Paused',
    configurationPath: 'D:\\VMs\\PAUSED-01',
    disks: [{ path: 'D:\\VMs\\PAUSED-01\\os.vhdx', sizeGB: 60, shared: false }],
  });
  // A guest cluster's shared VHDX, on both clustered VMs.
  const shared = { path: 'C:\\ClusterStorage\\Volume1\\Shared\\quorum.vhdx', sizeGB: 5, shared: true };
  doc.vms[0].disks.push(shared);
  doc.vms[1].disks.push(shared);
  // Placement rules: SQL-PROD-01 may only run on HV-MI-11 and prefers HV-MI-12 then HV-MI-11; both clustered VMs
  // share an availability set and a required DifferentNode rule.
  doc.vms[0].possibleOwners = ['HV-MI-11'];
  doc.vms[0].preferredOwners = ['HV-MI-12', 'HV-MI-11'];
  doc.vms[0].availabilitySets = ['SQL-AG'];
  doc.vms[1].availabilitySets = ['SQL-AG'];
  doc.affinityRules = [{ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }];
  const e = estateOf(doc);
  e.localHost = 'HV-MI-11';
  // Rules Ferry has no meaning for: a fault-domain rule, a disabled rule, a rule of one VM.
  const rules = (e.clusters[0] as { affinityRules: Record<string, unknown>[] }).affinityRules;
  rules.push({ name: 'same-rack', ruleType: 1, groups: ['SQL-PROD-01', 'Contabilità-01'], enabled: 1 });
  rules.push({ name: 'switched-off', ruleType: 2, groups: ['SQL-PROD-01', 'Contabilità-01'], enabled: 0 });
  rules.push({ name: 'lonely', ruleType: 4, groups: ['SQL-PROD-01', 'FILE-SERVER-ROLE'], enabled: 1 });
  return { doc, estate: e };
}

function exportWith(e: StubEstate, before?: string): { code: number | null; path: string; stderr: string; dir: string } {
  const run = stubs.powershell(e);
  const path = join(run.dir, 'ferry-inventory.json');
  if (before !== undefined) writeFileSync(path, before);
  // As an admin runs it from a PowerShell prompt (-File would pass the host list as one string). The paths are the
  // test's own temporary folder and the repository's, with no quote in them.
  const command = `& '${EXPORT}' -Path '${path}' -HostGroup 'All Hosts/Milano' -ComputerName 'hv-mi-11.contoso.com', 'hv-mi-12.contoso.com', 'hv-mi-20.contoso.com'`;
  const r = spawnSync(PWSH as string, ['-NoProfile', '-NonInteractive', '-Command', command], {
    cwd: run.dir,
    env: { ...process.env, ...run.options.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, path, stderr: r.stderr, dir: run.dir };
}

/** What the stubs describe, as an inventory holds it: what Export-FerryInventory.ps1 can read of each record. */
function expectedOf(doc: InventoryDocument) {
  return {
    hosts: doc.hosts.map((h) => ({
      name: h.name,
      // DNS names are case-insensitive: the export joins Get-VMHost's Name (HV-MI-11) and domain.
      fqdn: h.fqdn.toLowerCase(),
      hostGroup: h.hostGroup,
      cluster: h.cluster,
      os: h.os,
      state: h.state,
      maintenanceMode: h.maintenanceMode,
      cpu: { vendor: h.cpu.vendor, logicalProcessors: h.cpu.logicalProcessors, usagePercent: h.cpu.usagePercent },
      memory: h.memory,
      liveMigration: h.liveMigration,
      volumes: h.volumes,
      defaultStorageLocations: h.defaultStorageLocations,
    })),
    // Hyper-V's cmdlets don't say a VM's compatibility vector or dirty rate: the export writes null.
    vms: doc.vms.map((v) => ({
      name: v.name,
      id: v.id,
      host: v.host,
      state: v.state,
      highlyAvailable: v.highlyAvailable,
      memoryMB: v.memoryMB,
      cpuCount: v.cpuCount,
      configVersion: v.configVersion,
      generation: v.generation,
      processorCompatibility: v.processorCompatibility,
      compatibilityVector: null,
      configurationPath: v.configurationPath,
      disks: v.disks,
      dirtyRateMBps: null,
    })),
    // The stubs' cluster allows one migration at a time (MaximumParallelMigrations 1).
    clusters: doc.clusters.map((c) => ({
      name: c.name,
      hostGroup: c.hostGroup,
      functionalLevel: c.functionalLevel,
      maxParallelMigrations: 1,
      sharedVolumes: c.sharedVolumes,
    })),
  };
}

/** The same projection of what `ferry inventory --json` answers. */
function heldOf(doc: InventoryDocument): ReturnType<typeof expectedOf> {
  const byName = <T extends { name: string }>(xs: T[]): T[] => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  const e = expectedOf(doc);
  return { hosts: byName(e.hosts), vms: byName(e.vms), clusters: byName(e.clusters) };
}

describe.skipIf(PWSH === null)('Export-FerryInventory.ps1 in PowerShell 7, against stub hosts and a cluster', () => {
  it(
    '`ferry import` takes its file unchanged, and `ferry inventory --json` then holds exactly the estate the stubs described',
    { timeout: 300_000 },
    async () => {
      const { doc, estate: e } = estate();
      const out = exportWith(e);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const db = join(out.dir, 'ferry.db');
      const imported = await ferryRun(['import', out.path, '--db', db]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/ 3 hosts, 5 VMs, 7 disks, /);
      const listed = await ferryRun(['inventory', '--json', '--db', db]);
      expect(listed.code).toBe(0);
      const held = JSON.parse(listed.stdout) as InventoryDocument;
      expect(held).toMatchObject({ format: 'ferry-inventory', version: 1, source: 'hyperv', hostGroups: ['All Hosts/Milano'] });
      expect(heldOf(held)).toEqual(heldOf(doc));
    },
  );

  it("writes each clustered VM's possible and preferred owners and availability sets, and the cluster's affinity rules", { timeout: 150_000 }, () => {
    const { estate: e } = estate();
    const out = exportWith(e);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const file = JSON.parse(readFileSync(out.path, 'utf8')) as InventoryDocument;
    const placement = (name: string) => {
      const v = file.vms.find((x) => x.name === name) as InventoryDocument['vms'][number];
      return { possibleOwners: v.possibleOwners, preferredOwners: v.preferredOwners, availabilitySets: v.availabilitySets };
    };
    expect(placement('SQL-PROD-01')).toEqual({ possibleOwners: ['HV-MI-11'], preferredOwners: ['HV-MI-12', 'HV-MI-11'], availabilitySets: ['SQL-AG'] });
    // Every node may own it: null, as the format says; no preferred owners: an empty list.
    expect(placement('Contabilità-01')).toEqual({ possibleOwners: null, preferredOwners: [], availabilitySets: ['SQL-AG'] });
    // A standalone VM has no placement fields.
    expect(placement('WEB-01')).toEqual({ possibleOwners: undefined, preferredOwners: undefined, availabilitySets: undefined });
    // Only the rule Ferry has a meaning for: not the fault-domain rule, the disabled one, or one naming a single VM.
    expect(file.affinityRules).toEqual([{ name: 'sql-apart', type: 'DifferentNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }]);
  });

  it('writes no affinity rules, and no error, where the FailoverClusters module has no Get-ClusterAffinityRule', { timeout: 150_000 }, () => {
    const { estate: e } = estate();
    e.noAffinityCmdlet = true;
    const out = exportWith(e);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const file = JSON.parse(readFileSync(out.path, 'utf8')) as InventoryDocument;
    expect(file.affinityRules).toEqual([]);
    expect(file.vms.find((v) => v.name === 'SQL-PROD-01')?.possibleOwners).toEqual(['HV-MI-11']);
  });

  it('writes nothing when a host fails part-way: an older file stays as it was, and no partial file is left', { timeout: 150_000 }, () => {
    const { estate: e } = estate();
    e.fail = {
      'Get-VM': {
        message:
          "You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HV-MI-20'.",
        hresult: 0x80070005,
        category: 'PermissionDenied',
        errorId: 'AccessDenied',
        host: 'HV-MI-20',
      },
    };
    const older = '{"format":"ferry-inventory","version":1,"note":"last month\'s export"}';
    const out = exportWith(e, older);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/required permission/);
    expect(readFileSync(out.path, 'utf8')).toBe(older);
    expect(readdirSync(out.dir).filter((f) => f.startsWith('ferry-inventory'))).toEqual(['ferry-inventory.json']);
    expect(existsSync(`${out.path}.partial`)).toBe(false);
  });
});
