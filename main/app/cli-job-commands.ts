import type { Job } from '../../shared/model/job.js';
import { jobHistoryCsv } from '../../shared/model/job-history-export.js';
import type { Result } from '../../shared/model/result.js';
import { SIMULATOR_SPEED } from '../../shared/model/settings.js';
import { simulatorSpeedParse } from '../infra/connectors/simulator/simulator-speed.js';
import { defaultDatabasePath } from '../infra/paths.js';
import { createAppServices, type AppServices } from '../services/app-services.js';
import { DatabaseWatcher } from '../services/database-watcher.js';
import { UsageError, type ParsedArgs } from './cli-args.js';
import { EXIT_NOT_FOUND, table, withServices, type CliIo, type Command } from './cli-command.js';
import { disksOf, performanceOf } from './cli-migration-commands.js';

/** How often a waiting command looks at its job. */
const POLL_MS = 200;

const ENDED = new Set(['Completed', 'Completed with info', 'Failed', 'Canceled']);

/** The --speed option: the simulator's time compression, in the range the app's setting allows. */
export function speedOf(args: ParsedArgs): number | undefined {
  if (!args.options.has('speed')) return undefined;
  const value = args.options.get('speed');
  const speed = simulatorSpeedParse(value);
  if (speed === null) {
    throw new UsageError(
      `--speed must be a number from ${SIMULATOR_SPEED.min} to ${SIMULATOR_SPEED.max} (1 = real time, 60 = a minute a second), not "${String(value)}"`,
    );
  }
  return speed;
}

