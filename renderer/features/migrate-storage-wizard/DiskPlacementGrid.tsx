import { Checkbox, makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { ErrorCircle16Regular } from '@fluentui/react-icons';
import { useEffect, useId } from 'react';
import type { Vm, VmDisk } from '../../../shared/model/inventory.js';
import type { StorageLocation } from '../../../shared/model/storage.js';
import { useT } from '../../i18n/use-translator.js';
import { useCsvLabel } from '../storage-paths/csv-label.js';
import { StoragePathField } from '../storage-paths/StoragePathField.js';
import { usePathCheck } from '../storage-paths/use-storage-paths.js';
import type { DiskChoice } from './storage-wizard-draft.js';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed' },
  move: { width: '44px' },
  size: { width: '80px', textAlign: 'right', whiteSpace: 'nowrap' },
  destination: { width: '46%' },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  refused: { color: tokens.colorNeutralForegroundDisabled },
  reason: { display: 'flex', gap: tokens.spacingHorizontalXS, color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  reasonIcon: { flexShrink: 0, marginTop: '2px' },
  keep: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Props of one VHD's row. */
interface DiskRowProps {
  disk: VmDisk;
  choice: DiskChoice;
  refusal: string | undefined;
  locations: readonly StorageLocation[];
  host: string;
  /** The disk's path as shown: on a CSV, with its cluster. */
  pathLabel: string;
  moveLabel: string;
  unmovedText: string;
  onChange: (choice: DiskChoice) => void;
  onChecked?: (ok: boolean) => void;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('\\') + 1) || path;
}

function DiskRow({ disk, choice, refusal, locations, host, pathLabel, moveLabel, unmovedText, onChange, onChecked }: DiskRowProps) {
  const styles = useStyles();
  const { t, formatSizeGB } = useT();
  const name = fileName(disk.path);
  const pathState = usePathCheck(choice.move ? host : null, choice.move ? choice.destination : '');
  // Ready when it stays with the VM, or its folder has been checked and is valid (not while the check runs).
  const ok = !choice.move || refusal !== undefined || (!pathState.pending && pathState.check?.valid === true);
  useEffect(() => onChecked?.(ok), [ok, onChecked]);
  const reasonId = useId();
  return (
    <TableRow aria-disabled={refusal ? true : undefined} className={refusal ? styles.refused : undefined}>
      <TableCell className={mergeClasses(styles.cell, styles.move)}>
        <Checkbox
          aria-label={moveLabel}
          aria-describedby={refusal ? reasonId : undefined}
          checked={choice.move && !refusal}
          disabled={refusal !== undefined}
          onChange={(_e, data) => onChange({ ...choice, move: data.checked === true })}
        />
      </TableCell>
      <TableCell className={styles.cell}>
        <span className={styles.mono}>{pathLabel}</span>
      </TableCell>
      <TableCell className={mergeClasses(styles.cell, styles.size)}>{formatSizeGB(disk.sizeGB)}</TableCell>
      <TableCell className={mergeClasses(styles.cell, styles.destination)}>
        {choice.move && !refusal ? (
          <StoragePathField
            compact
            host={host}
            label={t('disks.destinationOf', { name })}
            value={choice.destination}
            onChange={(destination) => onChange({ ...choice, destination })}
            locations={locations}
            state={pathState}
            emptyHint={t('disks.destinationRequired')}
          />
        ) : refusal ? (
          <span id={reasonId} className={styles.reason}>
            <ErrorCircle16Regular className={styles.reasonIcon} />
            {refusal}
          </span>
        ) : (
          <span className={styles.keep}>{unmovedText}</span>
        )}
      </TableCell>
    </TableRow>
  );
}

/** Props of the disk placement grid. */
export interface DiskPlacementGridProps {
  vm: Vm;
  choices: Readonly<Record<string, DiskChoice>>;
  refusals: ReadonlyMap<string, string>;
  locations: readonly StorageLocation[];
  /** The folder a newly ticked VHD starts with. */
  defaultDestination: string;
  onChange: (path: string, choice: DiskChoice) => void;
  /** Where the destinations are checked and browsed; default: the VM's own host (Migrate Storage). */
  host?: string;
  /** The header of the checkbox column and each checkbox's label; default: Move. */
  moveColumnLabel?: string;
  moveLabel?: (name: string) => string;
  /** What an unticked row says; default: it stays where it is. */
  unmovedText?: string;
  /** Each VHD's readiness as its folder is checked: true when it stays, or its folder is valid. */
  onChecked?: (path: string, ok: boolean) => void;
}

/**
 * "Allow VHDs to be placed individually": one row per VHD with Move, its path and size, and its own
 * destination (checked as typed). A VHD the backend refuses to move (a shared VHDX while the VM runs) is
 * disabled, with the reason in its row; the other VHDs can still move. The Migrate VM Wizard's Select Path uses it
 * too, on the destination host: a ticked VHD is placed individually, the others go with the VM.
 */
export function DiskPlacementGrid({
  vm,
  choices,
  refusals,
  locations,
  defaultDestination,
  onChange,
  host,
  moveColumnLabel,
  moveLabel,
  unmovedText,
  onChecked,
}: DiskPlacementGridProps) {
  const styles = useStyles();
  const { t } = useT();
  const sourceLabel = useCsvLabel(vm.host);
  return (
    <Table size="small" aria-label={t('disks.label')} className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.move}>{moveColumnLabel ?? t('disks.col.move')}</TableHeaderCell>
          <TableHeaderCell>{t('disks.col.disk')}</TableHeaderCell>
          <TableHeaderCell className={styles.size}>{t('disks.col.size')}</TableHeaderCell>
          <TableHeaderCell className={styles.destination}>{t('disks.col.destination')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {vm.disks.map((disk) => {
          const choice = choices[disk.path] ?? { move: false, destination: '' };
          return (
            <DiskRow
              key={disk.path}
              disk={disk}
              choice={choice}
              refusal={refusals.get(disk.path)}
              locations={locations}
              host={host ?? vm.host}
              pathLabel={sourceLabel(disk.path)}
              moveLabel={moveLabel ? moveLabel(fileName(disk.path)) : t('disks.move', { name: fileName(disk.path) })}
              unmovedText={unmovedText ?? t('disks.stays')}
              onChange={(next) =>
                onChange(disk.path, next.move && !choice.move && next.destination === '' ? { ...next, destination: defaultDestination } : next)
              }
              onChecked={onChecked ? (ok) => onChecked(disk.path, ok) : undefined}
            />
          );
        })}
      </TableBody>
    </Table>
  );
}
