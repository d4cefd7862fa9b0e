/**
 * Views of the served feed (issue 11's windowed feeds, issue 15's subscriptions): a window of
 * days with series expanded, the elements' filters, the same on iCalendar; validators and 304,
 * CORS, German 400s for bad windows, and views that follow a rebuild and survive a worker that
 * lost its state. The data comes from an upstream feed the test serves, so every date is known.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { expandOccurrences, filterOccurrences, parseIcs, parseJsonFeed } from '../../src/core/index.js';
import { renderFeed } from '../../src/server/render.js';
import { Renderer } from '../../src/server/renderer.js';
import { renderView } from '../../src/server/views.js';
import { VIEW_MSG } from '../../src/server/view-query.js';
import { request, start, type Running } from './helpers.js';

const ALLOWED = 'https://www.arnstein.example';

const BASE_EVENTS = [
  {
    id: 'gottesdienst',
    title: 'Gottesdienst',
    start: '2027-03-07T10:00',
    end: '2027-03-07T11:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;BYDAY=SU;COUNT=8',
    town: 'Arnstein',
    categories: ['Kirche'],
    organizerId: 'kirchengemeinde-arnstein',
  },
  {
    id: 'gottesdienst',
    recurrenceId: '2027-03-14T10:00',
    title: 'Gottesdienst',
    start: '2027-03-14T10:00',
    end: '2027-03-14T11:00',
    timeZone: 'Europe/Berlin',
    status: 'cancelled',
    town: 'Arnstein',
    categories: ['Kirche'],
    organizerId: 'kirchengemeinde-arnstein',
  },
  {
    id: 'konzert',
    title: 'Frühlingskonzert',
    start: '2027-03-20T19:30',
    end: '2027-03-20T21:30',
    timeZone: 'Europe/Berlin',
    town: 'Aschersleben',
    categories: ['Musik'],
    free: true,
  },
  {
    id: 'fest',
    title: 'Osterfest am See',
    start: '2027-03-27',
    end: '2027-03-29',
    town: 'Seeland',
    categories: ['Kultur'],
    accessibility: ['rollstuhlgerecht'],
  },
  {
    id: 'orgel',
    title: 'Orgelmusik zur Sommerzeit',
    start: '2027-03-28T17:00',
    end: '2027-03-28T18:00',
    timeZone: 'Europe/Berlin',
    town: 'Arnstein',
    categories: ['Kirche', 'Musik'],
  },
  {
    id: 'april',
    title: 'Andacht im April',
    start: '2027-04-01T09:00',
    timeZone: 'Europe/Berlin',
    town: 'Arnstein',
    categories: ['Kirche'],
  },
  {
    id: 'markt',
    title: 'Bauernmarkt',
    start: '2027-02-27T08:00',
    end: '2027-02-27T12:00',
    timeZone: 'Europe/Berlin',
    town: 'Falkenstein/Harz',
    categories: ['Markt'],
  },
];

const ASSOCIATIONS = [
  { id: 'kirchengemeinde-arnstein', name: 'Ev. Kirchengemeinde Arnstein', town: 'Arnstein', categories: ['Kirche'] },
];

function upstreamBody(extra: object[] = []): string {
  return JSON.stringify({
    timeZone: 'Europe/Berlin',
    title: 'Testregion',
    events: [...BASE_EVENTS, ...extra],
    associations: ASSOCIATIONS,
  });
}

const MARCH = 'start=2027-03-01&end=2027-04-01';

interface WindowEvent {
  id: string;
  start: string;
  recurrenceId?: string;
  status?: string;
  town?: string;
  categories: string[];
}

describe('views of the served feed', () => {
  let s: Running;
  let upstream: Server;
  let body = upstreamBody();

  /** Waits until the served feed's ETag differs from `etag`. */
  async function rebuilt(etag: string | undefined): Promise<string> {
    await s.server.hub.refreshAll();
    for (let i = 0; i < 300; i++) {
      const now = (await request(`${s.url}/api/events.json`, { method: 'HEAD' })).headers.etag!;
      if (now !== etag) return now;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the feed was not rebuilt');
  }

  before(async () => {
    upstream = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/termine.json`;
    s = await start({
      config: {
        cors: { origins: [ALLOWED] },
        hub: { allowHosts: ['127.0.0.1'] },
        sources: [{ id: 'test', url, refreshMinutes: 60 }],
      },
    });
    await rebuilt(undefined);
    const feed = await request(`${s.url}/api/events.json`);
    assert.ok(feed.json.events.length >= BASE_EVENTS.length, 'the upstream feed was read');
  });
  after(async () => {
    await s.stop();
    upstream.close();
  });

  test('without a query (or with unknown parameters only) the whole feed is served byte for byte', async () => {
    const plain = await request(`${s.url}/api/events.json`);
    assert.deepEqual(Object.keys(plain.json), ['timeZone', 'title', 'events', 'associations']);
    const busted = await request(`${s.url}/api/events.json?_=1712345678&foo=bar`);
    assert.equal(busted.text, plain.text);
    assert.equal(busted.headers.etag, plain.headers.etag);
    const ics = await request(`${s.url}/api/events.ics`);
    const icsBusted = await request(`${s.url}/api/events.ics?_=1`);
    assert.equal(icsBusted.text, ics.text);
  });

  test('a window answers the dates in those days, series expanded, end exclusive', async () => {
    const res = await request(`${s.url}/api/events.json?${MARCH}`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^application\/json; charset=utf-8/);
    assert.deepEqual(Object.keys(res.json), ['timeZone', 'title', 'window', 'events', 'associations']);
    assert.deepEqual(res.json.window, { start: '2027-03-01', end: '2027-03-31' });
    assert.equal(res.json.timeZone, 'Europe/Berlin');
    assert.deepEqual(
      res.json.associations.map((a: { id: string }) => a.id),
      ['kirchengemeinde-arnstein'],
    );
    const events = res.json.events as WindowEvent[];
    const got = events.map((e) => `${e.id} ${e.start}`);
    assert.deepEqual(got, [
      'test:gottesdienst 2027-03-07T10:00:00+01:00',
      'test:gottesdienst 2027-03-14T10:00:00+01:00',
      'test:konzert 2027-03-20T19:30:00+01:00',
      'test:gottesdienst 2027-03-21T10:00:00+01:00',
      'test:fest 2027-03-27',
      'test:gottesdienst 2027-03-28T10:00:00+02:00',
      'test:orgel 2027-03-28T17:00:00+02:00',
    ]);
    // Dates of a series carry recurrenceId; single dates do not; the cancelled date says so.
    for (const e of events) assert.equal('recurrenceId' in e, e.id === 'test:gottesdienst', e.id);
    assert.equal(events[1]!.status, 'cancelled');
    assert.equal(events.find((e) => e.id === 'test:fest')!.recurrenceId, undefined);

    // The answer is a feed our reader takes as it is: single dates, nothing expanded twice.
    const parsed = parseJsonFeed(res.json);
    assert.deepEqual(parsed.errors, []);
    const again = expandOccurrences(parsed.events, { start: '2027-03-01', end: '2027-04-01' });
    assert.deepEqual(
      again.map((o) => o.start),
      events.map((e) => e.start),
    );
  });

  test('the window is what the core computes from the whole feed, filters included', async () => {
    const whole = parseJsonFeed((await request(`${s.url}/api/events.json`)).json).events;
    const cases: [string, Record<string, string | boolean>][] = [
      ['town=Arnstein&category=Kirche', { town: 'Arnstein', category: 'Kirche' }],
      ['town=arnstein,%20Seeland', { town: 'arnstein, Seeland' }],
      ['organizer=kirchengemeinde-arnstein', { organizer: 'kirchengemeinde-arnstein' }],
      ['q=sommerzeit', { q: 'sommerzeit' }],
      ['accessible=1', { accessible: true }],
      ['free=true', { free: true }],
      ['accessible=0', {}],
    ];
    for (const [query, filter] of cases) {
      const res = await request(`${s.url}/api/events.json?${MARCH}&${query}`);
      assert.equal(res.status, 200, query);
      const expected = filterOccurrences(expandOccurrences(whole, { start: '2027-03-01', end: '2027-04-01' }), filter);
      assert.deepEqual(
        (res.json.events as WindowEvent[]).map((e) => `${e.id} ${e.start}`),
        expected.map((o) => `${o.eventId} ${o.start}`),
        query,
      );
    }
    const church = (await request(`${s.url}/api/events.json?${MARCH}&town=Arnstein&category=Kirche`)).json
      .events as WindowEvent[];
    assert.equal(church.length, 5);
    assert.ok(church.every((e) => e.town === 'Arnstein' && e.categories.includes('Kirche')));
  });

  test('FullCalendar date-times are read as calendar dates in the feed zone', async () => {
    const byDate = await request(`${s.url}/api/events.json?${MARCH}`);
    for (const query of [
      'start=2027-03-01T00:00:00%2B01:00&end=2027-04-01T00:00:00%2B02:00',
      'start=2027-02-28T23:00:00Z&end=2027-03-31T22:00:00Z',
      'start=2027-03-01T00:00:00&end=2027-04-01T00:00:00',
    ]) {
      const res = await request(`${s.url}/api/events.json?${query}`);
      assert.equal(res.status, 200, query);
      assert.equal(res.text, byDate.text, query);
      assert.equal(res.headers.etag, byDate.headers.etag, query);
    }
    // A client five hours behind: its midnight is 06:00 in Berlin, so the window reaches into
    // the day after and keeps what happens there before the client's month ends.
    const newYork = await request(`${s.url}/api/events.json?start=2027-03-01T00:00:00-05:00&end=2027-04-01T00:00:00-04:00`);
    assert.deepEqual(newYork.json.window, { start: '2027-03-01', end: '2027-04-01' });
    assert.ok((newYork.json.events as WindowEvent[]).some((e) => e.id === 'test:april'));
  });

  test('bad windows and parameters are 400s with German messages', async () => {
    const cases: [string, string][] = [
      ['start=2027-03-01', VIEW_MSG.pair],
      ['end=2027-04-01', VIEW_MSG.pair],
      ['start=2027-03-01&end=2027-03-01', VIEW_MSG.order],
      ['start=2027-04-01&end=2027-03-01', VIEW_MSG.order],
      ['start=2027-01-01&end=2028-02-06', VIEW_MSG.tooLong],
      ['start=2027-02-30&end=2027-03-05', VIEW_MSG.date('start')],
      ['start=2027-03-01&end=morgen', VIEW_MSG.date('end')],
      ['accessible=vielleicht', VIEW_MSG.flag('accessible')],
      ['town=Arnstein&town=Seeland', VIEW_MSG.list('town')],
      [`q=${'a'.repeat(301)}`, VIEW_MSG.long('q')],
    ];
    for (const [query, message] of cases) {
      for (const path of ['/api/events.json', '/api/events.ics']) {
        const res = await request(`${s.url}${path}?${query}`);
        assert.equal(res.status, 400, `${path}?${query}`);
        assert.deepEqual(res.json, { error: message }, `${path}?${query}`);
      }
    }
    assert.match(VIEW_MSG.tooLong, /höchstens 400 Tage/);
    const longest = await request(`${s.url}/api/events.json?start=2027-01-01&end=2028-02-05`);
    assert.equal(longest.status, 200, 'exactly 400 days');
  });

  test('views answer validators, 304 and CORS like the plain feed', async () => {
    const whole = await request(`${s.url}/api/events.json`);
    for (const path of [`/api/events.json?${MARCH}&town=Arnstein`, '/api/events.ics?town=Arnstein&category=Kirche']) {
      const first = await request(`${s.url}${path}`, { headers: { Origin: ALLOWED } });
      assert.equal(first.status, 200, path);
      assert.equal(first.headers['access-control-allow-origin'], ALLOWED);
      assert.match(String(first.headers['access-control-expose-headers']), /ETag/);
      assert.equal(first.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300');
      const etag = first.headers.etag!;
      assert.match(etag, /^"[\w-]{32}"$/);
      assert.notEqual(etag, whole.headers.etag);
      assert.equal(first.headers['last-modified'], whole.headers['last-modified']);
      const byTag = await request(`${s.url}${path}`, { headers: { 'If-None-Match': etag } });
      assert.equal(byTag.status, 304, path);
      assert.equal(byTag.text, '');
      const byDate = await request(`${s.url}${path}`, { headers: { 'If-Modified-Since': first.headers['last-modified']! } });
      assert.equal(byDate.status, 304, path);
      const busted = await request(`${s.url}${path}&_=42`, { headers: { 'If-None-Match': etag } });
      assert.equal(busted.status, 304, 'a cache buster does not change the view');
      const head = await request(`${s.url}${path}`, { method: 'HEAD' });
      assert.equal(head.headers.etag, etag);
    }
    const denied = await request(`${s.url}/api/events.json?${MARCH}`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
  });

  test('a filtered events.ics is valid iCalendar with VTIMEZONE and the UIDs of the whole feed', async () => {
    const res = await request(`${s.url}/api/events.ics?town=Arnstein&category=Kirche`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/calendar; charset=utf-8/);
    const vcalendar = new ICAL.Component(ICAL.parse(res.text));
    assert.deepEqual(
      vcalendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
      ['Europe/Berlin'],
    );
    const vevents = vcalendar.getAllSubcomponents('vevent');
    const uids = new Set(vevents.map((v) => String(v.getFirstPropertyValue('uid'))));
    assert.deepEqual([...uids].sort(), ['test:april', 'test:gottesdienst', 'test:orgel']);
    // The series with its cancelled date: a calendar app sees one series and one exception.
    assert.equal(vevents.filter((v) => v.getFirstPropertyValue('uid') === 'test:gottesdienst').length, 2);

    const ours = parseIcs(res.text);
    assert.deepEqual(ours.errors, []);
    assert.ok(ours.events.every((e) => e.town === 'Arnstein' && e.categories.includes('Kirche')));
    const dates = expandOccurrences(ours.events, { start: '2027-03-01', end: '2027-04-01' });
    assert.equal(dates.length, 5);
    assert.equal(dates.find((o) => o.start.startsWith('2027-03-14'))?.status, 'cancelled');

    // The same event keeps its UID in every view: the whole feed, another filter, a window.
    const whole = parseIcs((await request(`${s.url}/api/events.ics`)).text);
    const wholeUids = new Set(whole.events.map((e) => e.id));
    for (const uid of uids) assert.ok(wholeUids.has(uid), uid);
    const music = parseIcs((await request(`${s.url}/api/events.ics?category=Musik`)).text);
    assert.deepEqual(new Set(music.events.map((e) => e.id)), new Set(['test:konzert', 'test:orgel']));
    const april = parseIcs((await request(`${s.url}/api/events.ics?start=2027-04-01&end=2027-05-01`)).text);
    assert.deepEqual(
      new Set(april.events.map((e) => e.id)),
      new Set(['test:gottesdienst', 'test:april']),
      'a window keeps the events with a date in it, series whole',
    );
  });

  test('one calendar per association and per town at stable URLs; unknown ones are German 404s', async () => {
    const assoc = await request(`${s.url}/api/associations/kirchengemeinde-arnstein/events.ics`, {
      headers: { Origin: ALLOWED },
    });
    assert.equal(assoc.status, 200);
    assert.equal(assoc.headers['access-control-allow-origin'], ALLOWED);
    assert.match(assoc.headers['content-type'] ?? '', /^text\/calendar; charset=utf-8/);
    const vcalendar = new ICAL.Component(ICAL.parse(assoc.text));
    assert.equal(vcalendar.getFirstPropertyValue('x-wr-calname'), 'Termine: Ev. Kirchengemeinde Arnstein');
    assert.equal(vcalendar.getAllSubcomponents('vtimezone').length, 1);
    assert.deepEqual(new Set(parseIcs(assoc.text).events.map((e) => e.id)), new Set(['test:gottesdienst']));
    const again = await request(`${s.url}/api/associations/kirchengemeinde-arnstein/events.ics`, {
      headers: { 'If-None-Match': assoc.headers.etag! },
    });
    assert.equal(again.status, 304);

    const town = await request(`${s.url}/api/towns/falkenstein-harz/events.ics`);
    assert.equal(town.status, 200);
    assert.equal(new ICAL.Component(ICAL.parse(town.text)).getFirstPropertyValue('x-wr-calname'), 'Termine in Falkenstein/Harz');
    assert.deepEqual(
      parseIcs(town.text).events.map((e) => e.id),
      ['test:markt'],
    );
    for (const spelling of ['Falkenstein%2FHarz', 'FALKENSTEIN-HARZ', 'Falkenstein%20Harz']) {
      const res = await request(`${s.url}/api/towns/${spelling}/events.ics`);
      assert.equal(res.status, 200, spelling);
      assert.equal(res.text, town.text, spelling);
    }
    const arnstein = parseIcs((await request(`${s.url}/api/towns/arnstein/events.ics?category=Musik`)).text);
    assert.deepEqual(
      arnstein.events.map((e) => e.id),
      ['test:orgel'],
      'filters narrow a town calendar',
    );

    for (const path of ['/api/associations/gibtsnicht/events.ics', '/api/towns/atlantis/events.ics']) {
      const res = await request(`${s.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.match(res.json.error, /^Diese[nr]? (Verein|Ort) gibt es in diesem Kalender nicht\.$/, path);
    }
    const bad = await request(`${s.url}/api/towns/arnstein/events.ics?start=2027-03-01`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error, VIEW_MSG.pair);
  });

  test('views follow a rebuild: new data, new validators, the same UIDs', async () => {
    const viewUrl = `${s.url}/api/events.json?${MARCH}&town=Arnstein&category=Kirche`;
    const icsUrl = `${s.url}/api/events.ics?town=Arnstein&category=Kirche`;
    const before = await request(viewUrl);
    const icsBefore = await request(icsUrl);
    const wholeEtag = (await request(`${s.url}/api/events.json`)).headers.etag;
    body = upstreamBody([
      {
        id: 'passion',
        title: 'Passionsandacht',
        start: '2027-03-24T18:00',
        timeZone: 'Europe/Berlin',
        town: 'Arnstein',
        categories: ['Kirche'],
      },
    ]);
    await rebuilt(wholeEtag);
    const after = await request(viewUrl, { headers: { 'If-None-Match': before.headers.etag! } });
    assert.equal(after.status, 200, 'the old validator no longer matches');
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.deepEqual(
      (after.json.events as WindowEvent[]).map((e) => e.id).filter((id) => id === 'test:passion'),
      ['test:passion'],
    );
    assert.equal(after.json.events.length, before.json.events.length + 1);
    const icsAfter = await request(icsUrl, { headers: { 'If-None-Match': icsBefore.headers.etag! } });
    assert.equal(icsAfter.status, 200);
    const uidsBefore = new Set(parseIcs(icsBefore.text).events.map((e) => e.id));
    const uidsAfter = new Set(parseIcs(icsAfter.text).events.map((e) => e.id));
    assert.deepEqual(uidsAfter, new Set([...uidsBefore, 'test:passion']), 'the old events keep their UIDs');
  });

  test('a worker that lost the merged feed (restarted) gets it rebuilt; the view is still right', async () => {
    const expected = await request(`${s.url}/api/events.json?${MARCH}&category=Musik`);
    const handle = s.server.feed.current().handle;
    const renderer = new Renderer();
    try {
      await renderer.forget(handle);
    } finally {
      await renderer.close();
    }
    // A view not in the cache yet, so it has to be computed from the lost feed.
    const res = await request(`${s.url}/api/events.json?${MARCH}&category=Musik&town=Aschersleben,Arnstein`);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.json.events.map((e: WindowEvent) => e.id),
      expected.json.events.map((e: WindowEvent) => e.id),
    );
    assert.notEqual(s.server.feed.current().handle, handle, 'built again');
    const whole = await request(`${s.url}/api/events.json`);
    assert.equal(whole.status, 200);
  });
});

