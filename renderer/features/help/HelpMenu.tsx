import { Button, makeStyles, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, tokens } from '@fluentui/react-components';
import { DocumentText20Regular, Stethoscope20Regular } from '@fluentui/react-icons';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  help: { minWidth: 'auto', borderRadius: 0, height: '100%', paddingLeft: tokens.spacingHorizontalM, paddingRight: tokens.spacingHorizontalM },
});

/** The ribbon's Help button: View log… (what Ferry's main process wrote: ended jobs, internal errors) and Diagnostics… (`ferry doctor`). */
export function HelpMenu() {
  const styles = useStyles();
  const { t } = useT();
  const setLogOpen = useAppStore((s) => s.setLogOpen);
  const setDiagnosticsOpen = useAppStore((s) => s.setDiagnosticsOpen);
  return (
    <Menu positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" className={styles.help}>
          {t('help.menu')}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<DocumentText20Regular />} onClick={() => setLogOpen(true)}>
            {t('help.viewLog')}
          </MenuItem>
          <MenuItem icon={<Stethoscope20Regular />} onClick={() => setDiagnosticsOpen(true)}>
            {t('help.diagnostics')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
