import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useT } from '../i18n/use-translator.js';

/** What failed, in an error bar with Retry: a load, a plan, Select Host's ratings. */
export function RetryBar({ message, onRetry, multiline = false }: { message: string; onRetry: () => void; multiline?: boolean }) {
  const { t } = useT();
  return (
    <MessageBar intent="error" layout={multiline ? 'multiline' : 'auto'}>
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
