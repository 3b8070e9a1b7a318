import { makeStyles, tokens } from '@fluentui/react-components';
import { MIGRATION_LIMIT } from '../../../shared/model/live-migration-settings.js';
import { useT } from '../../i18n/use-translator.js';
import { touch } from './hyperv-settings-draft.js';
import { LimitField } from './LimitField.js';
import type { SettingsPageProps } from './LiveMigrationsPage.js';

const useStyles = makeStyles({ page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/** Storage Migrations: how many storage migrations may run at once on the host. */
export function StorageMigrationsPage({ draft, update, check }: Pick<SettingsPageProps, 'draft' | 'update' | 'check'>) {
  const styles = useStyles();
  const { t } = useT();
  return (
    <div className={styles.page}>
      <LimitField
        label={t('hvs.storage.maxStorage')}
        hint={t('hvs.storage.maxStorage.hint', {
          default: String(MIGRATION_LIMIT.default),
          min: String(MIGRATION_LIMIT.min),
          max: String(MIGRATION_LIMIT.max),
        })}
        text={draft.maxStorage}
        onText={(text) => update((d) => touch(d, ['maxStorage'], { maxStorage: text }))}
        problems={check.byField.get('maxStorage')}
      />
    </div>
  );
}
