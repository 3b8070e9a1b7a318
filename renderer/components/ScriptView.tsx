import { Button, Field, makeStyles, MessageBar, MessageBarBody, Spinner, Textarea, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular, Copy16Regular } from '@fluentui/react-icons';
import { useId, useRef, useState } from 'react';
import type { Result } from '../../shared/model/result.js';
import { useT } from '../i18n/use-translator.js';
import { useRequest } from './use-request.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  area: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignSelf: 'stretch' },
  script: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre', minHeight: '160px' },
  copyRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  copied: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

async function copyText(text: string, fallback: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (an insecure origin, or permission denied): copy the selection instead.
    if (!fallback) return false;
    fallback.select();
    return document.execCommand('copy');
  }
}

/**
 * View Script: a button that expands the PowerShell doing the same move (fetched when first shown, again
 * when the move changes), in a read-only monospace box with a Copy button.
 */
export function ScriptView({ requestKey, load }: { requestKey: string; load: () => Promise<Result<string>> }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const areaId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const request = useRequest(open ? requestKey : null, load);
  const result = request.resultKey === requestKey ? request.result : null;
  const script = result?.ok ? result.value : null;
  return (
    <div className={styles.root}>
      <Button
        appearance="secondary"
        icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        aria-expanded={open}
        aria-controls={areaId}
        onClick={() => setOpen(!open)}
      >
        {t('wizard.viewScript')}
      </Button>
      {open ? (
        <div id={areaId} className={styles.area}>
          {result === null ? <Spinner size="tiny" label={t('wizard.scriptLoading')} /> : null}
          {result && !result.ok ? (
            <MessageBar intent="error">
              <MessageBarBody>{t('wizard.scriptFailed', { message: spoken(result.error) })}</MessageBarBody>
            </MessageBar>
          ) : null}
          {script !== null ? (
            <>
              <Field label={t('wizard.scriptLabel')}>
                <Textarea ref={textRef} readOnly value={script} rows={10} resize="vertical" textarea={{ className: styles.script, spellCheck: false }} />
              </Field>
              <div className={styles.copyRow}>
                <Button
                  icon={<Copy16Regular />}
                  onClick={() => void copyText(script, textRef.current).then((done) => setCopied(done ? t('wizard.copied') : t('wizard.copyFailed')))}
                >
                  {t('wizard.copy')}
                </Button>
                <span className={styles.copied} aria-live="polite">
                  {copied}
                </span>
              </div>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
