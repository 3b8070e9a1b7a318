import { PERFORMANCE_OPTION_VALUES, type PerformanceOption } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { AGGRESSIVENESS_VALUES, type Aggressiveness, type OptimizeRequest } from '../../shared/model/optimize.js';
import type { Plan, PlanRequest, PlanWhatIf } from '../../shared/model/plan.js';
import { UsageError, type ParsedArgs } from './cli-args.js';
import { EXIT_NOT_FOUND, table, withServices, type CliIo, type Command } from './cli-command.js';
import { withRunner } from './cli-job-commands.js';

const NOT_FOUND_CODES = new Set(['host-not-found', 'vm-not-found', 'cluster-not-found', 'host-group-not-found']);
const ENDED = new Set(['Completed', 'Completed with info', 'Failed', 'Canceled']);

/** The request of `ferry plan --optimize`: --cluster C or --group G, --aggressiveness (medium unless said), --allow-standalone. */
function optimizeRequestOf(args: ParsedArgs): OptimizeRequest {
  for (const clash of ['evacuate', 'vms', 'to', 'save', 'leave']) {
    if (args.options.has(clash)) throw new UsageError(`--${clash} does not go with --optimize, which chooses the VMs and their destinations`);
  }
  const cluster = args.options.get('cluster') as string | undefined;
  const group = args.options.get('group') as string | undefined;
  if ((cluster === undefined) === (group === undefined))
    throw new UsageError('--optimize takes --cluster C or --group G (one of them; --group "All Hosts" for every cluster)');
  const level = (args.options.get('aggressiveness') as string | undefined) ?? 'medium';
  if (!(AGGRESSIVENESS_VALUES as readonly string[]).includes(level))
    throw new UsageError(`--aggressiveness must be ${AGGRESSIVENESS_VALUES.join(', ')}, not "${level}"`);
  return {
    scope: cluster !== undefined ? { cluster } : { group: group as string },
    aggressiveness: level as Aggressiveness,
    ...(args.options.has('allow-standalone') ? { allowStandalone: true } : {}),
  };
}

/** The request of `ferry plan`: --evacuate HOST, or --vms A,B,C [--to HOST|auto]. */
function requestOf(args: ParsedArgs): PlanRequest {
  for (const only of ['cluster', 'group', 'aggressiveness', 'allow-standalone']) {
    if (args.options.has(only)) throw new UsageError(`--${only} goes with --optimize`);
  }
  const evacuate = args.options.get('evacuate') as string | undefined;
  const vms = args.options.get('vms') as string | undefined;
  if ((evacuate === undefined) === (vms === undefined)) throw new UsageError('plan takes --evacuate HOST or --vms A,B,C (one of them)');
  if (evacuate !== undefined) {
    if (args.options.has('to')) throw new UsageError('--to goes with --vms; an evacuation chooses each destination');
    return { kind: 'evacuate', host: evacuate, cannotMove: args.options.has('save') ? 'save' : 'leave' };
  }
  const names = (vms as string)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--vms needs at least one VM name (A,B,C)');
  return { kind: 'vms', vms: names, to: (args.options.get('to') as string | undefined) ?? 'auto' };
}

/** The what-ifs: --limit HOST=N (live and storage), --performance OPT, --cap-gbps N, --naive. */
function whatIfOf(args: ParsedArgs): PlanWhatIf {
  const limits: Record<string, { live: number; storage: number }> = {};
  for (const item of args.lists.get('limit') ?? []) {
    const m = /^(.+)=(\d+)$/.exec(item);
    if (!m) throw new UsageError(`--limit takes HOST=N, got "${item}"`);
    limits[m[1].trim()] = { live: Number(m[2]), storage: Number(m[2]) };
  }
  const performance = args.options.get('performance') as string | undefined;
  if (performance !== undefined && !(PERFORMANCE_OPTION_VALUES as readonly string[]).includes(performance)) {
    throw new UsageError(`--performance must be ${PERFORMANCE_OPTION_VALUES.join(', ')}, not "${performance}"`);
  }
  const cap = args.options.get('cap-gbps') as string | undefined;
  if (cap !== undefined && !(Number(cap) > 0)) throw new UsageError(`--cap-gbps must be a number of Gbps above 0, not "${cap}"`);
  return {
    limits: Object.keys(limits).length ? limits : undefined,
    performanceOption: (performance as PerformanceOption | undefined) ?? null,
    bandwidthCapGbps: cap === undefined ? null : Number(cap),
    naive: args.options.has('naive'),
  };
}

