/**
 * IPv4 and IPv6 addresses and subnets (CIDR) as Hyper-V's incoming live-migration networks take them
 * (Add-VMMigrationNetwork "10.20.0.0/24", "fd00:10::/64", or one address). Strict on purpose: the
 * text an admin types is what a host receives, so anything ambiguous is refused with its reason.
 *
 * - IPv4: four decimal octets 0-255; a leading zero ("010.0.0.1") is refused, since some parsers
 *   read it as octal.
 * - IPv6: eight groups of 1-4 hex digits, "::" once for a run of zero groups, an IPv4 tail
 *   ("::ffff:10.0.0.1"); a zone ("%eth0") is refused: it names an interface, not a network.
 * - Prefix length: 0-32 for IPv4, 0-128 for IPv6, decimal without a leading zero.
 * - A subnet must have no host bits set: "10.0.0.5/24" is refused and the answer names the subnet
 *   meant ("10.0.0.0/24"), so the list never holds two spellings of one network.
 */

/** An address family. */
export type AddressFamily = 'IPv4' | 'IPv6';

/** A parsed entry: its family, address bits, prefix length (32/128 for one address) and canonical text. */
export interface NetworkEntry {
  family: AddressFamily;
  address: bigint;
  prefix: number;
  /** Whether the text gave a prefix ("10.0.0.0/24") or one address ("10.0.0.1"). */
  subnet: boolean;
  /** The canonical spelling: IPv4 dotted, IPv6 compressed lowercase (RFC 5952), with "/prefix" for a subnet. */
  canonical: string;
  /** Identity for duplicates: one address equals its /32 or /128. */
  key: string;
}

/** Why an entry is refused. */
export type NetworkEntryError =
  | { code: 'empty-entry' }
  | { code: 'not-an-address' }
  | { code: 'prefix-out-of-range'; family: AddressFamily; max: number }
  | { code: 'host-bits-set'; subnet: string };

const BITS: Record<AddressFamily, number> = { IPv4: 32, IPv6: 128 };

/** Reads dotted-decimal IPv4; null when it is not exactly that. */
export function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** Reads IPv6 text ("fd00::1", "2001:db8:0:0:0:0:0:1", "::ffff:10.0.0.1"); null when it is not IPv6. */
export function parseIPv6(text: string): bigint | null {
  if (text.includes('%')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): string[] | null => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (head === null || tail === null) return null;
  const words: number[][] = [[], []];
  const sides = [head, tail];
  for (let s = 0; s < 2; s++) {
    const side = sides[s];
    for (let i = 0; i < side.length; i++) {
      const group = side[i];
      const last = s === (halves.length === 2 ? 1 : 0) && i === side.length - 1;
      if (last && group.includes('.')) {
        const v4 = parseIPv4(group);
        if (v4 === null) return null;
        words[s].push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      words[s].push(parseInt(group, 16));
    }
  }
  const count = words[0].length + words[1].length;
  if (halves.length === 1 ? count !== 8 : count > 7) return null;
  const all = [...words[0], ...new Array<number>(8 - count).fill(0), ...words[1]];
  return all.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

/** IPv4 bits as dotted decimal. */
function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** IPv6 bits in RFC 5952 form: lowercase, no leading zeros, the longest run of 2+ zero groups as "::". */
function formatIPv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = (ws: number[]): string => ws.map((w) => w.toString(16)).join(':');
  if (bestStart === -1) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

const format = (family: AddressFamily, value: bigint): string => (family === 'IPv4' ? formatIPv4(value) : formatIPv6(value));

/** Parses one incoming live-migration network entry (address or subnet); the text must already be trimmed. */
export function parseNetworkEntry(text: string): { ok: true; entry: NetworkEntry } | { ok: false; error: NetworkEntryError } {
  if (text === '') return { ok: false, error: { code: 'empty-entry' } };
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? null : text.slice(slash + 1);
  const v4 = parseIPv4(addressText);
  const v6 = v4 === null ? parseIPv6(addressText) : null;
  if (v4 === null && v6 === null) return { ok: false, error: { code: 'not-an-address' } };
  const family: AddressFamily = v4 !== null ? 'IPv4' : 'IPv6';
  const address = (v4 ?? v6) as bigint;
  const bits = BITS[family];
  let prefix = bits;
  if (prefixText !== null) {
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
      return { ok: false, error: { code: 'prefix-out-of-range', family, max: bits } };
    }
    prefix = Number(prefixText);
  }
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const network = address & ~hostMask;
  if (network !== address) return { ok: false, error: { code: 'host-bits-set', subnet: `${format(family, network)}/${prefix}` } };
  const subnet = prefixText !== null;
  const canonical = subnet ? `${format(family, address)}/${prefix}` : format(family, address);
  return { ok: true, entry: { family, address, prefix, subnet, canonical, key: `${family}|${address.toString(16)}/${prefix}` } };
}
