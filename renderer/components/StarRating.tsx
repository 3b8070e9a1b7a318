import { makeStyles, tokens } from '@fluentui/react-components';
import { Star16Filled, Star16Regular, StarHalf16Filled } from '@fluentui/react-icons';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', color: tokens.colorPaletteMarigoldForeground1 },
  empty: { color: tokens.colorNeutralForeground4 },
  half: { position: 'relative', display: 'inline-flex' },
  halfFill: { position: 'absolute', top: 0, left: 0 },
});

const STARS = [0, 1, 2, 3, 4] as const;

/** A rating of 0 to 5 stars in half steps, drawn with star icons and read out as "4.5 stars". */
export function StarRating({ rating }: { rating: number }) {
  const styles = useStyles();
  const { tn } = useT();
  return (
    <span role="img" aria-label={tn('rating.stars', rating)} className={styles.root}>
      {STARS.map((i) =>
        rating >= i + 1 ? (
          <Star16Filled key={i} />
        ) : rating >= i + 0.5 ? (
          <span key={i} className={styles.half}>
            <Star16Regular className={styles.empty} />
            <StarHalf16Filled className={styles.halfFill} />
          </span>
        ) : (
          <Star16Regular key={i} className={styles.empty} />
        ),
      )}
    </span>
  );
}
