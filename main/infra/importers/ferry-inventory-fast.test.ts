import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AUTHENTICATION_VALUES, HOST_OS_VALUES, HOST_STATE_VALUES, PERFORMANCE_OPTION_VALUES, VM_STATE_VALUES } from '../../../shared/model/inventory.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { fastHost, fastVm } from './ferry-inventory-fast.js';
import { hostSchema, vmSchema } from './ferry-inventory.js';

// The fast checks must answer exactly what the schema answers: the same records taken, each the same once
// taken (defaults, trimmed names, unknown fields left out). Checked on random valid records and on the
// same records with one field changed to a random value of any JSON shape.

const nameArb = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('HV-01', ' padded ', 'SQL-PROD-01', 'x'.repeat(255)));
const pathArb = fc.constantFrom('D:\\VMs\\a', 'C:\\', '\\\\fs01\\vms\\a.vhdx', 'd:\\x', '\\\\srv\\share');
const amountArb = fc.oneof(fc.nat(1_000_000), fc.double({ min: 0, max: 1e9, noNaN: true }));
const countArb = (min: number) => fc.integer({ min, max: 256 });
const volumeArb = fc.record({ path: pathArb, capacityGB: amountArb, freeGB: amountArb });

const hostArb = fc.record(
  {
    name: nameArb,
    fqdn: nameArb,
    hostGroup: nameArb,
    cluster: fc.option(nameArb, { nil: null }),
    os: fc.constantFrom(...HOST_OS_VALUES),
    supportedConfigVersions: fc.option(fc.array(fc.constantFrom('9.0', '10.0', '12.10')), { nil: null }),
    state: fc.constantFrom(...HOST_STATE_VALUES),
    maintenanceMode: fc.boolean(),
    cpu: fc.record(
      { vendor: nameArb, generation: fc.string(), logicalProcessors: countArb(1), usagePercent: fc.double({ min: 0, max: 100, noNaN: true }) },
      { requiredKeys: ['vendor', 'logicalProcessors', 'usagePercent'] },
    ),
    memory: fc.record({ totalMB: amountArb, availableMB: amountArb, reserveMB: amountArb }, { requiredKeys: ['totalMB', 'availableMB'] }),
    liveMigration: fc.record(
      {
        enabled: fc.boolean(),
        maxLive: countArb(1),
        maxStorage: countArb(1),
        performanceOption: fc.constantFrom(...PERFORMANCE_OPTION_VALUES),
        authentication: fc.constantFrom(...AUTHENTICATION_VALUES),
        useAnyNetwork: fc.boolean(),
        networks: fc.array(fc.constantFrom('10.0.0.0/24', 'fd00::/64')),
      },
      { requiredKeys: [] },
    ),
    migrationNetwork: fc.record({ gbps: amountArb, rdma: fc.boolean(), nics: countArb(1) }, { requiredKeys: [] }),
    fileShares: fc.array(fc.constantFrom('\\\\fs01\\vms', '\\\\fs02\\iso')),
    volumes: fc.array(volumeArb, { maxLength: 3 }),
    defaultStorageLocations: fc.array(pathArb, { maxLength: 3 }),
    extra: fc.anything(),
  },
  { requiredKeys: ['name', 'fqdn', 'hostGroup', 'os', 'state', 'cpu', 'memory'] },
);

