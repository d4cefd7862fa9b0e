/**
 * The form's series (src/components/event-form/event-form.series.ts) against the RFC 5545
 * reference: every kind of series the form offers is written as an RRULE and expanded by our
 * core (what the calendar will show and the form previews) and by rrule.js (the oracle), in
 * Europe/Berlin across DST changes; exceptions and extra dates as EXDATE/RDATE; and the
 * checks that give German messages at the field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rrulePkg from 'rrule';
import { DateTime } from 'luxon';
import {
  seriesDates,
  seriesOccurrences,
  seriesProblems,
  seriesRule,
  type SeriesErrorTexts,
  type SeriesValues,
} from '../../src/components/event-form/event-form.series.js';
import { berlinToUtcStamp } from '../../src/components/event-form/event-form.fields.js';

const { RRule } = rrulePkg;
const ZONE = 'Europe/Berlin';

function values(change: Partial<SeriesValues>): SeriesValues {
  return {
    startDate: '2026-12-07',
    startTime: '19:00',
    endDate: '',
    endTime: '',
    allDay: false,
    repeat: 'weekly',
    interval: '1',
    weekdays: [],
    monthWeek: '',
    end: 'never',
    until: '',
    count: '',
    exdates: [],
    rdates: [],
    ...change,
  };
}

/** The oracle: rrule.js with DTSTART as Berlin wall time (its "floating UTC" convention), as local dates-times. */
function oracle(v: SeriesValues, days: number): string[] {
  const rule = seriesRule(v, berlinToUtcStamp)!;
  const [y, m, d] = v.startDate.split('-').map(Number) as [number, number, number];
  const [h, mi] = (v.startTime || '00:00').split(':').map(Number) as [number, number];
  // rrule.js counts in wall time when DTSTART is given as UTC fields; UNTIL in UTC is turned back into Berlin wall time.
  const options = RRule.parseString(rule);
  if (options.until) {
    const wall = DateTime.fromJSDate(options.until, { zone: ZONE });
    options.until = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  }
  options.dtstart = new Date(Date.UTC(y, m - 1, d, h, mi));
  const end = new Date(Date.UTC(y, m - 1, d + days + 1));
  const dates = new RRule(options).between(options.dtstart, end, true).map((x) => x.toISOString().slice(0, v.allDay ? 10 : 16));
  const { exdates = [], rdates = [] } = seriesDates(v);
  const out = new Set(dates.filter((x) => !exdates.includes(x)));
  for (const r of rdates) out.add(r);
  return [...out].sort();
}

/** Ours: the local wall time of each occurrence (the offset stripped), as the form previews them. */
function ours(v: SeriesValues, days: number): string[] {
  return seriesOccurrences(v, ZONE, berlinToUtcStamp, days).map((o) => o.start.slice(0, 16));
}

const KINDS: [string, Partial<SeriesValues>][] = [
  ['weekly on one weekday', { repeat: 'weekly' }],
  ['weekly on Monday and Thursday', { repeat: 'weekly', weekdays: ['MO', 'TH'] }],
  ['every two weeks on Monday and Friday', { repeat: 'weekly', interval: '2', weekdays: ['MO', 'FR'] }],
  ['every three weeks, ten dates', { repeat: 'weekly', interval: '3', end: 'count', count: '10' }],
  ['monthly on the first Monday ("jeden 1. Montag")', { repeat: 'monthly-weekday', monthWeek: '1' }],
  ['monthly on the last Friday', { repeat: 'monthly-weekday', startDate: '2026-12-25', monthWeek: '-1' }],
  [
    'every two months on the third Wednesday until a date',
    {
      repeat: 'monthly-weekday',
      startDate: '2026-12-16',
      interval: '2',
      end: 'until',
      until: '2027-10-31',
    },
  ],
  ['monthly on the 31st (months without it are left out)', { repeat: 'monthly-date', startDate: '2026-12-31' }],
  [
    'monthly on the 15th, all day, until a date',
    {
      repeat: 'monthly-date',
      startDate: '2026-12-15',
      allDay: true,
      startTime: '',
      end: 'until',
      until: '2027-09-15',
    },
  ],
  ['yearly on 29 February', { repeat: 'yearly', startDate: '2028-02-29' }],
  ['yearly, five dates', { repeat: 'yearly', startDate: '2027-06-14', end: 'count', count: '5' }],
  [
    'weekly with exceptions and extra dates',
    {
      repeat: 'weekly',
      weekdays: ['MO', 'TH'],
      end: 'count',
      count: '6',
      exdates: ['2026-12-10', '2026-12-21'],
      rdates: ['2026-12-27'],
    },
  ],
];

