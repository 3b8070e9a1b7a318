import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInventory } from './ferry-inventory.js';

// Export-FerryInventory.ps1 can't run here (no PowerShell, no Hyper-V). What can be checked: the
// script writes every field the format names, and a file shaped like its output (Windows PowerShell
// 5.1's ConvertTo-Json, with its \u0027 escapes, written by Set-Content -Encoding UTF8 with a BOM) imports.
const script = readFileSync(new URL('../../../resources/scripts/Export-FerryInventory.ps1', import.meta.url), 'utf8');
const fixture = readFileSync(new URL('../../../test/fixtures/hyperv/export-ferry-inventory.json', import.meta.url), 'utf8');

const FIELDS = {
  document: ['format', 'version', 'source', 'exportedAt', 'hostGroups', 'fileShares', 'clusters', 'hosts', 'vms'],
  fileShare: ['path', 'smbVersion', 'capacityGB', 'freeGB'],
  cluster: ['name', 'hostGroup', 'functionalLevel', 'maxParallelMigrations', 'sharedVolumes'],
  host: [
    'name',
    'fqdn',
    'hostGroup',
    'cluster',
    'os',
    'supportedConfigVersions',
    'state',
    'maintenanceMode',
    'cpu',
    'memory',
    'liveMigration',
    'migrationNetwork',
    'fileShares',
    'volumes',
    'defaultStorageLocations',
  ],
  cpu: ['vendor', 'generation', 'logicalProcessors', 'usagePercent'],
  memory: ['totalMB', 'availableMB', 'reserveMB'],
  liveMigration: ['enabled', 'maxLive', 'maxStorage', 'performanceOption', 'authentication', 'useAnyNetwork', 'networks'],
  migrationNetwork: ['gbps', 'rdma', 'nics'],
  vm: [
    'name',
    'id',
    'host',
    'state',
    'highlyAvailable',
    'memoryMB',
    'cpuCount',
    'configVersion',
    'generation',
    'processorCompatibility',
    'compatibilityVector',
    'configurationPath',
    'disks',
    'dirtyRateMBps',
  ],
  disk: ['path', 'sizeGB', 'shared'],
};

describe('Export-FerryInventory.ps1', () => {
  it('writes every field of the ferry-inventory format, by its name', () => {
    for (const [record, fields] of Object.entries(FIELDS)) {
      for (const field of fields) expect(script, `${record}.${field}`).toMatch(new RegExp(`\\b${field} = `));
    }
    expect(script).toMatch(/format = 'ferry-inventory'/);
    expect(script).toMatch(/version = 1\b/);
    expect(script).toMatch(/source = 'hyperv'/);
  });

  it('reads the hosts with the Hyper-V and failover cluster cmdlets and changes nothing', () => {
    for (const cmdlet of [
      'Get-VMHost',
      'Get-VM ',
      'Get-VMHardDiskDrive',
      'Get-VHD',
      'Get-VMMigrationNetwork',
      'Get-VMProcessor',
      'Get-Cluster ',
      'Get-ClusterNode',
      'Get-ClusterSharedVolume',
    ]) {
      expect(script, cmdlet).toContain(cmdlet);
    }
    expect(script).not.toMatch(/\b(Set|Move|Start|Stop|Remove|Enable|Disable|Add)-(VM|Cluster)/);
    expect(script).toMatch(/ConvertTo-Json -InputObject \$document -Depth 10/);
  });

  it('produces a file that imports: a document shaped like its output is a valid inventory', () => {
    const parsed = parseInventory(fixture);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.detail));
    expect(parsed.value.source).toBe('hyperv');
    expect(parsed.value.hosts.map((h) => h.name)).toEqual(['HV-MI-11', 'HV-MI-12']);
    expect(parsed.value.vms[1].name).toBe("Mario's Contabilità");
  });
});
