import { benchImport } from './import.bench.js';
import { benchConsole } from './console.bench.js';
import { benchConsoleScale } from './console-scale.bench.js';
import { printTable, type BenchRow } from './report.js';
import { benchSelectHosts } from './select-hosts.bench.js';
import { benchScheduler } from './scheduler.bench.js';
import { benchRunningMoves } from './running-moves.bench.js';
import { benchPlanView } from './plan-view.bench.js';
import { benchPlanner } from './planner.bench.js';
import { benchOptimize } from './optimize.bench.js';
import { benchScale } from './scale.bench.js';

// `npm run bench`: every benchmark, numbers printed, nothing asserted. Needs `npm run build` first
// (the end-to-end numbers run the built CLI and console). `npm run bench -- scheduler moves` runs
// only the benchmarks named.
const BENCHES: { key: string; title: string; run: () => BenchRow[] | Promise<BenchRow[]> }[] = [
  { key: 'import', title: 'Import', run: benchImport },
  { key: 'select-hosts', title: 'Select Host', run: benchSelectHosts },
  { key: 'console', title: 'Console in Chromium (25,000 VMs)', run: benchConsole },
  { key: 'console-scale', title: 'Console in Chromium at vCenter scale (2,500 hosts, 45,000 VMs)', run: benchConsoleScale },
  { key: 'scheduler', title: 'Scheduler: 1,000 queued moves on 100 hosts, decision per event', run: benchScheduler },
  { key: 'moves', title: '100 moves running at once (25,000 VMs, headless host, Chromium)', run: benchRunningMoves },
  { key: 'plan-view', title: 'Plan view: what-if redraw on the evacuation of a 40-VM host (headless host, Chromium)', run: benchPlanView },
  { key: 'planner', title: 'Planner: makespan against the lower bound, and planning time', run: () => benchPlanner() },
  { key: 'scale', title: 'vCenter scale: Select Host and plans on 2,500 hosts and 45,000 VMs', run: benchScale },
  { key: 'optimize', title: 'Optimize Hosts against a greedy baseline (skewed clusters, medians of 5 seeds), and its time', run: benchOptimize },
];

const named = process.argv.slice(2);
const unknown = named.filter((n) => !BENCHES.some((b) => b.key === n));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.key).join(', ')}`);
  process.exit(2);
}
console.log(`Ferry benchmarks on ${process.platform}/${process.arch}, Node ${process.version}, ${new Date().toISOString()}`);
for (const bench of BENCHES) if (named.length === 0 || named.includes(bench.key)) printTable(bench.title, await bench.run());
