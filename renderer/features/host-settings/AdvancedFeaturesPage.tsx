import { Caption1, Field, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { AUTHENTICATION_VALUES, PERFORMANCE_OPTION_VALUES } from '../../../shared/model/inventory.js';
import { useT } from '../../i18n/use-translator.js';
import { touch } from './hyperv-settings-draft.js';
import type { SettingsPageProps } from './LiveMigrationsPage.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  option: { display: 'flex', flexDirection: 'column' },
  note: { display: 'block', color: tokens.colorNeutralForeground3, paddingLeft: '32px', marginTop: `calc(-1 * ${tokens.spacingVerticalXS})`, marginBottom: tokens.spacingVerticalS, maxWidth: '520px' },
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
        <RadioGroup
          value={draft.authentication ?? ''}
          onChange={(_e, data) => update((d) => touch(d, ['authentication'], { authentication: data.value as (typeof AUTHENTICATION_VALUES)[number] }))}
        >
          {AUTHENTICATION_VALUES.map((value) => (
            <div key={value} className={styles.option}>
              <Radio value={value} label={t(`hvs.advanced.${value}`)} input={{ 'aria-describedby': `hvs-note-${value}` }} />
              <Caption1 id={`hvs-note-${value}`} className={styles.note}>
                {t(`hvs.advanced.${value}.note`)}
              </Caption1>
            </div>
          ))}
        </RadioGroup>
      </Field>
      <Field label={t('hvs.advanced.performance')} hint={draft.performanceOption === null ? t('hvs.mixedChoice') : undefined}>
        <RadioGroup
          value={draft.performanceOption ?? ''}
          onChange={(_e, data) => update((d) => touch(d, ['performanceOption'], { performanceOption: data.value as (typeof PERFORMANCE_OPTION_VALUES)[number] }))}
        >
          {PERFORMANCE_OPTION_VALUES.map((value) => (
            <div key={value} className={styles.option}>
              <Radio value={value} label={t(`hvs.advanced.${value}`)} input={{ 'aria-describedby': `hvs-note-${value}` }} />
              <Caption1 id={`hvs-note-${value}`} className={styles.note}>
                {t(`hvs.advanced.${value}.note`)}
              </Caption1>
            </div>
          ))}
        </RadioGroup>
      </Field>
    </div>
  );
}