const vmArb = fc.record(
  {
    name: nameArb,
    id: nameArb,
    host: nameArb,
    state: fc.constantFrom(...VM_STATE_VALUES),
    highlyAvailable: fc.boolean(),
    memoryMB: amountArb,
    cpuCount: countArb(1),
    configVersion: fc.constantFrom('9.0', '10.0', '5.0'),
    generation: fc.constantFrom(1, 2),
    processorCompatibility: fc.boolean(),
    compatibilityVector: fc.option(fc.nat(), { nil: null }),
    configurationPath: pathArb,
    disks: fc.array(fc.record({ path: pathArb, sizeGB: amountArb, shared: fc.boolean() }, { requiredKeys: ['path', 'sizeGB'] }), { maxLength: 4 }),
    dirtyRateMBps: fc.option(amountArb, { nil: null }),
    possibleOwners: fc.option(fc.array(nameArb, { maxLength: 3 }), { nil: null }),
    preferredOwners: fc.array(nameArb, { maxLength: 3 }),
    availabilitySets: fc.array(nameArb, { maxLength: 2 }),
    extra: fc.anything(),
  },
  { requiredKeys: ['name', 'id', 'host', 'state', 'memoryMB', 'configVersion', 'configurationPath'] },
);

/** Any JSON value, with the ones near a field's edge (empty and blank strings, negative, fractional and huge numbers). */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', '   ', 'D:', 'C:\\', '\\\\a', '9', '9.0.1', 'x'.repeat(256), -1, -0.5, 0, 0.5, 1, 2, 3, 100.5, 2 ** 53, 1e308, null, true, false, [], {}),
);

/** Every path to a field of a record (nested objects and list items too). */
function fieldPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => fieldPaths((value as Record<string | number, unknown>)[k], [...at, k]))];
}

/** The record with the field at `path` set to `value` (or removed, for `undefined`); the record itself for the empty path. */
function changed(record: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(record) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(cur)) delete cur[last];
  else cur[last] = value;
  return copy;
}

/** As JSON.parse gives it: the importer never sees anything else. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/** A valid record with one field changed to an odd value or removed: a field it has, or any field of the schema (set where absent). */
const mutated = (arb: fc.Arbitrary<unknown>, schema: z.ZodObject) =>
  arb.chain((record) => {
    const json = asJson(record);
    const paths = [...fieldPaths(json), ...Object.keys(schema.shape).map((k) => [k])];
    return fc.tuple(fc.constantFrom(...paths), fc.option(oddValue, { nil: undefined, freq: 5 })).map(([path, value]) => asJson(changed(json, path, value)));
  });

/** Checks that the fast check and the schema answer the same for `record`. */
function agrees(fast: (v: unknown) => unknown, schema: z.ZodType, record: unknown): void {
  const detailed = schema.safeParse(record);
  const quick = fast(record);
  expect(quick !== undefined, JSON.stringify(record)).toBe(detailed.success);
  if (detailed.success) expect(quick).toStrictEqual(detailed.data);
}

describe('the fast check of hosts and VMs answers exactly what the schema answers', () => {
  it('takes every valid host as the schema does', () => {
    fc.assert(
      fc.property(hostArb.map(asJson), (h) => agrees(fastHost, hostSchema, h)),
      { numRuns: 500 },
    );
  });

  it('takes every valid VM as the schema does', () => {
    fc.assert(
      fc.property(vmArb.map(asJson), (v) => agrees(fastVm, vmSchema, v)),
      { numRuns: 500 },
    );
  });

  it('refuses a host with one field changed exactly when the schema does', () => {
    fc.assert(
      fc.property(mutated(hostArb, hostSchema), (h) => agrees(fastHost, hostSchema, h)),
      { numRuns: 3000 },
    );
  });

  it('refuses a VM with one field changed exactly when the schema does', () => {
    fc.assert(
      fc.property(mutated(vmArb, vmSchema), (v) => agrees(fastVm, vmSchema, v)),
      { numRuns: 3000 },
    );
  });

  it('takes the records of the minimal inventory as the schema does', () => {
    const doc = asJson(minimalInventory()) as { hosts: unknown[]; vms: unknown[] };
    for (const h of doc.hosts) agrees(fastHost, hostSchema, h);
    for (const v of doc.vms) agrees(fastVm, vmSchema, v);
    expect(doc.hosts.every((h) => fastHost(h) !== undefined) && doc.vms.every((v) => fastVm(v) !== undefined)).toBe(true);
  });
});
