import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InventoryDocument, Vm } from '../../shared/model/inventory.js';
import type { Plan, PlannedMove } from '../../shared/model/plan.js';
import type { TransferType } from '../../shared/model/placement.js';
import { vmMigrationScript } from '../../main/domain/scripts/migrate-vm-script.js';
import { storageMigrationScript } from '../../main/domain/scripts/migrate-storage-script.js';
import { planScript } from '../../main/domain/scripts/plan-script.js';
import { minimalInventory } from '../fixtures/minimal-inventory.js';
import { estateOf, type StubCall } from '../pwsh/stub-estate.js';
import { PWSH, usePwshStubs } from '../pwsh/stub-powershell.js';

// Every script Ferry prints (View Script, Export Script, `ferry script`, `ferry plan --script`) is read by
// PowerShell's own parser, then run in pwsh with the Hyper-V and FailoverClusters cmdlets stubbed, on an estate
// whose VM names carry payloads that would create a file in the working folder if they ever ran as code.
const RUNNER = fileURLToPath(new URL('../pwsh/run-printed.ps1', import.meta.url));
const stubs = usePwshStubs();

/** Names that would each create a file named pwned-N if PowerShell ever read them as code. */
const PAYLOADS = [
  "q1'; New-Item pwned-1; '",
  'q2\u2018; New-Item pwned-2; \u2019',
  'q3\u201A; New-Item pwned-3; \u201B',
  'q4"$(New-Item pwned-4)"\u201C$(New-Item pwned-5)\u201D\u201E',
  'q5 $(New-Item pwned-6) `$(New-Item pwned-7)` ${env:x}',
  'q6\nNew-Item pwned-8\n#',
  'q7; New-Item pwned-9 | Out-Null; | x',
  'web[1]',
  'db*',
];

function inventory(): InventoryDocument {
  const doc = minimalInventory();
  const base = doc.vms[2];
  const extra: Vm[] = PAYLOADS.map((name, i) => ({
    ...base,
    name,
    id: `7c4e0a1f-9a8b-4c2d-a1ee-0c2a8b7c9d${(10 + i).toString().padStart(2, '0')}`,
    configurationPath: `D:\\VMs\\vm${i}`,
    disks: [{ path: `D:\\VMs\\vm${i}\\os.vhdx`, sizeGB: 10, shared: false }],
  }));
  // A sibling every wildcard above would also match.
  extra.push({
    ...base,
    name: 'web1',
    id: '7c4e0a1f-9a8b-4c2d-a1ee-0c2a8b7c9d99',
    configurationPath: 'D:\\VMs\\web1',
    disks: [{ path: 'D:\\VMs\\web1\\os.vhdx', sizeGB: 10, shared: false }],
  });
  extra.push({
    ...base,
    name: 'db-2',
    id: '7c4e0a1f-9a8b-4c2d-a1ee-0c2a8b7c9d98',
    configurationPath: 'D:\\VMs\\db-2',
    disks: [{ path: 'D:\\VMs\\db-2\\os.vhdx', sizeGB: 10, shared: false }],
  });
  doc.vms.push(...extra);
  return { ...doc, source: 'hyperv' };
}

