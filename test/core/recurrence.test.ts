import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandOccurrences, expandOccurrencesReport, parseIcs, type CalendarEvent } from '../../src/core/index.js';

/** A timed event with defaults, for compact tests. */
function ev(partial: Partial<CalendarEvent> & Pick<CalendarEvent, 'start'>): CalendarEvent {
  return {
    id: 'e1',
    title: 'Termin',
    allDay: /^\d{4}-\d{2}-\d{2}$/.test(partial.start),
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
    ...partial,
  };
}

function starts(events: CalendarEvent[], start: string, end: string, zone = 'Europe/Berlin'): string[] {
  return expandOccurrences(events, { start, end, zone }).map((o) => o.start);
}

/**
 * RFC 5545 section 3.8.5.3 examples (DTSTART;TZID=America/New_York), expanded in New York.
 * Each row: DTSTART wall time, RRULE (and EXDATE), and the dates the RFC lists.
 */
const RFC_EXAMPLES: {
  name: string;
  start: string;
  rrule: string;
  exdates?: string[];
  window: [string, string];
  expect: string[];
}[] = [
  {
    name: 'daily for 10 occurrences',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=DAILY;COUNT=10',
    window: ['1997-01-01', '1998-01-01'],
    expect: ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((d) => `1997-09-${d}T09:00:00-04:00`),
  },
  {
    name: 'every other day, bounded by the window',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=DAILY;INTERVAL=2',
    window: ['1997-09-01', '1997-09-10'],
    expect: ['02', '04', '06', '08'].map((d) => `1997-09-${d}T09:00:00-04:00`),
  },
  {
    name: 'every 10 days, 5 occurrences',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=DAILY;INTERVAL=10;COUNT=5',
    window: ['1997-01-01', '1998-01-01'],
    expect: [
      '1997-09-02T09:00:00-04:00',
      '1997-09-12T09:00:00-04:00',
      '1997-09-22T09:00:00-04:00',
      '1997-10-02T09:00:00-04:00',
      '1997-10-12T09:00:00-04:00',
    ],
  },
  {
    name: 'weekly for 10 occurrences, across the end of daylight saving time',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=WEEKLY;COUNT=10',
    window: ['1997-01-01', '1998-01-01'],
    expect: [
      '1997-09-02T09:00:00-04:00',
      '1997-09-09T09:00:00-04:00',
      '1997-09-16T09:00:00-04:00',
      '1997-09-23T09:00:00-04:00',
      '1997-09-30T09:00:00-04:00',
      '1997-10-07T09:00:00-04:00',
      '1997-10-14T09:00:00-04:00',
      '1997-10-21T09:00:00-04:00',
      '1997-10-28T09:00:00-05:00',
      '1997-11-04T09:00:00-05:00',
    ],
  },
  {
    name: 'every other week on Tuesday and Sunday, WKST=MO',
    start: '1997-08-05T09:00:00',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    window: ['1997-01-01', '1998-01-01'],
    expect: ['05', '10', '19', '24'].map((d) => `1997-08-${d}T09:00:00-04:00`),
  },
  {
    name: 'the same with WKST=SU gives other dates',
    start: '1997-08-05T09:00:00',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    window: ['1997-01-01', '1998-01-01'],
    expect: ['05', '17', '19', '31'].map((d) => `1997-08-${d}T09:00:00-04:00`),
  },
  {
    name: 'monthly on the first Friday for 10 occurrences',
    start: '1997-09-05T09:00:00',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYDAY=1FR',
    window: ['1997-01-01', '1999-01-01'],
    expect: [
      '1997-09-05T09:00:00-04:00',
      '1997-10-03T09:00:00-04:00',
      '1997-11-07T09:00:00-05:00',
      '1997-12-05T09:00:00-05:00',
      '1998-01-02T09:00:00-05:00',
      '1998-02-06T09:00:00-05:00',
      '1998-03-06T09:00:00-05:00',
      '1998-04-03T09:00:00-05:00',
      '1998-05-01T09:00:00-04:00',
      '1998-06-05T09:00:00-04:00',
    ],
  },
  {
    name: 'monthly on the second-to-last Monday for 6 months',
    start: '1997-09-22T09:00:00',
    rrule: 'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
    window: ['1997-01-01', '1999-01-01'],
    expect: [
      '1997-09-22T09:00:00-04:00',
      '1997-10-20T09:00:00-04:00',
      '1997-11-17T09:00:00-05:00',
      '1997-12-22T09:00:00-05:00',
      '1998-01-19T09:00:00-05:00',
      '1998-02-16T09:00:00-05:00',
    ],
  },
  {
    name: 'monthly on the 2nd and 15th for 10 occurrences',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15',
    window: ['1997-01-01', '1999-01-01'],
    expect: [
      '1997-09-02T09:00:00-04:00',
      '1997-09-15T09:00:00-04:00',
      '1997-10-02T09:00:00-04:00',
      '1997-10-15T09:00:00-04:00',
      '1997-11-02T09:00:00-05:00',
      '1997-11-15T09:00:00-05:00',
      '1997-12-02T09:00:00-05:00',
      '1997-12-15T09:00:00-05:00',
      '1998-01-02T09:00:00-05:00',
      '1998-01-15T09:00:00-05:00',
    ],
  },
  {
    name: 'invalid dates (30 February) are ignored, not moved',
    start: '2007-01-15T09:00:00',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5',
    window: ['2007-01-01', '2008-01-01'],
    expect: [
      '2007-01-15T09:00:00-05:00',
      '2007-01-30T09:00:00-05:00',
      '2007-02-15T09:00:00-05:00',
      '2007-03-15T09:00:00-04:00',
      '2007-03-30T09:00:00-04:00',
    ],
  },
  {
    name: 'yearly in June and July for 10 occurrences',
    start: '1997-06-10T09:00:00',
    rrule: 'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
    window: ['1997-01-01', '2003-01-01'],
    expect: [1997, 1998, 1999, 2000, 2001].flatMap((y) => [`${y}-06-10T09:00:00-04:00`, `${y}-07-10T09:00:00-04:00`]),
  },
  {
    name: 'Monday of week number 20',
    start: '1997-05-12T09:00:00',
    rrule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    window: ['1997-01-01', '2000-01-01'],
    expect: ['1997-05-12T09:00:00-04:00', '1998-05-11T09:00:00-04:00', '1999-05-17T09:00:00-04:00'],
  },
  {
    name: 'every Friday the 13th, DTSTART excluded by EXDATE',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    exdates: ['1997-09-02T09:00:00'],
    window: ['1997-01-01', '2001-01-01'],
    expect: [
      '1998-02-13T09:00:00-05:00',
      '1998-03-13T09:00:00-05:00',
      '1998-11-13T09:00:00-05:00',
      '1999-08-13T09:00:00-04:00',
      '2000-10-13T09:00:00-04:00',
    ],
  },
  {
    name: 'US presidential election day',
    start: '1996-11-05T09:00:00',
    rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
    window: ['1996-01-01', '2005-01-01'],
    expect: ['1996-11-05T09:00:00-05:00', '2000-11-07T09:00:00-05:00', '2004-11-02T09:00:00-05:00'],
  },
  {
    name: 'the third Tuesday, Wednesday or Thursday of the month (BYSETPOS)',
    start: '1997-09-04T09:00:00',
    rrule: 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
    window: ['1997-01-01', '1998-01-01'],
    expect: ['1997-09-04T09:00:00-04:00', '1997-10-07T09:00:00-04:00', '1997-11-06T09:00:00-05:00'],
  },
  {
    name: 'the last work day of the month',
    start: '1997-09-30T09:00:00',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    window: ['1997-09-01', '1998-02-01'],
    expect: [
      '1997-09-30T09:00:00-04:00',
      '1997-10-31T09:00:00-05:00',
      '1997-11-28T09:00:00-05:00',
      '1997-12-31T09:00:00-05:00',
      '1998-01-30T09:00:00-05:00',
    ],
  },
  {
    name: 'every 15 minutes for 6 occurrences',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=MINUTELY;INTERVAL=15;COUNT=6',
    window: ['1997-09-01', '1997-09-03'],
    expect: ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'].map((t) => `1997-09-02T${t}:00-04:00`),
  },
  {
    name: 'every 20 minutes from 9:00 to 16:40 (BYHOUR, BYMINUTE), first day',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40',
    window: ['1997-09-02', '1997-09-03'],
    expect: [9, 10, 11, 12, 13, 14, 15, 16].flatMap((h) =>
      ['00', '20', '40'].map((m) => `1997-09-02T${String(h).padStart(2, '0')}:${m}:00-04:00`),
    ),
  },
  {
    name: 'every 3 hours with seconds (HOURLY) until a UTC instant',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z',
    window: ['1997-09-01', '1997-09-04'],
    expect: ['1997-09-02T09:00:00-04:00', '1997-09-02T12:00:00-04:00', '1997-09-02T15:00:00-04:00'],
  },
  {
    name: 'every 2 seconds for 3 occurrences (SECONDLY)',
    start: '1997-09-02T09:00:00',
    rrule: 'FREQ=SECONDLY;INTERVAL=2;COUNT=3',
    window: ['1997-09-01', '1997-09-04'],
    expect: ['1997-09-02T09:00:00-04:00', '1997-09-02T09:00:02-04:00', '1997-09-02T09:00:04-04:00'],
  },
  {
    name: 'every day in January for 3 years (YEARLY with BYMONTH and BYDAY), first week',
    start: '1998-01-01T09:00:00',
    rrule: 'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
    window: ['2000-01-25', '2000-02-10'],
    expect: ['25', '26', '27', '28', '29', '30', '31'].map((d) => `2000-01-${d}T09:00:00-05:00`),
  },
  {
    name: 'every third year on the 1st, 100th and 200th day (BYYEARDAY)',
    start: '1997-01-01T09:00:00',
    rrule: 'FREQ=YEARLY;INTERVAL=3;COUNT=4;BYYEARDAY=1,100,200',
    window: ['1997-01-01', '2001-01-01'],
    expect: ['1997-01-01T09:00:00-05:00', '1997-04-10T09:00:00-04:00', '1997-07-19T09:00:00-04:00', '2000-01-01T09:00:00-05:00'],
  },
];

