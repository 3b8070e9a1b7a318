import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Result } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';

/** A backend answer asked for each time a dialog opens, and again on Refresh. */
export function useAnswerWhileOpen<T>(
  open: boolean,
  ask: () => Promise<Result<T>>,
): { result: Result<T> | null; loading: boolean; reload: () => Promise<void> } {
  const [result, setResult] = useState<Result<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const reload = useCallback(async () => {
    setLoading(true);
    setResult(await ask());
    setLoading(false);
  }, [ask]);
  useEffect(() => {
    if (open) void reload();
  }, [open, reload]);
  return { result, loading, reload };
}

/** Props of a Help dialog. */
export interface HelpDialogFrameProps {
  open: boolean;
  onClose: () => void;
  title: string;
  refreshLabel: string;
  loading: boolean;
  onRefresh: () => void;
  surfaceClassName?: string;
  contentClassName?: string;
  children: ReactNode;
}

/** The frame of the Help menu's dialogs (View log…, Diagnostics…): kept mounted, with Refresh and Close. */
export function HelpDialogFrame({
  open,
  onClose,
  title,
  refreshLabel,
  loading,
  onRefresh,
  surfaceClassName,
  contentClassName,
  children,
}: HelpDialogFrameProps) {
  const { t } = useT();
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface className={surfaceClassName}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={contentClassName}>{children}</DialogContent>
          <DialogActions>
            <Button icon={<ArrowClockwise20Regular />} disabledFocusable={loading} onClick={onRefresh}>
              {refreshLabel}
            </Button>
            <Button appearance="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
