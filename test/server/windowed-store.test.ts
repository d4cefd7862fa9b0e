/**
 * Windowed feeds end to end (issue 11): the elements' FeedStore against the real server. For
 * each window an element shows, the occurrences read from the server's windowed answer must
 * be the ones the client expands from the whole feed: same dates, keys, recurrenceIds and
 * fields, over both DST changes, with moved, cancelled and excluded dates of series, all-day
 * and multi-day events, another zone, and the page's filters.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  addDaysIso,
  expandOccurrences,
  FeedStore,
  filterOccurrences,
  monthGrid,
  type FeedView,
  type Occurrence,
} from '../../src/core/index.js';
import { request, start, type Running } from './helpers.js';

const EVENTS = [
  {
    // Weekly across the start of summer time (2027-03-28), one date moved, one cancelled, one excluded.
    id: 'gottesdienst',
    title: 'Gottesdienst',
    start: '2027-03-07T10:00',
    end: '2027-03-07T11:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;BYDAY=SU;UNTIL=20271231T000000Z',
    exdates: ['2027-04-11T10:00'],
    town: 'Arnstein',
    categories: ['Kirche'],
    organizerId: 'kirche-arnstein',
  },
  {
    id: 'gottesdienst',
    recurrenceId: '2027-03-21T10:00',
    title: 'Gottesdienst (verlegt)',
    start: '2027-03-22T18:00',
    end: '2027-03-22T19:00',
    timeZone: 'Europe/Berlin',
    town: 'Arnstein',
    categories: ['Kirche'],
  },
  {
    id: 'gottesdienst',
    recurrenceId: '2027-10-31T10:00',
    title: 'Gottesdienst',
    start: '2027-10-31T10:00',
    end: '2027-10-31T11:00',
    timeZone: 'Europe/Berlin',
    status: 'cancelled',
    town: 'Arnstein',
    categories: ['Kirche'],
  },
  {
    // Daily at night across the end of summer time (2027-10-31), 02:30 exists twice, then once.
    id: 'nachtwache',
    title: 'Nachtwache',
    start: '2027-10-25T02:30',
    end: '2027-10-25T03:30',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=DAILY;COUNT=12',
    town: 'Seeland',
    categories: ['Kultur'],
  },
  {
    id: 'stammtisch',
    title: 'Stammtisch',
    start: '2027-01-06T19:00',
    duration: 'PT2H',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=MONTHLY;BYDAY=1WE',
    town: 'Aschersleben',
    categories: ['Kultur'],
    free: true,
  },
  {
    // All-day, over a window's edge.
    id: 'fest',
    title: 'Osterfest am See',
    start: '2027-03-27',
    end: '2027-04-03',
    town: 'Seeland',
    categories: ['Kultur'],
    accessibility: ['rollstuhlgerecht'],
  },
  {
    id: 'lesung',
    title: 'Lesung aus New York',
    start: '2027-03-12T20:00',
    end: '2027-03-12T21:00',
    timeZone: 'America/New_York',
    town: 'Aschersleben',
    categories: ['Kultur'],
    description: 'Live übertragen',
  },
  {
    // Early on the day after the March grid in Berlin: still the grid's last day in New York.
    id: 'fruehschicht',
    title: 'Frühschicht',
    start: '2027-04-05T03:00',
    end: '2027-04-05T04:00',
    timeZone: 'Europe/Berlin',
    town: 'Seeland',
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

const ASSOCIATIONS = [{ id: 'kirche-arnstein', name: 'Ev. Kirchengemeinde Arnstein', town: 'Arnstein', categories: ['Kirche'] }];

/** The grid's six weeks of a month: `end` exclusive. */
function gridWindow(month: string): { start: string; end: string } {
  const weeks = monthGrid(month);
  return { start: weeks[0]![0]!, end: addDaysIso(weeks[weeks.length - 1]![6]!, 1) };
}

/** What the feed controller does with a store answer: expand in the element's days and zone, then filter. */
function shown(events: Parameters<typeof expandOccurrences>[0], w: { start: string; end: string }, zone: string, filter = {}) {
  return filterOccurrences(expandOccurrences(events, { ...w, zone }), filter);
}

function comparable(list: Occurrence[]): Occurrence[] {
  return list.map((o) => ({ ...o }));
}

