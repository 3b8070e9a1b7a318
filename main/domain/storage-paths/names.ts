/** Names as Windows compares them (hosts, clusters, VMs): ignoring case. */

/** The key a name is compared by: lower case. */
export function nameKey(name: string): string {
  return name.toLowerCase();
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
