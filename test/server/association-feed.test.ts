/**
 * An association's own calendar (issue 14, "living association profiles"): its standing
 * meetings are real series in `/api/associations/:id/events.ics` and `.json`, beside its events,
 * with stable UIDs and wall times in the zone across a DST change; the regional feed and its
 * views do not have them. The data comes from an upstream feed the test serves.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { expandOccurrences, parseIcs, parseJsonFeed } from '../../src/core/index.js';
import { request, start, type Running } from './helpers.js';

const BODY = JSON.stringify({
  timeZone: 'Europe/Berlin',
  title: 'Testregion',
  events: [
    {
      id: 'konzert',
      title: 'Frühlingskonzert',
      start: '2027-03-20T19:30',
      end: '2027-03-20T21:30',
      timeZone: 'Europe/Berlin',
      town: 'Arnstein',
      categories: ['Musik'],
      organizerId: 'chor-arnstein',
    },
    {
      id: 'markt',
      title: 'Bauernmarkt',
      start: '2027-03-13T08:00',
      timeZone: 'Europe/Berlin',
      town: 'Arnstein',
      categories: ['Markt'],
    },
  ],
  associations: [
    {
      id: 'chor-arnstein',
      name: 'Chor Arnstein',
      town: 'Arnstein',
      categories: ['Musik'],
      meetings: [
        // Weekly on Wednesdays, across the change to summer time on 28 March 2027.
        {
          title: 'Chorprobe',
          start: '2027-03-03T19:00',
          end: '2027-03-03T21:00',
          rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=8',
          place: 'Bürgerhaus',
        },
        // "jeden letzten Freitag im Monat", in a zone of its own.
        {
          title: 'Vorstand',
          start: '2027-01-29T18:00',
          end: '2027-01-29T19:00',
          rrule: 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=6',
          timeZone: 'Europe/London',
        },
      ],
    },
  ],
});

/** An occurrence's start as a UTC instant (`…Z`). */
const utc = (o: { start: string }): string => new Date(Date.parse(o.start)).toISOString().replace('.000Z', 'Z');

const MEETING_UIDS = ['chor-arnstein/meeting-1', 'chor-arnstein/meeting-2'];

