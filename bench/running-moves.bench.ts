import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import type { EventFrame, ResponseFrame } from '../shared/contract/backend.js';
import type { InventoryDocument } from '../shared/model/inventory.js';
import type { Job } from '../shared/model/job.js';
import type { Result } from '../shared/model/result.js';
import { buildPlacementIndex } from '../main/domain/placement/placement-index.js';
import { selectHosts } from '../main/domain/placement/select-hosts.js';
import config from '../playwright.config.js';
import { formatInventoryJson, generateInventory } from '../scripts/gen-inventory.js';
import { serveFerry, type ServedFerry } from '../test/fixtures/serve-ferry.js';
import { timeAllRows } from './console-probes.js';
import { median, percentile, printTable, type BenchRow } from './report.js';

/** Moves running at once. */
const MOVES = 100;
/** Wall seconds of the event count. */
const WINDOW_S = 10;
/** The simulator's speed once the moves are measured running, so they complete during the last probes. */
const COMPLETE_SPEED = 20;
/** Wall seconds of input probes while the moves complete. */
const COMPLETE_WINDOW_S = 20;
/** Memory a picked VM has at least, so its move outlasts the measurement on a 1 Gbps link at speed 1. */
const MIN_MEMORY_MB = 16384;

/** One move the benchmark starts: a running VM and a destination where it can live-migrate. */
interface PlannedMove {
  vm: string;
  from: string;
  to: string;
}

/**
 * Picks MOVES live migrations on disjoint host pairs of the estate, with Select Host itself, so each
 * host runs one move and no slot limit holds any back: all MOVES run at once. Their hosts get a
 * single 1 Gbps migration NIC and the VMs a modest dirty rate, so each move converges and lasts
 * minutes at real-time speed, long enough to measure while all run. Changes `doc` in place.
 */
function planMoves(doc: InventoryDocument): PlannedMove[] {
  const index = buildPlacementIndex(doc);
  // Select Host rates destinations; the simulator also fails a move off a source that is not Responding.
  const responding = new Set(doc.hosts.filter((h) => h.state === 'Responding' && !h.maintenanceMode).map((h) => h.name));
  const used = new Set<string>();
  const planned: PlannedMove[] = [];
  for (const vm of doc.vms) {
    if (planned.length === MOVES) break;
    if (vm.state !== 'Running' || vm.memoryMB < MIN_MEMORY_MB || used.has(vm.host) || !responding.has(vm.host)) continue;
    const rows = selectHosts(vm.name, index);
    if (!rows.ok) continue;
    const row = rows.value.find((r) => r.available && r.transferType === 'Live' && !used.has(r.host));
    if (!row) continue;
    used.add(vm.host).add(row.host);
    planned.push({ vm: vm.name, from: vm.host, to: row.host });
  }
  if (planned.length < MOVES) throw new Error(`only ${planned.length} VMs of the estate can live-migrate on disjoint host pairs`);
  for (const host of doc.hosts) if (used.has(host.name)) host.migrationNetwork = { gbps: 1, rdma: false, nics: 1 };
  const moving = new Set(planned.map((p) => p.vm));
  for (const vm of doc.vms) if (moving.has(vm.name)) vm.dirtyRateMBps = 30;
  return planned;
}

/** What the WebSocket client saw of the event stream. */
interface EventCounts {
  frames: number;
  jobsBatches: number;
  jobs: number;
  inventoryChanged: number;
  bytes: number;
}

/**
 * A client of the headless host as the console in a browser is: it opens the tokened URL, keeps
 * the cookie the host sets, and opens /ws with that cookie and the page's Origin. It sends request
 * frames and counts the event frames it receives.
 */
