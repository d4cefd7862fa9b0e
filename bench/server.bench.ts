/**
 * Benchmark of the reference server as it runs in production (the compiled bin, node alone),
 * on SQLite and on PostgreSQL, in one run. The load comes from autocannon in a process of its
 * own on loopback; the floor is the same feed bytes served as a static file by @fastify/static.
 *
 * Run: npm run bench:server   (BENCH_SECONDS=n sets the shorter runs, default 15; the load
 * test is always 100 connections for 30 s; BENCH_DATABASES=sqlite runs one database)
 *
 * Per database:
 * 1. floor: GET of the feed's bytes as a static file (100 connections);
 * 2. GET /api/events.json, 200, 100 connections for 30 s (also the "0 errors" target);
 * 3. GET /api/events.json with If-None-Match, 304 (100 connections);
 * 4. a burst of POST /api/submissions (20 connections), every fifth request a retry of the one
 *    before with the same Idempotency-Key; then the rows are counted: every answered id is
 *    stored once, and there is one row per distinct key (0 lost, 0 duplicated).
 * Targets: feed GET ≥ 0.8x the floor's requests/s; 304 ≥ 1x; 0 errors; 0 lost, 0 duplicated.
 * Both servers log at warn (a line per request to a pipe would measure the pipe).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster, type Cluster } from '../scripts/lib/pg-cluster.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const LOAD_SECONDS = 30;
const DATABASES = (process.env['BENCH_DATABASES'] ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const TOKEN = 'bench-admin-token-0123456789abcdef';
const BURST = 2000;
const REPEAT_EVERY = 5;

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: string[]): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${log.join('')}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up:\n${log.join('')}`);
}

function start(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; log: string[] } {
  const log: string[] = [];
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => log.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
  return { child, log };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** One autocannon run in its own process. */
async function load(
  spec: Record<string, unknown>,
): Promise<{ result: Result; answers: { status: number; body: string }[]; sent?: number }> {
  const { child, log } = start(process.execPath, [join(HERE, 'server', 'load.mjs'), JSON.stringify(spec)], {});
  const [code] = await once(child, 'exit');
  const text = log.join('');
  if (code !== 0) throw new Error(`autocannon failed:\n${text}`);
  return JSON.parse(text.slice(text.indexOf('{"result"'))) as never;
}

function line(label: string, r: Result): string {
  return `  ${label.padEnd(34)} ${Math.round(r.requests.average).toString().padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${r.requests.total} requests, ${r.errors + r.timeouts} errors, ${r.non2xx} non-2xx`;
}

interface Outcome {
  database: string;
  floor: Result;
  feed: Result;
  notModified: Result;
  submissions: Result;
  burst: { sent: number; distinct: number; rows: number; answeredIds: number; missing: number; statuses: Record<string, number> };
}

