import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { ErrorDto } from '../../shared/model/result.js';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** Move's error at the end of a Summary page, next to the Move button, scrolled into view when it appears. */
export function MoveErrorBar({ error }: { error: ErrorDto | null }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  return (
    <MessageBar ref={ref} intent="error" layout="multiline" politeness="assertive">
      <MessageBarBody>
        <MessageBarTitle>{t('summary.moveFailed')}</MessageBarTitle>
        {spoken(error)} <span className={styles.code}>({error.code})</span>
      </MessageBarBody>
    </MessageBar>
  );
}
