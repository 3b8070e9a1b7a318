import {
  Button,
  makeStyles,
  mergeClasses,
  Menu,
  MenuButton,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ErrorCircle16Filled, Pin16Regular, Warning16Filled } from '@fluentui/react-icons';
import type { Host, Vm } from '../../../shared/model/inventory.js';
import type { Plan, PlannedMove } from '../../../shared/model/plan.js';
import type { ErrorDto } from '../../../shared/model/result.js';
import { StarRating } from '../../components/StarRating.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { formatDuration } from '../jobs/job-format.js';
import { AUTO_HOST, rowChoice, withRowChoice, type MultiVmWizardDraft } from './multi-vm-wizard-draft.js';
import { formatDowntime, planRows, type PlanRow } from './plan-moves-format.js';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  intro: { flexGrow: 1, color: tokens.colorNeutralForeground2 },
  tableBox: {
    overflowX: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { tableLayout: 'fixed', minWidth: '700px' },
  head: { backgroundColor: tokens.colorNeutralBackground2 },
  colVm: { width: '150px' },
  colDestination: { width: '172px' },
  colRating: { width: '92px' },
  colTransfer: { width: '84px' },
  colTime: { width: '68px' },
  cell: { fontSize: tokens.fontSizeBase200, verticalAlign: 'top', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  oneLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  number: { fontVariantNumeric: 'tabular-nums' },
  vmName: { display: 'block', fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  vmFrom: { display: 'block', color: tokens.colorNeutralForeground3 },
  select: { width: '100%' },
  note: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, overflowWrap: 'anywhere' },
  noteIcon: { flexShrink: 0, marginTop: '2px' },
  slow: { color: tokens.colorStatusWarningForeground1 },
  never: { color: tokens.colorStatusDangerForeground1 },
  pinned: { color: tokens.colorNeutralForeground3 },
  unmovableRow: { backgroundColor: tokens.colorStatusDangerBackground1 },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  reasonTitle: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold, color: tokens.colorStatusDangerForeground1 },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** Props of the multi-VM Select Host. */
export interface MultiSelectHostPageProps {
  vms: readonly Vm[];
  /** Every host, in the inventory's order: each row's dropdown and "Pin all to host…" offer them. */
  hosts: readonly Host[];
  draft: MultiVmWizardDraft;
  plan: Plan | null;
  loading: boolean;
  error: ErrorDto | null;
  onRetry: () => void;
}

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

/** The risk note of a planned move: why pre-copy is slow or never converges, or that the row is pinned. */
function MoveNote({ move }: { move: PlannedMove }) {
  const styles = useStyles();
  const { t } = useT();
  if (move.risk === 'never' || move.risk === 'slow') {
    const never = move.risk === 'never';
    return (
      <span className={mergeClasses(styles.note, never ? styles.never : styles.slow)}>
        {never ? <ErrorCircle16Filled className={styles.noteIcon} /> : <Warning16Filled className={styles.noteIcon} />}
        <span>
          <strong>{never ? t('multiHost.risk.never') : t('multiHost.risk.slow')}</strong> {move.convergence}
        </span>
      </span>
    );
  }
  if (move.chosen === 'pinned') {
    return (
      <span className={mergeClasses(styles.note, styles.pinned)}>
        <Pin16Regular className={styles.noteIcon} />
        {t('multiHost.pinned')}
      </span>
    );
  }
  return null;
}

/** One VM's row: its destination dropdown, then the planned move's figures or why it cannot move. */
function PlanRowView({ row, vm, hostNames, draft, planned }: { row: PlanRow; vm: Vm | undefined; hostNames: readonly string[]; draft: MultiVmWizardDraft; planned: boolean }) {
  const styles = useStyles();
  const translator = useT();
  const { t } = translator;
  const patch = useAppStore((s) => s.patchMultiVmWizard);
  const choice = rowChoice(draft, row.vm);
  const source = row.move?.from ?? row.unmovable?.host ?? vm?.host ?? '';
  // The VM's own host is no destination; it stays listed only when it is the row's choice (the plan says why not).
  const options = hostNames.filter((h) => h.toLowerCase() !== source.toLowerCase() || h === choice);
  const autoLabel = row.move && choice === AUTO_HOST ? t('multiHost.autoWith', { host: row.move.to }) : t('multiHost.auto');
  const cell = mergeClasses(styles.cell, styles.oneLine);
  return (
    <TableRow className={row.move || !planned ? undefined : styles.unmovableRow} aria-label={row.vm}>
      <TableCell className={styles.cell}>
        <span className={styles.vmName} title={row.vm}>
          {row.vm}
        </span>
        <span className={styles.vmFrom}>{t('multiHost.from', { host: source })}</span>
      </TableCell>
      <TableCell className={styles.cell}>
        <Select
          size="small"
          className={styles.select}
          aria-label={t('multiHost.destinationOf', { vm: row.vm })}
          value={choice}
          onChange={(_e, data) => patch(withRowChoice(draft, row.vm, data.value))}
        >
          <option value={AUTO_HOST}>{autoLabel}</option>
          {options.map((host) => (
            <option key={host} value={host}>
              {host}
            </option>
          ))}
        </Select>
      </TableCell>
      {row.move ? (
        <>
          <TableCell className={cell}>
            <StarRating rating={row.move.rating} />
          </TableCell>
          <TableCell className={cell}>{t(`transfer.${row.move.transferType}`)}</TableCell>
          <TableCell className={mergeClasses(cell, styles.number)}>{formatDuration(translator, row.move.end - row.move.start)}</TableCell>
          <TableCell className={mergeClasses(cell, styles.number)}>{formatDowntime(translator, row.move.downtime)}</TableCell>
          <TableCell className={styles.cell}>
            <MoveNote move={row.move} />
          </TableCell>
        </>
      ) : !planned ? (
        <TableCell className={mergeClasses(styles.cell, styles.pinned)} colSpan={5}>
          {t('multiHost.loading')}
        </TableCell>
      ) : (
        <TableCell className={styles.cell} colSpan={5}>
          <span className={styles.reasonTitle}>
            <ErrorCircle16Filled />
            {t('multiHost.cannotMove')}
          </span>
          {row.unmovable && row.unmovable.reasons.length > 0 ? (
            <ul className={styles.reasons} aria-label={t('multiHost.reasonsOf', { vm: row.vm })}>
              {row.unmovable.reasons.map((reason, i) => (
                <li key={i} data-code={reason.code}>
                  {reason.message}
                </li>
              ))}
            </ul>
          ) : null}
        </TableCell>
      )}
    </TableRow>
  );
}

/**
 * Select Host for several VMs: a row per VM with the destination the planner proposes (the best-rated host
 * that still fits once the moves before it are counted), its rating, transfer type, predicted duration and
 * downtime, and a warning when pre-copy is slow or never converges. A row's dropdown pins it to another host
 * (or back to the best one), "Pin all to host…" pins every row; each change plans again. VMs that cannot
 * move say why and are left out of the Move.
 */
export function MultiSelectHostPage({ vms, hosts, draft, plan, loading, error, onRetry }: MultiSelectHostPageProps) {
  const styles = useStyles();
  const translator = useT();
  const { t, tn } = translator;
  const patch = useAppStore((s) => s.patchMultiVmWizard);
  const hostNames = hosts.map((h) => h.name).sort(byName);
  const vmByName = new Map(vms.map((vm) => [vm.name, vm]));
  const rows = planRows(
    vms.map((vm) => vm.name),
    plan,
  );
  const moving = plan?.moves.length ?? 0;
  return (
    <>
      <div className={styles.bar}>
        <Text className={styles.intro}>{t('multiHost.intro', { count: tn('vmList.count', vms.length) })}</Text>
        {loading ? <Spinner size="extra-tiny" label={t('multiHost.planning')} /> : null}
        <Menu checkedValues={{ to: [draft.to] }} onCheckedValueChange={(_e, data) => patch({ to: data.checkedItems[0] ?? AUTO_HOST, perVm: {} })}>
          <MenuTrigger disableButtonEnhancement>
            <MenuButton size="small" icon={<Pin16Regular />}>
              {t('multiHost.pinAll')}
            </MenuButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItemRadio name="to" value={AUTO_HOST}>
                {t('multiHost.pinAll.auto')}
              </MenuItemRadio>
              {hostNames.map((host) => (
                <MenuItemRadio key={host} name="to" value={host}>
                  {host}
                </MenuItemRadio>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      </div>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('multiHost.failed', { message: error.message })}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onRetry}>
              {t('app.retry')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <div className={styles.tableBox}>
        <Table size="small" aria-label={t('multiHost.tableLabel')} className={styles.table}>
          <TableHeader className={styles.head}>
            <TableRow>
              <TableHeaderCell className={styles.colVm}>{t('multiHost.col.vm')}</TableHeaderCell>
              <TableHeaderCell className={styles.colDestination}>{t('multiHost.col.destination')}</TableHeaderCell>
              <TableHeaderCell className={styles.colRating}>{t('selectHost.col.rating')}</TableHeaderCell>
              <TableHeaderCell className={styles.colTransfer}>{t('selectHost.col.transferType')}</TableHeaderCell>
              <TableHeaderCell className={styles.colTime}>{t('multiHost.col.duration')}</TableHeaderCell>
              <TableHeaderCell className={styles.colTime}>{t('multiHost.col.downtime')}</TableHeaderCell>
              <TableHeaderCell>{t('selectHost.col.notes')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <PlanRowView key={row.vm} row={row} vm={vmByName.get(row.vm)} hostNames={hostNames} draft={draft} planned={plan !== null} />
            ))}
          </TableBody>
        </Table>
      </div>
      <Text className={styles.status} aria-live="polite">
        {plan === null
          ? t('multiHost.loading')
          : t('multiHost.status', {
              moving,
              total: vms.length,
              window: formatDuration(translator, plan.makespan),
              bound: formatDuration(translator, plan.lowerBound),
            })}
      </Text>
    </>
  );
}
