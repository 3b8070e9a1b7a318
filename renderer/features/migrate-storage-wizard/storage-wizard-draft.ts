import type { Vm } from '../../../shared/model/inventory.js';
import type { Issue } from '../../../shared/model/placement.js';
import { assertNever, type ErrorDto } from '../../../shared/model/result.js';
import type { InvokeArgs } from '../../../shared/contract/invoke.js';
import type { StoragePlanCode } from '../../../shared/model/storage.js';

/** A storage move plan as the contract takes it (`storage.checkPlan`, `script.storageMigration`, `migration.submit`). */
export type StoragePlanArgs = InvokeArgs['storage.checkPlan']['plan'];

/** The pages of the Migrate Storage Wizard, in order. */
export type StorageWizardPage = 'select-path' | 'summary';

/** One VHD's choice when VHDs are placed individually. */
export interface DiskChoice {
  move: boolean;
  destination: string;
}

/** What the admin has chosen so far in the Migrate Storage Wizard. */
export interface StorageWizardDraft {
  page: StorageWizardPage;
  /** "Allow VHDs to be placed individually". */
  individually: boolean;
  /** The whole VM's location; when VHDs are placed individually, the configuration's new folder ('' = keep it). */
  location: string;
  /** By the disk's current path. */
  disks: Readonly<Record<string, DiskChoice>>;
  addToDefaults: boolean;
  submitting: boolean;
  submitError: ErrorDto | null;
}

/** A fresh draft, on Select Path. */
export function newStorageWizardDraft(): StorageWizardDraft {
  return { page: 'select-path', individually: false, location: '', disks: {}, addToDefaults: false, submitting: false, submitError: null };
}

/** The VHDs chosen to move, with their destination as typed. */
export function chosenDisks(vm: Vm, draft: StorageWizardDraft): { path: string; destination: string }[] {
  return vm.disks
    .filter((disk) => draft.disks[disk.path]?.move)
    .map((disk) => ({ path: disk.path, destination: (draft.disks[disk.path]?.destination ?? '').trim() }));
}

/**
 * The plan the draft describes, or null while it is incomplete (no location, no VHD chosen, or a chosen VHD
 * without a destination). Whether the plan can run is the backend's answer (`storage.checkPlan`).
 */
export function buildStoragePlan(vm: Vm, draft: StorageWizardDraft): StoragePlanArgs | null {
  const location = draft.location.trim();
  if (!draft.individually) return location === '' ? null : { vm: vm.name, scope: 'whole-vm', path: location };
  const disks = chosenDisks(vm, draft);
  if (disks.length === 0 || disks.some((d) => d.destination === '')) return null;
  return { vm: vm.name, scope: 'per-disk', configurationPath: location === '' ? null : location, disks };
}

/** Where a plan problem shows: under the path field it names (already shown there), the location field, the disk grid, or on its own. */
export type ProblemPlace = 'field' | 'location' | 'disks' | 'general';

/** Puts each problem of a plan check next to what caused it. */
export function problemPlace(code: StoragePlanCode, individually: boolean): ProblemPlace {
  switch (code) {
    case 'path-invalid':
    case 'smb-path-not-fqdn':
    case 'path-volume-unknown':
    case 'smb-version-unsupported':
    case 'share-unreachable':
    case 'host-not-found':
      return 'field';
    case 'shared-vhdx':
    case 'insufficient-storage':
    case 'nothing-to-move':
      return individually ? 'disks' : 'location';
    case 'vm-not-found':
    case 'disk-not-found':
      return 'general';
    default:
      return assertNever(code);
  }
}

/** The messages of the problems that show at `place`. */
export function problemsAt(
  problems: readonly Issue<StoragePlanCode>[],
  place: ProblemPlace,
  individually: boolean,
  spoken: (said: Issue<StoragePlanCode>) => string = (p) => p.message,
): string[] {
  return problems.filter((p) => problemPlace(p.code, individually) === place).map(spoken);
}
