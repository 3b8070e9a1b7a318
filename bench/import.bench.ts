import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInventory } from '../main/infra/importers/ferry-inventory.js';
import { replaceInventory } from '../main/infra/db/inventory-repository.js';
import { openDatabase } from '../main/infra/db/open.js';
import { formatInventoryJson, generateInventory } from '../scripts/gen-inventory.js';
import { median, printTable, type BenchRow } from './report.js';

/**
 * Import of a generated estate (1,000 hosts, 25,000 VMs). Target: under 2 s end to end, measured
 * as the wall time of `ferry import FILE` in a fresh process (Node start-up included), and split
 * into its phases in-process.
 */
export async function benchImport(runs = 5): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-import-'));
  try {
    const file = join(dir, 'estate.json');
    const doc = generateInventory({ hosts: 1000, vms: 25000, seed: 1 });
    writeFileSync(file, formatInventoryJson(doc));
    const sizeMB = statSync(file).size / 1e6;

    const endToEnd: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      execFileSync(process.execPath, ['dist/main/cli.mjs', 'import', file, '--db', join(dir, `e2e-${i}.db`)], { stdio: 'ignore' });
      endToEnd.push(performance.now() - t0);
    }

    const parse: number[] = [];
    const write: number[] = [];
    const text = formatInventoryJson(doc);
    for (let i = 0; i < runs; i++) {
      const db = openDatabase(join(dir, `phase-${i}.db`));
      const t0 = performance.now();
      const parsed = parseInventory(text);
      const t1 = performance.now();
      if (!parsed.ok) throw new Error(`generated inventory is invalid: ${parsed.error.message}`);
      replaceInventory(db, parsed.value, 'bench', new Date());
      const t2 = performance.now();
      db.close();
      parse.push(t1 - t0);
      write.push(t2 - t1);
    }
    return [
      {
        name: `import ${doc.hosts.length} hosts / ${doc.vms.length} VMs (${sizeMB.toFixed(1)} MB), ferry import end to end`,
        value: median(endToEnd),
        unit: 'ms',
        target: '< 2000 ms',
      },
      { name: '  of which: parse + validate every rule', value: median(parse), unit: 'ms' },
      { name: '  of which: write to SQLite (one transaction)', value: median(write), unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printTable('Import', await benchImport());
