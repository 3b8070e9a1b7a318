import { plural, text, type Text } from '../../../../shared/i18n/text.js';
import { jobError, type JobError } from '../../../../shared/model/job.js';
/**
 * One move of a lab VM, as real QEMU operations:
 * - Live (files on the lab share): a destination QEMU waits for the migration, memory moves with
 *   `migrate`, the destination resumes, the source quits;
 * - Live (VSM), shared-nothing: the destination waits paused with new empty disks exported over NBD;
 *   the source mirrors each disk to them, then memory moves, then the mirrors end in sync and the
 *   destination resumes;
 * - storage (same host): each disk mirrors to its new file and the VM pivots to it;
 * - network (VM off): the files are copied.
 * Whatever ends a move early (cancel, a failure, the destination dying, a migration that cannot
 * converge) leaves the VM running on its source, removes what the move created, and says so.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { InventoryDocument } from '../../../../shared/model/inventory.js';
import type { MoveOutcome, MoveProgress, MoveRequest } from '../../../domain/connector/host-connector.js';
import { LAB_HOST_GROUP, type LabSpec } from '../../../domain/lab/lab-estate.js';
import { pathsAfterMove } from '../../../domain/scheduler/move-result.js';
import { movePhases, type PhaseKey } from '../../../domain/simulation/move-phases.js';
import { nameKey } from '../../../domain/storage-paths/names.js';
import type { LabDiskRecord, LabInstanceRecord, LabRecord, LabStore, LabVmRecord } from './lab-store.js';
import { qemuMigrationSettings } from '../../../domain/lab/qemu-migration-settings.js';
import { qemuAlive, qemuFilesRemove, qemuKill, qemuLaunch } from './qemu-instance.js';
import {
  freePort,
  instanceEnd,
  memoryMigrate,
  migrationConfigure,
  mirrorsEnd,
  mirrorsToReady,
  runningWait,
  runState,
  SwitchOverClock,
  type MemoryResult,
  type MirrorPair,
} from './qemu-ops.js';
import { QmpClient } from './qmp-client.js';

const run = promisify(execFile);

/** What a lab move needs besides its request. */
export interface LabMoveContext {
  store: LabStore;
  lab: LabRecord;
  inventory: InventoryDocument;
  signal: AbortSignal;
  onProgress: (p: MoveProgress) => void;
  /** Seconds without progress before a live migration is declared not converging. */
  stallSeconds: number;
  pollMs: number;
  binary?: string;
}

/** A move that ends early with a problem and what to do; the VM is on `vmHost`. */
class MoveFailure extends Error {
  readonly error: JobError;
  constructor(problem: Text, recommendedAction: Text) {
    const error = jobError(problem, recommendedAction);
    super(error.problem);
    this.error = error;
  }
}

const DESTINATION_GONE_ACTION = text('lab.fail.destinationGone.action');

/** How much of a move's progress bar each phase takes. */
const PHASE_WEIGHT: Record<PhaseKey, number> = {
  validate: 3,
  'copy-storage': 45,
  'migrate-memory': 45,
  'switch-over': 4,
  'clean-up': 3,
  'save-state': 30,
  move: 10,
  restore: 30,
  'copy-files': 90,
  register: 4,
};

/** Runs one lab move to its end; never rejects. */
export async function labMoveRun(request: MoveRequest, ctx: LabMoveContext): Promise<MoveOutcome> {
  const move = new LabMove(request, ctx);
  try {
    return await move.run();
  } catch (e) {
    const gone = move.destinationGone();
    await move.abandon();
    if (ctx.signal.aborted) return { status: 'canceled', vmHost: request.sourceHost };
    if (gone && !(e instanceof MoveFailure)) {
      return {
        status: 'failed',
        ...jobError(
          text('lab.fail.destinationGone', { host: request.destinationHost, why: (e as Error).message, vm: request.vm, source: request.sourceHost }),
          DESTINATION_GONE_ACTION,
        ),
        vmHost: request.sourceHost,
      };
    }
    if (e instanceof MoveFailure) return { status: 'failed', ...e.error, vmHost: request.sourceHost };
    return {
      status: 'failed',
      ...jobError(text('lab.fail.move', { vm: request.vm, why: (e as Error).message, source: request.sourceHost }), text('lab.fail.move.action')),
      vmHost: request.sourceHost,
    };
  }
}

