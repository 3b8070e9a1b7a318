import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import type { Vm } from '../../../shared/model/inventory.js';
import type { StoragePlanCheck } from '../../../shared/model/storage.js';
import { MoveErrorBar } from '../../components/MoveErrorBar.js';
import { ScriptView } from '../../components/ScriptView.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { Property, PropertyList } from '../details/PropertyList.js';
import { useCsvLabel } from '../storage-paths/csv-label.js';
import type { StoragePlanArgs, StorageWizardDraft } from './storage-wizard-draft.js';

const useStyles = makeStyles({
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  kind: { width: '110px' },
  size: { width: '90px', textAlign: 'right', whiteSpace: 'nowrap' },
});

/** Props of the Migrate Storage Wizard's Summary. */
export interface StorageSummaryPageProps {
  vm: Vm;
  draft: StorageWizardDraft;
  plan: StoragePlanArgs;
  check: StoragePlanCheck;
}

/** Summary: what moves where (the backend's plan check), the space it takes, View Script, and Move's error. */
export function StorageSummaryPage({ vm, draft, plan, check }: StorageSummaryPageProps) {
  const styles = useStyles();
  const { t, tn, formatSizeGB, spoken } = useT();
  const csvPath = useCsvLabel(vm.host);
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const location = plan.scope === 'whole-vm' ? plan.path : plan.configurationPath;
  return (
    <>
      <PropertyList>
        <Property label={t('summary.vm')}>{vm.name}</Property>
        <Property label={t('summary.host')}>{vm.host}</Property>
        <Property label={t('summary.scope')}>
          {plan.scope === 'whole-vm' ? t('summary.scope.wholeVm') : tn('summary.scope.perDisk', plan.disks.length)}
        </Property>
        <Property label={plan.scope === 'whole-vm' ? t('storagePath.location') : t('storagePath.configuration')}>
          <span className={styles.mono}>{location ?? t('summary.configurationStays', { path: vm.configurationPath })}</span>
          {draft.addToDefaults && location ? ` — ${t('summary.addedToDefaults')}` : ''}
        </Property>
      </PropertyList>
      <h3 className={styles.subheading}>{t('summary.filesMoving')}</h3>
      <Table size="extra-small" aria-label={t('summary.filesMoving')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.kind}>{t('summary.col.kind')}</TableHeaderCell>
            <TableHeaderCell>{t('summary.col.from')}</TableHeaderCell>
            <TableHeaderCell>{t('summary.col.to')}</TableHeaderCell>
            <TableHeaderCell className={styles.size}>{t('disks.col.size')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {check.moves.map((move) => (
            <TableRow key={`${move.kind}|${move.from}`}>
              <TableCell className={styles.kind}>{t(`summary.kind.${move.kind}`)}</TableCell>
              <TableCell>
                <span className={styles.mono}>{csvPath(move.from)}</span>
              </TableCell>
              <TableCell>
                <span className={styles.mono}>{csvPath(move.to)}</span>
              </TableCell>
              <TableCell className={styles.size}>{formatSizeGB(move.sizeGB)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {check.destinations.length > 0 ? (
        <>
          <h3 className={styles.subheading}>{t('summary.space')}</h3>
          <Table size="extra-small" aria-label={t('summary.space')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('storage.col.location')}</TableHeaderCell>
                <TableHeaderCell className={styles.size}>{t('summary.col.required')}</TableHeaderCell>
                <TableHeaderCell className={styles.size}>{t('storage.col.free')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {check.destinations.map((use) => (
                <TableRow key={use.root}>
                  <TableCell>{spoken({ message: use.description, text: use.descriptionText })}</TableCell>
                  <TableCell className={styles.size}>{formatSizeGB(use.requiredGB)}</TableCell>
                  <TableCell className={styles.size}>{formatSizeGB(use.freeGB)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
      <ScriptView requestKey={JSON.stringify(plan)} load={() => wizardRequest('script.storageMigration', { plan })} />
      <MoveErrorBar error={draft.submitError} />
    </>
  );
}