describe('RRULE: RFC 5545 section 3.8.5.3 examples', () => {
  for (const example of RFC_EXAMPLES) {
    it(example.name, () => {
      const event = ev({ start: example.start, timeZone: 'America/New_York', rrule: example.rrule, exdates: example.exdates });
      assert.deepEqual(starts([event], example.window[0], example.window[1], 'America/New_York'), example.expect);
    });
  }
});

describe('expansion in the event zone, shown in the display zone', () => {
  const service = ev({
    start: '2026-10-04T10:00:00',
    end: '2026-10-04T11:00:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
  });

  it('a weekly 10:00 service stays at 10:00 across the autumn change', () => {
    const occ = expandOccurrences([service], { start: '2026-10-18', end: '2026-11-02' });
    assert.deepEqual(
      occ.map((o) => [o.start, o.end]),
      [
        ['2026-10-18T10:00:00+02:00', '2026-10-18T11:00:00+02:00'],
        ['2026-10-25T10:00:00+01:00', '2026-10-25T11:00:00+01:00'],
        ['2026-11-01T10:00:00+01:00', '2026-11-01T11:00:00+01:00'],
      ],
    );
  });

  it('a visitor zone only changes how the same instants are written', () => {
    assert.deepEqual(starts([service], '2026-10-18', '2026-11-02', 'America/New_York'), [
      '2026-10-18T04:00:00-04:00',
      '2026-10-25T05:00:00-04:00',
      '2026-11-01T04:00:00-05:00',
    ]);
  });

  it('a UTC series recurs in UTC (RFC 5545), so its Berlin wall time moves with DST', () => {
    const utc = ev({ start: '2026-10-18T08:00:00Z', timeZone: 'UTC', rrule: 'FREQ=WEEKLY' });
    assert.deepEqual(starts([utc], '2026-10-18', '2026-11-02'), [
      '2026-10-18T10:00:00+02:00',
      '2026-10-25T09:00:00+01:00',
      '2026-11-01T09:00:00+01:00',
    ]);
  });

  it('floating times are read in the display zone', () => {
    const floating = ev({ start: '2026-12-05T15:00:00' });
    assert.deepEqual(starts([floating], '2026-12-01', '2026-12-31'), ['2026-12-05T15:00:00+01:00']);
    assert.deepEqual(starts([floating], '2026-12-01', '2026-12-31', 'America/New_York'), ['2026-12-05T15:00:00-05:00']);
  });

  it('a daily series through the spring gap keeps 02:30 as 03:30 CEST on the gap day', () => {
    const early = ev({ start: '2026-03-28T02:30:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=DAILY;COUNT=3' });
    assert.deepEqual(starts([early], '2026-03-27', '2026-04-01'), [
      '2026-03-28T02:30:00+01:00',
      '2026-03-29T03:30:00+02:00',
      '2026-03-30T02:30:00+02:00',
    ]);
  });

  it('a doubled autumn hour is its first occurrence', () => {
    const night = ev({ start: '2026-10-25T02:30:00', timeZone: 'Europe/Berlin' });
    assert.deepEqual(starts([night], '2026-10-25', '2026-10-26'), ['2026-10-25T02:30:00+02:00']);
  });

  it('DTEND-based durations are exact across a DST change; DURATION days are nominal', () => {
    const overnightExact = ev({ start: '2026-10-24T20:00:00', end: '2026-10-25T08:00:00', timeZone: 'Europe/Berlin' });
    const [a] = expandOccurrences([overnightExact], { start: '2026-10-24', end: '2026-10-26' });
    assert.equal(a!.end, '2026-10-25T08:00:00+01:00');
    const nominal = ev({ start: '2026-10-24T20:00:00', duration: 'P1D', timeZone: 'Europe/Berlin' });
    const [b] = expandOccurrences([nominal], { start: '2026-10-24', end: '2026-10-26' });
    assert.equal(b!.end, '2026-10-25T20:00:00+01:00');
    const exact = ev({ start: '2026-10-24T20:00:00', duration: 'PT24H', timeZone: 'Europe/Berlin' });
    const [c] = expandOccurrences([exact], { start: '2026-10-24', end: '2026-10-26' });
    assert.equal(c!.end, '2026-10-25T19:00:00+01:00');
  });
});

