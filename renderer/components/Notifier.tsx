import { Toast, ToastBody, Toaster, ToastTitle, useId, useToastController } from '@fluentui/react-components';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useT } from '../i18n/use-translator.js';
import { useAppStore } from '../store/store-context.js';
import type { Notice } from '../store/ui-slice.js';

/**
 * The attribute that marks the bars a notice must not cover: the ribbon, and a workspace's header with its buttons
 * (the plan view's). Notices show below the lowest one on screen.
 */
export const TOAST_ANCHOR_ATTRIBUTE = 'data-toast-anchor';

const GAP = 8;
const SUCCESS_TIMEOUT = 4_000;
const ERROR_TIMEOUT = 10_000;

const ANCHORS_CHANGED = 'ferry-toast-anchors-changed';

/** Marks an element as a bar notices must not cover, for as long as it is mounted: spread its result on the element. */
export function useToastAnchor(): { [TOAST_ANCHOR_ATTRIBUTE]: true } {
  useLayoutEffect(() => {
    window.dispatchEvent(new Event(ANCHORS_CHANGED));
    return () => {
      window.dispatchEvent(new Event(ANCHORS_CHANGED));
    };
  }, []);
  return { [TOAST_ANCHOR_ATTRIBUTE]: true };
}

/** The lowest bottom edge of the marked bars now on screen. */
function anchorsBottom(): number {
  let bottom = 0;
  for (const anchor of document.querySelectorAll(`[${TOAST_ANCHOR_ATTRIBUTE}]`)) bottom = Math.max(bottom, Math.round(anchor.getBoundingClientRect().bottom));
  return bottom;
}

/** Where notices start: below the lowest marked bar, measured again as the window resizes and before each notice shows. */
function useAnchorBottom(): [number, () => void] {
  const [bottom, setBottom] = useState(0);
  const measure = useCallback(() => setBottom(anchorsBottom()), []);
  useLayoutEffect(() => {
    measure();
    // A bar that mounts or unmounts says so (after it is laid out, or before it goes): measure once it has.
    const later = () => requestAnimationFrame(measure);
    window.addEventListener('resize', measure);
    window.addEventListener(ANCHORS_CHANGED, later);
    return () => {
      window.removeEventListener('resize', measure);
      window.removeEventListener(ANCHORS_CHANGED, later);
    };
  }, [measure]);
  return [bottom, measure];
}

/**
 * Shows the store's notices as one toast at a time, at the top end just below the ribbon or a workspace's
 * header (never over their buttons, the Jobs pane at the foot or a dialog's buttons), then drops them from
 * the store. A newer notice replaces the one showing (the latest outcome is the one that holds).
 */
export function Notifier() {
  const toasterId = useId('ferry-toaster');
  const { dispatchToast, dismissToast } = useToastController(toasterId);
  const notices = useAppStore((s) => s.notices);
  const dropNotice = useAppStore((s) => s.dropNotice);
  const { t, say } = useT();
  const [anchorBottom, measureAnchors] = useAnchorBottom();
  const showing = useRef<string | null>(null);
  useEffect(() => {
    const noticeText = (notice: Notice): string =>
      t(notice.key, { ...notice.params, ...Object.fromEntries(Object.entries(notice.texts ?? {}).map(([name, value]) => [name, say(value)])) });
    if (notices.length > 0) measureAnchors();
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
  }, [notices, dispatchToast, dismissToast, dropNotice, t, say, measureAnchors]);
  return <Toaster toasterId={toasterId} position="top-end" offset={{ vertical: anchorBottom + GAP }} limit={1} pauseOnHover pauseOnWindowBlur />;
}
