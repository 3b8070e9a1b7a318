import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { ok } from '../../shared/model/result.js';
import { HyperVConnector } from '../../main/infra/connectors/hyperv/hyperv-connector.js';
import { PowerShellRunner, type PowerShellRunnerOptions } from '../../main/infra/connectors/hyperv/powershell-runner.js';
import { findPwsh, stubRun, type StubCall, type StubEstate } from './stub-estate.js';

// The set-up every *.pwsh.test.ts shares: Ferry's own PowerShellRunner starting a real PowerShell 7 (pwsh) in
// place of powershell.exe, with the stub Hyper-V, FailoverClusters and CIM modules first on PSModulePath and
// the estate a test describes. Each script run starts one pwsh (1 to 2 s); the stub types load from one DLL.

/** PowerShell 7 for the tests, or null: the PowerShell tests then skip (`describe.skipIf(PWSH === null)`). */
export const PWSH = findPwsh();

/** A PowerShell test's time limit: every script run starts a pwsh, on a machine the tests share. */
export const SLOW = 120_000;

/** A VM name Hyper-V's -Name reads as a wildcard: it matches a VM named 'web1' too. */
export const WILD = 'web[1]';

/** A move of WEB-01 from HV-MI-20 to HV-MI-11 that fails as Hyper-V fails it under CredSSP without credentials (0x8009030E). */
export const CREDSSP_MOVE_FAILURE: NonNullable<StubEstate['move']> = {
  percents: [5],
  outcome: 'fail',
  failure: {
    message:
      "Virtual machine migration operation for 'WEB-01' failed at migration source 'HV-MI-20'. Failed to establish a connection with host 'hv-mi-11.contoso.com': No credentials are available in the security package (0x8009030E).",
    hresult: 0x80131500,
    category: 'NotSpecified',
    errorId: 'OperationFailed',
  },
};

/** A VM name that breaks out of any string it is pasted into, and would create files if it ever ran. */
export const HOSTILE = "Evil'; New-Item pwned; $(New-Item pwned2) `whoami` \u2019; | x";

/**
 * Adds three clustered VMs on HV-MI-11 (copies of the minimal inventory's SQL-PROD-01, no disks) whose names trap a
 * script that addresses VMs by name: web[1] (a wildcard that matches web1), web1, and the hostile name.
 */
export function addClusteredNameTraps(doc: InventoryDocument): void {
  const clustered = { ...doc.vms[0], disks: [] };
  doc.vms.push({ ...clustered, name: WILD, id: '4f1b7d8c-6d5e-4d9f-9ebb-7f9d5d4f6e55', configurationPath: 'C:\\ClusterStorage\\Volume1\\web[1]' });
  doc.vms.push({ ...clustered, name: 'web1', id: '5a2c8e9d-7e6f-4e0a-8fcc-8a0e6e5a7f66', configurationPath: 'C:\\ClusterStorage\\Volume1\\web1' });
  doc.vms.push({ ...clustered, name: HOSTILE, id: '6b3d9f0e-8f7a-4f1b-90dd-9b1f7f6b8a77', configurationPath: 'C:\\ClusterStorage\\Volume1\\evil' });
}

/** The calls to one cmdlet in a stub call log, in order. */
export const called = (calls: StubCall[], cmdlet: string): StubCall[] => calls.filter((c) => c.cmdlet === cmdlet);

/** One stub estate served to pwsh: how Ferry's runner starts it, and the calls the stubs logged. */
export interface StubPowerShell {
  /** PowerShellRunner's options (also `createAppServices({ powershell })`): pwsh, and the stubs' environment. */
  options: PowerShellRunnerOptions & { executable: string; env: Record<string, string> };
  /** Every call the stubs logged so far, across every pwsh run against this estate. */
  calls: () => StubCall[];
  /** The folder of the estate file and the call log (removed after the test file). */
  dir: string;
}

/** The Hyper-V connector on pwsh and the stubs, for one inventory. */
export interface StubConnector {
  hyperv: HyperVConnector;
  runner: PowerShellRunner;
  calls: () => StubCall[];
  dir: string;
}

/**
 * Stub estates for one test file: `powershell(estate)` gives the runner options and call log of a fresh estate,
 * `connector(doc, estate)` the Hyper-V connector wired to it (local PowerShell, polling fast). Their folders are
 * removed after the file's tests.
 */
export function usePwshStubs(): {
  powershell: (estate: StubEstate) => StubPowerShell;
  connector: (doc: InventoryDocument, estate: StubEstate) => StubConnector;
} {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const powershell = (estate: StubEstate): StubPowerShell => {
    const run = stubRun(estate);
    dirs.push(run.dir);
    return { options: { executable: PWSH ?? 'pwsh', env: run.env, cancelGraceMs: 60_000 }, calls: run.calls, dir: run.dir };
  };
  const connector = (doc: InventoryDocument, estate: StubEstate): StubConnector => {
    const ps = powershell(estate);
    const runner = new PowerShellRunner(ps.options);
    const hyperv = new HyperVConnector({
      inventory: () => doc,
      runner,
      targetFor: () => ok({ mode: 'local', port: 5986, credential: null }),
      pollSeconds: 0.05,
    });
    return { hyperv, runner, calls: ps.calls, dir: ps.dir };
  };
  return { powershell, connector };
}
