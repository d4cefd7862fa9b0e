import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDaysIso,
  addMonthsIso,
  formatLongDate,
  formatMonthYear,
  formatOccurrenceTime,
  formatOccurrenceWhen,
  formatShortDate,
  formatTime,
  formatWeekNumber,
  isoWeek,
  localDate,
  monthGrid,
  occurrenceDays,
  resolveLocale,
  todayIn,
  weekdayNames,
  type Occurrence,
} from '../../src/core/index.js';

function occ(fields: Partial<Occurrence> & Pick<Occurrence, 'start' | 'end'>): Occurrence {
  return {
    eventId: 'e',
    key: `e/${fields.start}`,
    recurrenceId: fields.start,
    recurring: false,
    timeZone: 'Europe/Berlin',
    title: 'Adventskonzert',
    allDay: false,
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
    ...fields,
  };
}

const evening = occ({ start: '2026-12-12T19:30:00+01:00', end: '2026-12-12T21:30:00+01:00' });
const point = occ({ start: '2026-12-12T19:30:00+01:00', end: '2026-12-12T19:30:00+01:00' });
const untilMidnight = occ({ start: '2026-12-12T19:00:00+01:00', end: '2026-12-13T00:00:00+01:00' });
const overnight = occ({ start: '2026-12-12T22:00:00+01:00', end: '2026-12-13T02:00:00+01:00' });
const festival = occ({ start: '2026-07-10T16:00:00+02:00', end: '2026-07-14T12:00:00+02:00' });
const market = occ({ start: '2026-12-04', end: '2026-12-07', allDay: true });
const oneDay = occ({ start: '2026-12-12', end: '2026-12-13', allDay: true });
/** Berlin, the night the clocks go forward (2026-03-29 02:00 -> 03:00). */
const dstNight = occ({ start: '2026-03-29T01:30:00+01:00', end: '2026-03-29T03:30:00+02:00' });
const newYork = occ({ start: '2026-12-12T19:30:00-05:00', end: '2026-12-12T21:30:00-05:00', timeZone: 'America/New_York' });

describe('resolveLocale', () => {
  test('German tags, English tags, and German for everything else', () => {
    for (const tag of ['de', 'de-AT', 'DE', 'de_CH', 'de-DE-u-ca-gregory']) assert.equal(resolveLocale(tag), 'de');
    for (const tag of ['en', 'en-GB', 'EN-us']) assert.equal(resolveLocale(tag), 'en');
    for (const tag of ['fr', '', '  ', null, undefined, 'english']) assert.equal(resolveLocale(tag), 'de');
  });
});

describe('localDate', () => {
  test('plain dates as they are; instants as the date they show in the zone', () => {
    assert.equal(localDate('2026-12-12', 'America/New_York'), '2026-12-12');
    assert.equal(localDate('2026-12-13T00:30:00Z', 'Europe/Berlin'), '2026-12-13');
    assert.equal(localDate('2026-12-13T00:30:00Z', 'America/New_York'), '2026-12-12');
    assert.equal(localDate('2026-12-12T23:30:00-05:00', 'Europe/Berlin'), '2026-12-13');
  });

  test('a local date-time without offset is taken as a wall time', () => {
    assert.equal(localDate('2026-12-12T23:30:00', 'America/New_York'), '2026-12-12');
  });

  test('not an ISO value: RangeError', () => {
    assert.throws(() => localDate('12.12.2026', 'Europe/Berlin'), RangeError);
  });
});

describe('occurrenceDays', () => {
  test('all-day: the end is exclusive', () => {
    assert.deepEqual(occurrenceDays(market), ['2026-12-04', '2026-12-05', '2026-12-06']);
    assert.deepEqual(occurrenceDays(oneDay), ['2026-12-12']);
  });

  test('timed: from the start date to the end date; an end at 00:00 does not add its day', () => {
    assert.deepEqual(occurrenceDays(evening), ['2026-12-12']);
    assert.deepEqual(occurrenceDays(untilMidnight), ['2026-12-12']);
    assert.deepEqual(occurrenceDays(overnight), ['2026-12-12', '2026-12-13']);
    assert.deepEqual(occurrenceDays(festival), ['2026-07-10', '2026-07-11', '2026-07-12', '2026-07-13', '2026-07-14']);
  });

  test('a zero-length event covers its start day, also at midnight', () => {
    assert.deepEqual(occurrenceDays(point), ['2026-12-12']);
    const midnight = occ({ start: '2026-12-12T00:00:00+01:00', end: '2026-12-12T00:00:00+01:00' });
    assert.deepEqual(occurrenceDays(midnight), ['2026-12-12']);
  });

  test('days are counted in the occurrence zone, across a DST change', () => {
    const night = occ({ start: '2026-03-28T20:00:00+01:00', end: '2026-03-29T10:00:00+02:00' });
    assert.deepEqual(occurrenceDays(night), ['2026-03-28', '2026-03-29']);
    // 20:00-23:00 in New York is 02:00-05:00 the next day in Berlin.
    const late = occ({ start: '2026-12-13T01:00:00Z', end: '2026-12-13T04:00:00Z', timeZone: 'America/New_York' });
    assert.deepEqual(occurrenceDays(late), ['2026-12-12']);
    assert.deepEqual(occurrenceDays({ ...late, timeZone: 'Europe/Berlin' }), ['2026-12-13']);
  });
});

