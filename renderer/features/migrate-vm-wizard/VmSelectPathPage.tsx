import { Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import type { HostRating } from '../../../shared/model/placement.js';
import type { StorageLocation } from '../../../shared/model/storage.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore, useAppStoreApi } from '../../store/store-context.js';
import { DiskPlacementGrid } from '../migrate-storage-wizard/DiskPlacementGrid.js';
import { StoragePathField } from '../storage-paths/StoragePathField.js';
import type { PathCheckState } from '../storage-paths/use-storage-paths.js';
import { useCsvLabel } from '../storage-paths/csv-label.js';
import { vmDiskFolder, type VmWizardDraft } from './vm-wizard-draft.js';

const NO_REFUSALS: ReadonlyMap<string, string> = new Map();

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2 },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Props of the Migrate VM Wizard's Select Path. */
export interface VmSelectPathPageProps {
  vm: Vm;
  draft: VmWizardDraft;
  destination: string;
  locations: readonly StorageLocation[];
  pathState: PathCheckState;
  /** The destination's row rated with this path, once the backend has answered for it. */
  ratedRow: HostRating | null;
  /** Each placed VHD's folder as it is checked (Next waits for every placed VHD's folder to be valid). */
  onDiskChecked: (path: string, ok: boolean) => void;
}

/**
 * Select Path, when storage moves: where on the destination the VM's files go (a default location, a
 * typed path, or Browse), the path checked as the admin types, the host re-rated with it (so a location
 * without room says so here), "add to the default locations", and the disk grid: every VHD goes with the VM unless
 * the admin places it individually, in a folder checked on the destination host as typed (errors in its row).
 */
export function VmSelectPathPage({ vm, draft, destination, locations, pathState, ratedRow, onDiskChecked }: VmSelectPathPageProps) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const destinationPath = useCsvLabel(destination);
  const patch = useAppStore((s) => s.patchVmWizard);
  const firstDefault = locations.find((l) => l.kind === 'default')?.path ?? null;
  const storeApi = useAppStoreApi();
  useEffect(() => {
    // Only when the host's defaults arrive, and only into an empty field: a typed or cleared path stays.
    const wizard = storeApi.getState().wizard;
    if (firstDefault !== null && wizard?.kind === 'migrate-vm' && wizard.draft.destinationPath === '') patch({ destinationPath: firstDefault });
  }, [firstDefault, storeApi, patch]);
  const problems = ratedRow && !ratedRow.available ? ratedRow.reasons.map((r) => spoken(r)) : [];
  // The page's location: the typed path, or the host's default one; a VHD ticked to be placed individually starts there.
  const location = pathState.path !== '' ? pathState.path : firstDefault;
  return (
    <>
      <Text className={styles.intro}>{t('vmPath.intro', { vm: vm.name, host: destination })}</Text>
      <StoragePathField
        host={destination}
        label={t('vmPath.location')}
        value={draft.destinationPath}
        onChange={(destinationPath) => patch({ destinationPath })}
        locations={locations}
        state={pathState}
        problems={problems}
        emptyHint={t('vmPath.emptyHint')}
      />
      <Checkbox
        label={t('storage.addToDefaults')}
        checked={draft.addToDefaults}
        disabled={pathState.path === ''}
        onChange={(_e, data) => patch({ addToDefaults: data.checked === true })}
      />
      <h3 className={styles.subheading}>{t('vmPath.disks')}</h3>
      <Text className={styles.hint}>{t('vmPath.disksHint')}</Text>
      <DiskPlacementGrid
        vm={vm}
        host={destination}
        choices={draft.diskPlacement}
        refusals={NO_REFUSALS}
        locations={locations}
        defaultDestination={location ?? ''}
        moveColumnLabel={t('vmPath.col.place')}
        moveLabel={(name) => t('vmPath.place', { name })}
        unmovedText={location ? t('vmPath.withVm', { path: destinationPath(vmDiskFolder(location, vm.name)) }) : t('vmPath.withVmDefault')}
        onChange={(path, choice) => patch({ diskPlacement: { ...draft.diskPlacement, [path]: choice } })}
        onChecked={onDiskChecked}
      />
    </>
  );
}
