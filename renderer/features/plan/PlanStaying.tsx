import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import type { StayingVm } from '../../../shared/model/plan.js';
import { assertNever } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  why: { width: '100%' },
  nowrap: { whiteSpace: 'nowrap', verticalAlign: 'top' },
  top: { verticalAlign: 'top' },
  saved: { color: tokens.colorStatusWarningForeground1, fontWeight: tokens.fontWeightSemibold },
  off: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
});

/** What happens to a VM that stays, in words. */
function Outcome({ code }: { code: StayingVm['reason']['code'] }) {
  const styles = useStyles();
  const { t } = useT();
  switch (code) {
    case 'saved-by-plan':
      return <span className={styles.saved}>{t('plan.unmovable.saved')}</span>;
    case 'not-running':
      return <span className={styles.off}>{t('plan.staying.notRunning')}</span>;
    default:
      return assertNever(code);
  }
}

/**
 * An evacuation's VMs that stay on the host on purpose (migration-rules.md section 9): off or saved and not
 * highly available, or saved instead of moving; each with what happens to it and why.
 */
export function PlanStaying({ staying }: { staying: readonly StayingVm[] }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  return (
    <Table size="small" className={styles.table} aria-label={t('plan.staying.label')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('plan.col.vm')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.host')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.col.outcome')}</TableHeaderCell>
          <TableHeaderCell className={styles.why}>{t('plan.col.why')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {staying.map((st) => (
          <TableRow key={st.vm}>
            <TableCell className={styles.nowrap}>{st.vm}</TableCell>
            <TableCell className={styles.nowrap}>{st.host}</TableCell>
            <TableCell className={styles.nowrap}>
              <Outcome code={st.reason.code} />
            </TableCell>
            <TableCell className={styles.top} data-code={st.reason.code}>
              {spoken(st.reason)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
