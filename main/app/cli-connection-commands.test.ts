import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { ferryOn } from '../../test/fixtures/cli-run.js';

// `ferry connection`, and the `ferry refresh` answers that need no PowerShell. A refresh that reads hosts through
// PowerShell 7 and the stub Hyper-V modules is in cli-connection-commands.pwsh.test.ts.
let dir: string;
let db: string;
const saved = process.env.FERRY_POWERSHELL;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-conn-'));
  db = join(dir, 'ferry.db');
  const file = join(dir, 'inventory.json');
  writeFileSync(file, JSON.stringify(minimalInventory()));
  await ferry('import', file);
});
afterEach(() => {
  if (saved === undefined) delete process.env.FERRY_POWERSHELL;
  else process.env.FERRY_POWERSHELL = saved;
  rmSync(dir, { recursive: true, force: true });
});

const ferry = ferryOn(() => db);

const GROUP = 'All Hosts/Milano';

describe('ferry connection', () => {
  it('shows a group nobody set as the simulator, the default', async () => {
    const r = await ferry('connection', GROUP, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      hostGroup: GROUP,
      connector: 'simulator',
      mode: 'local',
      identity: 'current',
      userName: null,
      hasPassword: false,
      saved: false,
    });
  });

  it('sets the connector and the mode, matching the group name ignoring case', async () => {
    const r = await ferry('connection', 'all hosts/milano', '--set', 'mode=winrm-https', '--set', 'connector=hyperv');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Connection settings of All Hosts\/Milano/);
    expect(r.out).toMatch(/winrm-https \(PowerShell remoting over HTTPS, port 5986\)/);
    expect(JSON.parse((await ferry('connection', GROUP, '--json')).out)).toMatchObject({ connector: 'hyperv', mode: 'winrm-https', saved: true });
    expect((await ferry('connection')).out).toMatch(/All Hosts\/Milano\s+hyperv\s+winrm-https\s+current/);
  });

  it('never takes a password on the command line, and says what to do instead', async () => {
    const r = await ferry('connection', GROUP, '--set', 'identity=credentials', '--set', 'userName=CONTOSO\\hvadmin', '--set', 'password=S3cret!');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/passwords are never taken on the command line/);
    expect(r.err).toMatch(/Ferry desktop app \(Host > Connection Settings…\)/);
    expect(r.err).toMatch(/--set identity=current/);
  });

  it('refuses a user name without a stored password here: only the desktop app stores passwords', async () => {
    const r = await ferry('connection', GROUP, '--set', 'mode=winrm-https', '--set', 'identity=credentials', '--set', 'userName=CONTOSO\\hvadmin');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/only by the Ferry desktop app/);
    expect(r.err).toMatch(/current Windows identity/);
  });

  it('checks the values and names the group it does not know', async () => {
    expect((await ferry('connection', GROUP, '--set', 'connector=vmware')).err).toMatch(/--set connector: expected simulator or hyperv, got "vmware"/);
    expect((await ferry('connection', 'All Hosts/Roma')).code).toBe(2);
  });
});

describe('ferry refresh', () => {
  it('says there is nothing to refresh while every group runs on the simulator', async () => {
    const r = await ferry('refresh');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No host group uses the Hyper-V connector/);
  });

  it('says a simulated group has no hosts to read', async () => {
    const r = await ferry('refresh', '--group', GROUP);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/uses the simulator, so there are no real hosts to read/);
  });

  it('fails with a clear message where PowerShell is not installed, changing nothing', async () => {
    process.env.FERRY_POWERSHELL = join(dir, 'no-powershell-here');
    await ferry('connection', GROUP, '--set', 'connector=hyperv');
    const before = (await ferry('inventory', '--json')).out;
    const r = await ferry('refresh', '--group', GROUP);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PowerShell \(.*no-powershell-here\) could not be run on this computer/);
    expect(r.err).toMatch(/What to do: Run Ferry on a Windows workstation with the Hyper-V PowerShell module/);
    expect((await ferry('inventory', '--json')).out).toBe(before);
  });
});
