import { Checkbox, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import type { Vm } from '../../../shared/model/inventory.js';
import type { StorageLocation, StoragePlanCheck } from '../../../shared/model/storage.js';
import { IssueList } from '../../components/IssueList.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { StoragePathField } from '../storage-paths/StoragePathField.js';
import type { PathCheckState } from '../storage-paths/use-storage-paths.js';
import { DiskPlacementGrid } from './DiskPlacementGrid.js';
import { problemsAt, type StorageWizardDraft } from './storage-wizard-draft.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2 },
  options: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  ok: { color: tokens.colorStatusSuccessForeground1, fontSize: tokens.fontSizeBase200 },
});

/** Props of the Migrate Storage Wizard's Select Path. */
export interface StorageSelectPathPageProps {
  vm: Vm;
  draft: StorageWizardDraft;
  locations: readonly StorageLocation[];
  locationState: PathCheckState;
  refusals: ReadonlyMap<string, string>;
  /** The backend's check of the plan as it stands now; null while incomplete or being checked. */
  check: StoragePlanCheck | null;
}

/**
 * Select Path for a move within the VM's own host: the whole VM to one location, or chosen VHDs each to a
 * folder (with an optional new configuration folder). The plan is checked as it changes, and each problem
 * shows next to what caused it.
 */
export function StorageSelectPathPage({ vm, draft, locations, locationState, refusals, check }: StorageSelectPathPageProps) {
  const styles = useStyles();
  const { t, tn, formatSizeGB, spoken } = useT();
  const patch = useAppStore((s) => s.patchStorageWizard);
  const problems = check?.problems ?? [];
  const at = (place: 'location' | 'disks' | 'general') => problemsAt(problems, place, draft.individually, spoken);
  const diskProblems = at('disks');
  const general = at('general');
  const movingGB = check?.moves.reduce((sum, m) => sum + m.sizeGB, 0) ?? 0;
  const firstDefault = locations.find((l) => l.kind === 'default')?.path ?? '';
  return (
    <>
      <Text className={styles.intro}>{t('storagePath.intro', { vm: vm.name, host: vm.host })}</Text>
      {general.length > 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <IssueList items={general} />
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <StoragePathField
        host={vm.host}
        label={draft.individually ? t('storagePath.configuration') : t('storagePath.location')}
        value={draft.location}
        onChange={(location) => patch({ location })}
        locations={locations}
        state={locationState}
        problems={at('location')}
        emptyHint={draft.individually ? t('storagePath.keepConfiguration', { path: vm.configurationPath }) : t('storagePath.emptyHint')}
      />
      <div className={styles.options}>
        <Checkbox
          label={t('storage.addToDefaults')}
          checked={draft.addToDefaults}
          disabled={locationState.path === ''}
          onChange={(_e, data) => patch({ addToDefaults: data.checked === true })}
        />
        <Checkbox label={t('storagePath.individually')} checked={draft.individually} onChange={(_e, data) => patch({ individually: data.checked === true })} />
      </div>
      {draft.individually ? (
        <>
          <DiskPlacementGrid
            vm={vm}
            choices={draft.disks}
            refusals={refusals}
            locations={locations}
            defaultDestination={draft.location.trim() || firstDefault}
            onChange={(path, choice) => patch({ disks: { ...draft.disks, [path]: choice } })}
          />
          {diskProblems.length > 0 ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <IssueList items={diskProblems} />
              </MessageBarBody>
            </MessageBar>
          ) : null}
        </>
      ) : null}
      <Text className={check?.valid ? styles.ok : styles.hint} aria-live="polite">
        {check?.valid ? tn('storagePath.planOk', check.moves.length, { size: formatSizeGB(movingGB) }) : draft.individually ? t('storagePath.chooseDisks') : ''}
      </Text>
    </>
  );
}
