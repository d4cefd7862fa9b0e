/**
 * The cap on uncached views (issue 15's follow-up): every distinct window or filter set is
 * computed in the one render worker, so a burst of different ones is bounded. Beyond
 * `feed.maxPendingViews` being computed at once a new view is a 503 with Retry-After and a
 * German message; a cached view, the whole feed and health still answer, and the server
 * computes views again once the burst is over.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { addDaysIso } from '../../src/core/index.js';
import { VIEW_BUSY_MSG } from '../../src/server/feed.js';
import { configFromEnv, resolveConfig } from '../../src/server/config.js';
import { request, start, type Running } from './helpers.js';

/** Enough events that a view takes the worker a moment: 600 weekly series over a year. */
function upstreamBody(): string {
  const towns = ['Arnstein', 'Aschersleben', 'Seeland', 'Falkenstein/Harz'];
  const events = Array.from({ length: 600 }, (_, i) => ({
    id: `e${i}`,
    title: `Treffen ${i}`,
    start: `${addDaysIso('2027-01-04', i % 7)}T${String(8 + (i % 12)).padStart(2, '0')}:00`,
    end: `${addDaysIso('2027-01-04', i % 7)}T${String(9 + (i % 12)).padStart(2, '0')}:00`,
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;COUNT=52',
    town: towns[i % towns.length],
    categories: [i % 2 ? 'Sport' : 'Kultur'],
  }));
  return JSON.stringify({ timeZone: 'Europe/Berlin', title: 'Testregion', events, associations: [] });
}

describe('a cap on uncached views', () => {
  let s: Running;
  let upstream: Server;
  const body = upstreamBody();

  before(async () => {
    upstream = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/termine.json`;
    s = await start({
      config: {
        hub: { allowHosts: ['127.0.0.1'] },
        sources: [{ id: 'test', url, refreshMinutes: 60 }],
        feed: { maxPendingViews: 2 },
      },
    });
    await s.server.hub.refreshAll();
    for (let i = 0; i < 300; i++) {
      const feed = await request(`${s.url}/api/events.json`);
      if (feed.json.events.length) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the feed was not built');
  });
  after(async () => {
    await s.stop();
    upstream.close();
  });

  test('a burst of distinct uncached views gets some German 503s with Retry-After; cached views, the feed and health answer', async () => {
    const cachedUrl = `${s.url}/api/events.json?start=2027-03-01&end=2027-04-01&town=Arnstein`;
    const first = await request(cachedUrl);
    assert.equal(first.status, 200);
    assert.ok(first.json.events.length > 50);

    const views = Array.from({ length: 40 }, (_, i) => {
      const day = addDaysIso('2027-01-01', i * 3);
      return `${s.url}/api/events.json?start=${day}&end=${addDaysIso(day, 60)}&category=Sport`;
    });
    const burst = views.map((url) => request(url));
    // While the burst is in flight: the cached view, the whole feed and health.
    const during = await Promise.all([request(cachedUrl), request(`${s.url}/api/events.ics`), request(`${s.url}/api/health`)]);
    const answers = await Promise.all(burst);

    assert.deepEqual(
      during.map((a) => a.status),
      [200, 200, 200],
    );
    assert.equal(during[0]!.text, first.text, 'the cached view, byte for byte');
    const refused = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    assert.equal(refused.length + served.length, answers.length, 'every answer is a 200 or a 503');
    assert.ok(refused.length > 0, 'some views were refused');
    assert.ok(served.length >= 2, 'the first views were computed');
    for (const answer of refused) {
      assert.equal(answer.headers['retry-after'], '2');
      assert.deepEqual(answer.json, { error: VIEW_BUSY_MSG, retryAfter: 2 });
      assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
    }
    for (const answer of served) assert.ok(answer.json.events.length > 0);

    // After the burst: healthy, and a refused view is computed when asked again.
    const health = await request(`${s.url}/api/health`);
    assert.deepEqual(health.json, { status: 'ok' });
    const again = views[answers.findIndex((a) => a.status === 503)]!;
    const retried = await request(again);
    assert.equal(retried.status, 200);
    assert.ok(retried.json.events.length > 0);
  });

  test('feed.maxPendingViews is a setting of at least 1 (W4G_MAX_PENDING_VIEWS)', () => {
    assert.equal(resolveConfig().feed.maxPendingViews, 8);
    assert.equal(resolveConfig(configFromEnv({ W4G_MAX_PENDING_VIEWS: '3' })).feed.maxPendingViews, 3);
    assert.throws(() => resolveConfig({ feed: { maxPendingViews: 0 } }), /feed\.maxPendingViews/);
  });
});
