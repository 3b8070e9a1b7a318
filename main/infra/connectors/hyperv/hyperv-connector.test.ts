import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../../../shared/model/inventory.js';
import { ok } from '../../../../shared/model/result.js';
import { minimalInventory } from '../../../../test/fixtures/minimal-inventory.js';
import type { MoveProgress, MoveRequest } from '../../../domain/connector/host-connector.js';
import { HyperVConnector } from './hyperv-connector.js';
import { PowerShellRunner } from './powershell-runner.js';
import { hypervScriptsDir, type PsTarget } from './scripts.js';

// The connector at its boundary: a stand-in PowerShell (test/fixtures/fake-powershell.mjs, run by
// Node) takes the same command line, reads the same JSON on standard input and writes the same
// records as the real scripts. PowerShell and Hyper-V can't run here.
const FAKE = fileURLToPath(new URL('../../../../test/fixtures/fake-powershell.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ferry-hyperv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A VM name that would break out of any PowerShell string it was pasted into. */
const HOSTILE = 'Evil\'; Remove-Item C:\\ -Recurse -Force; $(calc) `whoami` "quoted" ${env:PATH} #';

function inventory(): InventoryDocument {
  const doc = minimalInventory();
  doc.vms.push({ ...doc.vms[2], name: HOSTILE, id: '3e0a6c7b-5c4d-4c8f-8daa-6e8c4c3f5d44' });
  return doc;
}

const pids: number[] = [];
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
afterEach(() => {
  // No run leaves a process behind.
  for (const pid of pids.splice(0)) expect(alive(pid), `process ${pid} still running`).toBe(false);
});

let records = 0;
function connector(mode: string, options: { cancelGraceMs?: number; executable?: string; target?: PsTarget } = {}) {
  const record = join(dir, `record-${++records}.jsonl`);
  const runner = new PowerShellRunner({
    executable: options.executable ?? process.execPath,
    prefixArgs: [FAKE],
    env: { FAKE_PS_MODE: mode, FAKE_PS_RECORD: record },
    cancelGraceMs: options.cancelGraceMs ?? 10_000,
  });
  const original = runner.run.bind(runner);
  runner.run = (...args: Parameters<PowerShellRunner['run']>) => {
    const run = original(...args);
    if (run.pid !== undefined) pids.push(run.pid);
    return run;
  };
  const doc = inventory();
  const hyperv = new HyperVConnector({
    inventory: () => doc,
    runner,
    targetFor: () => ok(options.target ?? { mode: 'local', port: 5986, credential: null }),
    pollSeconds: 1,
  });
  const seen = (): { argv: string[]; pid: number; script: string; request: { protocol: number; target: PsTarget; args: Record<string, unknown> } }[] => {
    try {
      return readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    } catch {
      return [];
    }
  };
  return { hyperv, seen };
}

const request = (over: Partial<MoveRequest> = {}): MoveRequest => ({
  jobId: 'job-1',
  kind: 'live',
  vm: 'WEB-01',
  sourceHost: 'HV-MI-20',
  destinationHost: 'HV-MI-11',
  performanceOption: 'Compression',
  destinationPath: null,
  diskDestinations: null,
  configurationPath: null,
  ...over,
});

describe('the Hyper-V connector at its PowerShell boundary', () => {
  it('never puts inventory data on the command line: fixed flags and a fixed script; values travel as JSON on stdin', async () => {
    const { hyperv, seen } = connector('success');
    const outcome = await hyperv.moveStart(request({ vm: HOSTILE, kind: 'live-vsm', destinationPath: "D:\\VMs\\$(calc)'; x" }), () => undefined).done;
    expect(outcome.status).toBe('completed');
    const [run] = seen();
    expect(run.argv).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(hypervScriptsDir(), 'Invoke-FerryMove.ps1')]);
    expect(run.argv.join(' ')).not.toMatch(/Evil|calc|HV-MI|contoso/i);
    // The name arrives byte for byte as data, for ConvertFrom-Json.
    expect(run.request.args.vm).toBe(HOSTILE);
    expect(run.request.args.destinationStoragePath).toBe("D:\\VMs\\$(calc)'; x");
    expect(run.request.protocol).toBe(1);
    // The script is the shipped file, which names no inventory value.
    expect(readFileSync(run.argv[5], 'utf8')).not.toMatch(/Evil|HV-MI|contoso/);
  });

  it('runs only its own scripts', () => {
    const runner = new PowerShellRunner({ executable: process.execPath, prefixArgs: [FAKE] });
    expect(() => runner.commandLine('Remove-Item' as never)).toThrow(/Not a Ferry connector script/);
  });

  it('reports progress through the job steps of a live migration, then completes', async () => {
    const { hyperv, seen } = connector('success');
    const progress: MoveProgress[] = [];
    const outcome = await hyperv.moveStart(request(), (p) => progress.push(p)).done;
    expect(outcome).toMatchObject({ status: 'completed', totalSeconds: 42.5, downtimeMs: null, bytesSent: 8192 * 1024 ** 2 });
    // validate, live-migrate memory, switch over, clean up
    expect([...new Set(progress.map((p) => p.step))]).toEqual([0, 1, 2, 3]);
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(Math.max(...percents)).toBeLessThan(100);
    expect(seen()[0].request.args).toMatchObject({
      kind: 'live',
      vm: 'WEB-01',
      sourceHost: 'hv-mi-20.contoso.com',
      destinationHost: 'hv-mi-11.contoso.com',
      cluster: null,
      performanceOption: null,
    });
  });

  it("splits a VSM move's progress between copying storage and migrating memory", async () => {
    const { hyperv, seen } = connector('success');
    const steps: number[] = [];
    await hyperv.moveStart(request({ kind: 'live-vsm', destinationPath: 'D:\\VMs' }), (p) => steps.push(p.step)).done;
    expect([...new Set(steps)]).toEqual([0, 1, 2, 3, 4]);
    expect(seen()[0].request.args).toMatchObject({ kind: 'live-vsm', destinationStoragePath: 'D:\\VMs' });
  });

  it('moves a clustered VM between nodes of its cluster with the cluster, and passes a per-move performance option', async () => {
    const { hyperv, seen } = connector('success');
    await hyperv.moveStart(request({ vm: 'SQL-PROD-01', sourceHost: 'HV-MI-11', destinationHost: 'HV-MI-12', performanceOption: 'SMB' }), () => undefined).done;
    expect(seen()[0].request.args).toMatchObject({ cluster: 'CL-MI-22', destinationNode: 'HV-MI-12', performanceOption: 'SMB' });
  });

  it('sends a per-disk storage move as Move-VMStorage -Vhds data', async () => {
    const { hyperv, seen } = connector('success');
    const outcome = await hyperv.moveStart(
      request({
        kind: 'storage',
        vm: 'WEB-01',
        sourceHost: 'HV-MI-20',
        destinationHost: 'HV-MI-20',
        diskDestinations: { 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx': 'D:\\Fast\\' },
        configurationPath: 'D:\\Fast',
      }),
      () => undefined,
    ).done;
    expect(outcome.status).toBe('completed');
    expect(seen()[0].request.args).toMatchObject({
      destinationStoragePath: null,
      virtualMachinePath: 'D:\\Fast',
      vhds: [{ sourceFilePath: 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx', destinationFilePath: 'D:\\Fast\\os.vhdx' }],
    });
  });

  it('sends only chosen VHDs with no configuration folder: -Vhds data and no VirtualMachinePath (the configuration stays)', async () => {
    const { hyperv, seen } = connector('success');
    const outcome = await hyperv.moveStart(
      request({
        kind: 'storage',
        vm: 'WEB-01',
        sourceHost: 'HV-MI-20',
        destinationHost: 'HV-MI-20',
        diskDestinations: { 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx': 'D:\\Fast' },
        configurationPath: null,
      }),
      () => undefined,
    ).done;
    expect(outcome.status).toBe('completed');
    expect(seen()[0].request.args).toMatchObject({
      destinationStoragePath: null,
      virtualMachinePath: null,
      vhds: [{ sourceFilePath: 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx', destinationFilePath: 'D:\\Fast\\os.vhdx' }],
    });
  });

  it('cancel stops the move: the outcome is canceled, with the VM on its source', async () => {
    const { hyperv } = connector('slow');
    let cancel = (): void => undefined;
    let canceled = false;
    const move = hyperv.moveStart(request(), (p) => {
      if (p.step === 1 && !canceled) {
        canceled = true;
        cancel();
      }
    });
    cancel = () => move.cancel();
    expect(await move.done).toEqual({ status: 'canceled', vmHost: 'HV-MI-20' });
  });

  it('ends PowerShell when a cancel is not confirmed in time, and says the cancel was not confirmed', async () => {
    const { hyperv } = connector('ignore-cancel', { cancelGraceMs: 300 });
    const move = hyperv.moveStart(request(), () => undefined);
    setTimeout(() => move.cancel(), 100);
    const outcome = await move.done;
    expect(outcome).toMatchObject({ status: 'failed', vmHost: 'HV-MI-20' });
    expect((outcome as { problem: string }).problem).toMatch(/asked to stop, but Hyper-V did not confirm it in time/);
  });

  for (const [mode, pattern] of [
    ['fail-credssp', /CredSSP/],
    ['fail-kerberos', /Kerberos constrained delegation is missing/],
    ['fail-access-denied', /access is denied on HV-MI-20 \(0x80070005\)/],
    ['fail-processor', /uses processor features that HV-MI-11 does not have/],
    ['fail-switch', /no virtual switch named "External-Prod"/],
    ['fail-winrm', /could not be reached/],
  ] as const) {
    it(`maps a failed move (${mode}) to a problem and an action, with the VM on its source`, async () => {
      const { hyperv } = connector(mode);
      const outcome = await hyperv.moveStart(request(), () => undefined).done;
      expect(outcome.status).toBe('failed');
      const f = outcome as { problem: string; recommendedAction: string; vmHost: string };
      expect(f.problem).toMatch(pattern);
      expect(f.recommendedAction.length).toBeGreaterThan(20);
      expect(f.vmHost).toBe('HV-MI-20');
    });
  }

  it('gives a clear failure when PowerShell crashes mid-move, and asks the hosts where the VM is', async () => {
    const { hyperv, seen } = connector('crash');
    const progress: MoveProgress[] = [];
    const outcome = await hyperv.moveStart(request(), (p) => progress.push(p)).done;
    expect(progress.length).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ status: 'failed', vmHost: 'HV-MI-20' });
    expect((outcome as { problem: string }).problem).toMatch(/PowerShell stopped unexpectedly \(exit code 3\).*PipelineStoppedException/);
    expect(seen().map((r) => r.script)).toEqual(['Invoke-FerryMove.ps1', 'Find-FerryVm.ps1']);
  });

  it('treats output that is not the protocol as a crash, not a result', async () => {
    const { hyperv } = connector('garbage');
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect((outcome as { problem: string }).problem).toMatch(/before it reported a result.*WARNING: this is not JSON/);
  });

  it('says PowerShell is missing on a machine without it', async () => {
    const { hyperv } = connector('success', { executable: join(dir, 'no-such-powershell') });
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect(outcome.status).toBe('failed');
    expect((outcome as { problem: string }).problem).toMatch(/could not be run on this computer/);
  });

  it('passes remoting credentials only as data on standard input', async () => {
    const { hyperv, seen } = connector('success', {
      target: { mode: 'winrm-https', port: 5986, credential: { userName: 'CONTOSO\\hvadmin', password: 'S3cret!pass' } },
    });
    await hyperv.vmStart('WEB-01', 'HV-MI-20');
    const [run] = seen();
    expect(run.argv.join(' ')).not.toMatch(/S3cret|hvadmin/);
    expect(run.request.target).toEqual({ mode: 'winrm-https', port: 5986, credential: { userName: 'CONTOSO\\hvadmin', password: 'S3cret!pass' } });
  });

  it('starts and saves a VM, applies host settings and locates a VM through their scripts', async () => {
    const { hyperv, seen } = connector('success');
    expect(await hyperv.vmStart('WEB-01', 'HV-MI-20')).toEqual({ ok: true });
    expect(await hyperv.vmSave('WEB-01', 'HV-MI-20')).toEqual({ ok: true });
    const settings = {
      enabled: false,
      maxLive: 4,
      maxStorage: 3,
      performanceOption: 'SMB' as const,
      authentication: 'Kerberos' as const,
      useAnyNetwork: false,
      networks: ['10.0.0.0/24'],
    };
    expect(await hyperv.hostSettingsApply('HV-MI-11', settings)).toEqual({ ok: true });
    expect(await hyperv.vmLocate('WEB-01')).toBe('HV-MI-20');
    const runs = seen();
    expect(runs.map((r) => r.script)).toEqual(['Set-FerryVmState.ps1', 'Set-FerryVmState.ps1', 'Set-FerryHostSettings.ps1', 'Find-FerryVm.ps1']);
    expect([runs[0].request.args.action, runs[1].request.args]).toEqual([
      'start',
      { vm: 'WEB-01', vmId: '2d9f5b6a-4b3c-4b7e-9c99-5d7b3b2e4c33', host: runs[0].request.args.host, action: 'save' },
    ]);
    expect(runs[2].request.args).toEqual({ host: 'hv-mi-11.contoso.com', settings });
  });

  it('sets a clustered VM’s owners and availability sets through the fixed script, by VM id, and leaves a standalone VM to the inventory', async () => {
    const { hyperv, seen } = connector('success');
    const placement = { possibleOwners: ['hv-mi-11', 'HV-MI-12'], preferredOwners: ['HV-MI-12'], availabilitySets: ['SQL-AG'] };
    expect(await hyperv.vmPlacementApply('SQL-PROD-01', placement)).toEqual({ ok: true });
    expect(await hyperv.vmPlacementApply('WEB-01', { possibleOwners: null, preferredOwners: [], availabilitySets: ['X'] })).toEqual({ ok: true });
    const runs = seen();
    expect(runs.map((r) => r.script)).toEqual(['Set-FerryVmPlacement.ps1']);
    expect(runs[0].request.args).toEqual({
      host: 'hv-mi-11.contoso.com',
      vm: 'SQL-PROD-01',
      vmId: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11',
      possibleOwners: ['HV-MI-11', 'HV-MI-12'],
      preferredOwners: ['HV-MI-12'],
      availabilitySets: ['SQL-AG'],
    });
  });

  it('maps a failed placement change to its problem and action', async () => {
    const { hyperv } = connector('fail-access-denied');
    const r = await hyperv.vmPlacementApply('SQL-PROD-01', { possibleOwners: null, preferredOwners: [], availabilitySets: [] });
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/Setting the owners and availability sets of SQL-PROD-01 failed: access is denied/) });
  });

  it('maps a failed start, a failed save and a failed settings change too', async () => {
    const { hyperv } = connector('fail-access-denied');
    expect(await hyperv.vmStart('WEB-01', 'HV-MI-20')).toMatchObject({ ok: false, problem: expect.stringMatching(/Starting WEB-01 failed: access is denied/) });
    expect(await hyperv.vmSave('WEB-01', 'HV-MI-20')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Saving the state of WEB-01 failed: access is denied/),
    });
    const s = minimalInventory().hosts[0].liveMigration;
    expect(await hyperv.hostSettingsApply('HV-MI-11', s)).toMatchObject({ ok: false, recommendedAction: expect.stringMatching(/Hyper-V Administrators/) });
  });

  it('reads a host group into ferry-inventory records', async () => {
    const { hyperv, seen } = connector('success');
    const read = await hyperv.hostGroupRead('All Hosts/Milano');
    expect(read.ok && read.value.vms.length).toBe(4);
    expect(seen()[0].request.args).toEqual({ hosts: ['hv-mi-11.contoso.com', 'hv-mi-12.contoso.com', 'hv-mi-20.contoso.com'] });
  });
});
