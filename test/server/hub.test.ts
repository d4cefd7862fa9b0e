/**
 * The feed hub against a local upstream (a second node:http server on 127.0.0.1): it serves
 * an iCalendar and a JSON feed with ETags, then fails, then recovers. The served feed keeps
 * the last good data meanwhile, /api/health tells what happened, and refreshes are
 * conditional requests.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { expandOccurrences, parseJsonFeed, type Occurrence } from '../../src/core/index.js';
import type { SourceHealth } from '../../src/server/index.js';
import { admin, request, start, type Running } from './helpers.js';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Ev. Kirchengemeinde Ermsleben//Gemeindekalender 1.0//DE',
  'X-WR-CALNAME:Ev. Kirchengemeinde Ermsleben',
  'BEGIN:VEVENT',
  'UID:christvesper@kirche-ermsleben.example.org',
  'DTSTAMP:20261115T090000Z',
  'DTSTART;TZID=Europe/Berlin:20301224T160000',
  'DTEND;TZID=Europe/Berlin:20301224T170000',
  'SUMMARY:Christvesper mit Krippenspiel',
  'LOCATION:Kirche St. Sixti\\, Kirchplatz 1\\, 06463 Falkenstein/Harz OT Ermsleben',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:abendmahl@kirche-ermsleben.example.org',
  'DTSTAMP:20261115T090000Z',
  'DTSTART;TZID=Europe/Berlin:20301101T093000',
  'RRULE:FREQ=MONTHLY;BYDAY=1SU',
  'SUMMARY:Gottesdienst mit Abendmahl',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

interface Upstream {
  server: Server;
  url: string;
  /** What /kirche.ics answers: its body, or a failure. */
  ics: { body: string } | { status: number } | { garbage: true };
  json: unknown;
  requests: { path: string; conditional: boolean }[];
}

