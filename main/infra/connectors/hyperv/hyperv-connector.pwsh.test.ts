import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { english } from '../../../../shared/i18n/text.js';
import type { InventoryDocument } from '../../../../shared/model/inventory.js';
import { ok } from '../../../../shared/model/result.js';
import { minimalInventory } from '../../../../test/fixtures/minimal-inventory.js';
import { estateOf, type StubEstate } from '../../../../test/pwsh/stub-estate.js';
import { called, CREDSSP_MOVE_FAILURE, HOSTILE, PWSH, SLOW, usePwshStubs, WILD } from '../../../../test/pwsh/stub-powershell.js';
import type { MoveProgress, MoveRequest } from '../../../domain/connector/host-connector.js';
import { HyperVConnector } from './hyperv-connector.js';
import { PowerShellRunner } from './powershell-runner.js';

// The connector's fixed scripts run in a real PowerShell 7 (pwsh) through PowerShellRunner, against stub
// Hyper-V, FailoverClusters and CIM modules with the documented signatures (test/pwsh/modules). What this
// proves: the scripts parse, bind their parameters as the real cmdlets' signatures allow, read the objects
// back, and speak Ferry's protocol. What it can't: how Hyper-V itself behaves.
const stubs = usePwshStubs();

function inventory(): InventoryDocument {
  const doc = minimalInventory();
  // A VM named like a wildcard that matches WEB-01's sibling 'web1', which must never be the one moved.
  doc.vms.push({
    ...doc.vms[2],
    name: WILD,
    id: '4f1b7d8c-6d5e-4d9f-9ebb-7f9d5d4f6e55',
    configurationPath: 'D:\\VMs\\web[1]',
    disks: [{ path: 'D:\\VMs\\web[1]\\os.vhdx', sizeGB: 40, shared: false }],
  });
  doc.vms.push({
    ...doc.vms[2],
    name: 'web1',
    id: '5a2c8e9d-7e6f-4e0a-8fcc-8a0e6e5a7f66',
    configurationPath: 'D:\\VMs\\web1',
    disks: [{ path: 'D:\\VMs\\web1\\os.vhdx', sizeGB: 40, shared: false }],
  });
  doc.vms.push({
    ...doc.vms[2],
    name: HOSTILE,
    id: '6b3d9f0e-8f7a-4f1b-90dd-9b1f7f6b8a77',
    configurationPath: 'D:\\VMs\\evil',
    disks: [{ path: 'D:\\VMs\\evil\\os.vhdx', sizeGB: 40, shared: false }],
  });
  return doc;
}