test('a filtered window keeps overrides in force: a date moved to another town leaves the first town', () => {
  const series = {
    id: 'chor',
    title: 'Chorprobe',
    start: '2027-05-05T19:00',
    end: '2027-05-05T21:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;COUNT=3',
    town: 'Arnstein',
    categories: ['Musik'],
  };
  const moved = { ...series, rrule: undefined, recurrenceId: '2027-05-12T19:00', start: '2027-05-12T18:00', town: 'Seeland' };
  const { merged } = renderFeed({
    timeZone: 'Europe/Berlin',
    title: 'Test',
    events: [JSON.stringify(series), JSON.stringify(moved)],
    associations: [],
    sources: [],
  });
  const dates = (town: string): string[] => {
    const { body } = renderView(merged, {
      format: 'json',
      query: { start: '2027-05-01', end: '2027-06-01', town },
      options: {},
      lastModified: '2027-01-01T00:00:00.000Z',
    });
    return (JSON.parse(body) as { events: WindowEvent[] }).events.map((e) => `${e.start} ${e.town}`);
  };
  assert.deepEqual(dates('Arnstein'), ['2027-05-05T19:00:00+02:00 Arnstein', '2027-05-19T19:00:00+02:00 Arnstein']);
  assert.deepEqual(dates('Seeland'), ['2027-05-12T18:00:00+02:00 Seeland']);
  // The subscription keeps the series and its override together: the moved date is not shown
  // at its old time, and a calendar app sees one series.
  for (const town of ['Arnstein', 'Seeland']) {
    const ics = renderView(merged, { format: 'ics', query: { town }, options: {}, lastModified: '2027-01-01T00:00:00.000Z' });
    const parsed = parseIcs(ics.body);
    assert.equal(parsed.events.length, 2, town);
    const shown = expandOccurrences(parsed.events, { start: '2027-05-01', end: '2027-06-01' }).map((o) => `${o.start} ${o.town}`);
    assert.deepEqual(
      shown,
      ['2027-05-05T19:00:00+02:00 Arnstein', '2027-05-12T18:00:00+02:00 Seeland', '2027-05-19T19:00:00+02:00 Arnstein'],
      town,
    );
  }
});

