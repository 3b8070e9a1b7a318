import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PWSH } from '../../../../test/pwsh/stub-powershell.js';
import { hypervScriptsDir } from './scripts.js';

// Ferry's PowerShell targets Windows PowerShell 5.1 (it has the Hyper-V module), yet it is tested in
// PowerShell 7: this walks each script's syntax tree and refuses what 5.1 cannot run.
const CHECK = fileURLToPath(new URL('../../../../test/pwsh/Find-Ps7Syntax.ps1', import.meta.url));
const EXPORT = fileURLToPath(new URL('../../../../resources/scripts/Export-FerryInventory.ps1', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ferry-ps51-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function findings(paths: string[]): { file: string; findings: string[] }[] {
  const r = spawnSync(PWSH as string, ['-NoProfile', '-NonInteractive', '-File', CHECK, ...paths], { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; findings: string[] });
}

describe.skipIf(PWSH === null)("Windows PowerShell 5.1 compatibility of Ferry's scripts", () => {
  it('the check refuses each piece of PowerShell 7 syntax, and lets 5.1 syntax through', { timeout: 120_000 }, () => {
    const sample = join(dir, 'ps7.ps1');
    writeFileSync(
      sample,
      [
        '$a = $b ? 1 : 2',
        '$c = $d ?? 3',
        '$e ??= 4',
        '$f = ${g}?.Name',
        'Get-Item x && Get-Item y',
        '1..3 | ForEach-Object -Parallel { $_ }',
        '$h = ConvertFrom-Json -InputObject $j -AsHashtable',
        'function k { process { } clean { } }',
        '$fine = if ($b) { 1 } else { 2 }; $ok = @{ a = 1 } | ConvertTo-Json -Depth 4 -Compress',
      ].join('\n'),
    );
    const [result] = findings([sample]);
    const lines = result.findings.map((f) => Number(/^line (\d+)/.exec(f)?.[1]));
    expect(new Set(lines)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('the connector scripts and Export-FerryInventory.ps1 use nothing PowerShell 7 only', { timeout: 120_000 }, () => {
    const scripts = readdirSync(hypervScriptsDir())
      .filter((f) => f.endsWith('.ps1'))
      .map((f) => join(hypervScriptsDir(), f));
    expect(scripts.length).toBeGreaterThanOrEqual(6);
    const results = findings([...scripts, EXPORT]);
    expect(results.filter((r) => r.findings.length > 0)).toEqual([]);
  });
});
