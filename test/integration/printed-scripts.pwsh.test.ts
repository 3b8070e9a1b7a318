import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { InventoryDocument, Vm } from '../../shared/model/inventory.js';
import type { Plan, PlannedMove } from '../../shared/model/plan.js';
import type { TransferType } from '../../shared/model/placement.js';
import { vmMigrationScript } from '../../main/domain/scripts/migrate-vm-script.js';
import { storageMigrationScript } from '../../main/domain/scripts/migrate-storage-script.js';
import { planScript } from '../../main/domain/scripts/plan-script.js';
import { minimalInventory } from '../fixtures/minimal-inventory.js';
import { estateOf, findPwsh, stubRun } from '../pwsh/stub-estate.js';

// Every script Ferry prints (View Script, Export Script, `ferry script`, `ferry plan --script`) is read by
// PowerShell's own parser, then run in pwsh with the Hyper-V and FailoverClusters cmdlets stubbed, on an estate
// whose VM names carry payloads that would create a file in the working folder if they ever ran as code.
const PWSH = findPwsh();
const RUNNER = fileURLToPath(new URL('../pwsh/run-printed.ps1', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

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

function plannedMove(vm: string, to: string, transferType: TransferType, i: number): PlannedMove {
  return {
    id: String(i + 1),
    vm,
    from: 'HV-MI-20',
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

describe.skipIf(PWSH === null)('the scripts Ferry prints, read and run by PowerShell 7', () => {
  it('parse without errors, run against the stubs, run no payload, and address each VM as the inventory names it', { timeout: 240_000 }, () => {
    const doc = inventory();
    const estate = estateOf(doc);
    estate.localHost = 'HV-MI-20';
    const run = stubRun(estate);
    dirs.push(run.dir);
    const scripts = printedScripts(doc);
    const file = join(run.dir, 'scripts.json');
    writeFileSync(file, JSON.stringify(scripts));
    const before = readdirSync(run.dir).sort();
    const r = spawnSync(PWSH as string, ['-NoProfile', '-NonInteractive', '-File', RUNNER, file], {
      cwd: run.dir,
      env: { ...process.env, ...run.env },
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