/** The plan as `--json` prints it: exactly the keys outside tests read (and, for Optimize Hosts, `balance` and why each move). */
export function planJson(plan: Plan): unknown {
  const o = plan.optimize;
  if (o) {
    const base = planJson({ ...plan, optimize: undefined }) as { moves: Record<string, unknown>[] };
    const why = new Map(o.moves.map((m) => [m.vm, m]));
    return {
      ...base,
      moves: base.moves.map((m) => ({ ...m, reason: why.get(m.vm as string)?.reason.message, gain: why.get(m.vm as string)?.gain })),
      balance: o.balance,
      optimize: {
        aggressiveness: o.request.aggressiveness,
        leastGain: o.leastGain,
        summary: o.summary.message,
        thresholds: o.thresholds,
        skipped: o.skipped.map((k) => ({ host: k.host, code: k.code, message: k.message })),
      },
    };
  }
  return {
    moves: plan.moves.map((m) => ({
      vm: m.vm,
      from: m.from,
      to: m.to,
      transferType: m.transferType,
      start: m.start,
      end: m.end,
      downtime: m.downtime,
      ...(m.rule ? { rule: { code: m.rule.code, message: m.rule.message } } : {}),
    })),
    unmovable: plan.unmovable.map((u) => ({ vm: u.vm, reasons: u.reasons.map((r) => ({ code: r.code, message: r.message })) })),
    staying: plan.staying.map((st) => ({ vm: st.vm, reason: { code: st.reason.code, message: st.reason.message } })),
    makespan: plan.makespan,
    lowerBound: plan.lowerBound,
  };
}

const seconds = (s: number): string => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);

/** What a move waits for, in the plan's table: moves freeing memory it needs, and moves it runs after on a full network. */
function waitsFor(m: Plan['moves'][number]): string {
  return [...m.after.map((id) => `${id} (frees memory)`), ...m.follows.map((id) => `${id} (network full)`)].join(', ') || '-';
}

/** Optimize Hosts as text: the summary, each move's reason, and each host's memory and CPU before and after. */
function optimizeText(plan: Plan): string[] {
  const o = plan.optimize;
  if (!o) return [];
  const after = new Map(o.balance.after.hosts.map((h) => [h.host, h]));
  const lines = [o.summary.message, ''];
  if (o.balance.before.hosts.length) {
    lines.push(
      table([
        ['HOST', 'MEMORY BEFORE', 'MEMORY AFTER', 'CPU BEFORE', 'CPU AFTER', 'THRESHOLDS (FREE)'],
        ...o.balance.before.hosts.map((h) => {
          const a = after.get(h.host);
          const t = o.thresholds.find((x) => x.host === h.host);
          return [
            h.host,
            `${h.memoryPercent}%`,
            `${a?.memoryPercent ?? h.memoryPercent}%`,
            `${h.cpuPercent}%`,
            `${a?.cpuPercent ?? h.cpuPercent}%`,
            t ? `memory ${t.memoryFreePercent}%, CPU ${t.cpuFreePercent}%` : '-',
          ];
        }),
      ]),
      '',
    );
  }
  for (const k of o.skipped) lines.push(k.message);
  if (o.skipped.length) lines.push('');
  return lines;
}

/** The plan as text: the moves in order with their predicted times, what cannot move and why, the window and its bound. */
export function planText(plan: Plan): string {
  const lines: string[] = optimizeText(plan);
  if (plan.optimize && plan.moves.length === 0) return lines.join('\n').trimEnd();
  if (plan.moves.length) {
    lines.push(
      table([
        ['#', 'VM', 'FROM', 'TO', 'TRANSFER', 'START', 'END', 'DOWNTIME', 'WAITS FOR'],
        ...plan.moves.map((m) => [
          m.id,
          m.vm,
          m.from,
          m.to,
          m.transferType,
          seconds(m.start),
          seconds(m.end),
          `${Math.round(m.downtime * 1000)} ms`,
          waitsFor(m),
        ]),
      ]),
    );
    for (const m of plan.moves) if (m.rule) lines.push(`${m.id} ${m.vm}: ${m.rule.message}`);
    for (const m of plan.moves) {
      const why = plan.optimize?.moves.find((x) => x.vm === m.vm);
      if (why) lines.push(`${m.id} ${m.vm}: ${why.reason.message}`);
    }
  } else {
    lines.push('No move to make.');
  }
  for (const u of plan.unmovable) {
    lines.push('', `${u.vm} cannot move${u.action === 'leave' ? ' (it stays running where it is)' : ''}:`);
    for (const r of u.reasons) lines.push(`  ${r.code}: ${r.message}`);
  }
  for (const st of plan.staying) lines.push('', `${st.vm} stays on ${st.host}:`, `  ${st.reason.code}: ${st.reason.message}`);
  for (const w of plan.warnings) lines.push('', `Warning: ${w.message}`);
  lines.push('', `Predicted window: ${seconds(plan.makespan)}. Lower bound: ${seconds(plan.lowerBound)} (${plan.lowerBoundBasis}).`);
  return lines.join('\n');
}

