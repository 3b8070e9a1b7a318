import {
  AUTHENTICATION_VALUES,
  HOST_OS_VALUES,
  HOST_STATE_VALUES,
  PERFORMANCE_OPTION_VALUES,
  VM_STATE_VALUES,
  type Host,
  type Vm,
  type VmDisk,
  type Volume,
} from '../../../shared/model/inventory.js';

// The fast path of the importer for the records an estate has thousands of (hosts, VMs and their disks).
// Each function answers the record exactly as the importer's schema (ferry-inventory.ts) answers it,
// defaults filled in, names trimmed, unknown fields left out; or undefined when anything is off, and the
// schema then checks the record again to name every problem. So these may refuse more than the schema
// does (the schema then decides), never less: ferry-inventory-fast.test.ts checks it on random records.

/** An absolute drive path (`D:\VMs`) or a UNC path (`\\server\share\...`). */
export const ABSOLUTE_PATH = /^(?:[A-Za-z]:\\|\\\\[^\\/:*?"<>|]+\\[^\\/:*?"<>|]+)/;
/** A UNC path (`\\server\share\...`). */
export const UNC_PATH = /^\\\\[^\\/:*?"<>|]+\\[^\\/:*?"<>|]+/;
/** A VM configuration version (`9.0`). */
export const CONFIG_VERSION = /^\d+\.\d+$/;

/** Marks a field that is wrong; distinct from every value a field may have (null, false, ""). */
const BAD: unique symbol = Symbol('bad');
type Bad = typeof BAD;

const HOST_OS = new Set<unknown>(HOST_OS_VALUES);
const HOST_STATE = new Set<unknown>(HOST_STATE_VALUES);
const VM_STATE = new Set<unknown>(VM_STATE_VALUES);
const PERFORMANCE_OPTION = new Set<unknown>(PERFORMANCE_OPTION_VALUES);
const AUTHENTICATION = new Set<unknown>(AUTHENTICATION_VALUES);

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A name: a string, trimmed, 1 to 255 characters. */
function name(v: unknown): string | Bad {
  if (typeof v !== 'string') return BAD;
  const t = v.trim();
  return t.length >= 1 && t.length <= 255 ? t : BAD;
}
/** A finite number, at least 0. */
const amount = (v: unknown): number | Bad => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : BAD);
/** A safe integer, at least `min`. */
const count = (v: unknown, min = 0): number | Bad => (typeof v === 'number' && Number.isSafeInteger(v) && v >= min ? v : BAD);
/** A number from 0 to 100. */
const percent = (v: unknown): number | Bad => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100 ? v : BAD);
const bool = (v: unknown): boolean | Bad => (typeof v === 'boolean' ? v : BAD);
const matching = (v: unknown, pattern: RegExp): string | Bad => (typeof v === 'string' && pattern.test(v) ? v : BAD);
const oneOf = <T>(v: unknown, values: ReadonlySet<unknown>): T | Bad => (values.has(v) ? (v as T) : BAD);

/** A list whose every item passes `item`; `fallback` when the field is absent. */
function list<T>(v: unknown, item: (x: unknown) => T | Bad, fallback: T[] | Bad = BAD): T[] | Bad {
  if (v === undefined) return fallback;
  if (!Array.isArray(v)) return BAD;
  const out: T[] = new Array<T>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = item(v[i]);
    if (x === BAD) return BAD;
    out[i] = x as T;
  }
  return out;
}

const path = (v: unknown): string | Bad => matching(v, ABSOLUTE_PATH);
const uncPath = (v: unknown): string | Bad => matching(v, UNC_PATH);
const configVersion = (v: unknown): string | Bad => matching(v, CONFIG_VERSION);
const network = (v: unknown): string | Bad => (typeof v === 'string' && v.length >= 1 ? v : BAD);

function volume(v: unknown): Volume | Bad {
  if (!isObject(v)) return BAD;
  const out = { path: path(v.path), capacityGB: amount(v.capacityGB), freeGB: amount(v.freeGB) };
  return out.path === BAD || out.capacityGB === BAD || out.freeGB === BAD ? BAD : (out as Volume);
}

function disk(v: unknown): VmDisk | Bad {
  if (!isObject(v)) return BAD;
  const out = { path: path(v.path), sizeGB: amount(v.sizeGB), shared: v.shared === undefined ? false : bool(v.shared) };
  return out.path === BAD || out.sizeGB === BAD || out.shared === BAD ? BAD : (out as VmDisk);
}

/** Whether any value of a record is BAD (one level deep: nested records are checked where they are built). */
function anyBad(record: Fields): boolean {
  for (const k in record) if (record[k] === BAD) return true;
  return false;
}

