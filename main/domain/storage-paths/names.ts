/** Names as Windows compares them (hosts, clusters, VMs): ignoring case. */

/** The key a name is compared by: lower case. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/**
 * Whether two names are the same ignoring case: `nameKey(a) === nameKey(b)`, without building either key for
 * ASCII names (Select Host and the planner compare names for hundreds of thousands of pairs).
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    // Past a non-ASCII character, lower-casing may change lengths: compare the keys themselves.
    if (x >= 128 || y >= 128) return nameKey(a) === nameKey(b);
    if (x === y) continue;
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  if (a.length === b.length) return true;
  const rest = a.length > n ? a : b;
  for (let i = n; i < rest.length; i++) if (rest.charCodeAt(i) >= 128) return nameKey(a) === nameKey(b);
  return false;
}

/** Values keyed by name, as a caller holds them: a Map or a plain object. */
export type ByName<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/** Re-keys values held by name to a Map by `nameKey`, so lookups ignore case. */
export function byNameKey<T>(source: ByName<T> | undefined): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  if (!source) return out;
  const entries = source instanceof Map ? [...(source as ReadonlyMap<string, T>).entries()] : Object.entries(source as Readonly<Record<string, T>>);
  for (const [name, value] of entries) out.set(nameKey(name), value);
  return out;
}