describe('RFC 5545 rules that rrule.js does not follow on its own', () => {
  it('DTSTART is always the first occurrence, even when the rule does not produce it', () => {
    // Saturday start, rule says Fridays: RFC 5545 includes DTSTART, rrule.js would drop it.
    const event = ev({ start: '2026-08-01T21:00:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=3' });
    assert.deepEqual(starts([event], '2026-07-01', '2026-09-01'), [
      '2026-08-01T21:00:00+02:00',
      '2026-08-07T21:00:00+02:00',
      '2026-08-14T21:00:00+02:00',
    ]);
  });

  it('an RDATE-only series is DTSTART plus its RDATEs, with period RDATEs keeping their own end', () => {
    const event = ev({
      start: '2026-03-03T16:30:00',
      end: '2026-03-03T17:30:00',
      timeZone: 'Europe/Berlin',
      rdates: ['2026-03-17T16:30:00', '2026-04-14T16:30:00/2026-04-14T19:00:00', '2026-04-21T16:30:00/PT30M'],
    });
    const occ = expandOccurrences([event], { start: '2026-03-01', end: '2026-05-01' });
    assert.deepEqual(
      occ.map((o) => [o.start, o.end, o.recurring]),
      [
        ['2026-03-03T16:30:00+01:00', '2026-03-03T17:30:00+01:00', true],
        ['2026-03-17T16:30:00+01:00', '2026-03-17T17:30:00+01:00', true],
        ['2026-04-14T16:30:00+02:00', '2026-04-14T19:00:00+02:00', true],
        ['2026-04-21T16:30:00+02:00', '2026-04-21T17:00:00+02:00', true],
      ],
    );
  });

  it('UNTIL is inclusive', () => {
    const event = ev({ start: '2026-12-01T19:30:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=WEEKLY;UNTIL=20261208T183000Z' });
    assert.deepEqual(starts([event], '2026-11-01', '2027-01-01'), ['2026-12-01T19:30:00+01:00', '2026-12-08T19:30:00+01:00']);
  });

  it('UNTIL given as a date for a timed series includes that whole day', () => {
    const event = ev({ start: '2026-12-01T19:30:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=WEEKLY;UNTIL=20261208' });
    assert.deepEqual(starts([event], '2026-11-01', '2027-01-01'), ['2026-12-01T19:30:00+01:00', '2026-12-08T19:30:00+01:00']);
  });
});

