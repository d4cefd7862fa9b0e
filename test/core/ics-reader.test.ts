import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandOccurrences, parseIcs, resolveTzid } from '../../src/core/index.js';
import { parseContentLine, splitTextList, unescapeText, unfold } from '../../src/core/ics/lines.js';

const CRLF = '\r\n';

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//DE', ...lines, 'END:VCALENDAR'].join(CRLF);
}

function vevent(...lines: string[]): string[] {
  return ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
}

describe('content lines (RFC 5545 section 3.1)', () => {
  it('unfolds CRLF, bare LF and bare CR folds with a space or a tab, and drops a BOM', () => {
    const text = '\uFEFFSUMMARY:Ein\r\n  langer\n\tTitel\rDESCRIPTION:x';
    const { lines, lineNumbers } = unfold(text);
    assert.deepEqual(lines, ['SUMMARY:Ein langerTitel', 'DESCRIPTION:x']);
    assert.deepEqual(lineNumbers, [1, 4]);
  });

  it('unfolds bytes before decoding, so a fold inside a UTF-8 character is harmless', () => {
    const bytes = new TextEncoder().encode('SUMMARY:Konfirmandenunterricht für Jugendliche');
    const at = bytes.indexOf(0xc3); // first byte of "ü"
    const folded = new Uint8Array([...bytes.subarray(0, at + 1), 13, 10, 32, ...bytes.subarray(at + 1)]);
    assert.deepEqual(unfold(folded).lines, ['SUMMARY:Konfirmandenunterricht für Jugendliche']);
  });

  it('reads Windows-1252 files when the bytes are not UTF-8, and says so', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('SUMMARY:Stra'), 0xdf, 0x65]); // "Straße" in cp1252
    const result = unfold(bytes);
    assert.deepEqual(result.lines, ['SUMMARY:Straße']);
    assert.equal(result.fallbackEncoding, 'windows-1252');
  });

  it('reads a file as Windows-1252 from its first line when only a late line is not UTF-8', () => {
    // Bytes are decoded in pieces as the lines are read; a byte that is not UTF-8 far into
    // the file means reading again, so that no line is read in two encodings.
    const lines = ['BEGIN:VCALENDAR'];
    for (let i = 0; i < 2000; i++)
      lines.push('BEGIN:VEVENT', `UID:e${i}`, 'DTSTART:20261201T100000Z', `SUMMARY:Termin ${i}`, 'END:VEVENT');
    lines.push('BEGIN:VEVENT', 'UID:last', 'DTSTART:20261201T100000Z', 'SUMMARY:Stra\u00dfe', 'END:VEVENT', 'END:VCALENDAR');
    const text = lines.join(CRLF);
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0)); // "ß" as the single byte 0xdf
    assert.ok(bytes.length > 128 * 1024);
    const unfolded = unfold(bytes);
    assert.equal(unfolded.fallbackEncoding, 'windows-1252');
    assert.equal(unfolded.lines.length, lines.length);
    assert.equal(unfolded.lines.at(-3), 'SUMMARY:Straße');
    const { events, errors } = parseIcs(bytes);
    assert.equal(events.length, 2001);
    assert.equal(events.at(-1)?.title, 'Straße');
    assert.deepEqual(
      errors.map((e) => e.message),
      ['the file is not UTF-8; it was read as windows-1252'],
    );
  });

  it('reads a file whose line breaks turn into bare CRs far into it like the same text', () => {
    // The bytes are decoded in pieces and each piece is searched for bare CRs as it is
    // reached: one far into the file means reading again, byte by byte, from the start.
    const lines = ['BEGIN:VCALENDAR'];
    for (let i = 0; i < 2000; i++)
      lines.push('BEGIN:VEVENT', `UID:e${i}`, 'DTSTART:20261201T100000Z', `SUMMARY:Chor „Frohsinn“ ${i}`, 'END:VEVENT');
    const text = `${lines.join(CRLF)}${CRLF}${['BEGIN:VEVENT', 'UID:mac', 'DTSTART:20261202T100000Z', 'SUMMARY:Alt', ' er Mac', 'END:VEVENT', 'END:VCALENDAR'].join('\r')}`;
    const bytes = new TextEncoder().encode(text);
    assert.ok(bytes.indexOf(13 /* CR */, bytes.length - 100) > 128 * 1024);
    const fromBytes = parseIcs(bytes);
    assert.deepEqual(fromBytes, parseIcs(text));
    assert.equal(fromBytes.events.length, 2001);
    assert.equal(fromBytes.events.at(-1)?.title, 'Alter Mac');
    assert.deepEqual(unfold(bytes), unfold(text));
  });

  it('parses parameters, quoted values with colons and several values', () => {
    const line = parseContentLine('ORGANIZER;CN="Stadt Aschersleben: Kultur";X-A=1,"b;c":mailto:kultur@example.org', 7);
    assert.deepEqual(line, {
      name: 'ORGANIZER',
      params: { CN: 'Stadt Aschersleben: Kultur', 'X-A': '1,b;c' },
      value: 'mailto:kultur@example.org',
      line: 7,
    });
  });

  it('tells apart names whose characters hash alike', () => {
    // Known names are found by a hash of their characters; "Aa" and "BB" hash alike (31 * 65 + 97 = 31 * 66 + 66).
    const names = ['X-Aa:1', 'X-BB:2', 'X-Aa:3', 'X-BB;P=1:4', 'x-bb:5', 'X-B B:6'].map((l) => parseContentLine(l, 1)?.name);
    assert.deepEqual(names, ['X-AA', 'X-BB', 'X-AA', 'X-BB', 'X-BB', undefined]);
  });

  it('rejects lines that are not content lines', () => {
    for (const bad of ['no colon here', ':value', 'NAME;PARAM:value', 'NA ME:value', 'X;A="open:value']) {
      assert.equal(parseContentLine(bad, 1), undefined, bad);
    }
  });

  it('unescapes TEXT values and splits lists on unescaped commas', () => {
    assert.equal(
      unescapeText('Zeile 1\\nZeile 2\\N3\\, mit Komma\\; Semikolon \\\\ Backslash'),
      'Zeile 1\nZeile 2\n3, mit Komma; Semikolon \\ Backslash',
    );
    assert.deepEqual(splitTextList('Kultur,Musik\\, Gesang, Familie,'), ['Kultur', 'Musik, Gesang', 'Familie']);
  });
});

