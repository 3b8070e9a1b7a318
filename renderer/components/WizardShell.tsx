import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  surface: {
    width: '960px',
    maxWidth: 'calc(100vw - 32px)',
    height: '640px',
    maxHeight: 'calc(100vh - 32px)',
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  body: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0, gap: 0, maxHeight: 'none' },
  title: {
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    paddingLeft: tokens.spacingHorizontalXL,
    paddingRight: tokens.spacingHorizontalXL,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: { display: 'flex', flexGrow: 1, minHeight: 0 },
  nav: {
    flexShrink: 0,
    width: '190px',
    paddingTop: tokens.spacingVerticalL,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  steps: { listStyleType: 'none', margin: 0, padding: 0 },
  step: {
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThicker} solid transparent`,
    color: tokens.colorNeutralForeground2,
  },
  currentStep: {
    borderLeftColor: tokens.colorBrandStroke1,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  content: {
    flexGrow: 1,
    minWidth: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalL,
    paddingLeft: tokens.spacingHorizontalXL,
    paddingRight: tokens.spacingHorizontalXL,
    // The page scrolls as a whole: its parts keep their height rather than squeeze.
    '& > *': { flexShrink: 0 },
  },
  heading: {
    margin: 0,
    outlineStyle: 'none',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: {
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    paddingLeft: tokens.spacingHorizontalXL,
    paddingRight: tokens.spacingHorizontalXL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** One entry of a wizard's page list. */
export interface WizardPageEntry {
  id: string;
  label: string;
}

/** Props of the wizard shell. */
export interface WizardShellProps {
  title: string;
  pages: readonly WizardPageEntry[];
  current: string;
  canPrevious: boolean;
  canNext: boolean;
  canMove: boolean;
  /** Move was pressed and the backend has not answered yet. */
  moving: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onMove: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/**
 * A VMM-style wizard: a large dialog with the page list on the left (the current page marked
 * `aria-current="step"`), the page under its heading, and Previous / Next (or Move on the last page) /
 * Cancel along the bottom. Escape cancels. Moving to another page puts focus on its heading.
 */
export function WizardShell(props: WizardShellProps) {
  const { title, pages, current, canPrevious, canNext, canMove, moving, onPrevious, onNext, onMove, onCancel, children } = props;
  const styles = useStyles();
  const { t } = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownPage = useRef(current);
  useEffect(() => {
    if (shownPage.current === current) return;
    shownPage.current = current;
    headingRef.current?.focus();
  }, [current]);
  const last = pages.length > 0 && pages[pages.length - 1].id === current;
  const label = pages.find((p) => p.id === current)?.label ?? '';
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && !moving && onCancel()}>
      <DialogSurface className={styles.surface}>
        <DialogBody className={styles.body}>
          <DialogTitle className={styles.title}>{title}</DialogTitle>
          <div className={styles.main}>
            <nav className={styles.nav} aria-label={t('wizard.pages')}>
              <ol className={styles.steps}>
                {pages.map((page) => (
                  <li
                    key={page.id}
                    aria-current={page.id === current ? 'step' : undefined}
                    className={mergeClasses(styles.step, page.id === current && styles.currentStep)}
                  >
                    {page.label}
                  </li>
                ))}
              </ol>
            </nav>
            <DialogContent className={styles.content} role="region" aria-label={label}>
              <h2 className={styles.heading} ref={headingRef} tabIndex={-1}>
                {label}
              </h2>
              {children}
            </DialogContent>
          </div>
          <DialogActions className={styles.actions}>
            <Button onClick={onPrevious} disabled={!canPrevious || moving}>
              {t('wizard.previous')}
            </Button>
            {last ? (
              <Button appearance="primary" onClick={onMove} disabled={!canMove || moving} icon={moving ? <Spinner size="tiny" /> : undefined}>
                {t('wizard.move')}
              </Button>
            ) : (
              <Button appearance="primary" onClick={onNext} disabled={!canNext}>
                {t('wizard.next')}
              </Button>
            )}
            <Button onClick={onCancel} disabled={moving}>
              {t('wizard.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The shell when the VM the wizard is for is no longer in the inventory: it says so; only Cancel remains. */
export function WizardVmGone({ title, onCancel }: { title: string; onCancel: () => void }) {
  const { t } = useT();
  const noop = () => undefined;
  return (
    <WizardShell
      title={title}
      pages={[]}
      current=""
      canPrevious={false}
      canNext={false}
      canMove={false}
      moving={false}
      onPrevious={noop}
      onNext={noop}
      onMove={noop}
      onCancel={onCancel}
    >
      <MessageBar intent="error">
        <MessageBarBody>{t('wizard.vmGone')}</MessageBarBody>
      </MessageBar>
    </WizardShell>
  );
}
