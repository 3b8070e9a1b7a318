import { Menu, MenuButton, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger, type MenuProps } from '@fluentui/react-components';
import { ColumnTriple20Regular } from '@fluentui/react-icons';
import { useT } from '../i18n/use-translator.js';

/** Props of a column chooser. */
export interface ColumnChooserProps<C extends string> {
  /** Every column in order, with its header text; the first (Name) always shows. */
  columns: readonly { id: C; label: string }[];
  hidden: readonly C[];
  /** The new hidden columns, in the columns' order. */
  onChange: (hidden: C[]) => void;
  /** Which list's columns ("VM list columns"): the button's tooltip. */
  label: string;
}

/** VMM's column chooser: Columns, a check box per column; the first column (Name) stays. */
export function ColumnChooser<C extends string>({ columns, hidden, onChange, label }: ColumnChooserProps<C>) {
  const { t } = useT();
  const [fixed, ...hideable] = columns;
  const shown = columns.filter((c) => !hidden.includes(c.id)).map((c) => c.id);
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_e, data) => {
    const checked = new Set(data.checkedItems);
    onChange(hideable.filter((c) => !checked.has(c.id)).map((c) => c.id));
  };
  return (
    <Menu checkedValues={{ columns: shown }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton size="small" appearance="subtle" icon={<ColumnTriple20Regular />} title={label}>
          {t('columns.button')}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItemCheckbox name="columns" value={fixed.id} disabled>
            {fixed.label}
          </MenuItemCheckbox>
          {hideable.map((c) => (
            <MenuItemCheckbox key={c.id} name="columns" value={c.id}>
              {c.label}
            </MenuItemCheckbox>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
