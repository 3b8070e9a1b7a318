import { makeStyles, mergeClasses, ToolbarButton, Tooltip, tokens } from '@fluentui/react-components';
import type { ButtonHTMLAttributes, MouseEventHandler, ReactElement, Ref } from 'react';
import { useT } from '../../i18n/use-translator.js';

const useStyles = makeStyles({
  button: {
    minWidth: '56px',
    maxWidth: '128px',
    minHeight: '64px',
    height: 'auto',
    alignSelf: 'stretch',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
    whiteSpace: 'normal',
    textAlign: 'center',
    justifyContent: 'flex-start',
    gap: tokens.spacingVerticalXXS,
  },
  pressed: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    color: tokens.colorNeutralForeground1Selected,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
});

/** Props of a large ribbon button: an icon above a label. */
export type RibbonButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'onClick'> & {
  ref?: Ref<HTMLButtonElement>;
  onClick?: MouseEventHandler<HTMLButtonElement>;
  icon: ReactElement;
  label: string;
  /** Shown but not usable yet: focusable, with a tooltip saying it comes in a later release. */
  later?: boolean;
};

/** A large ribbon button, like VMM's: icon on top, label below. A toggle (Jobs workspace) sets `aria-pressed` and looks pressed while on. */
export function RibbonButton({ icon, label, onClick, later, disabled, className, ...rest }: RibbonButtonProps) {
  const pressed = rest['aria-pressed'] === true || rest['aria-pressed'] === 'true';
  const styles = useStyles();
  const { t } = useT();
  const button = (
    <ToolbarButton
      {...(rest as object)}
      vertical
      appearance="subtle"
      icon={icon}
      className={mergeClasses(styles.button, pressed && styles.pressed, className)}
      onClick={later ? undefined : onClick}
      disabledFocusable={later}
      disabled={!later && disabled}
    >
      {label}
    </ToolbarButton>
  );
  if (!later) return button;
  return (
    <Tooltip content={t('common.laterRelease')} relationship="description" withArrow>
      {button}
    </Tooltip>
  );
}
