import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import {
  eventsToIcs,
  expandOccurrences,
  occurrenceToIcs,
  parseIcs,
  type CalendarEvent,
  type Occurrence,
} from '../../src/core/index.js';

const NOW = new Date(Date.UTC(2026, 0, 15, 8, 0, 0));

function ev(fields: Partial<CalendarEvent> & Pick<CalendarEvent, 'id' | 'start'>): CalendarEvent {
  return { title: fields.id, allDay: false, status: 'scheduled', categories: [], audience: [], accessibility: [], ...fields };
}

const TRICKY = 'Kaffee, Kuchen; Musik\\Tanz\nZweite Zeile: Grüße aus Aschersleben 🎉🎶 – „Straße“';
const LONG = `${'Ein sehr langer Text über das Sommerfest im Bestehornpark mit Äpfeln, Öfen und Übermut. '.repeat(6)}🎉👨‍👩‍👧‍👦 Ende`;

/** Every kind of event the library handles, and every optional field. */
const EVENTS: CalendarEvent[] = [
  ev({ id: 'flohmarkt', title: 'Flohmarkt', start: '2026-06-13', end: '2026-06-14', allDay: true }),
  ev({
    id: 'weihnachtsmarkt',
    title: 'Weihnachtsmarkt',
    start: '2026-12-04',
    end: '2026-12-07',
    allDay: true,
    categories: ['Markt', 'Advent, Weihnachten'],
    town: 'Aschersleben',
  }),
  ev({
    id: 'stadtfest',
    title: 'Stadtfest (jährlich, drei Tage)',
    start: '2026-08-21',
    duration: 'P3D',
    allDay: true,
    rrule: 'FREQ=YEARLY;COUNT=3',
  }),
  ev({
    id: 'chor@verein.example',
    title: 'Chorprobe',
    start: '2026-03-03T19:30:00',
    end: '2026-03-03T21:00:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T225959Z',
    exdates: ['2026-03-31T19:30:00', '2026-12-22T19:30:00'],
    rdates: ['2026-04-02T18:00:00', '2026-05-07T18:00:00/2026-05-07T22:00:00', '2026-06-04T18:00:00/PT2H30M'],
    sequence: 2,
    updated: '2026-02-01T10:00:00Z',
    categories: ['Musik'],
  }),
  ev({
    id: 'chor@verein.example',
    title: 'Chorprobe (verlegt)',
    start: '2026-04-08T19:30:00',
    end: '2026-04-08T21:30:00',
    timeZone: 'Europe/Berlin',
    recurrenceId: '2026-04-07T19:30:00',
    sequence: 3,
    status: 'postponed',
    categories: ['Musik'],
  }),
  ev({
    id: 'chor@verein.example',
    title: 'Chorprobe fällt aus',
    start: '2026-10-27T19:30:00',
    end: '2026-10-27T21:00:00',
    timeZone: 'Europe/Berlin',
    recurrenceId: '2026-10-27T19:30:00',
    status: 'cancelled',
  }),
  ev({ id: 'utc', title: 'Webinar', start: '2026-05-01T08:00:00Z', end: '2026-05-01T09:00:00Z', timeZone: 'UTC' }),
  ev({ id: 'floating', title: 'Frühschoppen', start: '2026-05-02T10:00:00', end: '2026-05-02T12:00:00' }),
  ev({
    id: 'ny',
    title: 'Partnerstadt-Call',
    start: '2026-03-06T18:00:00',
    duration: 'PT1H30M',
    timeZone: 'America/New_York',
    rrule: 'FREQ=DAILY;COUNT=5',
  }),
  ev({
    id: 'nacht',
    title: 'Nacht der Museen',
    start: '2026-03-28T22:00:00',
    end: '2026-03-29T04:00:00',
    timeZone: 'Europe/Berlin',
  }),
  ev({
    id: 'alles;mit,allem\\',
    title: TRICKY,
    start: '2026-07-10T16:00:00',
    end: '2026-07-14T12:00:00',
    timeZone: 'Europe/Berlin',
    description: `${TRICKY}\n\n${LONG}`,
    url: 'https://verein.example/sommerfest?tag=1&lang=de',
    image: 'https://verein.example/bilder/fest.jpg',
    imageAlt: 'Kinder, die im Park tanzen; dahinter die Bühne',
    imageCredit: 'Foto: Anna Muster, Heimatverein; „Archiv“',
    imageLicense: 'CC-BY-SA-4.0',
    imageWidth: 1600,
    imageHeight: 1067,
    town: 'Aschersleben',
    location: { name: 'Bestehornpark', address: 'Hinter dem Zoll 2, 06449 Aschersleben', lat: 51.7508, lon: 11.4606 },
    organizerId: 'heimatverein',
    organizer: 'Heimatverein "Alt-Aschersleben", e.V.',
    categories: ['Fest', 'Kinder; Familie', 'Musik\\Tanz'],
    audience: ['Familien', 'Senioren'],
    accessibility: ['rollstuhlgerecht', 'Induktionsschleife'],
    price: '5 €, ermäßigt 3 €',
    free: false,
    contact: { name: 'Anna Muster', email: 'anna@verein.example', phone: '03473 12345' },
    sequence: 7,
    updated: '2026-01-10T09:30:00Z',
    status: 'cancelled',
  }),
  ev({
    id: 'frei',
    title: 'Offenes Singen',
    start: '2026-09-05T15:00:00',
    end: '2026-09-05T16:00:00',
    timeZone: 'Europe/Berlin',
    free: true,
  }),
];

