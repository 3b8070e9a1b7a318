import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Desktop16Regular } from '@fluentui/react-icons';
import { memo } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import { VmStateLabel } from '../../components/VmStateLabel.js';
import type { Translator } from '../../i18n/translator.js';
import { VM_GRID_MIN_WIDTH, VM_GRID_TEMPLATE, VM_ROW_HEIGHT } from './vm-list-columns.js';

const useStyles = makeStyles({
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    minWidth: `${VM_GRID_MIN_WIDTH}px`,
    height: `${VM_ROW_HEIGHT}px`,
    display: 'grid',
    gridTemplateColumns: VM_GRID_TEMPLATE,
    alignItems: 'center',
    boxSizing: 'border-box',
    cursor: 'default',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  focused: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
  },
  cell: {
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
  },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  nameIcon: { flexShrink: 0, color: tokens.colorNeutralForeground3 },
  nameText: { overflow: 'hidden', textOverflow: 'ellipsis' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  jobPercent: { marginLeft: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
});

/** Props of one VM row. */
export interface VmGridRowProps {
  vm: Vm;
  /** The VM's latest job, for the Job status column. */
  job: Job | null;
  id: string;
  /** Position among the shown rows (0-based); aria-rowindex counts the header as 1. */
  position: number;
  offset: number;
  selected: boolean;
  focused: boolean;
  translator: Translator;
  onSelect: (vmId: string) => void;
}

/** One row of the VM grid. */
export const VmGridRow = memo(function VmGridRow({ vm, job, id, position, offset, selected, focused, translator, onSelect }: VmGridRowProps) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatNumber } = translator;
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={position + 2}
      aria-selected={selected}
      data-index={position}
      className={mergeClasses(styles.row, selected && styles.selected, focused && styles.focused)}
      style={{ transform: `translateY(${offset}px)` }}
      onClick={() => onSelect(vm.id)}
    >
      <div role="gridcell" aria-colindex={1} className={mergeClasses(styles.cell, styles.name)}>
        <Desktop16Regular className={styles.nameIcon} />
        <span className={styles.nameText}>{vm.name}</span>
      </div>
      <div role="gridcell" aria-colindex={2} className={styles.cell}>
        <VmStateLabel state={vm.state} />
      </div>
      <div role="gridcell" aria-colindex={3} className={styles.cell}>
        {vm.host}
      </div>
      <div role="gridcell" aria-colindex={4} className={mergeClasses(styles.cell, styles.number)}>
        {formatMemoryMB(vm.memoryMB)}
      </div>
      <div role="gridcell" aria-colindex={5} className={mergeClasses(styles.cell, styles.number)}>
        {vm.configVersion}
      </div>
      <div role="gridcell" aria-colindex={6} className={styles.cell}>
        {vm.highlyAvailable ? t('common.yes') : t('common.no')}
      </div>
      <div role="gridcell" aria-colindex={7} className={styles.cell} title={job?.name}>
        {job ? (
          <>
            <JobStatusLabel status={job.status} />
            {job.status === 'Running' ? <span className={styles.jobPercent}>{t('jobs.progress', { percent: formatNumber(job.progress) })}</span> : null}
          </>
        ) : null}
      </div>
    </div>
  );
});
