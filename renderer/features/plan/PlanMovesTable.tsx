import { makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { ErrorCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import { memo } from 'react';
import type { Job } from '../../../shared/model/job.js';
import type { PlannedMove } from '../../../shared/model/plan.js';
import { JobStatusLabel } from '../../components/JobStatusLabel.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-translator.js';
import { formatDuration } from '../jobs/job-format.js';
import { PlanDestinationSelect, type DestinationChoice } from './PlanDestinationSelect.js';
import { sameMove } from './plan-format.js';

const useStyles = makeStyles({
  table: { tableLayout: 'auto', minWidth: '100%' },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  risk: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  riskHead: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  slow: { color: tokens.colorStatusWarningForeground1 },
  never: { color: tokens.colorStatusDangerForeground1 },
  sentence: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  job: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, whiteSpace: 'nowrap' },
  rule: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minWidth: '16em' },
  percent: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The convergence warning of a move at risk: an icon and a word, then the sentence that says what to change. */
function RiskCell({ move }: { move: PlannedMove }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  if (move.risk !== 'slow' && move.risk !== 'never') return null;
  const never = move.risk === 'never';
  return (
    <div className={styles.risk}>
      <span className={mergeClasses(styles.riskHead, never ? styles.never : styles.slow)}>
        {never ? <ErrorCircle16Filled aria-hidden /> : <Warning16Filled aria-hidden />}
        {never ? t('plan.risk.never') : t('plan.risk.slow')}
      </span>
      <span className={styles.sentence}>{spoken({ message: move.convergence, text: move.convergenceText })}</span>
    </div>
  );
}

/** One planned move's row; drawn again only when the move or its job changes. */
const MoveRow = memo(
  function MoveRow({
    move,
    job,
    running,
    destinations,
  }: {
    move: PlannedMove;
    job: Job | undefined;
    running: boolean;
    destinations: DestinationChoice | null;
  }) {
    const styles = useStyles();
    const tr = useT();
    const { t, formatNumber, spoken } = tr;
    return (
      <TableRow>
        <TableCell className={styles.nowrap}>{move.id}</TableCell>
        <TableCell className={styles.nowrap}>{move.vm}</TableCell>
        <TableCell className={styles.nowrap}>{move.from}</TableCell>
        <TableCell className={styles.nowrap}>
          {destinations ? <PlanDestinationSelect vm={move.vm} source={move.from} planned={move.to} choice={destinations} /> : move.to}
        </TableCell>
        <TableCell className={styles.nowrap}>{t(`transfer.${move.transferType}` as MessageKey)}</TableCell>
        <TableCell className={styles.rule} data-code={move.rule?.code}>
          {move.rule ? spoken(move.rule) : null}
        </TableCell>
        <TableCell className={styles.num}>{formatDuration(tr, move.start)}</TableCell>
        <TableCell className={styles.num}>{formatDuration(tr, move.end)}</TableCell>
        <TableCell className={styles.num}>{formatDuration(tr, move.end - move.start)}</TableCell>
        <TableCell className={styles.num}>{t('unit.ms', { value: formatNumber(move.downtime * 1000) })}</TableCell>
        <TableCell className={styles.nowrap}>
          {[...move.after.map((id) => t('plan.waits.memory', { id })), ...move.follows.map((id) => t('plan.waits.network', { id }))].join(', ')}
        </TableCell>
        <TableCell>
          <RiskCell move={move} />
        </TableCell>
        {running ? (
          <TableCell>
            {job ? (
              <span className={styles.job}>
                <JobStatusLabel status={job.status} />
                {job.status === 'Running' ? <span className={styles.percent}>{t('unit.percent', { value: formatNumber(job.progress) })}</span> : null}
              </span>
            ) : null}
          </TableCell>
        ) : null}
      </TableRow>
    );
  },
  (a, b) => a.job === b.job && a.running === b.running && a.destinations === b.destinations && sameMove(a.move, b.move),
);

/** The planned moves in order: VM, from, to (a choice, in a plan of chosen VMs not yet run), transfer type, the placement rule that shaped it, predicted start, end, duration, downtime, what each waits for, and a warning where pre-copy may not converge; once running, each move's job. */
export function PlanMovesTable({
  moves,
  jobsByVm,
  running,
  destinations = null,
}: {
  moves: readonly PlannedMove[];
  jobsByVm: ReadonlyMap<string, Job>;
  running: boolean;
  /** Where each VM goes can be changed here (a plan of chosen VMs, not yet run). */
  destinations?: DestinationChoice | null;
}) {
  const styles = useStyles();
  const { t } = useT();
  return (
    <Table size="small" className={styles.table} aria-label={t('plan.moves.label')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('plan.col.order')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.vm')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.from')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.to')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.transfer')}</TableHeaderCell>
          <TableHeaderCell title={t('plan.col.ruleHint')}>{t('plan.col.rule')}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{t('plan.col.start')}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{t('plan.col.end')}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{t('plan.col.duration')}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{t('plan.col.downtime')}</TableHeaderCell>
          <TableHeaderCell title={t('plan.col.waitsHint')}>{t('plan.col.waits')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.warning')}</TableHeaderCell>
          {running ? <TableHeaderCell>{t('plan.col.job')}</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {moves.map((move) => (
          <MoveRow key={move.id} move={move} job={jobsByVm.get(move.vm.toLowerCase())} running={running} destinations={destinations} />
        ))}
      </TableBody>
    </Table>
  );
}
