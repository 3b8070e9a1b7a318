import { Button, Caption1, Field, Input, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Add20Regular, ArrowDown20Regular, ArrowUp20Regular, Delete20Regular, ErrorCircle16Filled } from '@fluentui/react-icons';
import { useEffect, useId, useRef } from 'react';
import type { SettingsProblem } from '../../../shared/model/live-migration-settings.js';
import { useT } from '../../i18n/use-translator.js';
import { networkAdd, networkMove, networkRemove, touch, type HyperVSettingsDraft } from './hyperv-settings-draft.js';
import { problemText } from './problem-text.js';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minHeight: '96px',
    maxHeight: '176px',
    overflowY: 'auto',
    padding: tokens.spacingHorizontalXS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  row: { padding: tokens.spacingHorizontalXXS, borderRadius: tokens.borderRadiusSmall },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  input: { width: '100%', fontFamily: tokens.fontFamilyMonospace },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingHorizontalS },
  buttons: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '112px' },
  button: { justifyContent: 'flex-start' },
  error: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    color: tokens.colorPaletteRedForeground1,
    marginTop: tokens.spacingVerticalXS,
  },
  note: { color: tokens.colorNeutralForeground3, display: 'block', marginTop: tokens.spacingVerticalXS },
});

/** Props of the incoming networks list. */
export interface NetworkListProps {
  draft: HyperVSettingsDraft;
  update: (change: (draft: HyperVSettingsDraft) => HyperVSettingsDraft) => void;
  /** Problems of each entry, by row id. */
  entries: ReadonlyMap<number, SettingsProblem>;
  /** Problems of the list as a whole (empty where it is the only way in). */
  listProblems: readonly SettingsProblem[] | undefined;
  disabled: boolean;
}

/**
 * "Use these IP addresses for live migration": the ordered list of addresses and subnets, each an
 * editable entry checked inline as IPv4/IPv6 or CIDR once the admin leaves it, with Add, Remove,
 * Move Up and Move Down acting on the selected entry (the one last focused), as Hyper-V Manager's.
 */
export function NetworkList({ draft, update, entries, listProblems, disabled }: NetworkListProps) {
  const styles = useStyles();
  const { t } = useT();
  const labelId = useId();
  const errorId = useId();
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const focusNext = useRef<number | null>(null);
  const rows = draft.networks;
  const selected = rows.findIndex((r) => r.id === draft.selectedNetwork);

  useEffect(() => {
    if (focusNext.current === null) return;
    inputs.current.get(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const setText = (id: number, text: string) =>
    update((d) => touch(d, ['networks'], { networks: d.networks.map((r) => (r.id === id ? { ...r, text } : r)), networksMixed: false }));
  const leave = (id: number) => update((d) => ({ ...d, networks: d.networks.map((r) => (r.id === id ? { ...r, checked: true } : r)) }));
  const listProblem = listProblems?.[0];

  return (
    <div>
      <Text id={labelId} weight="semibold" block>
        {t('hvs.live.networks')}
      </Text>
      <div className={styles.root}>
        <div>
          <div role="list" aria-labelledby={labelId} aria-describedby={listProblem ? errorId : undefined} className={styles.list}>
            {rows.length === 0 ? (
              <Caption1 className={styles.empty}>{draft.networksMixed ? t('hvs.live.networks.mixed') : t('hvs.live.networks.empty')}</Caption1>
            ) : null}
            {rows.map((row, i) => {
              const problem = row.checked ? entries.get(row.id) : undefined;
              return (
                <div role="listitem" key={row.id} className={mergeClasses(styles.row, i === selected && styles.selected)}>
                  <Field validationState={problem ? 'error' : 'none'} validationMessage={problem ? problemText(t, problem) : undefined}>
                    <Input
                      className={styles.input}
                      size="small"
                      value={row.text}
                      disabled={disabled}
                      aria-label={t('hvs.live.network', { position: String(i + 1), count: String(rows.length) })}
                      ref={(el) => {
                        if (el) inputs.current.set(row.id, el);
                        else inputs.current.delete(row.id);
                      }}
                      onFocus={() => update((d) => (d.selectedNetwork === row.id ? d : { ...d, selectedNetwork: row.id }))}
                      onBlur={() => leave(row.id)}
                      onChange={(_e, data) => setText(row.id, data.value)}
                    />
                  </Field>
                </div>
              );
            })}
          </div>
          <Caption1 className={styles.note}>{t('hvs.live.networks.hint')}</Caption1>
          {listProblem ? (
            <div id={errorId} className={styles.error} role="alert">
              <ErrorCircle16Filled />
              <Caption1>{problemText(t, listProblem)}</Caption1>
            </div>
          ) : null}
        </div>
        <div className={styles.buttons}>
          <Button
            className={styles.button}
            icon={<Add20Regular />}
            disabled={disabled}
            onClick={() =>
              update((d) => {
                const next = networkAdd(d);
                focusNext.current = next.selectedNetwork;
                return next;
              })
            }
          >
            {t('hvs.live.add')}
          </Button>
          <Button className={styles.button} icon={<Delete20Regular />} disabledFocusable={disabled || selected === -1} onClick={() => update(networkRemove)}>
            {t('hvs.live.remove')}
          </Button>
          <Button
            className={styles.button}
            icon={<ArrowUp20Regular />}
            disabledFocusable={disabled || selected <= 0}
            onClick={() => update((d) => networkMove(d, -1))}
          >
            {t('hvs.live.moveUp')}
          </Button>
          <Button
            className={styles.button}
            icon={<ArrowDown20Regular />}
            disabledFocusable={disabled || selected === -1 || selected >= rows.length - 1}
            onClick={() => update((d) => networkMove(d, 1))}
          >
            {t('hvs.live.moveDown')}
          </Button>
        </div>
      </div>
    </div>
  );
}