function connector(tweak: (estate: StubEstate) => void = () => undefined, tweakDoc: (doc: InventoryDocument) => void = () => undefined) {
  const doc = inventory();
  tweakDoc(doc);
  const estate = estateOf(doc);
  tweak(estate);
  return { ...stubs.connector(doc, estate), doc, estate };
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

describe.skipIf(PWSH === null)("the Hyper-V connector's scripts in PowerShell 7, against stub Hyper-V modules", () => {
  it('runs a live move: Compare-VM, then Move-VM -AsJob of the VM by its id, polled to completion through Msvm_MigrationJob', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const progress: MoveProgress[] = [];
    const outcome = await hyperv.moveStart(request(), (p) => progress.push(p)).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const move = called(calls(), 'Move-VM');
    expect(move).toHaveLength(1);
    expect(move[0].parameterSet).toBe('VMSingleDestination');
    expect(move[0].params).toMatchObject({ VM: { vmId: '2d9f5b6a-4b3c-4b7e-9c99-5d7b3b2e4c33' }, DestinationHost: 'hv-mi-11.contoso.com', AsJob: true });
    expect(move[0].params.IncludeStorage ?? false).toBe(false);
    expect(called(calls(), 'Compare-VM')[0].params).toMatchObject({ DestinationHost: 'hv-mi-11.contoso.com' });
    // validate, migrate memory (10 %, 60 %), switch-over, clean-up
    expect([...new Set(progress.map((p) => p.step))]).toEqual([0, 1, 2, 3]);
    expect(progress.map((p) => p.stepPercent)).toContain(60);
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(Math.max(...percents)).toBeLessThan(100);
  });

  it('puts no inventory data on the command line of PowerShell: a hostile name and path reach Move-VM exactly, as data', { timeout: SLOW }, async () => {
    const { hyperv, calls, runner } = connector();
    const argvs: string[][] = [];
    const run = runner.run.bind(runner);
    runner.run = (...args: Parameters<PowerShellRunner['run']>) => {
      const r = run(...args);
      // The running process's own command line, as the system holds it.
      if (r.pid !== undefined)
        argvs.push(
          readFileSync(`/proc/${r.pid}/cmdline`, 'utf8')
            .split('\0')
            .filter((a) => a !== ''),
        );
      return r;
    };
    const path = "D:\\VMs\\$(New-Item pwned)'; x";
    const outcome = await hyperv.moveStart(request({ vm: HOSTILE, kind: 'live-vsm', destinationPath: path }), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    expect(argvs).toHaveLength(1);
    expect(argvs[0].slice(1)).toEqual(runner.commandLine('moveRun'));
    expect(argvs[0].join(' ')).not.toMatch(/Evil|pwned|HV-MI|contoso/i);
    const [move] = called(calls(), 'Move-VM');
    expect(move.params).toMatchObject({ VM: { vmName: HOSTILE }, DestinationStoragePath: path });
  });

  it('runs a VSM move with -IncludeStorage -DestinationStoragePath; its progress goes through storage, then memory', { timeout: SLOW }, async () => {
    // 127 GB of disk and 8 GB of memory: storage is the first 94 % of the migration job, memory the rest.
    const { hyperv, calls } = connector((e) => {
      e.move = { percents: [20, 80, 97] };
    });
    const progress: MoveProgress[] = [];
    const outcome = await hyperv.moveStart(request({ kind: 'live-vsm', destinationPath: 'C:\\ClusterStorage\\Volume1\\WEB-01' }), (p) => progress.push(p)).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const [move] = called(calls(), 'Move-VM');
    expect(move.parameterSet).toBe('VMSingleDestination');
    expect(move.params).toMatchObject({ IncludeStorage: true, DestinationStoragePath: 'C:\\ClusterStorage\\Volume1\\WEB-01' });
    expect(called(calls(), 'Compare-VM')[0].params).toMatchObject({ IncludeStorage: true, DestinationStoragePath: 'C:\\ClusterStorage\\Volume1\\WEB-01' });
    // validate, copy storage, migrate memory, switch-over, clean-up, in order
    const steps = progress.map((p) => p.step);
    expect([...new Set(steps)]).toEqual([0, 1, 2, 3, 4]);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it('moves chosen VHDs alone with Move-VMStorage -Vhds, as hashtables', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const outcome = await hyperv.moveStart(
      request({ kind: 'storage', destinationHost: 'HV-MI-20', diskDestinations: { 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx': 'D:\\Disks' } }),
      () => undefined,
    ).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const [move] = called(calls(), 'Move-VMStorage');
    expect(move.parameterSet).toBe('VMMultipleDestinations');
    expect(move.types.Vhds).toBe('System.Collections.Hashtable[]');
    expect(move.params.Vhds).toEqual([{ SourceFilePath: 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx', DestinationFilePath: 'D:\\Disks\\os.vhdx' }]);
    expect(move.params).not.toHaveProperty('DestinationStoragePath');
    // No configuration folder chosen: the configuration stays where it is.
    expect(move.params).not.toHaveProperty('VirtualMachinePath');
  });

  it('moves chosen VHDs and the configuration with Move-VMStorage -VirtualMachinePath -Vhds', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const outcome = await hyperv.moveStart(
      request({
        kind: 'storage',
        destinationHost: 'HV-MI-20',
        configurationPath: 'D:\\Fast',
        diskDestinations: { 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx': 'D:\\Fast\\' },
      }),
      () => undefined,
    ).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const [move] = called(calls(), 'Move-VMStorage');
    expect(move.parameterSet).toBe('VMMultipleDestinations');
    expect(move.params).toMatchObject({
      VirtualMachinePath: 'D:\\Fast',
      Vhds: [{ SourceFilePath: 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx', DestinationFilePath: 'D:\\Fast\\os.vhdx' }],
    });
  });

  it('moves a clustered VM between nodes through its cluster role, by VM id, until the role is online on the destination', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.localHost = 'HV-MI-11';
    });
    const outcome = await hyperv.moveStart(
      request({ vm: 'SQL-PROD-01', sourceHost: 'HV-MI-11', destinationHost: 'HV-MI-12', performanceOption: 'SMB' }),
      () => undefined,
    ).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const info = outcome.status === 'completed' ? outcome.info : null;
    expect(info && typeof info !== 'string' ? english(info) : info).toMatch(
      /^The live migration performance option of HV-MI-11 was Compression; it was set to SMB for this move and set back/,
    );
    // The move's own performance option on the source node, then the node's own again.
    expect(called(calls(), 'Set-VMHost').map((c) => c.params.VirtualMachineMigrationPerformanceOption)).toEqual(['SMB', 'Compression']);
    const [move] = called(calls(), 'Move-ClusterVirtualMachineRole');
    expect(move.params).toMatchObject({ Cluster: 'CL-MI-22', VMId: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11', Node: 'HV-MI-12', MigrationType: 'Live', Wait: 0 });
    expect(move.params).not.toHaveProperty('Name');
    expect(called(calls(), 'Get-ClusterGroup').every((c) => c.params.VMId === '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11')).toBe(true);
  });

  it(
    'moves a highly available VM with its storage to another node of its cluster: Move-VMStorage on the source node, then its cluster role; never Move-VM',
    { timeout: SLOW },
    async () => {
      const { hyperv, calls } = connector((e) => {
        e.localHost = 'HV-MI-11';
      });
      const progress: MoveProgress[] = [];
      const outcome = await hyperv.moveStart(
        request({
          vm: 'SQL-PROD-01',
          sourceHost: 'HV-MI-11',
          destinationHost: 'HV-MI-12',
          kind: 'live-vsm',
          destinationPath: '\\\\fs-mi.contoso.com\\vmstore\\SQL-PROD-01',
        }),
        (p) => progress.push(p),
      ).done;
      expect(outcome).toMatchObject({ status: 'completed' });
      const log = calls();
      expect(called(log, 'Move-VM')).toHaveLength(0);
      expect(called(log, 'Remove-ClusterGroup')).toHaveLength(0);
      const order = log.map((c) => c.cmdlet).filter((c) => ['Move-VMStorage', 'Move-ClusterVirtualMachineRole'].includes(c));
      expect(order).toEqual(['Move-VMStorage', 'Move-ClusterVirtualMachineRole']);
      const [storage] = called(log, 'Move-VMStorage');
      expect(storage.parameterSet).toBe('VMSingleDestination');
      expect(storage.params).toMatchObject({
        VM: { vmId: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11' },
        DestinationStoragePath: '\\\\fs-mi.contoso.com\\vmstore\\SQL-PROD-01',
        AsJob: true,
      });
      expect(called(log, 'Move-ClusterVirtualMachineRole')[0].params).toMatchObject({
        Cluster: 'CL-MI-22',
        VMId: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11',
        Node: 'HV-MI-12',
        MigrationType: 'Live',
      });
      // validate, copy storage, migrate memory, switch-over, clean-up: every step, in order.
      const steps = progress.map((p) => p.step);
      expect([...new Set(steps)]).toEqual([0, 1, 2, 3, 4]);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
    },
  );

  it(
    "cancels a highly available VM's move inside its cluster while its storage moves: the role never moves, the VM stays on its node",
    { timeout: SLOW },
    async () => {
      const { hyperv, calls } = connector((e) => {
        e.localHost = 'HV-MI-11';
        e.move = { percents: [5], outcome: 'hang' };
      });
      let canceled = false;
      let cancel: () => void = () => undefined;
      const running = hyperv.moveStart(
        request({
          vm: 'SQL-PROD-01',
          sourceHost: 'HV-MI-11',
          destinationHost: 'HV-MI-12',
          kind: 'live-vsm',
          destinationPath: '\\\\fs-mi.contoso.com\\vmstore\\SQL-PROD-01',
        }),
        (p) => {
          if (p.step === 1 && !canceled) {
            canceled = true;
            cancel();
          }
        },
      );
      cancel = running.cancel;
      expect(await running.done).toEqual({ status: 'canceled', vmHost: 'HV-MI-11' });
      expect(called(calls(), 'Move-VMStorage')).toHaveLength(1);
      expect(called(calls(), 'Move-ClusterVirtualMachineRole')).toHaveLength(0);
    },
  );

  it(
    'moves a highly available VM with chosen VHDs to another node of its cluster: Move-VMStorage -VirtualMachinePath -Vhds, then its cluster role',
    { timeout: SLOW },
    async () => {
      const { hyperv, calls } = connector((e) => {
        e.localHost = 'HV-MI-11';
      });
      const outcome = await hyperv.moveStart(
        request({
          vm: 'SQL-PROD-01',
          sourceHost: 'HV-MI-11',
          destinationHost: 'HV-MI-12',
          kind: 'live-vsm',
          destinationPath: '\\\\fs-mi.contoso.com\\vmstore',
          configurationPath: '\\\\fs-mi.contoso.com\\vmstore\\SQL-PROD-01',
          diskDestinations: { 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\os.vhdx': '\\\\fs-mi.contoso.com\\vmstore\\Disks' },
        }),
        () => undefined,
      ).done;
      expect(outcome).toMatchObject({ status: 'completed' });
      const log = calls();
      expect(called(log, 'Move-VM')).toHaveLength(0);
      const [storage] = called(log, 'Move-VMStorage');
      expect(storage.parameterSet).toBe('VMMultipleDestinations');
      expect(storage.params).toMatchObject({
        VirtualMachinePath: '\\\\fs-mi.contoso.com\\vmstore\\SQL-PROD-01',
        Vhds: [{ SourceFilePath: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-01\\os.vhdx', DestinationFilePath: '\\\\fs-mi.contoso.com\\vmstore\\Disks\\os.vhdx' }],
      });
      expect(called(log, 'Move-ClusterVirtualMachineRole')).toHaveLength(1);
    },
  );

  it('checks a highly available VM leaving its cluster with Compare-VM before its role is removed', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.localHost = 'HV-MI-11';
    });
    const outcome = await hyperv.moveStart(
      request({ vm: 'SQL-PROD-01', sourceHost: 'HV-MI-11', destinationHost: 'HV-MI-20', kind: 'live-vsm', destinationPath: 'D:\\VMs\\SQL-PROD-01' }),
      () => undefined,
    ).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const log = calls();
    const order = log.map((c) => c.cmdlet).filter((c) => ['Compare-VM', 'Remove-ClusterGroup', 'Move-VM'].includes(c));
    expect(order).toEqual(['Compare-VM', 'Remove-ClusterGroup', 'Move-VM']);
    const [compare] = called(log, 'Compare-VM');
    expect(compare.parameterSet).toBe('VMSingleDestination');
    expect(compare.params).toMatchObject({
      VM: { vmId: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11' },
      DestinationHost: 'hv-mi-20.contoso.com',
      IncludeStorage: true,
      DestinationStoragePath: 'D:\\VMs\\SQL-PROD-01',
    });
  });

  it('stops a highly available VM leaving its cluster on an incompatibility Compare-VM finds: its role stays, nothing moves', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.localHost = 'HV-MI-11';
      e.compare = [{ messageId: 33012, message: "Could not find Ethernet switch 'Production'." }];
    });
    const outcome = await hyperv.moveStart(
      request({ vm: 'SQL-PROD-01', sourceHost: 'HV-MI-11', destinationHost: 'HV-MI-20', kind: 'live-vsm', destinationPath: 'D:\\VMs\\SQL-PROD-01' }),
      () => undefined,
    ).done;
    expect(outcome).toMatchObject({ status: 'failed', vmHost: 'HV-MI-11' });
    if (outcome.status !== 'failed') return;
    expect(outcome.problem).toContain('Compare-VM 33012');
    const log = calls();
    expect(called(log, 'Remove-ClusterGroup')).toHaveLength(0);
    expect(called(log, 'Move-VM')).toHaveLength(0);
  });

  it(
    "moves a highly available VM to another cluster: role removed on the source cluster, Move-VM, role added on the destination's",
    { timeout: SLOW },
    async () => {
      const { hyperv, calls } = connector(
        (e) => {
          e.localHost = 'HV-MI-11';
          e.hosts.push({ ...e.hosts[0], name: 'HV-TO-31', fqdn: 'hv-to-31.contoso.com', cluster: 'CL-TO-33' });
          e.clusters.push({
            name: 'CL-TO-33',
            domain: 'contoso.com',
            functionalLevel: 11,
            maxParallel: 1,
            nodes: [{ name: 'HV-TO-31', state: 'Up', version: 11 }],
            csvs: [],
          });
        },
        (doc) => {
          doc.clusters.push({ ...doc.clusters[0], name: 'CL-TO-33' });
          doc.hosts.push({ ...doc.hosts[0], name: 'HV-TO-31', fqdn: 'hv-to-31.contoso.com', cluster: 'CL-TO-33' });
        },
      );
      const outcome = await hyperv.moveStart(request({ vm: 'SQL-PROD-01', sourceHost: 'HV-MI-11', destinationHost: 'HV-TO-31' }), () => undefined).done;
      expect(outcome).toMatchObject({ status: 'completed' });
      const log = calls();
      const order = log.map((c) => c.cmdlet).filter((c) => ['Remove-ClusterGroup', 'Move-VM', 'Add-ClusterVirtualMachineRole'].includes(c));
      expect(order).toEqual(['Remove-ClusterGroup', 'Move-VM', 'Add-ClusterVirtualMachineRole']);
      expect(called(log, 'Remove-ClusterGroup')[0].params).toMatchObject({
        Cluster: 'CL-MI-22',
        VMId: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11',
        RemoveResources: true,
        Force: true,
      });
      expect(called(log, 'Add-ClusterVirtualMachineRole')[0].params).toEqual({ Cluster: 'CL-TO-33', VMId: '0b7d3f4e-2f1a-4f5c-9a77-3b5f1f0c2a11' });
    },
  );

  it('moves a highly available VM to a standalone host: its role is removed and not added anywhere', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.localHost = 'HV-MI-11';
    });
    const outcome = await hyperv.moveStart(
      request({ vm: 'SQL-PROD-01', sourceHost: 'HV-MI-11', destinationHost: 'HV-MI-20', kind: 'live-vsm', destinationPath: 'D:\\VMs\\SQL-PROD-01' }),
      () => undefined,
    ).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    expect(called(calls(), 'Remove-ClusterGroup')).toHaveLength(1);
    expect(called(calls(), 'Add-ClusterVirtualMachineRole')).toHaveLength(0);
  });

  it('runs a VSM move with VHDs placed one by one as -VirtualMachinePath and -Vhds, without -IncludeStorage', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const outcome = await hyperv.moveStart(
      request({
        kind: 'live-vsm',
        destinationPath: 'D:\\VMs',
        configurationPath: 'D:\\VMs\\WEB-01',
        diskDestinations: { 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx': 'E:\\Disks' },
      }),
      () => undefined,
    ).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const [move] = called(calls(), 'Move-VM');
    expect(move.parameterSet).toBe('VMMultipleDestinations');
    expect(move.params).toMatchObject({
      VirtualMachinePath: 'D:\\VMs\\WEB-01',
      Vhds: [{ SourceFilePath: 'C:\\ClusterStorage\\Volume1\\WEB-01\\os.vhdx', DestinationFilePath: 'E:\\Disks\\os.vhdx' }],
    });
    expect(move.params).not.toHaveProperty('IncludeStorage');
  });

  it('addresses a VM whose name is a wildcard by its id: web[1] moves, web1 stays', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const outcome = await hyperv.moveStart(request({ vm: WILD }), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    const [move] = called(calls(), 'Move-VM');
    expect(move.params.VM).toEqual({ vmId: '4f1b7d8c-6d5e-4d9f-9ebb-7f9d5d4f6e55', vmName: WILD });
    expect(called(calls(), 'Get-VM').every((c) => c.parameterSet === 'Id')).toBe(true);
  });

  it('passes a hostile name as data: the VM it names is the one moved', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    const outcome = await hyperv.moveStart(request({ vm: HOSTILE }), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'completed' });
    expect(called(calls(), 'Move-VM')[0].params.VM).toEqual({ vmId: '6b3d9f0e-8f7a-4f1b-90dd-9b1f7f6b8a77', vmName: HOSTILE });
  });

  it('cancels a move: Stop-Job on the move, RequestStateChange on the migration job, and the VM stays on its source', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.move = { percents: [5], outcome: 'hang' };
    });
    let canceled = false;
    let cancel: () => void = () => undefined;
    const running = hyperv.moveStart(request(), (p) => {
      if (p.step === 1 && !canceled) {
        canceled = true;
        cancel();
      }
    });
    cancel = running.cancel;
    const outcome = await running.done;
    expect(outcome).toEqual({ status: 'canceled', vmHost: 'HV-MI-20' });
    expect(called(calls(), 'Invoke-CimMethod')[0].params).toMatchObject({ MethodName: 'RequestStateChange', Arguments: { RequestedState: 4 } });
  });

  it('turns a failed move job into the problem and action of the error map (Kerberos delegation)', { timeout: SLOW }, async () => {
    const { hyperv } = connector((e) => {
      e.move = {
        percents: [20],
        outcome: 'fail',
        failure: {
          message:
            "Virtual machine migration operation for 'WEB-01' failed at migration source 'HV-MI-20'. The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available. Failed to establish a connection with host 'hv-mi-11.contoso.com': No credentials are available in the security package (0x8009030E).",
          hresult: 0x80090322,
          category: 'NotSpecified',
          errorId: 'OperationFailed',
        },
      };
    });
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed', vmHost: 'HV-MI-20' });
    if (outcome.status !== 'failed') return;
    expect(outcome.problem).toMatch(/CredSSP|Kerberos/);
    expect(outcome.recommendedAction).toMatch(/delegat/i);
  });

  it("reports Compare-VM's missing switch (33012) as the switch-not-found problem", { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      e.compare = [{ messageId: 33012, message: "Could not find Ethernet switch 'Production'." }];
    });
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed' });
    if (outcome.status !== 'failed') return;
    expect(outcome.problem).toContain('Compare-VM 33012');
    expect(outcome.problem).toContain('"Production"');
    expect(called(calls(), 'Move-VM')).toHaveLength(0);
  });

  it(
    'reports CredSSP without credentials (0x8009030E) raised by the move as credssp-no-credentials, with the VM on its source',
    { timeout: SLOW },
    async () => {
      const { hyperv } = connector((e) => {
        e.move = CREDSSP_MOVE_FAILURE;
      });
      const outcome = await hyperv.moveStart(request(), () => undefined).done;
      expect(outcome).toMatchObject({ status: 'failed', vmHost: 'HV-MI-20' });
      if (outcome.status !== 'failed') return;
      expect(outcome.problem).toMatch(/could not authenticate to HV-MI-11 with CredSSP/);
      expect(outcome.recommendedAction).toMatch(/Kerberos/);
    },
  );

  it('reports access denied from the source host as the access-denied problem', { timeout: SLOW }, async () => {
    const { hyperv } = connector((e) => {
      e.fail = {
        'Get-VM': {
          message:
            "You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HV-MI-20'.",
          hresult: 0x80070005,
          category: 'PermissionDenied',
          errorId: 'AccessDenied',
        },
      };
    });
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed' });
    if (outcome.status !== 'failed') return;
    expect(outcome.problem).toMatch(/access is denied on HV-MI-20/);
    expect(outcome.recommendedAction).toMatch(/Hyper-V Administrators/);
  });

  it('reports a processor incompatibility raised by Move-VM as processor-incompatible', { timeout: SLOW }, async () => {
    const { hyperv } = connector((e) => {
      e.fail = {
        'Move-VM': {
          message: "The virtual machine 'WEB-01' is using processor-specific features not supported on physical computer 'HV-MI-11'.",
          hresult: 0x80070057,
          category: 'InvalidOperation',
          errorId: 'InvalidOperation',
        },
      };
    });
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed' });
    if (outcome.status !== 'failed') return;
    expect(outcome.recommendedAction).toMatch(/CompatibilityForMigrationEnabled/);
  });

  it('reports a source host WinRM cannot reach as winrm-unreachable', { timeout: SLOW }, async () => {
    const { hyperv } = connector((e) => {
      (e.hosts.find((h) => h.name === 'HV-MI-20') as Record<string, unknown>).unreachable = true;
    });
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed' });
    if (outcome.status !== 'failed') return;
    expect(outcome.problem).toMatch(/could not be reached/);
    expect(outcome.recommendedAction).toMatch(/Test-WSMan/);
  });

  it('reports PowerShell without the Hyper-V module (pwsh\'s own "not recognized" error) as hyperv-module-missing', { timeout: SLOW }, async () => {
    const doc = inventory();
    const ps = stubs.powershell(estateOf(doc));
    // No stub modules on PSModulePath: Get-VM is unknown to this PowerShell, as on a workstation without RSAT.
    const runner = new PowerShellRunner({ ...ps.options, env: { ...ps.options.env, PSModulePath: ps.dir } });
    const hyperv = new HyperVConnector({
      inventory: () => doc,
      runner,
      targetFor: () => ok({ mode: 'local', port: 5986, credential: null }),
      pollSeconds: 0.05,
    });
    const outcome = await hyperv.moveStart(request(), () => undefined).done;
    expect(outcome).toMatchObject({ status: 'failed' });
    if (outcome.status !== 'failed') return;
    expect(outcome.problem).toMatch(/Hyper-V PowerShell module is not installed/);
  });

  it(
    'applies live-migration settings: Enable-VMMigration, Set-VMHost with the enum values, migration networks in priority order',
    { timeout: SLOW },
    async () => {
      const { hyperv, calls } = connector();
      const result = await hyperv.hostSettingsApply('HV-MI-20', {
        enabled: true,
        maxLive: 4,
        maxStorage: 3,
        performanceOption: 'SMB',
        authentication: 'CredSSP',
        useAnyNetwork: false,
        networks: ['10.30.0.0/24', '10.20.0.0/24'],
      });
      expect(result).toEqual({ ok: true });
      const log = calls();
      expect(called(log, 'Enable-VMMigration')[0].params).toEqual({ ComputerName: ['hv-mi-20.contoso.com'] });
      const [set] = called(log, 'Set-VMHost');
      expect(set.params).toMatchObject({
        MaximumVirtualMachineMigrations: 4,
        MaximumStorageMigrations: 3,
        VirtualMachineMigrationPerformanceOption: 'SMB',
        VirtualMachineMigrationAuthenticationType: 'CredSSP',
        UseAnyNetworkForMigration: false,
      });
      expect(set.types.VirtualMachineMigrationPerformanceOption).toBe('Microsoft.HyperV.PowerShell.VMMigrationPerformance');
      expect(called(log, 'Remove-VMMigrationNetwork').map((c) => c.params.Subnet)).toEqual(['10.20.0.0/24']);
      expect(called(log, 'Add-VMMigrationNetwork').map((c) => [c.params.Subnet, c.params.Priority])).toEqual([
        ['10.30.0.0/24', 1],
        ['10.20.0.0/24', 2],
      ]);
    },
  );

  it('starts and saves a VM by its id', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector();
    expect(await hyperv.vmSave(WILD, 'HV-MI-20')).toEqual({ ok: true });
    expect(await hyperv.vmStart(WILD, 'HV-MI-20')).toEqual({ ok: true });
    const [save] = called(calls(), 'Save-VM');
    expect(save.parameterSet).toBe('VMObject');
    expect(save.params.VM).toEqual([{ vmId: '4f1b7d8c-6d5e-4d9f-9ebb-7f9d5d4f6e55', vmName: WILD }]);
    const [start] = called(calls(), 'Start-VM');
    expect(start.parameterSet).toBe('VMObject');
    expect(start.params.VM).toEqual([{ vmId: '4f1b7d8c-6d5e-4d9f-9ebb-7f9d5d4f6e55', vmName: WILD }]);
  });

  it('maps a failed start, a failed save and a failed settings change (access denied) to their problems and action', { timeout: SLOW }, async () => {
    const denied = {
      message:
        "You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HV-MI-20'.",
      hresult: 0x80070005,
      category: 'PermissionDenied',
      errorId: 'AccessDenied',
    };
    const { hyperv } = connector((e) => {
      e.fail = { 'Start-VM': denied, 'Save-VM': denied, 'Set-VMHost': denied };
    });
    expect(await hyperv.vmStart('WEB-01', 'HV-MI-20')).toMatchObject({ ok: false, problem: expect.stringMatching(/Starting WEB-01 failed: access is denied/) });
    expect(await hyperv.vmSave('WEB-01', 'HV-MI-20')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Saving the state of WEB-01 failed: access is denied/),
    });
    const s = minimalInventory().hosts[2].liveMigration;
    expect(await hyperv.hostSettingsApply('HV-MI-20', s)).toMatchObject({ ok: false, recommendedAction: expect.stringMatching(/Hyper-V Administrators/) });
  });

  it('finds where a VM is by its id', { timeout: SLOW }, async () => {
    const { hyperv, calls } = connector((e) => {
      (e.vms.find((v) => v.name === WILD) as Record<string, unknown>).host = 'HV-MI-11';
    });
    expect(await hyperv.vmLocate(WILD)).toBe('HV-MI-11');
    expect(called(calls(), 'Get-VM').every((c) => c.parameterSet === 'Id')).toBe(true);
  });

  it('refreshes a host group: every host read through the stubs, and the records checked like an import', { timeout: SLOW }, async () => {
    const { hyperv, doc } = connector();
    const read = await hyperv.hostGroupRead('All Hosts/Milano');
    expect(read.ok, read.ok ? '' : JSON.stringify(read.error)).toBe(true);
    if (!read.ok) return;
    const hosts = read.value.hosts.map((h) => h.name).sort();
    expect(hosts).toEqual(['HV-MI-11', 'HV-MI-12', 'HV-MI-20']);
    const vms = read.value.vms.map((v) => [v.name, v.host, v.state]).sort();
    expect(vms).toEqual(doc.vms.map((v) => [v.name, v.host, v.state]).sort());
    const web = read.value.hosts.find((h) => h.name === 'HV-MI-20');
    expect(web?.liveMigration).toMatchObject({ performanceOption: 'Compression', authentication: 'Kerberos', maxLive: 2 });
  });

  it("refreshes a host group's placement rules: possible and preferred owners, availability sets, affinity rules", { timeout: SLOW }, async () => {
    const { hyperv } = connector(
      (e) => {
        const rules = (e.clusters[0] as { affinityRules: Record<string, unknown>[] }).affinityRules;
        rules.push({ name: 'same-rack', ruleType: 1, groups: ['SQL-PROD-01', 'Contabilità-01'], enabled: 1 });
      },
      (doc) => {
        doc.vms[0].possibleOwners = ['HV-MI-11'];
        doc.vms[0].preferredOwners = ['HV-MI-12', 'HV-MI-11'];
        doc.vms[0].availabilitySets = ['SQL-AG'];
        doc.vms[1].availabilitySets = ['SQL-AG'];
        doc.affinityRules = [{ name: 'sql-together', type: 'SameNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }];
      },
    );
    const read = await hyperv.hostGroupRead('All Hosts/Milano');
    expect(read.ok, read.ok ? '' : JSON.stringify(read.error)).toBe(true);
    if (!read.ok) return;
    const placement = (name: string) => {
      const v = read.value.vms.find((x) => x.name === name);
      return { possibleOwners: v?.possibleOwners, preferredOwners: v?.preferredOwners, availabilitySets: v?.availabilitySets };
    };
    expect(placement('SQL-PROD-01')).toEqual({ possibleOwners: ['HV-MI-11'], preferredOwners: ['HV-MI-12', 'HV-MI-11'], availabilitySets: ['SQL-AG'] });
    expect(placement('Contabilità-01')).toEqual({ possibleOwners: null, preferredOwners: [], availabilitySets: ['SQL-AG'] });
    expect(placement('WEB-01')).toEqual({ possibleOwners: undefined, preferredOwners: undefined, availabilitySets: undefined });
    // Both nodes read the cluster's rules: the rule is listed once; the fault-domain rule has no meaning in Ferry.
    expect(read.value.affinityRules).toEqual([{ name: 'sql-together', type: 'SameNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }]);
  });

  it('refreshes a host group whose FailoverClusters module has no Get-ClusterAffinityRule: no rules, no error', { timeout: SLOW }, async () => {
    const { hyperv } = connector(
      (e) => {
        e.noAffinityCmdlet = true;
      },
      (doc) => {
        doc.affinityRules = [{ name: 'sql-together', type: 'SameNode', vms: ['SQL-PROD-01', 'Contabilità-01'], required: true }];
      },
    );
    const read = await hyperv.hostGroupRead('All Hosts/Milano');
    expect(read.ok, read.ok ? '' : JSON.stringify(read.error)).toBe(true);
    if (!read.ok) return;
    expect(read.value.affinityRules).toEqual([]);
    expect(read.value.unread).toEqual([]);
  });
});