/** A host as the importer's schema answers it, or undefined when the schema must say what is wrong. */
export function fastHost(v: unknown): Host | undefined {
  if (!isObject(v)) return undefined;
  const cpu = v.cpu;
  const memory = v.memory;
  const lm = v.liveMigration === undefined ? {} : v.liveMigration;
  const net = v.migrationNetwork === undefined ? {} : v.migrationNetwork;
  if (!isObject(cpu) || !isObject(memory) || !isObject(lm) || !isObject(net)) return undefined;
  const cpuOut = {
    vendor: name(cpu.vendor),
    generation: cpu.generation === undefined ? '' : typeof cpu.generation === 'string' ? cpu.generation : BAD,
    logicalProcessors: count(cpu.logicalProcessors, 1),
    usagePercent: percent(cpu.usagePercent),
  };
  const memoryOut = {
    totalMB: amount(memory.totalMB),
    availableMB: amount(memory.availableMB),
    reserveMB: memory.reserveMB === undefined ? 256 : amount(memory.reserveMB),
  };
  const lmOut = {
    enabled: lm.enabled === undefined ? true : bool(lm.enabled),
    maxLive: lm.maxLive === undefined ? 2 : count(lm.maxLive, 1),
    maxStorage: lm.maxStorage === undefined ? 2 : count(lm.maxStorage, 1),
    performanceOption: lm.performanceOption === undefined ? 'Compression' : oneOf(lm.performanceOption, PERFORMANCE_OPTION),
    authentication: lm.authentication === undefined ? 'CredSSP' : oneOf(lm.authentication, AUTHENTICATION),
    useAnyNetwork: lm.useAnyNetwork === undefined ? true : bool(lm.useAnyNetwork),
    networks: list(lm.networks, network, []),
  };
  const netOut = {
    gbps: net.gbps === undefined ? 10 : amount(net.gbps),
    rdma: net.rdma === undefined ? false : bool(net.rdma),
    nics: net.nics === undefined ? 1 : count(net.nics, 1),
  };
  if (anyBad(cpuOut) || anyBad(memoryOut) || anyBad(lmOut) || anyBad(netOut)) return undefined;
  const host = {
    name: name(v.name),
    fqdn: name(v.fqdn),
    hostGroup: name(v.hostGroup),
    cluster: v.cluster === undefined || v.cluster === null ? null : name(v.cluster),
    os: oneOf(v.os, HOST_OS),
    supportedConfigVersions:
      v.supportedConfigVersions === undefined || v.supportedConfigVersions === null ? null : list(v.supportedConfigVersions, configVersion),
    state: oneOf(v.state, HOST_STATE),
    maintenanceMode: v.maintenanceMode === undefined ? false : bool(v.maintenanceMode),
    cpu: cpuOut,
    memory: memoryOut,
    liveMigration: lmOut,
    migrationNetwork: netOut,
    fileShares: list(v.fileShares, uncPath, []),
    volumes: list(v.volumes, volume, []),
    defaultStorageLocations: list(v.defaultStorageLocations, path, []),
  };
  return anyBad(host) ? undefined : (host as Host);
}

/** A VM as the importer's schema answers it, or undefined when the schema must say what is wrong. */
export function fastVm(v: unknown): Vm | undefined {
  if (!isObject(v)) return undefined;
  const generation = v.generation === undefined ? 2 : v.generation === 1 || v.generation === 2 ? v.generation : BAD;
  const vm: Record<string, unknown> = {
    name: name(v.name),
    id: name(v.id),
    host: name(v.host),
    state: oneOf(v.state, VM_STATE),
    highlyAvailable: v.highlyAvailable === undefined ? false : bool(v.highlyAvailable),
    memoryMB: amount(v.memoryMB),
    cpuCount: v.cpuCount === undefined ? 1 : count(v.cpuCount, 1),
    configVersion: configVersion(v.configVersion),
    generation,
    processorCompatibility: v.processorCompatibility === undefined ? false : bool(v.processorCompatibility),
    compatibilityVector: v.compatibilityVector === undefined || v.compatibilityVector === null ? null : count(v.compatibilityVector),
    configurationPath: path(v.configurationPath),
    disks: list(v.disks, disk, []),
    dirtyRateMBps: v.dirtyRateMBps === undefined || v.dirtyRateMBps === null ? null : amount(v.dirtyRateMBps),
  };
  // Placement rules stay absent when absent, so an estate without them exports as it came.
  if (v.possibleOwners !== undefined) vm.possibleOwners = v.possibleOwners === null ? null : list(v.possibleOwners, name);
  if (v.preferredOwners !== undefined) vm.preferredOwners = list(v.preferredOwners, name);
  if (v.availabilitySets !== undefined) vm.availabilitySets = list(v.availabilitySets, name);
  return anyBad(vm) ? undefined : (vm as unknown as Vm);
}
