import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useT } from '../../i18n/use-translator.js';

const useStyles = makeStyles({
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Why a placement-rule edit was refused: one line a problem, under "The placement rules were not changed"; nothing when none. */
export function RuleProblems({ problems }: { problems: readonly string[] }) {
  const styles = useStyles();
  const { t } = useT();
  if (problems.length === 0) return null;
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        {t('vmProps.placementInvalid')}
        <ul className={styles.problems}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