function bar(job: Job): string {
  const width = 24;
  const filled = Math.round((job.progress / 100) * width);
  const step = job.steps.find((s) => s.status === 'Running')?.name ?? job.status;
  const m = job.metrics;
  const extra = m
    ? `  ${(m.bytesSent / 1e9).toFixed(1)} GB  ${(m.throughputBps / 1e6).toFixed(0)} MB/s${m.etaSeconds !== null ? `  ETA ${Math.ceil(m.etaSeconds)} s` : ''}`
    : '';
  const wait = job.status === 'Queued' && job.waitingFor ? `  ${job.waitingFor}` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(job.progress).padStart(3)}% ${step}${extra}${wait}`;
}

/** Waits for a job to end, drawing its progress on stderr when asked; answers the ended job. */
async function waitFor(s: AppServices, id: string, draw: boolean, tty: boolean): Promise<Job> {
  let last = '';
  for (;;) {
    const job = s.jobs.get(id) as Job;
    if (draw) {
      const line = bar(job);
      if (tty) process.stderr.write(`\r${line.padEnd(last.length)}`);
      else if (line.replace(/\d+ (MB\/s|s\b)|[\d.]+ GB/g, '') !== last.replace(/\d+ (MB\/s|s\b)|[\d.]+ GB/g, '')) process.stderr.write(`${line}\n`);
      last = line;
    }
    if (ENDED.has(job.status)) {
      if (draw && tty) process.stderr.write('\n');
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function report(io: CliIo, args: ParsedArgs, job: Job): number {
  if (args.options.has('json')) io.out(JSON.stringify(job, null, 2));
  else {
    io.out(`${job.name}: ${job.status}${job.summary ? `. ${job.summary}` : ''}`);
    if (job.error) io.err(`Problem: ${job.error.problem}\nRecommended action: ${job.error.recommendedAction}`);
  }
  return job.status === 'Completed' || job.status === 'Completed with info' ? 0 : 1;
}

/**
 * Opens the services for a command that submits moves and sees them through: when a Ferry app serves
 * the same database, it runs them (`appRuns`); otherwise this process runs them, and stays until
 * every move it started has ended, so none is canceled by the command exiting.
 */
export async function withRunner(args: ParsedArgs, io: CliIo, body: (s: AppServices, appRuns: boolean) => Promise<number>): Promise<number> {
  const databasePath = (args.options.get('db') as string | undefined) ?? defaultDatabasePath();
  const s = await createAppServices({ databasePath, speed: speedOf(args) });
  let watcher: DatabaseWatcher | null = null;
  try {
    const appRuns = s.scheduler.appElsewhere();
    if (!appRuns) {
      await s.scheduler.open('cli');
      // Other processes share the file: notice their cancel requests and the slots they free.
      watcher = new DatabaseWatcher(s.db, s.jobs, s.inventory, s.scheduler, s.hub);
      watcher.start();
    }
    const code = await body(s, appRuns);
    if (s.scheduler.inFlight > 0) {
      io.err(`ferry: ${s.scheduler.inFlight} more move(s), left queued by a Ferry process that stopped, are running here; waiting for them to end.`);
    }
    await s.scheduler.drain();
    return code;
  } finally {
    watcher?.stop();
    // After a failure above: stop what still runs here (a live migration leaves the VM on its source).
    await s.scheduler.close();
    await s.close();
  }
}

/**
 * Submits a move and sees it through: when a Ferry app serves the same database, it runs the move
 * and the command returns once the job is queued (or, with --wait, once it ends); otherwise this
 * process runs it and stays until it ends.
 */
function submitAndFollow(args: ParsedArgs, io: CliIo, submit: (s: AppServices) => Result<Job>): Promise<number> {
  return withRunner(args, io, async (s, appRuns) => {
    const submitted = submit(s);
    if (!submitted.ok) {
      io.err(`ferry: ${submitted.error.message}`);
      return ['vm-not-found', 'host-not-found'].includes(submitted.error.code) ? EXIT_NOT_FOUND : 1;
    }
    const wait = args.options.has('wait');
    if (appRuns && !wait) {
      io.out(
        args.options.has('json') ? JSON.stringify(submitted.value, null, 2) : `Queued job ${submitted.value.id}: the Ferry app serving this database runs it.`,
      );
      return 0;
    }
    const job = await waitFor(s, submitted.value.id, wait && !args.options.has('quiet'), Boolean(process.stderr.isTTY));
    return report(io, args, job);
  });
}

/** Finds a job by its id or a unique start of it. */
function findJob(s: AppServices, id: string): Job | string {
  const exact = s.jobs.get(id);
  if (exact) return exact;
  const matches = s.jobs.list(10000).filter((j) => j.id.startsWith(id.toLowerCase()));
  if (matches.length === 1) return matches[0];
  return matches.length === 0 ? `No job has the id ${id}.` : `${matches.length} jobs start with ${id}: give more of the id.`;
}

const moveOptions = { values: ['db', 'speed'], flags: ['wait', 'json', 'add-default'] };

/** The commands that run moves and manage jobs. */
export const JOB_COMMANDS: Record<string, Command> = {
  migrate: {
    values: [...moveOptions.values, 'to', 'path', 'performance', 'disk'],
    flags: moveOptions.flags,
    positionals: [1, 1],
    run: (args, io) => {
      const to = args.options.get('to');
      if (typeof to !== 'string') throw new UsageError('--to HOST is required');
      const performanceOption = performanceOf(args);
      const disks = disksOf(args);
      return submitAndFollow(args, io, (s) =>
        s.migration.submitVm({
          vm: args.positionals[0],
          destinationHost: to,
          destinationPath: (args.options.get('path') as string | undefined) ?? null,
          performanceOption,
          addToDefaults: args.options.has('add-default'),
          diskDestinations: disks.length ? disks : null,
        }),
      );
    },
  },
  'migrate-storage': {
    values: [...moveOptions.values, 'path', 'disk'],
    flags: moveOptions.flags,
    positionals: [1, 1],
    run: (args, io) => {
      const path = args.options.get('path') as string | undefined;
      const disks = disksOf(args);
      if (disks.length === 0 && path === undefined)
        throw new UsageError('give --path P (the whole VM), or --disk SRC=DST for chosen VHDs (with --path for the configuration)');
      const vm = args.positionals[0];
      const plan =
        disks.length === 0
          ? { vm, scope: 'whole-vm' as const, path: path as string }
          : { vm, scope: 'per-disk' as const, configurationPath: path ?? null, disks };
      return submitAndFollow(args, io, (s) => s.migration.submitStorage(plan, args.options.has('add-default')));
    },
  },
  jobs: {
    values: ['db', 'limit'],
    flags: ['json', 'csv'],
    positionals: [0, 0],
    run: (args, io) =>
      withServices(args, async (s) => {
        const csv = args.options.has('csv');
        if (csv && args.options.has('json')) throw new UsageError('--csv and --json are two formats: give one');
        // The CSV is the history to keep: every job unless --limit says otherwise.
        const limit = args.options.has('limit') ? Number(args.options.get('limit')) : csv ? Number.MAX_SAFE_INTEGER : 50;
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number above 0');
        const jobs = s.jobs.list(limit);
        if (csv) {
          // The output's own line end follows the last record.
          io.out(jobHistoryCsv(jobs).slice(0, -2));
          return 0;
        }
        if (args.options.has('json')) {
          io.out(JSON.stringify(jobs, null, 2));
          return 0;
        }
        if (jobs.length === 0) {
          io.out('No jobs yet.');
          return 0;
        }
        const rows = [['ID', 'NAME', 'STATUS', 'PROGRESS', 'STARTED', 'ENDED', 'NOTES']];
        for (const j of jobs) {
          rows.push([
            j.id.slice(0, 8),
            j.name,
            j.status,
            `${j.progress}%`,
            j.startedAt?.slice(0, 19).replace('T', ' ') ?? '-',
            j.endedAt?.slice(0, 19).replace('T', ' ') ?? '-',
            j.waitingFor ?? j.error?.problem ?? j.summary ?? '',
          ]);
        }
        io.out(table(rows));
        return 0;
      }),
  },
  cancel: {
    values: ['db'],
    flags: ['json'],
    positionals: [1, 1],
    run: (args, io) =>
      withServices(args, async (s) => {
        const job = findJob(s, args.positionals[0]);
        if (typeof job === 'string') {
          io.err(`ferry cancel: ${job}`);
          return EXIT_NOT_FOUND;
        }
        const result = s.scheduler.cancel(job.id);
        if (!result.ok) {
          io.err(`ferry cancel: ${result.error.message}`);
          return 1;
        }
        io.out(
          args.options.has('json')
            ? JSON.stringify(result.value, null, 2)
            : result.value.status === 'Canceled'
              ? `Canceled ${result.value.name}.`
              : `Asked the process running ${result.value.name} to cancel it.`,
        );
        return 0;
      }),
  },
  restart: {
    values: ['db', 'speed'],
    flags: ['wait', 'json'],
    positionals: [1, 1],
    run: (args, io) =>
      submitAndFollow(args, io, (s) => {
        const job = findJob(s, args.positionals[0]);
        if (typeof job === 'string') return { ok: false, error: { code: 'job-not-found', message: job } };
        return s.scheduler.restart(job.id);
      }),
  },
};