/**
 * What iCalendar carries back: LOCATION and CONTACT are one text each, and a parameter value
 * (the organizer's CN) cannot hold a double quote.
 */
function afterIcs(e: CalendarEvent): CalendarEvent {
  const out = { ...e };
  if (e.organizer) out.organizer = e.organizer.replaceAll('"', "'");
  if (e.location) {
    const { name, address, ...rest } = e.location;
    out.location = { name: [name, address].filter(Boolean).join(', '), ...rest };
  }
  if (e.contact)
    out.contact = { name: [e.contact.name, e.contact.email, e.contact.phone, e.contact.url].filter(Boolean).join(', ') };
  return out;
}

function physicalLines(text: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
      i++;
    }
  }
  assert.equal(start, bytes.length, 'the text ends with CRLF');
  return lines;
}

function assertWellFormed(text: string): void {
  assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(text), 'only CRLF line breaks');
  assert.ok(!text.includes('\uFFFD'), 'no replacement characters');
  const fatal = new TextDecoder('utf-8', { fatal: true });
  physicalLines(text).forEach((line, i) => {
    assert.ok(line.length <= 75, `line ${i + 1} has ${line.length} octets`);
    const body = line[0] === 32 ? line.subarray(1) : line;
    assert.doesNotThrow(() => fatal.decode(body), `line ${i + 1} is UTF-8 on its own`);
  });
}

const WINDOW = { start: '2026-01-01', end: '2027-06-01' };

