import { said, say, sentences, text } from '../../shared/i18n/text.js';
import type { PerformanceOption } from '../../shared/model/inventory.js';
import { jobError, jobErrorOf, type Job } from '../../shared/model/job.js';
import type { HostRating, PathCheck } from '../../shared/model/placement.js';
import { err, ok, type Result } from '../../shared/model/result.js';
import type { StorageLocation, StorageMovePlan, StoragePlanCheck } from '../../shared/model/storage.js';
import { snapshotIndex, type PlacementIndex } from '../domain/placement/placement-index.js';
import { plainRow, selectHosts } from '../domain/placement/select-hosts.js';
import { transferMovesStorage } from '../domain/placement/transfer-type.js';
import { storageMigrationScript } from '../domain/scripts/migrate-storage-script.js';
import { vmMigrationScript } from '../domain/scripts/migrate-vm-script.js';
import { checkStoragePath, resolveHost, storageLocationsFor } from '../domain/storage-paths/check-storage-path.js';
import { nameKey } from '../domain/storage-paths/names.js';
import { checkStoragePlan } from '../domain/storage-paths/storage-plan.js';
import type { Db } from '../infra/db/open.js';
import type { EventHub } from './event-hub.js';
import type { InventoryService } from './inventory-service.js';
import type { JobService } from './job-service.js';
import type { SchedulerService } from './scheduler-service.js';
import { moveKindOf } from '../domain/scheduler/move-kind.js';
import { defaultStorageLocation, locateStorage } from '../domain/storage-paths/storage-index.js';
import type { ConnectorResult } from '../domain/connector/host-connector.js';
import { checkVmDiskDestinations, vmDiskTargets, type VmDiskDestination } from '../domain/storage-paths/vm-disk-placement.js';
import { vmFolderIn } from '../domain/storage-paths/vm-storage.js';
import { vmBusyError } from '../domain/scheduler/vm-hold.js';

/** Starts on real hosts: which hosts a connector starts VMs on, and the start itself (Start-VM). */
export interface VmStarter {
  /** Whether a host's VMs are started by a real connector (a Hyper-V host group), not recorded at once. */
  startsOnHost(host: string): boolean;
  vmStart(vm: string, host: string): Promise<ConnectorResult>;
}

/** A VM migration as the wizard or the CLI asks for it. */
export interface VmMigrationRequest {
  vm: string;
  destinationHost: string;
  destinationPath?: string | null;
  performanceOption?: PerformanceOption | null;
  addToDefaults?: boolean;
  /** VHDs placed individually on Select Path (storage moves only); the others go with the VM. */
  diskDestinations?: readonly VmDiskDestination[] | null;
}

/** A destination checked for a move: its Select Host row, and the storage path when storage moves. */
interface CheckedMove {
  row: HostRating & { transferType: NonNullable<HostRating['transferType']> };
  path: string | null;
  /** VHDs placed individually, keyed by the VM's disk paths; null when none is. */
  disks: Record<string, string> | null;
}

/**
 * The wizards' use cases: Select Host, Select Path, View Script, Move and Start. Every answer comes
 * from the rules in main/domain over the current inventory; the Select Host lookups are built once
 * per inventory revision.
 */
export class MigrationService {
  constructor(
    private readonly db: Db,
    private readonly inventory: InventoryService,
    private readonly jobs: JobService,
    private readonly hub: EventHub,
    private readonly scheduler: SchedulerService,
    private readonly starter: VmStarter | null = null,
  ) {}

  private index(): PlacementIndex {
    return snapshotIndex(this.inventory.snapshot().inventory);
  }

  /**
   * Select Host for a VM; `destinationPaths` are paths the admin chose on Select Path, per host. `view.hosts` keeps
   * only those hosts' rows; `view.explain: false` leaves out every row's explanations (the console's grid of
   * thousands of hosts asks for them one row at a time).
   */
  selectHosts(vm: string, destinationPaths?: Record<string, string>, view: { explain?: boolean; hosts?: readonly string[] } = {}): Result<HostRating[]> {
    const rows = selectHosts(vm, this.index(), { destinationPaths, busy: this.scheduler.busy(), heldBy: this.scheduler.holderOf(vm) });
    if (!rows.ok) return rows;
    const keys = view.hosts ? new Set(view.hosts.map(nameKey)) : null;
    const kept = keys ? rows.value.filter((r) => keys.has(nameKey(r.host))) : rows.value;
    return ok(kept.map((r) => plainRow(r, view.explain !== false)));
  }

  /** Browse: where a host can put storage. */
  locations(host: string): Result<StorageLocation[]> {
    const index = this.index().storage;
    if (!resolveHost(host, index)) return err('host-not-found', say('err.noHost', { host }));
    return ok(storageLocationsFor(host, index));
  }

  /** Checks a storage path typed or picked for a host. */
  checkPath(host: string, path: string): PathCheck {
    return checkStoragePath(host, path, this.index().storage);
  }