class LabMove {
  private readonly phases: PhaseKey[];
  private readonly started = Date.now();
  private src: QmpClient | null = null;
  private dst: QmpClient | null = null;
  private dstInstance: LabInstanceRecord | null = null;
  private readonly created: string[] = [];
  private readonly srcNodesAdded: string[] = [];
  private mirrors: MirrorPair[] = [];
  /** Set once the VM runs on the destination: nothing after that may resume the source. */
  private switched = false;
  private bytes = 0;
  private passes = 0;

  constructor(
    private readonly r: MoveRequest,
    private readonly ctx: LabMoveContext,
  ) {
    this.phases = movePhases(r.kind);
  }

  async run(): Promise<MoveOutcome> {
    this.progress('validate', 0);
    const rec = this.vmRecord();
    switch (this.r.kind) {
      case 'live':
      case 'live-vsm':
        return this.live(rec);
      case 'storage':
        return this.storage(rec);
      case 'network':
        return this.network(rec);
      case 'quick':
        throw new MoveFailure(text('lab.fail.quick', { vm: this.r.vm }), text('lab.fail.quick.action'));
    }
  }

  /** Live migration, with the storage first for Live (VSM). */
  private async live(rec: LabVmRecord): Promise<MoveOutcome> {
    const source = this.instanceOf(rec);
    const srcHost = this.host(this.r.sourceHost);
    const dstHost = this.host(this.r.destinationHost);
    const settings = qemuMigrationSettings(this.r.performanceOption, srcHost.inventory, dstHost.inventory);
    const vsm = this.r.kind === 'live-vsm';
    const disks = vsm ? await this.targetDisks(rec, source, this.r.destinationHost, 'd') : source.disks;
    this.src = await QmpClient.connect(source.qmp);
    this.dstInstance = await qemuLaunch({
      id: this.ctx.store.instanceId(),
      vm: rec.vm,
      host: dstHost.spec.name,
      memoryMB: rec.memoryMB,
      dirtyRateMBps: rec.dirtyRateMBps,
      guest: this.ctx.lab.guest,
      disks,
      runDir: this.ctx.store.runDir,
      incoming: true,
      paused: vsm,
      binary: this.ctx.binary,
    });
    this.ctx.store.vmWrite({ ...rec, incoming: { instance: this.dstInstance, ownerPid: process.pid, jobId: this.r.jobId } });
    this.dst = await QmpClient.connect(this.dstInstance.qmp);
    this.checkAbort();
    this.progress('validate', 100);

    if (vsm) {
      const port = await freePort(dstHost.spec.address);
      await this.dst.execute('nbd-server-start', { addr: { type: 'inet', data: { host: dstHost.spec.address, port: String(port) } } });
      this.mirrors = [];
      for (const [i, d] of disks.entries()) {
        await this.dst.execute('block-export-add', { type: 'nbd', id: `exp-${d.node}`, 'node-name': d.node, writable: true, name: d.node });
        const node = `nbd-${this.r.jobId.slice(0, 8)}-${i}`;
        await this.src.execute('blockdev-add', {
          driver: 'nbd',
          'node-name': node,
          server: { type: 'inet', host: dstHost.spec.address, port: String(port) },
          export: d.node,
        });
        this.srcNodesAdded.push(node);
        this.mirrors.push({ jobId: `mirror-${this.r.jobId.slice(0, 8)}-${i}`, from: source.disks[i].node, to: node });
      }
      await this.disksCopy(this.src);
    }

    const port = await freePort(dstHost.spec.address);
    const uri = `tcp:${dstHost.spec.address}:${port}`;
    await migrationConfigure(this.src, this.dst, settings);
    await this.dst.execute('migrate-incoming', { uri });
    const clock = new SwitchOverClock(this.src, this.dst);
    const storageBytes = this.bytes;
    const dst = this.dst;
    const dstRecord = this.dstInstance;
    const result = await memoryMigrate(this.src, {
      uri,
      signal: this.ctx.signal,
      pollMs: this.ctx.pollMs,
      stallSeconds: this.ctx.stallSeconds,
      destinationAlive: () => !dst.closed && qemuAlive(dstRecord),
      onProgress: (p) => {
        this.passes = p.passes;
        this.progress('migrate-memory', p.total > 0 ? Math.min(99, (p.transferred / (p.transferred + p.remaining)) * 100) : 0, {
          bytesSent: storageBytes + p.transferred,
          throughputBps: p.throughputBps,
          passes: p.passes,
          etaSeconds: p.throughputBps > 0 ? p.remaining / p.throughputBps : null,
          memory: { remainingBytes: p.remaining, dirtyBytesPerSecond: p.dirtyBytesPerSecond, expectedDowntimeMs: p.expectedDowntimeMs },
        });
      },
    });
    this.memoryEnded(result, rec, srcHost.inventory.migrationNetwork.gbps, dstHost.inventory.migrationNetwork.gbps);
    if (result.status !== 'completed') throw new Error('unreachable');

    this.progress('switch-over', 0);
    if (vsm) {
      await mirrorsEnd(this.src, this.mirrors, 'cancel');
      this.mirrors = [];
      for (const node of this.srcNodesAdded.splice(0)) await this.src.execute('blockdev-del', { 'node-name': node });
      for (const d of disks) await this.dst.execute('block-export-del', { id: `exp-${d.node}` });
      await this.dst.execute('nbd-server-stop');
      await this.dst.execute('cont');
    }
    const state = await runningWait(this.dst);
    if (state !== 'running') {
      throw new MoveFailure(
        text('lab.fail.notSwitched', { host: dstHost.spec.name, state: state ?? 'gone', vm: rec.vm, source: this.r.sourceHost }),
        text('lab.fail.notSwitched.action', { host: dstHost.spec.name }),
      );
    }
    const downtimeMs = clock.downtimeMs();
    this.progress('switch-over', 100);

    // The VM runs on the destination: from here the move has succeeded, whatever the clean-up finds.
    this.switched = true;
    this.progress('clean-up', 0);
    this.ctx.store.vmWrite({
      vm: rec.vm,
      host: dstHost.spec.name,
      memoryMB: rec.memoryMB,
      dirtyRateMBps: rec.dirtyRateMBps,
      instance: this.dstInstance,
      incoming: null,
    });
    this.dstInstance = null;
    this.created.length = 0;
    let leftover: string | null = null;
    try {
      await instanceEnd(this.src, source);
      if (vsm) this.filesRemove(source.disks.map((d) => d.file));
    } catch (e) {
      leftover = `clean-up on ${this.r.sourceHost} was incomplete (${(e as Error).message}); "ferry lab stop" removes what is left`;
    }
    await this.dst.close();
    this.progress('clean-up', 100);
    return {
      status: 'completed',
      totalSeconds: (Date.now() - this.started) / 1000,
      downtimeMs,
      bytesSent: storageBytes + result.bytes,
      passes: result.passes,
      info: leftover,
      how: plural('lab.how.live', result.passes, { settings: settings.describeText }),
    };
  }