async function upstream(): Promise<Upstream> {
  const state = { ics: { body: ICS }, json: {}, requests: [] } as unknown as Upstream;
  state.server = createHttpServer((req: IncomingMessage, res) => {
    const path = req.url ?? '';
    state.requests.push({ path, conditional: req.headers['if-none-match'] !== undefined });
    let body: string;
    let type: string;
    if (path === '/kirche.ics') {
      const ics = state.ics;
      if ('status' in ics) {
        res.writeHead(ics.status).end('Wartungsarbeiten');
        return;
      }
      if ('garbage' in ics) {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Anmeldung erforderlich</body></html>');
        return;
      }
      body = ics.body;
      type = 'text/calendar; charset=utf-8';
    } else if (path === '/verein.json') {
      body = JSON.stringify(state.json);
      type = 'application/json';
    } else {
      res.writeHead(404).end();
      return;
    }
    // No CORS headers at all, like many church calendar servers.
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': type, ETag: etag }).end(body);
  });
  state.server.listen(0, '127.0.0.1');
  await once(state.server, 'listening');
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

describe('feed hub', () => {
  let up: Upstream;
  let s: Running;
  const health = async (): Promise<SourceHealth[]> =>
    (await request(`${s.url}/api/admin/health`, { headers: admin() })).json.sources;
  const events = async (): Promise<{ id: string; title: string; town?: string; organizerId?: string }[]> =>
    (await request(`${s.url}/api/events.json`)).json.events;

  before(async () => {
    up = await upstream();
    up.json = {
      title: 'Heimatverein',
      associations: [{ id: 'heimatverein-test', name: 'Heimatverein Test e.V.' }],
      events: [{ id: 'heimatfest-2030', title: 'Heimatfest', start: '2030-08-10', organizerId: 'heimatverein-test' }],
    };
    s = await start({
      config: {
        // The test upstream runs on 127.0.0.1, an internal address the hub refuses by default.
        hub: { allowHosts: ['127.0.0.1'] },
        sources: [
          {
            id: 'kirche-ermsleben',
            url: `${up.url}/kirche.ics`,
            name: 'Kirche Ermsleben',
            organizerId: 'kirchengemeinde-ermsleben',
            town: 'Falkenstein/Harz',
            refreshMinutes: 60,
          },
          { url: `${up.url}/verein.json`, town: 'Arnstein', refreshMinutes: 60 },
        ],
      },
    });
  });
  after(async () => {
    await s.stop();
    up.server.close();
  });

  test('serves: upstream events are merged, tagged with organizer and town', async () => {
    await s.server.hub.refreshAll();
    const list = await events();
    const vesper = list.find((e) => e.id === 'kirche-ermsleben:christvesper@kirche-ermsleben.example.org')!;
    assert.equal(vesper.title, 'Christvesper mit Krippenspiel');
    assert.equal(vesper.organizerId, 'kirchengemeinde-ermsleben');
    assert.equal(vesper.town, 'Falkenstein/Harz');
    // Without an id the namespace is derived from the URL.
    const fest = list.find((e) => /^src-[0-9a-f]{10}:heimatfest-2030$/.test(e.id))!;
    assert.equal(fest.town, 'Arnstein');
    assert.equal(fest.organizerId, 'heimatverein-test', 'no organizer configured: the feed’s own stays');
    assert.ok(!JSON.stringify(list).includes(up.url), 'upstream URLs are not published as event sources');
    const associations = (await request(`${s.url}/api/associations.json`)).json.associations;
    assert.ok(associations.some((a: { id: string }) => a.id === 'heimatverein-test'));

    const [church, club] = await health();
    assert.equal(church!.name, 'Kirche Ermsleben');
    assert.equal(church!.id, 'kirche-ermsleben');
    assert.equal(church!.ok, true);
    assert.equal(church!.events, 2);
    assert.equal(church!.lastError, null);
    assert.ok(church!.lastSuccess);
    assert.equal(club!.name, '127.0.0.1:' + new URL(up.url).port);
    assert.equal((await request(`${s.url}/api/health`)).json.status, 'ok');
  });

  test('refreshes are conditional requests; unchanged upstreams keep our ETag', async () => {
    const etag = (await request(`${s.url}/api/events.json`)).headers.etag!;
    const count = up.requests.length;
    await s.server.hub.refreshAll();
    const fresh = up.requests.slice(count);
    assert.equal(fresh.length, 2);
    assert.ok(
      fresh.every((r) => r.conditional),
      'If-None-Match sent',
    );
    assert.equal((await request(`${s.url}/api/events.json`, { headers: { 'If-None-Match': etag } })).status, 304);
  });

  test('fails: the last good data stays and /api/health shows the failure', async () => {
    const lastGood = await events();
    for (const failure of [{ status: 503 }, { garbage: true as const }]) {
      up.ics = failure;
      await s.server.hub.refreshAll();
      assert.deepEqual(await events(), lastGood, 'last good data kept');
      const res = await request(`${s.url}/api/admin/health`, { headers: admin() });
      assert.equal(res.status, 200);
      assert.equal(res.json.status, 'degraded');
      assert.deepEqual((await request(`${s.url}/api/health`)).json, { status: 'degraded' });
      const church = res.json.sources[0] as SourceHealth;
      assert.equal(church.ok, false);
      assert.equal(church.events, 2);
      assert.ok(church.lastSuccess);
      assert.ok(church.lastError);
      if ('status' in failure) {
        assert.equal(church.lastError.status, 503);
        assert.match(church.lastError.message, /503/);
      } else {
        assert.match(church.lastError.message, /could not be read/);
      }
      assert.equal(res.json.sources[1].ok, true, 'the other source is unaffected');
    }
  });

  test('recovers: new upstream data appears and the health is ok again', async () => {
    const etag = (await request(`${s.url}/api/events.json`)).headers.etag!;
    up.ics = { body: ICS.replace('Christvesper mit Krippenspiel', 'Christvesper mit Krippenspiel und Posaunenchor') };
    await s.server.hub.refreshAll();
    const res = await request(`${s.url}/api/events.json`, { headers: { 'If-None-Match': etag } });
    assert.equal(res.status, 200, 'the feed changed');
    assert.ok(res.json.events.some((e: { title: string }) => e.title === 'Christvesper mit Krippenspiel und Posaunenchor'));
    const [church] = await health();
    assert.equal(church!.ok, true);
    assert.equal(church!.lastError, null);
    assert.equal((await request(`${s.url}/api/health`)).json.status, 'ok');
  });
});

describe('feed hub schedule', () => {
  test('a never reachable source is reported; sources refresh on their own interval', async () => {
    const up = await upstream();
    const s = await start({
      config: {
        hub: { allowHosts: ['127.0.0.1'] },
        sources: [
          { url: `${up.url}/kirche.ics`, refreshMinutes: 1 / 60 },
          { url: 'http://127.0.0.1:9/unreachable.ics', refreshMinutes: 60 },
        ],
      },
    });
    try {
      // listen() started the schedule: the first load, then one more after about a second.
      const seen: SourceHealth[] = [];
      for (let i = 0; i < 20 && seen.filter((h) => h.url.endsWith('/kirche.ics')).length < 2; i++) {
        const [health] = (await once(s.server.hub, 'refreshed')) as [SourceHealth];
        seen.push(health);
      }
      assert.ok(seen.filter((h) => h.url.endsWith('/kirche.ics')).length >= 2, 'refreshed again on schedule');
      const res = await request(`${s.url}/api/admin/health`, { headers: admin() });
      const unreachable = res.json.sources[1] as SourceHealth;
      assert.equal(unreachable.ok, false);
      assert.equal(unreachable.lastSuccess, null);
      assert.equal(unreachable.events, 0);
      assert.match(unreachable.lastError!.message, /could not be reached/);
      assert.equal(res.json.status, 'degraded');
      assert.equal((await request(`${s.url}/api/events.json`)).json.events.length, 2);
    } finally {
      await s.stop();
      up.server.close();
    }
  });
});

describe('2: a source can only touch its own events', () => {
  test('overrides from one source never cancel or move the dates of another source or of our own events', async () => {
    const other = await upstream();
    const up = await upstream();
    const s = await start({
      config: {
        seed: true,
        hub: { allowHosts: ['127.0.0.1'] },
        sources: [
          { id: 'kirche', url: `${up.url}/kirche.ics`, refreshMinutes: 60 },
          { id: 'verein', url: `${other.url}/verein.json`, refreshMinutes: 60 },
        ],
      },
    });
    try {
      const window = { start: new Date().toISOString().slice(0, 10), end: '2031-12-31' };
      const occurrences = async (): Promise<Occurrence[]> =>
        expandOccurrences(parseJsonFeed((await request(`${s.url}/api/events.json`)).json).events, window);
      // A scheduled date of our own weekly service, and one of the church source's monthly series.
      const ours = (await occurrences()).find((o) => o.eventId === 'stephani-gottesdienst' && o.status === 'scheduled')!;
      assert.ok(ours, 'the seeded series has a scheduled date');
      await s.server.hub.refreshAll();
      const church = (await occurrences()).find((o) => o.title === 'Gottesdienst mit Abendmahl')!;
      assert.ok(church, 'the church source is merged');
      assert.match(church.eventId, /^kirche:/, 'upstream ids are namespaced by their source');

      // The club's feed now claims both ids with an override that cancels and moves those dates.
      const hostile = (id: string, recurrenceId: string) => ({
        id,
        recurrenceId,
        start: '2031-01-01T03:00',
        title: 'Fällt aus',
        status: 'cancelled',
      });
      other.json = {
        events: [
          hostile('stephani-gottesdienst', ours.recurrenceId.slice(0, 16)),
          hostile(church.eventId, church.recurrenceId.slice(0, 16)),
          hostile('abendmahl@kirche-ermsleben.example.org', church.recurrenceId.slice(0, 16)),
          { id: 'stephani-gottesdienst', title: 'Gekapert', start: ours.start.slice(0, 16) },
        ],
      };
      await s.server.hub.refreshAll();
      const after = await occurrences();
      const same = (o: Occurrence, x: Occurrence): boolean => o.eventId === x.eventId && o.recurrenceId === x.recurrenceId;
      assert.equal(after.find((o) => same(o, ours))?.status, 'scheduled', 'our own date stays');
      assert.equal(after.find((o) => same(o, ours))?.start, ours.start);
      assert.equal(after.find((o) => same(o, church))?.status, 'scheduled', 'the church’s date stays');
      assert.equal(after.find((o) => same(o, church))?.start, church.start);
      assert.ok(!after.some((o) => o.eventId === 'stephani-gottesdienst' && o.title === 'Gekapert'));
      // What the club sent is still published, as the club's own entries.
      const club = after.filter((o) => o.eventId.startsWith('verein:'));
      assert.ok(club.some((o) => o.title === 'Gekapert'));
    } finally {
      await s.stop();
      up.server.close();
      other.server.close();
    }
  });
});
