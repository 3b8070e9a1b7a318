import type { DoctorCheckName } from '../../shared/model/doctor.js';
import { defaultDatabasePath } from '../infra/paths.js';
import { runDoctor } from '../services/doctor.js';
import type { Command } from './cli-command.js';

const TITLES: Record<DoctorCheckName, string> = {
  'electron-binary': "Electron's binary (the desktop window)",
  'sqlite-node': 'SQLite module for Node (the CLI, the headless host)',
  'sqlite-electron': 'SQLite module for Electron (the desktop app)',
  powershell: 'PowerShell',
  'hyperv-module': 'Hyper-V PowerShell module',
  'failoverclusters-module': 'FailoverClusters PowerShell module',
  qemu: 'QEMU (the lab)',
  chromium: 'Chromium (the end-to-end tests)',
  database: 'Database',
};

/** `ferry doctor [--db PATH] [--json]`: checks this installation; exit 0 when the console has all it needs, else 1. */
export const DOCTOR_COMMANDS: Record<string, Command> = {
  doctor: {
    values: ['db'],
    flags: ['json'],
    positionals: [0, 0],
    run: async (args, io) => {
      const report = await runDoctor({ databasePath: (args.options.get('db') as string | undefined) ?? defaultDatabasePath() });
      if (args.options.has('json')) {
        io.out(JSON.stringify(report, null, 2));
        return report.ok ? 0 : 1;
      }
      for (const c of report.checks) {
        const mark = c.ok ? 'ok  ' : c.required ? 'FAIL' : 'warn';
        io.out(`${mark}  ${TITLES[c.name]}: ${c.detail}`);
        if (c.fix) io.out(`      fix: ${c.fix}`);
      }
      io.out(
        report.ok
          ? '\nEverything the console needs is here (warn: optional, or needed only for real Hyper-V hosts, the lab or the tests).'
          : '\nSomething the console needs is missing: see FAIL above.',
      );
      return report.ok ? 0 : 1;
    },
  },
};
