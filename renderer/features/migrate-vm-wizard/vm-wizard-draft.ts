import type { PerformanceOption, VmState } from '../../../shared/model/inventory.js';
import type { TransferType } from '../../../shared/model/placement.js';
import type { ErrorDto } from '../../../shared/model/result.js';
import type { DiskChoice } from '../migrate-storage-wizard/storage-wizard-draft.js';
import type { MessageKey } from '../../i18n/en.js';

/** The pages of the Migrate VM Wizard, in order; Select Path only when storage moves. */
export type VmWizardPage = 'select-host' | 'select-path' | 'summary';

/** The label of each page, as VMM names them. */
export const VM_WIZARD_PAGE_LABEL: Record<VmWizardPage, MessageKey> = {
  'select-host': 'wizard.page.selectHost',
  'select-path': 'wizard.page.selectPath',
  summary: 'wizard.page.summary',
};

/** What the admin has chosen so far in the Migrate VM Wizard. */
export interface VmWizardDraft {
  page: VmWizardPage;
  /** The admin chose the non-live transfer types instead of starting the VM. */
  startDeclined: boolean;
  /** The Start job the wizard asked for, while it runs. */
  startJobId: string | null;
  startError: ErrorDto | null;
  showUnavailable: boolean;
  /** The host row the admin is on; the destination when it is available. */
  host: string | null;
  /** The destination's transfer type when the admin left Select Host; it decides the pages after it. */
  transferType: TransferType | null;
  /** Select Path: the destination folder typed or picked ('' = the host's default location). */
  destinationPath: string;
  addToDefaults: boolean;
  /** Select Path's disk grid, by VHD path: `move` = placed individually, in `destination`; the others go with the VM. */
  diskPlacement: Readonly<Record<string, DiskChoice>>;
  /** Null: use the host's own setting. */
  performanceOption: PerformanceOption | null;
  submitting: boolean;
  submitError: ErrorDto | null;
}

/** A fresh draft, on Select Host. */
export function newVmWizardDraft(): VmWizardDraft {
  return {
    page: 'select-host',
    startDeclined: false,
    startJobId: null,
    startError: null,
    showUnavailable: true,
    host: null,
    transferType: null,
    destinationPath: '',
    addToDefaults: false,
    diskPlacement: {},
    performanceOption: null,
    submitting: false,
    submitError: null,
  };
}

/** Transfer types whose move copies the VM's files, so the wizard asks where they go (Select Path). */
export function storageMovesWith(type: TransferType | null): boolean {
  return type === 'Live (VSM)' || type === 'Network';
}

/** The wizard's pages for a transfer type: Select Host, Select Path when storage moves, Summary. */
export function vmWizardPages(type: TransferType | null): VmWizardPage[] {
  return storageMovesWith(type) ? ['select-host', 'select-path', 'summary'] : ['select-host', 'summary'];
}

/** `folder\name`, as Windows joins them (a VM's folder under a storage location, a VHD in a folder). */
export function joinWindowsPath(folder: string, name: string): string {
  return folder.endsWith('\\') ? `${folder}${name}` : `${folder}\\${name}`;
}

/** Where a VHD not placed individually lands: `location\VM name\Virtual Hard Disks`, Hyper-V's layout (as the backend derives it). */
export function vmDiskFolder(location: string, vmName: string): string {
  return joinWindowsPath(joinWindowsPath(location, vmName), 'Virtual Hard Disks');
}

/** The VHDs the admin placed individually (ticked, with a folder), as `diskDestinations` takes them. */
export function placedDisks(draft: VmWizardDraft): { path: string; destination: string }[] {
  return Object.entries(draft.diskPlacement)
    .filter(([, c]) => c.move)
    .map(([path, c]) => ({ path, destination: c.destination.trim() }));
}

/** The move the draft describes, as `script.vmMigration` and `migration.submit` take it. */
export function vmMigrationArgs(vmName: string, destinationHost: string, transferType: TransferType | null, draft: VmWizardDraft) {
  const storageMoves = storageMovesWith(transferType);
  const path = draft.destinationPath.trim();
  const disks = storageMoves ? placedDisks(draft).filter((d) => d.destination !== '') : [];
  return {
    vm: vmName,
    destinationHost,
    ...(storageMoves ? { destinationPath: path === '' ? null : path } : {}),
    ...(draft.performanceOption !== null ? { performanceOption: draft.performanceOption } : {}),
    ...(storageMoves && draft.addToDefaults && path !== '' ? { addToDefaults: true } : {}),
    ...(disks.length > 0 ? { diskDestinations: disks } : {}),
  };
}

/** A VM in these states is not running: a live migration needs it started first (migration-rules.md 1). */
export function vmNeedsStartForLive(state: VmState): boolean {
  return state === 'Off' || state === 'Saved';
}
