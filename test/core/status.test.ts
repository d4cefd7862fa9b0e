/**
 * The status of every date (abgesagt, verschoben, verlegt, online verlegt, ausgebucht, a note),
 * for a whole event and for one date of a series, through the JSON reader, the iCalendar writer
 * and reader (and ical.js), the expansion and the JSON-LD.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import {
  eventsToIcs,
  expandOccurrences,
  occurrenceToIcs,
  occurrenceToJsonLd,
  parseIcs,
  parseJsonFeed,
  type CalendarEvent,
} from '../../src/core/index.js';

const NOW = new Date(Date.UTC(2027, 0, 15, 8, 0, 0));
const WINDOW = { start: '2027-06-01', end: '2027-08-01', zone: 'Europe/Berlin' };

const FEED = {
  timeZone: 'Europe/Berlin',
  events: [
    {
      id: 'chor',
      title: 'Chorprobe',
      start: '2027-06-02T19:00:00',
      end: '2027-06-02T21:00:00',
      rrule: 'FREQ=WEEKLY;COUNT=6',
      soldOut: false,
    },
    // One date of the series cancelled with a note, one moved to the Thursday.
    {
      id: 'chor',
      recurrenceId: '2027-06-09T19:00:00',
      title: 'Chorprobe',
      start: '2027-06-09T19:00:00',
      end: '2027-06-09T21:00:00',
      status: 'cancelled',
      statusNote: 'wegen Unwetter',
    },
    {
      id: 'chor',
      recurrenceId: '2027-06-16T19:00:00',
      title: 'Chorprobe',
      start: '2027-06-17T18:00:00',
      end: '2027-06-17T20:00:00',
      status: 'rescheduled',
    },
    {
      id: 'sommerfest',
      title: 'Sommerfest',
      start: '2027-06-26T14:00:00',
      end: '2027-06-26T18:00:00',
      status: 'EventRescheduled',
      previousStart: '2027-06-19T14:00:00',
      statusNote: 'neuer Termin wegen der Baustelle',
      soldOut: true,
    },
    { id: 'lesung', title: 'Lesung', start: '2027-07-03T19:00:00', status: 'https://schema.org/EventMovedOnline' },
    { id: 'konzert', title: 'Konzert', start: '2027-07-10T19:00:00', status: 'postponed', availability: 'SoldOut' },
  ],
};

function byKey(events: CalendarEvent[]): Map<string, ReturnType<typeof expandOccurrences>[number]> {
  return new Map(expandOccurrences(events, WINDOW).map((o) => [`${o.eventId} ${o.start}`, o]));
}

describe('status of every date', () => {
  const read = parseJsonFeed(FEED);

  test('the JSON reader keeps status, note, previous start and sold out, without warnings', () => {
    assert.deepEqual(read.errors, []);
    const fest = read.events.find((e) => e.id === 'sommerfest')!;
    assert.equal(fest.status, 'rescheduled');
    assert.equal(fest.previousStart, '2027-06-19T14:00:00');
    assert.equal(fest.statusNote, 'neuer Termin wegen der Baustelle');
    assert.equal(fest.soldOut, true);
    assert.equal(read.events.find((e) => e.id === 'lesung')!.status, 'movedOnline');
    const konzert = read.events.find((e) => e.id === 'konzert')!;
    assert.equal(konzert.status, 'postponed');
    assert.equal(konzert.soldOut, true);
  });

  test('old feeds still read: the three old values, schema.org names, an unknown value warns', () => {
    const old = parseJsonFeed({
      events: [
        { id: 'a', title: 'A', start: '2027-06-01', status: 'cancelled' },
        { id: 'b', title: 'B', start: '2027-06-01', status: 'EventPostponed' },
        { id: 'c', title: 'C', start: '2027-06-01', status: 'EventScheduled' },
        { id: 'd', title: 'D', start: '2027-06-01', status: 'vielleicht' },
        { id: 'e', title: 'E', start: '2027-06-01', previousStart: '2027-05-01' },
      ],
    });
    assert.deepEqual(
      old.events.map((e) => e.status),
      ['cancelled', 'postponed', 'scheduled', 'scheduled', 'scheduled'],
    );
    assert.equal(old.events[4]!.previousStart, undefined);
    assert.deepEqual(
      old.errors.map((e) => e.path),
      ['/events/3/status', '/events/4/previousStart'],
    );
  });

  test('each date of the series has its own status; a moved date knows where it was', () => {
    const dates = byKey(read.events);
    const cancelled = dates.get('chor 2027-06-09T19:00:00+02:00')!;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusNote, 'wegen Unwetter');
    const moved = dates.get('chor 2027-06-17T18:00:00+02:00')!;
    assert.equal(moved.status, 'rescheduled');
    assert.equal(moved.previousStart, '2027-06-16T19:00:00+02:00');
    assert.equal(moved.statusNote, undefined);
    const plain = dates.get('chor 2027-06-23T19:00:00+02:00')!;
    assert.equal(plain.status, 'scheduled');
    assert.equal(plain.previousStart, undefined);
    const fest = dates.get('sommerfest 2027-06-26T14:00:00+02:00')!;
    assert.equal(fest.previousStart, '2027-06-19T14:00:00+02:00');
  });

  test('iCalendar: STATUS:CANCELLED, X- properties, the note first in DESCRIPTION; our reader gets it all back', () => {
    const ics = eventsToIcs(read.events, { now: NOW });
    assert.match(ics, /RECURRENCE-ID;TZID=Europe\/Berlin:20270609T190000\r\n/);
    assert.match(ics, /STATUS:CANCELLED\r\n/);
    assert.match(ics, /X-W4G-STATUS-NOTE:wegen Unwetter\r\n/);
    assert.match(ics, /X-W4G-STATUS:RESCHEDULED\r\n/);
    assert.match(ics, /X-W4G-PREVIOUS-START;TZID=Europe\/Berlin:20270619T140000\r\n/);
    assert.match(ics, /X-W4G-SOLD-OUT:TRUE\r\n/);
    assert.match(ics, /X-W4G-STATUS:MOVED-ONLINE\r\n/);
    const back = parseIcs(ics);
    assert.deepEqual(back.errors, []);
    const strip = (list: CalendarEvent[]): unknown =>
      list.map(({ id, recurrenceId, status, statusNote, previousStart, soldOut, description }) => ({
        id,
        recurrenceId,
        status,
        statusNote,
        previousStart,
        soldOut,
        description,
      }));
    assert.deepEqual(strip(back.events), strip(read.events));
    assert.deepEqual(
      [...byKey(back.events).values()].map((o) => [o.key, o.status, o.statusNote, o.previousStart]),
      [...byKey(read.events).values()].map((o) => [o.key, o.status, o.statusNote, o.previousStart]),
    );
  });

  test('ical.js reads the cancelled date as STATUS CANCELLED and shows the note in the description', () => {
    const ics = eventsToIcs(read.events, { now: NOW });
    const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    const override = vevents.find((v) => v.getFirstPropertyValue('recurrence-id')?.toString() === '2027-06-09T19:00:00')!;
    assert.equal(override.getFirstPropertyValue('status'), 'CANCELLED');
    const fest = new ICAL.Event(vevents.find((v) => v.getFirstPropertyValue('uid') === 'sommerfest'));
    assert.equal(fest.description, 'neuer Termin wegen der Baustelle');
  });

  test('one occurrence exported alone keeps its status, note and old date', () => {
    const moved = byKey(read.events).get('chor 2027-06-17T18:00:00+02:00')!;
    const ics = occurrenceToIcs(moved, { now: NOW });
    assert.match(ics, /X-W4G-STATUS:RESCHEDULED\r\n/);
    assert.match(ics, /X-W4G-PREVIOUS-START:20270616T170000Z\r\n/);
    const back = parseIcs(ics).events[0]!;
    assert.equal(back.status, 'rescheduled');
    assert.equal(back.previousStart, '2027-06-16T17:00:00Z');
  });

  test('JSON-LD: eventStatus, previousStartDate, SoldOut, online attendance, the note in the description', () => {
    const dates = byKey(read.events);
    const cancelled = occurrenceToJsonLd(dates.get('chor 2027-06-09T19:00:00+02:00')!);
    assert.equal(cancelled['eventStatus'], 'https://schema.org/EventCancelled');
    assert.equal(cancelled['description'], 'wegen Unwetter');
    const fest = occurrenceToJsonLd(dates.get('sommerfest 2027-06-26T14:00:00+02:00')!);
    assert.equal(fest['eventStatus'], 'https://schema.org/EventRescheduled');
    assert.equal(fest['previousStartDate'], '2027-06-19T14:00:00+02:00');
    assert.deepEqual(fest['offers'], { '@type': 'Offer', availability: 'https://schema.org/SoldOut' });
    const moved = occurrenceToJsonLd(dates.get('chor 2027-06-17T18:00:00+02:00')!);
    assert.equal(moved['previousStartDate'], '2027-06-16T19:00:00+02:00');
    const online = occurrenceToJsonLd(dates.get('lesung 2027-07-03T19:00:00+02:00')!);
    assert.equal(online['eventStatus'], 'https://schema.org/EventMovedOnline');
    assert.equal(online['eventAttendanceMode'], 'https://schema.org/OnlineEventAttendanceMode');
    const postponed = occurrenceToJsonLd(dates.get('konzert 2027-07-10T19:00:00+02:00')!);
    assert.equal(postponed['eventStatus'], 'https://schema.org/EventPostponed');
    assert.equal(postponed['previousStartDate'], undefined);
  });
});