  /** Storage migration on one host: mirror each disk to its new file, then pivot the VM to it. */
  private async storage(rec: LabVmRecord): Promise<MoveOutcome> {
    const source = this.instanceOf(rec);
    const targets = await this.targetDisks(rec, source, this.r.sourceHost, 's');
    this.src = await QmpClient.connect(source.qmp);
    const moving = targets.map((t, i) => ({ t, from: source.disks[i] })).filter((x) => x.t.file !== x.from.file);
    this.mirrors = [];
    for (const [i, { t, from }] of moving.entries()) {
      await this.src.execute('blockdev-add', { driver: 'qcow2', 'node-name': t.node, file: { driver: 'file', filename: t.file } });
      this.srcNodesAdded.push(t.node);
      this.mirrors.push({ jobId: `mirror-${this.r.jobId.slice(0, 8)}-${i}`, from: from.node, to: t.node });
    }
    this.progress('validate', 100);
    await this.disksCopy(this.src);
    this.progress('switch-over', 0);
    await mirrorsEnd(this.src, this.mirrors, 'pivot');
    this.switched = true;
    this.mirrors = [];
    this.srcNodesAdded.length = 0;
    this.created.length = 0;
    const disks = source.disks.map((d, i) => (targets[i].file === d.file ? d : targets[i]));
    this.ctx.store.vmWrite({ ...rec, instance: { ...source, disks }, incoming: null });
    this.progress('clean-up', 0);
    for (const { from } of moving) await this.src.execute('blockdev-del', { 'node-name': from.node }).catch(() => undefined);
    this.filesRemove(moving.map((m) => m.from.file));
    await this.src.close();
    this.progress('clean-up', 100);
    return {
      status: 'completed',
      totalSeconds: (Date.now() - this.started) / 1000,
      downtimeMs: 0,
      bytesSent: this.bytes,
      passes: 0,
      info: null,
      how: text('lab.how.storage'),
    };
  }

