/**
 * English sentences of how things ended: a move's pre-copy (convergence), why a job failed and what to do about it.
 * Part of the main catalogue (spread into `mainEnMessages`); kept apart so the catalogue stays readable.
 */
export const mainEnOutcomes = {
  'conv.storage': 'no memory pre-copy: a storage move keeps the VM running on its host',
  'conv.quick': 'no pre-copy: a quick migration saves the VM’s state, so the VM is down for the save, the move and the restore',
  'conv.network': 'no pre-copy: the VM is not running while its files are copied',
  'conv.ms': '{ms} ms',
  'conv.s': '{s} s',
  'conv.ratio': 'dirty rate {dirty} MB/s is {percent}% of the effective bandwidth {bandwidth} MB/s',
  'conv.converged.one': 'pre-copy converged in {count} pass: {left} left, copied with the VM paused for {paused}',
  'conv.converged.other': 'pre-copy converged in {count} passes: {left} left, copied with the VM paused for {paused}',
  'conv.convergedSlow': '{converged}; {ratio}, so a busier moment may not converge',
  'conv.forced': 'Hyper-V forces the switch-over after {passes} passes with {left} left: the VM is paused for about {paused}',
  'conv.never':
    "dirty rate {dirty} MB/s is at or above the effective bandwidth {bandwidth} MB/s: pre-copy cannot converge; lower the VM's load, use SMB with RDMA or Compression, or migrate it offline. {forced}",
  'conv.slow': "pre-copy did not get under the {target} ms downtime target in {passes} passes ({ratio}): {forced}; lower the VM's load or use a faster link",
  'fail.twoNotes': '{first}. {second}',
  'fail.vmGoneAtStart': '{vm} is no longer in the inventory (it was replaced by an import).',
  'fail.vmGoneAtStart.action': 'Refresh the inventory, then start the move again from the wizard.',
  'fail.vmGoneAfterMove': '{vm} is no longer in the inventory (an import replaced it while the move ran)',
  'fail.inventoryNotShown': 'The inventory could not show it: {message}; refresh the inventory',
  'fail.hostFinished':
    'Ferry stopped while this move was running, and the host finished it: {vm} runs on {host}{ha}{stale}. Nothing was measured, since Ferry was not watching the end.',
  'fail.moveInterrupted': 'Ferry stopped while this move was running, so it did not finish. {vm} is on {host}.',
  'fail.moveInterrupted.action': 'Check the VM on that host, then restart the job.',
  'fail.interrupted': 'Ferry stopped while this job was running, so it did not finish.',
  'fail.interrupted.action': 'Check what the job was doing, then run it again.',
  'fail.interrupted.import':
    'Ferry stopped while this job was running, so it did not finish. An import writes all or nothing, so the inventory is as it was before.',
  'fail.interrupted.import.action': 'Import the file again.',
  'fail.interrupted.settings': 'Ferry stopped while this job was running, so it did not finish. Some hosts may have the new settings and others not.',
  'fail.interrupted.settings.action': 'Open Hyper-V Settings for these hosts, check them, and apply the settings again.',
  'fail.interrupted.start': 'Ferry stopped while this job was running, so it did not finish. The virtual machine may or may not have started.',
  'fail.interrupted.start.action': 'Check the VM on its host, then start it again if it is off.',
  'fail.hostGone': '{host} is no longer in the inventory.',
  'fail.hostGone.stopMaintenance': 'Refresh the inventory, then stop maintenance mode again.',
  'result.maintenanceOff': '{host} is out of maintenance mode and takes virtual machines again.{started}{refused}',
  'result.startJobs': ' Start jobs for {vms}.',
  'result.notStartedList': ' Not started: {vms}',
  'result.notStarted': '{vm}: {why}',
  'result.saved': '{vm} is saved on {host}: it is down until it is started again.',
  'fail.saveThrew': '{vm}’s state could not be saved on {host}: {message}',
  'fail.saveThrew.action': 'Check the host, then save the VM again, or leave it running during maintenance.',
  'step.maintenanceOff': 'Take the host out of maintenance mode',
  'step.startSaved': 'Start the virtual machines the evacuation saved',
  'job.stopMaintenance': 'Stop maintenance mode on {host}',
} as const;