describe('VEVENT properties', () => {
  it('reads the fields a calendar shows', () => {
    const { events, errors } = parseIcs(
      calendar(
        ...vevent(
          'UID:konzert-1',
          'DTSTART;TZID=Europe/Berlin:20261212T193000',
          'DTEND;TZID=Europe/Berlin:20261212T213000',
          'SUMMARY:Adventskonzert\\, mit Chor',
          'DESCRIPTION:Erste Zeile\\nZweite Zeile',
          'LOCATION:St. Stephani\\, Aschersleben',
          'GEO:51.7539;11.4612',
          'CATEGORIES:Musik,Kirche',
          'CATEGORIES:Advent',
          'URL:https://example.org/konzert',
          'IMAGE;VALUE=URI;DISPLAY=BADGE:https://example.org/bild.jpg',
          'ORGANIZER;CN=Kantorei:mailto:kantorei@example.org',
          'STATUS:CONFIRMED',
          'LAST-MODIFIED:20261101T120000Z',
          'SEQUENCE:3',
          'X-W4G-TOWN:Aschersleben',
          'X-W4G-ORGANIZER-ID:kantorei',
          'X-W4G-AUDIENCE:Familien,Senioren',
          'X-W4G-ACCESSIBILITY:rollstuhlgerecht',
          'X-W4G-PRICE:8 €',
          'X-UNKNOWN;FOO=bar:ignored',
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          'TRIGGER:-PT15M',
          'DESCRIPTION:Alarm text must not leak',
          'END:VALARM',
        ),
      ),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(events, [
      {
        id: 'konzert-1',
        title: 'Adventskonzert, mit Chor',
        start: '2026-12-12T19:30:00',
        end: '2026-12-12T21:30:00',
        allDay: false,
        timeZone: 'Europe/Berlin',
        status: 'scheduled',
        categories: ['Musik', 'Kirche', 'Advent'],
        audience: ['Familien', 'Senioren'],
        accessibility: ['rollstuhlgerecht'],
        description: 'Erste Zeile\nZweite Zeile',
        location: { name: 'St. Stephani, Aschersleben', lat: 51.7539, lon: 11.4612 },
        url: 'https://example.org/konzert',
        image: 'https://example.org/bild.jpg',
        organizer: 'Kantorei',
        organizerId: 'kantorei',
        town: 'Aschersleben',
        price: '8 €',
        updated: '2026-11-01T12:00:00Z',
        sequence: 3,
      },
    ]);
  });

  it('drops URLs that are not http(s) and says so', () => {
    const { events, errors } = parseIcs(
      calendar(
        ...vevent(
          'UID:x',
          'DTSTART:20261212T193000Z',
          'SUMMARY:x',
          'URL:javascript:alert(1)',
          'IMAGE;VALUE=URI:data:image/png;base64,AAAA',
        ),
      ),
    );
    assert.equal(events[0]!.url, undefined);
    assert.equal(events[0]!.image, undefined);
    assert.match(errors[0]!.message, /URL/);
  });

  it('a missing DTEND means one day for a date and no duration for a date-time (RFC 5545 3.6.1)', () => {
    const { events } = parseIcs(
      calendar(
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20260613', 'SUMMARY:Fest'),
        ...vevent('UID:b', 'DTSTART:20260919T140000Z', 'SUMMARY:Start'),
      ),
    );
    const occ = expandOccurrences(events, { start: '2026-06-01', end: '2026-10-01' });
    assert.deepEqual(
      occ.map((o) => [o.start, o.end]),
      [
        ['2026-06-13', '2026-06-14'],
        ['2026-09-19T16:00:00+02:00', '2026-09-19T16:00:00+02:00'],
      ],
    );
  });

  it('reads DURATION for dates and date-times', () => {
    const { events } = parseIcs(
      calendar(
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20260613', 'DURATION:P3D', 'SUMMARY:Fest'),
        ...vevent('UID:b', 'DTSTART;TZID=Europe/Berlin:20260919T140000', 'DURATION:PT1H30M', 'SUMMARY:Führung'),
      ),
    );
    const occ = expandOccurrences(events, { start: '2026-06-01', end: '2026-10-01' });
    assert.deepEqual(
      occ.map((o) => [o.start, o.end]),
      [
        ['2026-06-13', '2026-06-16'],
        ['2026-09-19T14:00:00+02:00', '2026-09-19T15:30:00+02:00'],
      ],
    );
  });

  it('STATUS:CANCELLED and X-W4G-STATUS:POSTPONED become the occurrence status', () => {
    const { events } = parseIcs(
      calendar(
        ...vevent('UID:a', 'DTSTART:20261212T190000Z', 'STATUS:CANCELLED', 'SUMMARY:a'),
        ...vevent('UID:b', 'DTSTART:20261213T190000Z', 'X-W4G-STATUS:postponed', 'SUMMARY:b'),
      ),
    );
    assert.deepEqual(
      events.map((e) => e.status),
      ['cancelled', 'postponed'],
    );
  });

  it('private and confidential events are not published', () => {
    const { events, errors } = parseIcs(
      calendar(
        ...vevent('UID:p', 'DTSTART:20261212T190000Z', 'CLASS:PRIVATE', 'SUMMARY:Arzttermin'),
        ...vevent('UID:o', 'DTSTART:20261212T190000Z', 'SUMMARY:Offen'),
      ),
    );
    assert.deepEqual(
      events.map((e) => e.id),
      ['o'],
    );
    assert.equal(errors[0]!.eventId, 'p');
  });

  it('a DTEND before DTSTART is ignored with a warning', () => {
    const { events, errors } = parseIcs(
      calendar(...vevent('UID:x', 'DTSTART:20261212T190000Z', 'DTEND:20261212T180000Z', 'SUMMARY:x')),
    );
    assert.equal(events[0]!.end, undefined);
    assert.equal(errors[0]!.severity, 'warning');
  });

  it('RDATE;VALUE=PERIOD and EXDATE lists with several values', () => {
    const { events } = parseIcs(
      calendar(
        ...vevent(
          'UID:s',
          'DTSTART;TZID=Europe/Berlin:20260303T163000',
          'DTEND;TZID=Europe/Berlin:20260303T173000',
          'RDATE;VALUE=PERIOD;TZID=Europe/Berlin:20260310T163000/20260310T190000,20260317T163000/PT2H',
          'RRULE:FREQ=WEEKLY;COUNT=6',
          'EXDATE;TZID=Europe/Berlin:20260324T163000,20260331T163000',
          'SUMMARY:Kurs',
        ),
      ),
    );
    const occ = expandOccurrences(events, { start: '2026-03-01', end: '2026-05-01' });
    assert.deepEqual(
      occ.map((o) => [o.start, o.end]),
      [
        ['2026-03-03T16:30:00+01:00', '2026-03-03T17:30:00+01:00'],
        ['2026-03-10T16:30:00+01:00', '2026-03-10T19:00:00+01:00'],
        ['2026-03-17T16:30:00+01:00', '2026-03-17T18:30:00+01:00'],
        ['2026-04-07T16:30:00+02:00', '2026-04-07T17:30:00+02:00'],
      ],
      'RRULE and RDATE both give the 10th and 17th: one date each (RFC 5545 3.8.5.2), with the period’s own end; EXDATE takes 24th and 31st',
    );
  });
});

describe('time zones', () => {
  it('resolves IANA, Windows, vendor-prefixed and lower-cased names', () => {
    const none = new Map();
    assert.equal(resolveTzid('Europe/Berlin', none).zone, 'Europe/Berlin');
    assert.equal(resolveTzid('europe/berlin', none).zone, 'Europe/Berlin');
    assert.equal(resolveTzid('W. Europe Standard Time', none).zone, 'Europe/Berlin');
    assert.equal(resolveTzid('Romance Standard Time', none).zone, 'Europe/Paris');
    assert.equal(resolveTzid('/mozilla.org/20050126_1/Europe/Berlin', none).zone, 'Europe/Berlin');
    assert.equal(resolveTzid('/citadel.org/20190914_1/Europe/Vienna', none).zone, 'Europe/Vienna');
    assert.equal(resolveTzid('(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien', none).zone, 'Europe/Berlin');
    assert.equal(resolveTzid('Nirgendwo', none).zone, undefined);
  });

  it('matches a custom VTIMEZONE to the IANA zone with the same rules', () => {
    const { events, errors } = parseIcs(
      calendar(
        'BEGIN:VTIMEZONE',
        'TZID:Eigene Zone',
        'BEGIN:DAYLIGHT',
        'TZOFFSETFROM:-0500',
        'TZOFFSETTO:-0400',
        'DTSTART:20070311T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
        'END:DAYLIGHT',
        'BEGIN:STANDARD',
        'TZOFFSETFROM:-0400',
        'TZOFFSETTO:-0500',
        'DTSTART:20071104T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
        'END:STANDARD',
        'END:VTIMEZONE',
        ...vevent('UID:ny', 'DTSTART;TZID=Eigene Zone:20260310T120000', 'SUMMARY:x'),
      ),
    );
    assert.deepEqual(errors, []);
    // Several IANA zones share these rules; any of them gives the same instants.
    const [o] = expandOccurrences(events, { start: '2026-03-10', end: '2026-03-11' });
    assert.equal(o!.start, '2026-03-10T17:00:00+01:00');
  });

  it('an unknown TZID is read as floating and reported once', () => {
    const { events, errors } = parseIcs(
      calendar(
        ...vevent('UID:a', 'DTSTART;TZID=Atlantis:20261212T190000', 'SUMMARY:a'),
        ...vevent('UID:b', 'DTSTART;TZID=Atlantis:20261213T190000', 'SUMMARY:b'),
      ),
    );
    assert.equal(events[0]!.timeZone, undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /Atlantis/);
  });

  it('X-WR-TIMEZONE and X-WR-CALNAME describe the feed', () => {
    const result = parseIcs(calendar('X-WR-CALNAME:Kirchengemeinde', 'X-WR-TIMEZONE:Europe/Berlin'));
    assert.equal(result.title, 'Kirchengemeinde');
    assert.equal(result.timeZone, 'Europe/Berlin');
  });
});

describe('broken input', () => {
  it('never throws and reports what it could not read', () => {
    for (const input of ['', 'hello', '<html><body>404</body></html>', new Uint8Array([0xff, 0xfe, 0x00]), new ArrayBuffer(0)]) {
      const result = parseIcs(input);
      assert.deepEqual(result.events, []);
      assert.ok(result.errors.length >= 1);
    }
  });

  it('a VEVENT opened inside another is reported and both are kept', () => {
    const { events, errors } = parseIcs(
      calendar(
        'BEGIN:VEVENT',
        'UID:a',
        'DTSTART:20261212T190000Z',
        'SUMMARY:a',
        ...vevent('UID:b', 'DTSTART:20261213T190000Z', 'SUMMARY:b'),
      ),
    );
    assert.deepEqual(events.map((e) => e.id).sort(), ['a', 'b']);
    assert.equal(errors[0]!.eventId, 'a');
  });

  it('an END without BEGIN is ignored', () => {
    const { events, errors } = parseIcs(calendar('END:VTODO', ...vevent('UID:a', 'DTSTART:20261212T190000Z', 'SUMMARY:a')));
    assert.equal(events.length, 1);
    assert.match(errors[0]!.message, /END:VTODO/);
  });

  it('an event without UID gets a stable made-up id', () => {
    const text = calendar(...vevent('DTSTART:20261212T190000Z', 'SUMMARY:ohne UID'));
    assert.equal(parseIcs(text).events[0]!.id, parseIcs(text).events[0]!.id);
    assert.match(parseIcs(text).errors[0]!.message, /UID/);
  });

  it('caps the list of problems for a file of garbage', () => {
    const garbage = Array.from({ length: 1000 }, (_, i) => `garbage line ${i}`);
    const { errors } = parseIcs(calendar(...garbage));
    assert.ok(errors.length <= 201);
    assert.match(errors[errors.length - 1]!.message, /further problems/);
  });
});

describe('Outlook VTIMEZONE from 1601 with a custom name', () => {
  it('is matched to Europe/Berlin, not to a zone without DST', () => {
    const { events, errors } = parseIcs(
      calendar(
        'BEGIN:VTIMEZONE',
        'TZID:Eigene Mitteleuropa',
        'BEGIN:STANDARD',
        'DTSTART:16011028T030000',
        'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'BEGIN:DAYLIGHT',
        'DTSTART:16010325T020000',
        'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
        ...vevent('UID:s', 'DTSTART;TZID=Eigene Mitteleuropa:20260705T100000', 'SUMMARY:Sommerfest'),
      ),
    );
    assert.deepEqual(errors, []);
    assert.equal(events[0]!.timeZone, 'Europe/Berlin');
  });
});
