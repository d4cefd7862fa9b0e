/**
 * Real-world feeds: values that break RFC 5545 in small ways whose intent is still clear, as
 * public bug reports show generators write them. Each case names the report it came from; the
 * fixtures are our own. The dates are checked against hand-made lists, and each leniency's
 * warning is checked too. docs/feed-format.md lists the same cases.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandOccurrencesReport, parseIcs, parseJsonFeed, type FeedResult } from '../../src/core/index.js';

const CRLF = '\r\n';

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//w4g test//real world//DE', ...lines, 'END:VCALENDAR'].join(CRLF);
}

/** One VEVENT with a UID and a title around `lines`. */
function event(uid: string, ...lines: string[]): string {
  return calendar('BEGIN:VEVENT', `UID:${uid}`, 'SUMMARY:Probe', ...lines, 'END:VEVENT');
}

/** `start end` of every occurrence in [from, to) shown in Berlin. */
function dates(result: FeedResult, from: string, to: string): string[] {
  const { occurrences, errors } = expandOccurrencesReport(result.events, { start: from, end: to, zone: 'Europe/Berlin' });
  assert.deepEqual(errors, [], 'expansion reports nothing');
  return occurrences.map((o) => `${o.start} ${o.end}`);
}

/** The messages of the feed's problems. */
function messages(result: FeedResult): string[] {
  return result.errors.map((e) => `${e.severity}: ${e.message}`);
}

/** Asserts exactly one problem, a warning matching `pattern`. */
function warnsOnce(result: FeedResult, pattern: RegExp): void {
  assert.equal(result.errors.length, 1, messages(result).join('\n'));
  assert.equal(result.errors[0]!.severity, 'warning');
  assert.match(result.errors[0]!.message, pattern);
}

const THURSDAYS_19 = ['2026-12-03', '2026-12-10', '2026-12-17'].map((d) => `${d}T19:00:00+01:00 ${d}T20:00:00+01:00`);

