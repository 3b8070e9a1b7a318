import { describe, expect, it } from 'vitest';
import type { LiveMigrationSettings } from '../../../shared/model/inventory.js';
import {
  checkSettingsChange,
  formatSettingsProblem,
  MIGRATION_LIMIT,
  parseSettingText,
  settingsMergeProblems,
  withSettingsChange,
  type SettingsProblem,
} from './settings-rules.js';

/** The one-line form of every problem a change has, or [] when it is valid. */
function problems(change: Record<string, unknown>): string[] {
  const r = checkSettingsChange(change);
  return r.ok ? [] : r.problems.map(formatSettingsProblem);
}

const base: LiveMigrationSettings = {
  enabled: true,
  maxLive: 2,
  maxStorage: 2,
  performanceOption: 'Compression',
  authentication: 'CredSSP',
  useAnyNetwork: false,
  networks: ['10.20.0.0/24'],
};

describe('a settings change: one rule per field', () => {
  it('enabled: true or false, nothing else', () => {
    expect(problems({ enabled: false })).toEqual([]);
    expect(problems({ enabled: 'yes' })).toEqual(['enabled: "yes" is not true or false']);
    expect(problems({ enabled: 1 })).toEqual(['enabled: 1 is not true or false']);
  });

  it(`maxLive: a whole number from ${MIGRATION_LIMIT.min} to ${MIGRATION_LIMIT.max}`, () => {
    expect(problems({ maxLive: 1 })).toEqual([]);
    expect(problems({ maxLive: 64 })).toEqual([]);
    expect(problems({ maxLive: 0 })).toEqual(['maxLive: 0 is not a whole number from 1 to 64']);
    expect(problems({ maxLive: 65 })).toEqual(['maxLive: 65 is not a whole number from 1 to 64']);
    expect(problems({ maxLive: 2.5 })).toEqual(['maxLive: 2.5 is not a whole number from 1 to 64']);
    expect(problems({ maxLive: '4' })).toEqual(['maxLive: "4" is not a whole number from 1 to 64']);
    expect(problems({ maxLive: Number.NaN })).toEqual(['maxLive: NaN is not a whole number from 1 to 64']);
  });

  it(`maxStorage: a whole number from ${MIGRATION_LIMIT.min} to ${MIGRATION_LIMIT.max}`, () => {
    expect(problems({ maxStorage: 8 })).toEqual([]);
    expect(problems({ maxStorage: -1 })).toEqual(['maxStorage: -1 is not a whole number from 1 to 64']);
    expect(problems({ maxStorage: 1000 })).toEqual(['maxStorage: 1000 is not a whole number from 1 to 64']);
  });

  it('performanceOption: TCPIP, Compression or SMB, spelled as Set-VMHost spells them', () => {
    for (const option of ['TCPIP', 'Compression', 'SMB']) expect(problems({ performanceOption: option })).toEqual([]);
    expect(problems({ performanceOption: 'smb' })).toEqual(['performanceOption: "smb" is not one of TCPIP, Compression, SMB']);
    expect(problems({ performanceOption: 'RDMA' })).toEqual(['performanceOption: "RDMA" is not one of TCPIP, Compression, SMB']);
  });

  it('authentication: CredSSP or Kerberos', () => {
    expect(problems({ authentication: 'Kerberos' })).toEqual([]);
    expect(problems({ authentication: 'NTLM' })).toEqual(['authentication: "NTLM" is not one of CredSSP, Kerberos']);
  });

  it('useAnyNetwork: true or false', () => {
    expect(problems({ useAnyNetwork: true })).toEqual([]);
    expect(problems({ useAnyNetwork: 'any' })).toEqual(['useAnyNetwork: "any" is not true or false']);
  });

  it('networks: an ordered list of IPv4 or IPv6 addresses and subnets, each refused where it is wrong', () => {
    expect(problems({ networks: ['10.20.0.0/24', '10.20.1.7', 'fd00:10::/64', '2001:db8::1', '::ffff:10.0.0.1', '0.0.0.0/0', '::/0'] })).toEqual([]);
    expect(problems({ networks: ['10.0.0.0/24', '10.0.1.0/24', '10.0.0.300/24'] })).toEqual([
      'networks[2]: "10.0.0.300/24" is not an IPv4 or IPv6 address or subnet',
    ]);
    expect(problems({ networks: 'fd00::/64' })).toEqual(['networks: is not a list of IP addresses or subnets']);
  });

  it('networks: prefix lengths are 0 to 32 for IPv4 and 0 to 128 for IPv6', () => {
    expect(problems({ networks: ['10.0.0.0/32', 'fd00::1/128'] })).toEqual([]);
    expect(problems({ networks: ['10.0.0.0/33', 'fd00::/129', '10.0.0.0/', '10.0.0.0/x', '10.0.0.0/08'] })).toEqual([
      'networks[0]: "10.0.0.0/33" has a prefix length outside 0 to 32 (IPv4)',
      'networks[1]: "fd00::/129" has a prefix length outside 0 to 128 (IPv6)',
      'networks[2]: "10.0.0.0/" has a prefix length outside 0 to 32 (IPv4)',
      'networks[3]: "10.0.0.0/x" has a prefix length outside 0 to 32 (IPv4)',
      'networks[4]: "10.0.0.0/08" has a prefix length outside 0 to 32 (IPv4)',
    ]);
  });

  it('networks: a subnet with host bits set is refused, naming the subnet meant', () => {
    expect(problems({ networks: ['10.0.0.5/24', 'fd00::1/64'] })).toEqual([
      'networks[0]: "10.0.0.5/24" has host bits set after the prefix: the subnet is "10.0.0.0/24"',
      'networks[1]: "fd00::1/64" has host bits set after the prefix: the subnet is "fd00::/64"',
    ]);
  });

  it('networks: no network twice, however it is spelled', () => {
    expect(problems({ networks: ['10.0.0.0/24', 'FD00:0::/64', '10.0.0.1', 'fd00::/64', '10.0.0.1/32', ' 10.0.0.0/24 '] })).toEqual([
      'networks[3]: "fd00::/64" is already in the list (networks[1])',
      'networks[4]: "10.0.0.1/32" is already in the list (networks[2])',
      'networks[5]: "10.0.0.0/24" is already in the list (networks[0])',
    ]);
  });

  it('networks: an empty entry, a zone, a leading zero or a malformed IPv6 address is refused', () => {
    expect(problems({ networks: ['', 'fe80::1%eth0', '010.0.0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', 'fd00:::/64', '12345::', 'g::1', 5] })).toEqual([
      'networks[0]: is empty: type an IPv4 or IPv6 address or subnet, or remove the entry',
      'networks[1]: "fe80::1%eth0" is not an IPv4 or IPv6 address or subnet',
      'networks[2]: "010.0.0.1" is not an IPv4 or IPv6 address or subnet',
      'networks[3]: "1:2:3:4:5:6:7:8:9" is not an IPv4 or IPv6 address or subnet',
      'networks[4]: "1::2::3" is not an IPv4 or IPv6 address or subnet',
      'networks[5]: ":::" is not an IPv4 or IPv6 address or subnet',
      'networks[6]: "fd00:::/64" is not an IPv4 or IPv6 address or subnet',
      'networks[7]: "12345::" is not an IPv4 or IPv6 address or subnet',
      'networks[8]: "g::1" is not an IPv4 or IPv6 address or subnet',
      'networks[9]: 5 is not an IPv4 or IPv6 address or subnet',
    ]);
  });

  it('networks: must not be empty when live migrations are enabled and useAnyNetwork is false', () => {
    const required = 'networks: is empty: add at least one IP address or subnet, or use any available network (useAnyNetwork)';
    const merged = (current: LiveMigrationSettings, change: Record<string, unknown>) => {
      const checked = checkSettingsChange(change);
      if (!checked.ok) throw new Error('invalid');
      return settingsMergeProblems(current, checked.change).map(formatSettingsProblem);
    };
    expect(merged(base, { networks: [] })).toEqual([required]);
    expect(merged({ ...base, useAnyNetwork: true, networks: [] }, { useAnyNetwork: false })).toEqual([required]);
    expect(merged(base, { useAnyNetwork: true, networks: [] })).toEqual([]);
    // A disabled host's list is not used; enabling it needs one.
    expect(merged(base, { enabled: false, networks: [] })).toEqual([]);
    expect(merged({ ...base, enabled: false, networks: [] }, { enabled: true })).toEqual([required]);
    // A change that leaves the networks alone never trips over a list the host already had.
    expect(merged({ ...base, networks: [] }, { maxLive: 4 })).toEqual([]);
  });

  it('refuses a name that is not a setting, listing the ones there are', () => {
    expect(problems({ maxlive: 4 })).toEqual([
      'maxlive: is not a setting; the settings are enabled, maxLive, maxStorage, performanceOption, authentication, useAnyNetwork, networks',
    ]);
  });

  it('lists every problem of a change at once, and answers a valid one with its network entries trimmed', () => {
    expect(problems({ enabled: 'no', maxLive: 0, networks: ['x'] })).toHaveLength(3);
    expect(checkSettingsChange({ maxLive: 4, networks: [' 10.0.0.0/24 '] })).toEqual({ ok: true, change: { maxLive: 4, networks: ['10.0.0.0/24'] } });
  });

  it('gives each problem its path, code and the values of its message', () => {
    const r = checkSettingsChange({ networks: ['10.0.0.0/24', '10.0.0.300/24'] });
    expect(r.ok).toBe(false);
    const p = (r as { problems: SettingsProblem[] }).problems[0];
    expect(p).toMatchObject({ path: 'networks[1]', field: 'networks', index: 1, code: 'not-an-address', params: { value: '"10.0.0.300/24"' } });
  });
});

