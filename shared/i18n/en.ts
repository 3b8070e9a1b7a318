import { mainEnImport } from './en-import.js';
import { mainEnOptimize } from './en-optimize.js';
import { mainEnOutcomes } from './en-outcomes.js';

/**
 * The English catalogue of sentences the main process says (Select Host, Select Path, Summary, jobs, plans):
 * main words its English `message`s with it, and the console renders them from it or from the Italian one.
 * `{name}` marks a parameter; keys ending in `.one` / `.other` are plural forms.
 */
export const mainEnMessages = {
  ...mainEnOutcomes,
  ...mainEnImport,
  ...mainEnOptimize,
  list: '{items}',

  'transferType.Live': 'Live',
  'transferType.Live (VSM)': 'Live (VSM)',
  'transferType.Quick': 'Quick',
  'transferType.Network': 'Network',

  'storage.target.volume': 'volume {root}',
  'storage.target.csv': 'cluster shared volume {root}',
  'storage.target.share': 'SMB {version} share {root}',
  'storage.place.share': 'share {root}',
  'storage.place.unlisted': '{path} (storage the inventory does not list)',
  'storage.dest.unknown': '{path} (free space unknown)',
  'storage.dest.root': '{target} ({free} free)',
  'storage.dest.path': '{path} on {target} ({free} free)',

  'path.host-not-found': 'Host "{host}" is not in the inventory: refresh the inventory or pick another host.',
  'path.path-invalid':
    '"{path}" is not a valid absolute path: type a drive path such as D:\\VMs or a UNC path such as {example} (backslashes, no . or .. folders, none of < > : " | ? *).',
  'path.smb-path-not-fqdn': 'Name the file server of "{path}" by its fully qualified domain name, for example {example}, not \\\\fileserver1\\smbshare.',
  'path.unlistedShare':
    '{path} is on share {share}, which the inventory does not list: Ferry cannot check its free space. Make sure it is SMB 3.0 or later and that {host} has full control of it.',
  'path.smb-version-unsupported':
    '{share} speaks SMB {version}; Hyper-V runs VMs only from SMB 3.0 or later shares: pick a volume of {host} or an SMB 3 share.',
  'path.share-unreachable':
    '{host} does not reach {share}: give the host’s computer account full control of the share and add it to the host’s file shares, or pick another location.',
  'path.onShare': '{path} is on SMB {version} share {share}: {free} free of {capacity}.',
  'path.path-volume-unknown':
    '{path} is not on a volume of {host}: pick a path on one of its volumes or cluster shared volumes ({volumes}), or refresh the host if a volume was added.',
  'path.path-volume-unknown.none': '{path} is not on a volume of {host}, and the inventory knows none of its volumes: refresh the host.',
  'path.onTarget': '{path} is on {target} of {host}: {free} free of {capacity}.',

  'phase.validate': 'Validate',
  'phase.copy-storage': 'Copy storage',
  'phase.migrate-memory': 'Live-migrate memory',
  'phase.switch-over': 'Switch over',
  'phase.clean-up': 'Clean up',
  'phase.save-state': 'Save state',
  'phase.move': 'Move',
  'phase.restore': 'Restore',
  'phase.copy-files': 'Copy files',
  'phase.register': 'Register',

  'wait.live.full': 'waiting for a live-migration slot on {host} ({inUse} of {limit} in use), position {position}',
  'wait.live.behind': 'waiting for a live-migration slot on {host} behind earlier moves ({inUse} of {limit} in use), position {position}',
  'wait.storage.full': 'waiting for a storage-migration slot on {host} ({inUse} of {limit} in use), position {position}',
  'wait.storage.behind': 'waiting for a storage-migration slot on {host} behind earlier moves ({inUse} of {limit} in use), position {position}',
  'wait.after': 'waiting for "{job}" to end first (it frees the memory this move needs on {host})',
  'wait.follows': 'waiting for "{job}" to end first (the plan runs them one after the other: together they would only share the same full migration network)',
  'wait.dropped.failed': 'Not started: it waited for "{job}", which failed, so the memory it needed on {host} was not freed.',
  'wait.dropped.canceled': 'Not started: it waited for "{job}", which was canceled, so the memory it needed on {host} was not freed.',

  'start.why.maintenance': '{host} went into maintenance mode',
  'start.why.notResponding': '{host} stopped responding',
  'start.why.liveDisabled': 'live migration was turned off on {host}',
  'start.why.noRoom': '{host} no longer has room for {vm}',
  'start.why.rule': 'a placement rule now keeps {vm} off {host}',
  'start.why.cannotTake': '{host} can no longer take {vm}',
  'start.redirected': '{why}; moved to {host} instead.',
  'start.action.reselect': 'Check the destination, or choose another one in Select Host, then migrate the VM again.',
  'job.migrateVm': 'Migrate virtual machine {vm} to {host}',
  'job.migrateStorage': 'Migrate storage of {vm}',
  'job.startVm': 'Start virtual machine {vm}',
  'job.saveVm': 'Save virtual machine {vm}',
  'job.loadDemo': 'Load demo estate',
  'job.importInventory': 'Import inventory {file}',
  'job.refresh': 'Refresh {group} from Hyper-V',
  'job.hostSettings.host': 'Change Hyper-V settings of {host}',
  'job.hostSettings.group': 'Change Hyper-V settings of {count} hosts in {group}',
  'step.startVm': 'Start the virtual machine',
  'step.saveState': 'Save state',
  'step.readFile': 'Read and validate the file',
  'step.replaceInventory': 'Replace the inventory',
  'job.placement.vm': 'Set the placement rules of {vm}',
  'job.placement.ruleAdd': 'Add affinity rule {rule}',
  'job.placement.ruleEdit': 'Change affinity rule {rule}',
  'job.placement.ruleRemove': 'Remove affinity rule {rule}',
  'job.placement.vmDone': '{vm}’s possible and preferred owners and availability sets are set; Select Host and plans use them now.',
  'job.placement.ruleSaved': 'Affinity rule {rule} is saved; Select Host and plans use it now.',
  'job.placement.ruleRemoved': 'Affinity rule {rule} is removed.',
  'job.placement.ruleSavedSoft':
    'Affinity rule {rule} is saved in Ferry’s inventory only: it is not required, and failover clusters have no non-required affinity rules, so Select Host and plans use it as a warning and the cluster does not enforce it.',
  'step.placement.cluster': 'Set it on cluster {cluster}',
  'step.placement.apply': 'Set them on {vm}’s cluster',
  'step.placement.record': 'Record them in Ferry’s inventory',
  'step.applyOn': 'Apply the settings on {host}',
  'step.recordSettings': 'Record the settings in the inventory',

  'bound.none': 'no moves',
  'bound.longest': 'the longest move takes {seconds} s on its own',
  'bound.chain': 'a chain of moves waiting for each other takes {seconds} s',
  'bound.network': '{host} has {seconds} s of transfers at its migration network’s full capacity',
  'bound.liveTransfers': '{host}’s live migrations need {seconds} s of transfers with at most {limit} running at once',
  'bound.storageTransfers': '{host}’s storage-copying moves need {seconds} s of transfers with at most {limit} running at once',
  'bound.liveSlots.one': '{host} has {seconds} s of live migrations for {count} slot',
  'bound.liveSlots.other': '{host} has {seconds} s of live migrations for {count} slots',
  'bound.storageSlots.one': '{host} has {seconds} s of storage migrations for {count} slot',
  'bound.storageSlots.other': '{host} has {seconds} s of storage migrations for {count} slots',
  'bound.save': 'the longest save of a VM that cannot move',

  'inventory.demo': 'Built-in demo estate',

  'result.moved': 'Moved {what} in {seconds} s{downtime}, {sent} sent{how}{ha}{info}{redirect}',
  'result.ha.joins': '{vm} is highly available in {cluster}',
  'result.ha.leaves':
    '{vm} is no longer highly available: {host} is a standalone host. To make it highly available again, move it to a cluster node, or add it to a cluster’s roles',
  'result.what.vm': '{vm} to {host}',
  'result.what.storage': 'its storage on {host}',
  'result.downtime': ', downtime {ms} ms',
  'result.how': ' ({how})',
  'result.info': '. {info}',
  'result.vmIsOn': '{vm} is on {host}.',
  'result.canceled': 'Canceled: {vm} is still running on {host}, with nothing lost.',

  'plan.warning.vmsSaved.one': '{count} VM cannot live-migrate anywhere and will be saved (down until restored): {vms}.',
  'plan.warning.vmsSaved.other': '{count} VMs cannot live-migrate anywhere and will be saved (down until restored): {vms}.',
  'plan.warning.vmsLeftRunning.one': '{count} VM cannot live-migrate anywhere and will keep running on {host} during maintenance: {vms}.',
  'plan.warning.vmsLeftRunning.other': '{count} VMs cannot live-migrate anywhere and will keep running on {host} during maintenance: {vms}.',
  'plan.staying.notRunning': '{vm} is {state} and not highly available: it stays on {host} with its files, and can’t start until {host} is back.',
  'plan.staying.savedWhy': '{vm} is saved on {host} instead of moving (Save state), because it can’t move: {reason}',
  'plan.warning.notConverging': '{vm} ({from} → {to}) is unlikely to converge: {why}',
  'plan.warning.slowConvergence': '{vm} ({from} → {to}) may converge slowly: {why}',
  'plan.reason.keptTogether': 'The affinity rule keeps {vm} on the same host as {other}, which can’t move: {reason}',
  'plan.reason.noSuchVm': 'No VM named "{vm}" is in the inventory: check the name.',
  'plan.reason.hostMissing': '{vm}’s host {host} is not in the inventory: refresh the inventory.',
  'plan.reason.alreadyThere': '{vm} is already on {host}: choose another host, or leave it out.',
  'plan.reason.noSuchHost': 'No host named {host} is in the inventory: check the name.',
  'plan.reason.noRoom':
    'No host has room left for {vm} ({needs}) once the moves planned before it are counted{memory}{storage}. Plan fewer moves, free memory or storage, or add a host.',
  'plan.needs.memory': '{memory} of memory',
  'plan.needs.memoryFiles': '{memory} of memory, {files} of files where they must move',
  'plan.noRoom.memory': '; the most memory free is {free} on {host}',
  'plan.noRoom.storage': '; the most space left where its files would go is {free} on {location} ({host})',
  'plan.reason.noOtherHost': 'The inventory has no other host to move it to.',
  'plan.reason.oneHost': '{host}: {reason}',
  'plan.reason.manyHosts.one': '{count} host ({hosts}), for example: {reason}',
  'plan.reason.manyHosts.other': '{count} hosts ({hosts}), for example: {reason}',

  'config.range': '{low} to {high} ({os})',
  'config.only': 'only {version} ({os})',
  'config.ownList': '{versions} (the host’s own list)',

  'reason.host-not-responding': '{host} is not responding and cannot be reached: refresh the host, or check that the VMM agent and WinRM are running on it.',
  'reason.host-updating': '{host} is updating and cannot be reached: refresh the host, or check that the VMM agent and WinRM are running on it.',
  'reason.vm-busy.migrate': '{vm} is already being migrated to {host} by job {job}{queued}: wait for it to end or cancel it.',
  'reason.vm-busy.migrateAnywhere': '{vm} is already being migrated by job {job}{queued}: wait for it to end or cancel it.',
  'reason.vm-busy.storage': "{vm}'s storage is already being moved by job {job}{queued}: wait for it to end or cancel it.",
  'reason.vm-busy.start': '{vm} is already being started by job {job}{queued}: wait for it to end or cancel it.',
  'reason.vm-busy.save': '{vm} is already being saved by job {job}{queued}: wait for it to end or cancel it.',
  'reason.vm-busy.inUse': '{vm} is already in use by job {job}{queued}: wait for it to end or cancel it.',
  'reason.vm-busy.queued': ' (queued)',
  'reason.maintenance-mode': '{host} is in maintenance mode: stop maintenance mode on it first, or pick another host.',
  'reason.live-migration-disabled.one':
    'Live migration is disabled on {hosts}: enable incoming and outgoing live migrations in that host’s Hyper-V settings (Live Migrations).',
  'reason.live-migration-disabled.other':
    'Live migration is disabled on {hosts}: enable incoming and outgoing live migrations in each host’s Hyper-V settings (Live Migrations).',
  'reason.role.source': '{host} (the source)',
  'reason.role.destination': '{host} (the destination)',
  'reason.processor-vendor-mismatch':
    '{vm} runs on {sourceVendor} and {host} is {destVendor}: a running VM can never move across processor vendors. Shut it down and use a network move.',
  'reason.processor-version-mismatch':
    '{source} has {sourceGeneration} processors and {host} has {destGeneration}, and {vm} has processor compatibility off: shut the VM down and enable “Migrate to a physical computer with a different processor version”, then migrate.',
  'reason.config-version-unsupported':
    '{vm} has configuration version {version}; {host} runs {versions}, so its Windows Server version cannot run this VM. {fix}',
  'reason.config-fix.otherHost': 'Pick a host that runs version {version}, such as {example}.',
  'reason.config-fix.newerOs': 'No host in the inventory runs version {version}: a host running {os} or later would.',
  'reason.config-fix.none': 'No Windows Server version that Ferry knows runs version {version}.',
  'reason.compatibility-vector-stale':
    '{vm} last started while {cluster} ran an older cluster version, so it still uses that version’s processor features (its compatibility vector is {vector}, the cluster is now at level {level}) and cannot move to another node yet. Shut {vm} down and start it again (a restart inside the guest is not enough) so it takes the cluster’s current processor features, then migrate.',
  'reason.insufficient-memory':
    '{vm} needs {need}; {host} has {available} available − {reserve} reserve = {have}: {missing} missing. Free memory on {host} or pick a host with more available memory.',
  'reason.insufficient-storage':
    '{location} on {host} is too small: {vm}’s files need {need} plus the {reserve} disk reserve: {missing} missing. Choose another location on Select Path or free space there.',
  'reason.shared-vhdx':
    '{vm} has shared VHDX {paths}, and a shared VHDX cannot be moved live: shut down the VMs that share it and move the file, or move the other files only (Migrate Storage, VHDs placed individually).',
  'reason.storage-unreachable':
    '{host} cannot reach {paths}, where {vm}’s files are: connect the node to the share (give its computer account access and add it to the host’s file shares) or to the CSV, then refresh it.',
  'reason.not-possible-owner':
    '{host} is not a possible owner of {vm} in {cluster} (its possible owners: {owners}): pick one of those nodes, or add {host} to the VM’s possible owners.',
  'reason.affinity-rule.apart': '{host} runs {vms}, and {rule} keeps {vm} on a different node: pick another host.',
  'reason.affinity-rule.together': 'The {rule} keeps {vm} on the same node as {vms}, which run on {together}: move {vm} to {together}, or move them together.',

  'reasonKind.host-not-responding': 'not responding',
  'reasonKind.vm-busy': 'VM busy with another job',
  'reasonKind.maintenance-mode': 'maintenance mode',
  'reasonKind.live-migration-disabled': 'live migration disabled',
  'reasonKind.processor-vendor-mismatch': 'processor vendor',
  'reasonKind.processor-version-mismatch': 'processor generation',
  'reasonKind.config-version-unsupported': 'configuration version',
  'reasonKind.compatibility-vector-stale': 'VM not restarted since the cluster upgrade',
  'reasonKind.insufficient-memory': 'memory',
  'reasonKind.insufficient-storage': 'storage space',
  'reasonKind.shared-vhdx': 'shared VHDX',
  'reasonKind.storage-unreachable': 'storage not reachable',
  'reasonKind.not-possible-owner': 'not a possible owner',
  'reasonKind.affinity-rule': 'affinity rule',

  'warning.loses-high-availability':
    '{vm} is highly available in {sourceCluster} and {host} is in another cluster ({cluster}): a host failure during the move makes it unavailable. {window} Once the move ends it is a role of {cluster}, highly available there.',
  'warning.loses-high-availability.standaloneSource':
    '{vm} is highly available and {host} is in another cluster ({cluster}): a host failure during the move makes it unavailable. {window} Once the move ends it is a role of {cluster}, highly available there.',
  'warning.becomes-not-highly-available':
    '{vm} is highly available and {host} is a standalone host: after the move a failure of {host} stops it. Pick a cluster node to keep it highly available.',
  'warning.storage-moves':
    '{size} of {vm}’s files will be copied to {location} on {host}: the move lasts as long as the copy. Choose another location on Select Path if this one is not right.',
  'warning.storage-moves.host':
    '{size} of {vm}’s files will be copied to {host}: the move lasts as long as the copy. Choose another location on Select Path if this one is not right.',
  'warning.host-busy':
    '{hosts}: the move will wait in the queue at position {position} and start as soon as a slot frees up. It does not fail; you can also raise the host’s limit in its Hyper-V settings.',
  'warning.availability-set':
    '{host} runs {vms}, kept apart from {vm} by {rule}: a failure of {host} would stop them together. Pick another host if one has room.',
  'warning.affinity-split': 'The {rule} keeps {vm} with {vms}, which run on {together}: on {host} they would be split. Pick {together} if it has room.',
  'warning.not-preferred-owner':
    '{host} is not a preferred owner of {vm} (preferred: {owners}): the cluster may move it back to them when it fails over or fails back.',
  'rule.keptApart': 'kept apart from {vms}: {rule}',
  'rule.keptWith': 'kept with {vms} on {together}: {rule}',
  'rule.possibleOwners': 'possible owners of {vm}: {owners}',
  'rule.preferredOwners': 'preferred owners of {vm}: {owners}',
  'rule.kind.availabilitySet': 'availability set {name}',
  'rule.kind.affinityRule.required': 'affinity rule {name} ({type}, required)',
  'rule.kind.affinityRule.preferred': 'affinity rule {name} ({type}, not required)',
  'busy.source': '{host} (the source) has {slots} in use',
  'busy.destination': '{host} (the destination) has {slots} in use',
  'busy.liveSlots': 'all {max} live migration slots',
  'busy.storageSlots': 'all {max} storage migration slots',

  'transfer.why.live-cluster': '{vm} is {state}, highly available in {cluster}, and its files are on the cluster’s storage ({storage}), which {host} reaches.',
  'transfer.why.live-share': '{vm} is {state} and every file is on {share} (SMB {version}), which {host} reaches.',
  'transfer.why.vsm':
    '{vm} is {state} and {host} cannot run it from where its files are ({storage}), so the storage is mirrored to {host} first, then memory moves.',
  'transfer.why.vsm.oldSmb':
    '{vm} is {state} and {host} cannot run it from where its files are ({storage}): {share} is SMB {version}, older than 3.0, so the storage is mirrored to {host} first, then memory moves.',
  'transfer.why.vsm.noShare':
    '{vm} is {state} and {host} cannot run it from where its files are ({storage}): {host} does not reach {share}, so the storage is mirrored to {host} first, then memory moves.',
  'transfer.why.quick':
    '{vm} is saved and highly available in {cluster}: the cluster moves the saved VM to {host} (a short outage while its state is restored).',
  'transfer.why.network':
    '{vm} is {state}, so it cannot be live-migrated: its files are copied over the network and it is registered on {host}. Start it first to live-migrate it instead.',
  'vmState.Running': 'running',
  'vmState.Paused': 'paused (Ferry treats a paused VM as running: VMM live-migrates it)',
  'vmState.Saved': 'saved',
  'vmState.Off': 'off',
  'transfer.line': '{type}: {why}',
  'transfer.copied.storage': 'Copied: {size} of virtual disks ({vhds}, plus the configuration files) to {location}.',
  'transfer.copied.storageNoLocation':
    'Copied: {size} of virtual disks ({vhds}, plus the configuration files); no destination location is known: choose one on Select Path.',
  'transfer.vhds.one': '{count} VHD',
  'transfer.vhds.other': '{count} VHDs',
  'transfer.copied.memory': 'Copied: nothing on disk; only memory ({memory}) and device state move, the files stay on {storage}.',
  'transfer.copied.savedState': 'Copied: nothing; the files stay on {storage} and the cluster moves the saved state to {host}.',
  'transfer.vsmSlots': 'The move takes one live and one storage slot on both {source} and {host}.',
  'transfer.haLine': 'High availability: {window}',
  'transfer.ha.short': '{vm} is not highly available while it moves to {target}; with shared storage the window is short (only the memory copy).',
  'transfer.ha.vsm': '{vm} is not highly available while it moves to {target}; with Live (VSM) the window lasts the whole storage copy ({size}).',
  'transfer.ha.network': '{vm} is not highly available from the start of the copy ({size}) until it is made highly available again on {target}.',
  'transfer.ha.standalone': 'standalone host {host}',
  'transfer.ha.clustered': '{host} in {cluster}',
  'transfer.unavailable': 'None while {host} is not available. Once the reasons are fixed:',

  'rating.head': '{rating} of 5 stars, from the headroom {host} keeps after the move (memory weighs most):',
  'rating.memory':
    'Memory (weight {weight}): {available} available − {reserve} reserve − {vmMemory} for {vm} = {free} free after the move, {percent}% of its {total}.',
  'rating.cpu': 'CPU (weight {weight}): 100% − {usage}% in use = {percent}% headroom.',
  'rating.storage': 'Storage (weight {weight}): {location} keeps {kept} of {capacity} after {moving} are copied and the {reserve} disk reserve, {percent}%.',
  'rating.storageNone': 'Storage: not counted (nothing is copied, or the destination’s free space is unknown).',
  'rating.score': 'Score {wm}×{m} + {wc}×{c} + {ws}×{s} = {score}; stars = score × 5, rounded to the nearest half star, at least 0.5.',
  'rating.scoreNoStorage': 'Score {wm}×{m} + {wc}×{c} = {score}; stars = score × 5, rounded to the nearest half star, at least 0.5.',
  'rating.rules.notPreferred': 'Half a star less, {rating} of 5 stars: {host} is not one of {vm}’s preferred owners ({owners}).',
  'rating.rules.noneBetter':
    '{rating} of 5 stars: on {host} the VM would not be where its rules want it ({rules}), and no available host without such a warning keeps as much free memory.',
  'rating.rules.lowered':
    'Lowered to {rating} of 5 stars, below every host without such a warning that keeps at least as much free memory, because on {host} the VM would not be where its rules want it ({rules}).',
  'rating.rules.kept':
    '{rating} of 5 stars, already below every host without such a warning that keeps at least as much free memory, because on {host} the VM would not be where its rules want it ({rules}).',
  'rating.rules.raised': 'Raised to {rating} of 5 stars, so that it rates above the hosts where the VM would not be where its rules want it.',
  'rating.location': '{path} ({target})',
  'rating.unavailable.one': '0 stars: {host} is not available for {vm}. Fix this first:',
  'rating.unavailable.other': '0 stars: {host} is not available for {vm}. Fix these {count} first:',
} as const;

/** A key of the main catalogue. */
export type MainMessageKey = keyof typeof mainEnMessages;
/** A main catalogue: every key, worded in one language. */
export type MainMessages = Readonly<Record<MainMessageKey, string>>;