/** `ferry plan`: preview, export or run many moves at once. */
export const PLAN_COMMANDS: Record<string, Command> = {
  plan: {
    values: ['db', 'evacuate', 'vms', 'to', 'limit', 'performance', 'cap-gbps', 'speed', 'cluster', 'group', 'aggressiveness'],
    flags: ['json', 'run', 'wait', 'script', 'save', 'leave', 'naive', 'optimize', 'allow-standalone'],
    positionals: [0, 0],
    run: (args, io) => {
      if (args.options.has('optimize')) return optimizeRun(args, io);
      const request = requestOf(args);
      const whatIf = whatIfOf(args);
      if (args.options.has('save') && args.options.has('leave')) throw new UsageError('--save and --leave: choose one for VMs that cannot move');
      if (args.options.has('wait') && !args.options.has('run')) throw new UsageError('--wait goes with --run');
      if (args.options.has('script') && args.options.has('run')) throw new UsageError("--script prints the plan's PowerShell; leave out --run");
      if (!args.options.has('run')) {
        return withServices(args, async (s) => {
          if (args.options.has('script')) {
            const script = s.plans.script(request, whatIf);
            if (!script.ok) return fail(io, script.error.code, script.error.message);
            io.out(script.value.trimEnd());
            return 0;
          }
          const plan = s.plans.plan(request, whatIf);
          if (!plan.ok) return fail(io, plan.error.code, plan.error.message);
          io.out(args.options.has('json') ? JSON.stringify(planJson(plan.value), null, 2) : planText(plan.value));
          return 0;
        });
      }
      return withRunner(args, io, async (s, appRuns) => {
        const started = s.plans.run(request, whatIf);
        if (!started.ok) return fail(io, started.error.code, started.error.message);
        const { group, plan } = started.value;
        if (!args.options.has('wait')) {
          if (args.options.has('json')) io.out(JSON.stringify({ group, ...(planJson(plan) as object) }, null, 2));
          else
            io.out(
              `${group.name}: ${group.counts.total} jobs in group ${group.id}${appRuns ? ', run by the Ferry app serving this database' : ''}.\n\n${planText(plan)}`,
            );
          if (appRuns) return 0;
        }
        let last = '';
        for (;;) {
          const jobs = s.jobs.ofGroup(group.id);
          const done = jobs.filter((j) => ENDED.has(j.status)).length;
          const line = `${done} of ${jobs.length} jobs ended (${jobs.filter((j) => j.status === 'Running').length} running)`;
          if (line !== last && args.options.has('wait')) io.err(line);
          last = line;
          if (done === jobs.length) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        const ended = s.plans.group(group.id);
        const jobs = s.jobs.ofGroup(group.id);
        if (args.options.has('wait')) {
          if (args.options.has('json')) io.out(JSON.stringify({ group: ended, jobs }, null, 2));
          else
            io.out(`${ended?.name}: ${ended?.state}.\n${jobs.map((j: Job) => `  ${j.name}: ${j.status}${j.error ? ` — ${j.error.problem}` : ''}`).join('\n')}`);
        }
        return ended?.state === 'Completed' ? 0 : 1;
      });
    },
  },
};

/**
 * `ferry plan --optimize`: Optimize Hosts as a plan (preview, --json, --script), or --run: the same moves run as a
 * plan of those VMs pinned to their destinations.
 */
function optimizeRun(args: ParsedArgs, io: CliIo): Promise<number> {
  const request = optimizeRequestOf(args);
  const whatIf = whatIfOf(args);
  if (args.options.has('wait') && !args.options.has('run')) throw new UsageError('--wait goes with --run');
  if (args.options.has('script') && args.options.has('run')) throw new UsageError("--script prints the plan's PowerShell; leave out --run");
  if (!args.options.has('run')) {
    return withServices(args, async (s) => {
      const plan = s.plans.optimize(request, whatIf);
      if (!plan.ok) return fail(io, plan.error.code, plan.error.message);
      if (args.options.has('script')) {
        if (plan.value.moves.length === 0) {
          io.out(plan.value.optimize?.summary.message ?? 'No move to make.');
          return 0;
        }
        const script = s.plans.script(plan.value.request, whatIf);
        if (!script.ok) return fail(io, script.error.code, script.error.message);
        io.out(script.value.trimEnd());
        return 0;
      }
      io.out(args.options.has('json') ? JSON.stringify(planJson(plan.value), null, 2) : planText(plan.value));
      return 0;
    });
  }
  return withRunner(args, io, async (s, appRuns) => {
    const plan = s.plans.optimize(request, whatIf);
    if (!plan.ok) return fail(io, plan.error.code, plan.error.message);
    if (plan.value.moves.length === 0) {
      io.out(args.options.has('json') ? JSON.stringify(planJson(plan.value), null, 2) : planText(plan.value));
      return 0;
    }
    const started = s.plans.run(plan.value.request, whatIf);
    if (!started.ok) return fail(io, started.error.code, started.error.message);
    const { group } = started.value;
    const shown = { ...started.value.plan, optimize: plan.value.optimize };
    if (!args.options.has('wait')) {
      if (args.options.has('json')) io.out(JSON.stringify({ group, ...(planJson(shown) as object) }, null, 2));
      else
        io.out(
          `${group.name}: ${group.counts.total} jobs in group ${group.id}${appRuns ? ', run by the Ferry app serving this database' : ''}.\n\n${planText(shown)}`,
        );
      if (appRuns) return 0;
    }
    for (;;) {
      const jobs = s.jobs.ofGroup(group.id);
      if (jobs.every((j) => ENDED.has(j.status))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const ended = s.plans.group(group.id);
    if (args.options.has('wait')) {
      const jobs = s.jobs.ofGroup(group.id);
      if (args.options.has('json')) io.out(JSON.stringify({ group: ended, jobs, balance: plan.value.optimize?.balance }, null, 2));
      else io.out(`${ended?.name}: ${ended?.state}.\n${jobs.map((j: Job) => `  ${j.name}: ${j.status}${j.error ? ` — ${j.error.problem}` : ''}`).join('\n')}`);
    }
    return ended?.state === 'Completed' ? 0 : 1;
  });
}

/** `ferry maintenance stop HOST [--start-saved]`: Stop Maintenance Mode as a job, starting the saved VMs if asked. */
export const MAINTENANCE_COMMANDS: Record<string, Command> = {
  maintenance: {
    values: ['db'],
    flags: ['json', 'start-saved'],
    positionals: [2, 2],
    run: (args, io) => {
      const [action, host] = args.positionals;
      if (action !== 'stop') throw new UsageError(`maintenance takes "stop HOST", not "${action}" (start it with plan --evacuate HOST --run)`);
      return withServices(args, async (s) => {
        const saved = s.plans.maintenanceSavedVms(host);
        if (!saved.ok) return failAs(io, 'maintenance', saved.error.code, saved.error.message);
        const startVms = args.options.has('start-saved') ? saved.value.vms : [];
        const stopped = s.plans.maintenanceStop(host, startVms);
        if (!stopped.ok) return failAs(io, 'maintenance', stopped.error.code, stopped.error.message);
        // A real host answers Start-VM later: wait for the Start jobs before the services close.
        let starts = stopped.value.starts;
        while (starts.some((j) => !ENDED.has(j.status))) {
          await new Promise((r) => setTimeout(r, 250));
          starts = starts.map((j) => s.jobs.get(j.id) ?? j);
        }
        const job = s.jobs.get(stopped.value.job.id) ?? stopped.value.job;
        const failed = job.status === 'Failed' || starts.some((j) => j.status === 'Failed');
        if (args.options.has('json')) {
          io.out(JSON.stringify({ job, starts, stillSaved: startVms.length === 0 ? saved.value.vms : [] }, null, 2));
          return failed ? 1 : 0;
        }
        io.out(`${job.name}: ${job.status}. ${job.summary ?? job.error?.problem ?? ''}`.trimEnd());
        for (const j of starts) io.out(`  ${j.name}: ${j.status}${j.error ? ` — ${j.error.problem}` : ''}`);
        if (startVms.length === 0 && saved.value.vms.length > 0) {
          io.out(`Saved by the evacuation, still saved: ${saved.value.vms.join(', ')} (start them with --start-saved, or one by one in the console).`);
        }
        return failed ? 1 : 0;
      });
    },
  },
};

function failAs(io: CliIo, command: string, code: string, message: string): number {
  io.err(`ferry ${command}: ${message}`);
  return NOT_FOUND_CODES.has(code) ? EXIT_NOT_FOUND : 1;
}

function fail(io: CliIo, code: string, message: string): number {
  io.err(`ferry plan: ${message}`);
  return NOT_FOUND_CODES.has(code) ? EXIT_NOT_FOUND : 1;
}
