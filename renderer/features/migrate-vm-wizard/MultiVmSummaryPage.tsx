import { makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { Plan, PlanRequest } from '../../../shared/model/plan.js';
import type { ErrorDto } from '../../../shared/model/result.js';
import { gridCellPadding, gridHead, gridHeadText, gridRow, gridTable } from '../../components/grid-table-styles.js';
import { MoveErrorBar } from '../../components/MoveErrorBar.js';
import { ScriptView } from '../../components/ScriptView.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { Property, PropertyList } from '../details/PropertyList.js';
import { formatDuration } from '../jobs/job-format.js';
import { formatDowntime, movesByStart } from './plan-moves-format.js';

// The moves table's columns, shared by its header and every row.
const COLUMNS = '32px minmax(120px, 1.6fr) minmax(84px, 1fr) minmax(84px, 1fr) 92px 72px 72px 76px';

const cellPadding = gridCellPadding('XS');

const useStyles = makeStyles({
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  table: gridTable,
  row: gridRow(COLUMNS, '640px'),
  head: gridHead,
  headCell: { ...cellPadding, ...gridHeadText },
  cell: { ...cellPadding, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
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
      <div role="table" aria-label={t('multiSummary.order')} className={styles.table}>
        <div role="rowgroup">
          <div role="row" className={mergeClasses(styles.row, styles.head)}>
            {[
              '#',
              t('multiHost.col.vm'),
              t('summary.col.from'),
              t('summary.col.to'),
              t('selectHost.col.transferType'),
              t('multiSummary.col.start'),
              t('multiSummary.col.end'),
              t('multiHost.col.downtime'),
            ].map((label) => (
              <div key={label} role="columnheader" className={mergeClasses(styles.cell, styles.headCell)} title={label}>
                {label}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {moves.map((move, i) => (
            <div key={move.id} role="row" aria-label={move.vm} className={styles.row}>
              <div role="cell" className={mergeClasses(cell, styles.number)}>
                {i + 1}
              </div>
              <div role="cell" className={mergeClasses(cell, styles.vm)} title={move.vm}>
                {move.vm}
              </div>
              <div role="cell" className={cell} title={move.from}>
                {move.from}
              </div>
              <div role="cell" className={cell} title={move.to}>
                {move.to}
              </div>
              <div role="cell" className={cell}>
                {t(`transfer.${move.transferType}`)}
              </div>
              <div role="cell" className={mergeClasses(cell, styles.number)}>
                {formatDuration(translator, move.start)}
              </div>
              <div role="cell" className={mergeClasses(cell, styles.number)}>
                {formatDuration(translator, move.end)}
              </div>
              <div role="cell" className={mergeClasses(cell, styles.number)}>
                {formatDowntime(translator, move.downtime)}
              </div>
            </div>
          ))}
        </div>
      </div>
      {plan.unmovable.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('multiSummary.leftOutTitle')}</MessageBarTitle>
            <ul className={styles.list} aria-label={t('multiSummary.leftOutTitle')}>
              {plan.unmovable.map((u) => (
                <li key={u.vm}>{t('multiSummary.leftOutVm', { vm: u.vm, reason: u.reasons[0] ? translator.spoken(u.reasons[0]) : '' })}</li>
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
                <li key={i}>{translator.spoken(w)}</li>
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
