// `npm test`: type-check, lint, format check, build, Node tests of the core, browser tests.
// Every step runs even after a failure (so one run shows everything); the exit code is
// non-zero if any step failed, and the last line is the plain count "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'w4g-test-'));
let passed = 0;
let failed = 0;
const failedSteps = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) failedSteps.push(label);
  return ok;
}

function findTests(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
for (const [label, args] of [
  ['type-check (tsc --strict)', ['tsc', '-p', '.']],
  ['lint (eslint)', ['eslint', '.', '--max-warnings', '0']],
  ['format (prettier --check)', ['prettier', '--check', '.']],
]) {
  if (run(label, npx, args)) passed++;
  else failed++;
}

if (run('build', 'npm', ['run', 'build', '--silent'])) passed++;
else failed++;

// Node tests: the core in plain Node (through tsx) and the built package.
const nodeTests = [
  ...findTests('test/core', /\.test\.ts$/),
  ...findTests('test/server', /\.test\.ts$/),
  ...findTests('test/cms', /\.test\.ts$/),
  ...findTests('test/node', /\.test\.(ts|js)$/),
];
if (nodeTests.length === 0) {
  console.error('No Node test files found.');
  failed++;
  failedSteps.push('node tests (none found)');
} else {
  const tap = join(work, 'node.tap');
  run('node tests', process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...nodeTests,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
  const cancelled = Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
  passed += pass;
  failed += fail + cancelled;
  if (!text) {
    failed++;
    failedSteps.push('node tests (no report)');
  }
}

// Browser tests in Chromium.
const countFile = join(work, 'wtr.json');
run('browser tests (web-test-runner, Chromium)', npx, ['web-test-runner', '--config', 'web-test-runner.config.js'], {
  WTR_COUNT_FILE: countFile,
});
if (existsSync(countFile)) {
  const counts = JSON.parse(readFileSync(countFile, 'utf8'));
  if (counts.files === 0 || counts.passed + counts.failed === 0) {
    failed++;
    failedSteps.push('browser tests (none ran)');
  }
  passed += counts.passed;
  failed += counts.failed;
} else {
  failed++;
  failedSteps.push('browser tests (no report)');
}

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
