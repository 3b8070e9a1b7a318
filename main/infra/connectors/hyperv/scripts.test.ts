import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HYPERV_COMMON_SCRIPT, HYPERV_SCRIPTS, hypervScriptsDir } from './scripts.js';

// PowerShell can't run here, so the scripts are checked as text: each is a fixed file that reads its
// values as JSON data and never turns data into code.
const dir = hypervScriptsDir();
const text = (file: string): string => readFileSync(join(dir, file), 'utf8');
const all = [...Object.values(HYPERV_SCRIPTS), HYPERV_COMMON_SCRIPT];

describe('the Hyper-V connector scripts', () => {
  it('are the files shipped in resources/scripts/hyperv, and nothing else is run', () => {
    expect(readdirSync(dir).sort()).toEqual([...all].sort());
  });

  it('read the request as JSON data from standard input, through the common protocol', () => {
    expect(text(HYPERV_COMMON_SCRIPT)).toMatch(/ConvertFrom-Json -InputObject \$line/);
    expect(text(HYPERV_COMMON_SCRIPT)).toMatch(/\[Console\]::OpenStandardInput\(\)/);
    for (const file of Object.values(HYPERV_SCRIPTS)) {
      expect(text(file), file).toMatch(/^\. \(Join-Path \$PSScriptRoot 'FerryCommon\.ps1'\)$/m);
      expect(text(file), file).toMatch(/\$request = Read-FerryRequest/);
    }
  });

  it('never turn a value into code', () => {
    for (const file of all) {
      const t = text(file);
      expect(t, file).not.toMatch(/Invoke-Expression|\biex\b|\[scriptblock\]::Create|NewScriptBlock|-EncodedCommand|Add-Type/i);
      // No string built from the request is ever run: the request's fields are only passed as arguments.
      expect(t, file).not.toMatch(/&\s*\(?\s*"\$/);
    }
  });

  it('move with Move-VM (live, or -IncludeStorage -DestinationStoragePath for VSM) and Move-VMStorage as jobs, and poll the migration job', () => {
    const t = text(HYPERV_SCRIPTS.moveRun);
    for (const s of [
      'Move-VM @move',
      'IncludeStorage = $true',
      'Get-VM @on -Id',
      'DestinationStoragePath',
      'AsJob = $true',
      'Move-VMStorage @move',
      'Vhds',
      'VirtualMachinePath',
      'Compare-VM',
      'Msvm_MigrationJob',
      'PercentComplete',
      'Stop-Job',
      'RequestedState',
      'Move-ClusterVirtualMachineRole',
      '-Cancel',
      'Test-FerryCancel',
      "type = 'canceled'",
    ]) {
      expect(t, s).toContain(s);
    }
  });

  it('start VMs with Start-VM, save them with Save-VM, and apply host settings with Set-VMHost, Enable/Disable-VMMigration and Add/Remove-VMMigrationNetwork', () => {
    for (const s of ['Get-VM @on -Id $vmId', "'start' { Start-VM -VM $vm }", "'save' { Save-VM -VM $vm }", 'default { throw'])
      expect(text(HYPERV_SCRIPTS.vmState), s).toContain(s);
    const t = text(HYPERV_SCRIPTS.hostSettingsApply);
    for (const s of [
      'Enable-VMMigration',
      'Disable-VMMigration',
      'Set-VMHost @on @set',
      'MaximumVirtualMachineMigrations',
      'MaximumStorageMigrations',
      'VirtualMachineMigrationPerformanceOption',
      'VirtualMachineMigrationAuthenticationType',
      'UseAnyNetworkForMigration',
      'Add-VMMigrationNetwork',
      'Remove-VMMigrationNetwork',
    ]) {
      expect(t, s).toContain(s);
    }
  });

  it('read the inventory with the Hyper-V and failover cluster cmdlets', () => {
    const t = text(HYPERV_SCRIPTS.inventoryRead);
    for (const s of [
      'Get-VMHost',
      'Get-VM @on',
      'Get-VMHardDiskDrive',
      'Get-VHD',
      'Get-VMMigrationNetwork',
      'Get-VMProcessor',
      'Get-Cluster @clusterOn',
      'Get-ClusterNode',
      'Get-ClusterSharedVolume',
    ]) {
      expect(t, s).toContain(s);
    }
    expect(text(HYPERV_COMMON_SCRIPT)).toMatch(/ConvertTo-Json -InputObject \$Record -Depth \d+ -Compress/);
  });

  it('reach a host locally with -ComputerName, or over PowerShell remoting with HTTPS and the stored credential', () => {
    const t = text(HYPERV_COMMON_SCRIPT);
    expect(t).toMatch(/UseSSL = \$true; Port = \[int\] \$Target\.port/);
    expect(t).toMatch(/\$params\.Credential = New-FerryCredential/);
    expect(t).toMatch(/Invoke-Command -Session \$session -ScriptBlock \$Block -ArgumentList/);
    expect(t).toMatch(/& \$Block \$ComputerName @Arguments/);
  });
});
