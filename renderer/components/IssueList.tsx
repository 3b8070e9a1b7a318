import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** Sentences as a bulleted list (reasons, warnings, explanations), each with its code when it has one. */
export function IssueList({ items, label }: { items: readonly (string | { code: string; message: string })[]; label?: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((item, i) => (
        <li key={i} data-code={typeof item === 'string' ? undefined : item.code}>
          {typeof item === 'string' ? item : item.message}
        </li>
      ))}
    </ul>
  );
}