describe('a change applied to a host', () => {
  it('sets what the change sets and keeps the rest', () => {
    expect(withSettingsChange(base, { maxLive: 4, performanceOption: 'SMB' })).toEqual({ ...base, maxLive: 4, performanceOption: 'SMB' });
    const after = withSettingsChange(base, { networks: ['fd00::/64'] });
    expect(after.networks).toEqual(['fd00::/64']);
    expect(base.networks).toEqual(['10.20.0.0/24']);
  });
});

describe('a setting typed as text (ferry host-settings --set, the dialog)', () => {
  it('reads booleans, numbers, options ignoring case, and comma-separated networks', () => {
    expect(parseSettingText('enabled', 'false')).toEqual({ ok: true, value: false });
    expect(parseSettingText('useAnyNetwork', 'Yes')).toEqual({ ok: true, value: true });
    expect(parseSettingText('maxLive', ' 4 ')).toEqual({ ok: true, value: 4 });
    expect(parseSettingText('performanceOption', 'smb')).toEqual({ ok: true, value: 'SMB' });
    expect(parseSettingText('performanceOption', 'TCP/IP')).toEqual({ ok: true, value: 'TCPIP' });
    expect(parseSettingText('authentication', 'kerberos')).toEqual({ ok: true, value: 'Kerberos' });
    expect(parseSettingText('networks', '10.0.0.0/24, fd00::/64')).toEqual({ ok: true, value: ['10.0.0.0/24', 'fd00::/64'] });
    expect(parseSettingText('networks', '')).toEqual({ ok: true, value: [] });
  });

  it('refuses text it cannot read with the same sentence as a checked value', () => {
    const lines = (r: ReturnType<typeof parseSettingText>) => (r.ok ? [] : r.problems.map(formatSettingsProblem));
    expect(lines(parseSettingText('maxLive', 'four'))).toEqual(['maxLive: "four" is not a whole number from 1 to 64']);
    expect(lines(parseSettingText('maxLive', '2.5'))).toEqual(['maxLive: "2.5" is not a whole number from 1 to 64']);
    expect(lines(parseSettingText('maxStorage', '99'))).toEqual(['maxStorage: 99 is not a whole number from 1 to 64']);
    expect(lines(parseSettingText('enabled', 'maybe'))).toEqual(['enabled: "maybe" is not true or false']);
    expect(lines(parseSettingText('performanceOption', 'fast'))).toEqual(['performanceOption: "fast" is not one of TCPIP, Compression, SMB']);
    expect(lines(parseSettingText('networks', '10.0.0.0/24,10.0.0.300/24'))).toEqual(['networks[1]: "10.0.0.300/24" is not an IPv4 or IPv6 address or subnet']);
  });
});