  /** A VM that is off: its files are copied to the destination and it is registered there. */
  private async network(rec: LabVmRecord): Promise<MoveOutcome> {
    if (rec.instance && qemuAlive(rec.instance)) throw new MoveFailure(text('lab.fail.networkRunning', { vm: rec.vm }), text('lab.fail.networkRunning.action'));
    const vm = this.inventoryVm();
    const after = pathsAfterMove(vm, this.r);
    const files = vm.disks.map((d, i) => ({
      from: this.ctx.store.hostPath(this.r.sourceHost, d.path),
      to: this.ctx.store.hostPath(this.r.destinationHost, after.disks[i]),
    }));
    this.progress('validate', 100);
    for (const [i, f] of files.entries()) {
      this.checkAbort();
      if (f.from === f.to) continue;
      mkdirSync(dirname(f.to), { recursive: true });
      this.created.push(f.to);
      copyFileSync(f.from, f.to);
      this.progress('copy-files', ((i + 1) / files.length) * 100);
    }
    this.created.length = 0;
    this.ctx.store.vmWrite({ ...rec, host: this.host(this.r.destinationHost).spec.name, incoming: null });
    this.filesRemove(files.filter((f) => f.from !== f.to).map((f) => f.from));
    this.progress('register', 100);
    return {
      status: 'completed',
      totalSeconds: (Date.now() - this.started) / 1000,
      downtimeMs: null,
      bytesSent: 0,
      passes: 0,
      info: null,
      how: text('lab.how.offline'),
    };
  }

  /** Runs the move's disk mirrors until they are in sync, reporting the copy; stops if the move is canceled. */
  private async disksCopy(src: QmpClient): Promise<void> {
    const ready = await mirrorsToReady(src, this.mirrors, {
      signal: this.ctx.signal,
      pollMs: this.ctx.pollMs,
      onProgress: (done, total) => {
        this.bytes = done;
        this.progress('copy-storage', total > 0 ? (done / total) * 100 : 100, { bytesSent: done });
      },
    });
    if (!ready) this.checkAbort();
  }

  /** Whether the move had a destination process that is gone now. */
  destinationGone(): boolean {
    return this.dstInstance !== null && (this.dst?.closed === true || !qemuAlive(this.dstInstance));
  }

  /** Ends the move early: stops mirrors, removes what it created, and makes sure the VM runs on its source. */
  async abandon(): Promise<void> {
    const src = this.src;
    if (this.switched) return;
    if (src && !src.closed) {
      await src.execute('migrate_cancel').catch(() => undefined);
      if (this.mirrors.length) await mirrorsEnd(src, this.mirrors, 'cancel').catch(() => undefined);
      for (const node of this.srcNodesAdded) await src.execute('blockdev-del', { 'node-name': node }).catch(() => undefined);
      const state = await runState(src);
      if (state === 'postmigrate' || state === 'paused' || state === 'finish-migrate') await src.execute('cont').catch(() => undefined);
    }
    await this.dst?.close().catch(() => undefined);
    if (this.dstInstance) {
      qemuKill(this.dstInstance);
      qemuFilesRemove(this.dstInstance);
      this.dstInstance = null;
    }
    this.filesRemove(this.created);
    const rec = this.ctx.store.vmRead(this.r.vm);
    if (rec?.incoming) this.ctx.store.vmWrite({ ...rec, incoming: null });
    await src?.close().catch(() => undefined);
  }

  /** Turns a memory migration that did not complete into the move's failure. */
  private memoryEnded(result: MemoryResult, rec: LabVmRecord, srcGbps: number, dstGbps: number): void {
    switch (result.status) {
      case 'completed':
        return;
      case 'canceled':
        throw new Error('canceled');
      case 'failed': {
        const gone = !this.dstInstance || !qemuAlive(this.dstInstance);
        if (gone) {
          throw new MoveFailure(
            text('lab.fail.destinationGone', { host: this.r.destinationHost, why: result.reason, vm: rec.vm, source: this.r.sourceHost }),
            DESTINATION_GONE_ACTION,
          );
        }
        throw new MoveFailure(text('lab.fail.qemu', { vm: rec.vm, why: result.reason, source: this.r.sourceHost }), text('lab.fail.qemu.action'));
      }
      case 'stalled': {
        const mib = (b: number): number => Math.round(b / 1048576);
        const cap = Math.min(srcGbps, dstGbps);
        throw new MoveFailure(
          text('lab.fail.stalled', {
            vm: rec.vm,
            passes: result.best.passes,
            seconds: result.stalledSeconds,
            left: mib(result.best.remaining),
            dirty: mib(result.best.dirtyBytesPerSecond),
            sends: mib(result.best.throughputBps),
            cap,
            source: this.r.sourceHost,
          }),
          text('lab.fail.stalled.action'),
        );
      }
    }
  }

