// The whole test suite, as the README's `npm test` and CI run it: typecheck, lint (with the
// layering rules), the QEMU lab guest build, unit tests (Vitest), then a build and the end-to-end
// tests (Playwright in Debian's Chromium). Every stage runs even when one fails, so the totals are whole. Prints one
// line `N passed, N failed` and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('test-results', { recursive: true });

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(title, command, args) {
  const ok = run(title, command, args);
  results[ok ? 'passed' : 'failed']++;
  console.log(`--- ${title}: ${ok ? 'passed' : 'FAILED'}`);
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

check('typecheck', 'npx', ['tsc', '-b']);
check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
check('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '**/*.{ts,tsx,js,mjs,css}']);
// The QEMU lab tests boot this guest; building it here (cached) keeps the unit tests from racing to build it.
check('lab guest', 'npx', ['tsx', 'scripts/lab-guest.ts']);

// The PowerShell tests (*.pwsh.test.ts) run in the unit tests when pwsh is here (FERRY_PWSH, PATH, or /opt/pwsh).
const pwshHere = process.env.FERRY_PWSH
  ? existsSync(process.env.FERRY_PWSH)
  : [...(process.env.PATH ?? '').split(':'), '/opt/pwsh'].some((d) => d && existsSync(`${d}/pwsh`));
if (!pwshHere)
  console.log(
    "\n--- PowerShell tests skipped: pwsh not found, so the Hyper-V connector's moves, cancel, failures, settings, placement rules and refresh (also through the services and ferry refresh), the printed scripts and Export-FerryInventory.ps1 are untested here (install it with `dotnet tool install --tool-path /opt/pwsh PowerShell --version 7.6.10`, or set FERRY_PWSH)",
  );

rmSync('test-results/vitest.json', { force: true });
const unitOk = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
const unit = readJson('test-results/vitest.json');
if (unit) {
  results.passed += unit.numPassedTests;
  results.failed += unit.numFailedTests;
  results.skipped += unit.numPendingTests + unit.numTodoTests;
  // A suite that failed to load has no tests to count: count it once.
  if (!unitOk && unit.numFailedTests === 0) results.failed++;
} else {
  results.failed++;
}

const built = check('build', 'npm', ['run', 'build', '--silent']);
if (built) {
  rmSync('test-results/playwright.json', { force: true });
  const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' });
  const e2e = readJson('test-results/playwright.json');
  if (e2e?.stats) {
    results.passed += e2e.stats.expected + e2e.stats.flaky;
    results.failed += e2e.stats.unexpected;
    results.skipped += e2e.stats.skipped;
    if (!e2eOk && e2e.stats.unexpected === 0) results.failed++;
  } else {
    results.failed++;
  }
} else if (!existsSync('dist/renderer/index.html')) {
  console.log('--- end-to-end tests not run: the build failed');
  results.failed++;
}

console.log(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
process.exit(results.failed === 0 ? 0 : 1);
