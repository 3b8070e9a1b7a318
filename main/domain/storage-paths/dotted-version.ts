/** Dotted version numbers ("3.1.1", "9.0", "10"), compared part by part as numbers. */

/**
 * Compares two dotted versions numerically: negative when `a` is older, 0 when equal, positive when newer.
 * Missing parts count as 0 ("9" equals "9.0"), so "3.1.1" is newer than "3.0" and "10.0" newer than "9.3".
 * A part that is not a number counts as 0.
 */
export function compareVersions(a: string, b: string): number {
  // Select Host and the planner compare the same few versions millions of times: remember the answers.
  const key = `${a}\u0000${b}`;
  let known = compared.get(key);
  if (known === undefined) {
    known = compareUncached(a, b);
    if (compared.size > 10_000) compared.clear();
    compared.set(key, known);
  }
  return known;
}

const compared = new Map<string, number>();

function compareUncached(a: string, b: string): number {
  const left = a.trim().split('.');
  const right = b.trim().split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = versionPart(left[i]) - versionPart(right[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Whether an SMB dialect is 3.0 or later, which Hyper-V needs to run a VM from a share. */
export function isSmb3OrLater(smbVersion: string): boolean {
  return compareVersions(smbVersion, '3.0') >= 0;
}

function versionPart(part: string | undefined): number {
  const n = Number.parseInt(part ?? '0', 10);
  return Number.isFinite(n) ? n : 0;
}