  /** Disks for the move's target paths on `host`: new qcow2 files of the same size, created now. */
  private async targetDisks(rec: LabVmRecord, source: LabInstanceRecord, host: string, prefix: string): Promise<LabDiskRecord[]> {
    const after = pathsAfterMove(this.inventoryVm(), this.r);
    const out: LabDiskRecord[] = [];
    for (const [i, d] of source.disks.entries()) {
      const path = after.disks[i] ?? d.path;
      const file = this.ctx.store.hostPath(host, path);
      if (file === d.file) {
        out.push(d);
        continue;
      }
      if (existsSync(file)) throw new MoveFailure(text('lab.fail.fileExists', { path, host, vm: rec.vm }), text('lab.fail.fileExists.action'));
      mkdirSync(dirname(file), { recursive: true });
      this.created.push(file);
      await run('qemu-img', ['create', '-q', '-f', 'qcow2', file, String(d.sizeBytes)]);
      out.push({ path, file, node: `${prefix}${i}-${this.r.jobId.slice(0, 8)}`, sizeBytes: d.sizeBytes });
    }
    return out;
  }

  private vmRecord(): LabVmRecord {
    const rec = this.ctx.store.vmRead(this.r.vm);
    if (!rec) throw new MoveFailure(text('lab.fail.notLabVm', { vm: this.r.vm }), text('lab.fail.startLabRestart'));
    if (nameKey(rec.host) !== nameKey(this.r.sourceHost)) {
      throw new MoveFailure(text('lab.fail.elsewhere', { vm: this.r.vm, host: rec.host, source: this.r.sourceHost }), text('lab.fail.elsewhere.action'));
    }
    return rec;
  }

  private instanceOf(rec: LabVmRecord): LabInstanceRecord {
    if (!rec.instance || !qemuAlive(rec.instance)) {
      throw new MoveFailure(text('lab.fail.notRunning', { vm: rec.vm, host: rec.host }), text('lab.fail.notRunning.action', { vm: rec.vm }));
    }
    return rec.instance;
  }

  private host(name: string): { spec: LabSpec['hosts'][number]; inventory: InventoryDocument['hosts'][number] } {
    const spec = this.ctx.lab.spec.hosts.find((h) => nameKey(h.name) === nameKey(name));
    const inventory = this.ctx.inventory.hosts.find((h) => nameKey(h.name) === nameKey(name));
    if (!spec || !inventory) throw new MoveFailure(text('lab.fail.notLabHost', { host: name, group: LAB_HOST_GROUP }), text('lab.fail.notLabHost.action'));
    return { spec, inventory };
  }

  private inventoryVm(): InventoryDocument['vms'][number] {
    const vm = this.ctx.inventory.vms.find((v) => nameKey(v.name) === nameKey(this.r.vm));
    if (!vm) throw new MoveFailure(text('lab.fail.notListed', { vm: this.r.vm }), text('lab.fail.notListed.action'));
    return vm;
  }

  private filesRemove(files: string[]): void {
    for (const f of files) {
      rmSync(f, { force: true });
      try {
        if (readdirSync(dirname(f)).length === 0) rmdirSync(dirname(f));
      } catch {
        // the folder holds other files, or is gone
      }
    }
  }

  private checkAbort(): void {
    if (this.ctx.signal.aborted) throw new Error('canceled');
  }

  private progress(phase: PhaseKey, stepPercent: number, extra: Partial<MoveProgress> = {}): void {
    const step = this.phases.indexOf(phase);
    const total = this.phases.reduce((s, p) => s + PHASE_WEIGHT[p], 0);
    const before = this.phases.slice(0, step).reduce((s, p) => s + PHASE_WEIGHT[p], 0);
    const percent = Math.min(100, ((before + (PHASE_WEIGHT[phase] * stepPercent) / 100) / total) * 100);
    this.ctx.onProgress({
      step,
      stepPercent,
      percent,
      bytesSent: this.bytes,
      throughputBps: 0,
      passes: this.passes,
      etaSeconds: null,
      ...extra,
    });
  }
}
