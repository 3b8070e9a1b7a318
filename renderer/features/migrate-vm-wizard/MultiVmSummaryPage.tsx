import {
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { Plan, PlanRequest } from '../../../shared/model/plan.js';
import type { ErrorDto } from '../../../shared/model/result.js';
import { MoveErrorBar } from '../../components/MoveErrorBar.js';
import { ScriptView } from '../../components/ScriptView.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { Property, PropertyList } from '../details/PropertyList.js';
import { formatDuration } from '../jobs/job-format.js';
import { formatDowntime, movesByStart } from './plan-moves-format.js';

const useStyles = makeStyles({
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  tableBox: {
    overflowX: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { tableLayout: 'fixed', minWidth: '640px' },
  head: { backgroundColor: tokens.colorNeutralBackground2 },
  colOrder: { width: '36px' },
  colHost: { width: '110px' },
  colTransfer: { width: '90px' },
  colTime: { width: '76px' },
  cell: { fontSize: tokens.fontSizeBase200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  number: { fontVariantNumeric: 'tabular-nums' },
  vm: { fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  basis: { color: tokens.colorNeutralForeground3 },
});

/** Props of the multi-VM Summary. */
export interface MultiVmSummaryPageProps {
  request: PlanRequest;
  plan: Plan;
  submitError: ErrorDto | null;
}

/**
 * Summary for several VMs: the moves in the order they start (from, to, transfer type, predicted start,
 * end and downtime), the predicted window and its lower bound, the VMs left out and why, the plan's
 * warnings, View Script (the whole plan as PowerShell), and Move's error if it failed.
 */
export function MultiVmSummaryPage({ request, plan, submitError }: MultiVmSummaryPageProps) {
  const styles = useStyles();
  const translator = useT();
  const { t, tn } = translator;
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const moves = movesByStart(plan);
  const storageMoves = moves.some((m) => m.transferType === 'Live (VSM)' || m.transferType === 'Network');
  const cell = styles.cell;
  return (
    <>
      <PropertyList>
        <Property label={t('multiSummary.moves')}>{tn('vmList.count', moves.length)}</Property>
        {plan.unmovable.length > 0 ? <Property label={t('multiSummary.leftOut')}>{tn('vmList.count', plan.unmovable.length)}</Property> : null}
        <Property label={t('multiSummary.window')}>{formatDuration(translator, plan.makespan)}</Property>
        <Property label={t('multiSummary.lowerBound')}>
          {formatDuration(translator, plan.lowerBound)}
          {plan.lowerBoundBasis ? <span className={styles.basis}> — {plan.lowerBoundBasis}</span> : null}
        </Property>
        {storageMoves ? <Property label={t('summary.storagePath')}>{t('multiSummary.storageDefault')}</Property> : null}
      </PropertyList>
      <h3 className={styles.subheading}>{t('multiSummary.order')}</h3>
      <div className={styles.tableBox}>
        <Table size="extra-small" aria-label={t('multiSummary.order')} className={styles.table}>
          <TableHeader className={styles.head}>
            <TableRow>
              <TableHeaderCell className={styles.colOrder}>#</TableHeaderCell>
              <TableHeaderCell>{t('multiHost.col.vm')}</TableHeaderCell>
              <TableHeaderCell className={styles.colHost}>{t('summary.col.from')}</TableHeaderCell>
              <TableHeaderCell className={styles.colHost}>{t('summary.col.to')}</TableHeaderCell>
              <TableHeaderCell className={styles.colTransfer}>{t('selectHost.col.transferType')}</TableHeaderCell>
              <TableHeaderCell className={styles.colTime}>{t('multiSummary.col.start')}</TableHeaderCell>
              <TableHeaderCell className={styles.colTime}>{t('multiSummary.col.end')}</TableHeaderCell>
              <TableHeaderCell className={styles.colTime}>{t('multiHost.col.downtime')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {moves.map((move, i) => (
              <TableRow key={move.id} aria-label={move.vm}>
                <TableCell className={mergeClasses(cell, styles.number)}>{i + 1}</TableCell>
                <TableCell className={mergeClasses(cell, styles.vm)} title={move.vm}>
                  {move.vm}
                </TableCell>
                <TableCell className={cell}>{move.from}</TableCell>
                <TableCell className={cell}>{move.to}</TableCell>
                <TableCell className={cell}>{t(`transfer.${move.transferType}`)}</TableCell>
                <TableCell className={mergeClasses(cell, styles.number)}>{formatDuration(translator, move.start)}</TableCell>
                <TableCell className={mergeClasses(cell, styles.number)}>{formatDuration(translator, move.end)}</TableCell>
                <TableCell className={mergeClasses(cell, styles.number)}>{formatDowntime(translator, move.downtime)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {plan.unmovable.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('multiSummary.leftOutTitle')}</MessageBarTitle>
            <ul className={styles.list} aria-label={t('multiSummary.leftOutTitle')}>
              {plan.unmovable.map((u) => (
                <li key={u.vm}>{t('multiSummary.leftOutVm', { vm: u.vm, reason: u.reasons[0]?.message ?? '' })}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {plan.warnings.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('selectHost.warnings')}</MessageBarTitle>
            <ul className={styles.list} aria-label={t('selectHost.warnings')}>
              {plan.warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <ScriptView requestKey={JSON.stringify(request)} load={() => wizardRequest('plan.script', { request })} />
      <MoveErrorBar error={submitError} />
    </>
  );
}
