import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import type { InventoryDocument } from '../shared/model/inventory.js';
import { estateProblems, inventoryProblems } from '../test/fixtures/inventory-checks.js';
import { formatInventoryJson, generateInventory, parseGenerateArgs, type GenerateOptions } from './gen-inventory.js';

const SCRIPT = fileURLToPath(new URL('./gen-inventory.ts', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: REPO, encoding: 'utf8' });
}

describe('generateInventory', () => {
  it('returns the same document for the same seed', () => {
    const options = { hosts: 60, vms: 1500, seed: 7 };
    expect(generateInventory(options)).toEqual(generateInventory(options));
  });

  it('returns another document for another seed', () => {
    expect(generateInventory({ hosts: 60, vms: 1500, seed: 7 })).not.toEqual(generateInventory({ hosts: 60, vms: 1500, seed: 8 }));
  });

  it('uses seed 1 when none is given', () => {
    expect(generateInventory({ hosts: 20, vms: 100 })).toEqual(generateInventory({ hosts: 20, vms: 100, seed: 1 }));
  });

  it('makes exactly the hosts and VMs asked for, with hosts / 8 clusters by default', () => {
    const doc = generateInventory({ hosts: 1000, vms: 25000 });
    expect(doc.hosts).toHaveLength(1000);
    expect(doc.vms).toHaveLength(25000);
    expect(doc.clusters).toHaveLength(125);
  });

  it('leaves some hosts standalone by default', () => {
    expect(generateInventory({ hosts: 1000, vms: 0 }).hosts.some((h) => h.cluster === null)).toBe(true);
  });

  it.each([
    // 10 clusters hold at most 160 of 200 hosts; 50 clusters need all 200; no clusters, no nodes.
    { options: { hosts: 200, vms: 1000, clusters: 10 }, minStandalone: 40, maxStandalone: 160 },
    { options: { hosts: 200, vms: 1000, clusters: 50 }, minStandalone: 0, maxStandalone: 0 },
    { options: { hosts: 30, vms: 100, clusters: 0 }, minStandalone: 30, maxStandalone: 30 },
  ])('makes $options.clusters clusters of 4 to 16 nodes from $options.hosts hosts, the rest standalone', ({ options, minStandalone, maxStandalone }) => {
    const doc = generateInventory(options);
    expect(doc.clusters).toHaveLength(options.clusters);
    for (const cluster of doc.clusters) {
      const nodes = doc.hosts.filter((h) => h.cluster === cluster.name).length;
      expect(nodes).toBeGreaterThanOrEqual(4);
      expect(nodes).toBeLessThanOrEqual(16);
    }
    const standalone = doc.hosts.filter((h) => h.cluster === null).length;
    expect(standalone).toBeGreaterThanOrEqual(minStandalone);
    expect(standalone).toBeLessThanOrEqual(maxStandalone);
  });

  it.each<GenerateOptions>([
    { hosts: 1000, vms: 25000 },
    { hosts: 1, vms: 0 },
    { hosts: 1, vms: 40 },
    { hosts: 7, vms: 300 },
    { hosts: 64, vms: 3000, clusters: 16, seed: 42 },
    { hosts: 40, vms: 2000, clusters: 0, seed: 0xffffffff },
  ])('keeps every validity rule of inventory-format.md for %o', (options) => {
    const doc = generateInventory(options);
    expect(inventoryProblems(doc)).toEqual([]);
    expect(estateProblems(doc)).toEqual([]);
  });

  it('spreads states, OS versions, CPU vendors and generations, SMB versions and guest clusters', () => {
    const doc = generateInventory({ hosts: 1000, vms: 25000 });
    expect(new Set(doc.vms.map((v) => v.state))).toEqual(new Set(['Running', 'Off', 'Saved', 'Paused']));
    expect(new Set(doc.hosts.map((h) => h.os)).size).toBe(5);
    expect(new Set(doc.hosts.map((h) => h.cpu.vendor))).toEqual(new Set(['Intel', 'AMD']));
    expect(new Set(doc.hosts.map((h) => h.cpu.generation)).size).toBeGreaterThan(6);
    expect(new Set(doc.clusters.map((c) => c.functionalLevel)).size).toBeGreaterThan(2);
    expect(new Set(doc.fileShares.map((s) => s.smbVersion))).toContain('2.1');
    expect(doc.hosts.some((h) => h.state === 'NotResponding')).toBe(true);
    expect(doc.hosts.some((h) => h.maintenanceMode)).toBe(true);
    expect(doc.vms.some((v) => v.disks.some((d) => d.shared))).toBe(true);
    expect(doc.vms.some((v) => v.highlyAvailable)).toBe(true);
    expect(doc.vms.some((v) => !v.highlyAvailable)).toBe(true);
  });

  it.each([
    [{ hosts: 0, vms: 10 }, '--hosts'],
    [{ hosts: 10, vms: -1 }, '--vms'],
    [{ hosts: 10, vms: 1.5 }, '--vms'],
    [{ hosts: 10, vms: 10, clusters: 3 }, '--clusters'],
    [{ hosts: 10, vms: 10, seed: -1 }, '--seed'],
  ])('refuses %o, naming %s', (options, option) => {
    expect(() => generateInventory(options)).toThrow(option);
  });
});