describe('RRULE values', () => {
  it('COUNT=0 beside a valid UNTIL: the UNTIL ends the series (pimutils/vdirsyncer#1052, Apple Calendar)', () => {
    const result = parseIcs(
      event(
        'count-zero',
        'DTSTART;TZID=Europe/Berlin:20261203T190000',
        'DTEND;TZID=Europe/Berlin:20261203T200000',
        'RRULE:FREQ=WEEKLY;COUNT=0;UNTIL=20261217T180000Z',
      ),
    );
    warnsOnce(result, /RRULE COUNT=0 is not a positive integer; it was left out and the series ends at its UNTIL/);
    assert.equal(result.events[0]!.rrule, 'FREQ=WEEKLY;UNTIL=20261217T180000Z');
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), THURSDAYS_19);
  });

  it('COUNT=-1 beside a DATE UNTIL on an all-day series (derekantrican/GAS-ICS-Sync#466, Confluence)', () => {
    const result = parseIcs(event('count-minus', 'DTSTART;VALUE=DATE:20260613', 'RRULE:FREQ=YEARLY;UNTIL=20280613;COUNT=-1'));
    warnsOnce(result, /RRULE COUNT=-1 is not a positive integer; it was left out/);
    assert.deepEqual(dates(result, '2026-01-01', '2030-01-01'), [
      '2026-06-13 2026-06-14',
      '2027-06-13 2027-06-14',
      '2028-06-13 2028-06-14',
    ]);
  });

  it('COUNT=0 without UNTIL stays unreadable: endless or empty, nobody can tell (jkbrzt/rrule#226)', () => {
    const result = parseIcs(event('count-alone', 'DTSTART;TZID=Europe/Berlin:20261203T190000', 'RRULE:FREQ=WEEKLY;COUNT=0'));
    warnsOnce(result, /COUNT=0 is not a positive integer; only its first date is shown/);
    assert.equal(result.events[0]!.rrule, undefined);
  });

  it('a part written twice with the same value counts once (issue 10; unlike dmfs/lib-recur#8)', () => {
    const result = parseIcs(
      event('freq-twice', 'DTSTART;TZID=Europe/Berlin:20261107T100000', 'RRULE:FREQ=MONTHLY;BYDAY=1SA;FREQ=MONTHLY;COUNT=3'),
    );
    warnsOnce(result, /RRULE part FREQ=MONTHLY appears twice with the same value; it was read once/);
    assert.equal(result.events[0]!.rrule, 'FREQ=MONTHLY;BYDAY=1SA;COUNT=3');
    assert.deepEqual(dates(result, '2026-11-01', '2027-03-01'), [
      '2026-11-07T10:00:00+01:00 2026-11-07T10:00:00+01:00',
      '2026-12-05T10:00:00+01:00 2026-12-05T10:00:00+01:00',
      '2027-01-02T10:00:00+01:00 2027-01-02T10:00:00+01:00',
    ]);
  });

  it('a part written twice with different values stays an error (dmfs/lib-recur#8)', () => {
    const result = parseIcs(event('freq-differs', 'DTSTART:20261203T180000Z', 'RRULE:FREQ=WEEKLY;BYDAY=TH;FREQ=DAILY'));
    warnsOnce(result, /RRULE part FREQ appears twice; only its first date is shown/);
    assert.equal(result.events[0]!.rrule, undefined);
  });

  it('a part without a value is left out, as if not written (simshaun/recurr#98, grafana-cold-storage/oncall#535)', () => {
    const result = parseIcs(
      event('empty-part', 'DTSTART;TZID=Europe/Berlin:20261202T180000', 'RRULE:FREQ=WEEKLY;BYDAY=;INTERVAL=2;COUNT=3'),
    );
    warnsOnce(result, /RRULE part BYDAY= has no value and was left out/);
    assert.equal(result.events[0]!.rrule, 'FREQ=WEEKLY;INTERVAL=2;COUNT=3');
    // Wednesdays every other week, as DTSTART says.
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), [
      '2026-12-02T18:00:00+01:00 2026-12-02T18:00:00+01:00',
      '2026-12-16T18:00:00+01:00 2026-12-16T18:00:00+01:00',
      '2026-12-30T18:00:00+01:00 2026-12-30T18:00:00+01:00',
    ]);
  });

  it('an empty item in a list is dropped (the same generators: a list joined with an empty element)', () => {
    const result = parseIcs(
      event('empty-item', 'DTSTART;TZID=Europe/Berlin:20261201T170000', 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH,;COUNT=4'),
    );
    warnsOnce(result, /RRULE BYDAY=TU,TH, has an empty item; it was left out/);
    assert.equal(result.events[0]!.rrule, 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4');
    assert.deepEqual(
      dates(result, '2026-11-01', '2027-02-01').map((d) => d.slice(0, 10)),
      ['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10'],
    );
  });

  it('a trailing ";" and lower case are read silently and kept in capitals (libical/libical#191, nwcell/ics.js#51)', () => {
    const result = parseIcs(
      event(
        'google-style',
        'DTSTART;TZID=Europe/Berlin:20261203T190000',
        'DTEND;TZID=Europe/Berlin:20261203T200000',
        'rrule:freq=weekly;byday=th;count=3;',
      ),
    );
    assert.deepEqual(result.errors, []);
    assert.equal(result.events[0]!.rrule, 'FREQ=WEEKLY;BYDAY=TH;COUNT=3');
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), THURSDAYS_19);
  });

  it('a second "RRULE:" inside the value is dropped (sebbo2002/ical-generator#459, square/ruby-rrule#39)', () => {
    const result = parseIcs(
      event(
        'double-prefix',
        'DTSTART;TZID=Europe/Berlin:20261203T190000',
        'DTEND;TZID=Europe/Berlin:20261203T200000',
        'RRULE:RRULE:FREQ=WEEKLY;COUNT=3',
      ),
    );
    warnsOnce(result, /RRULE value starts with a second "RRULE:"; it was dropped/);
    // Kept without the prefix, so that a writer does not repeat it.
    assert.equal(result.events[0]!.rrule, 'FREQ=WEEKLY;COUNT=3');
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), THURSDAYS_19);
  });
});

