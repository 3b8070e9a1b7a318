import type { Host, PerformanceOption } from '../../../shared/model/inventory.js';
import type { TransferType } from '../../../shared/model/placement.js';
import { qemuMigrationSettings } from '../lab/qemu-migration-settings.js';
import { scriptText } from './script-parts.js';

/**
 * View Script for a move between QEMU lab hosts (issue 6). Ferry moves lab VMs with QMP, QEMU's JSON
 * protocol, not PowerShell: the "script" says so and lists, as comments, the commands Ferry sends, with
 * the migration settings it uses (`qemuMigrationSettings`, the same the lab connector applies). Like
 * every script's comments, it carries numbers and QEMU's words only, never an inventory value.
 */

const json = (value: unknown): string => JSON.stringify(value);

/** The QMP steps of a VM migration between two lab hosts. */
export function labVmMigrationScript(
  transferType: TransferType,
  option: PerformanceOption,
  source: Pick<Host, 'migrationNetwork'>,
  destination: Pick<Host, 'migrationNetwork'>,
  disks: number,
): string {
  const lines = [
    `# Ferry: migrate a virtual machine, transfer type ${transferType}, between QEMU lab hosts.`,
    '# Lab hosts are QEMU processes on this computer: Ferry moves the VM over QMP, not PowerShell, so there is no script to run.',
    '# What Ferry sends, in order:',
  ];
  if (transferType === 'Network') {
    lines.push(
      "# 1. The VM is off: its configuration and disk files are copied to the destination host's folder, then the old files are deleted.",
      '# Nothing runs in QEMU while the VM is off.',
    );
    return scriptText(lines);
  }
  if (transferType === 'Quick') {
    lines.push("# Nothing: the lab's hosts are standalone, and a quick migration moves a clustered VM between nodes. Use Live.");
    return scriptText(lines);
  }
  const settings = qemuMigrationSettings(option, source, destination);
  let step = 1;
  const say = (text: string): void => {
    lines.push(`# ${step}. ${text}`);
    step += 1;
  };
  say(`Destination: a new QEMU process for the VM, ${transferType === 'Live (VSM)' ? 'paused, ' : ''}waiting for the migration (-incoming defer).`);
  if (transferType === 'Live (VSM)') {
    say('Destination: nbd-server-start, then block-export-add (writable) of each new disk file.');
    say(
      `Source: blockdev-add of each NBD export, then blockdev-mirror (sync full) of ${disks === 1 ? 'its disk' : `each of its ${disks} disks`} onto it; the mirrors keep copying what the VM writes.`,
    );
  }
  say(`Both: migrate-set-capabilities ${json({ capabilities: settings.capabilities })}`);
  if (Object.keys(settings.parameters).length > 0) say(`Both: migrate-set-parameters ${json(settings.parameters)}`);
  say(`Source: migrate-set-parameters ${json(settings.sourceParameters)}  (${settings.describe})`);
  say('Destination: migrate-incoming on a TCP port of its address; source: migrate to it.');
  say('Source: query-migrate until the memory has gone (pre-copy passes, dirty rate, expected downtime: the job shows them).');
  if (transferType === 'Live (VSM)')
    say(
      'Source: block-job-cancel of each mirror (in sync, so every copy is whole) and blockdev-del of the NBD nodes; destination: block-export-del, nbd-server-stop, then cont.',
    );
  say('Destination: the VM runs (query-status running); source: quit, and the old files are deleted when storage moved.');
  return scriptText(lines);
}

/** The QMP steps of a storage migration on a lab host. */
export function labStorageMigrationScript(disks: number): string {
  return scriptText([
    '# Ferry: migrate storage of a virtual machine on a QEMU lab host.',
    '# Lab hosts are QEMU processes on this computer: Ferry moves the files over QMP, not PowerShell, so there is no script to run.',
    '# What Ferry sends, in order:',
    `# 1. blockdev-add of ${disks === 1 ? 'a new disk file' : `${disks} new disk files`} (qcow2) in the new folder.`,
    '# 2. blockdev-mirror (sync full) of each disk onto its new file; the VM keeps running and writing.',
    '# 3. job-complete once in sync: the VM switches to the new files (the same QEMU process).',
    "# 4. blockdev-del of the old files' nodes; the old files are deleted.",
  ]);
}
