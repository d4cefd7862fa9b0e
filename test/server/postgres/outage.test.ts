/**
 * PostgreSQL goes away while the server runs (a restart of the database, a network hiccup):
 * reads keep being answered from memory, writes get a German 503, and the server recovers by
 * itself when the database is back. Runs on a cluster of its own, since it stops it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCluster, type Cluster } from '../../../scripts/lib/pg-cluster.mjs';
import { admin, request, start, submission, type Running } from '../helpers.js';

let cluster: Cluster;
let s: Running;

before(async () => {
  cluster = await startCluster();
  s = await start({ databaseUrl: cluster.url, config: { feed: { pollSeconds: 0.2 } } });
});
after(async () => {
  await s?.stop();
  cluster?.stop();
});

test('a lost database gives 503 in German, the feeds stay up, and the server recovers by itself', async () => {
  assert.equal(s.server.store.dialect, 'postgres');
  assert.equal((await request(`${s.url}/api/submissions`, { method: 'POST', body: submission() })).status, 202);
  const feed = await request(`${s.url}/api/events.json`);

  cluster.pause();
  const refused = await request(`${s.url}/api/submissions`, { method: 'POST', body: submission() });
  assert.equal(refused.status, 503, refused.text);
  assert.match(refused.json.error, /^Die Datenbank ist gerade nicht erreichbar/);
  assert.equal(refused.headers['retry-after'], '5');
  const list = await request(`${s.url}/api/admin/submissions`, { headers: admin() });
  assert.equal(list.status, 503);
  const during = await request(`${s.url}/api/events.json`);
  assert.equal(during.status, 200, 'the feed is served from memory');
  assert.equal(during.headers.etag, feed.headers.etag);
  assert.deepEqual((await request(`${s.url}/api/health`)).json, { status: 'degraded' });

  cluster.resume();
  let status = 0;
  for (let i = 0; i < 50 && status !== 202; i++) {
    status = (await request(`${s.url}/api/submissions`, { method: 'POST', body: submission() })).status;
    if (status !== 202) await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(status, 202, 'writes work again without a restart');
  const after = await request(`${s.url}/api/admin/submissions`, { headers: admin() });
  assert.equal(after.status, 200);
  assert.equal(after.json.total, 2);
  assert.deepEqual((await request(`${s.url}/api/health`)).json, { status: 'ok' });
});
