import type { LiveMigrationSettings } from '../../shared/model/inventory.js';
import {
  formatSettingsProblem,
  LIVE_MIGRATION_FIELDS,
  parseSettingText,
  type HostSettingsView,
  type LiveMigrationField,
  type SettingsProblem,
  type SettingsTarget,
} from '../../shared/model/live-migration-settings.js';
import type { Job } from '../../shared/model/job.js';
import { resolveSettingsTarget } from '../domain/host-settings/settings-targets.js';
import type { AppServices } from '../services/app-services.js';
import { UsageError, type ParsedArgs } from './cli-args.js';
import { EXIT_NOT_FOUND, table, withServices, type CliIo, type Command } from './cli-command.js';

/** Error codes that mean a name the user typed is not in the inventory. */
const NOT_FOUND = new Set(['host-not-found', 'host-group-not-found', 'cluster-not-found', 'no-hosts']);

/** What each setting is in Hyper-V Manager's words, for the plain-text listing. */
const LABELS: Record<LiveMigrationField, string> = {
  enabled: 'Enable incoming and outgoing live migrations',
  maxLive: 'Simultaneous live migrations',
  maxStorage: 'Simultaneous storage migrations',
  performanceOption: 'Performance option (TCPIP, Compression, SMB)',
  authentication: 'Authentication protocol (CredSSP, Kerberos)',
  useAnyNetwork: 'Use any available network for live migration',
  networks: 'Use these IP addresses for live migration, in order',
};

/** The settings as JSON with exactly the format's `liveMigration` keys, in its order. */
function settingsJson(settings: LiveMigrationSettings): LiveMigrationSettings {
  return {
    enabled: settings.enabled,
    maxLive: settings.maxLive,
    maxStorage: settings.maxStorage,
    performanceOption: settings.performanceOption,
    authentication: settings.authentication,
    useAnyNetwork: settings.useAnyNetwork,
    networks: [...settings.networks],
  };
}

const valueText = (field: LiveMigrationField, settings: LiveMigrationSettings): string =>
  field === 'networks' ? (settings.networks.length > 0 ? settings.networks.join(', ') : '(none)') : String(settings[field]);

function describeHost(view: HostSettingsView): string {
  const where = `${view.hostGroup}, ${view.cluster ? `cluster ${view.cluster}` : 'standalone'}${view.state === 'Responding' ? '' : `, ${view.state}`}`;
  const rows = [['SETTING', 'VALUE', 'IN HYPER-V SETTINGS']];
  for (const field of LIVE_MIGRATION_FIELDS) rows.push([field, valueText(field, view.settings), LABELS[field]]);
  const lines = [`Hyper-V settings of ${view.host} (${where})`, '', table(rows)];
  if (view.clusterMaxParallelMigrations !== null) {
    lines.push('', `The cluster ${view.cluster} allows at most ${view.clusterMaxParallelMigrations} parallel migrations; that limit wins over maxLive.`);
  }
  return lines.join('\n');
}

