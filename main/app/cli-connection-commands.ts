import {
  CONNECTION_IDENTITY_VALUES,
  CONNECTION_MODE_VALUES,
  CONNECTOR_KIND_VALUES,
  type ConnectionProblem,
  type ConnectionSettingsChange,
  type ConnectionSettingsView,
  type InventoryRefreshSummary,
} from '../../shared/model/connection.js';
import type { ImportProblem } from '../../shared/model/import.js';
import type { Result } from '../../shared/model/result.js';
import { UsageError, type ParsedArgs } from './cli-args.js';
import { EXIT_NOT_FOUND, table, withServices, type CliIo, type Command } from './cli-command.js';

/** What `--set` takes, and the values each name allows. */
const SETTABLE: Record<string, readonly string[] | null> = {
  connector: CONNECTOR_KIND_VALUES,
  mode: CONNECTION_MODE_VALUES,
  identity: CONNECTION_IDENTITY_VALUES,
  userName: null,
};

/** Said when a password is offered on the command line, where it would land in shell history and process lists. */
export const NO_PASSWORD_ON_COMMAND_LINE =
  'passwords are never taken on the command line (they would stay in your shell history and be visible to other processes). ' +
  'Set the password in the Ferry desktop app (Host > Connection Settings…), which stores it encrypted for your Windows account, ' +
  'or sign in with the current Windows identity: --set identity=current';

function changeOf(hostGroup: string, args: ParsedArgs): ConnectionSettingsChange {
  const change: ConnectionSettingsChange = { hostGroup };
  for (const item of args.lists.get('set') ?? []) {
    const eq = item.indexOf('=');
    if (eq === -1) throw new UsageError(`--set takes NAME=VALUE, got "${item}"`);
    const name = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (/^pass(word)?$/i.test(name)) throw new UsageError(NO_PASSWORD_ON_COMMAND_LINE);
    if (!(name in SETTABLE)) throw new UsageError(`--set ${name}: not a connection setting; use ${Object.keys(SETTABLE).join(', ')}`);
    const allowed = SETTABLE[name];
    if (allowed && !allowed.includes(value)) throw new UsageError(`--set ${name}: expected ${allowed.join(' or ')}, got "${value}"`);
    (change as unknown as Record<string, string | null>)[name] = name === 'userName' && value === '' ? null : value;
  }
  return change;
}

function describe(view: ConnectionSettingsView): string {
  const rows = [
    ['SETTING', 'VALUE'],
    ['connector', view.connector === 'hyperv' ? 'hyperv (real Hyper-V hosts, through PowerShell)' : 'simulator (offline planning)'],
    ['mode', view.mode === 'local' ? 'local (PowerShell on this computer with -ComputerName)' : 'winrm-https (PowerShell remoting over HTTPS, port 5986)'],
    ['identity', view.identity === 'current' ? 'current (the current Windows identity)' : `credentials (${view.userName ?? '?'})`],
    ['password', view.hasPassword ? 'stored, encrypted by the Ferry desktop app' : 'none'],
  ];
  return [`Connection settings of ${view.hostGroup}${view.saved ? '' : ' (not set: the defaults)'}`, '', table(rows)].join('\n');
}

function json(view: ConnectionSettingsView): unknown {
  return {
    hostGroup: view.hostGroup,
    connector: view.connector,
    mode: view.mode,
    identity: view.identity,
    userName: view.userName,
    hasPassword: view.hasPassword,
    saved: view.saved,
  };
}

function printFailure(io: CliIo, command: string, result: Extract<Result<unknown>, { ok: false }>): number {
  io.err(`ferry ${command}: ${result.error.message}`);
  const detail = result.error.detail as { problems?: (ImportProblem | ConnectionProblem)[]; recommendedAction?: string } | undefined;
  for (const p of detail?.problems ?? []) {
    if ('path' in p) io.err(`  ${p.path}: ${p.message}`);
  }
  if (detail?.recommendedAction) io.err(`What to do: ${detail.recommendedAction}`);
  return result.error.code === 'host-group-not-found' ? EXIT_NOT_FOUND : 1;
}

/** A count and its noun, singular for one: "1 cluster", "2 hosts". */
const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function describeRefresh(r: InventoryRefreshSummary): string {
  const lines = [`Refreshed ${r.hostGroup} from Hyper-V: ${counted(r.hosts, 'host')}, ${counted(r.clusters, 'cluster')}, ${counted(r.vms, 'VM')}.`];
  for (const u of r.unreachable) lines.push(`  ${u.host} was not reachable (kept as NotResponding): ${u.problem}`, `    What to do: ${u.recommendedAction}`);
  return lines.join('\n');
}

/** `ferry connection` and `ferry refresh`. */
export const CONNECTION_COMMANDS: Record<string, Command> = {
  connection: {
    values: ['db', 'set'],
    flags: ['json'],
    positionals: [0, 1],
    run: (args, io) => {
      const group = args.positionals[0];
      return withServices(args, async (s) => {
        if (group === undefined) {
          const rows = [['HOST GROUP', 'CONNECTOR', 'MODE', 'IDENTITY']];
          const all = s.connections.list();
          if (args.options.has('json')) {
            io.out(
              JSON.stringify(
                all.map((c) => json({ ...c, passwordStorage: { available: false, reason: null } })),
                null,
                2,
              ),
            );
            return 0;
          }
          for (const c of all) rows.push([c.hostGroup, c.connector, c.mode, c.identity === 'credentials' ? `credentials (${c.userName ?? '?'})` : 'current']);
          io.out(table(rows));
          return 0;
        }
        const result = args.lists.has('set') ? s.connections.set(changeOf(group, args)) : s.connections.get(group);
        if (!result.ok) return printFailure(io, 'connection', result);
        io.out(args.options.has('json') ? JSON.stringify(json(result.value), null, 2) : describe(result.value));
        return 0;
      });
    },
  },
  refresh: {
    values: ['db', 'group'],
    flags: ['json'],
    positionals: [0, 0],
    run: (args, io) =>
      withServices(args, async (s) => {
        const group = args.options.get('group') as string | undefined;
        const result = group !== undefined ? await s.refresh.refresh(group) : await s.refresh.refreshAll();
        if (!result.ok) {
          if (args.options.has('json')) io.out(JSON.stringify({ ok: false, error: result.error }, null, 2));
          return printFailure(io, 'refresh', result);
        }
        const summaries = Array.isArray(result.value) ? result.value : [result.value];
        if (args.options.has('json')) io.out(JSON.stringify({ ok: true, refreshed: summaries }, null, 2));
        else io.out(summaries.map(describeRefresh).join('\n'));
        return 0;
      }),
  },
};
