import { Toast, ToastBody, Toaster, ToastTitle, useId, useToastController } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useT } from '../i18n/use-translator.js';
import { useAppStore } from '../store/store-context.js';
import type { Notice } from '../store/ui-slice.js';

/** Shows the store's notices as toasts (bottom end), then drops them from the store. */
export function Notifier() {
  const toasterId = useId('ferry-toaster');
  const { dispatchToast } = useToastController(toasterId);
  const notices = useAppStore((s) => s.notices);
  const dropNotice = useAppStore((s) => s.dropNotice);
  const { t, say } = useT();
  useEffect(() => {
    const noticeText = (notice: Notice): string =>
      t(notice.key, { ...notice.params, ...Object.fromEntries(Object.entries(notice.texts ?? {}).map(([name, value]) => [name, say(value)])) });
    for (const notice of notices) {
      dispatchToast(
        <Toast>
          {notice.titleKey ? <ToastTitle>{t(notice.titleKey)}</ToastTitle> : null}
          {notice.titleKey ? <ToastBody>{noticeText(notice)}</ToastBody> : <ToastTitle>{noticeText(notice)}</ToastTitle>}
        </Toast>,
        { intent: notice.intent, timeout: notice.intent === 'error' ? 10_000 : 6_000, politeness: notice.intent === 'error' ? 'assertive' : 'polite' },
      );
      dropNotice(notice.id);
    }
  }, [notices, dispatchToast, dropNotice, t, say]);
  return <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />;
}
