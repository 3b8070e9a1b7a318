import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ImportProgress } from '../../../shared/model/import.js';
import { assertNever } from '../../../shared/model/result.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import type { ImportState } from '../../store/import-slice.js';
import { useAppStore } from '../../store/store-context.js';
import { importProblems } from './import-problems.js';
import { MAX_IMPORT_LABEL } from '../../../shared/contract/invoke.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  problems: {
    maxHeight: '320px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  head: { position: 'sticky', top: 0, backgroundColor: tokens.colorNeutralBackground1, zIndex: 1 },
  field: { width: '40%', fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

function phaseText(t: Translator['t'], state: Extract<ImportState, { phase: 'reading' | 'running' }>): string {
  if (state.phase === 'reading') return t('import.phase.reading', { fileName: state.fileName });
  const progress: ImportProgress | null = state.progress;
  if (!progress) return state.kind === 'file' ? t('import.phase.sending', { fileName: state.fileName }) : t('import.phase.parsing');
  switch (progress.phase) {
    case 'reading':
      return t('import.phase.reading', { fileName: progress.fileName || state.fileName });
    case 'parsing':
      return t('import.phase.parsing');
    case 'validating':
      return t('import.phase.validating');
    case 'writing':
      return t('import.phase.writing');
    case 'done':
      return t('import.phase.done');
    case 'failed':
      return t('import.phase.failed');
    default:
      return assertNever(progress.phase);
  }
}

/** The dialog's body while an import runs: reading the file, then the backend's phases. */
function ImportProgressBody({ state }: { state: Extract<ImportState, { phase: 'reading' | 'running' }> }) {
  const styles = useStyles();
  const { t } = useT();
  const demo = state.phase === 'running' && state.kind === 'demo';
  const fraction = state.phase === 'reading' ? state.fraction : (state.progress?.fraction ?? undefined);
  const text = phaseText(t, state);
  return (
    <DialogBody>
      <DialogTitle>{demo ? t('import.demoTitle') : t('import.title')}</DialogTitle>
      <DialogContent className={styles.content}>
        <Text id="ferry-import-phase" aria-live="polite">
          {text}
        </Text>
        <ProgressBar value={fraction} max={1} thickness="large" aria-label={t('import.progressLabel')} aria-describedby="ferry-import-phase" />
      </DialogContent>
    </DialogBody>
  );
}

/** The dialog's body after a failed import: every problem in a table, and the reassurance that nothing changed. */
function ImportFailedBody({ state, onClose }: { state: Extract<ImportState, { phase: 'failed' }>; onClose: () => void }) {
  const styles = useStyles();
  const { t, tn, spoken } = useT();
  const { error, fileName } = state;
  const problems = error.code === 'inventory-invalid' ? importProblems(error) : [];
  const message =
    error.code === 'read-failed'
      ? t('import.readFailed', { message: error.message })
      : error.code === 'too-large'
        ? t('import.tooLarge', { fileName, size: ((error.detail as { size: number }).size / 1024 / 1024).toFixed(1), limit: MAX_IMPORT_LABEL })
        : spoken(error);
  return (
    <DialogBody>
      <DialogTitle>{t('import.failedTitle')}</DialogTitle>
      <DialogContent className={styles.content}>
        <MessageBar intent="info">
          <MessageBarBody>{t('import.unchanged')}</MessageBarBody>
        </MessageBar>
        {problems.length > 0 ? (
          <>
            <Body1>{tn('import.problems', problems.length, { fileName })}</Body1>
            <div className={styles.problems} role="region" aria-label={t('import.problemsLabel')} tabIndex={0}>
              <Table size="extra-small" aria-label={t('import.problemsLabel')}>
                <TableHeader className={styles.head}>
                  <TableRow>
                    <TableHeaderCell className={styles.field}>{t('import.col.field')}</TableHeaderCell>
                    <TableHeaderCell>{t('import.col.problem')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {problems.map((problem, i) => (
                    <TableRow key={i}>
                      <TableCell className={styles.field}>
                        <span className={styles.mono}>{problem.path || t('import.wholeFile')}</span>
                      </TableCell>
                      <TableCell>{spoken(problem)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        ) : (
          <Text>{message}</Text>
        )}
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}

/**
 * The import's dialog: progress while it runs, the problems when it fails. One dialog whose body
 * changes, so the failure replaces the progress in place instead of a second modal opening while
 * the first is still closing.
 */
export function ImportDialogs() {
  const state = useAppStore((s) => s.importState);
  const dismiss = useAppStore((s) => s.dismissImport);
  if (state.phase === 'idle') return null;
  const failed = state.phase === 'failed';
  return (
    <Dialog open modalType={failed ? 'modal' : 'alert'} onOpenChange={(_e, data) => failed && !data.open && dismiss()}>
      <DialogSurface aria-describedby={failed ? undefined : 'ferry-import-phase'}>{body(state, dismiss)}</DialogSurface>
    </Dialog>
  );
}

function body(state: Exclude<ImportState, { phase: 'idle' }>, dismiss: () => void) {
  switch (state.phase) {
    case 'reading':
    case 'running':
      return <ImportProgressBody state={state} />;
    case 'failed':
      return <ImportFailedBody state={state} onClose={dismiss} />;
    default:
      return assertNever(state);
  }
}