function value(r: { ok: true; value: string } | { ok: false; error: { message: string } }): string {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function plannedMove(vm: string, to: string, transferType: TransferType, i: number, from = 'HV-MI-20'): PlannedMove {
  return {
    id: String(i + 1),
    vm,
    from,
    to,
    transferType,
    kind: 'live',
    performanceOption: 'SMB',
    start: i * 10,
    end: i * 10 + 10,
    downtime: 0,
    bytes: 0,
    passes: 0,
    chosen: 'auto',
    rating: 4,
  } as unknown as PlannedMove;
}

interface Printed {
  name: string;
  text: string;
  vm: string;
}

function printedScripts(doc: InventoryDocument): Printed[] {
  const out: Printed[] = [];
  for (const name of PAYLOADS) {
    out.push({
      name: `live ${name}`,
      vm: name,
      text: value(vmMigrationScript({ vm: name, destinationHost: 'HV-MI-11', transferType: 'Live', performanceOption: 'SMB', module: 'hyperv' }, doc)),
    });
    out.push({
      name: `vsm ${name}`,
      vm: name,
      text: value(
        vmMigrationScript(
          { vm: name, destinationHost: 'HV-MI-11', transferType: 'Live (VSM)', destinationPath: 'C:\\ClusterStorage\\Volume1', module: 'hyperv' },
          doc,
        ),
      ),
    });
    const vm = doc.vms.find((v) => v.name === name) as Vm;
    out.push({
      name: `vsm placed ${name}`,
      vm: name,
      text: value(
        vmMigrationScript(
          {
            vm: name,
            destinationHost: 'HV-MI-11',
            transferType: 'Live (VSM)',
            destinationPath: 'C:\\ClusterStorage\\Volume1',
            diskDestinations: { [vm.disks[0].path]: 'C:\\ClusterStorage\\Volume1\\Disks' },
            module: 'hyperv',
          },
          doc,
        ),
      ),
    });
    out.push({
      name: `storage ${name}`,
      vm: name,
      text: value(storageMigrationScript({ vm: name, scope: 'whole-vm', path: 'D:\\Moved' }, doc, { module: 'hyperv' })),
    });
    out.push({
      name: `storage per disk ${name}`,
      vm: name,
      text: value(
        storageMigrationScript({ vm: name, scope: 'per-disk', configurationPath: null, disks: [{ path: vm.disks[0].path, destination: 'D:\\Disks' }] }, doc, {
          module: 'hyperv',
        }),
      ),
    });
  }
  const plan = {
    moves: PAYLOADS.map((n, i) => plannedMove(n, i % 2 ? 'HV-MI-11' : 'HV-MI-12', 'Live (VSM)', i)),
    unmovable: [],
    makespan: 100,
    lowerBound: 50,
  } as unknown as Plan;
  out.push({ name: 'plan', vm: '', text: value(planScript(plan, doc)) });
  return out;
}

/** Host and cluster names that would each create a file named pwned-... if PowerShell ever read them as code. */
const HOST_PAYLOADS = [
  "h1'; New-Item pwned-h1; '",
  'h2\u2018; New-Item pwned-h2; \u2019\u201A; New-Item pwned-h3; \u201B',
  'h3\u201C$(New-Item pwned-h4)\u201D\u201E$(New-Item pwned-h5)"$(New-Item pwned-h6)"',
  'h4 $(New-Item pwned-h7) `$(New-Item pwned-h8)`',
  'h5\nNew-Item pwned-h9\n#',
  'h6; New-Item pwned-h10 | Out-Null; | x',
];
/** Share names with the same payloads, in the characters a Windows path allows (no ASCII double quote, | or newline). */
const SHARE_PAYLOADS = [
  "vm'; New-Item pwned-s1; '",
  'vm\u2018; New-Item pwned-s2; \u2019\u201A; New-Item pwned-s3; \u201B',
  'vm\u201C$(New-Item pwned-s4)\u201D\u201E',
  'vm $(New-Item pwned-s5) `$(New-Item pwned-s6)`',
  'vm; New-Item pwned-s7',
  'vm$(New-Item pwned-s8);',
];

interface HostileEstate {
  cluster: string;
  node1: string;
  node2: string;
  standalone: string;
  share: string;
}

const fqdn = (name: string): string => `${name}.contoso.com`;

/** One cluster of two nodes, a standalone host and a share per payload, each named with it; an HA VM and a standalone VM on each. */
function hostileInventory(): { doc: InventoryDocument; estates: HostileEstate[] } {
  const base = minimalInventory();
  const [nodeTemplate, , standaloneTemplate] = base.hosts;
  const [haTemplate, , saTemplate] = base.vms;
  const doc: InventoryDocument = { ...base, source: 'hyperv', clusters: [], hosts: [], vms: [], fileShares: [] };
  const estates = HOST_PAYLOADS.map((p, i): HostileEstate => {
    const e = {
      cluster: `C${i}-${p}`,
      node1: `N1-${i}-${p}`,
      node2: `N2-${i}-${p}`,
      standalone: `S${i}-${p}`,
      share: `\\\\fs-${i}.contoso.com\\${SHARE_PAYLOADS[i]}`,
    };
    doc.fileShares.push({ path: e.share, smbVersion: '3.1.1', capacityGB: 8192, freeGB: 4096 });
    doc.clusters.push({ ...base.clusters[0], name: e.cluster });
    for (const [name, template, cluster] of [
      [e.node1, nodeTemplate, e.cluster],
      [e.node2, nodeTemplate, e.cluster],
      [e.standalone, standaloneTemplate, null],
    ] as const) {
      doc.hosts.push({ ...template, name, fqdn: fqdn(name), cluster, fileShares: [e.share] });
    }
    doc.vms.push(
      {
        ...haTemplate,
        name: `HA-${i}`,
        id: `8d5f1b2a-0b9c-4d3e-b2ff-1d3b9c8d0e${(10 + i).toString()}`,
        host: e.node1,
        configurationPath: `C:\\ClusterStorage\\Volume1\\HA-${i}`,
        disks: [{ path: `C:\\ClusterStorage\\Volume1\\HA-${i}\\os.vhdx`, sizeGB: 10, shared: false }],
      },
      {
        ...saTemplate,
        name: `SA-${i}`,
        id: `8d5f1b2a-0b9c-4d3e-b2ff-1d3b9c8d0e${(50 + i).toString()}`,
        host: e.standalone,
        configurationPath: `D:\\VMs\\SA-${i}`,
        disks: [{ path: `D:\\VMs\\SA-${i}\\os.vhdx`, sizeGB: 10, shared: false }],
      },
    );
    return e;
  });
  return { doc, estates };
}

/** A printed script and the calls (cmdlet and parameters) it must make, in that order, among others. */
interface HostileScript extends Printed {
  expects: { cmdlet: string; params: Record<string, unknown> }[];
  never?: string[];
}

function hostileScripts(doc: InventoryDocument, estates: HostileEstate[]): HostileScript[] {
  const out: HostileScript[] = [];
  estates.forEach((e, i) => {
    const ha = doc.vms.find((v) => v.name === `HA-${i}`) as Vm;
    const sa = doc.vms.find((v) => v.name === `SA-${i}`) as Vm;
    const vmScript = (vm: Vm, destinationHost: string, transferType: TransferType, more: Partial<Parameters<typeof vmMigrationScript>[0]> = {}): string =>
      value(vmMigrationScript({ vm: vm.name, destinationHost, transferType, module: 'hyperv', ...more }, doc));
    out.push({
      name: `live to a node ${i}`,
      vm: sa.name,
      text: vmScript(sa, e.node1, 'Live', { performanceOption: 'SMB' }),
      expects: [
        { cmdlet: 'Set-VMHost', params: { ComputerName: [fqdn(e.standalone)], VirtualMachineMigrationPerformanceOption: 'SMB' } },
        { cmdlet: 'Get-VM', params: { ComputerName: [fqdn(e.standalone)], Id: sa.id } },
        { cmdlet: 'Move-VM', params: { DestinationHost: fqdn(e.node1) } },
      ],
    });
    out.push({
      name: `vsm to a share ${i}`,
      vm: sa.name,
      text: vmScript(sa, e.node2, 'Live (VSM)', { destinationPath: e.share }),
      expects: [{ cmdlet: 'Move-VM', params: { DestinationHost: fqdn(e.node2), IncludeStorage: true, DestinationStoragePath: `${e.share}\\${sa.name}` } }],
    });
    out.push({
      name: `cluster live ${i}`,
      vm: ha.name,
      text: vmScript(ha, e.node2, 'Live'),
      expects: [{ cmdlet: 'Move-ClusterVirtualMachineRole', params: { Cluster: e.cluster, VMId: ha.id, Node: e.node2, MigrationType: 'Live' } }],
      never: ['Move-VM'],
    });
    out.push({
      name: `cluster vsm ${i}`,
      vm: ha.name,
      text: vmScript(ha, e.node2, 'Live (VSM)', { destinationPath: e.share }),
      expects: [
        { cmdlet: 'Get-VM', params: { ComputerName: [fqdn(e.node1)], Id: ha.id } },
        { cmdlet: 'Move-VMStorage', params: { DestinationStoragePath: `${e.share}\\${ha.name}` } },
        { cmdlet: 'Move-ClusterVirtualMachineRole', params: { Cluster: e.cluster, VMId: ha.id, Node: e.node2, MigrationType: 'Live' } },
      ],
      never: ['Move-VM', 'Remove-ClusterGroup'],
    });
    out.push({
      name: `cluster vsm placed ${i}`,
      vm: ha.name,
      text: vmScript(ha, e.node2, 'Live (VSM)', { destinationPath: e.share, diskDestinations: { [ha.disks[0].path]: `${e.share}\\Disks` } }),
      expects: [
        {
          cmdlet: 'Move-VMStorage',
          params: {
            VirtualMachinePath: `${e.share}\\${ha.name}`,
            Vhds: [{ SourceFilePath: ha.disks[0].path, DestinationFilePath: `${e.share}\\Disks\\os.vhdx` }],
          },
        },
        { cmdlet: 'Move-ClusterVirtualMachineRole', params: { Cluster: e.cluster, Node: e.node2 } },
      ],
      never: ['Move-VM'],
    });
    out.push({
      name: `leaves its cluster ${i}`,
      vm: ha.name,
      text: vmScript(ha, e.standalone, 'Live (VSM)', { destinationPath: 'D:\\VMs' }),
      expects: [
        { cmdlet: 'Remove-ClusterGroup', params: { Cluster: e.cluster, VMId: ha.id } },
        { cmdlet: 'Get-VM', params: { ComputerName: [fqdn(e.node1)], Id: ha.id } },
        { cmdlet: 'Move-VM', params: { DestinationHost: fqdn(e.standalone) } },
      ],
    });
    out.push({
      name: `storage to a share ${i}`,
      vm: sa.name,
      text: value(storageMigrationScript({ vm: sa.name, scope: 'whole-vm', path: e.share }, doc, { module: 'hyperv' })),
      expects: [
        { cmdlet: 'Get-VM', params: { ComputerName: [fqdn(e.standalone)], Id: sa.id } },
        { cmdlet: 'Move-VMStorage', params: { DestinationStoragePath: `${e.share}\\${sa.name}` } },
      ],
    });
  });
  const plan = {
    moves: estates.flatMap((e, i) => [
      plannedMove(`SA-${i}`, e.node1, 'Live', 2 * i, e.standalone),
      plannedMove(`HA-${i}`, e.node2, 'Live', 2 * i + 1, e.node1),
    ]),
    unmovable: [],
    makespan: 100,
    lowerBound: 50,
  } as unknown as Plan;
  out.push({
    name: 'plan',
    vm: '',
    text: value(planScript(plan, doc)),
    expects: estates.flatMap((e) => [
      { cmdlet: 'Move-VM', params: { DestinationHost: fqdn(e.node1) } },
      { cmdlet: 'Move-ClusterVirtualMachineRole', params: { Cluster: e.cluster, Node: e.node2 } },
    ]),
  });
  return out;
}

/** Runs printed scripts in pwsh against an estate; answers each script's result and the calls it made. */
function runPrinted(doc: InventoryDocument, scripts: Printed[], localHost: string) {
  const estate = estateOf(doc);
  estate.localHost = localHost;
  const run = stubs.powershell(estate);
  const file = join(run.dir, 'scripts.json');
  writeFileSync(file, JSON.stringify(scripts));
  const before = readdirSync(run.dir).sort();
  const r = spawnSync(PWSH as string, ['-NoProfile', '-NonInteractive', '-File', RUNNER, file], {
    cwd: run.dir,
    env: { ...process.env, ...run.options.env },
    encoding: 'utf8',
    timeout: 200_000,
  });
  const results = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { name: string; parseErrors: string[]; runError: string | null });
  const byScript = new Map<string, StubCall[]>();
  let current: StubCall[] = [];
  for (const c of run.calls()) {
    if (c.cmdlet === '#script') byScript.set(String(c.params.name), (current = []));
    else current.push(c);
  }
  return { stderr: r.stderr, results, before, after: () => readdirSync(run.dir).sort(), calls: run.calls, byScript };
}