  /** Checks a Migrate Storage plan. */
  checkPlan(plan: StorageMovePlan): StoragePlanCheck {
    return checkStoragePlan(plan, this.index().storage);
  }

  /** Checks a VM move the way Select Host and Select Path do, so Move never trusts the window. */
  private checkMove(request: VmMigrationRequest): Result<CheckedMove> {
    const busy = this.vmBusy(request.vm);
    if (busy) return busy;
    const dest = resolveHost(request.destinationHost, this.index().storage);
    if (!dest) return err('host-not-found', say('err.noHost', { host: request.destinationHost }));
    const paths = request.destinationPath ? { [dest.name]: request.destinationPath } : undefined;
    const rows = this.selectHosts(request.vm, paths);
    if (!rows.ok) return rows;
    const row = rows.value.find((r) => nameKey(r.host) === nameKey(dest.name));
    if (!row) return err('same-host', say('err.sameHost', { vm: request.vm, host: dest.name }));
    if (!row.available || row.transferType === null) {
      return err(
        'destination-unavailable',
        say('err.cantTake', { host: dest.name, vm: request.vm, reasons: sentences(row.reasons.map((r) => r.text ?? r.message)) }),
        {
          reasons: row.reasons,
        },
      );
    }
    let path: string | null = null;
    if (transferMovesStorage(row.transferType) && request.destinationPath) {
      const check = this.checkPath(dest.name, request.destinationPath);
      if (!check.valid) return err(check.code ?? 'path-invalid', check.text ? said(check.text) : check.message, { field: 'destinationPath' });
      path = request.destinationPath;
    }
    let disks: Record<string, string> | null = null;
    if (request.diskDestinations && request.diskDestinations.length > 0) {
      if (!transferMovesStorage(row.transferType)) {
        return err(
          'disk-destinations-unused',
          say('err.disksUnused', { transfer: text(`transferType.${row.transferType}`), host: dest.name, vm: request.vm }),
          {
            field: 'diskDestinations',
          },
        );
      }
      const vm = this.index().storage.vms.get(nameKey(request.vm));
      if (!vm) return err('vm-not-found', say('err.noVm', { vm: request.vm }));
      const placed = checkVmDiskDestinations(vm, dest, request.diskDestinations, this.index().storage);
      if (!placed.ok) return placed;
      disks = placed.value;
    }
    const local = this.localTargetInCluster(request.vm, dest.name, row.transferType, path, disks);
    if (local)
      return err('path-not-cluster-storage', say('err.pathNotClusterStorage', { vm: request.vm, host: dest.name, path: local }), { field: 'destinationPath' });
    return ok({ row: row as CheckedMove['row'], path, disks });
  }

  /**
   * A highly available VM whose files move to another node of its own cluster is moved by the cluster: its storage
   * first, by Move-VMStorage on the node it runs on, then its role. That node can't write to another node's local
   * volume, and the role could not fail over from there: each destination must be a CSV of the cluster or an SMB
   * share. Answers the first destination (the chosen path, the host's default, or a VHD's folder) that is not.
   */
  private localTargetInCluster(vmName: string, destName: string, transfer: string, path: string | null, disks: Record<string, string> | null): string | null {
    if (transfer !== 'Live (VSM)' && transfer !== 'Network') return null;
    const index = this.index().storage;
    const vm = index.vms.get(nameKey(vmName));
    const source = vm && index.hosts.get(nameKey(vm.host));
    const dest = index.hosts.get(nameKey(destName));
    if (!vm || !source || !dest || !vm.highlyAvailable || source.cluster === null || nameKey(source.cluster) !== nameKey(dest.cluster ?? '')) return null;
    const targets = [path ?? defaultStorageLocation(dest, index)?.path ?? null, ...Object.values(disks ?? {})].filter((p): p is string => p !== null);
    return targets.find((p) => locateStorage(dest, p, index)?.kind === 'volume') ?? null;
  }

  /** `vm-busy` when another job holds the VM now (one move per VM); the database still decides a race at Move. */
  private vmBusy(vm: string): Result<never> | null {
    const hold = this.scheduler.holderOf(vm);
    return hold ? vmBusyError(hold) : null;
  }

  /** View Script for a VM migration. */
  vmScript(request: VmMigrationRequest): Result<string> {
    const checked = this.checkMove(request);
    if (!checked.ok) return checked;
    return vmMigrationScript(
      {
        vm: request.vm,
        destinationHost: checked.value.row.host,
        transferType: checked.value.row.transferType,
        destinationPath: checked.value.path,
        diskDestinations: checked.value.disks,
        performanceOption: request.performanceOption ?? null,
      },
      this.inventory.snapshot().inventory,
    );
  }

  /** View Script for a storage migration. */
  storageScript(plan: StorageMovePlan): Result<string> {
    return storageMigrationScript(plan, this.inventory.snapshot().inventory);
  }

