import { PERFORMANCE_OPTION_VALUES, type PerformanceOption } from '../../shared/model/inventory.js';
import type { HostRating } from '../../shared/model/placement.js';
import type { ErrorDto } from '../../shared/model/result.js';
import { UsageError, type ParsedArgs } from './cli-args.js';
import { EXIT_NOT_FOUND, table, withServices, type CliIo, type Command } from './cli-command.js';

/** Error codes that mean a name the user typed is not in the inventory. */
const NOT_FOUND = new Set(['vm-not-found', 'host-not-found', 'vm-host-not-found']);

function fail(io: CliIo, command: string, error: ErrorDto): number {
  io.err(`ferry ${command}: ${error.message}`);
  return NOT_FOUND.has(error.code) ? EXIT_NOT_FOUND : 1;
}

const stars = (rating: number): string => `${'★'.repeat(Math.floor(rating))}${rating % 1 ? '½' : ''}`.padEnd(5, '·');

function describeRows(vm: string, rows: HostRating[]): string {
  const lines = [['RATING', 'HOST', 'CLUSTER', 'TRANSFER', 'AVAILABLE', 'NOTES']];
  for (const r of rows) {
    const notes = [...r.reasons, ...r.warnings].map((i) => i.code).join(', ');
    lines.push([`${stars(r.rating)} ${r.rating.toFixed(1)}`, r.host, r.cluster ?? '-', r.transferType ?? '-', r.available ? 'yes' : 'no', notes]);
  }
  const available = rows.filter((r) => r.available).length;
  return `Destinations for ${vm}: ${available} of ${rows.length} hosts available.\n\n${table(lines)}`;
}

/** The --performance option, matched ignoring case. */
export function performanceOf(args: ParsedArgs): PerformanceOption | null {
  const value = args.options.get('performance');
  if (value === undefined) return null;
  const match = PERFORMANCE_OPTION_VALUES.find((o) => o.toLowerCase() === String(value).toLowerCase());
  if (!match) throw new UsageError(`--performance must be one of ${PERFORMANCE_OPTION_VALUES.join(', ')}, not "${String(value)}"`);
  return match;
}

/** The --disk SRC=DST options: VHDs placed individually, each in its own folder. */
export function disksOf(args: ParsedArgs): { path: string; destination: string }[] {
  return (args.lists.get('disk') ?? []).map((d) => {
    const eq = d.indexOf('=');
    if (eq <= 0 || eq === d.length - 1) throw new UsageError(`--disk takes SOURCE=DESTINATION_FOLDER, not "${d}"`);
    return { path: d.slice(0, eq), destination: d.slice(eq + 1) };
  });
}

/** The commands of Select Host, Select Path and View Script. */
export const MIGRATION_COMMANDS: Record<string, Command> = {
  hosts: {
    values: ['db'],
    flags: ['json', 'explain'],
    positionals: [1, 1],
    run: (args, io) =>
      withServices(args, async (s) => {
        const vm = args.positionals[0];
        const rows = s.migration.selectHosts(vm);
        if (!rows.ok) return fail(io, 'hosts', rows.error);
        if (args.options.has('json')) {
          const explain = args.options.has('explain');
          io.out(
            JSON.stringify(
              rows.value.map((r) => ({
                host: r.host,
                cluster: r.cluster,
                rating: r.rating,
                transferType: r.transferType,
                available: r.available,
                reasons: r.reasons.map(({ code, message }) => ({ code, message })),
                warnings: r.warnings.map(({ code, message }) => ({ code, message })),
                ...(explain ? { ratingExplanation: r.ratingExplanation, transferExplanation: r.transferExplanation } : {}),
              })),
              null,
              2,
            ),
          );
          return 0;
        }
        const name = s.inventory.snapshot().inventory.vms.find((v) => v.name.toLowerCase() === vm.toLowerCase())?.name ?? vm;
        io.out(describeRows(name, rows.value));
        if (args.options.has('explain')) {
          for (const r of rows.value) {
            io.out(`\n${r.host}:`);
            for (const line of [...r.reasons, ...r.warnings]) io.out(`  [${line.code}] ${line.message}`);
            for (const line of [...r.ratingExplanation, ...r.transferExplanation]) io.out(`  ${line}`);
          }
        }
        return 0;
      }),
  },
  'check-path': {
    values: ['db'],
    flags: ['json'],
    positionals: [2, 2],
    run: (args, io) =>
      withServices(args, async (s) => {
        const [host, path] = args.positionals;
        const check = s.migration.checkPath(host, path);
        if (check.code === 'host-not-found') {
          io.err(`ferry check-path: ${check.message}`);
          return EXIT_NOT_FOUND;
        }
        if (args.options.has('json')) io.out(JSON.stringify({ valid: check.valid, code: check.code, message: check.message }, null, 2));
        else io.out(`${check.valid ? 'valid' : `invalid (${check.code})`}: ${check.message}`);
        return 0;
      }),
  },
  script: {
    values: ['db', 'to', 'path', 'performance', 'disk'],
    flags: ['storage'],
    positionals: [1, 1],
    run: (args, io) => {
      const vm = args.positionals[0];
      const to = args.options.get('to') as string | undefined;
      const path = args.options.get('path') as string | undefined;
      const storage = args.options.has('storage');
      const disks = disksOf(args);
      if (storage === (to !== undefined)) throw new UsageError('give either --to HOST (a VM migration) or --storage --path P (a storage migration)');
      if (storage && path === undefined && disks.length === 0)
        throw new UsageError('--storage needs --path P (the whole VM), or --disk SRC=DST for chosen VHDs');
      const performanceOption = performanceOf(args);
      if (storage && performanceOption) throw new UsageError('--performance applies to a VM migration (--to HOST), not to --storage');
      return withServices(args, async (s) => {
        const script = storage
          ? s.migration.storageScript(
              disks.length === 0 ? { vm, scope: 'whole-vm', path: path as string } : { vm, scope: 'per-disk', configurationPath: path ?? null, disks },
            )
          : s.migration.vmScript({
              vm,
              destinationHost: to as string,
              destinationPath: path ?? null,
              performanceOption,
              diskDestinations: disks.length ? disks : null,
            });
        if (!script.ok) return fail(io, 'script', script.error);
        io.out(script.value);
        return 0;
      });
    },
  },
};
