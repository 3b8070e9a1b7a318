import { Field, makeStyles, tokens } from '@fluentui/react-components';
import { NotedRadioGroup } from '../../components/NotedRadioGroup.js';
import { AUTHENTICATION_VALUES, PERFORMANCE_OPTION_VALUES } from '../../../shared/model/inventory.js';
import { useT } from '../../i18n/use-translator.js';
import { touch } from './hyperv-settings-draft.js';
import type { SettingsPageProps } from './LiveMigrationsPage.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/**
 * Advanced Features (under Live Migrations): the authentication protocol, with what each needs, and
 * the performance option, with when to choose each. Each note is the radio's description.
 */
export function AdvancedFeaturesPage({ draft, update }: Pick<SettingsPageProps, 'draft' | 'update'>) {
  const styles = useStyles();
  const { t } = useT();
  return (
    <div className={styles.page}>
      <Field label={t('hvs.advanced.auth')} hint={draft.authentication === null ? t('hvs.mixedChoice') : undefined}>
        <NotedRadioGroup
          idPrefix="hvs-note"
          value={draft.authentication}
          options={AUTHENTICATION_VALUES.map((value) => ({ value, label: t(`hvs.advanced.${value}`), note: t(`hvs.advanced.${value}.note`) }))}
          onChange={(authentication) => update((d) => touch(d, ['authentication'], { authentication }))}
        />
      </Field>
      <Field label={t('hvs.advanced.performance')} hint={draft.performanceOption === null ? t('hvs.mixedChoice') : undefined}>
        <NotedRadioGroup
          idPrefix="hvs-note"
          value={draft.performanceOption}
          options={PERFORMANCE_OPTION_VALUES.map((value) => ({ value, label: t(`hvs.advanced.${value}`), note: t(`hvs.advanced.${value}.note`) }))}
          onChange={(performanceOption) => update((d) => touch(d, ['performanceOption'], { performanceOption }))}
        />
      </Field>
    </div>
  );
}
