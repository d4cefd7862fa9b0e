/**
 * Editing one date of a series: "nur dieser Termin", "dieser und alle folgenden", "alle
 * Termine". Each result is written with our iCalendar writer and read back by our reader and
 * by ical.js: the same dates, across the change to summer time in Europe/Berlin.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import {
  editSeries,
  eventsToIcs,
  expandOccurrences,
  parseIcs,
  parseJsonFeed,
  type CalendarEvent,
  type SeriesEditResult,
} from '../../src/core/index.js';

const NOW = new Date(Date.UTC(2027, 0, 15, 8, 0, 0));
const WINDOW = { start: '2027-01-01', end: '2028-01-01', zone: 'Europe/Berlin' };

function ev(fields: Partial<CalendarEvent> & Pick<CalendarEvent, 'id' | 'start'>): CalendarEvent {
  return {
    title: 'Chorprobe',
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
    ...fields,
  };
}

/** Wednesdays 19:00–21:00 from 03.03.2027, eight dates: summer time begins on 28.03. */
const WEEKLY = ev({ id: 'chor', start: '2027-03-03T19:00:00', end: '2027-03-03T21:00:00', rrule: 'FREQ=WEEKLY;COUNT=8' });
const WEDNESDAYS = ['03', '10', '17', '24', '31'].map((d) => `2027-03-${d}`).concat(['2027-04-07', '2027-04-14', '2027-04-21']);
const offset = (date: string): string => (date < '2027-03-28' ? '+01:00' : '+02:00');
const at = (date: string, time: string): string => `${date}T${time}:00${offset(date)}`;

function ok(result: SeriesEditResult): Extract<SeriesEditResult, { ok: true }> {
  assert.ok(result.ok, `edit failed: ${result.ok ? '' : result.error}`);
  return result;
}

/** Starts and statuses of every date, as our expansion shows them. */
function dates(events: CalendarEvent[]): string[] {
  return expandOccurrences(events, WINDOW).map((o) => `${o.start} ${o.status}${o.eventId === 'chor' ? '' : ` ${o.eventId}`}`);
}

/** The instants ical.js makes of the same calendar (overrides applied, EXDATEs left out), with STATUS. */
function icalDates(text: string): { ms: number; status: string }[] {
  const root = new ICAL.Component(ICAL.parse(text));
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component, { strictExceptions: true, exceptions: [] });
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  for (const exception of exceptions) masters.get(exception.uid)!.relateException(exception);
  const out: { ms: number; status: string }[] = [];
  for (const master of masters.values()) {
    const iterator = master.iterator();
    for (let next = iterator.next(), guard = 0; next && guard < 1000; next = iterator.next(), guard++) {
      const details = master.getOccurrenceDetails(next as ICAL.Time);
      const status = String(details.item.component.getFirstPropertyValue('status') ?? 'CONFIRMED');
      out.push({ ms: details.startDate.toUnixTime() * 1000, status });
    }
  }
  return out.sort((a, b) => a.ms - b.ms);
}

/** Writes, reads back with our reader and ical.js, and checks that all three agree. */
function roundTrip(events: CalendarEvent[]): string[] {
  const text = eventsToIcs(events, { now: NOW });
  const back = parseIcs(text);
  assert.deepEqual(back.errors, []);
  const ours = dates(events);
  assert.deepEqual(dates(back.events), ours, 'our reader reads the export back with the same dates');
  const mine = expandOccurrences(back.events, WINDOW).map((o) => ({
    ms: Date.parse(o.start),
    status: o.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  }));
  assert.deepEqual(icalDates(text), mine, 'ical.js reads the same dates');
  return ours;
}