describe('dates', () => {
  test('short: DIN 5008 in German', () => {
    assert.equal(formatShortDate('2026-12-12', 'de'), 'Sa., 12.12.2026');
    assert.equal(formatShortDate('2026-03-01', 'de'), 'So., 01.03.2026');
    assert.equal(formatShortDate('2026-12-12', 'en'), 'Sat, 12 Dec 2026');
    assert.equal(formatShortDate('2026-03-01', 'en'), 'Sun, 1 Mar 2026');
  });

  test('long', () => {
    assert.equal(formatLongDate('2026-12-12', 'de'), 'Samstag, 12. Dezember 2026');
    assert.equal(formatLongDate('2026-03-01', 'de'), 'Sonntag, 1. März 2026');
    assert.equal(formatLongDate('2026-12-12', 'en'), 'Saturday, 12 December 2026');
  });

  test('month and year', () => {
    assert.equal(formatMonthYear(2026, 12, 'de'), 'Dezember 2026');
    assert.equal(formatMonthYear(2026, 3, 'de'), 'März 2026');
    assert.equal(formatMonthYear(2026, 12, 'en'), 'December 2026');
    assert.throws(() => formatMonthYear(2026, 13, 'de'), RangeError);
  });

  test('weekday names, Monday first; German column headers without dots', () => {
    assert.deepEqual(weekdayNames('de', 'short'), ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
    assert.deepEqual(weekdayNames('de', 'long'), [
      'Montag',
      'Dienstag',
      'Mittwoch',
      'Donnerstag',
      'Freitag',
      'Samstag',
      'Sonntag',
    ]);
    assert.deepEqual(weekdayNames('en', 'short'), ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    assert.deepEqual(weekdayNames('en', 'long'), ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
  });

  test('a caller changing the returned list does not change the next one', () => {
    weekdayNames('de', 'short')[0] = 'X';
    assert.equal(weekdayNames('de', 'short')[0], 'Mo');
  });

  test('bad dates throw', () => {
    assert.throws(() => formatShortDate('2026-02-30', 'de'), RangeError);
    assert.throws(() => formatLongDate('2026-12-12T10:00:00', 'de'), RangeError);
  });
});

describe('weeks', () => {
  test('ISO 8601 week numbers around the turn of the year', () => {
    assert.equal(isoWeek('2026-12-10'), 50);
    assert.equal(isoWeek('2026-12-31'), 53);
    assert.equal(isoWeek('2027-01-01'), 53);
    assert.equal(isoWeek('2027-01-03'), 53);
    assert.equal(isoWeek('2027-01-04'), 1);
    assert.equal(isoWeek('2020-12-31'), 53);
    assert.equal(isoWeek('2021-01-03'), 53);
    assert.equal(isoWeek('2021-01-04'), 1);
    assert.equal(isoWeek('2024-12-30'), 1); // Monday of the week holding 2025-01-02
    assert.equal(isoWeek('2026-01-01'), 1);
  });

  test('week labels', () => {
    assert.equal(formatWeekNumber(50, 'de', 'short'), 'KW 50');
    assert.equal(formatWeekNumber(50, 'de', 'long'), 'Kalenderwoche 50');
    assert.equal(formatWeekNumber(50, 'en', 'short'), 'W 50');
    assert.equal(formatWeekNumber(50, 'en', 'long'), 'Week 50');
  });
});

describe('times', () => {
  test('24 hours in German, 12 in English', () => {
    assert.equal(formatTime('2026-12-12T19:30:00+01:00', 'Europe/Berlin', 'de'), '19:30');
    assert.equal(formatTime('2026-12-12T19:30:00+01:00', 'Europe/Berlin', 'en'), '7:30 PM');
    assert.equal(formatTime('2026-12-12T09:05:00+01:00', 'Europe/Berlin', 'de'), '09:05');
    assert.equal(formatTime('2026-12-12T00:15:00+01:00', 'Europe/Berlin', 'en'), '12:15 AM');
    assert.equal(formatTime('2026-12-12T12:00:00+01:00', 'Europe/Berlin', 'en'), '12:00 PM');
  });

  test('the zone decides, including the DST change in Berlin', () => {
    assert.equal(formatTime('2026-03-29T00:59:00Z', 'Europe/Berlin', 'de'), '01:59');
    assert.equal(formatTime('2026-03-29T01:00:00Z', 'Europe/Berlin', 'de'), '03:00');
    assert.equal(formatTime('2026-10-25T00:30:00Z', 'Europe/Berlin', 'de'), '02:30');
    assert.equal(formatTime('2026-10-25T01:30:00Z', 'Europe/Berlin', 'de'), '02:30');
    assert.equal(formatTime('2026-12-13T00:30:00Z', 'America/New_York', 'en'), '7:30 PM');
    assert.equal(formatTime('2026-07-13T00:30:00Z', 'America/New_York', 'en'), '8:30 PM');
  });

  test('occurrence time for list items', () => {
    assert.equal(formatOccurrenceTime(evening, 'de'), '19:30–21:30 Uhr');
    assert.equal(formatOccurrenceTime(evening, 'en'), '7:30 PM – 9:30 PM');
    assert.equal(formatOccurrenceTime(point, 'de'), '19:30 Uhr');
    assert.equal(formatOccurrenceTime(point, 'en'), '7:30 PM');
    assert.equal(formatOccurrenceTime(oneDay, 'de'), 'ganztägig');
    assert.equal(formatOccurrenceTime(market, 'en'), 'all day');
    assert.equal(formatOccurrenceTime(dstNight, 'de'), '01:30–03:30 Uhr');
    assert.equal(formatOccurrenceTime(newYork, 'en'), '7:30 PM – 9:30 PM');
  });

  test('the end of the day is 24:00 in German; a night reads as one range', () => {
    assert.equal(formatOccurrenceTime(untilMidnight, 'de'), '19:00–24:00 Uhr');
    assert.equal(formatOccurrenceTime(untilMidnight, 'en'), '7:00 PM – 12:00 AM');
    assert.equal(formatOccurrenceTime(overnight, 'de'), '22:00–02:00 Uhr');
    assert.equal(formatOccurrenceTime(overnight, 'en'), '10:00 PM – 2:00 AM');
  });

  test('several days: the end date is named', () => {
    assert.equal(formatOccurrenceTime(festival, 'de'), '16:00 Uhr – Di., 14.07.2026, 12:00 Uhr');
    assert.equal(formatOccurrenceTime(festival, 'en'), '4:00 PM – Tue, 14 Jul 2026, 12:00 PM');
  });
});

describe('formatOccurrenceWhen', () => {
  test('timed, one day', () => {
    assert.equal(formatOccurrenceWhen(evening, 'de'), 'Sa., 12.12.2026, 19:30–21:30 Uhr');
    assert.equal(formatOccurrenceWhen(evening, 'en'), 'Sat, 12 Dec 2026, 7:30 PM – 9:30 PM');
    assert.equal(formatOccurrenceWhen(point, 'de'), 'Sa., 12.12.2026, 19:30 Uhr');
    assert.equal(formatOccurrenceWhen(point, 'en'), 'Sat, 12 Dec 2026, 7:30 PM');
    assert.equal(formatOccurrenceWhen(untilMidnight, 'de'), 'Sa., 12.12.2026, 19:00–24:00 Uhr');
    assert.equal(formatOccurrenceWhen(dstNight, 'de'), 'So., 29.03.2026, 01:30–03:30 Uhr');
    assert.equal(formatOccurrenceWhen(newYork, 'de'), 'Sa., 12.12.2026, 19:30–21:30 Uhr');
  });

  test('all-day, one and several days (the end is exclusive)', () => {
    assert.equal(formatOccurrenceWhen(oneDay, 'de'), 'Sa., 12.12.2026, ganztägig');
    assert.equal(formatOccurrenceWhen(oneDay, 'en'), 'Sat, 12 Dec 2026, all day');
    assert.equal(formatOccurrenceWhen(market, 'de'), 'Fr., 04.12.2026 – So., 06.12.2026');
    assert.equal(formatOccurrenceWhen(market, 'en'), 'Fri, 4 Dec 2026 – Sun, 6 Dec 2026');
  });

  test('timed over several days', () => {
    assert.equal(formatOccurrenceWhen(festival, 'de'), 'Fr., 10.07.2026, 16:00 Uhr – Di., 14.07.2026, 12:00 Uhr');
    assert.equal(formatOccurrenceWhen(festival, 'en'), 'Fri, 10 Jul 2026, 4:00 PM – Tue, 14 Jul 2026, 12:00 PM');
    assert.equal(formatOccurrenceWhen(overnight, 'de'), 'Sa., 12.12.2026, 22:00 Uhr – So., 13.12.2026, 02:00 Uhr');
  });
});

describe('calendar arithmetic', () => {
  test('today in a zone', () => {
    const now = Date.UTC(2026, 11, 31, 23, 30);
    assert.equal(todayIn('Europe/Berlin', now), '2027-01-01');
    assert.equal(todayIn('America/New_York', now), '2026-12-31');
    assert.equal(todayIn('UTC', now), '2026-12-31');
    assert.match(todayIn('Europe/Berlin'), /^\d{4}-\d{2}-\d{2}$/);
  });

  test('adding days and months', () => {
    assert.equal(addDaysIso('2026-12-31', 1), '2027-01-01');
    assert.equal(addDaysIso('2026-03-01', -1), '2026-02-28');
    assert.equal(addDaysIso('2024-03-01', -1), '2024-02-29');
    assert.equal(addDaysIso('2026-03-28', 1), '2026-03-29'); // the DST day is a day
    assert.equal(addDaysIso('2026-12-12', 0), '2026-12-12');
    assert.equal(addMonthsIso('2026-12', 1), '2027-01');
    assert.equal(addMonthsIso('2026-01', -1), '2025-12');
    assert.equal(addMonthsIso('2026-05', -17), '2024-12');
    assert.equal(addMonthsIso('2026-05', 24), '2028-05');
    assert.throws(() => addMonthsIso('2026-13', 1), RangeError);
  });

  test('month grid of February 2026: starts Monday 2026-01-26, five weeks', () => {
    const grid = monthGrid('2026-02');
    assert.equal(grid.length, 5);
    assert.deepEqual(grid[0], ['2026-01-26', '2026-01-27', '2026-01-28', '2026-01-29', '2026-01-30', '2026-01-31', '2026-02-01']);
    assert.deepEqual(grid[4], ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
  });

  test('month grid of November 2026: six weeks', () => {
    const grid = monthGrid('2026-11');
    assert.equal(grid.length, 6);
    assert.equal(grid[0]![0], '2026-10-26');
    assert.deepEqual(grid[5], ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    const days = grid.flat();
    assert.equal(new Set(days).size, 42);
    for (let i = 1; i < days.length; i++) assert.equal(days[i], addDaysIso(days[i - 1]!, 1));
  });

  test('month grid of February 2027: exactly four weeks', () => {
    const grid = monthGrid('2027-02');
    assert.equal(grid.length, 4);
    assert.equal(grid[0]![0], '2027-02-01');
    assert.equal(grid[3]![6], '2027-02-28');
  });

  test('every row starts on a Monday', () => {
    for (const month of ['2026-03', '2026-10', '2027-01']) {
      for (const row of monthGrid(month)) assert.equal(formatShortDate(row[0]!, 'de').slice(0, 3), 'Mo.');
    }
  });
});

describe('independence from the computer zone', () => {
  const render = (): string[] => [
    localDate('2026-12-13T00:30:00Z', 'Europe/Berlin'),
    formatShortDate('2026-12-12', 'de'),
    formatLongDate('2026-12-12', 'en'),
    formatTime('2026-12-12T19:30:00+01:00', 'Europe/Berlin', 'de'),
    formatOccurrenceWhen(evening, 'de'),
    formatOccurrenceWhen(market, 'en'),
    formatOccurrenceWhen(newYork, 'en'),
    occurrenceDays(overnight).join(','),
    String(isoWeek('2027-01-01')),
    todayIn('Europe/Berlin', Date.UTC(2026, 11, 31, 23, 30)),
    monthGrid('2026-02')[0]![0]!,
  ];
  const expected = [
    '2026-12-13',
    'Sa., 12.12.2026',
    'Saturday, 12 December 2026',
    '19:30',
    'Sa., 12.12.2026, 19:30–21:30 Uhr',
    'Fri, 4 Dec 2026 – Sun, 6 Dec 2026',
    'Sat, 12 Dec 2026, 7:30 PM – 9:30 PM',
    '2026-12-12,2026-12-13',
    '53',
    '2027-01-01',
    '2026-01-26',
  ];

  test('the same text when the process runs in UTC+14 and UTC-11', () => {
    const saved = process.env['TZ'];
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Los_Angeles']) {
        process.env['TZ'] = tz;
        assert.notEqual(new Date(Date.UTC(2026, 0, 1)).getHours(), 0, `TZ ${tz} is in effect`);
        assert.deepEqual(render(), expected, tz);
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});
