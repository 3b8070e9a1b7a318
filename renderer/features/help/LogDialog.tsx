import { Field, Input, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import type { AppLog } from '../../../shared/contract/invoke.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { HelpDialogFrame, useAnswerWhileOpen } from './HelpDialogFrame.js';

const useStyles = makeStyles({
  surface: { width: 'min(960px, 90vw)', maxWidth: 'none' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  lines: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre',
    overflow: 'auto',
    maxHeight: '50vh',
    minHeight: '160px',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

/**
 * Help > View log…: where Ferry's log file is (next to its database) and its last lines, newest at the
 * bottom. The file itself can be sent to support; the dialog is for a quick look.
 */
export function LogDialog() {
  const styles = useStyles();
  const { t, spoken } = useT();
  const open = useAppStore((s) => s.logOpen);
  const setOpen = useAppStore((s) => s.setLogOpen);
  const readLog = useAppStore((s) => s.readLog);
  const { result, loading, reload } = useAnswerWhileOpen<AppLog>(open, readLog);
  const log = result?.ok ? result.value : null;
  return (
    <HelpDialogFrame
      open={open}
      onClose={() => setOpen(false)}
      title={t('log.title')}
      refreshLabel={t('log.refresh')}
      loading={loading}
      onRefresh={() => void reload()}
      surfaceClassName={styles.surface}
      contentClassName={styles.content}
    >
      {result && !result.ok ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('log.failed', { message: spoken(result.error) })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {log && log.path === null ? <Text>{t('log.none')}</Text> : null}
      {log?.path ? (
        <Field label={t('log.path')}>
          <Input readOnly value={log.path} />
        </Field>
      ) : null}
      {loading && !log ? <Spinner size="small" label={t('log.loading')} /> : null}
      {log?.path ? (
        log.lines.length > 0 ? (
          // Scrollable from the keyboard, and named for screen readers.
          <pre className={styles.lines} tabIndex={0} role="region" aria-label={t('log.lines')}>
            {log.lines.join('\n')}
          </pre>
        ) : (
          <Text>{t('log.empty')}</Text>
        )
      ) : null}
    </HelpDialogFrame>
  );
}