describe.skipIf(PWSH === null)('the scripts Ferry prints, read and run by PowerShell 7', () => {
  it(
    'take host, cluster and share names as data: no payload runs, and each name reaches the stubs exactly as the inventory has it',
    { timeout: 240_000 },
    () => {
      const { doc, estates } = hostileInventory();
      const scripts = hostileScripts(doc, estates);
      const run = runPrinted(doc, scripts, estates[0].node1);
      expect(run.stderr).toBe('');
      expect(run.results.map((x) => x.name)).toEqual(scripts.map((s) => s.name));
      for (const x of run.results) {
        expect(x.parseErrors, x.name).toEqual([]);
        expect(x.runError, x.name).toBeNull();
      }
      expect(run.after()).toEqual(run.before);
      for (const s of scripts) {
        const calls = run.byScript.get(s.name) ?? [];
        let at = 0;
        for (const want of s.expects) {
          const found = calls.findIndex((c, i) => i >= at && c.cmdlet === want.cmdlet && matches(c.params, want.params));
          expect(found, `${s.name}: ${want.cmdlet} ${JSON.stringify(want.params)} in ${JSON.stringify(calls)}`).toBeGreaterThanOrEqual(0);
          at = found + 1;
        }
        for (const cmdlet of s.never ?? [])
          expect(
            calls.filter((c) => c.cmdlet === cmdlet),
            `${s.name}: ${cmdlet}`,
          ).toEqual([]);
      }
    },
  );

  it('parse without errors, run against the stubs, run no payload, and address each VM as the inventory names it', { timeout: 240_000 }, () => {
    const doc = inventory();
    const estate = estateOf(doc);
    estate.localHost = 'HV-MI-20';
    const run = stubs.powershell(estate);
    const scripts = printedScripts(doc);
    const file = join(run.dir, 'scripts.json');
    writeFileSync(file, JSON.stringify(scripts));
    const before = readdirSync(run.dir).sort();
    const r = spawnSync(PWSH as string, ['-NoProfile', '-NonInteractive', '-File', RUNNER, file], {
      cwd: run.dir,
      env: { ...process.env, ...run.options.env },
      encoding: 'utf8',
      timeout: 200_000,
    });
    expect(r.stderr).toBe('');
    const results = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; parseErrors: string[]; runError: string | null });
    expect(results.map((x) => x.name)).toEqual(scripts.map((s) => s.name));
    for (const x of results) {
      expect(x.parseErrors, x.name).toEqual([]);
      expect(x.runError, x.name).toBeNull();
    }
    // No payload ran: the folder holds what the test wrote, nothing else.
    expect(readdirSync(run.dir).sort()).toEqual(before);
    // Each move reached the stub for exactly the VM the inventory names.
    const calls = run.calls();
    const moved = calls
      .filter((c) => c.cmdlet === 'Move-VM' || c.cmdlet === 'Move-VMStorage')
      .map((c) => (c.params.VM as { vmName: string } | undefined)?.vmName ?? c.params.Name);
    const expected = scripts.filter((s) => s.vm !== '').map((s) => s.vm);
    expect(moved.slice(0, expected.length)).toEqual(expected);
    expect(moved.slice(expected.length)).toEqual(PAYLOADS);
  });
});

/** Whether a logged call's parameters hold every wanted one, equal (arrays and objects compared whole, keys in any order). */
function matches(params: Record<string, unknown>, want: Record<string, unknown>): boolean {
  return Object.entries(want).every(([k, v]) => canonical(params[k]) === canonical(v));
}

/** JSON with object keys sorted (a PowerShell hashtable keeps no order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}