describe('windowed feeds: the FeedStore against the real server', () => {
  let s: Running;
  let upstream: Server;
  let feedUrl: string;

  before(async () => {
    const body = JSON.stringify({ timeZone: 'Europe/Berlin', title: 'Testregion', events: EVENTS, associations: ASSOCIATIONS });
    upstream = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    s = await start({
      config: {
        hub: { allowHosts: ['127.0.0.1'] },
        sources: [{ id: 'test', url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/t.json`, refreshMinutes: 60 }],
      },
    });
    await s.server.hub.refreshAll();
    feedUrl = `${s.url}/api/events.json`;
    for (let i = 0; i < 300; i++) {
      if ((await request(feedUrl)).json?.events?.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    await s.stop();
    upstream.close();
  });

  /** A store that records what it asked. */
  function recordingStore(): { store: FeedStore; asked: string[] } {
    const asked: string[] = [];
    const store = new FeedStore({
      fetch: (input, init) => {
        asked.push(String(input));
        return fetch(input, init);
      },
    });
    return { store, asked };
  }

  const CASES: { name: string; window: { start: string; end: string }; zone?: string; filters?: FeedView['filters'] }[] = [
    { name: 'the grid in March 2027 (summer time begins, a moved date)', window: gridWindow('2027-03') },
    { name: 'the grid in October 2027 (summer time ends, 02:30 twice)', window: gridWindow('2027-10') },
    { name: 'a list of three months', window: { start: '2027-02-15', end: '2027-05-18' } },
    {
      name: 'a list with the page’s filters',
      window: { start: '2027-09-20', end: '2027-11-15' },
      filters: { town: 'Arnstein,Seeland', category: 'kirche, kultur' },
    },
    { name: 'free and accessible dates', window: { start: '2027-01-01', end: '2027-03-31' }, filters: { free: true } },
    { name: 'search', window: gridWindow('2027-03'), filters: { q: 'new york', accessible: false } },
    {
      name: 'the grid in another display zone (the element’s time-zone)',
      window: gridWindow('2027-03'),
      zone: 'America/New_York',
    },
  ];

  for (const c of CASES) {
    test(c.name, async () => {
      const zone = c.zone ?? 'Europe/Berlin';
      const filter = { ...c.filters };
      const full = await new FeedStore().load(feedUrl);
      assert.equal(full.result!.window, undefined);
      const expected = shown(full.result!.events, c.window, zone, filter);
      assert.ok(expected.length > 0 || c.filters, 'the case shows something');

      const { store, asked } = recordingStore();
      const pad = c.zone ? 2 : 0; // as the feed controller asks with a time-zone of its own
      const view: FeedView = { start: addDaysIso(c.window.start, -pad), end: addDaysIso(c.window.end, pad), filters: filter };
      const windowed = await store.load(feedUrl, { view });
      assert.equal(store.mode(feedUrl), 'windowed');
      assert.equal(asked.length, 1);
      assert.match(asked[0]!, /\?start=\d{4}-\d{2}-\d{2}&end=/);
      assert.deepEqual(windowed.result!.errors, []);
      assert.ok(windowed.result!.events.length <= full.result!.events.length * 60);
      const got = shown(windowed.result!.events, c.window, zone, filter);
      assert.deepEqual(comparable(got), comparable(expected));
    });
  }

  test('a range over three months (the list’s default year) loads the whole feed', async () => {
    const { store, asked } = recordingStore();
    const year = { start: '2027-01-01', end: '2028-01-01' };
    const snapshot = await store.load(feedUrl, { view: year });
    assert.deepEqual(asked, [feedUrl]);
    assert.equal(snapshot.result!.window, undefined);
    const full = await new FeedStore().load(feedUrl);
    assert.deepEqual(shown(snapshot.result!.events, year, 'Europe/Berlin'), shown(full.result!.events, year, 'Europe/Berlin'));
  });

  test('keys of moved and cancelled series dates are the series’ own', async () => {
    const { store } = recordingStore();
    const w = gridWindow('2027-03');
    const windowed = await store.load(feedUrl, { view: w });
    const moved = shown(windowed.result!.events, w, 'Europe/Berlin').find((o) => o.title === 'Gottesdienst (verlegt)')!;
    assert.equal(moved.key, 'test:gottesdienst/2027-03-21T09:00:00Z');
    assert.equal(moved.recurrenceId, '2027-03-21T10:00:00+01:00');
    assert.equal(moved.start, '2027-03-22T18:00:00+01:00');
  });

  test('one request per window and filters; the same window again is served from the store', async () => {
    const { store, asked } = recordingStore();
    const march = gridWindow('2027-03');
    await Promise.all([store.load(feedUrl, { view: march }), store.load(feedUrl, { view: march })]);
    await store.load(feedUrl, { view: gridWindow('2027-04') });
    await store.load(feedUrl, { view: march });
    assert.equal(asked.length, 2);
    const again = await store.load(feedUrl, { view: march, force: true });
    assert.equal(asked.length, 3);
    assert.equal(again.result!.events.length > 0, true, 'a 304 keeps the window’s data');
  });
});
