import { makeStyles } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useRef, type ChangeEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { useAppStoreApi } from '../../store/store-context.js';
import { MAX_IMPORT_CHARS } from '../../../shared/contract/invoke.js';
import { readFileText } from './read-file-text.js';

const PickerContext = createContext<() => void>(() => undefined);

const useStyles = makeStyles({
  // Visually hidden but present, so it keeps its label for assistive technology and tests.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

/** Opens the "Inventory file" picker: used by File > Import inventory… */
export function useImportPicker(): () => void {
  return useContext(PickerContext);
}

/**
 * Holds the hidden `<input type=file accept=.json>` the File menu opens. A chosen file is read
 * with progress, then sent to `inventory.import`.
 */
export function ImportPickerProvider({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const { t } = useT();
  const store = useAppStoreApi();
  const inputRef = useRef<HTMLInputElement>(null);
  const open = useCallback(() => inputRef.current?.click(), []);

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Clear it, so choosing the same file again still fires a change.
    input.value = '';
    if (!file) return;
    const state = store.getState();
    // Refused before it is read: a file over the limit would only be refused by Ferry after sending it all.
    if (file.size > MAX_IMPORT_CHARS) {
      state.importTooLarge(file.name, file.size);
      return;
    }
    state.importReading(file.name, 0);
    let content: string;
    try {
      content = await readFileText(file, (fraction) => store.getState().importReading(file.name, fraction));
    } catch (error) {
      store.getState().importReadFailed(file.name, error instanceof Error ? error.message : String(error));
      return;
    }
    await store.getState().importInventory(file.name, content);
  };

  return (
    <PickerContext.Provider value={open}>
      {children}
      <input
        ref={inputRef}
        type="file"
        accept=".json"
        aria-label={t('import.fileLabel')}
        tabIndex={-1}
        hidden
        className={styles.hidden}
        onChange={(e) => void onChange(e)}
      />
    </PickerContext.Provider>
  );
}
