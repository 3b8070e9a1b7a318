import { describe, expect, it } from 'vitest';
import { parseNetworkEntry } from './settings-rules.js';

const canonical = (text: string): string | null => {
  const r = parseNetworkEntry(text);
  return r.ok ? r.entry.canonical : null;
};

describe('network entries', () => {
  it('reads IPv4 addresses and subnets', () => {
    expect(parseNetworkEntry('10.20.0.0/24')).toMatchObject({ ok: true, entry: { family: 'IPv4', prefix: 24, subnet: true, canonical: '10.20.0.0/24' } });
    expect(parseNetworkEntry('192.168.1.7')).toMatchObject({ ok: true, entry: { family: 'IPv4', prefix: 32, subnet: false } });
    expect(canonical('255.255.255.255')).toBe('255.255.255.255');
    expect(canonical('256.0.0.1')).toBeNull();
    expect(canonical('10.0.0')).toBeNull();
    expect(canonical('10.0.0.1.2')).toBeNull();
    expect(canonical('1e1.0.0.1')).toBeNull();
  });

  it('reads IPv6 in every spelling and writes it compressed, lower case', () => {
    expect(canonical('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonical('fd00:10::/64')).toBe('fd00:10::/64');
    expect(canonical('::')).toBe('::');
    expect(canonical('::1')).toBe('::1');
    expect(canonical('1::')).toBe('1::');
    expect(canonical('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3');
    expect(canonical('1:2:3:4:5:6:7:8')).toBe('1:2:3:4:5:6:7:8');
    expect(canonical('1:2:3:4:5:6:7::')).toBe('1:2:3:4:5:6:7:0');
    expect(canonical('::ffff:10.0.0.1')).toBe('::ffff:a00:1');
    expect(canonical('1:2:3:4:5:6:7')).toBeNull();
    expect(canonical('1::2:3:4:5:6:7:8')).toBeNull();
    expect(canonical('::ffff:10.0.0.256')).toBeNull();
    expect(canonical('10.0.0.1::')).toBeNull();
  });

  it('treats one address and its /32 or /128 as the same network', () => {
    const key = (t: string) => (parseNetworkEntry(t) as { entry: { key: string } }).entry.key;
    expect(key('10.0.0.1')).toBe(key('10.0.0.1/32'));
    expect(key('fd00::1')).toBe(key('FD00:0:0::1/128'));
    expect(key('10.0.0.0/24')).not.toBe(key('10.0.0.0/25'));
  });
});
