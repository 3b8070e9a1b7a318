import { describe, it, expect } from 'vitest';
import type { Host, HostOs } from '../../../shared/model/inventory.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { hostRunsConfigVersion } from './config-versions.js';

const host = (os: HostOs, supportedConfigVersions: string[] | null = null): Host => ({ ...minimalInventory().hosts[0], os, supportedConfigVersions });

describe('hostRunsConfigVersion (migration-rules.md 2.4)', () => {
  const table: [HostOs, string[], string[]][] = [
    ['Windows Server 2012 R2', ['5.0'], ['4.0', '6.2', '8.0']],
    ['Windows Server 2016', ['5.0', '7.1', '8.0'], ['8.1', '9.0']],
    ['Windows Server 2019', ['5.0', '8.3', '9.0'], ['9.1', '10.0']],
    ['Windows Server 2022', ['8.0', '9.3', '10.0'], ['7.1', '11.0']],
    ['Windows Server 2025', ['8.0', '10.0', '12.0'], ['5.0', '12.1']],
  ];
  for (const [os, runs, refuses] of table) {
    it(`${os} runs ${runs.join(', ')} and not ${refuses.join(', ')}`, () => {
      for (const v of runs) expect(hostRunsConfigVersion(host(os), v), v).toBe(true);
      for (const v of refuses) expect(hostRunsConfigVersion(host(os), v), v).toBe(false);
    });
  }

  it("reads the host's own list as exact versions, compared numerically, over the table", () => {
    const h = host('Windows Server 2016', ['9.0', '10']);
    expect(hostRunsConfigVersion(h, '10.0')).toBe(true);
    expect(hostRunsConfigVersion(h, '9')).toBe(true);
    expect(hostRunsConfigVersion(h, '8.0')).toBe(false);
    expect(hostRunsConfigVersion(h, '9.1')).toBe(false);
  });

  it('compares versions as numbers, not text: 10.0 is above 9.0', () => {
    expect(hostRunsConfigVersion(host('Windows Server 2019'), '10.0')).toBe(false);
    expect(hostRunsConfigVersion(host('Windows Server 2022'), '10.0')).toBe(true);
  });
});
