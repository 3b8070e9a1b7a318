import { Toast, ToastBody, Toaster, ToastTitle, useId, useToastController } from '@fluentui/react-components';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useT } from '../i18n/use-translator.js';
import { useAppStore } from '../store/store-context.js';
import type { Notice } from '../store/ui-slice.js';

/** The attribute that marks the ribbon (its header carries `data-toast-anchor`), below which notices show. */
export const TOAST_ANCHOR_ATTRIBUTE = 'data-toast-anchor';

const GAP = 8;
const SUCCESS_TIMEOUT = 4_000;
const ERROR_TIMEOUT = 10_000;

/** The ribbon's bottom edge in the window, kept current as the window or the ribbon changes size. */
function useAnchorBottom(): number {
  const [bottom, setBottom] = useState(0);
  useLayoutEffect(() => {
    const anchor = document.querySelector(`[${TOAST_ANCHOR_ATTRIBUTE}]`);
    if (!anchor) return undefined;
    const measure = () => setBottom(Math.round(anchor.getBoundingClientRect().bottom));
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(anchor);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);
  return bottom;
}

/**
 * Shows the store's notices as one toast at a time, at the top end just below the ribbon (over the
 * details' heading, never over the Jobs pane at the foot or a dialog's buttons), then drops them from
 * the store. A newer notice replaces the one showing (the latest outcome is the one that holds).
 */
export function Notifier() {
  const toasterId = useId('ferry-toaster');
  const { dispatchToast, dismissToast } = useToastController(toasterId);
  const notices = useAppStore((s) => s.notices);
  const dropNotice = useAppStore((s) => s.dropNotice);
  const { t, say } = useT();
  const anchorBottom = useAnchorBottom();
  const showing = useRef<string | null>(null);
  useEffect(() => {
    const noticeText = (notice: Notice): string =>
      t(notice.key, { ...notice.params, ...Object.fromEntries(Object.entries(notice.texts ?? {}).map(([name, value]) => [name, say(value)])) });
    for (const notice of notices) {
      if (showing.current !== null) dismissToast(showing.current);
      const toastId = `ferry-notice-${notice.id}`;
      showing.current = toastId;
      dispatchToast(
        <Toast>
          {notice.titleKey ? <ToastTitle>{t(notice.titleKey)}</ToastTitle> : null}
          {notice.titleKey ? <ToastBody>{noticeText(notice)}</ToastBody> : <ToastTitle>{noticeText(notice)}</ToastTitle>}
        </Toast>,
        {
          toastId,
          intent: notice.intent,
          timeout: notice.intent === 'error' ? ERROR_TIMEOUT : SUCCESS_TIMEOUT,
          politeness: notice.intent === 'error' ? 'assertive' : 'polite',
          onStatusChange: (_event, data) => {
            if (data.status === 'unmounted' && showing.current === toastId) showing.current = null;
          },
        },
      );
      dropNotice(notice.id);
    }
  }, [notices, dispatchToast, dismissToast, dropNotice, t, say]);
  return <Toaster toasterId={toasterId} position="top-end" offset={{ vertical: anchorBottom + GAP }} limit={1} pauseOnHover pauseOnWindowBlur />;
}
