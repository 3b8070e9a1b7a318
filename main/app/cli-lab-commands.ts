import type { LabStatus } from '../../shared/model/lab.js';
import type { Job } from '../../shared/model/job.js';
import type { Result } from '../../shared/model/result.js';
import { UsageError } from './cli-args.js';
import { table, withServices, type CliIo, type Command } from './cli-command.js';

const ACTIONS = ['start', 'status', 'stop'] as const;

/** The lab's status as text: where it lives, its hosts, its VMs and their heartbeats. */
export function labStatusText(s: LabStatus): string {
  if (!s.running) return `The lab is not running (QEMU ${s.qemu}). Start it with "ferry lab start".`;
  const lines = [
    `Lab running since ${s.startedAt ?? '?'} in ${s.root}: QEMU ${s.qemu} (software emulation), ${s.processes} QEMU processes.`,
    s.inInventory ? '' : 'The inventory does not hold the Lab host group (an import replaced it): run "ferry lab start" to add it back.',
    table([['HOST', 'ADDRESS', 'MIGRATION NETWORK', 'VMS'], ...s.hosts.map((h) => [h.name, h.address, `${h.gbps} Gbps x ${h.nics} NIC`, String(h.vms)])]),
    '',
    table([
      ['VM', 'HOST', 'STATE', 'MEMORY', 'DIRTY RATE', 'PID', 'HEARTBEAT', 'MEMORY CHECK'],
      ...s.vms.map((v) => [
        v.vm,
        v.host,
        v.state,
        `${v.memoryMB} MB`,
        `${v.dirtyRateMBps} MB/s`,
        v.pid === null ? '-' : String(v.pid),
        v.heartbeat ? `#${v.heartbeat.seq} (${v.heartbeat.upSeconds} s up)` : '-',
        v.corrupt ? 'CORRUPTED' : 'ok',
      ]),
    ]),
  ];
  return lines.filter((l, i) => l !== '' || i > 1).join('\n');
}

function report(io: CliIo, json: boolean, action: string, result: Result<{ job: Job; status: LabStatus }>): number {
  if (!result.ok) {
    if (json) io.out(JSON.stringify({ ok: false, error: result.error }, null, 2));
    io.err(`ferry lab ${action}: ${result.error.message}`);
    return 1;
  }
  if (json) io.out(JSON.stringify(result.value.status, null, 2));
  else io.out(`${result.value.job.summary ?? ''}\n\n${labStatusText(result.value.status)}`);
  return 0;
}

/** `ferry lab start|status|stop`: the QEMU lab from a terminal. */
export const LAB_COMMANDS: Record<string, Command> = {
  lab: {
    values: ['db'],
    flags: ['json'],
    positionals: [1, 1],
    run: (args, io) => {
      const action = args.positionals[0];
      if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`lab takes ${ACTIONS.join(', ')}, got "${action}"`);
      const json = args.options.has('json');
      return withServices(args, async (s) => {
        if (action === 'status') {
          const status = await s.lab.status();
          io.out(json ? JSON.stringify(status, null, 2) : labStatusText(status));
          return 0;
        }
        if (action === 'start') io.err('Starting the lab: checking QEMU, building the guest if needed, booting the lab VMs…');
        return report(io, json, action, action === 'start' ? await s.lab.start() : await s.lab.stop());
      });
    },
  },
};