test('the window index answers exactly what expanding every event answers, at the edges and across zones', () => {
  const events: object[] = [];
  const zones = ['Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', undefined];
  for (let i = 0; i < 400; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    const hour = String((i * 5) % 24).padStart(2, '0');
    const zone = zones[i % zones.length];
    const base = { id: `e${i}`, title: `Termin ${i}`, town: i % 2 ? 'Arnstein' : 'Seeland', categories: [] };
    if (i % 9 === 0)
      events.push({
        ...base,
        start: `2027-${month}-${day}`,
        end: `2027-${month}-${String(Math.min(28, Number(day) + 3)).padStart(2, '0')}`,
      });
    else if (i % 9 === 1) events.push({ ...base, start: `2027-${month}-${day}` });
    else if (i % 9 === 2)
      events.push({ ...base, start: `2027-${month}-${day}T${hour}:00`, duration: 'P2DT3H', ...(zone ? { timeZone: zone } : {}) });
    else if (i % 9 === 3) events.push({ ...base, start: `2027-${month}-${day}T${hour}:30:00Z` });
    else if (i % 9 === 4)
      events.push({
        ...base,
        start: `2027-${month}-${day}T${hour}:00`,
        rrule: 'FREQ=MONTHLY;COUNT=3',
        ...(zone ? { timeZone: zone } : {}),
      });
    else
      events.push({
        ...base,
        start: `2027-${month}-${day}T${hour}:00`,
        end: `2027-${month}-${day}T23:59`,
        ...(zone ? { timeZone: zone } : {}),
      });
  }
  events.push({
    id: 'ausstellung',
    title: 'Ausstellung',
    start: '2026-11-01',
    end: '2027-10-01',
    town: 'Arnstein',
    categories: [],
  });
  const { merged } = renderFeed({
    timeZone: 'Europe/Berlin',
    title: 'Test',
    events: events.map((e) => JSON.stringify(e)),
    associations: [],
    sources: [],
  });
  let compared = 0;
  for (const [start, end] of [
    ['2027-01-01', '2027-01-02'],
    ['2027-03-28', '2027-03-29'],
    ['2027-02-27', '2027-03-06'],
    ['2027-06-01', '2027-07-01'],
    ['2026-12-31', '2027-01-01'],
    ['2027-10-31', '2027-11-01'],
    ['2027-01-01', '2028-01-01'],
  ] as const) {
    for (const town of [undefined, 'Arnstein']) {
      const { body } = renderView(merged, {
        format: 'json',
        query: { start, end, ...(town ? { town } : {}) },
        options: {},
        lastModified: '2027-01-01T00:00:00.000Z',
      });
      const got = (JSON.parse(body) as { events: WindowEvent[] }).events.map((e) => `${e.id} ${e.start}`);
      const expected = filterOccurrences(expandOccurrences(merged.events, { start, end, zone: 'Europe/Berlin' }), { town }).map(
        (o) => `${o.eventId} ${o.start}`,
      );
      assert.deepEqual(got, expected, `${start}..${end} ${town ?? ''}`);
      compared += got.length;
    }
  }
  assert.ok(compared > 400, `${compared} dates compared`);
});
