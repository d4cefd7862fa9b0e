/**
 * Two server processes on one PostgreSQL database, as behind a load balancer: they seed once,
 * fetch each upstream once per interval between them, agree on every submission and
 * moderation, and answer the same validators for the same feed.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startCluster, type Cluster } from '../../../scripts/lib/pg-cluster.mjs';
import { ADMIN_TOKEN, admin, postgresUrlFor, request, submission, tempDir, TEST_DATABASE_URL } from '../helpers.js';

const MAIN = fileURLToPath(new URL('../../../src/server/main.ts', import.meta.url));

interface Instance {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

async function spawnInstance(env: Record<string, string>): Promise<Instance> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('W4G_')));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...clean, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const lines: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  for await (const line of createInterface({ input: child.stdout! })) {
    lines.push(line);
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
    if (match) {
      child.stdout!.resume();
      return { child, url: match[1]!, exited };
    }
  }
  throw new Error(`the instance did not start:\n${lines.join('\n')}`);
}

let cluster: Cluster | undefined;
let dir: string;
let instances: Instance[] = [];
let upstreamHits = 0;
const upstream = createHttpServer((_req, res) => {
  upstreamHits++;
  res
    .writeHead(200, { 'Content-Type': 'application/json', ETag: '"v1"' })
    .end(JSON.stringify({ events: [{ id: 'sommerfest', title: 'Sommerfest des Heimatvereins', start: '2031-07-04' }] }));
});

before(async () => {
  dir = tempDir();
  const base = TEST_DATABASE_URL ?? (cluster = await startCluster()).url;
  const databaseUrl = await postgresUrlFor(dir, base);
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const config = join(dir, 'w4g.config.json');
  writeFileSync(config, JSON.stringify({ feed: { pollSeconds: 0.25 } }));
  const env = {
    W4G_DATABASE_URL: databaseUrl,
    W4G_CONFIG: config,
    W4G_ADMIN_TOKEN: ADMIN_TOKEN,
    W4G_SEED: 'true',
    W4G_HUB_ALLOW_HOSTS: '127.0.0.1',
    W4G_SOURCES: JSON.stringify([
      { id: 'heimatverein', url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/feed.json`, refreshMinutes: 60 },
    ]),
  };
  // Both start at once on an empty database: one migrates and seeds, the other waits for it.
  instances = await Promise.all([spawnInstance(env), spawnInstance(env)]);
});

after(async () => {
  for (const instance of instances) instance.child.kill('SIGTERM');
  await Promise.all(instances.map((i) => i.exited));
  upstream.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('two instances: one seed, one fetch per interval, one moderation, the same validators', async () => {
  const [a, b] = instances as [Instance, Instance];
  const titles = async (i: Instance): Promise<string[]> =>
    (await request(`${i.url}/api/events.json`)).json.events.map((e: { title: string }) => e.title);

  // The hub: both instances see the source's event, fetched once between them.
  for (const i of [a, b])
    await until('the upstream event', async () =>
      (await titles(i)).includes('Sommerfest des Heimatvereins') ? true : undefined,
    );
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(upstreamHits, 1, 'each upstream fetched once per interval across instances');
  const seeded = (await request(`${a.url}/api/associations.json`)).json.associations.length;
  assert.ok(seeded >= 12, 'seeded once');

  // A submission posted to A, approved on B.
  const posted = await request(`${a.url}/api/submissions`, {
    method: 'POST',
    body: submission({ title: 'Lesung im Rathaussaal' }),
  });
  assert.equal(posted.status, 202);
  const pending = await request(`${b.url}/api/admin/submissions`, { headers: admin() });
  assert.deepEqual(
    pending.json.submissions.map((x: { id: string }) => x.id),
    [posted.json.id],
  );
  assert.equal(
    (await request(`${b.url}/api/admin/submissions/${posted.json.id}/approve`, { method: 'POST', headers: admin() })).status,
    200,
  );
  assert.ok((await titles(b)).includes('Lesung im Rathaussaal'), 'published at once where it was approved');
  await until('the approval on A', async () => ((await titles(a)).includes('Lesung im Rathaussaal') ? true : undefined));

  // Same content, same validators, on every feed URL.
  for (const path of ['/api/events.json', '/api/events.ics', '/api/associations.json']) {
    const [ra, rb] = await Promise.all([request(`${a.url}${path}`), request(`${b.url}${path}`)]);
    assert.equal(ra.headers.etag, rb.headers.etag, path);
    assert.equal(ra.headers['last-modified'], rb.headers['last-modified'], path);
    assert.equal(ra.text, rb.text, path);
    const revalidated = await request(`${b.url}${path}`, { headers: { 'If-None-Match': ra.headers.etag! } });
    assert.equal(revalidated.status, 304, `${path}: A's ETag is current on B`);
  }

  // Idempotency across instances: the same key at both at once gives one submission.
  const key = { 'Idempotency-Key': 'draft-two-instances' };
  const body = submission({ title: 'Konzert im Kloster' });
  const both = await Promise.all([
    request(`${a.url}/api/submissions`, { method: 'POST', headers: key, body }),
    request(`${b.url}/api/submissions`, { method: 'POST', headers: key, body }),
  ]);
  assert.deepEqual(
    both.map((r) => r.status),
    [202, 202],
  );
  assert.equal(both[0]!.text, both[1]!.text, 'one answer, replayed by the other instance');
  const conflict = await request(`${a.url}/api/submissions`, {
    method: 'POST',
    headers: key,
    body: submission({ title: 'Etwas anderes' }),
  });
  assert.equal(conflict.status, 409);
  const all = await request(`${a.url}/api/admin/submissions?status=all`, { headers: admin() });
  assert.equal(all.json.total, 2);
  assert.equal(upstreamHits, 1);
});
