import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import type { TransferType } from '../../../shared/model/placement.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { DEFAULT_LAB_SPEC, inventoryWithLab } from '../lab/lab-estate.js';
import { vmMigrationScript, type VmMigrationScriptRequest } from './migrate-vm-script.js';
import { storageMigrationScript } from './migrate-storage-script.js';
import { PS_SINGLE_QUOTES, psLiteral } from './ps-literal.js';

// Section 7's View Script: the literal quoting first (with an independent parser of PowerShell's single-quoted
// strings), then the Hyper-V and VMM scripts, then hostile names through every script.
const demo = JSON.parse(readFileSync(new URL('../../../resources/demo-inventory.json', import.meta.url), 'utf8')) as InventoryDocument;
const hyperv: InventoryDocument = { ...demo, source: 'hyperv' };

const idOf = (name: string): string => demo.vms.find((v) => v.name === name)!.id;

const isQuote = (c: string | undefined): boolean => c !== undefined && (PS_SINGLE_QUOTES as readonly string[]).includes(c);

/**
 * Reads one PowerShell single-quoted literal starting at `start`, as PowerShell's tokenizer does: any of the five
 * single-quote characters opens and closes it, and two quote characters in a row stand for one (the second).
 */
function parsePsSingleQuoted(text: string, start = 0): { value: string; end: number } {
  if (!isQuote(text[start])) throw new Error(`no literal at ${start}`);
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (isQuote(c)) {
      if (!isQuote(text[i + 1])) return { value, end: i + 1 };
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw new Error('unterminated literal');
}

/** Splits a script into its literals and the code around them (whole-line comments dropped). */
function scanScript(script: string): { literals: string[]; code: string } {
  const literals: string[] = [];
  let code = '';
  let i = 0;
  while (i < script.length) {
    const atLineStart = i === 0 || script[i - 1] === '\n';
    if (atLineStart && script[i] === '#') {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? script.length : eol + 1;
      continue;
    }
    if (isQuote(script[i])) {
      const { value, end } = parsePsSingleQuoted(script, i);
      literals.push(value);
      code += ' <literal> ';
      i = end;
      continue;
    }
    code += script[i];
    i++;
  }
  return { literals, code };
}

/** Names that try to break out of a literal; each must come back whole, as one literal. */
const HOSTILE_NAMES = [
  "O'Brien's VM",
  "'; Stop-Computer -Force; '",
  '$(Stop-Computer -Force)',
  '${env:COMPUTERNAME}',
  '`whoami` and `$x',
  'a; Stop-Computer -Force',
  'line one\nStop-Computer -Force\n# and a comment',
  'CRLF\r\nStop-Computer',
  '‘curly’ ‚low‛ quotes',
  '’; Stop-Computer -Force; ‘',
  "''''",
  'Contabilità Àòè ùé',
  '"double" quotes',
];

describe('psLiteral', () => {
  it('wraps a plain value in single quotes', () => {
    expect(psLiteral('HV-RM-01')).toBe("'HV-RM-01'");
    expect(psLiteral('')).toBe("''");
  });

  it('doubles the ASCII single quote', () => {
    expect(psLiteral("Archivio dell'Ufficio")).toBe("'Archivio dell''Ufficio'");
  });

  it('doubles the Unicode quotes PowerShell also treats as single quotes', () => {
    expect(psLiteral('a‘b’c‚d‛e')).toBe("'a‘‘b’’c‚‚d‛‛e'");
  });

  it('leaves $, backticks, semicolons, double quotes and newlines as they are: nothing expands in single quotes', () => {
    expect(psLiteral('$(whoami)`n;"x"\n')).toBe('\'$(whoami)`n;"x"\n\'');
  });

  for (const name of HOSTILE_NAMES) {
    it(`round-trips ${JSON.stringify(name)} as one literal`, () => {
      const literal = psLiteral(name);
      expect(parsePsSingleQuoted(literal)).toEqual({ value: name, end: literal.length });
    });
  }

  it('property: any string round-trips as exactly one literal', () => {
    const special = fc.constantFrom("'", '‘', '’', '‚', '‛', '$', '`', ';', '\n', '\r', '"', '(', ')', '{', '}', 'à', 'È', '#', ' ');
    const unit = fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (value) => {
        const literal = psLiteral(value);
        const parsed = parsePsSingleQuoted(literal);
        return parsed.value === value && parsed.end === literal.length;
      }),
      { numRuns: 500 },
    );
  });

  it('property: a literal followed by code ends where psLiteral ended it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '’', 'x', ';', '$'), maxLength: 20 }), (value) => {
        const text = `${psLiteral(value)}; Stop-Computer`;
        return parsePsSingleQuoted(text).end === psLiteral(value).length;
      }),
    );
  });
});