describe('exceptions and overrides', () => {
  const base = ev({
    id: 'gd',
    start: '2026-11-01T10:00:00',
    end: '2026-11-01T11:00:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY',
  });

  it('EXDATE removes a date, given as local time, as UTC or as a date', () => {
    for (const exdate of ['2026-11-08T10:00:00', '2026-11-08T09:00:00Z', '2026-11-08']) {
      assert.deepEqual(
        starts([{ ...base, exdates: [exdate] }], '2026-11-01', '2026-11-16'),
        ['2026-11-01T10:00:00+01:00', '2026-11-15T10:00:00+01:00'],
        exdate,
      );
    }
  });

  it('a moved override replaces its date once and keeps the series fields it leaves out', () => {
    const moved = ev({
      id: 'gd',
      title: 'Gottesdienst zum Ewigkeitssonntag',
      start: '2026-11-22T11:00:00',
      end: '2026-11-22T12:00:00',
      timeZone: 'Europe/Berlin',
      recurrenceId: '2026-11-22T10:00:00',
    });
    const occ = expandOccurrences([{ ...base, description: 'Predigt', categories: ['Kirche'] }, moved], {
      start: '2026-11-15',
      end: '2026-11-30',
    });
    assert.deepEqual(
      occ.map((o) => [o.start, o.title, o.recurrenceId]),
      [
        ['2026-11-15T10:00:00+01:00', 'Termin', '2026-11-15T10:00:00+01:00'],
        ['2026-11-22T11:00:00+01:00', 'Gottesdienst zum Ewigkeitssonntag', '2026-11-22T10:00:00+01:00'],
        ['2026-11-29T10:00:00+01:00', 'Termin', '2026-11-29T10:00:00+01:00'],
      ],
    );
    assert.equal(occ[1]!.description, 'Predigt');
    assert.deepEqual(occ[1]!.categories, ['Kirche']);
    assert.equal(occ[1]!.key, 'gd/2026-11-22T09:00:00Z');
  });

  it('an override moved into the window from outside it shows; one moved out does not', () => {
    const intoWindow = ev({
      id: 'gd',
      start: '2026-11-20T18:00:00',
      timeZone: 'Europe/Berlin',
      recurrenceId: '2026-12-06T10:00:00',
    });
    const occ = expandOccurrences([base, intoWindow], { start: '2026-11-16', end: '2026-11-21' });
    assert.deepEqual(
      occ.map((o) => o.start),
      ['2026-11-20T18:00:00+01:00'],
    );
    const outOfWindow = expandOccurrences([base, intoWindow], { start: '2026-12-01', end: '2026-12-10' });
    assert.deepEqual(
      outOfWindow.map((o) => o.start),
      [],
    );
  });

  it('a cancelled override stays in the result with status cancelled', () => {
    const cancelled = ev({
      id: 'gd',
      start: '2026-11-15T10:00:00',
      timeZone: 'Europe/Berlin',
      recurrenceId: '2026-11-15T10:00:00',
      status: 'cancelled',
    });
    const occ = expandOccurrences([base, cancelled], { start: '2026-11-15', end: '2026-11-16' });
    assert.equal(occ.length, 1);
    assert.equal(occ[0]!.status, 'cancelled');
    assert.equal(occ[0]!.end, '2026-11-15T11:00:00+01:00', 'an override without an end keeps the series duration');
  });

  it('of two overrides of one date the higher SEQUENCE wins', () => {
    const v1 = ev({
      id: 'gd',
      title: 'alt',
      start: '2026-11-15T10:00:00',
      timeZone: 'Europe/Berlin',
      recurrenceId: '2026-11-15T10:00:00',
      sequence: 2,
    });
    const v2 = ev({
      id: 'gd',
      title: 'neu',
      start: '2026-11-15T10:00:00',
      timeZone: 'Europe/Berlin',
      recurrenceId: '2026-11-15T10:00:00',
      sequence: 1,
    });
    const occ = expandOccurrences([base, v1, v2], { start: '2026-11-15', end: '2026-11-16' });
    assert.deepEqual(
      occ.map((o) => o.title),
      ['alt'],
    );
  });

  it('an override whose series is missing is still shown', () => {
    const orphan = ev({ id: 'x', start: '2026-11-15T10:00:00', timeZone: 'Europe/Berlin', recurrenceId: '2026-11-15T10:00:00' });
    assert.deepEqual(starts([orphan], '2026-11-01', '2026-12-01'), ['2026-11-15T10:00:00+01:00']);
  });

  it('an override whose series is missing keeps the key and recurrenceId of the date it replaces', () => {
    // The series' own expansion keys a moved date by its original start; the same date alone
    // (a windowed server's answer, a feed that lost its master) must keep that key, or deep links break.
    const master = ev({ id: 's', start: '2026-11-01T10:00:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=WEEKLY;COUNT=4' });
    const moved = ev({
      id: 's',
      title: 'verlegt',
      start: '2026-11-16T18:00:00',
      timeZone: 'Europe/Berlin',
      recurrenceId: '2026-11-15T10:00:00',
    });
    const window = { start: '2026-11-01', end: '2026-12-01', zone: 'Europe/Berlin' };
    const full = expandOccurrences([master, moved], window).find((o) => o.title === 'verlegt')!;
    const [alone] = expandOccurrences([moved], window);
    assert.equal(full.key, 's/2026-11-15T09:00:00Z');
    assert.equal(alone!.key, full.key);
    assert.equal(alone!.recurrenceId, full.recurrenceId);
    assert.equal(alone!.start, full.start);
    assert.equal(alone!.recurring, true);
    // All-day: the key is the original date.
    const day = ev({ id: 'd', start: '2026-11-20', recurrenceId: '2026-11-19' });
    const [dayAlone] = expandOccurrences([day], window);
    assert.equal(dayAlone!.key, 'd/2026-11-19');
    assert.equal(dayAlone!.recurrenceId, '2026-11-19');
  });
});

