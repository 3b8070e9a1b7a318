import { FluentProvider } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { useFluentTheme } from './use-fluent-theme.js';

/**
 * Renders its children in Fluent's light or dark theme and keeps the page's `lang` and colour
 * scheme in step. Its height comes from base.css: a class here would also reach the portal nodes.
 */
export function ThemeRoot({ children }: { children: ReactNode }) {
  const { name, theme } = useFluentTheme();
  const { language } = useT();
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.style.colorScheme = name;
  }, [language, name]);
  return (
    <FluentProvider theme={theme} applyStylesToPortals>
      {children}
    </FluentProvider>
  );
}