describe('eventsToIcs', () => {
  const text = eventsToIcs(EVENTS, { calendarName: 'Region, Harz; Börde', now: NOW });

  test('round trip: our reader gives back the same events, without problems', () => {
    const parsed = parseIcs(text);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.events, EVENTS.map(afterIcs));
    assert.equal(parsed.title, 'Region, Harz; Börde');
    assert.equal(parsed.timeZone, 'Europe/Berlin');
  });

  test('round trip: the same occurrences, in Berlin and in New York', () => {
    const parsed = parseIcs(text).events;
    for (const zone of ['Europe/Berlin', 'America/New_York']) {
      const before = expandOccurrences(EVENTS.map(afterIcs), { ...WINDOW, zone });
      assert.ok(before.length > 40);
      assert.deepEqual(expandOccurrences(parsed, { ...WINDOW, zone }), before);
    }
  });

  test('lines are CRLF, at most 75 octets, and folds never split a character', () => {
    assertWellFormed(text);
    assert.ok(
      text.split('\r\n').some((line) => line.startsWith(' ')),
      'the long texts were folded',
    );
  });

  test('folding at every byte alignment of multi-byte characters', () => {
    for (let pad = 0; pad < 4; pad++) {
      const title = `${'x'.repeat(pad)}${'😀ä€'.repeat(40)}`;
      const out = eventsToIcs([ev({ id: 'fold', title, start: '2026-01-01', allDay: true })], { now: NOW });
      assertWellFormed(out);
      assert.equal(parseIcs(out).events[0]!.title, title);
    }
  });

  test('TEXT is escaped, wall times carry TZID, instants Z, dates VALUE=DATE', () => {
    const unfolded = text.replace(/\r\n /g, '');
    assert.ok(unfolded.includes('\r\nSUMMARY:Kaffee\\, Kuchen\\; Musik\\\\Tanz\\nZweite Zeile: Grüße'));
    assert.ok(unfolded.includes('\r\nUID:alles\\;mit\\,allem\\\\\r\n'));
    assert.ok(unfolded.includes('\r\nCATEGORIES:Fest,Kinder\\; Familie,Musik\\\\Tanz\r\n'));
    assert.ok(unfolded.includes('\r\nDTSTART;TZID=Europe/Berlin:20260303T193000\r\n'));
    assert.ok(unfolded.includes('\r\nEXDATE;TZID=Europe/Berlin:20260331T193000,20261222T193000\r\n'));
    assert.ok(
      unfolded.includes('\r\nRDATE;VALUE=PERIOD;TZID=Europe/Berlin:20260507T180000/20260507T220000,20260604T180000/PT2H30M\r\n'),
    );
    assert.ok(unfolded.includes('\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260407T193000\r\n'));
    assert.ok(unfolded.includes('\r\nDTSTART:20260501T080000Z\r\n'));
    assert.ok(unfolded.includes('\r\nDTSTART:20260502T100000\r\n'), 'floating stays floating');
    assert.ok(unfolded.includes('\r\nDTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261207\r\n'));
    assert.ok(unfolded.includes('\r\nDURATION:PT1H30M\r\n'));
    assert.ok(unfolded.includes('\r\nDTSTAMP:20260115T080000Z\r\n'));
    assert.ok(unfolded.includes('\r\nSTATUS:TENTATIVE\r\nX-W4G-STATUS:POSTPONED\r\n'));
    assert.ok(unfolded.includes('\r\nORGANIZER;CN="Heimatverein \'Alt-Aschersleben\', e.V.":mailto:anna@verein.example\r\n'));
    assert.ok(
      unfolded.includes(
        '\r\nIMAGE;VALUE=URI:https://verein.example/bilder/fest.jpg\r\n' +
          'X-W4G-IMAGE-ALT;VALUE=TEXT:Kinder\\, die im Park tanzen\\; dahinter die Bühne\r\n' +
          'X-W4G-IMAGE-CREDIT;VALUE=TEXT:Foto: Anna Muster\\, Heimatverein\\; „Archiv“\r\n' +
          'X-W4G-IMAGE-LICENSE:CC-BY-SA-4.0\r\nX-W4G-IMAGE-SIZE:1600x1067\r\n',
      ),
    );
    assert.ok(unfolded.includes('\r\nGEO:51.7508;11.4606\r\n'));
    assert.ok(unfolded.includes('\r\nLOCATION:Bestehornpark\\, Hinter dem Zoll 2\\, 06449 Aschersleben\r\n'));
  });

  test('one VTIMEZONE per zone of wall times; Berlin as the EU rule', () => {
    const zones = [...text.matchAll(/\r\nBEGIN:VTIMEZONE\r\nTZID:([^\r]+)/g)].map((m) => m[1]);
    assert.deepEqual(zones, ['America/New_York', 'Europe/Berlin']);
    const berlin = /BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin[\s\S]*?END:VTIMEZONE/.exec(text)![0];
    assert.match(
      berlin,
      /BEGIN:DAYLIGHT\r\nDTSTART:19960331T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n/,
    );
    assert.match(
      berlin,
      /BEGIN:STANDARD\r\nDTSTART:19961027T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n/,
    );
    const ny = /BEGIN:VTIMEZONE\r\nTZID:America\/New_York[\s\S]*?END:VTIMEZONE/.exec(text)![0];
    assert.match(ny, /RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU/);
    assert.match(ny, /RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU/);
  });

  test('no VTIMEZONE for dates, instants and floating times; one STANDARD for a zone without DST', () => {
    const plain = eventsToIcs(
      EVENTS.filter((e) => !e.timeZone || e.timeZone === 'UTC'),
      { now: NOW },
    );
    assert.ok(!plain.includes('VTIMEZONE'));
    const tokyo = eventsToIcs([ev({ id: 't', start: '2026-05-01T10:00:00', timeZone: 'Asia/Tokyo' })], { now: NOW });
    assert.match(
      tokyo,
      /BEGIN:VTIMEZONE\r\nTZID:Asia\/Tokyo\r\nX-LIC-LOCATION:Asia\/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:\+0900\r\nTZOFFSETTO:\+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE/,
    );
  });

  test('older dates bring the older rules along as RDATEs', () => {
    const old = eventsToIcs([ev({ id: 'o', start: '1990-07-01T10:00:00', timeZone: 'Europe/Berlin' })], { now: NOW });
    assert.match(old, /\r\nRDATE:19910331T020000,19920329T020000,/);
    assert.match(old, /\r\nRDATE:19910929T030000,/); // before 1996 summer time ended in September
  });

  const renamed = (ics: string, zone: string, name: string): string =>
    ics
      .replaceAll(`TZID:${zone}`, `TZID:${name}`)
      .replaceAll(`TZID=${zone}`, `TZID="${name}"`)
      .replaceAll(`X-LIC-LOCATION:${zone}\r\n`, '');

  test('the generated Berlin VTIMEZONE under a name of its own is recognised as Europe/Berlin', () => {
    const custom = renamed(text, 'Europe/Berlin', 'Mitteleuropäische Zeit');
    assert.ok(!/DTSTART;TZID=Europe/.test(custom));
    const parsed = parseIcs(custom);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.events, EVENTS.map(afterIcs));
  });

  test('renamed VTIMEZONEs of other zones give the same instants (their rules are right)', () => {
    const zones = [
      'America/New_York',
      'Asia/Jerusalem',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Africa/Casablanca',
    ];
    for (const zone of zones) {
      const events = [
        ev({
          id: `${zone}-a`,
          start: '2023-01-10T12:00:00',
          end: '2023-01-10T13:00:00',
          timeZone: zone,
          rrule: 'FREQ=WEEKLY;COUNT=300',
        }),
      ];
      const custom = renamed(eventsToIcs(events, { now: NOW }), zone, 'Hauszeit');
      const parsed = parseIcs(custom);
      assert.deepEqual(parsed.errors, [], zone);
      const window = { start: '2023-01-01', end: '2029-01-01', zone: 'UTC' };
      const want = expandOccurrences(events, window).map((o) => o.start);
      assert.deepEqual(
        expandOccurrences(parsed.events, window).map((o) => o.start),
        want,
        zone,
      );
    }
  });

  test('ical.js reads the same instants through the generated VTIMEZONEs', () => {
    const root = new ICAL.Component(ICAL.parse(text));
    const vevents = root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c, { strictExceptions: true, exceptions: [] }));
    const ours = parseIcs(text).events; // in file order, like ical.js's
    assert.equal(vevents.length, ours.length);
    vevents.forEach((item, i) => {
      const mine = ours[i]!;
      assert.equal(item.uid, mine.id);
      if (mine.allDay || !mine.timeZone) return;
      const single = { ...mine, rrule: undefined, rdates: undefined, recurrenceId: undefined };
      const [occurrence] = expandOccurrences([single], { start: '2020-01-01', end: '2030-01-01', zone: 'UTC' });
      assert.equal(item.startDate.toUnixTime() * 1000, Date.parse(occurrence!.start), item.uid);
      if (item.component.hasProperty('dtend')) {
        assert.equal(item.endDate.toUnixTime() * 1000, Date.parse(occurrence!.end), item.uid);
      }
    });
    // The series: ical.js's recurrence ids (original starts) against ours.
    for (const uid of ['chor@verein.example', 'ny']) {
      const series = vevents.find((e) => e.uid === uid && !e.isRecurrenceException())!;
      const iterator = series.iterator();
      const theirs: number[] = [];
      for (let next = iterator.next(); next; next = iterator.next()) {
        const start = next instanceof ICAL.Period ? next.start : next;
        theirs.push(start.toUnixTime() * 1000);
      }
      const mine = expandOccurrences(
        parseIcs(text).events.filter((e) => e.id === uid && !e.recurrenceId),
        { ...WINDOW, zone: 'UTC' },
      ).map((o) => Date.parse(o.recurrenceId));
      assert.deepEqual(
        theirs.sort((a, b) => a - b),
        mine.sort((a, b) => a - b),
        uid,
      );
    }
  });

  test('ical.js reads the picture (RFC 7986 IMAGE) with its alt text, credit, licence and size', () => {
    const root = new ICAL.Component(ICAL.parse(text));
    const event = root.getAllSubcomponents('vevent').find((c) => c.getFirstPropertyValue('uid') === 'alles;mit,allem\\')!;
    const image = event.getFirstProperty('image')!;
    assert.equal(image.getFirstValue(), 'https://verein.example/bilder/fest.jpg');
    assert.equal(image.type, 'uri');
    assert.equal(event.getFirstPropertyValue('x-w4g-image-alt'), 'Kinder, die im Park tanzen; dahinter die Bühne');
    assert.equal(event.getFirstPropertyValue('x-w4g-image-credit'), 'Foto: Anna Muster, Heimatverein; „Archiv“');
    assert.equal(event.getFirstPropertyValue('x-w4g-image-license'), 'CC-BY-SA-4.0');
    assert.equal(event.getFirstPropertyValue('x-w4g-image-size'), '1600x1067');
  });

  test("the picture's details are read only beside a usable IMAGE, and only in their forms", () => {
    const base = eventsToIcs([ev({ id: 'p', start: '2026-05-01', allDay: true })], { now: NOW });
    const withLines = (lines: string): CalendarEvent => parseIcs(base.replace('END:VEVENT', `${lines}END:VEVENT`)).events[0]!;
    const odd = withLines(
      'IMAGE;VALUE=URI:https://a.example/p.jpg\r\nX-W4G-IMAGE-LICENSE:all rights reserved\r\nX-W4G-IMAGE-SIZE:0x300\r\n' +
        'X-W4G-IMAGE-CREDIT:Anna\r\n',
    );
    assert.equal(odd.image, 'https://a.example/p.jpg');
    assert.equal(odd.imageCredit, 'Anna');
    assert.equal(odd.imageLicense, undefined);
    assert.equal(odd.imageWidth, undefined);
    const unsafe = withLines('IMAGE;VALUE=URI:javascript:alert(1)\r\nX-W4G-IMAGE-CREDIT:Anna\r\nX-W4G-IMAGE-LICENSE:CC0-1.0\r\n');
    assert.equal(unsafe.image, undefined);
    assert.equal(unsafe.imageCredit, undefined);
    assert.equal(unsafe.imageLicense, undefined);
  });

  test('an equal end is no end (RFC 5545 wants DTEND later than DTSTART); bad starts are skipped', () => {
    const out = eventsToIcs(
      [
        ev({ id: 'p', start: '2026-05-01T10:00:00', end: '2026-05-01T10:00:00', timeZone: 'Europe/Berlin' }),
        ev({ id: 'x', start: 'morgen' }),
      ],
      { now: NOW },
    );
    assert.ok(!out.includes('DTEND'));
    assert.deepEqual(
      parseIcs(out).events.map((e) => e.id),
      ['p'],
    );
  });
});

