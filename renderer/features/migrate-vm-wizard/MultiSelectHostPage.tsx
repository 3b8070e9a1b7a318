import {
  makeStyles,
  mergeClasses,
  Menu,
  MenuButton,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Select,
  Spinner,
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
import { compareNames } from '../../components/compare-names.js';
import { RetryBar } from '../../components/RetryBar.js';
import { gridCellPadding, gridHead, gridHeadText, gridRow, gridTable } from '../../components/grid-table-styles.js';

// The table's columns, shared by its header and every row (each row is a grid, so a note can take a line of its own).
const COLUMNS = 'minmax(120px, 1.2fr) minmax(150px, 1.4fr) 96px 96px 72px 80px';

const cellPadding = gridCellPadding('S');

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  intro: { flexGrow: 1, color: tokens.colorNeutralForeground2 },
  pinAll: { flexShrink: 0, whiteSpace: 'nowrap' },
  table: gridTable,
  row: gridRow(COLUMNS, '620px'),
  head: gridHead,
  headCell: { ...cellPadding, ...gridHeadText, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  cell: { ...cellPadding, minWidth: 0 },
  oneLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  number: { fontVariantNumeric: 'tabular-nums' },
  vmName: { display: 'block', fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  vmFrom: { display: 'block', color: tokens.colorNeutralForeground3 },
  select: { width: '100%' },
  // The VM and its dropdown hold the row's first line; the figures fill it after them.
  vmCell: { gridColumn: '1', gridRow: '1' },
  destinationCell: { gridColumn: '2', gridRow: '1' },
  // A note (convergence risk, pinned) or the reasons a VM cannot move: a line of its own under the figures.
  noteCell: { gridColumn: '2 / -1', gridRow: '2', paddingTop: 0, marginTop: `calc(-1 * ${tokens.spacingVerticalXS})` },
  cannotMoveCell: { gridColumn: '3 / -1', gridRow: '1' },
  note: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, overflowWrap: 'anywhere' },
  noteIcon: { flexShrink: 0, marginTop: '1px' },
  slow: { color: tokens.colorStatusWarningForeground1 },
  never: { color: tokens.colorStatusDangerForeground1 },
  pinned: { color: tokens.colorNeutralForeground3 },
  unmovableRow: { backgroundColor: tokens.colorStatusDangerBackground1 },
  reasons: { margin: 0, marginTop: tokens.spacingVerticalXXS, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  reasonTitle: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorStatusDangerForeground1,
  },
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

/** The risk note of a planned move: why pre-copy is slow or never converges, or that the row is pinned. */
function MoveNote({ move }: { move: PlannedMove }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  // The placement rule that shaped the destination ("kept apart from SQL-02: availability set SQL-AG").
  const rule = move.rule ? (
    <span className={styles.note} data-code={move.rule.code}>
      {spoken(move.rule)}
    </span>
  ) : null;
  if (move.risk === 'never' || move.risk === 'slow') {
    const never = move.risk === 'never';
    return (
      <>
        <span className={mergeClasses(styles.note, never ? styles.never : styles.slow)}>
          {never ? <ErrorCircle16Filled className={styles.noteIcon} /> : <Warning16Filled className={styles.noteIcon} />}
          <span>
            <strong>{never ? t('multiHost.risk.never') : t('multiHost.risk.slow')}</strong> {spoken({ message: move.convergence, text: move.convergenceText })}
          </span>
        </span>
        {rule}
      </>
    );
  }
  if (move.chosen === 'pinned') {
    return (
      <>
        <span className={mergeClasses(styles.note, styles.pinned)}>
          <Pin16Regular className={styles.noteIcon} />
          {t('multiHost.pinned')}
        </span>
        {rule}
      </>
    );
  }
  return rule;
}

/** One VM's row: its destination dropdown, then the planned move's figures (and a note) or why it cannot move. */
function PlanRowView({
  row,
  vm,
  hostNames,
  draft,
  planned,
}: {
  row: PlanRow;
  vm: Vm | undefined;
  hostNames: readonly string[];
  draft: MultiVmWizardDraft;
  planned: boolean;
}) {
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
  const note = row.move ? <MoveNote move={row.move} /> : null;
  return (
    <div role="row" aria-label={row.vm} className={mergeClasses(styles.row, !row.move && planned && styles.unmovableRow)}>
      <div role="cell" className={mergeClasses(styles.cell, styles.vmCell)}>
        <span className={styles.vmName} title={row.vm}>
          {row.vm}
        </span>
        <span className={styles.vmFrom}>{t('multiHost.from', { host: source })}</span>
      </div>
      <div role="cell" className={mergeClasses(styles.cell, styles.destinationCell)}>
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
      </div>
      {row.move ? (
        <>
          <div role="cell" className={cell}>
            <StarRating rating={row.move.rating} />
          </div>
          <div role="cell" className={cell}>
            {t(`transfer.${row.move.transferType}`)}
          </div>
          <div role="cell" className={mergeClasses(cell, styles.number)}>
            {formatDuration(translator, row.move.end - row.move.start)}
          </div>
          <div role="cell" className={mergeClasses(cell, styles.number)}>
            {formatDowntime(translator, row.move.downtime)}
          </div>
          {note ? (
            <div role="cell" className={mergeClasses(styles.cell, styles.noteCell)}>
              {note}
            </div>
          ) : null}
        </>
      ) : !planned ? (
        <div role="cell" className={mergeClasses(styles.cell, styles.cannotMoveCell, styles.pinned)}>
          {t('multiHost.loading')}
        </div>
      ) : (
        <>
          <div role="cell" className={mergeClasses(styles.cell, styles.cannotMoveCell)}>
            <span className={styles.reasonTitle}>
              <ErrorCircle16Filled />
              {t('multiHost.cannotMove')}
            </span>
          </div>
          {row.unmovable && row.unmovable.reasons.length > 0 ? (
            <div role="cell" className={mergeClasses(styles.cell, styles.noteCell)}>
              <ul className={styles.reasons} aria-label={t('multiHost.reasonsOf', { vm: row.vm })}>
                {row.unmovable.reasons.map((reason, i) => (
                  <li key={i} data-code={reason.code}>
                    {translator.spoken(reason)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </div>
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
  const hostNames = hosts.map((h) => h.name).sort(compareNames);
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
            <MenuButton size="small" className={styles.pinAll} icon={<Pin16Regular />}>
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
      {error ? <RetryBar message={t('multiHost.failed', { message: translator.spoken(error) })} onRetry={onRetry} /> : null}
      <div role="table" aria-label={t('multiHost.tableLabel')} className={styles.table}>
        <div role="rowgroup">
          <div role="row" className={mergeClasses(styles.row, styles.head)}>
            <div role="columnheader" className={styles.headCell}>
              {t('multiHost.col.vm')}
            </div>
            <div role="columnheader" className={styles.headCell}>
              {t('multiHost.col.destination')}
            </div>
            <div role="columnheader" className={styles.headCell}>
              {t('selectHost.col.rating')}
            </div>
            <div role="columnheader" className={styles.headCell}>
              {t('selectHost.col.transferType')}
            </div>
            <div role="columnheader" className={styles.headCell}>
              {t('multiHost.col.duration')}
            </div>
            <div role="columnheader" className={styles.headCell}>
              {t('multiHost.col.downtime')}
            </div>
          </div>
        </div>
        <div role="rowgroup">
          {rows.map((row) => (
            <PlanRowView key={row.vm} row={row} vm={vmByName.get(row.vm)} hostNames={hostNames} draft={draft} planned={plan !== null} />
          ))}
        </div>
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