describe('editing one date of a series', () => {
  test('the series as it is: eight Wednesdays at 19:00 wall time across the DST change', () => {
    assert.deepEqual(
      roundTrip([WEEKLY]),
      WEDNESDAYS.map((d) => `${at(d, '19:00')} scheduled`),
    );
  });

  test('nur dieser Termin: cancelled with a note (an override), the others unchanged', () => {
    const r = ok(
      editSeries([WEEKLY], {
        occurrence: at('2027-03-31', '19:00'),
        scope: 'this',
        change: { status: 'cancelled', statusNote: 'wegen Unwetter' },
      }),
    );
    assert.deepEqual(r.created, []);
    const override = r.events.find((e) => e.recurrenceId)!;
    assert.equal(override.recurrenceId, '2027-03-31T19:00:00');
    assert.equal(override.start, '2027-03-31T19:00:00');
    assert.equal(override.end, '2027-03-31T21:00:00');
    assert.equal(override.statusNote, 'wegen Unwetter');
    assert.deepEqual(
      roundTrip(r.events),
      WEDNESDAYS.map((d) => `${at(d, '19:00')} ${d === '2027-03-31' ? 'cancelled' : 'scheduled'}`),
    );
  });

  test('nur dieser Termin: removed (an EXDATE); moved to the Thursday (an override); both again on one date', () => {
    const removed = ok(editSeries([WEEKLY], { occurrence: '2027-03-24T19:00:00', scope: 'this', change: 'delete' }));
    assert.deepEqual(removed.events[0]!.exdates, ['2027-03-24T19:00:00']);
    assert.deepEqual(
      roundTrip(removed.events),
      WEDNESDAYS.filter((d) => d !== '2027-03-24').map((d) => `${at(d, '19:00')} scheduled`),
    );
    const moved = ok(
      editSeries(removed.events, {
        occurrence: at('2027-04-07', '19:00'),
        scope: 'this',
        change: { start: '2027-04-08T18:00:00', status: 'rescheduled' },
      }),
    );
    const override = moved.events.find((e) => e.recurrenceId)!;
    assert.deepEqual([override.start, override.end], ['2027-04-08T18:00:00', '2027-04-08T20:00:00']);
    const expected = WEDNESDAYS.filter((d) => d !== '2027-03-24').map((d) =>
      d === '2027-04-07' ? `${at('2027-04-08', '18:00')} rescheduled` : `${at(d, '19:00')} scheduled`,
    );
    assert.deepEqual(roundTrip(moved.events), expected);
    const occurrence = expandOccurrences(moved.events, WINDOW).find((o) => o.status === 'rescheduled')!;
    assert.equal(occurrence.previousStart, at('2027-04-07', '19:00'));
    // The same date edited again: its override changes, no second one appears.
    const again = ok(
      editSeries(moved.events, { occurrence: '2027-04-07T19:00:00', scope: 'this', change: { statusNote: 'im Pfarrhaus' } }),
    );
    assert.equal(again.events.filter((e) => e.recurrenceId).length, 1);
    assert.equal(again.events.find((e) => e.recurrenceId)!.start, '2027-04-08T18:00:00');
  });

  test('dieser und alle folgenden (COUNT): the old series counts four, the new one (18:00, new id) the other four', () => {
    const withOverrides = [
      WEEKLY,
      ev({ id: 'chor', recurrenceId: '2027-03-10T19:00:00', start: '2027-03-10T19:00:00', status: 'cancelled' }),
      ev({
        id: 'chor',
        recurrenceId: '2027-04-14T19:00:00',
        start: '2027-04-14T19:00:00',
        end: '2027-04-14T21:00:00',
        status: 'cancelled',
      }),
    ];
    const r = ok(
      editSeries(withOverrides, {
        occurrence: at('2027-03-31', '19:00'),
        scope: 'following',
        change: { start: '2027-03-31T18:00:00', title: 'Chorprobe (neue Zeit)' },
        newId: 'chor-2',
      }),
    );
    const old = r.events.find((e) => !e.recurrenceId)!;
    assert.equal(old.rrule, 'FREQ=WEEKLY;COUNT=4');
    assert.deepEqual(
      r.events.filter((e) => e.recurrenceId).map((e) => e.recurrenceId),
      ['2027-03-10T19:00:00'],
    );
    const master = r.created.find((e) => !e.recurrenceId)!;
    assert.deepEqual(
      [master.id, master.start, master.end, master.rrule],
      ['chor-2', '2027-03-31T18:00:00', '2027-03-31T20:00:00', 'FREQ=WEEKLY;COUNT=4'],
    );
    // The cancelled 14.04. moved with its series: still cancelled, now at 18:00.
    const carried = r.created.find((e) => e.recurrenceId)!;
    assert.deepEqual(
      [carried.id, carried.recurrenceId, carried.start, carried.status],
      ['chor-2', '2027-04-14T18:00:00', '2027-04-14T18:00:00', 'cancelled'],
    );
    assert.deepEqual(r.dropped, []);
    const expected = WEDNESDAYS.map((d) => {
      const late = d >= '2027-03-31';
      const status = d === '2027-03-10' || d === '2027-04-14' ? 'cancelled' : 'scheduled';
      return `${at(d, late ? '18:00' : '19:00')} ${status}${late ? ' chor-2' : ''}`;
    });
    assert.deepEqual(roundTrip([...r.events, ...r.created]), expected);
  });

  test('dieser und alle folgenden (UNTIL): the old rule ends one second before the date, in UTC', () => {
    const series = {
      ...WEEKLY,
      rrule: 'FREQ=WEEKLY;UNTIL=20270421T170000Z',
      exdates: ['2027-03-17T19:00:00', '2027-04-14T19:00:00'],
    };
    const r = ok(editSeries([series], { occurrence: '2027-03-31T19:00:00', scope: 'following', change: {}, newId: 'chor-b' }));
    const old = r.events[0]!;
    assert.equal(old.rrule, 'FREQ=WEEKLY;UNTIL=20270331T165959Z');
    assert.deepEqual(old.exdates, ['2027-03-17T19:00:00']);
    assert.deepEqual(r.created[0]!.exdates, ['2027-04-14T19:00:00']);
    assert.equal(r.created[0]!.rrule, 'FREQ=WEEKLY;UNTIL=20270421T170000Z');
    const expected = WEDNESDAYS.filter((d) => d !== '2027-03-17' && d !== '2027-04-14').map(
      (d) => `${at(d, '19:00')} scheduled${d >= '2027-03-31' ? ' chor-b' : ''}`,
    );
    assert.deepEqual(roundTrip([...r.events, ...r.created]), expected);
  });

  test('dieser und alle folgenden on an all-day monthly series ("jeden 1. Samstag"): UNTIL is a date', () => {
    const market = ev({
      id: 'markt',
      title: 'Bauernmarkt',
      start: '2027-01-02',
      allDay: true,
      rrule: 'FREQ=MONTHLY;BYDAY=1SA;UNTIL=20270605',
    });
    delete market.timeZone;
    const r = ok(
      editSeries([market], {
        occurrence: '2027-04-03',
        scope: 'following',
        change: { title: 'Bauernmarkt am Markt' },
        newId: 'markt-2',
      }),
    );
    assert.equal(r.events[0]!.rrule, 'FREQ=MONTHLY;BYDAY=1SA;UNTIL=20270402');
    assert.equal(r.created[0]!.title, 'Bauernmarkt am Markt');
    assert.deepEqual(
      roundTrip([...r.events, ...r.created]).map((d) => d.split(' ')[0]),
      ['2027-01-02', '2027-02-06', '2027-03-06', '2027-04-03', '2027-05-01', '2027-06-05'],
    );
  });

  test('a split at the first date changes the whole series (no empty old series)', () => {
    const r = ok(
      editSeries([WEEKLY], { occurrence: '2027-03-03T19:00:00', scope: 'following', change: { title: 'Neu' }, newId: 'x' }),
    );
    assert.deepEqual(r.created, []);
    assert.equal(r.events[0]!.title, 'Neu');
    assert.equal(r.events[0]!.id, 'chor');
  });

  test('alle Termine: 20:00 instead of 19:00; overrides that still fall on a date move along, others are dropped', () => {
    const entries = [
      WEEKLY,
      ev({
        id: 'chor',
        recurrenceId: '2027-03-17T19:00:00',
        start: '2027-03-17T19:00:00',
        status: 'cancelled',
        statusNote: 'Ferien',
      }),
      ev({ id: 'chor', recurrenceId: '2027-04-07T19:00:00', start: '2027-04-08T18:00:00', status: 'rescheduled' }),
    ];
    const r = ok(
      editSeries(entries, { occurrence: at('2027-03-24', '19:00'), scope: 'all', change: { start: '2027-03-24T20:00:00' } }),
    );
    assert.equal(r.events[0]!.start, '2027-03-03T20:00:00');
    assert.equal(r.events[0]!.end, '2027-03-03T22:00:00');
    assert.deepEqual(
      r.events.slice(1).map((e) => [e.recurrenceId, e.start, e.status]),
      [
        ['2027-03-17T20:00:00', '2027-03-17T20:00:00', 'cancelled'],
        ['2027-04-07T20:00:00', '2027-04-08T18:00:00', 'rescheduled'],
      ],
    );
    const expected = WEDNESDAYS.map((d) =>
      d === '2027-04-07'
        ? `${at('2027-04-08', '18:00')} rescheduled`
        : `${at(d, '20:00')} ${d === '2027-03-17' ? 'cancelled' : 'scheduled'}`,
    );
    assert.deepEqual(roundTrip(r.events), expected);

    // A new rule on Thursdays: the Wednesday overrides fall on no date any more.
    const thursdays = ok(
      editSeries(entries, {
        occurrence: '2027-03-03T19:00:00',
        scope: 'all',
        change: { start: '2027-03-04T19:00:00', rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=8' },
      }),
    );
    assert.deepEqual(thursdays.dropped, []);
    assert.deepEqual(
      thursdays.events.slice(1).map((e) => e.recurrenceId),
      ['2027-03-18T19:00:00', '2027-04-08T19:00:00'],
    );
    const onlyRule = ok(
      editSeries(entries, { occurrence: '2027-03-03T19:00:00', scope: 'all', change: { rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=8' } }),
    );
    assert.deepEqual(onlyRule.dropped, ['2027-03-17T19:00:00', '2027-04-07T19:00:00']);
    assert.equal(onlyRule.events.length, 1);
  });

  test('alle Termine: cancelling the series cancels every date, override included; delete removes it', () => {
    const entries = [WEEKLY, ev({ id: 'chor', recurrenceId: '2027-03-17T19:00:00', start: '2027-03-17T18:00:00' })];
    const r = ok(editSeries(entries, { occurrence: '2027-03-10T19:00:00', scope: 'all', change: { status: 'cancelled' } }));
    assert.ok(dates(r.events).every((d) => d.endsWith('cancelled')));
    assert.deepEqual(ok(editSeries(entries, { occurrence: '2027-03-10T19:00:00', scope: 'all', change: 'delete' })).events, []);
  });

  test('bad edits are refused with a reason', () => {
    const error = (r: SeriesEditResult): string => (r.ok ? 'ok' : r.error);
    const single = ev({ id: 'single', start: '2027-03-03T19:00:00' });
    assert.equal(error(editSeries([single], { occurrence: '2027-03-03T19:00:00', scope: 'this', change: {} })), 'not-recurring');
    assert.equal(error(editSeries([], { occurrence: '2027-03-03T19:00:00', scope: 'this', change: {} })), 'no-series');
    assert.equal(error(editSeries([WEEKLY], { occurrence: '2027-03-04T19:00:00', scope: 'this', change: {} })), 'no-such-date');
    assert.equal(error(editSeries([WEEKLY], { occurrence: '2027-05-05T19:00:00', scope: 'this', change: {} })), 'no-such-date');
    assert.equal(error(editSeries([WEEKLY], { occurrence: 'morgen', scope: 'this', change: {} })), 'no-such-date');
    assert.equal(
      error(editSeries([WEEKLY], { occurrence: '2027-03-10T19:00:00', scope: 'this', change: { rrule: 'FREQ=DAILY' } })),
      'rule-for-one-date',
    );
    assert.equal(
      error(editSeries([WEEKLY], { occurrence: '2027-03-10T19:00:00', scope: 'all', change: { rrule: 'FREQ=SOMETIMES' } })),
      'bad-rule',
    );
    assert.equal(
      error(
        editSeries([WEEKLY], {
          occurrence: '2027-03-10T19:00:00',
          scope: 'this',
          change: { start: '2027-03-10T19:00:00', end: '2027-03-10T18:00:00' },
        }),
      ),
      'bad-date',
    );
    assert.equal(
      error(editSeries([WEEKLY], { occurrence: '2027-03-10T19:00:00', scope: 'this', change: { start: '2027-03-10' } })),
      'bad-date',
    );
    assert.equal(error(editSeries([WEEKLY], { occurrence: '2027-03-10T19:00:00', scope: 'following', change: {} })), 'new-id');
    const byDay = { ...WEEKLY, rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=8' };
    assert.equal(
      error(editSeries([byDay], { occurrence: '2027-03-10T19:00:00', scope: 'all', change: { start: '2027-03-11T19:00:00' } })),
      'rule-needs-update',
    );
  });
});

/** Date, description and place of every date, as our expansion shows them. */
function texts(events: CalendarEvent[]): string[] {
  return expandOccurrences(events, WINDOW).map(
    (o) => `${o.start.slice(0, 10)} ${o.description ?? '–'} ${o.location?.name ?? '–'} ${o.categories.join(',') || '–'}`,
  );
}

/** The same as ical.js reads it from the export (an override is a VEVENT of its own, RFC 5545). */
function icalTexts(text: string): string[] {
  const root = new ICAL.Component(ICAL.parse(text));
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component, { strictExceptions: true, exceptions: [] });
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  for (const exception of exceptions) masters.get(exception.uid)!.relateException(exception);
  const out: { ms: number; line: string }[] = [];
  for (const master of masters.values()) {
    const iterator = master.iterator();
    for (let next = iterator.next(), guard = 0; next && guard < 1000; next = iterator.next(), guard++) {
      const { item, startDate } = master.getOccurrenceDetails(next as ICAL.Time);
      const categories = item.component.getAllProperties('categories').flatMap((p) => p.getValues() as string[]);
      out.push({
        ms: startDate.toUnixTime() * 1000,
        line: `${startDate.toString().slice(0, 10)} ${item.description || '–'} ${item.location || '–'} ${categories.join(',') || '–'}`,
      });
    }
  }
  return out.sort((a, b) => a.ms - b.ms).map((x) => x.line);
}

/** Writes, reads back with our reader and ical.js: the same texts on every date. */
function textRoundTrip(events: CalendarEvent[]): string[] {
  const text = eventsToIcs(events, { now: NOW });
  const back = parseIcs(text);
  assert.deepEqual(back.errors, []);
  const ours = texts(events);
  assert.deepEqual(texts(back.events), ours, 'our reader reads the export back with the same texts');
  assert.deepEqual(icalTexts(text), ours, 'ical.js reads the same texts');
  return ours;
}

describe('clearing a field for some dates of a series (null in the change)', () => {
  const DESCRIBED: CalendarEvent = {
    ...WEEKLY,
    description: 'Probe für das Frühjahrskonzert',
    location: { name: 'Gemeindehaus' },
    categories: ['Musik'],
  };
  const line = (d: string, description: string, place: string, categories = 'Musik'): string =>
    `${d} ${description} ${place} ${categories}`;

  test('nur dieser Termin: the override has no description and no place; the other dates keep them', () => {
    const r = ok(
      editSeries([DESCRIBED], {
        occurrence: at('2027-03-31', '19:00'),
        scope: 'this',
        change: { description: null, location: null, categories: null },
      }),
    );
    const override = r.events.find((e) => e.recurrenceId)!;
    assert.equal(override.description, undefined);
    assert.equal(override.location, undefined);
    assert.deepEqual(override.cleared, ['description', 'location', 'categories']);
    assert.match(eventsToIcs(r.events, { now: NOW }), /^X-W4G-CLEARED:description,location,categories\r$/m);
    assert.deepEqual(
      textRoundTrip(r.events),
      WEDNESDAYS.map((d) =>
        d === '2027-03-31' ? line(d, '–', '–', '–') : line(d, 'Probe für das Frühjahrskonzert', 'Gemeindehaus'),
      ),
    );
    // The same date gets a description of its own again: only the place stays cleared.
    const again = ok(
      editSeries(r.events, { occurrence: '2027-03-31T19:00:00', scope: 'this', change: { description: 'Stimmprobe' } }),
    );
    assert.deepEqual(again.events.find((e) => e.recurrenceId)!.cleared, ['location', 'categories']);
    assert.equal(textRoundTrip(again.events)[4], line('2027-03-31', 'Stimmprobe', '–', '–'));
  });

  test('a field the series does not have needs no clearing; a statusNote is just removed', () => {
    const noted = ok(
      editSeries([WEEKLY], { occurrence: '2027-03-10T19:00:00', scope: 'this', change: { statusNote: 'im Pfarrhaus' } }),
    );
    const r = ok(
      editSeries(noted.events, {
        occurrence: '2027-03-10T19:00:00',
        scope: 'this',
        change: { statusNote: null, description: null },
      }),
    );
    const override = r.events.find((e) => e.recurrenceId)!;
    assert.equal(override.statusNote, undefined);
    assert.equal(override.cleared, undefined);
    assert.ok(!('description' in override));
  });

  test('dieser und alle folgenden: the new series has no description; earlier dates and a carried override follow', () => {
    const withOverride = [
      DESCRIBED,
      {
        ...DESCRIBED,
        rrule: undefined,
        recurrenceId: '2027-04-14T19:00:00',
        start: '2027-04-14T19:00:00',
        end: '2027-04-14T21:00:00',
        status: 'cancelled' as const,
      },
    ];
    const r = ok(
      editSeries(withOverride, {
        occurrence: at('2027-03-31', '19:00'),
        scope: 'following',
        change: { description: null },
        newId: 'chor-2',
      }),
    );
    const master = r.created.find((e) => !e.recurrenceId)!;
    assert.equal(master.description, undefined);
    assert.equal(master.cleared, undefined, 'a series clears nothing: it simply has no description');
    const carried = r.created.find((e) => e.recurrenceId)!;
    assert.equal(carried.description, undefined);
    assert.equal(carried.status, 'cancelled');
    assert.deepEqual(
      textRoundTrip([...r.events, ...r.created]),
      WEDNESDAYS.map((d) => line(d, d < '2027-03-31' ? 'Probe für das Frühjahrskonzert' : '–', 'Gemeindehaus')),
    );
  });

  test('alle Termine: the description goes from the series, and a date that had cleared it needs no marker', () => {
    const one = ok(editSeries([DESCRIBED], { occurrence: '2027-03-17T19:00:00', scope: 'this', change: { description: null } }));
    const r = ok(editSeries(one.events, { occurrence: '2027-03-24T19:00:00', scope: 'all', change: { description: null } }));
    assert.equal(r.events.find((e) => !e.recurrenceId)!.description, undefined);
    assert.equal(r.events.find((e) => e.recurrenceId)!.cleared, undefined);
    assert.deepEqual(
      textRoundTrip(r.events),
      WEDNESDAYS.map((d) => line(d, '–', 'Gemeindehaus')),
    );
  });
});

test('the JSON feed: null on an override clears the field for that date; on a series it is just absent', () => {
  const feed = parseJsonFeed({
    timeZone: 'Europe/Berlin',
    events: [
      {
        id: 'chor',
        title: 'Chorprobe',
        start: '2027-03-03T19:00',
        rrule: 'FREQ=WEEKLY;COUNT=2',
        description: 'Probe',
        price: null,
      },
      { id: 'chor', recurrenceId: '2027-03-10T19:00', title: 'Chorprobe', start: '2027-03-10T19:00', description: null },
    ],
  });
  assert.deepEqual(feed.errors, []);
  assert.equal(feed.events[0]!.cleared, undefined);
  assert.deepEqual(feed.events[1]!.cleared, ['description']);
  assert.deepEqual(
    expandOccurrences(feed.events, WINDOW).map((o) => o.description ?? '–'),
    ['Probe', '–'],
  );
});