class ConsoleClient {
  readonly counts: EventCounts = { frames: 0, jobsBatches: 0, jobs: 0, inventoryChanged: 0, bytes: 0 };
  /** When each event frame arrived (performance.now()). */
  readonly frameTimes: number[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as ResponseFrame | EventFrame;
      if (frame.type === 'response') {
        this.pending.get(frame.id)?.(frame.result);
        this.pending.delete(frame.id);
        return;
      }
      this.counts.frames++;
      this.frameTimes.push(performance.now());
      this.counts.bytes += data.length;
      for (const event of frame.events) {
        if (event.name === 'jobs.changed') {
          const jobs = (event.payload as { jobs: Job[] }).jobs;
          this.counts.jobsBatches++;
          this.counts.jobs += jobs.length;
        } else if (event.name === 'inventory.changed') {
          this.counts.inventoryChanged++;
        }
      }
    });
  }

  static async connect(served: ServedFerry): Promise<ConsoleClient> {
    const res = await fetch(served.url, { redirect: 'manual' });
    const cookie = /^[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    if (res.status !== 303 || !cookie) throw new Error(`the tokened URL answered ${res.status} without a cookie`);
    const ws = new WebSocket(`ws://127.0.0.1:${served.port}/ws`, { headers: { Cookie: cookie }, origin: served.origin });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new ConsoleClient(ws);
  }

  invoke<T>(channel: string, args: unknown): Promise<Result<T>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: Result<unknown>) => void);
      this.ws.send(JSON.stringify({ type: 'request', id, channel, args }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

const GRID = 'section[aria-label="Virtual machines"] [role="grid"]';
const HEADING = 'section[aria-label="Virtual machines"] h2';

// In-page probes are plain JavaScript text: tsx's helpers (`__name`) don't exist in the page.
// `__ferryArm(kind, type)` waits for the next input event of `type` (keydown, pointerdown) and
// resolves `__ferryResult` with the milliseconds from that event's timestamp to the paint of the
// first frame that shows its effect: the frame whose rAF sees the change, then a message posted
// there, which runs once that frame is painted. The Event Timing API records every interaction of
// 16 ms or more, and the Long Tasks API every task over 50 ms, for the busy share of the window.
const PROBES = `
window.__ferryObserve = {
  filter: () => document.querySelector('${GRID}')?.getAttribute('aria-rowcount') ?? '',
  select: () => document.querySelector('${HEADING}')?.textContent ?? '',
};
window.__ferryArm = (kind, type) => {
  const observe = window.__ferryObserve[kind];
  const before = observe();
  window.__ferryResult = new Promise((resolve, reject) => {
    const onInput = (e) => {
      window.removeEventListener(type, onInput, true);
      const t0 = e.timeStamp;
      const poll = () => {
        if (observe() !== before) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - t0);
          channel.port2.postMessage(0);
        } else if (performance.now() - t0 > 10000) reject(new Error(kind + ': no effect on screen within 10 s'));
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    };
    window.addEventListener(type, onInput, true);
  });
};
`;

const INIT = `
window.__ferryEvents = [];
window.__ferryLongTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.interactionId) window.__ferryEvents.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId });
}).observe({ type: 'event', durationThreshold: 16, buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__ferryLongTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
`;

/** Input latencies of one phase (idle, or with the moves running). */
interface Latencies {
  filter: number[];
  select: number[];
  /** Per interaction, the longest Event Timing entry (only those of 16 ms or more are recorded). */
  slowInteractions: number[];
}

/** Measures typing in the VM list filter and clicking hosts in the tree, `rounds` of each. */
async function measureInput(page: Page, hosts: readonly string[], rounds: number): Promise<Latencies> {
  const since = (await page.evaluate('performance.now()')) as number;
  const filter: number[] = [];
  const box = page.locator('input[aria-label="Filter by name or host"]');
  await box.click();
  // Letters that match some VMs but not all (every host name has H, V and a dash): each keystroke and
  // each Backspace changes the rows shown.
  const keys = ['q', 'w', 'x', 'j', 'k', 'y'];
  const key = async (k: string): Promise<void> => {
    await page.evaluate(`window.__ferryArm('filter', 'keydown')`);
    await page.keyboard.press(k);
    filter.push((await page.evaluate('window.__ferryResult')) as number);
  };
  for (let i = 0; i < rounds; i++) {
    await key(keys[i % keys.length]);
    await key('Backspace');
  }
  const select: number[] = [];
  for (let i = 0; i < rounds * 2; i++) {
    await page.evaluate(`window.__ferryArm('select', 'pointerdown')`);
    await page.locator(`[role="treeitem"][data-node-id="host:${hosts[i % hosts.length]}"]`).click();
    select.push((await page.evaluate('window.__ferryResult')) as number);
  }
  const events = (await page.evaluate(`window.__ferryEvents.filter((e) => e.start >= ${since})`)) as { duration: number; id: number }[];
  const worst = new Map<number, number>();
  for (const e of events) worst.set(e.id, Math.max(worst.get(e.id) ?? 0, e.duration));
  return { filter, select, slowInteractions: [...worst.values()] };
}

/** The share of a window the page's main thread spent in long tasks (over 50 ms). */
async function longTaskShare(page: Page, from: number, to: number): Promise<number> {
  const tasks = (await page.evaluate('window.__ferryLongTasks')) as { start: number; duration: number }[];
  let busy = 0;
  for (const t of tasks) busy += Math.max(0, Math.min(to, t.start + t.duration) - Math.max(from, t.start));
  return busy / (to - from);
}

/** The longest wait between event frames (or the window's ends) in a window of the client's clock. */
function longestGap(times: readonly number[], from: number, to: number): number {
  let last = from;
  let gap = 0;
  for (const t of times) {
    if (t < from || t > to) continue;
    gap = Math.max(gap, t - last);
    last = t;
  }
  return Math.max(gap, to - last);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 100 live migrations running at once on the 25,000-VM estate, in the built headless host at real-time
 * simulator speed: the event stream a console receives over its WebSocket (batches and job updates
 * per second, over 10 s), and the console's input latency in Debian's Chromium while it runs (a
 * keystroke in the VM list filter, a click on a host in the tree: input event to the painted frame
 * that shows the effect), against the same probes before any move started. Target: under 100 ms.
 * Then the simulator is sped up so the moves complete while the probes repeat: each completion is a
 * new inventory revision for the host and every console, the other half of "while they run".
 */
export async function benchRunningMoves(rounds = 15): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-moves-'));
  const databasePath = join(dir, 'ferry.db');
  const doc = generateInventory({ hosts: 1000, vms: 25000, seed: 1 });
  const planned = planMoves(doc);
  const file = join(dir, 'estate.json');
  writeFileSync(file, formatInventoryJson(doc));
  execFileSync(process.execPath, ['dist/main/cli.mjs', 'import', file, '--db', databasePath], { stdio: 'ignore' });

  const served = await serveFerry(databasePath, ['--speed', '1']);
  const browser = await chromium.launch(config.use?.launchOptions);
  let client: ConsoleClient | null = null;
  try {
    // The probes are evaluated as text, which the console's strict CSP would refuse.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await page.addInitScript(INIT);
    await page.goto(served.url);
    await page.waitForSelector(`${GRID} [role="row"][aria-rowindex="2"]`, { timeout: 60_000 });
    // The estate arrives page by page after its first rows: measure on all of it.
    await timeAllRows(page, doc.vms.length);
    await page.evaluate(PROBES);
    // Hosts the tree shows without opening anything (standalone hosts under the open site groups)
    // that no move touches, so a completed move never changes what a probe watches.
    const moving = new Set(planned.flatMap((p) => [p.from.toLowerCase(), p.to.toLowerCase()]));
    const visible = (await page.evaluate(
      `[...document.querySelectorAll('[role="treeitem"][data-node-id^="host:"]')].map((e) => e.getAttribute('data-node-id').slice(5))`,
    )) as string[];
    const hosts = visible.filter((h) => !moving.has(h)).slice(0, 12);
    if (hosts.length < 2) throw new Error('the host tree shows fewer than two hosts outside the moves at first');

    const idle = await measureInput(page, hosts, rounds);

    client = await ConsoleClient.connect(served);
    const submitted: string[] = [];
    for (const move of planned) {
      const r = await client.invoke<Job>('migration.submit', { kind: 'vm', vm: move.vm, destinationHost: move.to });
      if (!r.ok) throw new Error(`migration.submit ${move.vm} → ${move.to}: ${r.error.message}`);
      submitted.push(r.value.id);
    }
    const runningNow = async (): Promise<number> => {
      const list = await client!.invoke<Job[]>('jobs.list', { limit: 1000 });
      if (!list.ok) throw new Error(list.error.message);
      const ours = new Set(submitted);
      return list.value.filter((j) => ours.has(j.id) && j.status === 'Running').length;
    };
    const deadline = Date.now() + 30_000;
    while ((await runningNow()) < MOVES && Date.now() < deadline) await sleep(200);
    const atStart = await runningNow();
    await sleep(1000); // past the first burst of starts

    const from = (await page.evaluate('performance.now()')) as number;
    const before = { ...client.counts };
    const t0 = performance.now();
    await sleep(WINDOW_S * 1000);
    const t1 = performance.now();
    const seconds = (t1 - t0) / 1000;
    const after = { ...client.counts };
    const to = (await page.evaluate('performance.now()')) as number;
    const busy = await longTaskShare(page, from, to);
    const atWindowEnd = await runningNow();

    const loaded = await measureInput(page, hosts, rounds);
    const atEnd = await runningNow();

    // Then the moves end: sped up, they complete while the same probes repeat for a while, and each
    // completion is a new inventory revision that the console fetches again.
    const set = await client.invoke('settings.set', { simulatorSpeed: COMPLETE_SPEED });
    if (!set.ok) throw new Error(`settings.set: ${set.error.message}`);
    const from2 = (await page.evaluate('performance.now()')) as number;
    const before2 = { ...client.counts };
    const t2 = performance.now();
    const completing: Latencies = { filter: [], select: [], slowInteractions: [] };
    while (performance.now() - t2 < COMPLETE_WINDOW_S * 1000) {
      const l = await measureInput(page, hosts, 2);
      completing.filter.push(...l.filter);
      completing.select.push(...l.select);
      completing.slowInteractions.push(...l.slowInteractions);
    }
    const t3 = performance.now();
    const seconds2 = (t3 - t2) / 1000;
    const after2 = { ...client.counts };
    const to2 = (await page.evaluate('performance.now()')) as number;
    const busy2 = await longTaskShare(page, from2, to2);
    const completed = (await client.invoke<Job[]>('jobs.list', { limit: 1000 })) as Result<Job[]>;
    const done = completed.ok ? completed.value.filter((j) => submitted.includes(j.id) && j.status.startsWith('Completed')).length : 0;
    const rate = (k: keyof EventCounts): number => (after[k] - before[k]) / seconds;
    const all = (l: Latencies): number[] => [...l.filter, ...l.select];
    return [
      { name: `moves running once all ${MOVES} were submitted`, value: atStart, unit: '' },
      { name: '  still running after the event count', value: atWindowEnd, unit: '' },
      { name: '  still running after the input probes', value: atEnd, unit: '' },
      { name: `jobs.changed batches reaching a WebSocket client, per second (${WINDOW_S} s)`, value: rate('jobsBatches'), unit: '/s' },
      { name: '  job updates in them, per second', value: rate('jobs'), unit: '/s' },
      { name: '  job updates per job per second (coalesced to 4 at most)', value: rate('jobs') / MOVES, unit: '/s' },
      { name: '  event frames per second, all kinds', value: rate('frames'), unit: '/s' },
      { name: '  bytes per second', value: rate('bytes') / 1000, unit: 'kB/s' },
      { name: '  longest wait between two event frames', value: longestGap(client.frameTimes, t0, t1), unit: 'ms' },
      { name: '  inventory.changed events in the window (a move completed)', value: after.inventoryChanged - before.inventoryChanged, unit: '' },
      { name: '  console main thread in long tasks (> 50 ms) during the window', value: busy * 100, unit: '%' },
      {
        name: `UI input latency with ${MOVES} moves running, p95 (${all(loaded).length} inputs)`,
        value: percentile(all(loaded), 95),
        unit: 'ms',
        target: '< 100 ms',
      },
      { name: '  median', value: median(all(loaded)), unit: 'ms' },
      { name: '  filter keystroke (input to filtered rows painted), median', value: median(loaded.filter), unit: 'ms' },
      { name: '  filter keystroke, p95', value: percentile(loaded.filter, 95), unit: 'ms' },
      { name: '  click a host in the tree (input to its VMs painted), median', value: median(loaded.select), unit: 'ms' },
      { name: '  click a host in the tree, p95', value: percentile(loaded.select, 95), unit: 'ms' },
      { name: '  interactions of 16 ms or more (Event Timing), slowest', value: Math.max(0, ...loaded.slowInteractions), unit: 'ms' },
      {
        name: `UI input latency while the moves complete (simulator at ${COMPLETE_SPEED}×), p95 (${all(completing).length} inputs)`,
        value: percentile(all(completing), 95),
        unit: 'ms',
        target: '< 100 ms',
      },
      { name: '  median', value: median(all(completing)), unit: 'ms' },
      { name: '  filter keystroke, median', value: median(completing.filter), unit: 'ms' },
      { name: '  click a host in the tree, median', value: median(completing.select), unit: 'ms' },
      { name: '  interactions of 16 ms or more (Event Timing), slowest', value: Math.max(0, ...completing.slowInteractions), unit: 'ms' },
      { name: `  moves completed by the end of the probes (${seconds2.toFixed(0)} s)`, value: done, unit: '' },
      { name: '  jobs.changed batches reaching the client, per second', value: (after2.jobsBatches - before2.jobsBatches) / seconds2, unit: '/s' },
      { name: '  longest wait between two event frames', value: longestGap(client.frameTimes, t2, t3), unit: 'ms' },
      {
        name: '  inventory.changed events reaching the client, per second',
        value: (after2.inventoryChanged - before2.inventoryChanged) / seconds2,
        unit: '/s',
      },
      { name: '  console main thread in long tasks (> 50 ms) during the probes', value: busy2 * 100, unit: '%' },
      { name: `same inputs before any move started (idle), p95 (${all(idle).length} inputs)`, value: percentile(all(idle), 95), unit: 'ms' },
      { name: '  median', value: median(all(idle)), unit: 'ms' },
      { name: '  filter keystroke, median', value: median(idle.filter), unit: 'ms' },
      { name: '  click a host in the tree, median', value: median(idle.select), unit: 'ms' },
      { name: '  interactions of 16 ms or more (Event Timing), slowest', value: Math.max(0, ...idle.slowInteractions), unit: 'ms' },
    ];
  } finally {
    client?.close();
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(`${MOVES} moves running at once (25,000-VM estate, headless host, Chromium)`, await benchRunningMoves());
}