describe("an association's calendar has its standing meetings", () => {
  let s: Running;
  let upstream: Server;

  before(async () => {
    upstream = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(BODY));
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/termine.json`;
    s = await start({ config: { hub: { allowHosts: ['127.0.0.1'] }, sources: [{ id: 'test', url, refreshMinutes: 60 }] } });
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

  test('iCalendar: one series per meeting, stable UIDs, in its zone across DST; ical.js and our reader agree', async () => {
    const res = await request(`${s.url}/api/associations/chor-arnstein/events.ics`);
    assert.equal(res.status, 200);
    const ours = parseIcs(res.text);
    assert.deepEqual(ours.errors, []);
    assert.deepEqual(ours.events.map((e) => e.id).sort(), ['test:konzert', ...MEETING_UIDS].sort());
    const chor = ours.events.find((e) => e.id === MEETING_UIDS[0])!;
    assert.equal(chor.title, 'Chorprobe – Chor Arnstein');
    assert.equal(chor.timeZone, 'Europe/Berlin');
    assert.equal(chor.rrule, 'FREQ=WEEKLY;BYDAY=WE;COUNT=8');
    assert.equal(chor.location?.name, 'Bürgerhaus');
    assert.equal(chor.organizerId, 'chor-arnstein');
    assert.match(res.text, /\r\nDTSTART;TZID=Europe\/Berlin:20270303T190000\r\n/);
    assert.match(res.text, /\r\nDTSTART;TZID=Europe\/London:20270129T180000\r\n/);

    // 19:00 in Berlin is 18:00 UTC in winter and 17:00 UTC from 28 March on.
    const window = { start: '2027-01-01', end: '2027-12-31', zone: 'UTC' };
    const mine = expandOccurrences(
      ours.events.filter((e) => e.id === MEETING_UIDS[0]),
      window,
    ).map(utc);
    assert.deepEqual(mine, [
      '2027-03-03T18:00:00Z',
      '2027-03-10T18:00:00Z',
      '2027-03-17T18:00:00Z',
      '2027-03-24T18:00:00Z',
      '2027-03-31T17:00:00Z',
      '2027-04-07T17:00:00Z',
      '2027-04-14T17:00:00Z',
      '2027-04-21T17:00:00Z',
    ]);

    const root = new ICAL.Component(ICAL.parse(res.text));
    for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(vtimezone);
    }
    for (const uid of MEETING_UIDS) {
      const component = root.getAllSubcomponents('vevent').find((c) => c.getFirstPropertyValue('uid') === uid)!;
      const iterator = new ICAL.Event(component).iterator();
      const theirs: string[] = [];
      for (let next = iterator.next(); next; next = iterator.next()) {
        theirs.push(new Date(next.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z'));
      }
      const expected = expandOccurrences(
        ours.events.filter((e) => e.id === uid),
        window,
      ).map(utc);
      assert.equal(theirs.length, uid === MEETING_UIDS[0] ? 8 : 6);
      assert.deepEqual(theirs, expected, uid);
    }
    // The last Friday of March 2027 is the 26th; London changes to summer time on the 28th.
    const vorstand = expandOccurrences(
      ours.events.filter((e) => e.id === MEETING_UIDS[1]),
      window,
    ).map(utc);
    assert.deepEqual(vorstand.slice(2, 4), ['2027-03-26T18:00:00Z', '2027-04-30T17:00:00Z']);

    // The same UIDs on the next request and in a window (a calendar app updates, not duplicates).
    const april = parseIcs(
      (await request(`${s.url}/api/associations/chor-arnstein/events.ics?start=2027-04-01&end=2027-05-01`)).text,
    );
    assert.deepEqual(april.events.map((e) => e.id).sort(), MEETING_UIDS);
  });

  test('JSON: the whole calendar has the series, a window their dates', async () => {
    const whole = await request(`${s.url}/api/associations/chor-arnstein/events.json`);
    assert.equal(whole.status, 200);
    assert.match(whole.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(whole.json.title, 'Termine: Chor Arnstein');
    const feed = parseJsonFeed(whole.json);
    assert.deepEqual(feed.errors, []);
    assert.deepEqual(feed.events.map((e) => e.id).sort(), ['test:konzert', ...MEETING_UIDS].sort());

    const march = await request(`${s.url}/api/associations/chor-arnstein/events.json?start=2027-03-22&end=2027-04-01`);
    assert.deepEqual(
      march.json.events.map((e: { id: string; start: string }) => `${e.id} ${e.start}`),
      [
        // In the feed's zone: the London meeting at 18:00 GMT is 19:00 in Berlin.
        'chor-arnstein/meeting-1 2027-03-24T19:00:00+01:00',
        'chor-arnstein/meeting-2 2027-03-26T19:00:00+01:00',
        'chor-arnstein/meeting-1 2027-03-31T19:00:00+02:00',
      ],
    );
    const again = await request(`${s.url}/api/associations/chor-arnstein/events.json`, {
      headers: { 'If-None-Match': whole.headers.etag! },
    });
    assert.equal(again.status, 304);
    const unknown = await request(`${s.url}/api/associations/gibtsnicht/events.json`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error, 'Diesen Verein gibt es in diesem Kalender nicht.');
  });

  test('the regional feed and its views do not have the meetings', async () => {
    for (const path of [
      '/api/events.json',
      '/api/events.ics',
      '/api/events.json?start=2027-03-01&end=2027-04-01',
      '/api/events.ics?organizer=chor-arnstein',
      '/api/towns/arnstein/events.ics',
      '/api/events.rss?start=2027-03-01&end=2027-04-01',
      '/api/events.jsonld?start=2027-03-01&end=2027-04-01',
    ]) {
      const res = await request(`${s.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.ok(res.text.includes('Frühlingskonzert'), path);
      // The JSON feeds carry the association's profile (with its meetings) beside the events.
      const events = res.json?.events ? JSON.stringify(res.json.events) : res.text;
      assert.ok(!events.includes('meeting-'), path);
      assert.ok(!events.includes('Chorprobe'), path);
    }
  });
});
