/**
 * Association profiles: standing meetings read from the JSON feed as real recurrences, their
 * next dates (across the DST change), their wording in German and English, and the
 * "Mitglieder gesucht" / "Helfer gesucht" flags and filter.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeMeeting, describeRule, filterAssociations, nextMeetings, parseJsonFeed } from '../../src/core/index.js';

const FEED = {
  timeZone: 'Europe/Berlin',
  associations: [
    {
      id: 'chor',
      name: 'Gemischter Chor Hoym',
      town: 'Seeland',
      meetings: [
        {
          title: 'Chorprobe',
          start: '2027-01-06T19:00',
          end: '2027-01-06T21:00',
          rrule: 'FREQ=MONTHLY;BYDAY=1WE',
          place: 'Vereinsheim',
        },
        { start: '2027-01-29T18:00', rrule: 'FREQ=MONTHLY;BYDAY=-1FR', place: 'Gaststätte „Zur Linde“' },
      ],
      membersWanted: 'Tenor und Bass',
    },
    { id: 'sv', name: 'SV Arnstein', town: 'Arnstein', helpersWanted: true, helpersWantedText: 'für das Sportfest' },
    {
      id: 'bad',
      name: 'Kaputt e.V.',
      meetings: [{ start: 'dienstags' }, { start: '2027-01-05T19:00', rrule: 'FREQ=SOMETIMES' }, 'x'],
      membersWanted: 3,
    },
  ],
};

describe('association profiles', () => {
  const read = parseJsonFeed(FEED);
  const [chor, sv, bad] = read.associations;

  test('the reader keeps meetings, flags and their texts; bad ones are warned about, not fatal', () => {
    assert.deepEqual(chor!.meetings, [
      {
        title: 'Chorprobe',
        start: '2027-01-06T19:00:00',
        end: '2027-01-06T21:00:00',
        timeZone: 'Europe/Berlin',
        rrule: 'FREQ=MONTHLY;BYDAY=1WE',
        place: 'Vereinsheim',
      },
      {
        start: '2027-01-29T18:00:00',
        timeZone: 'Europe/Berlin',
        rrule: 'FREQ=MONTHLY;BYDAY=-1FR',
        place: 'Gaststätte „Zur Linde“',
      },
    ]);
    assert.equal(chor!.membersWanted, true);
    assert.equal(chor!.membersWantedText, 'Tenor und Bass');
    assert.equal(sv!.helpersWanted, true);
    assert.equal(sv!.helpersWantedText, 'für das Sportfest');
    assert.deepEqual(bad!.meetings, [{ start: '2027-01-05T19:00:00', timeZone: 'Europe/Berlin' }]);
    assert.equal(bad!.membersWanted, undefined);
    assert.deepEqual(
      read.errors.map((e) => e.path),
      [
        '/associations/2/meetings/0/start',
        '/associations/2/meetings/1/rrule',
        '/associations/2/meetings/2',
        '/associations/2/membersWanted',
      ],
    );
  });

  test('the next dates come from the core expansion, at 19:00 wall time across the DST change', () => {
    assert.deepEqual(
      nextMeetings(chor!, '2027-03-01', 4).map((o) => `${o.start} ${o.title}`),
      [
        '2027-03-03T19:00:00+01:00 Chorprobe – Gemischter Chor Hoym',
        '2027-03-26T18:00:00+01:00 Gemischter Chor Hoym',
        '2027-04-07T19:00:00+02:00 Chorprobe – Gemischter Chor Hoym',
        '2027-04-30T18:00:00+02:00 Gemischter Chor Hoym',
      ],
    );
    assert.equal(nextMeetings(sv!, '2027-03-01').length, 0);
  });

  test('meetings in words, German (DIN 5008) and English', () => {
    assert.equal(describeMeeting(chor!.meetings![0]!, 'de'), 'Chorprobe: jeden 1. Mittwoch im Monat, 19:00 Uhr, Vereinsheim');
    assert.equal(describeMeeting(chor!.meetings![1]!, 'de'), 'jeden letzten Freitag im Monat, 18:00 Uhr, Gaststätte „Zur Linde“');
    assert.equal(describeMeeting(chor!.meetings![0]!, 'en'), 'Chorprobe: every 1st Wednesday of the month, 7:00 PM, Vereinsheim');
    const cases: [string, string, string, string][] = [
      ['FREQ=WEEKLY', '2027-01-05T19:00', 'jeden Dienstag', 'every Tuesday'],
      ['FREQ=WEEKLY;BYDAY=MO,TH', '2027-01-04T19:00', 'jeden Montag und Donnerstag', 'every Monday and Thursday'],
      ['FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', '2027-01-08T19:00', 'alle 2 Wochen am Freitag', 'every 2 weeks on Friday'],
      [
        'FREQ=MONTHLY;BYDAY=2TU,4TU',
        '2027-01-12T19:00',
        'jeden 2. und 4. Dienstag im Monat',
        'every 2nd and 4th Tuesday of the month',
      ],
      ['FREQ=MONTHLY;BYMONTHDAY=15', '2027-01-15T19:00', 'monatlich am 15.', 'monthly on the 15th'],
      ['FREQ=YEARLY', '2027-06-14T10:00', 'jährlich am 14.06.', 'every year on 14 Jun'],
      ['FREQ=DAILY', '2027-01-01T08:00', 'täglich', 'daily'],
      ['FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR', '2027-01-29T19:00', '', ''],
    ];
    for (const [rule, start, de, en] of cases) {
      assert.equal(describeRule(rule, start, 'de') ?? '', de, rule);
      assert.equal(describeRule(rule, start, 'en') ?? '', en, rule);
    }
    // A rule without words falls back to its first date.
    assert.equal(
      describeMeeting({ start: '2027-01-29T19:00:00', rrule: 'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR' }, 'de'),
      'Fr., 29.01.2027, 19:00 Uhr',
    );
  });

  test('filter: Mitglieder gesucht, Helfer gesucht', () => {
    assert.deepEqual(
      filterAssociations(read.associations, { membersWanted: true }).map((a) => a.id),
      ['chor'],
    );
    assert.deepEqual(
      filterAssociations(read.associations, { helpersWanted: true }).map((a) => a.id),
      ['sv'],
    );
    assert.equal(filterAssociations(read.associations, {}).length, 3);
  });
});
