import { makeStyles, tokens } from '@fluentui/react-components';
import { isText, type Text } from '../../shared/i18n/text.js';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** One line of an IssueList: a sentence, a catalogue sentence, or a coded finding (its `text` in the admin's language when sent). */
export type IssueItem = string | Text | { code: string; message: string; text?: Text };

/** Sentences as a bulleted list (reasons, warnings, explanations), each with its code when it has one, in the admin's language. */
export function IssueList({ items, label }: { items: readonly IssueItem[]; label?: string }) {
  const styles = useStyles();
  const { say, spoken } = useT();
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((item, i) => (
        <li key={i} data-code={typeof item === 'string' || isText(item) ? undefined : item.code}>
          {typeof item === 'string' ? item : isText(item) ? say(item) : spoken(item)}
        </li>
      ))}
    </ul>
  );
}