describe('all-day and multi-day events', () => {
  it('all-day ends are exclusive and the occurrence overlaps every day it covers', () => {
    const fest = ev({ start: '2026-12-04', end: '2026-12-07' });
    for (const [start, end, count] of [
      ['2026-12-01', '2026-12-04', 0],
      ['2026-12-04', '2026-12-05', 1],
      ['2026-12-06', '2026-12-07', 1],
      ['2026-12-07', '2026-12-08', 0],
    ] as const) {
      assert.equal(expandOccurrences([fest], { start, end }).length, count, `${start}..${end}`);
    }
    const [o] = expandOccurrences([fest], { start: '2026-12-01', end: '2026-12-31' });
    assert.deepEqual([o!.start, o!.end, o!.allDay], ['2026-12-04', '2026-12-07', true]);
  });

  it('an all-day event without an end lasts one day', () => {
    const [o] = expandOccurrences([ev({ start: '2026-06-13' })], { start: '2026-06-01', end: '2026-07-01' });
    assert.deepEqual([o!.start, o!.end], ['2026-06-13', '2026-06-14']);
  });

  it('all-day dates stay the same dates in any display zone', () => {
    const [o] = expandOccurrences([ev({ start: '2026-06-13' })], {
      start: '2026-06-01',
      end: '2026-07-01',
      zone: 'Pacific/Auckland',
    });
    assert.deepEqual([o!.start, o!.end], ['2026-06-13', '2026-06-14']);
  });

  it('a timed multi-day event that started before the window is included', () => {
    const camp = ev({
      start: '2026-07-10T16:00:00',
      end: '2026-07-14T12:00:00',
      timeZone: 'Europe/Berlin',
      rrule: 'FREQ=YEARLY',
    });
    assert.deepEqual(starts([camp], '2027-07-12', '2027-07-13'), ['2027-07-10T16:00:00+02:00']);
  });

  it('an event with no duration is in the window when it starts inside it', () => {
    const point = ev({ start: '2026-09-19T14:00:00', timeZone: 'Europe/Berlin' });
    assert.equal(starts([point], '2026-09-19', '2026-09-20').length, 1);
    assert.equal(starts([point], '2026-09-20', '2026-09-21').length, 0);
  });

  it('all-day events sort before timed ones on the same day', () => {
    const occ = expandOccurrences(
      [
        ev({ id: 't', title: 'A', start: '2026-06-13T00:00:00', timeZone: 'Europe/Berlin' }),
        ev({ id: 'd', title: 'B', start: '2026-06-13' }),
      ],
      {
        start: '2026-06-13',
        end: '2026-06-14',
      },
    );
    assert.deepEqual(
      occ.map((o) => o.eventId),
      ['d', 't'],
    );
  });
});

