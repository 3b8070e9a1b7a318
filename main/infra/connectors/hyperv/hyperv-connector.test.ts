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
import type { PsTarget } from './scripts.js';

// The connector with a stand-in PowerShell (test/fixtures/fake-powershell.mjs, run by Node) for only what a real
// PowerShell can't show here: a process that hangs past a cancel, one that dies mid-move or ends without a result,
// one that can't be started, and the remoting path (winrm-https: there is no WinRM here, and New-PSSession is a core
// cmdlet that no stub module can stand in for). Everything else the connector does runs in real PowerShell 7 against
// stub modules: hyperv-connector.pwsh.test.ts and hyperv-placement.pwsh.test.ts (skipped, with one line from npm
// test, where pwsh is absent).
const FAKE = fileURLToPath(new URL('../../../../test/fixtures/fake-powershell.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ferry-hyperv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inventory(): InventoryDocument {
  return minimalInventory();
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

describe('the Hyper-V connector with a PowerShell that hangs, dies or cannot start', () => {
  it('runs only its own scripts', () => {
    const runner = new PowerShellRunner({ executable: process.execPath, prefixArgs: [FAKE] });
    expect(() => runner.commandLine('Remove-Item' as never)).toThrow(/Not a Ferry connector script/);
  });

  it('ends PowerShell when a cancel is not confirmed in time, and says the cancel was not confirmed', async () => {
    const { hyperv } = connector('ignore-cancel', { cancelGraceMs: 300 });
    const move = hyperv.moveStart(request(), () => undefined);
    setTimeout(() => move.cancel(), 100);
    const outcome = await move.done;
    expect(outcome).toMatchObject({ status: 'failed', vmHost: 'HV-MI-20' });
    expect((outcome as { problem: string }).problem).toMatch(/asked to stop, but Hyper-V did not confirm it in time/);
  });

  it('gives a clear failure when PowerShell crashes mid-move, and asks the hosts where the VM is', async () => {
    const { hyperv, seen } = connector('crash');
    const progress: MoveProgress[] = [];
    const outcome = await hyperv.moveStart(request(), (p) => progress.push(p)).done;
    expect(progress.length).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ status: 'failed', vmHost: 'HV-MI-20' });
    expect((outcome as { problem: string }).problem).toMatch(/PowerShell stopped unexpectedly \(exit code 3\).*PipelineStoppedException/);
    expect(seen().map((r) => r.script)).toEqual(['Invoke-FerryMove.ps1', 'Find-FerryVm.ps1']);
  });

  it('treats a PowerShell that ends without a result, having printed something else, as a crash', async () => {
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
});
