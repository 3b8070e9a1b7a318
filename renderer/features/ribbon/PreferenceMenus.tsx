import { Menu, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, type MenuProps } from '@fluentui/react-components';
import { DarkTheme24Regular, LocalLanguage24Regular } from '@fluentui/react-icons';
import { LANGUAGE_VALUES, THEME_VALUES, type LanguagePreference, type ThemePreference } from '../../../shared/model/settings.js';
import { useSystemLocale, useT } from '../../i18n/use-translator.js';
import { resolveLanguage } from '../../i18n/translator.js';
import { useAppStore } from '../../store/store-context.js';
import { RibbonButton } from './RibbonButton.js';

/** The ribbon's Language button: Windows default, English, Italiano. */
export function LanguageMenu() {
  const { t } = useT();
  const language = useAppStore((s) => s.settings.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const systemLocale = useSystemLocale();
  const systemLanguage = resolveLanguage('system', systemLocale);
  const onChange: MenuProps['onCheckedValueChange'] = (_e, data) => {
    const next = data.checkedItems[0] as LanguagePreference | undefined;
    if (next && next !== language) void setLanguage(next);
  };
  return (
    <Menu checkedValues={{ language: [language] }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <RibbonButton icon={<LocalLanguage24Regular />} label={t('ribbon.action.language')} />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {LANGUAGE_VALUES.map((value) => (
            <MenuItemRadio key={value} name="language" value={value}>
              {value === 'system' ? t('pref.language.system', { language: t(`pref.language.${systemLanguage}`) }) : t(`pref.language.${value}`)}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** The ribbon's Theme button: Windows default, Light, Dark. */
export function ThemeMenu() {
  const { t } = useT();
  const theme = useAppStore((s) => s.settings.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const onChange: MenuProps['onCheckedValueChange'] = (_e, data) => {
    const next = data.checkedItems[0] as ThemePreference | undefined;
    if (next && next !== theme) void setTheme(next);
  };
  return (
    <Menu checkedValues={{ theme: [theme] }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <RibbonButton icon={<DarkTheme24Regular />} label={t('ribbon.action.theme')} />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {THEME_VALUES.map((value) => (
            <MenuItemRadio key={value} name="theme" value={value}>
              {t(`pref.theme.${value}`)}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
