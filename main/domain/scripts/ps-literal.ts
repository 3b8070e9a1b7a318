/**
 * PowerShell single-quoted literals. Inside '…' PowerShell expands nothing ($, backticks, $(…) and newlines
 * are plain text); the only special characters are the single quotes, and PowerShell counts four Unicode
 * quotes as single quotes too: ‘ (U+2018), ’ (U+2019), ‚ (U+201A) and ‛ (U+201B). Each is escaped by doubling.
 */

/** The characters PowerShell treats as a single quote. */
export const PS_SINGLE_QUOTES = ["'", '\u2018', '\u2019', '\u201A', '\u201B'] as const;

const QUOTE = /['\u2018\u2019\u201A\u201B]/g;

/** Quotes any value as one PowerShell single-quoted literal that no content can break out of. */
export function psLiteral(value: string | number): string {
  return `'${String(value).replace(QUOTE, (q) => q + q)}'`;
}
