// Series support (src/core/series.ts) is loaded by the elements only when a feed has a
// series. These tests hold the paths with and without it to the same results as the entry
// points that have it built in (parseJsonFeed, expandOccurrencesReport).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  expandOccurrencesReport,
  expandWith,
  loadSeries,
  needsSeries,
  once,
  parseFeed,
  parseJsonFeed,
  type CalendarEvent,
} from '../../src/core/index.js';
import { readJsonFeed, SeriesNeeded } from '../../src/core/feed/json.js';

const WEEKLY = {
  timeZone: 'Europe/Berlin',
  events: [
    { id: 'probe', title: 'Chorprobe', start: '2026-12-01T19:00', end: '2026-12-01T21:00', rrule: 'FREQ=WEEKLY;COUNT=4' },
    { id: 'markt', title: 'Weihnachtsmarkt', start: '2026-12-05' },
  ],
};
const SINGLE = { events: [{ id: 'markt', title: 'Weihnachtsmarkt', start: '2026-12-05' }] };
const WINDOW = { start: '2026-12-01', end: '2027-01-01', zone: 'Europe/Berlin' };

describe('series support loaded on demand', () => {
  it('reads a feed without series without it, and the same as parseJsonFeed', () => {
    assert.deepEqual(readJsonFeed(JSON.stringify(SINGLE), {}, undefined), parseJsonFeed(JSON.stringify(SINGLE)));
  });

  it('refuses to read an RRULE without it (SeriesNeeded), in events and in meetings', () => {
    assert.throws(() => readJsonFeed(WEEKLY, {}, undefined), SeriesNeeded);
    const meetings = {
      associations: [
        { id: 'chor', name: 'Kirchenchor', meetings: [{ start: '2027-01-06T19:00', rrule: 'FREQ=WEEKLY;BYDAY=WE' }] },
      ],
    };
    assert.throws(() => readJsonFeed(meetings, {}, undefined), SeriesNeeded);
    assert.equal(parseJsonFeed(meetings).associations[0]!.meetings![0]!.rrule, 'FREQ=WEEKLY;BYDAY=WE');
  });

  it('parseFeed loads it for a feed with a series, also when "rrule" is written with escapes', async () => {
    const plain = JSON.stringify(WEEKLY);
    const escaped = plain.replace('"rrule"', '"\\u0072rule"');
    assert.ok(!escaped.includes('rrule'));
    const expected = parseJsonFeed(plain);
    assert.equal(expected.events[0]!.rrule, 'FREQ=WEEKLY;COUNT=4');
    assert.deepEqual(await parseFeed(plain, { contentType: 'application/json' }), expected);
    assert.deepEqual(await parseFeed(escaped, { contentType: 'application/json' }), expected);
  });

  it('parseFeed reads a feed with "rrule" in it like parseJsonFeed also when it is not a JSON object', async () => {
    // The text is parsed once, while series support loads; what is not JSON, an object or an
    // array gets the reader's own message.
    const bodies = [
      '\uFEFF' + JSON.stringify(WEEKLY),
      JSON.stringify(WEEKLY.events),
      '{"events": [{"id": "a", "rrule": "FREQ=WEEKLY"',
      '"rrule"',
      'null // rrule',
      'null',
    ];
    for (const body of bodies) {
      assert.deepEqual(await parseFeed(body, { contentType: 'application/json' }), parseJsonFeed(body), body);
    }
    assert.match((await parseFeed('"rrule"', { contentType: 'application/json' })).errors[0]!.message, /not a JSON object/);
  });

  it('parseFeed parses a JSON text once, with and without a series, also when it is broken', async (t) => {
    const parse = t.mock.method(JSON, 'parse');
    const escaped = JSON.stringify(WEEKLY).replace('"rrule"', '"\\u0072rule"');
    for (const body of [JSON.stringify(WEEKLY), escaped, '{"events": [{"rrule": ', '[{"id": "a"}']) {
      parse.mock.resetCalls();
      await parseFeed(body, { contentType: 'application/json' });
      assert.equal(parse.mock.callCount(), 1, body.slice(0, 40));
    }
  });

  it('expands like expandOccurrencesReport with it, and only first dates (with an error) without it', async () => {
    const events: CalendarEvent[] = parseJsonFeed(WEEKLY).events;
    assert.equal(needsSeries(events), true);
    assert.equal(needsSeries(events.filter((e) => !e.rrule)), false);
    const full = expandOccurrencesReport(events, WINDOW);
    assert.deepEqual(expandWith(events, WINDOW, await loadSeries()), full);
    assert.equal(full.occurrences.filter((o) => o.eventId === 'probe').length, 4);

    const without = expandWith(events, WINDOW, undefined);
    assert.deepEqual(
      without.occurrences.map((o) => o.start),
      ['2026-12-01T19:00:00+01:00', '2026-12-05'],
    );
    assert.equal(without.errors.length, 1);
    assert.equal(without.errors[0]!.eventId, 'probe');
  });
});

describe('once: a lazily loaded module is asked for once, and again after a failure', () => {
  it('gives every caller the same promise, also while it is pending', async () => {
    let calls = 0;
    const load = once(async () => ++calls);
    const [a, b] = [load(), load()];
    assert.equal(a, b);
    assert.equal(await a, 1);
    assert.equal(await load(), 1);
    assert.equal(calls, 1);
    assert.equal(await loadSeries(), await loadSeries());
  });

  it('runs the loader again after it failed, and keeps the first success', async () => {
    let calls = 0;
    const load = once(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return calls;
    });
    await assert.rejects(load(), /offline/);
    assert.equal(await load(), 2);
    assert.equal(await load(), 2);
    assert.equal(calls, 2);
  });
});