describe("the form's series against RFC 5545 (rrule.js as oracle)", () => {
  for (const [name, change] of KINDS) {
    it(`${name}: the same dates over five years, across DST changes`, () => {
      const v = values(change);
      const expected = oracle(v, 5 * 366);
      assert.ok(expected.length > 0, 'the oracle yields dates');
      assert.deepEqual(ours(v, 5 * 366), expected);
    });
  }

  it('writes the rules clubs mean', () => {
    assert.equal(seriesRule(values({ weekdays: ['TH', 'MO'] }), berlinToUtcStamp), 'FREQ=WEEKLY;BYDAY=MO,TH');
    assert.equal(seriesRule(values({ repeat: 'monthly-weekday', monthWeek: '1' }), berlinToUtcStamp), 'FREQ=MONTHLY;BYDAY=1MO');
    assert.equal(
      seriesRule(values({ repeat: 'monthly-weekday', startDate: '2026-12-25', monthWeek: '-1' }), berlinToUtcStamp),
      'FREQ=MONTHLY;BYDAY=-1FR',
    );
    assert.equal(
      seriesRule(values({ end: 'until', until: '2027-07-01', interval: '2' }), berlinToUtcStamp),
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20270701T215959Z',
    );
    assert.equal(seriesRule(values({ repeat: 'none' }), berlinToUtcStamp), undefined);
    assert.deepEqual(seriesDates(values({ exdates: ['2026-12-14'], rdates: ['2026-12-20'] })), {
      exdates: ['2026-12-14T19:00'],
      rdates: ['2026-12-20T19:00'],
    });
  });
});

const T: SeriesErrorTexts = {
  weekdaysRequired: 'weekdays',
  interval: (max) => `interval ${max}`,
  untilRequired: 'until required',
  untilBeforeStart: 'until before start',
  count: (max) => `count ${max}`,
  tooFar: (last) => `too far ${last}`,
  noDates: 'no dates',
  startNotInRule: (start) => `start ${start}`,
  exdateOutside: (date) => `outside ${date}`,
  pastDate: (date) => `past ${date}`,
  date: 'date',
};
const OPTIONS = { today: '2026-12-01', maxDaysAhead: 365, zone: ZONE, toUtcStamp: berlinToUtcStamp, locale: 'de' as const };

describe("the form's series checks", () => {
  it('accept a good series', () => {
    assert.deepEqual(seriesProblems(values({ weekdays: ['MO', 'TH'], end: 'count', count: '8' }), OPTIONS, T), {});
  });

  it('name a first date that the rule does not make (RFC 5545 leaves that undefined)', () => {
    assert.deepEqual(seriesProblems(values({ weekdays: ['TU'] }), OPTIONS, T), { weekdays: 'start Mo., 07.12.2026' });
    assert.deepEqual(seriesProblems(values({ repeat: 'monthly-weekday', monthWeek: '-1' }), OPTIONS, T), {
      monthWeek: 'start Mo., 07.12.2026',
    });
  });

  it('refuse a bad interval, a missing or early end, a bad count, a series reaching too far', () => {
    assert.deepEqual(seriesProblems(values({ interval: '0' }), OPTIONS, T), { interval: 'interval 99' });
    assert.deepEqual(seriesProblems(values({ interval: '2,5' }), OPTIONS, T), { interval: 'interval 99' });
    assert.deepEqual(seriesProblems(values({ end: 'until' }), OPTIONS, T), { until: 'until required' });
    assert.deepEqual(seriesProblems(values({ end: 'until', until: '2026-12-06' }), OPTIONS, T), { until: 'until before start' });
    assert.deepEqual(seriesProblems(values({ end: 'until', until: '2028-01-01' }), OPTIONS, T), {
      until: 'too far Mi., 01.12.2027',
    });
    assert.deepEqual(seriesProblems(values({ end: 'count', count: '-3' }), OPTIONS, T), { count: 'count 500' });
    // 60 weekly dates from 7 Dec 2026 reach into 2028: past the allowed year.
    assert.deepEqual(seriesProblems(values({ end: 'count', count: '60' }), OPTIONS, T), { count: 'too far Mi., 01.12.2027' });
  });

  it('refuse an exception outside the series, an extra date in the past, and a rule that leaves no date', () => {
    assert.deepEqual(seriesProblems(values({ exdates: ['2026-12-08'] }), OPTIONS, T), { exdates: 'outside Di., 08.12.2026' });
    assert.deepEqual(seriesProblems(values({ rdates: ['2026-11-30'] }), OPTIONS, T), { rdates: 'past Mo., 30.11.2026' });
    assert.deepEqual(seriesProblems(values({ end: 'count', count: '1', exdates: ['2026-12-07'] }), OPTIONS, T), {
      repeat: 'no dates',
    });
  });
});
