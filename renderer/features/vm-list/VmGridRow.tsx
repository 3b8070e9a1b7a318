import { makeStyles, tokens } from '@fluentui/react-components';
import { Desktop16Regular } from '@fluentui/react-icons';
import { memo } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { GridCell, VirtualGridRow, type GridRowState } from '../../components/VirtualGrid.js';
import { VmStateLabel } from '../../components/VmStateLabel.js';
import type { Translator } from '../../i18n/translator.js';
import { assertNever } from '../../../shared/model/result.js';
import type { VmColumn } from './vm-rows.js';

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
  /** The columns shown, in order. */
  columns: readonly VmColumn[];
  translator: Translator;
}

/** One row of the VM grid: a cell for each column shown. */
export const VmGridRow = memo(function VmGridRow({ vm, job, columns, translator, ...row }: VmGridRowProps) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatNumber } = translator;
  const cell = (column: VmColumn, index: number) => {
    switch (column) {
      case 'name':
        return (
          <GridCell key={column} column={index} className={styles.name}>
            <Desktop16Regular className={styles.nameIcon} />
            <span className={styles.nameText}>{vm.name}</span>
          </GridCell>
        );
      case 'status':
        return (
          <GridCell key={column} column={index}>
            <VmStateLabel state={vm.state} />
          </GridCell>
        );
      case 'host':
        return (
          <GridCell key={column} column={index}>
            {vm.host}
          </GridCell>
        );
      case 'memory':
        return (
          <GridCell key={column} column={index} className={styles.number}>
            {formatMemoryMB(vm.memoryMB)}
          </GridCell>
        );
      case 'configVersion':
        return (
          <GridCell key={column} column={index} className={styles.number}>
            {vm.configVersion}
          </GridCell>
        );
      case 'highlyAvailable':
        return (
          <GridCell key={column} column={index}>
            {vm.highlyAvailable ? t('common.yes') : t('common.no')}
          </GridCell>
        );
      case 'jobStatus':
        return (
          <GridCell key={column} column={index} title={job?.name}>
            {job ? (
              <>
                <JobStatusLabel status={job.status} />
                {job.status === 'Running' ? <span className={styles.jobPercent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span> : null}
              </>
            ) : null}
          </GridCell>
        );
      default:
        return assertNever(column);
    }
  };
  return <VirtualGridRow {...row}>{columns.map((column, i) => cell(column, i + 1))}</VirtualGridRow>;
});