describe('occurrenceToIcs', () => {
  const occurrences = expandOccurrences(EVENTS, { ...WINDOW, zone: 'Europe/Berlin' });
  const pick = (predicate: (o: Occurrence) => boolean): Occurrence => occurrences.find(predicate)!;
  const samples = [
    pick((o) => o.eventId === 'chor@verein.example' && o.start.startsWith('2026-04-14')),
    pick((o) => o.status === 'postponed'),
    pick((o) => o.eventId === 'weihnachtsmarkt'),
    pick((o) => o.eventId === 'alles;mit,allem\\'),
    pick((o) => o.eventId === 'ny'),
    pick((o) => o.eventId === 'floating'),
  ];

  test('one VEVENT with the occurrence start, end, title and status', () => {
    for (const o of samples) {
      const text = occurrenceToIcs(o, { now: NOW, calendarName: 'Veranstaltungen' });
      assertWellFormed(text);
      assert.equal((text.match(/BEGIN:VEVENT/g) ?? []).length, 1);
      assert.match(text, /\r\nMETHOD:PUBLISH\r\n/);
      const parsed = parseIcs(text);
      assert.deepEqual(parsed.errors, []);
      assert.equal(parsed.events.length, 1);
      const event = parsed.events[0]!;
      assert.equal(event.title, o.title);
      assert.equal(event.status, o.status);
      assert.equal(event.allDay, o.allDay);
      const [again] = expandOccurrences(parsed.events, { ...WINDOW, zone: 'Europe/Berlin' });
      assert.equal(again!.start, o.start);
      assert.equal(again!.end, o.end);
    }
  });

  test('UTC times, a safe UID, DTSTAMP from now', () => {
    const text = occurrenceToIcs(samples[3]!, { now: NOW }).replace(/\r\n /g, '');
    assert.match(text, /\r\nDTSTART:20260710T140000Z\r\nDTEND:20260714T100000Z\r\n/);
    assert.match(text, /\r\nUID:alles%3Bmit%2Callem%5C\/2026-07-10T14:00:00Z@w4g-calendar\r\n/);
    assert.match(text, /\r\nDTSTAMP:20260115T080000Z\r\n/);
    assert.match(text, /\r\nSTATUS:CANCELLED\r\n/);
    assert.match(text, /\r\nLOCATION:Bestehornpark\\, Hinter dem Zoll 2\\, 06449 Aschersleben\r\n/);
    assert.match(text, /\r\nGEO:51.7508;11.4606\r\n/);
    assert.match(text, /\r\nURL:https:\/\/verein.example\/sommerfest\?tag=1&lang=de\r\n/);
    assert.match(text, /\r\nCATEGORIES:Fest,Kinder\\; Familie,Musik\\\\Tanz\r\n/);
    assert.match(text, /\r\nORGANIZER;CN=/);
    assert.ok(!text.includes('VTIMEZONE'));
  });

  test('all-day dates stay dates, end exclusive', () => {
    const text = occurrenceToIcs(samples[2]!, { now: NOW });
    assert.match(text, /\r\nDTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261207\r\n/);
  });
});