/** Reads the --set options into a change; a wrong name is a usage error, a wrong value a problem (as the dialog shows it). */
function changeOf(args: ParsedArgs): { change: Record<string, unknown>; problems: SettingsProblem[] } {
  const change: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const assignment of args.lists.get('set') ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes SETTING=VALUE (like maxLive=4), not "${assignment}"`);
    const name = assignment.slice(0, eq).trim();
    const field = LIVE_MIGRATION_FIELDS.find((f) => f.toLowerCase() === name.toLowerCase());
    if (!field) throw new UsageError(`"${name}" is not a setting; the settings are ${LIVE_MIGRATION_FIELDS.join(', ')}`);
    if (field in change) throw new UsageError(`--set ${field} is given twice`);
    const parsed = parseSettingText(field, assignment.slice(eq + 1));
    if (parsed.ok) change[field] = parsed.value;
    else problems.push(...parsed.problems);
  }
  return { change, problems };
}

/** HOST, --group NAME or --cluster NAME: exactly one of them. */
function targetOf(args: ParsedArgs): SettingsTarget {
  const group = args.options.get('group');
  const cluster = args.options.get('cluster');
  const host = args.positionals[0];
  const given = [host, group, cluster].filter((x) => x !== undefined).length;
  if (given !== 1) throw new UsageError('give one HOST, or --group NAME, or --cluster NAME');
  if (typeof group === 'string') return { hostGroup: group };
  if (typeof cluster === 'string') return { cluster };
  return { host };
}

function printProblems(io: CliIo, problems: readonly SettingsProblem[]): number {
  io.err('ferry host-settings: The settings were not changed:');
  for (const p of problems) io.err(`  ${formatSettingsProblem(p)}`);
  return 1;
}

/** Shows the settings of a host, or of every host of a group or cluster. */
function show(s: AppServices, target: SettingsTarget, args: ParsedArgs, io: CliIo): number {
  const resolved = resolveSettingsTarget(target, s.inventory.snapshot().inventory);
  if (!resolved.ok) {
    io.err(`ferry host-settings: ${resolved.error.message}`);
    return EXIT_NOT_FOUND;
  }
  const views = resolved.value.hosts.map((h) => s.hostSettings.get(h.name)).flatMap((r) => (r.ok ? [r.value] : []));
  if (args.options.has('json')) {
    io.out(
      JSON.stringify('host' in target ? settingsJson(views[0].settings) : Object.fromEntries(views.map((v) => [v.host, settingsJson(v.settings)])), null, 2),
    );
    return 0;
  }
  if ('host' in target) {
    io.out(describeHost(views[0]));
    return 0;
  }
  const rows = [['HOST', ...LIVE_MIGRATION_FIELDS]];
  for (const v of views) rows.push([v.host, ...LIVE_MIGRATION_FIELDS.map((f) => valueText(f, v.settings))]);
  io.out(`Hyper-V settings of the ${views.length} hosts in ${resolved.value.name}\n\n${table(rows)}`);
  return 0;
}

/** Applies the change as a job and waits for it to end. */
async function change(s: AppServices, target: SettingsTarget, args: ParsedArgs, io: CliIo): Promise<number> {
  const resolved = resolveSettingsTarget(target, s.inventory.snapshot().inventory);
  if (!resolved.ok) {
    io.err(`ferry host-settings: ${resolved.error.message}`);
    return EXIT_NOT_FOUND;
  }
  const { change: values, problems } = changeOf(args);
  if (problems.length > 0) return printProblems(io, problems);
  const applied = s.hostSettings.apply(target, values);
  if (!applied.ok) {
    if (applied.error.code === 'settings-invalid') return printProblems(io, (applied.error.detail as { problems: SettingsProblem[] }).problems);
    io.err(`ferry host-settings: ${applied.error.message}`);
    return NOT_FOUND.has(applied.error.code) ? EXIT_NOT_FOUND : 1;
  }
  const job: Job = await applied.value.done;
  if (args.options.has('json')) io.out(JSON.stringify(job, null, 2));
  else {
    io.out(`${job.name}: ${job.status}${job.summary ? `. ${job.summary}` : ''}`);
    if (job.error) io.err(`Problem: ${job.error.problem}\nRecommended action: ${job.error.recommendedAction}`);
  }
  return job.status === 'Completed' ? 0 : 1;
}

/** `ferry host-settings`: show a host's Hyper-V settings, or change them (one host, a host group or a cluster) as a job. */
export const HOST_SETTINGS_COMMANDS: Record<string, Command> = {
  'host-settings': {
    values: ['db', 'set', 'group', 'cluster'],
    flags: ['json'],
    positionals: [0, 1],
    run: (args, io) => {
      const target = targetOf(args);
      changeOf(args); // a wrong name or form is a usage error before the database opens
      return withServices(args, async (s) => (args.lists.has('set') ? change(s, target, args, io) : show(s, target, args, io)));
    },
  },
};
