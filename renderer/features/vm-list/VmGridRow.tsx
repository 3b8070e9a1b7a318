import { makeStyles, tokens } from '@fluentui/react-components';
import { Desktop16Regular } from '@fluentui/react-icons';
import { memo } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { GridCell, VirtualGridRow, type GridRowState } from '../../components/VirtualGrid.js';
import { VmStateLabel } from '../../components/VmStateLabel.js';
import type { Translator } from '../../i18n/translator.js';

const useStyles = makeStyles({
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  nameIcon: { flexShrink: 0, color: tokens.colorNeutralForeground3 },
  nameText: { overflow: 'hidden', textOverflow: 'ellipsis' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  jobPercent: { marginLeft: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
});

/** Props of one VM row. */
export interface VmGridRowProps extends GridRowState {
  vm: Vm;
  /** The VM's latest job, for the Job status column. */
  job: Job | null;
  translator: Translator;
}

/** One row of the VM grid. */
export const VmGridRow = memo(function VmGridRow({ vm, job, translator, ...row }: VmGridRowProps) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatNumber } = translator;
  return (
    <VirtualGridRow {...row}>
      <GridCell column={1} className={styles.name}>
        <Desktop16Regular className={styles.nameIcon} />
        <span className={styles.nameText}>{vm.name}</span>
      </GridCell>
      <GridCell column={2}>
        <VmStateLabel state={vm.state} />
      </GridCell>
      <GridCell column={3}>{vm.host}</GridCell>
      <GridCell column={4} className={styles.number}>
        {formatMemoryMB(vm.memoryMB)}
      </GridCell>
      <GridCell column={5} className={styles.number}>
        {vm.configVersion}
      </GridCell>
      <GridCell column={6}>{vm.highlyAvailable ? t('common.yes') : t('common.no')}</GridCell>
      <GridCell column={7} title={job?.name}>
        {job ? (
          <>
            <JobStatusLabel status={job.status} />
            {job.status === 'Running' ? <span className={styles.jobPercent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span> : null}
          </>
        ) : null}
      </GridCell>
    </VirtualGridRow>
  );
});