async function benchDatabase(database: string, cluster: Cluster | undefined): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'w4g-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'w4g.config.json'), '{}');
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    W4G_CONFIG: join(dir, 'w4g.config.json'),
    W4G_DB: join(dir, 'w4g.sqlite'),
    W4G_ADMIN_TOKEN: TOKEN,
    W4G_SEED: 'true',
    W4G_LOG_LEVEL: 'warn',
    W4G_RATE_LIMIT_MAX: '1000000',
    ...(cluster ? { W4G_DATABASE_URL: cluster.url } : {}),
  };
  const server = start(process.execPath, [join(ROOT, 'bin', 'w4g-calendar-server.js')], env);
  let floor: ReturnType<typeof start> | undefined;
  try {
    await waitFor(`${base}/api/health`, server.child, server.log);
    const feed = await fetch(`${base}/api/events.json`);
    const bytes = Buffer.from(await feed.arrayBuffer());
    const etag = feed.headers.get('etag')!;
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'events.json'), bytes);
    const floorPort = await freePort();
    floor = start(process.execPath, [join(HERE, 'server', 'floor.mjs'), staticDir, String(floorPort)], {});
    await waitFor(`http://127.0.0.1:${floorPort}/events.json`, floor.child, floor.log);
    console.log(`\n${database}: feed of ${bytes.length} bytes, ETag ${etag}`);

    const floorRun = (await load({ url: `http://127.0.0.1:${floorPort}/events.json`, connections: 100, duration: SECONDS }))
      .result;
    console.log(line('floor: static file (@fastify/static)', floorRun));
    const feedRun = (await load({ url: `${base}/api/events.json`, connections: 100, duration: LOAD_SECONDS })).result;
    console.log(line('GET /api/events.json (200)', feedRun));
    const notModifiedRun = (
      await load({ url: `${base}/api/events.json`, connections: 100, duration: SECONDS, headers: { 'if-none-match': etag } })
    ).result;
    console.log(line('GET /api/events.json (304)', notModifiedRun));

    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const burst = await load({
      url: `${base}/api/submissions`,
      connections: 20,
      amount: BURST,
      submissions: {
        run: database,
        repeatEvery: REPEAT_EVERY,
        body: {
          start: `${day}T18:00`,
          town: 'Aschersleben',
          contact: { name: 'Lasttest', email: 'lasttest@example.org' },
          formTime: 42_000,
        },
      },
    });
    console.log(line('POST /api/submissions (burst)', burst.result));
    const sent = burst.sent ?? BURST;
    const distinct = new Set(Array.from({ length: sent }, (_, i) => (i % REPEAT_EVERY === 1 ? i - 1 : i))).size;
    const statuses: Record<string, number> = {};
    const answered = new Set<string>();
    for (const a of burst.answers) {
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      if (a.status === 202) answered.add((JSON.parse(a.body) as { id: string }).id);
    }
    const stored = new Set<string>();
    let rows = 0;
    for (let offset = 0; ; offset += 500) {
      const page = (await (
        await fetch(`${base}/api/admin/submissions?status=all&limit=500&offset=${offset}`, {
          headers: { Authorization: `Bearer ${TOKEN}` },
        })
      ).json()) as { submissions: { id: string }[]; total: number };
      rows = page.total;
      for (const s of page.submissions) stored.add(s.id);
      if (page.submissions.length < 500) break;
    }
    const missing = [...answered].filter((id) => !stored.has(id)).length;
    console.log(
      `  burst: ${sent} requests, ${distinct} distinct keys, ${answered.size} distinct ids answered, ${rows} rows, ${missing} answered but not stored`,
    );
    return {
      database,
      floor: floorRun,
      feed: feedRun,
      notModified: notModifiedRun,
      submissions: burst.result,
      burst: { sent, distinct, rows, answeredIds: answered.size, missing, statuses },
    };
  } finally {
    if (floor) await stop(floor.child);
    await stop(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const build = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const outcomes: Outcome[] = [];
for (const database of DATABASES) {
  let cluster: Cluster | undefined;
  if (database === 'postgres') cluster = await startCluster();
  try {
    outcomes.push(await benchDatabase(database, cluster));
  } finally {
    cluster?.stop();
  }
}

const checks: { target: string; database: string; value: string; pass: boolean }[] = [];
for (const o of outcomes) {
  const ratio = o.feed.requests.average / o.floor.requests.average;
  const ratio304 = o.notModified.requests.average / o.floor.requests.average;
  const errors = o.feed.errors + o.feed.timeouts + o.feed.non2xx;
  checks.push(
    { target: 'feed GET >= 0.8x static req/s', database: o.database, value: `${ratio.toFixed(2)}x`, pass: ratio >= 0.8 },
    { target: '304 >= 1x static req/s', database: o.database, value: `${ratio304.toFixed(2)}x`, pass: ratio304 >= 1 },
    {
      target: '100 connections x 30 s: 0 errors',
      database: o.database,
      value: `${errors} errors in ${o.feed.requests.total} requests`,
      pass: errors === 0 && o.feed.requests.total > 0,
    },
    {
      target: 'submission burst: 0 lost, 0 duplicated',
      database: o.database,
      value: `${o.burst.rows} rows for ${o.burst.distinct} keys, ${o.burst.missing} lost`,
      pass:
        o.burst.rows === o.burst.distinct &&
        o.burst.answeredIds === o.burst.distinct &&
        o.burst.missing === 0 &&
        (o.burst.statuses['202'] ?? 0) === o.burst.sent,
    },
  );
}
console.log('\nTargets');
for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.database.padEnd(9)} ${c.target.padEnd(40)} ${c.value}`);
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(
  join(HERE, 'results', 'server.json'),
  `${JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, loadSeconds: LOAD_SECONDS, outcomes, checks }, null, 2)}\n`,
);
process.exit(checks.every((c) => c.pass) ? 0 : 1);