function script(request: VmMigrationScriptRequest, inventory: InventoryDocument): string {
  const result = vmMigrationScript(request, inventory);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
/** The script's command lines (comments dropped). */
const commands = (text: string): string[] => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('vmMigrationScript with the Hyper-V module', () => {
  it('Live from a shared SMB 3 share: Move-VM -DestinationHost, storage stays', () => {
    // By id (Get-VM -Id): -Name takes wildcards. -IncludeStorage:$false settles Move-VM's parameter set.
    expect(commands(script({ vm: 'WEB-RM-01', destinationHost: 'HV-RM-02', transferType: 'Live' }, hyperv))).toEqual([
      `$vm = Get-VM -ComputerName 'hv-rm-01.contoso.com' -Id '${idOf('WEB-RM-01')}'`,
      "Move-VM -VM $vm -DestinationHost 'hv-rm-02.contoso.com' -IncludeStorage:$false",
    ]);
  });

  it('Live (VSM): -IncludeStorage -DestinationStoragePath to the default location, in a folder named after the VM', () => {
    expect(commands(script({ vm: 'Fatturazione-Roma', destinationHost: 'HV-RM-02', transferType: 'Live (VSM)' }, hyperv))).toEqual([
      `$vm = Get-VM -ComputerName 'hv-rm-01.contoso.com' -Id '${idOf('Fatturazione-Roma')}'`,
      "Move-VM -VM $vm -DestinationHost 'hv-rm-02.contoso.com' -IncludeStorage -DestinationStoragePath 'D:\\Hyper-V\\Fatturazione-Roma'",
    ]);
  });

  it('Network: the same Move-VM with storage, to the path chosen on Select Path', () => {
    const text = script({ vm: 'DEV-RM-01', destinationHost: 'HV-RM-01', transferType: 'Network', destinationPath: '\\\\sofs-rm.contoso.com\\vmstore' }, hyperv);
    expect(commands(text)).toEqual([
      `$vm = Get-VM -ComputerName 'hv-rm-02.contoso.com' -Id '${idOf('DEV-RM-01')}'`,
      "Move-VM -VM $vm -DestinationHost 'hv-rm-01.contoso.com' -IncludeStorage -DestinationStoragePath '\\\\sofs-rm.contoso.com\\vmstore\\DEV-RM-01'",
    ]);
  });

  it('an HA VM to another cluster: its role removed, Move-VM, then Add-ClusterVirtualMachineRole there (highly available in that cluster)', () => {
    const text = script({ vm: 'WEB-MI-01', destinationHost: 'HV-TO-01', transferType: 'Live (VSM)' }, hyperv);
    const id = idOf('WEB-MI-01');
    const lines = commands(text).filter((l) => /^(Remove-ClusterGroup|Move-VM|Add-ClusterVirtualMachineRole) /.test(l));
    expect(lines[0]).toMatch(new RegExp(`^Remove-ClusterGroup -Cluster '[^']+' -VMId '${id}' -RemoveResources -Force$`));
    expect(lines[1]).toMatch(/^Move-VM -VM \$vm /);
    expect(lines[2]).toBe(`Add-ClusterVirtualMachineRole -Cluster 'CL-TO-19' -VMId '${id}'`);
    // To a standalone host there is no cluster to join.
    expect(
      commands(script({ vm: 'WEB-MI-01', destinationHost: 'HV-RM-01', transferType: 'Live (VSM)' }, hyperv)).some((l) =>
        l.startsWith('Add-ClusterVirtualMachineRole'),
      ),
    ).toBe(false);
  });

  it('an HA VM between nodes of its cluster goes through its cluster role: Live and Quick', () => {
    const vmId = demo.vms.find((v) => v.name === 'Magazzino-Torino')!.id;
    expect(commands(script({ vm: 'Magazzino-Torino', destinationHost: 'HV-TO-02', transferType: 'Live' }, hyperv))).toEqual([
      `Move-ClusterVirtualMachineRole -Cluster 'CL-TO-19' -VMId '${vmId}' -Node 'HV-TO-02' -MigrationType Live`,
    ]);
    expect(commands(script({ vm: 'MES-TO-01', destinationHost: 'HV-TO-01', transferType: 'Quick' }, hyperv))[0]).toMatch(
      /-Node 'HV-TO-01' -MigrationType Quick$/,
    );
  });

  it('an HA VM with its storage to another node of its cluster: Move-VMStorage on the source node, then its cluster role (never Move-VM)', () => {
    const vm = demo.vms.find((v) => v.name === 'Magazzino-Torino')!;
    const from = demo.hosts.find((h) => h.name === vm.host)!;
    const to = from.name === 'HV-TO-02' ? 'HV-TO-01' : 'HV-TO-02';
    const lines = commands(
      script({ vm: vm.name, destinationHost: to, transferType: 'Live (VSM)', destinationPath: '\\\\fs-to-01.contoso.com\\hyperv' }, hyperv),
    );
    expect(lines).toEqual([
      `$vm = Get-VM -ComputerName '${from.fqdn}' -Id '${vm.id}'`,
      "Move-VMStorage -VM $vm -DestinationStoragePath '\\\\fs-to-01.contoso.com\\hyperv\\Magazzino-Torino'",
      `Move-ClusterVirtualMachineRole -Cluster 'CL-TO-19' -VMId '${vm.id}' -Node '${to}' -MigrationType Live`,
    ]);
  });

  it("sets a per-migration performance option that differs from the hosts' own, and puts it back after", () => {
    const lines = commands(script({ vm: 'Fatturazione-Roma', destinationHost: 'HV-RM-02', transferType: 'Live (VSM)', performanceOption: 'SMB' }, hyperv));
    expect(lines[0]).toBe("Set-VMHost -ComputerName 'hv-rm-01.contoso.com' -VirtualMachineMigrationPerformanceOption 'SMB'");
    expect(lines[1]).toBe("Set-VMHost -ComputerName 'hv-rm-02.contoso.com' -VirtualMachineMigrationPerformanceOption 'SMB'");
    expect(lines[2]).toMatch(/^\$vm = Get-VM /);
    expect(lines[3]).toMatch(/^Move-VM /);
    expect(lines.slice(4)).toEqual([
      "Set-VMHost -ComputerName 'hv-rm-01.contoso.com' -VirtualMachineMigrationPerformanceOption 'Compression'",
      "Set-VMHost -ComputerName 'hv-rm-02.contoso.com' -VirtualMachineMigrationPerformanceOption 'Compression'",
    ]);
    const same = commands(
      script({ vm: 'Fatturazione-Roma', destinationHost: 'HV-RM-02', transferType: 'Live (VSM)', performanceOption: 'Compression' }, hyperv),
    );
    expect(same.some((l) => l.startsWith('Set-VMHost'))).toBe(false);
  });
});

describe('vmMigrationScript with VHDs placed individually', () => {
  const placed = { 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx': '\\\\sofs-rm.contoso.com\\vmstore\\Fatture' };
  it('Hyper-V: Move-VM -VirtualMachinePath and -Vhds (no -IncludeStorage: another parameter set), the other VHDs with the VM', () => {
    const text = script({ vm: 'Fatturazione-Roma', destinationHost: 'HV-RM-02', transferType: 'Live (VSM)', diskDestinations: placed }, hyperv);
    expect(commands(text)).toEqual([
      `$vm = Get-VM -ComputerName 'hv-rm-01.contoso.com' -Id '${idOf('Fatturazione-Roma')}'`,
      "Move-VM -VM $vm -DestinationHost 'hv-rm-02.contoso.com' -VirtualMachinePath 'D:\\Hyper-V\\Fatturazione-Roma'" +
        " -Vhds @(@{ 'SourceFilePath' = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx'; 'DestinationFilePath' = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx' }," +
        " @{ 'SourceFilePath' = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx'; 'DestinationFilePath' = '\\\\sofs-rm.contoso.com\\vmstore\\Fatture\\fatture.vhdx' })",
    ]);
  });
  it('VMM: Move-SCVirtualHardDisk for the placed VHD in the job group of Move-SCVirtualMachine', () => {
    expect(commands(script({ vm: 'Fatturazione-Roma', destinationHost: 'HV-RM-02', transferType: 'Live (VSM)', diskDestinations: placed }, demo))).toEqual([
      "$vm = Get-SCVirtualMachine -Name 'Fatturazione-Roma'",
      "$vmHost = Get-SCVMHost -ComputerName 'hv-rm-02.contoso.com'",
      '$jobGroup = [guid]::NewGuid()',
      "$vhd = Get-SCVirtualHardDisk -VM $vm | Where-Object { $_.Location -eq 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx' }",
      "Move-SCVirtualHardDisk -VirtualHardDisk $vhd -Path '\\\\sofs-rm.contoso.com\\vmstore\\Fatture' -JobGroup $jobGroup",
      "Move-SCVirtualMachine -VM $vm -VMHost $vmHost -Path 'D:\\Hyper-V' -UseLAN -JobGroup $jobGroup -RunAsynchronously",
    ]);
  });
  it('a hostile folder stays one literal', () => {
    const folder = "E:\\it's $(rm) `n; è";
    const text = script(
      {
        vm: 'Fatturazione-Roma',
        destinationHost: 'HV-RM-02',
        transferType: 'Network',
        diskDestinations: { 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\os.vhdx': folder },
      },
      hyperv,
    );
    expect(scanScript(text).literals).toContain(`${folder}\\os.vhdx`);
  });
});

describe('vmMigrationScript with the VMM module (inventory source vmm)', () => {
  it('Live (VSM): Get-SCVirtualMachine, Get-SCVMHost, Move-SCVirtualMachine -Path -UseLAN -RunAsynchronously', () => {
    expect(commands(script({ vm: 'Fatturazione-Roma', destinationHost: 'HV-RM-02', transferType: 'Live (VSM)' }, demo))).toEqual([
      "$vm = Get-SCVirtualMachine -Name 'Fatturazione-Roma'",
      "$vmHost = Get-SCVMHost -ComputerName 'hv-rm-02.contoso.com'",
      "Move-SCVirtualMachine -VM $vm -VMHost $vmHost -Path 'D:\\Hyper-V' -UseLAN -RunAsynchronously",
    ]);
  });

  it('inside a cluster: -UseCluster, no path', () => {
    expect(commands(script({ vm: 'Magazzino-Torino', destinationHost: 'HV-TO-02', transferType: 'Live' }, demo))[2]).toBe(
      'Move-SCVirtualMachine -VM $vm -VMHost $vmHost -UseCluster -RunAsynchronously',
    );
    expect(commands(script({ vm: 'MES-TO-01', destinationHost: 'HV-TO-01', transferType: 'Quick' }, demo))[2]).toContain('-UseCluster');
  });

  it('Live from a share between standalone hosts: no -Path, no -UseLAN', () => {
    expect(commands(script({ vm: 'WEB-RM-01', destinationHost: 'HV-RM-02', transferType: 'Live' }, demo))[2]).toBe(
      'Move-SCVirtualMachine -VM $vm -VMHost $vmHost -RunAsynchronously',
    );
  });
});

describe('vmMigrationScript errors', () => {
  const codeOf = (request: VmMigrationScriptRequest, inventory: InventoryDocument = demo) => {
    const result = vmMigrationScript(request, inventory);
    return result.ok ? null : result.error.code;
  };
  it('vm-not-found, host-not-found, same-host', () => {
    expect(codeOf({ vm: 'NOPE', destinationHost: 'HV-RM-02', transferType: 'Live' })).toBe('vm-not-found');
    expect(codeOf({ vm: 'WEB-RM-01', destinationHost: 'HV-NOPE', transferType: 'Live' })).toBe('host-not-found');
    expect(codeOf({ vm: 'WEB-RM-01', destinationHost: 'hv-rm-01', transferType: 'Live' })).toBe('same-host');
  });
  it('destination-path-required when storage moves to a host without a known default location', () => {
    const doc = minimalInventory();
    doc.hosts[2].defaultStorageLocations = [];
    expect(codeOf({ vm: 'SQL-PROD-01', destinationHost: 'HV-MI-20', transferType: 'Live (VSM)' }, doc)).toBe('destination-path-required');
  });
});

describe('storageMigrationScript', () => {
  const fatture = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx';
  it('Hyper-V, whole VM: Move-VMStorage -DestinationStoragePath', () => {
    const result = storageMigrationScript({ vm: 'Fatturazione-Roma', scope: 'whole-vm', path: '\\\\sofs-rm.contoso.com\\vmstore' }, hyperv);
    expect(result.ok && commands(result.value)).toEqual([
      `$vm = Get-VM -ComputerName 'hv-rm-01.contoso.com' -Id '${idOf('Fatturazione-Roma')}'`,
      "Move-VMStorage -VM $vm -DestinationStoragePath '\\\\sofs-rm.contoso.com\\vmstore\\Fatturazione-Roma'",
    ]);
  });

  it('Hyper-V, VHDs placed individually: -VirtualMachinePath and -Vhds with source and destination files', () => {
    const plan = {
      vm: 'Fatturazione-Roma',
      scope: 'per-disk' as const,
      configurationPath: 'D:\\Config',
      disks: [{ path: fatture, destination: 'D:\\Fatture' }],
    };
    const result = storageMigrationScript(plan, hyperv);
    expect(result.ok && commands(result.value)).toEqual([
      `$vm = Get-VM -ComputerName 'hv-rm-01.contoso.com' -Id '${idOf('Fatturazione-Roma')}'`,
      `Move-VMStorage -VM $vm -VirtualMachinePath 'D:\\Config' -Vhds @(@{ 'SourceFilePath' = '${fatture}'; 'DestinationFilePath' = 'D:\\Fatture\\fatture.vhdx' })`,
    ]);
  });

  it('Hyper-V, only chosen VHDs of a running VM: -Vhds alone, no -VirtualMachinePath (the configuration stays)', () => {
    const plan = { vm: 'Fatturazione-Roma', scope: 'per-disk' as const, configurationPath: null, disks: [{ path: fatture, destination: 'D:\\Fatture' }] };
    const result = storageMigrationScript(plan, hyperv);
    expect(result.ok && commands(result.value)).toEqual([
      `$vm = Get-VM -ComputerName 'hv-rm-01.contoso.com' -Id '${idOf('Fatturazione-Roma')}'`,
      `Move-VMStorage -VM $vm -Vhds @(@{ 'SourceFilePath' = '${fatture}'; 'DestinationFilePath' = 'D:\\Fatture\\fatture.vhdx' })`,
    ]);
  });

  it('VMM: Move-SCVirtualHardDisk per disk and Move-SCVirtualMachine in one job group', () => {
    const plan = {
      vm: 'Fatturazione-Roma',
      scope: 'per-disk' as const,
      configurationPath: 'D:\\Config',
      disks: [{ path: fatture, destination: 'D:\\Fatture' }],
    };
    const result = storageMigrationScript(plan, demo);
    expect(result.ok && commands(result.value)).toEqual([
      "$vm = Get-SCVirtualMachine -Name 'Fatturazione-Roma'",
      "$vmHost = Get-SCVMHost -ComputerName 'hv-rm-01.contoso.com'",
      '$jobGroup = [guid]::NewGuid()',
      `$vhd = Get-SCVirtualHardDisk -VM $vm | Where-Object { $_.Location -eq '${fatture}' }`,
      "Move-SCVirtualHardDisk -VirtualHardDisk $vhd -Path 'D:\\Fatture' -JobGroup $jobGroup",
      "Move-SCVirtualMachine -VM $vm -VMHost $vmHost -Path 'D:\\Config' -JobGroup $jobGroup -RunAsynchronously",
    ]);
  });

  it('refuses a plan that fails its checks, with the problems', () => {
    const result = storageMigrationScript({ vm: 'SQL-FCI-MI-01', scope: 'whole-vm', path: 'C:\\ClusterStorage\\Volume1' }, demo);
    expect(result.ok ? null : result.error.code).toBe('storage-plan-invalid');
  });
});

describe('View Script between QEMU lab hosts', () => {
  const lab = inventoryWithLab(demo, DEFAULT_LAB_SPEC);
  const text = (r: { ok: true; value: string } | { ok: false }): string => (r.ok ? r.value : '');

  it('says there is no PowerShell and lists the QMP steps with the settings the lab connector uses', () => {
    const live = text(vmMigrationScript({ vm: 'LAB-VM-01', destinationHost: 'LAB-HV-02', transferType: 'Live', performanceOption: 'Compression' }, lab));
    expect(live).toContain('not PowerShell, so there is no script to run');
    expect(live).not.toMatch(/Move-VM|Move-SCVirtualMachine|Set-VMHost/);
    // Every line is a comment: nothing in it would run.
    expect(
      live
        .trimEnd()
        .split('\n')
        .every((l) => l.startsWith('# ')),
    ).toBe(true);
    expect(live).toContain('migrate-set-capabilities {"capabilities":[{"capability":"events","state":true},{"capability":"multifd","state":true}]}');
    expect(live).toContain('migrate-set-parameters {"multifd-channels":2,"multifd-compression":"zstd"}');
    expect(live).toContain('{"max-bandwidth":1250000000,"downtime-limit":300}');
    expect(live).not.toContain('blockdev-mirror');
  });

  it("Live (VSM) mirrors the disks to NBD exports first; the host's own option applies without a per-move one", () => {
    const vsm = text(vmMigrationScript({ vm: 'LAB-VM-02', destinationHost: 'LAB-HV-03', transferType: 'Live (VSM)' }, lab));
    expect(vsm).toMatch(/nbd-server-start[\s\S]*blockdev-mirror[\s\S]*migrate-incoming[\s\S]*block-job-cancel/);
    const own = lab.hosts.find((h) => h.name === 'LAB-HV-01')?.liveMigration.performanceOption;
    expect(vsm).toContain(own === 'TCPIP' ? '"multifd","state":false' : '"multifd","state":true');
  });

  it('a storage move on a lab host: mirror, then the VM switches to the copies', () => {
    const storage = text(storageMigrationScript({ vm: 'LAB-VM-02', scope: 'whole-vm', path: 'D:\\Lab VMs\\moved' }, lab));
    expect(storage).toMatch(/blockdev-add[\s\S]*blockdev-mirror[\s\S]*job-complete/);
    expect(storage).not.toContain('Move-VMStorage');
  });

  it('comments carry no inventory value, even a hostile one', () => {
    const hostile = { ...lab, vms: lab.vms.map((v) => (v.name === 'LAB-VM-01' ? { ...v, name: 'LAB $(Stop-Computer)\nRemove-Item C:\\' } : v)) };
    const out = text(vmMigrationScript({ vm: 'LAB $(Stop-Computer)\nRemove-Item C:\\', destinationHost: 'LAB-HV-02', transferType: 'Live' }, hostile));
    expect(out).not.toContain('Stop-Computer');
    expect(out).not.toContain('LAB-HV-0');
  });
});

describe('scripts with hostile names', () => {
  /** The name with the characters Windows forbids in paths replaced, for the paths that carry it. */
  const inPath = (name: string): string => [...name].map((c) => (c < ' ' || '<>:"|?*'.includes(c) ? '_' : c)).join('');
  /** A minimal estate whose VM, hosts and paths all carry `name`. */
  function hostileInventory(name: string, source: 'vmm' | 'hyperv'): InventoryDocument {
    const doc = minimalInventory();
    doc.source = source;
    const vm = doc.vms[0];
    vm.name = name;
    vm.configurationPath = `C:\\ClusterStorage\\Volume1\\${inPath(name)}`;
    vm.disks = [{ path: `C:\\ClusterStorage\\Volume1\\${inPath(name)}\\${inPath(name)}.vhdx`, sizeGB: 10, shared: false }];
    doc.hosts[1].name = `HV ${name}`;
    doc.hosts[1].fqdn = `hv.${name}.contoso.com`;
    return doc;
  }
  const cases: [TransferType, number][] = [
    ['Live', 1],
    ['Quick', 1],
    ['Live (VSM)', 2],
    ['Network', 2],
  ];
  for (const source of ['hyperv', 'vmm'] as const) {
    for (const name of HOSTILE_NAMES) {
      it(`${source}: ${JSON.stringify(name)} stays inside literals in every script`, () => {
        const doc = hostileInventory(name, source);
        const texts = cases.map(([transferType, dest]) =>
          script({ vm: name, destinationHost: doc.hosts[dest].name, transferType, destinationPath: `D:\\${name}`, performanceOption: 'SMB' }, doc),
        );
        const folder = `C:\\ClusterStorage\\Volume1\\new ${inPath(name)}`;
        const storage = storageMigrationScript(
          { vm: name, scope: 'per-disk', configurationPath: folder, disks: [{ path: doc.vms[0].disks[0].path, destination: folder }] },
          doc,
        );
        if (!storage.ok) throw new Error(storage.error.message);
        for (const text of [...texts, storage.value]) {
          const { literals, code } = scanScript(text);
          // The VM (by its id, in Hyper-V scripts), a host or a path carries the name; whichever it is, it comes back
          // whole inside one literal.
          expect(literals.some((l) => l.includes(name) || l === doc.vms[0].id)).toBe(true);
          expect(code).not.toContain('Stop-Computer');
          expect(code).not.toContain('whoami');
          expect(code).not.toContain('COMPUTERNAME');
          expect(code).not.toMatch(/\$\(|\$\{|`/);
        }
      });
    }
  }

  it("the demo's LAB-Prova-$(whoami) and Archivio dell'Ufficio come back as one literal each", () => {
    const saved = script({ vm: 'LAB-Prova-$(whoami)', destinationHost: 'HV-RM-01', transferType: 'Network' }, hyperv);
    // Hyper-V scripts address the VM by id; the name comes back inside the literal of its new folder.
    expect(scanScript(saved).literals.some((l) => l.endsWith('\\LAB-Prova-$(whoami)'))).toBe(true);
    const archivio = script({ vm: "Archivio dell'Ufficio", destinationHost: 'HV-RM-03', transferType: 'Network' }, demo);
    expect(scanScript(archivio).literals).toContain("Archivio dell'Ufficio");
    expect(archivio).toContain("'Archivio dell''Ufficio'");
  });
});
