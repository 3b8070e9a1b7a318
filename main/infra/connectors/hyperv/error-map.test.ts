import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapHyperVError, mapRunFailure, type FailureContext } from './error-map.js';
import type { PsError } from './scripts.js';

// The messages Hyper-V and WinRM write for each known failure, as the stand-in PowerShell replays them.
const errors = JSON.parse(readFileSync(new URL('../../../../test/fixtures/hyperv/errors.json', import.meta.url), 'utf8')) as Record<
  string,
  Omit<PsError, 'vmHost'>
>;
const error = (name: string): PsError => ({ ...errors[name], vmHost: 'HV-MI-11' });
const move: FailureContext = { action: 'move', mode: 'local', vm: 'SQL-PROD-01', host: 'HV-MI-11', destination: 'HV-MI-20' };

describe('Hyper-V error mapping', () => {
  it('CredSSP "No credentials are available in the security package" (0x8009030E): use Kerberos delegation or start on the source', () => {
    const f = mapHyperVError(error('fail-credssp'), move);
    expect(f.code).toBe('credssp-no-credentials');
    expect(f.problem).toMatch(/CredSSP/);
    expect(f.problem).toMatch(/0x8009030E/);
    expect(f.recommendedAction).toMatch(/Kerberos/);
    expect(f.recommendedAction).toMatch(/constrained delegation/);
    expect(f.recommendedAction).toMatch(/Microsoft Virtual System Migration Service/);
  });

  it('Kerberos delegation missing (0x8009030D): configure constrained delegation for cifs and the migration service', () => {
    const f = mapHyperVError(error('fail-kerberos'), move);
    expect(f.code).toBe('kerberos-delegation');
    expect(f.problem).toMatch(/Kerberos/);
    expect(f.recommendedAction).toMatch(/Trust this computer for delegation to specified services only/);
    expect(f.recommendedAction).toMatch(/"cifs" and "Microsoft Virtual System Migration Service"/);
    expect(f.recommendedAction).toMatch(/HV-MI-20/);
  });

  it('access denied (0x80070005): add the account to Hyper-V Administrators on both hosts', () => {
    const f = mapHyperVError(error('fail-access-denied'), move);
    expect(f.code).toBe('access-denied');
    expect(f.problem).toMatch(/0x80070005/);
    expect(f.recommendedAction).toMatch(/Hyper-V Administrators/);
    expect(f.recommendedAction).toMatch(/HV-MI-11 and HV-MI-20/);
  });

  it('processor incompatibility: turn on processor compatibility while the VM is off', () => {
    const f = mapHyperVError(error('fail-processor'), move);
    expect(f.code).toBe('processor-incompatible');
    expect(f.problem).toMatch(/SQL-PROD-01 uses processor features that HV-MI-20 does not have/);
    expect(f.recommendedAction).toMatch(/Set-VMProcessor -CompatibilityForMigrationEnabled \$true/);
  });

  it('virtual switch not found on the destination (Compare-VM 33012): create the switch, naming it', () => {
    const f = mapHyperVError(error('fail-switch'), move);
    expect(f.code).toBe('switch-not-found');
    expect(f.problem).toMatch(/33012/);
    expect(f.problem).toMatch(/HV-MI-20 has no virtual switch named "External-Prod"/);
    expect(f.recommendedAction).toMatch(/New-VMSwitch/);
  });

  it('the host unreachable over WinRM (0x80338012): check the listener, the firewall and Test-WSMan', () => {
    const f = mapHyperVError(error('fail-winrm'), { ...move, mode: 'winrm-https' });
    expect(f.code).toBe('winrm-unreachable');
    expect(f.problem).toMatch(/HTTPS \(WinRM, port 5986\)/);
    expect(f.recommendedAction).toMatch(/TCP 5986/);
    expect(f.recommendedAction).toMatch(/Test-WSMan HV-MI-11 -UseSSL/);
    // 0x8033809D (WinRM cannot process the request: Kerberos/TrustedHosts) is the same failure.
    expect(mapHyperVError({ ...error('fail-unknown'), message: 'WinRM cannot process the request.', hresults: ['0x8033809D'] }, move).code).toBe(
      'winrm-unreachable',
    );
  });

  it('an unknown error passes through with what Hyper-V said and a generic action', () => {
    const f = mapHyperVError(error('fail-unknown'), move);
    expect(f.code).toBe('unknown');
    expect(f.problem).toMatch(/Hyper-V said: The operation failed because the file was not found/);
    expect(f.recommendedAction).toMatch(/Hyper-V-VMMS > Admin/);
  });

  it('PowerShell that cannot be started says the connector needs Windows PowerShell with the Hyper-V module', () => {
    const f = mapRunFailure({ kind: 'not-started', executable: 'pwsh', message: 'spawn pwsh ENOENT' }, move);
    expect(f.code).toBe('powershell-not-found');
    expect(f.problem).toMatch(/PowerShell \(pwsh\) could not be run/);
    expect(f.recommendedAction).toMatch(/FERRY_POWERSHELL/);
    expect(f.recommendedAction).toMatch(/simulator/);
  });

  it('a PowerShell that stops mid-move says so, with its exit code and last words', () => {
    const f = mapRunFailure({ kind: 'crashed', exitCode: 3, signal: null, detail: 'Unhandled exception' }, move);
    expect(f.code).toBe('powershell-crashed');
    expect(f.problem).toMatch(/exit code 3/);
    expect(f.problem).toMatch(/Unhandled exception/);
  });
});
