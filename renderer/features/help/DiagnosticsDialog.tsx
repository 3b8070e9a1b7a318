import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
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
import type { DoctorCheck, DoctorReport } from '../../../shared/model/doctor.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { HelpDialogFrame, useAnswerWhileOpen } from './HelpDialogFrame.js';

const useStyles = makeStyles({
  surface: { width: 'min(1100px, 94vw)', maxWidth: 'none' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: { tableLayout: 'fixed' },
  detail: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  cell: { verticalAlign: 'top', overflowWrap: 'anywhere', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
});

type Status = 'ok' | 'failed' | 'optional';
const statusOf = (c: DoctorCheck): Status => (c.ok ? 'ok' : c.required ? 'failed' : 'optional');
const COLOR = { ok: 'success', failed: 'danger', optional: 'warning' } as const;

/**
 * Help > Diagnostics…: the checks of `ferry doctor`, run where Ferry's backend runs: each with its
 * status, what was found (paths and versions, as the tools report them) and what to do about it.
 */
export function DiagnosticsDialog() {
  const styles = useStyles();
  const { t, spoken } = useT();
  const open = useAppStore((s) => s.diagnosticsOpen);
  const setOpen = useAppStore((s) => s.setDiagnosticsOpen);
  const runDiagnostics = useAppStore((s) => s.runDiagnostics);
  const { result, loading, reload } = useAnswerWhileOpen<DoctorReport>(open, runDiagnostics);
  const report = result?.ok ? result.value : null;
  return (
    <HelpDialogFrame
      open={open}
      onClose={() => setOpen(false)}
      title={t('diagnostics.title')}
      refreshLabel={t('diagnostics.rerun')}
      loading={loading}
      onRefresh={() => void reload()}
      surfaceClassName={styles.surface}
      contentClassName={styles.content}
    >
      <Text>{t('diagnostics.intro')}</Text>
      {result && !result.ok ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('diagnostics.failed', { message: spoken(result.error) })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {loading ? <Spinner size="small" label={t('diagnostics.running')} /> : null}
      {report ? (
        <>
          <MessageBar intent={report.ok ? 'success' : 'error'}>
            <MessageBarBody>{t(report.ok ? 'diagnostics.summary.ok' : 'diagnostics.summary.failed')}</MessageBarBody>
          </MessageBar>
          <Table className={styles.table} size="small" aria-label={t('diagnostics.table')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '22%' }}>{t('diagnostics.col.check')}</TableHeaderCell>
                <TableHeaderCell style={{ width: '14%' }}>{t('diagnostics.col.status')}</TableHeaderCell>
                <TableHeaderCell style={{ width: '34%' }}>{t('diagnostics.col.detail')}</TableHeaderCell>
                <TableHeaderCell style={{ width: '30%' }}>{t('diagnostics.col.fix')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.checks.map((c) => (
                <TableRow key={c.name}>
                  <TableCell className={styles.cell}>{t(`diagnostics.check.${c.name}`)}</TableCell>
                  <TableCell className={styles.cell}>
                    <Badge appearance="tint" color={COLOR[statusOf(c)]}>
                      {t(`diagnostics.status.${statusOf(c)}`)}
                    </Badge>
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <span className={styles.detail}>{c.detail}</span>
                  </TableCell>
                  <TableCell className={styles.cell}>{c.ok ? null : t(`diagnostics.fix.${c.name}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </HelpDialogFrame>
  );
}