describe('UNTIL of the wrong kind for DTSTART', () => {
  it('a DATE UNTIL on a timed series runs to the end of that day (niccokunzmann/python-recurring-ical-events#4, Google)', () => {
    const result = parseIcs(
      event(
        'until-date',
        'DTSTART;TZID=Europe/Berlin:20261203T190000',
        'DTEND;TZID=Europe/Berlin:20261203T200000',
        'RRULE:FREQ=WEEKLY;UNTIL=20261217;BYDAY=TH',
      ),
    );
    warnsOnce(result, /RRULE UNTIL=2026-12-17 is a date but the start has a time of day; the series runs to the end of that day/);
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), THURSDAYS_19);
  });

  it('an UNTIL without Z on a zoned series is a wall-clock time in its zone (jelmer/xandikos#571, iPhone)', () => {
    // 18:30 in Berlin is before the 19:00 date of the 17th; read as UTC it would be after it.
    const result = parseIcs(
      event(
        'until-local',
        'DTSTART;TZID=Europe/Berlin:20261203T190000',
        'DTEND;TZID=Europe/Berlin:20261203T200000',
        'RRULE:FREQ=WEEKLY;UNTIL=20261217T183000',
      ),
    );
    warnsOnce(
      result,
      /UNTIL=2026-12-17T18:30:00 has no "Z" \(UTC\) although the start has a time zone; it was read as a wall-clock time/,
    );
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), THURSDAYS_19.slice(0, 2));
  });

  it('an UNTIL with a time on an all-day series ends on the day it falls on, as before, now reported (Etar-Group/Etar-Calendar#779)', () => {
    // Exchange's way: the start of the last day in Berlin, written in UTC.
    const result = parseIcs(event('until-allday', 'DTSTART;VALUE=DATE:20261201', 'RRULE:FREQ=DAILY;UNTIL=20261203T230000Z'));
    warnsOnce(
      result,
      /UNTIL=2026-12-03T23:00:00Z has a time but the event is all-day; the series ends on the day that instant falls on/,
    );
    assert.deepEqual(
      dates(result, '2026-11-01', '2027-02-01').map((d) => d.slice(0, 10)),
      ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
    );
  });
});

describe('DTEND and DURATION', () => {
  it('a DATE DTSTART with a DTEND at 23:59:59 is all-day through that day (allenporter/ical#687, Edlio)', () => {
    const result = parseIcs(event('end-2359', 'DTSTART;VALUE=DATE:20261224', 'DTEND:20261225T235959'));
    warnsOnce(
      result,
      /DTSTART is a date but DTEND a date-time; DTEND 20261225T235959 was read as an all-day end: the event lasts until 2026-12-26 begins/,
    );
    assert.equal(result.events[0]!.end, '2026-12-26');
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-24 2026-12-26']);
  });

  it('a DATE DTSTART with a DTEND at midnight UTC ends at that date (niccokunzmann/python-recurring-ical-events#201)', () => {
    const result = parseIcs(event('end-midnight', 'DTSTART;VALUE=DATE:20260724', 'DTEND:20260817T000000Z'));
    warnsOnce(result, /DTEND 20260817T000000Z was read as an all-day end: the event lasts until 2026-08-17 begins/);
    assert.deepEqual(dates(result, '2026-07-01', '2026-09-01'), ['2026-07-24 2026-08-17']);
  });

  it('a DATE-TIME DTSTART with a DATE DTEND ends when that day begins (allenporter/ical#687)', () => {
    const result = parseIcs(event('end-date', 'DTSTART;TZID=Europe/Berlin:20261231T200000', 'DTEND;VALUE=DATE:20270101'));
    warnsOnce(
      result,
      /DTSTART is a date-time but DTEND a date; DTEND 20270101 was read as the start of that day, 2027-01-01T00:00:00/,
    );
    assert.deepEqual(dates(result, '2026-12-01', '2027-02-01'), ['2026-12-31T20:00:00+01:00 2027-01-01T00:00:00+01:00']);
  });

  it('an all-day DTEND equal to DTSTART is one day (pimutils/khal#129, franc6/ics_calendar#66)', () => {
    const result = parseIcs(event('end-equal', 'DTSTART;VALUE=DATE:20261127', 'DTEND;VALUE=DATE:20261127'));
    warnsOnce(result, /DTEND equals DTSTART on an all-day event; it was read as one day/);
    assert.deepEqual(dates(result, '2026-11-01', '2026-12-01'), ['2026-11-27 2026-11-28']);
  });

  it('DURATION:P1DT is one day (bitfireAT/ical4android#77, E-DIARY)', () => {
    const result = parseIcs(event('dur-t', 'DTSTART;TZID=Europe/Berlin:20261205T100000', 'DURATION:P1DT'));
    warnsOnce(result, /DURATION "P1DT" ends in a "T" with no time after it; read as P1D/);
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-05T10:00:00+01:00 2026-12-06T10:00:00+01:00']);
  });

  it('DURATION:P15M stays unreadable: minutes to iCalendar, months to ISO 8601 (ical4j/ical4j#504)', () => {
    const result = parseIcs(event('dur-m', 'DTSTART;TZID=Europe/Berlin:20261205T100000', 'DURATION:P15M'));
    warnsOnce(result, /DURATION "P15M" is not a positive duration and was ignored/);
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-05T10:00:00+01:00 2026-12-05T10:00:00+01:00']);
  });
});

