import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import type { UnmovableVm } from '../../../shared/model/plan.js';
import { assertNever } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';
import { PlanDestinationSelect, type DestinationChoice } from './PlanDestinationSelect.js';

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  why: { width: '100%' },
  nowrap: { whiteSpace: 'nowrap', verticalAlign: 'top' },
  top: { verticalAlign: 'top' },
  reasons: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  left: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
});

/** What happens to a VM that cannot move, in words. */
function ActionText({ action }: { action: UnmovableVm['action'] }) {
  const styles = useStyles();
  const { t } = useT();
  if (action === null) return <>{t('plan.unmovable.none')}</>;
  switch (action) {
    case 'leave':
      return <span className={styles.left}>{t('plan.unmovable.left')}</span>;
    default:
      return assertNever(action);
  }
}

/**
 * The VMs the plan cannot move: where each is, every reason (its code and message), for an evacuation
 * what happens to it instead, and in a plan of chosen VMs not yet run, its destination to change.
 */
export function PlanUnmovable({
  unmovable,
  evacuation,
  destinations = null,
}: {
  unmovable: readonly UnmovableVm[];
  evacuation: boolean;
  destinations?: DestinationChoice | null;
}) {
  const styles = useStyles();
  const { t, spoken } = useT();
  return (
    <Table size="small" className={styles.table} aria-label={t('plan.unmovable.label')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('plan.col.vm')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.host')}</TableHeaderCell>
          {destinations ? <TableHeaderCell>{t('plan.col.to')}</TableHeaderCell> : null}
          {evacuation ? <TableHeaderCell>{t('plan.col.outcome')}</TableHeaderCell> : null}
          <TableHeaderCell className={styles.why}>{t('plan.col.why')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {unmovable.map((u) => (
          <TableRow key={u.vm}>
            <TableCell className={styles.nowrap}>{u.vm}</TableCell>
            <TableCell className={styles.nowrap}>{u.host}</TableCell>
            {destinations ? (
              <TableCell className={styles.nowrap}>
                <PlanDestinationSelect vm={u.vm} source={u.host} planned={null} choice={destinations} />
              </TableCell>
            ) : null}
            {evacuation ? (
              <TableCell className={styles.nowrap}>
                <ActionText action={u.action} />
              </TableCell>
            ) : null}
            <TableCell className={styles.top}>
              <ul className={styles.reasons}>
                {u.reasons.map((r, i) => (
                  <li key={`${r.code}-${i}`} data-code={r.code}>
                    {spoken(r)}
                  </li>
                ))}
              </ul>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