  /** Move: checks the request again, then queues it with the scheduler as a job. */
  submitVm(request: VmMigrationRequest): Result<Job> {
    const checked = this.checkMove(request);
    if (!checked.ok) return checked;
    const { row, disks } = checked.value;
    const index = this.index().storage;
    const vm = index.vms.get(nameKey(request.vm));
    const source = vm && index.hosts.get(nameKey(vm.host));
    const dest = index.hosts.get(nameKey(row.host));
    if (!vm || !source || !dest) return err('vm-not-found', say('err.vmGone', { vm: request.vm }));
    let destinationPath: string | null = null;
    if (transferMovesStorage(row.transferType)) {
      destinationPath = checked.value.path ?? defaultStorageLocation(dest, index)?.path ?? null;
      if (destinationPath === null) {
        return err('path-required', say('err.pathRequired', { host: dest.name, vm: vm.name }), {
          field: 'destinationPath',
        });
      }
    }
    return this.scheduler.enqueue(
      {
        kind: moveKindOf(row.transferType),
        vm: vm.name,
        sourceHost: source.name,
        destinationHost: dest.name,
        performanceOption: request.performanceOption ?? source.liveMigration.performanceOption,
        destinationPath,
        // VHDs placed individually: every VHD is listed (the others with the VM), and the configuration goes to `location\VM name`.
        diskDestinations:
          disks && destinationPath !== null ? Object.fromEntries(vmDiskTargets(vm, destinationPath, disks).map((d) => [d.from, d.folder])) : null,
        configurationPath: disks && destinationPath !== null ? vmFolderIn(destinationPath, vm) : null,
        addToDefaults: Boolean(request.addToDefaults && destinationPath),
      },
      say('job.migrateVm', { vm: vm.name, host: dest.name }),
    );
  }

  /** Move on the Migrate Storage wizard: checks the plan, then queues it as a job. */
  submitStorage(plan: StorageMovePlan, addToDefaults = false): Result<Job> {
    const busy = this.vmBusy(plan.vm);
    if (busy) return busy;
    const check = this.checkPlan(plan);
    if (!check.valid) {
      return err('storage-plan-invalid', said(sentences(check.problems.map((p) => p.text ?? p.message))), { problems: check.problems });
    }
    const index = this.index().storage;
    const vm = index.vms.get(nameKey(plan.vm));
    const host = vm && index.hosts.get(nameKey(vm.host));
    if (!vm || !host) return err('vm-not-found', say('err.vmGone', { vm: plan.vm }));
    const whole = plan.scope === 'whole-vm';
    return this.scheduler.enqueue(
      {
        kind: 'storage',
        vm: vm.name,
        sourceHost: host.name,
        destinationHost: host.name,
        performanceOption: host.liveMigration.performanceOption,
        destinationPath: whole ? plan.path : null,
        diskDestinations: whole ? null : Object.fromEntries(plan.disks.map((d) => [d.path, d.destination])),
        configurationPath: whole ? null : plan.configurationPath,
        addToDefaults,
      },
      say('job.migrateStorage', { vm: vm.name }),
    );
  }

  /** Starts a VM that is not running, as a job; the inventory shows it running once the job completes. */
  startVm(vmName: string): Result<Job> {
    const index = this.index().storage;
    const vm = index.vms.get(nameKey(vmName));
    if (!vm) return err('vm-not-found', say('err.noVm', { vm: vmName }));
    if (vm.state === 'Running') return err('vm-running', say('err.alreadyRunning', { vm: vm.name }));
    const host = index.hosts.get(nameKey(vm.host));
    const started = this.jobs.startOnVm('start-vm', say('job.startVm', { vm: vm.name }), vm.name, [say('step.startVm')]);
    if (!started.ok) return started;
    const job = started.value;
    if (!host || host.state !== 'Responding') {
      return ok(
        this.jobs.finish(job, 'Failed', {
          error: jobError(text('fail.startHostDown', { vm: vm.name, host: vm.host }), text('fail.startHostDown.action', { host: vm.host })),
        }),
      );
    }
    const running = (): Job => {
      this.inventory.vmStateSet(vm.name, 'Running');
      return this.jobs.finish(job, 'Completed', { summary: say('result.running', { vm: vm.name, host: vm.host }) });
    };
    if (!this.starter?.startsOnHost(host.name)) return ok(running());
    // A real host: the job runs until Start-VM answers.
    void this.starter.vmStart(vm.name, host.name).then(
      (result) => (result.ok ? running() : this.jobs.finish(job, 'Failed', { error: jobErrorOf(result) })),
      (e: unknown) =>
        this.jobs.finish(job, 'Failed', {
          error: jobError(text('fail.startThrew', { vm: vm.name, message: (e as Error).message }), text('fail.startThrew.action')),
        }),
    );
    return ok(job);
  }
}
