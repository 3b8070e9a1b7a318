import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Plan } from '../../../shared/model/plan.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { formatDuration } from '../jobs/job-format.js';
import { differingDestinations } from './plan-format.js';

const useStyles = makeStyles({
  surface: { width: 'min(760px, 94vw)', maxWidth: 'min(760px, 94vw)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Compare with a saved plan: both plans' window, lower bound, moves and what cannot move side by side, and every VM whose destination differs. */
export function ComparePlansDialog({ open, plan, onClose }: { open: boolean; plan: Plan; onClose: () => void }) {
  const styles = useStyles();
  const tr = useT();
  const { t, formatNumber, formatDateTime } = tr;
  const saved = useAppStore((s) => s.savedPlans);
  const load = useAppStore((s) => s.plansSavedLoad);
  const [chosenId, setChosenId] = useState<string | null>(null);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const other = saved?.find((p) => p.id === chosenId) ?? saved?.[0] ?? null;
  const differences = useMemo(() => (other ? differingDestinations(plan, other.plan) : []), [plan, other]);
  const rows: { label: string; current: number; saved: number; format: (n: number) => string }[] = other
    ? [
        { label: t('plan.compare.window'), current: plan.makespan, saved: other.plan.makespan, format: (n) => formatDuration(tr, n) },
        { label: t('plan.compare.bound'), current: plan.lowerBound, saved: other.plan.lowerBound, format: (n) => formatDuration(tr, n) },
        { label: t('plan.compare.moves'), current: plan.moves.length, saved: other.plan.moves.length, format: (n) => formatNumber(n) },
        { label: t('plan.compare.unmovable'), current: plan.unmovable.length, saved: other.plan.unmovable.length, format: (n) => formatNumber(n) },
      ]
    : [];
  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('plan.compare.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            {saved === null ? <Spinner size="small" label={t('plan.compare.loading')} /> : null}
            {saved !== null && saved.length === 0 ? <Body1>{t('plan.compare.none')}</Body1> : null}
            {other ? (
              <>
                <Field label={t('plan.compare.with')}>
                  <Select value={other.id} onChange={(_e, data) => setChosenId(data.value)}>
                    {(saved ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {t('plan.compare.option', { name: p.name, time: formatDateTime(p.savedAt) })}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Table size="small" aria-label={t('plan.compare.summary')}>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell />
                      <TableHeaderCell className={styles.num}>{t('plan.compare.current')}</TableHeaderCell>
                      <TableHeaderCell className={styles.num}>{other.name}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {rows.map((row) => (
                      <TableRow key={row.label}>
                        <TableCell>{row.label}</TableCell>
                        <TableCell className={styles.num}>{row.format(row.current)}</TableCell>
                        <TableCell className={styles.num}>{row.format(row.saved)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                <h3 className={styles.heading}>{t('plan.compare.differences')}</h3>
                {differences.length === 0 ? (
                  <Body1 className={styles.muted}>{t('plan.compare.same')}</Body1>
                ) : (
                  <Table size="small" aria-label={t('plan.compare.differences')}>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>{t('plan.col.vm')}</TableHeaderCell>
                        <TableHeaderCell>{t('plan.compare.current')}</TableHeaderCell>
                        <TableHeaderCell>{other.name}</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {differences.map((d) => (
                        <TableRow key={d.vm}>
                          <TableCell>{d.vm}</TableCell>
                          <TableCell>{d.current ?? t('plan.compare.notMoved')}</TableCell>
                          <TableCell>{d.saved ?? t('plan.compare.notMoved')}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('plan.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
