import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventContract } from '../shared/contract/events.js';
import { parseInventory } from '../main/infra/importers/ferry-inventory.js';
import { replaceInventory } from '../main/infra/db/inventory-repository.js';
import { openDatabase } from '../main/infra/db/open.js';
import { createAppServices } from '../main/services/app-services.js';
import { formatInventoryJson, generateInventory } from '../scripts/gen-inventory.js';
import { median, type BenchRow } from './report.js';

/** The estates measured: VMM's tested scale, and vCenter 8's maximums (issue 16). */
const ESTATES = [
  { hosts: 1000, vms: 25000 },
  { hosts: 2500, vms: 45000 },
] as const;

/** One in-process import, split into its phases (ms). */
interface Phases {
  read: number;
  parse: number;
  validate: number;
  write: number;
  rest: number;
}

/**
 * `ferry import FILE` of generated estates (1,000 hosts / 25,000 VMs, and 2,500 hosts / 45,000 VMs).
 * Target: under 2 s end to end, measured as the wall time of the built CLI in a fresh process (Node
 * start-up included), on a new database each run. Then the same work in this process, phase by phase,
 * through the same code (the services' import, its progress events timed as they are raised): Node
 * start-up and module load (`ferry --help`), reading the file, the depth scan and JSON.parse, validation
 * (every field, every rule across records), the write (one transaction with the job's record), and the
 * rest (opening the database and services, starting the job, closing with SQLite's WAL checkpoint).
 */
export async function benchImport(runs = 5): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-import-'));
  try {
    const rows: BenchRow[] = [];
    const startup: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      execFileSync(process.execPath, ['dist/main/cli.mjs', '--help'], { stdio: 'ignore' });
      startup.push(performance.now() - t0);
    }
    for (const size of ESTATES) {
      const file = join(dir, `estate-${size.vms}.json`);
      const doc = generateInventory({ ...size, seed: 1 });
      writeFileSync(file, formatInventoryJson(doc));
      const sizeMB = statSync(file).size / 1e6;

      const endToEnd: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const c0 = childrenCpuMs();
        const t0 = performance.now();
        execFileSync(process.execPath, ['dist/main/cli.mjs', 'import', file, '--db', join(dir, `e2e-${size.vms}-${i}.db`)], { stdio: 'ignore' });
        endToEnd.push(performance.now() - t0);
        const c1 = childrenCpuMs();
        if (c0 !== null && c1 !== null) cpu.push(c1 - c0);
      }

      const phases: Phases[] = [];
      for (let i = 0; i < runs; i++) phases.push(await importInProcess(file, join(dir, `phase-${size.vms}-${i}.db`)));
      const write: number[] = [];
      const text = readFileSync(file).toString('utf8');
      for (let i = 0; i < runs; i++) write.push(writeOnly(text, join(dir, `write-${size.vms}-${i}.db`)));

      const of = (pick: (p: Phases) => number): number => median(phases.map(pick));
      rows.push(
        {
          name: `import ${doc.hosts.length} hosts / ${doc.vms.length} VMs (${sizeMB.toFixed(1)} MB), ferry import end to end`,
          value: median(endToEnd),
          unit: 'ms',
          target: '< 2000 ms',
        },
        { name: '  best of the runs', value: Math.min(...endToEnd), unit: 'ms' },
        ...(cpu.length > 0
          ? [{ name: '  CPU time of the process, user + system (steadier than wall time on a shared machine)', value: median(cpu), unit: 'ms' }]
          : []),
        { name: '  of which: Node start-up and module load (ferry --help)', value: median(startup), unit: 'ms' },
        { name: '  of which: read the file', value: of((p) => p.read), unit: 'ms' },
        { name: '  of which: nesting-depth scan + JSON.parse', value: of((p) => p.parse), unit: 'ms' },
        { name: '  of which: validation (every field, every rule across records)', value: of((p) => p.validate), unit: 'ms' },
        { name: '  of which: write to SQLite (one transaction, with the job record)', value: of((p) => p.write), unit: 'ms' },
        { name: '    (the estate alone, replaceInventory)', value: median(write), unit: 'ms' },
        { name: '  of which: the rest (open the database, job, log, close with WAL checkpoint)', value: of((p) => p.rest), unit: 'ms' },
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports `file` into a new database at `db` as `ferry import` does, timing each phase by the progress events the import raises. */
async function importInProcess(file: string, db: string): Promise<Phases> {
  const t0 = performance.now();
  const services = await createAppServices({ databasePath: db });
  const t1 = performance.now();
  const text = readFileSync(file).toString('utf8');
  const t2 = performance.now();
  const marks = new Map<string, number>();
  const emit = services.hub.emit.bind(services.hub);
  services.hub.emit = ((name, payload) => {
    if (name === 'import.progress') marks.set((payload as EventContract['import.progress']).phase, performance.now());
    emit(name, payload);
  }) as typeof services.hub.emit;
  const t3 = performance.now();
  const result = await services.inventory.importText(file, text);
  const t4 = performance.now();
  await services.close();
  const t5 = performance.now();
  if (!result.ok) throw new Error(`generated inventory is invalid: ${result.error.message}`);
  const at = (phase: string): number => {
    const t = marks.get(phase);
    if (t === undefined) throw new Error(`the import raised no "${phase}" progress event`);
    return t;
  };
  return {
    read: t2 - t1,
    parse: at('validating') - at('parsing'),
    validate: at('writing') - at('validating'),
    write: at('done') - at('writing'),
    rest: t1 - t0 + (at('parsing') - t3) + (t4 - at('done')) + (t5 - t4),
  };
}

/**
 * The CPU time (user + system, ms) of this process's finished children, from Linux's /proc/self/stat
 * (cutime, cstime, in clock ticks of 10 ms); null elsewhere.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces: cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** Writes the estate of `text` to a new database, in one transaction; answers the write's time. */
function writeOnly(text: string, path: string): number {
  const parsed = parseInventory(text);
  if (!parsed.ok) throw new Error(`generated inventory is invalid: ${parsed.error.message}`);
  const doc = parsed.value;
  const db = openDatabase(path);
  try {
    const t0 = performance.now();
    replaceInventory(db, doc, 'bench', new Date());
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./report.js');
  printTable('Import', await benchImport());
}
