import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { estateOf, type StubEstate } from '../../test/pwsh/stub-estate.js';
import { called, CREDSSP_MOVE_FAILURE, PWSH, SLOW, usePwshStubs, type StubPowerShell } from '../../test/pwsh/stub-powershell.js';
import { createAppServices, type AppServices } from './app-services.js';

// Connection settings, the routing connector and the Hyper-V connector wired as the app wires them, with Ferry's
// PowerShellRunner starting a real PowerShell 7 (pwsh) against the stub Hyper-V, FailoverClusters and CIM modules
// (test/pwsh). What the admin sees (the job, its steps, the inventory) and what the stubs were asked are both
// checked. The PowerShell-independent parts (passwords, simulator routing) are in hyperv-connection.test.ts.
const GROUP = 'All Hosts/Milano';
const WEB_01 = '2d9f5b6a-4b3c-4b7e-9c99-5d7b3b2e4c33';
const stubs = usePwshStubs();

let dir: string;
let s: AppServices | null = null;

/** The app's services on a fresh database holding `doc`, with All Hosts/Milano on Hyper-V through pwsh and `estate`. */
async function services(doc: InventoryDocument, tweak: (estate: StubEstate) => void = () => undefined): Promise<{ s: AppServices; ps: StubPowerShell }> {
  const estate = estateOf(doc);
  tweak(estate);
  const ps = stubs.powershell(estate);
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', speed: 3600, powershell: ps.options, hypervPollSeconds: 0.05 });
  expect((await s.inventory.importText('milano.json', JSON.stringify(doc))).ok).toBe(true);
  expect(s.connections.set({ hostGroup: GROUP, connector: 'hyperv' }).ok).toBe(true);
  return { s, ps };
}

/** The job once it has ended (a job that never ends fails the test before SLOW is up, saying so). */
async function ended(services: AppServices, id: string): Promise<Job> {
  for (let i = 0; i < 5000; i++) {
    const job = services.jobs.get(id);
    if (job && !['Queued', 'Running'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${id} did not end`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-hyperv-pwsh-'));
});
afterEach(async () => {
  await s?.close();
  s = null;
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(PWSH === null)('a Hyper-V host group in PowerShell 7, against the stub modules', () => {
  it('runs a move through Invoke-FerryMove.ps1: Move-VM of the VM by its id, the job through its steps, the inventory updated', { timeout: SLOW }, async () => {
    const { s, ps } = await services(minimalInventory());
    const job = s.migration.submitVm({ vm: 'WEB-01', destinationHost: 'HV-MI-11' });
    if (!job.ok) throw new Error(job.error.message);
    const done = await ended(s, job.value.id);
    expect(done).toMatchObject({ status: 'Completed', progress: 100 });
    expect(done.summary).toMatch(/^Moved WEB-01 to HV-MI-11 in \d+(\.\d+)? s, /);
    expect(done.summary).not.toMatch(/downtime/);
    expect(done.steps.every((st) => st.status === 'Completed')).toBe(true);
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'WEB-01')?.host).toBe('HV-MI-11');
    const calls = ps.calls();
    expect(called(calls, 'Get-VM').every((c) => c.parameterSet === 'Id' && c.params.Id === WEB_01)).toBe(true);
    const move = called(calls, 'Move-VM');
    expect(move).toHaveLength(1);
    expect(move[0].parameterSet).toBe('VMSingleDestination');
    expect(move[0].params).toMatchObject({ VM: { vmId: WEB_01, vmName: 'WEB-01' }, DestinationHost: 'hv-mi-11.contoso.com', AsJob: true });
  });

  it("fails a move with Hyper-V's problem and the fix (CredSSP without credentials), the VM staying on its source", { timeout: SLOW }, async () => {
    const { s, ps } = await services(minimalInventory(), (e) => {
      e.move = CREDSSP_MOVE_FAILURE;
    });
    const job = s.migration.submitVm({ vm: 'WEB-01', destinationHost: 'HV-MI-11' });
    if (!job.ok) throw new Error(job.error.message);
    const done = await ended(s, job.value.id);
    expect(done).toMatchObject({ status: 'Failed', summary: 'WEB-01 is on HV-MI-20.' });
    expect(done.error?.problem).toMatch(/0x8009030E/);
    expect(done.error?.recommendedAction).toMatch(/constrained delegation/);
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'WEB-01')?.host).toBe('HV-MI-20');
    expect(called(ps.calls(), 'Move-VM').map((c) => c.params.VM)).toEqual([{ vmId: WEB_01, vmName: 'WEB-01' }]);
  });

  it('starts a VM through Set-FerryVmState.ps1: Start-VM on the VM object got by its id, and the job completes', { timeout: SLOW }, async () => {
    const doc = minimalInventory();
    doc.vms[2].state = 'Off';
    const { s, ps } = await services(doc);
    const job = s.migration.startVm('WEB-01');
    if (!job.ok) throw new Error(job.error.message);
    expect(job.value.status).toBe('Running');
    expect(await ended(s, job.value.id)).toMatchObject({ status: 'Completed' });
    expect(s.inventory.snapshot().inventory.vms.find((v) => v.name === 'WEB-01')?.state).toBe('Running');
    const calls = ps.calls();
    expect(called(calls, 'Get-VM').every((c) => c.parameterSet === 'Id' && c.params.Id === WEB_01)).toBe(true);
    const start = called(calls, 'Start-VM');
    expect(start.map((c) => [c.parameterSet, c.params.VM])).toEqual([['VMObject', [{ vmId: WEB_01, vmName: 'WEB-01' }]]]);
  });

  it('refreshes a Hyper-V group as a job: what the hosts say replaces what the inventory said', { timeout: SLOW }, async () => {
    const doc = minimalInventory();
    const { s, ps } = await services(doc, (e) => {
      // Since the import, WEB-01 was turned off and SQL-PROD-01 moved to the other node.
      const vm = (name: string) => e.vms.find((v) => v.name === name) as Record<string, unknown>;
      Object.assign(vm('WEB-01'), { state: 'Off', memoryAssigned: 0 });
      vm('SQL-PROD-01').host = 'HV-MI-12';
    });
    const r = await s.refresh.refresh(GROUP);
    expect(r).toMatchObject({ ok: true, value: { hosts: 3, clusters: 1, vms: 3, unreachable: [] } });
    if (!r.ok) return;
    expect(s.jobs.get(r.value.jobId)).toMatchObject({ status: 'Completed', name: 'Refresh All Hosts/Milano from Hyper-V' });
    const vms = s.inventory.snapshot().inventory.vms;
    expect(vms.find((v) => v.name === 'WEB-01')?.state).toBe('Off');
    expect(vms.find((v) => v.name === 'SQL-PROD-01')?.host).toBe('HV-MI-12');
    // Every host read by its FQDN.
    const hosts = called(ps.calls(), 'Get-VMHost').map((c) => (c.params.ComputerName as string[])[0]);
    expect([...new Set(hosts)].sort()).toEqual(['hv-mi-11.contoso.com', 'hv-mi-12.contoso.com', 'hv-mi-20.contoso.com']);
  });
});