describe('single dates at the edges of the window', () => {
  it('keeps a date that starts just before the window end, in another zone too', () => {
    const window = { start: '2026-12-01', end: '2027-01-01' };
    const events = [
      ev({ id: 'last', start: '2026-12-31T23:59:00', timeZone: 'Europe/Berlin' }),
      ev({ id: 'at-end', start: '2027-01-01T00:00:00', timeZone: 'Europe/Berlin' }),
      // 18:30 in New York on New Year's Eve is 00:30 in Berlin: after the window shown in Berlin.
      ev({ id: 'ny-late', start: '2026-12-31T18:30:00', timeZone: 'America/New_York' }),
      // 17:30 in New York is 23:30 in Berlin: inside.
      ev({ id: 'ny-early', start: '2026-12-31T17:30:00', timeZone: 'America/New_York' }),
      ev({ id: 'all-day-last', start: '2026-12-31' }),
      ev({ id: 'all-day-after', start: '2027-01-01' }),
      ev({ id: 'utc-instant', start: '2026-12-31T22:59:00Z' }),
    ];
    const shown = expandOccurrences(events, { ...window, zone: 'Europe/Berlin' }).map((o) => o.eventId);
    assert.deepEqual(shown.sort(), ['all-day-last', 'last', 'ny-early', 'utc-instant']);
  });

  it('keeps a date whose own calendar day is already past the window end (zones 25 hours apart)', () => {
    // Window shown in Pago Pago (UTC-11) ends 2027-01-01 00:00 there = 11:00 UTC. 00:30 on
    // 2 January in Kiritimati (UTC+14) is 10:30 UTC on 1 January: inside, although its date
    // string is the day after the window's (exclusive) end. 11:30 there is 21:30 UTC: outside.
    const events = [
      ev({ id: 'kiritimati', start: '2027-01-02T00:30:00', timeZone: 'Pacific/Kiritimati' }),
      ev({ id: 'later', start: '2027-01-02T11:30:00', timeZone: 'Pacific/Kiritimati' }),
      ev({ id: 'utc', start: '2027-01-01T10:59:00Z' }),
      ev({ id: 'utc-after', start: '2027-01-01T11:00:00Z' }),
    ];
    const shown = expandOccurrences(events, { start: '2026-12-01', end: '2027-01-01', zone: 'Pacific/Pago_Pago' });
    assert.deepEqual(shown.map((o) => o.eventId).sort(), ['kiritimati', 'utc']);
  });

  it('keeps a date that starts before the window and runs into it, and drops one that ended', () => {
    const events = [
      ev({ id: 'running', start: '2026-11-30T20:00:00', end: '2026-12-01T02:00:00', timeZone: 'Europe/Berlin' }),
      ev({ id: 'ended', start: '2026-11-30T20:00:00', end: '2026-12-01T00:00:00', timeZone: 'Europe/Berlin' }),
      ev({ id: 'festival', start: '2026-11-28', end: '2026-12-03' }),
    ];
    const shown = expandOccurrences(events, { start: '2026-12-01', end: '2027-01-01', zone: 'Europe/Berlin' });
    assert.deepEqual(shown.map((o) => o.eventId).sort(), ['festival', 'running']);
  });
});

