// `npm test`: type-check, lint, format check, build, Node tests of the core, the server tests on
// SQLite and on PostgreSQL, browser tests. Every step runs even after a failure (so one run
// shows everything); the exit code is non-zero if any step failed, and the last line is the
// plain count "N passed, N failed".
//
// PostgreSQL: W4G_TEST_DATABASE_URL names a database to use; otherwise a throwaway cluster is
// started from Debian's binaries (scripts/lib/pg-cluster.mjs) and removed afterwards. When that
// is impossible the PostgreSQL run is skipped with a loud notice, except under CI=true, where
// it fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ClusterUnavailable, startCluster } from './lib/pg-cluster.mjs';

const work = mkdtempSync(join(tmpdir(), 'w4g-test-'));
const CI = process.env.CI === 'true';
let passed = 0;
let failed = 0;
const failedSteps = [];
const summary = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) failedSteps.push(label);
  return ok;
}

function findTests(dir, pattern, recursive = true) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive })
    .map(String)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Runs Node test files with a TAP copy for counting; returns { pass, fail }. */
function nodeTests(label, files, env = {}) {
  if (files.length === 0) {
    console.error(`No test files for ${label}.`);
    failed++;
    failedSteps.push(`${label} (none found)`);
    return { pass: 0, fail: 1 };
  }
  const tap = join(work, `${label.replace(/\W+/g, '-')}.tap`);
  run(
    label,
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const pass = count('pass');
  const fail = count('fail') + count('cancelled');
  passed += pass;
  failed += fail;
  if (!text) {
    failed++;
    failedSteps.push(`${label} (no report)`);
  }
  return { pass, fail };
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

// Node tests: the core in plain Node (through tsx), the CMS wrappers and the built package.
nodeTests('node tests', [
  ...findTests('test/core', /\.test\.ts$/),
  ...findTests('test/cms', /\.test\.ts$/),
  ...findTests('test/node', /\.test\.(ts|js)$/),
]);

// The server on SQLite (the embedded default): every server test in test/server.
const serverTests = findTests('test/server', /\.test\.ts$/, false);
const sqlite = nodeTests('server tests on SQLite', serverTests);
summary.push(`server tests on SQLite: ${sqlite.pass} passed, ${sqlite.fail} failed`);

// The server on PostgreSQL: the tests whose subject is storage, plus test/server/postgres
// (two instances on one database, a database outage). Not repeated: the configuration, the
// address guard, the admin page in Chromium, the packaged server and the v1 SQLite fixture,
// which do not depend on the database.
// The gazette export reads the feed built in memory, never the database directly.
const SQLITE_ONLY = new Set([
  'admin-page.test.ts',
  'gazette.test.ts',
  'gazette-layout.test.ts',
  'main.test.ts',
  'migrations.test.ts',
  'package.test.ts',
  'ssrf.test.ts',
]);
const postgresTests = [
  ...serverTests.filter((f) => !SQLITE_ONLY.has(basename(f))),
  ...findTests('test/server/postgres', /\.test\.ts$/),
];
let cluster;
let databaseUrl = process.env.W4G_TEST_DATABASE_URL?.trim();
if (!databaseUrl) {
  try {
    console.log('\n▶ starting a throwaway PostgreSQL cluster');
    cluster = await startCluster();
    databaseUrl = cluster.url;
    console.log(`  ${cluster.url} (data in ${cluster.dir})`);
  } catch (error) {
    if (!(error instanceof ClusterUnavailable)) throw error;
    const banner = '!'.repeat(78);
    console.log(`\n${banner}\n!! PostgreSQL could not be started: ${error.message.split('\n')[0]}`);
    if (CI) {
      console.log(`!! CI=true: this is a failure. Install Debian's postgresql (see .ci/run).\n${banner}`);
      failed++;
      failedSteps.push('server tests on PostgreSQL (no PostgreSQL)');
      summary.push('server tests on PostgreSQL: NOT RUN (no PostgreSQL) — a failure under CI');
    } else {
      console.log(
        `!! The ${postgresTests.length} server test files were NOT run on PostgreSQL. Install Debian's postgresql\n` +
          `!! or set W4G_TEST_DATABASE_URL; under CI=true this fails.\n${banner}`,
      );
      summary.push('server tests on PostgreSQL: SKIPPED (PostgreSQL could not be started)');
    }
  }
}
if (databaseUrl) {
  try {
    const pg = nodeTests('server tests on PostgreSQL', postgresTests, { W4G_TEST_DATABASE_URL: databaseUrl });
    summary.push(`server tests on PostgreSQL: ${pg.pass} passed, ${pg.fail} failed`);
  } finally {
    cluster?.stop();
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

console.log('');
for (const line of summary) console.log(line);
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
