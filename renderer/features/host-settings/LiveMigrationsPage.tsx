import { Checkbox, Field, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import type { Host } from '../../../shared/model/inventory.js';
import { MIGRATION_LIMIT } from '../../../shared/model/live-migration-settings.js';
import { useT } from '../../i18n/use-translator.js';
import { touch, type DraftCheck, type HyperVSettingsDraft } from './hyperv-settings-draft.js';
import { LimitField } from './LimitField.js';
import { NetworkList } from './NetworkList.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  indent: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingLeft: tokens.spacingHorizontalXXL },
});

/** Props every page of the dialog gets. */
export interface SettingsPageProps {
  draft: HyperVSettingsDraft;
  update: (change: (draft: HyperVSettingsDraft) => HyperVSettingsDraft) => void;
  check: DraftCheck;
  hosts: readonly Host[];
  /** The cluster limit that wins over maxLive, for one clustered host. */
  clusterLimit: { cluster: string; limit: number } | null;
}

/**
 * Live Migrations: enable incoming and outgoing live migrations, how many at once, and which
 * networks incoming ones may use. As in Hyper-V Manager, the rest of the page is off while live
 * migrations are.
 */
export function LiveMigrationsPage({ draft, update, check, clusterLimit }: SettingsPageProps) {
  const styles = useStyles();
  const { t } = useT();
  const off = draft.enabled === false;
  const incoming = draft.useAnyNetwork === null ? '' : draft.useAnyNetwork ? 'any' : 'these';
  return (
    <div className={styles.page}>
      <Checkbox
        label={t('hvs.live.enabled')}
        checked={draft.enabled === null ? 'mixed' : draft.enabled}
        onChange={(_e, data) => update((d) => touch(d, ['enabled'], { enabled: data.checked === true }))}
      />
      <div className={styles.indent}>
        <LimitField
          label={t('hvs.live.maxLive')}
          hint={t('hvs.live.maxLive.hint', { default: String(MIGRATION_LIMIT.default), min: String(MIGRATION_LIMIT.min), max: String(MIGRATION_LIMIT.max) })}
          text={draft.maxLive}
          onText={(text) => update((d) => touch(d, ['maxLive'], { maxLive: text }))}
          problems={check.byField.get('maxLive')}
          disabled={off}
        />
        {clusterLimit ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t('hvs.live.clusterLimit', { cluster: clusterLimit.cluster, limit: String(clusterLimit.limit) })}</MessageBarBody>
          </MessageBar>
        ) : null}
        <Field label={t('hvs.live.incoming')} hint={incoming === '' ? t('hvs.mixedChoice') : undefined}>
          <RadioGroup
            value={incoming}
            disabled={off}
            onChange={(_e, data) => update((d) => touch(d, ['useAnyNetwork'], { useAnyNetwork: data.value === 'any' }))}
          >
            <Radio value="any" label={t('hvs.live.anyNetwork')} />
            <Radio value="these" label={t('hvs.live.theseNetworks')} />
          </RadioGroup>
        </Field>
        <div className={styles.indent}>
          <NetworkList
            draft={draft}
            update={update}
            entries={check.entries}
            listProblems={check.byField.get('networks')}
            disabled={off || draft.useAnyNetwork !== false}
          />
        </div>
      </div>
    </div>
  );
}
