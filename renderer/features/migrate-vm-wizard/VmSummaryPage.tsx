import { Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Select, tokens } from '@fluentui/react-components';
import { PERFORMANCE_OPTION_VALUES, type Host, type PerformanceOption, type Vm } from '../../../shared/model/inventory.js';
import type { HostRating } from '../../../shared/model/placement.js';
import { IssueList } from '../../components/IssueList.js';
import { MoveErrorBar } from '../../components/MoveErrorBar.js';
import { ScriptView } from '../../components/ScriptView.js';
import { StarRating } from '../../components/StarRating.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { Property, PropertyList } from '../details/PropertyList.js';
import { useCsvLabel } from '../storage-paths/csv-label.js';
import { joinWindowsPath, storageMovesWith, vmDiskFolder, vmMigrationArgs, type VmWizardDraft } from './vm-wizard-draft.js';

const useStyles = makeStyles({
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  text: { fontSize: tokens.fontSizeBase200 },
  select: { maxWidth: '360px' },
  disks: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

/** Props of the Migrate VM Wizard's Summary. */
export interface VmSummaryPageProps {
  vm: Vm;
  sourceHost: Host | null;
  draft: VmWizardDraft;
  row: HostRating;
}

/**
 * Summary: what the move will do (VM, source, destination, transfer type, storage location, what is
 * copied, warnings), the performance option for this move, View Script, and Move's error if it failed.
 */
export function VmSummaryPage({ vm, sourceHost, draft, row }: VmSummaryPageProps) {
  const styles = useStyles();
  const { t } = useT();
  // C:\ClusterStorage\Volume1 exists on both clusters of a move between them: each path says whose it is.
  const sourcePath = useCsvLabel(vm.host);
  const destinationPath = useCsvLabel(row.host);
  const patch = useAppStore((s) => s.patchVmWizard);
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const storageMoves = storageMovesWith(row.transferType);
  const args = vmMigrationArgs(vm.name, row.host, row.transferType, draft);
  const hostOption = sourceHost?.liveMigration.performanceOption ?? null;
  // Where each VHD goes: its own folder when placed individually, otherwise with the VM (`location\VM name\Virtual Hard Disks`).
  const placed = new Map((args.diskDestinations ?? []).map((d) => [d.path, d.destination]));
  const withVm = args.destinationPath ? vmDiskFolder(args.destinationPath, vm.name) : null;
  const fileOf = (path: string) => path.slice(path.lastIndexOf('\\') + 1) || path;
  return (
    <>
      <PropertyList>
        <Property label={t('summary.vm')}>{vm.name}</Property>
        <Property label={t('summary.source')}>{vm.host}</Property>
        <Property label={t('summary.destination')}>{row.cluster ? `${row.host} (${row.cluster})` : row.host}</Property>
        <Property label={t('selectHost.col.rating')}>
          <StarRating rating={row.rating} />
        </Property>
        <Property label={t('selectHost.col.transferType')}>{row.transferType ? t(`transfer.${row.transferType}`) : ''}</Property>
        {storageMoves ? (
          <Property label={t('summary.storagePath')}>
            <span className={styles.mono}>{args.destinationPath ? destinationPath(args.destinationPath) : t('vmPath.defaultLocation')}</span>
            {args.addToDefaults ? ` — ${t('summary.addedToDefaults')}` : ''}
          </Property>
        ) : null}
        {storageMoves && vm.disks.length > 0 ? (
          <Property label={t('summary.disks')}>
            <ul className={styles.disks} aria-label={t('summary.disks')}>
              {vm.disks.map((disk) => {
                const folder = placed.get(disk.path);
                const to = folder !== undefined ? joinWindowsPath(folder, fileOf(disk.path)) : withVm ? joinWindowsPath(withVm, fileOf(disk.path)) : null;
                return (
                  <li key={disk.path}>{t('summary.diskTo', { disk: sourcePath(disk.path), path: to ? destinationPath(to) : t('vmPath.defaultLocation') })}</li>
                );
              })}
            </ul>
          </Property>
        ) : null}
      </PropertyList>
      <h3 className={styles.subheading}>{t('summary.whatHappens')}</h3>
      <div className={styles.text}>
        <IssueList items={row.transferExplanationText ?? row.transferExplanation} label={t('summary.whatHappens')} />
      </div>
      {row.warnings.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('selectHost.warnings')}</MessageBarTitle>
            <IssueList items={row.warnings} label={t('selectHost.warnings')} />
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={t('summary.performance')} hint={t('summary.performanceHint')}>
        <Select
          className={styles.select}
          value={draft.performanceOption ?? ''}
          onChange={(_e, data) => patch({ performanceOption: data.value === '' ? null : (data.value as PerformanceOption) })}
        >
          <option value="">{hostOption ? t('summary.hostSetting', { option: t(`perf.${hostOption}`) }) : t('summary.hostSettingUnknown')}</option>
          {PERFORMANCE_OPTION_VALUES.map((option) => (
            <option key={option} value={option}>
              {t(`perf.${option}`)}
            </option>
          ))}
        </Select>
      </Field>
      <ScriptView requestKey={JSON.stringify(args)} load={() => wizardRequest('script.vmMigration', args)} />
      <MoveErrorBar error={draft.submitError} />
    </>
  );
}