describe('formatInventoryJson', () => {
  it('writes JSON that parses back to the same document', () => {
    const doc = generateInventory({ hosts: 30, vms: 400 });
    expect(JSON.parse(formatInventoryJson(doc))).toEqual(doc);
  });

  it('writes empty lists as []', () => {
    const doc = generateInventory({ hosts: 1, vms: 0 });
    expect(JSON.parse(formatInventoryJson(doc))).toEqual(doc);
  });
});

describe('parseGenerateArgs', () => {
  it('reads every option, in both --name value and --name=value forms', () => {
    expect(parseGenerateArgs(['--hosts', '10', '--vms=20', '--clusters', '1', '--seed=5', '--out', 'x.json'])).toEqual({
      ok: true,
      value: { kind: 'generate', options: { hosts: 10, vms: 20, clusters: 1, seed: 5 }, out: 'x.json' },
    });
  });

  it('writes to stdout unless --out names a file', () => {
    const parsed = parseGenerateArgs(['--hosts', '10', '--vms', '20']);
    expect(parsed.ok && parsed.value.kind === 'generate' && parsed.value.out).toBe('-');
  });

  it('answers --help with the usage', () => {
    expect(parseGenerateArgs(['--help'])).toEqual({ ok: true, value: { kind: 'help' } });
  });

  it.each([
    [['--vms', '10'], '--hosts: required'],
    [['--hosts', '10'], '--vms: required'],
    [['--hosts', 'ten', '--vms', '10'], '--hosts: expected a whole number'],
    [['--hosts', '10', '--vms', '-3'], '--vms: expected a whole number'],
    [['--hosts', '0', '--vms', '10'], '--hosts: expected a whole number from 1'],
    [['--hosts', '10', '--vms', '10', '--clusters', '3'], '--clusters: 3 clusters'],
    [['--hosts', '10', '--vms', '10', '--seed', '4294967296'], '--seed: expected a whole number from 0 to 4294967295'],
    [['--hosts', '10', '--vms', '10', '--out'], '--out: expected a value'],
    [['--hosts', '10', '--vms', '10', '--out='], '--out: expected a file name'],
    [['--hosts', '10', '--vms', '10', '--count', '5'], 'unknown option --count'],
    [['--hosts', '10', '--vms', '10', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j with "%s"', (argv, message) => {
    const parsed = parseGenerateArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.message).toContain(message);
  });
});

describe('the gen-inventory command', () => {
  it('writes a valid document to --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-inventory-'));
    try {
      const out = join(dir, 'estate.json');
      const result = runCli(['--hosts', '24', '--vms', '300', '--seed', '3', '--out', out]);
      expect(result.status).toBe(0);
      const doc = JSON.parse(readFileSync(out, 'utf8')) as InventoryDocument;
      expect(doc).toEqual(generateInventory({ hosts: 24, vms: 300, seed: 3 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes to stdout with --out -', () => {
    const result = runCli(['--hosts', '8', '--vms', '20', '--out', '-']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(generateInventory({ hosts: 8, vms: 20 }));
  });

  it('exits 2 with a message naming the option when an option is bad', () => {
    const result = runCli(['--hosts', 'many', '--vms', '20']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--hosts: expected a whole number, got "many"');
    expect(result.stdout).toBe('');
  });
});

describe('the inventory checks these tests rely on', () => {
  type Breaker = (doc: InventoryDocument) => void;
  const broken = (breaker: Breaker): InventoryDocument => {
    const doc = generateInventory({ hosts: 16, vms: 200, clusters: 2 });
    breaker(doc);
    return doc;
  };
  const runningVm = (doc: InventoryDocument) => doc.vms.find((v) => v.state === 'Running')!;

  it.each<[string, Breaker, string]>([
    [
      'a host name repeated in another case',
      (d) => {
        d.hosts[1].name = d.hosts[0].name.toLowerCase();
      },
      'hosts[1].name',
    ],
    [
      'a cluster name repeated',
      (d) => {
        d.clusters[1].name = d.clusters[0].name;
      },
      'clusters[1].name',
    ],
    [
      'a VM name repeated in another case',
      (d) => {
        d.vms[5].name = d.vms[2].name.toUpperCase();
      },
      'vms[5].name',
    ],
    [
      'a VM id repeated',
      (d) => {
        d.vms[5].id = d.vms[2].id;
      },
      'vms[5].id',
    ],
    [
      'a VM on an unknown host',
      (d) => {
        d.vms[3].host = 'HV-NOWHERE';
      },
      'vms[3].host',
    ],
    [
      'a host in an unknown cluster',
      (d) => {
        d.hosts[0].cluster = 'CL-NOWHERE';
      },
      'hosts[0].cluster',
    ],
    [
      'a host in an unknown host group',
      (d) => {
        d.hosts[0].hostGroup = 'All Hosts/Atlantide';
      },
      'hosts[0].hostGroup',
    ],
    [
      'a host reaching an unknown share',
      (d) => {
        d.hosts[0].fileShares.push('\\\\nas.contoso.com\\none');
      },
      'hosts[0].fileShares',
    ],
    [
      'a negative number',
      (d) => {
        d.vms[0].memoryMB = -1;
      },
      'vms[0].memoryMB',
    ],
    [
      'a number that is not finite',
      (d) => {
        d.hosts[0].cpu.usagePercent = Number.NaN;
      },
      'hosts[0].cpu.usagePercent',
    ],
    [
      'more memory available than installed',
      (d) => {
        d.hosts[0].memory.availableMB = d.hosts[0].memory.totalMB + 1;
      },
      'hosts[0].memory.availableMB',
    ],
    [
      'more free space than capacity on a CSV',
      (d) => {
        d.clusters[0].sharedVolumes[0].freeGB = 1e9;
      },
      'clusters[0].sharedVolumes[0].freeGB',
    ],
    [
      'more free space than capacity on a share',
      (d) => {
        d.fileShares[0].freeGB = 1e9;
      },
      'fileShares[0].freeGB',
    ],
    [
      'a relative configuration path',
      (d) => {
        d.vms[0].configurationPath = 'VMs\\x';
      },
      'vms[0].configurationPath',
    ],
    [
      'a drive-relative disk path',
      (d) => {
        d.vms[0].disks[0].path = 'D:x.vhdx';
      },
      'vms[0].disks[0].path',
    ],
    [
      'a UNC path without a share',
      (d) => {
        d.hosts[0].defaultStorageLocations.push('\\\\server');
      },
      'hosts[0].defaultStorageLocations',
    ],
  ])('inventoryProblems reports %s', (_, breaker, path) => {
    expect(inventoryProblems(broken(breaker)).some((p) => p.startsWith(path))).toBe(true);
  });

  it.each<[string, Breaker, string]>([
    [
      'a running VM larger than its host has in use',
      (d) => {
        runningVm(d).memoryMB = 1e9;
      },
      'more than the host has in use',
    ],
    [
      'a VM version its host cannot run',
      (d) => {
        d.vms[0].configVersion = '99.0';
      },
      'vms[0].configVersion',
    ],
    [
      'an HA VM on a standalone host',
      (d) => {
        const h = d.hosts.find((x) => x.cluster === null)!;
        d.vms[0].host = h.name;
        d.vms[0].highlyAvailable = true;
      },
      'vms[0].highlyAvailable',
    ],
    [
      'a disk on storage its host lacks',
      (d) => {
        d.vms[0].disks[0].path = 'Q:\\VMs\\x.vhdx';
      },
      'is on no storage',
    ],
  ])('estateProblems reports %s', (_, breaker, fragment) => {
    expect(estateProblems(broken(breaker)).join('\n')).toContain(fragment);
  });
});
