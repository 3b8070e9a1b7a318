/**
 * Names as an admin expects them listed: case- and accent-insensitive, numbers in natural order
 * (HV-2 before HV-10). One collator for the whole console: the host tree, the VM list, every picker, and
 * the order in which the main process pages the estate to the console.
 */
const nameCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compares two names the way the console lists them. */
export const compareNames = (a: string, b: string): number => nameCollator.compare(a, b);