describe('bounded work', () => {
  it('FREQ=SECONDLY from 1970 over one month returns (bounded) and reports', () => {
    const event = ev({ start: '1970-01-01T00:00:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=SECONDLY' });
    const report = expandOccurrencesReport([event], { start: '2026-12-01', end: '2027-01-01', budget: 5000 });
    assert.equal(report.occurrences.length, 5000);
    assert.equal(report.occurrences[0]!.start, '2026-12-01T00:00:00+01:00');
    assert.match(report.errors[0]!.message, /more than 5000 dates/);
  });

  it('FREQ=SECONDLY with a huge COUNT from 1970 is refused, not run', () => {
    const event = ev({ start: '1970-01-01T00:00:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=SECONDLY;COUNT=999999999' });
    const report = expandOccurrencesReport([event], { start: '2026-12-01', end: '2027-01-01' });
    assert.equal(report.occurrences.length, 0);
    assert.equal(report.errors.length, 1);
  });

  it('FREQ=DAILY from 1900 gives exactly the days of the window', () => {
    const event = ev({ start: '1900-01-01T08:00:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=DAILY' });
    const occ = starts([event], '2026-12-01', '2027-01-01');
    assert.equal(occ.length, 31);
    assert.equal(occ[0], '2026-12-01T08:00:00+01:00');
    assert.equal(occ[30], '2026-12-31T08:00:00+01:00');
  });

  it('an impossible rule (30 February) from 1900 returns nothing', () => {
    const event = ev({ start: '1900-01-01T08:00:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' });
    assert.deepEqual(starts([event], '2026-01-01', '2027-01-01'), []);
  });
});

