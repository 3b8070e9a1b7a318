import { Button, makeStyles, Menu, MenuDivider, MenuItem, MenuList, MenuPopover, MenuTrigger, tokens } from '@fluentui/react-components';
import { ArrowImport20Regular, Beaker20Regular, Options20Regular } from '@fluentui/react-icons';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { useImportPicker } from '../import/import-picker.js';

const useStyles = makeStyles({
  file: {
    minWidth: '64px',
    borderRadius: 0,
    height: '100%',
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
  },
});

/** The ribbon's File button: Import inventory…, Load demo estate, and Options…. */
export function FileMenu() {
  const styles = useStyles();
  const { t } = useT();
  const openFilePicker = useImportPicker();
  const loadDemo = useAppStore((s) => s.loadDemo);
  const busy = useAppStore((s) => s.importState.phase === 'reading' || s.importState.phase === 'running');
  const setOptionsOpen = useAppStore((s) => s.setOptionsOpen);
  return (
    <Menu positioning="below-start">
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="primary" className={styles.file}>
          {t('ribbon.file')}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<ArrowImport20Regular />} onClick={openFilePicker} disabled={busy}>
            {t('ribbon.file.import')}
          </MenuItem>
          <MenuItem icon={<Beaker20Regular />} onClick={() => void loadDemo()} disabled={busy}>
            {t('ribbon.file.loadDemo')}
          </MenuItem>
          <MenuDivider />
          <MenuItem icon={<Options20Regular />} onClick={() => setOptionsOpen(true)}>
            {t('ribbon.file.options')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