describe('TZID', () => {
  it('an unquoted TZID with a colon is read up to the last colon (libical/libical#152, Google Calendar)', () => {
    const result = parseIcs(
      calendar(
        'BEGIN:VTIMEZONE',
        'TZID:GMT+01:00',
        'BEGIN:STANDARD',
        'DTSTART:19700101T000000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:tzid-colon',
        'SUMMARY:Probe',
        'DTSTART;TZID=GMT+01:00:20260704T190000',
        'DTEND;TZID=GMT+01:00:20260704T210000',
        'END:VEVENT',
      ),
    );
    // One note for DTSTART and one for DTEND, nothing else.
    assert.equal(result.errors.length, 2, messages(result).join('\n'));
    for (const e of result.errors) {
      assert.equal(e.severity, 'warning');
      assert.match(e.message, /TZID "GMT\+01:00" holds a colon but is not quoted; it was read up to the last colon/);
    }
    // 19:00 at +01:00 all year is 18:00 UTC, 20:00 in Berlin's summer time.
    assert.deepEqual(dates(result, '2026-07-01', '2026-08-01'), ['2026-07-04T20:00:00+02:00 2026-07-04T22:00:00+02:00']);
  });

  it('a TZID beside a Z is read as UTC, as before, and now reported (tutao/tutanota#11248)', () => {
    const result = parseIcs(event('tzid-z', 'DTSTART;TZID=Europe/Berlin:20261224T180000Z'));
    warnsOnce(result, /DTSTART "20261224T180000Z" has TZID=Europe\/Berlin and ends in "Z" \(UTC\); it was read as UTC/);
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-24T19:00:00+01:00 2026-12-24T19:00:00+01:00']);
  });

  it('TZID=UTC beside a Z says the same twice and is read silently (tutao/tutanota#11281)', () => {
    const result = parseIcs(event('tzid-utc-z', 'DTSTART;TZID=UTC:20261224T180000Z'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-24T19:00:00+01:00 2026-12-24T19:00:00+01:00']);
  });

  it('a TZID with a leading slash or in quotes names the IANA zone (collective/icalendar#466, kewisch/ical.js#454)', () => {
    for (const tzid of ['/Europe/Stockholm', '"Europe/Stockholm"']) {
      const result = parseIcs(event('tzid-slash', `DTSTART;TZID=${tzid}:20261021T200000`));
      assert.deepEqual(result.errors, [], tzid);
      assert.equal(result.events[0]!.timeZone, 'Europe/Stockholm', tzid);
      assert.deepEqual(dates(result, '2026-10-01', '2026-11-01'), ['2026-10-21T20:00:00+02:00 2026-10-21T20:00:00+02:00'], tzid);
    }
  });
});

describe('dates that were already read as meant', () => {
  it('DTSTART:YYYYMMDD without VALUE=DATE is an all-day date (kewisch/ical.js#515)', () => {
    const result = parseIcs(event('plain-date', 'DTSTART:20261224', 'DTEND:20261226'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-24 2026-12-26']);
  });

  it('an EXDATE that is a DATE leaves out that day of a timed series (kewisch/ical.js#458)', () => {
    const result = parseIcs(
      event(
        'exdate-date',
        'DTSTART;TZID=Europe/Berlin:20261203T190000',
        'DTEND;TZID=Europe/Berlin:20261203T200000',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'EXDATE;VALUE=DATE:20261210',
      ),
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), [THURSDAYS_19[0], THURSDAYS_19[2]]);
  });

  it('an EXDATE in UTC leaves out the Berlin day of an all-day series (jens-maus/node-ical#454, Exchange)', () => {
    const result = parseIcs(
      event('exdate-utc', 'DTSTART;VALUE=DATE:20261208', 'RRULE:FREQ=DAILY;COUNT=4', 'EXDATE:20261209T230000Z'),
    );
    assert.deepEqual(result.errors, []);
    // 2026-12-09T23:00Z is the start of 10 December in Berlin.
    assert.deepEqual(
      dates(result, '2026-12-01', '2027-01-01').map((d) => d.slice(0, 10)),
      ['2026-12-08', '2026-12-09', '2026-12-11'],
    );
  });

  it('an EXDATE list with a Windows TZID leaves out each date (jens-maus/node-ical#167, Exchange)', () => {
    const result = parseIcs(
      event(
        'exdate-list',
        'DTSTART;TZID=W. Europe Standard Time:20261203T190000',
        'DTEND;TZID=W. Europe Standard Time:20261203T200000',
        'RRULE:FREQ=WEEKLY;UNTIL=20261231T225959Z',
        'EXDATE;TZID=W. Europe Standard Time:20261210T190000,20261224T190000',
      ),
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      dates(result, '2026-11-01', '2027-02-01').map((d) => d.slice(0, 10)),
      ['2026-12-03', '2026-12-17', '2026-12-31'],
    );
  });
});

describe('the JSON feed reads the same values the same way', () => {
  function feed(fields: Record<string, unknown>): FeedResult {
    return parseJsonFeed({ timeZone: 'Europe/Berlin', events: [{ id: 'j', title: 'Probe', ...fields }] });
  }

  it('COUNT=0 beside UNTIL in "rrule"', () => {
    const result = feed({
      start: '2026-12-03T19:00',
      end: '2026-12-03T20:00',
      rrule: 'FREQ=WEEKLY;COUNT=0;UNTIL=20261217T180000Z',
    });
    warnsOnce(result, /COUNT=0 is not a positive integer; it was left out/);
    assert.equal(result.errors[0]!.path, '/events/0/rrule');
    assert.equal(result.events[0]!.rrule, 'FREQ=WEEKLY;UNTIL=20261217T180000Z');
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), THURSDAYS_19);
  });

  it('a date-only UNTIL beside a timed start', () => {
    const result = feed({ start: '2026-12-03T19:00', end: '2026-12-03T20:00', rrule: 'FREQ=WEEKLY;UNTIL=20261217' });
    warnsOnce(result, /UNTIL=2026-12-17 is a date but the start has a time of day/);
    assert.deepEqual(dates(result, '2026-11-01', '2027-02-01'), THURSDAYS_19);
  });

  it('an all-day start with an end at 23:59', () => {
    const result = feed({ start: '2026-12-24', end: '2026-12-25T23:59' });
    warnsOnce(result, /start is a date but end a date-time; end "2026-12-25T23:59" was read as an all-day end/);
    assert.equal(result.errors[0]!.path, '/events/0/end');
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-24 2026-12-26']);
  });

  it('a timed start with a date end, and an all-day end equal to its start', () => {
    const timed = feed({ start: '2026-12-31T20:00', end: '2027-01-01' });
    warnsOnce(timed, /start is a date-time but end a date; end "2027-01-01" was read as the start of that day/);
    assert.deepEqual(dates(timed, '2026-12-01', '2027-02-01'), ['2026-12-31T20:00:00+01:00 2027-01-01T00:00:00+01:00']);
    const oneDay = feed({ start: '2026-11-27', end: '2026-11-27' });
    warnsOnce(oneDay, /end equals the start of an all-day event; it was read as one day/);
    assert.deepEqual(dates(oneDay, '2026-11-01', '2026-12-01'), ['2026-11-27 2026-11-28']);
  });

  it('"duration": "P1DT"', () => {
    const result = feed({ start: '2026-12-05T10:00', duration: 'P1DT' });
    warnsOnce(result, /duration "P1DT" ends in a "T" with no time after it; read as P1D/);
    assert.deepEqual(dates(result, '2026-12-01', '2027-01-01'), ['2026-12-05T10:00:00+01:00 2026-12-06T10:00:00+01:00']);
  });
});