describe('bad input never breaks expansion', () => {
  it('an event with an invalid start or rule is reported and the others still come out', () => {
    const good = ev({ id: 'ok', start: '2026-05-01T10:00:00', timeZone: 'Europe/Berlin' });
    const badStart = ev({ id: 'bad', start: 'gestern' });
    const badRule = ev({ id: 'rule', start: '2026-05-02T10:00:00', timeZone: 'Europe/Berlin', rrule: 'FREQ=SOMETIMES' });
    const report = expandOccurrencesReport([good, badStart, badRule], { start: '2026-05-01', end: '2026-06-01' });
    assert.deepEqual(
      report.occurrences.map((o) => o.eventId),
      ['ok', 'rule'],
    );
    assert.deepEqual(
      report.errors.map((e) => e.eventId),
      ['bad', 'rule'],
    );
  });

  it('an invalid window gives an error, not an exception', () => {
    const report = expandOccurrencesReport([], { start: 'bald', end: '2026-01-01' });
    assert.equal(report.occurrences.length, 0);
    assert.equal(report.errors[0]!.severity, 'error');
  });

  it('an unknown display zone falls back to Europe/Berlin with a warning', () => {
    const report = expandOccurrencesReport([ev({ start: '2026-05-01T10:00:00', timeZone: 'Europe/Berlin' })], {
      start: '2026-05-01',
      end: '2026-05-02',
      zone: 'Mars/Olympus',
    });
    assert.equal(report.occurrences[0]!.start, '2026-05-01T10:00:00+02:00');
    assert.equal(report.errors[0]!.severity, 'warning');
  });
});

describe('occurrence shape', () => {
  it('carries the event fields and an id per date', () => {
    const { events } = parseIcs(
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:f1',
        'DTSTART;TZID=Europe/Berlin:20261212T193000',
        'DTEND;TZID=Europe/Berlin:20261212T213000',
        'SUMMARY:Konzert',
        'LOCATION:Bestehornhaus',
        'CATEGORIES:Musik,Kultur',
        'URL:https://example.org/konzert',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    const [o] = expandOccurrences(events, { start: '2026-12-01', end: '2027-01-01' });
    assert.deepEqual(
      { ...o },
      {
        eventId: 'f1',
        title: 'Konzert',
        start: '2026-12-12T19:30:00+01:00',
        end: '2026-12-12T21:30:00+01:00',
        allDay: false,
        status: 'scheduled',
        categories: ['Musik', 'Kultur'],
        audience: [],
        accessibility: [],
        location: { name: 'Bestehornhaus' },
        url: 'https://example.org/konzert',
        recurrenceId: '2026-12-12T19:30:00+01:00',
        key: 'f1/2026-12-12T18:30:00Z',
        recurring: false,
        timeZone: 'Europe/Berlin',
      },
    );
  });
});
