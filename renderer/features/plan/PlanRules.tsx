import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { assertNever } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';
import type { PlanRuleRow } from './plan-rules.js';

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap', verticalAlign: 'top' },
  top: { verticalAlign: 'top', width: '100%' },
  moves: { fontWeight: tokens.fontWeightSemibold },
});

/** The rule's kind, in words. */
function KindText({ row }: { row: PlanRuleRow }) {
  const { t } = useT();
  switch (row.kind) {
    case 'availability-set':
      return <>{t('plan.rules.kind.set')}</>;
    case 'affinity-rule':
      return <>{t(row.required ? 'plan.rules.kind.required' : 'plan.rules.kind.preferred', { type: row.type })}</>;
    case 'possible-owners':
      return <>{t('plan.rules.kind.possible', { owners: row.owners.join(', ') })}</>;
    case 'preferred-owners':
      return <>{t('plan.rules.kind.preferredOwners', { owners: row.owners.join(', ') })}</>;
    default:
      return assertNever(row);
  }
}

/** The placement rules of the VMs in the plan: each rule, its kind, and where each of its VMs is once the plan has run (moved ones in bold). */
export function PlanRules({ rows }: { rows: readonly PlanRuleRow[] }) {
  const styles = useStyles();
  const { t } = useT();
  return (
    <Table size="small" className={styles.table} aria-label={t('plan.rules.label')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('plan.rules.col.rule')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.rules.col.kind')}</TableHeaderCell>
          <TableHeaderCell>{t('plan.rules.col.where')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.kind}:${row.name}`}>
            <TableCell className={styles.nowrap}>{row.name}</TableCell>
            <TableCell className={styles.nowrap}>
              <KindText row={row} />
            </TableCell>
            <TableCell className={styles.top}>
              {row.vms.map((v, i) => (
                <span key={v.vm}>
                  {i > 0 ? ', ' : ''}
                  <span className={v.moves ? styles.moves : undefined}>{t('plan.rules.vmOn', { vm: v.vm, host: v.host })}</span>
                </span>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
