import { makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, CircleFilled, ErrorCircle16Filled, RecordStop16Regular, ArrowSwap16Regular, Save16Regular } from '@fluentui/react-icons';
import type { LabHostStatus, LabVmStatus } from '../../../shared/model/lab.js';
import { assertNever } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';
import { formatDuration } from '../jobs/job-format.js';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', minWidth: 0 },
  table: { minWidth: '640px' },
  number: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  label: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  glyph: { flexShrink: 0, fontSize: '12px' },
  running: { color: tokens.colorStatusSuccessForeground1 },
  off: { color: tokens.colorNeutralForeground3 },
  migrating: { color: tokens.colorBrandForeground1 },
  ok: { color: tokens.colorStatusSuccessForeground1 },
  corrupt: { color: tokens.colorStatusDangerForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The lab's hosts: name, loopback address, migration network, NICs and how many lab VMs each runs. */
export function LabHostsTable({ hosts }: { hosts: readonly LabHostStatus[] }) {
  const styles = useStyles();
  const { t, formatNumber } = useT();
  return (
    <div className={styles.scroll}>
      <Table size="small" aria-label={t('lab.hosts')} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('lab.col.name')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.address')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.network')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.nics')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.vmCount')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {hosts.map((h) => (
            <TableRow key={h.name}>
              <TableCell className={styles.nowrap}>{h.name}</TableCell>
              <TableCell className={styles.number}>{h.address}</TableCell>
              <TableCell className={styles.number}>{t('unit.gbps', { value: formatNumber(h.gbps, 1) })}</TableCell>
              <TableCell className={styles.number}>{formatNumber(h.nics)}</TableCell>
              <TableCell className={styles.number}>{formatNumber(h.vms)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function VmState({ state }: { state: LabVmStatus['state'] }) {
  const styles = useStyles();
  const { t } = useT();
  let glyph;
  switch (state) {
    case 'Running':
      glyph = <CircleFilled className={mergeClasses(styles.glyph, styles.running)} />;
      break;
    case 'Off':
      glyph = <RecordStop16Regular className={mergeClasses(styles.glyph, styles.off)} />;
      break;
    case 'Saved':
      glyph = <Save16Regular className={mergeClasses(styles.glyph, styles.off)} />;
      break;
    case 'Migrating':
      glyph = <ArrowSwap16Regular className={mergeClasses(styles.glyph, styles.migrating)} />;
      break;
    default:
      return assertNever(state);
  }
  return (
    <span className={styles.label}>
      {glyph}
      {t(`lab.vmState.${state}`)}
    </span>
  );
}

function MemoryCheck({ corrupt }: { corrupt: boolean }) {
  const styles = useStyles();
  const { t } = useT();
  return corrupt ? (
    <span className={mergeClasses(styles.label, styles.corrupt)}>
      <ErrorCircle16Filled />
      {t('lab.memoryCheck.corrupted')}
    </span>
  ) : (
    <span className={mergeClasses(styles.label, styles.ok)}>
      <CheckmarkCircle16Filled />
      {t('lab.memoryCheck.ok')}
    </span>
  );
}

/**
 * The lab's VMs: where each runs, its state and QEMU process, the guest's last heartbeat, its memory and
 * dirty rate, and whether the guest's own memory check still passes (a move must never corrupt it).
 */
export function LabVmsTable({ vms }: { vms: readonly LabVmStatus[] }) {
  const styles = useStyles();
  const translator = useT();
  const { t, formatNumber, formatMemoryMB } = translator;
  return (
    <div className={styles.scroll}>
      <Table size="small" aria-label={t('lab.vms')} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('lab.col.name')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.host')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.state')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.pid')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.heartbeat')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.memory')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.dirtyRate')}</TableHeaderCell>
            <TableHeaderCell>{t('lab.col.memoryCheck')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {vms.map((v) => (
            <TableRow key={v.vm}>
              <TableCell className={styles.nowrap}>{v.vm}</TableCell>
              <TableCell className={styles.nowrap}>{v.host}</TableCell>
              <TableCell>
                <VmState state={v.state} />
              </TableCell>
              <TableCell className={styles.number}>{v.pid === null ? '—' : String(v.pid)}</TableCell>
              <TableCell className={styles.number}>
                {v.heartbeat === null
                  ? t('lab.heartbeat.none')
                  : t('lab.heartbeat', { seq: String(v.heartbeat.seq), uptime: formatDuration(translator, v.heartbeat.upSeconds) })}
              </TableCell>
              <TableCell className={styles.number}>{formatMemoryMB(v.memoryMB)}</TableCell>
              <TableCell className={styles.number}>{t('lab.dirtyRate', { value: formatNumber(v.dirtyRateMBps, 1) })}</TableCell>
              <TableCell>
                <MemoryCheck corrupt={v.corrupt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
