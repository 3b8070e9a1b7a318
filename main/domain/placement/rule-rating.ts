import { text, type Text } from '../../../shared/i18n/text.js';
import type { RuleFinding } from './placement-rules.js';
import { ruleFindingShortText } from './placement-rule-texts.js';

/** What the rules part of a rating looks at for one available host. */
export interface RuleRatingInput {
  host: string;
  /** The rating from headroom alone (0.5 to 5). */
  rating: number;
  /** Memory the host keeps free after the move (available − reserve − the VM's memory). */
  freeAfterMB: number;
  /** The host's non-blocking rule findings. */
  findings: readonly RuleFinding[];
}

/** A rating after the rules, with the lines that explain the change (none when nothing changed). */
export interface RuleRating {
  rating: number;
  explanation: Text[];
}

const STEP = 0.5;
const MIN = 0.5;

/** Whether a finding puts the VM with another it should be kept from: `availability-set` or `affinity-split`. */
const keepsApartOrSplits = (f: RuleFinding): boolean => f.code === 'availability-set' || f.code === 'affinity-split';

/**
 * Ratings of the available hosts of one VM after the rules of migration-rules.md section 8, in input order:
 * `not-preferred-owner` lowers a rating by half a star (to 0.5 at least); a host with an `availability-set` or
 * `affinity-split` warning then rates strictly below every available host without either that keeps at least as
 * much free memory. Where such a host would already be at the lowest rating, 0.5, that host rises to 1 so the
 * order holds (the explanation says so). O(n log n) for n hosts.
 */
export function rateRules(hosts: readonly RuleRatingInput[]): RuleRating[] {
  const out: RuleRating[] = hosts.map((h) => {
    const np = h.findings.find((f) => f.code === 'not-preferred-owner');
    if (!np) return { rating: h.rating, explanation: [] };
    const rating = Math.max(MIN, h.rating - STEP);
    const owners = np.rule.kind === 'preferred-owners' ? np.rule.owners : [];
    return { rating, explanation: [text('rating.rules.notPreferred', { rating, host: np.host, vm: np.vm, owners: { list: owners } })] };
  });
  const flagged = hosts.map((h) => h.findings.some(keepsApartOrSplits));
  if (!flagged.some(Boolean)) return out;

  const clean = hosts.map((h, i) => ({ i, free: h.freeAfterMB })).filter(({ i }) => !flagged[i]);
  // The least free memory of any flagged host: a clean host keeping at least that much must stay above 0.5.
  const leastFlaggedFree = Math.min(...hosts.filter((_, i) => flagged[i]).map((h) => h.freeAfterMB));
  for (const { i, free } of clean) {
    if (free >= leastFlaggedFree && out[i].rating < MIN + STEP) {
      out[i] = { rating: MIN + STEP, explanation: [...out[i].explanation, text('rating.rules.raised', { rating: MIN + STEP })] };
    }
  }
  // For each flagged host, the lowest rating among clean hosts keeping at least as much free memory: suffix minima
  // over clean hosts sorted by free memory.
  clean.sort((a, b) => a.free - b.free);
  const suffixMin: number[] = new Array<number>(clean.length);
  let min = Infinity;
  for (let k = clean.length - 1; k >= 0; k--) {
    min = Math.min(min, out[clean[k].i].rating);
    suffixMin[k] = min;
  }
  hosts.forEach((h, i) => {
    if (!flagged[i]) return;
    let lo = 0;
    let hi = clean.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (clean[mid].free >= h.freeAfterMB) hi = mid;
      else lo = mid + 1;
    }
    const cap = lo < clean.length ? suffixMin[lo] - STEP : Infinity;
    const rating = Math.max(MIN, Math.min(out[i].rating, cap));
    const why = h.findings.filter(keepsApartOrSplits).map(ruleFindingShortText);
    out[i] = {
      rating,
      explanation: [
        ...out[i].explanation,
        text(cap === Infinity ? 'rating.rules.noneBetter' : rating < out[i].rating ? 'rating.rules.lowered' : 'rating.rules.kept', {
          rating,
          host: h.host,
          rules: { list: why },
        }),
      ],
    };
  });
  return out;
}
