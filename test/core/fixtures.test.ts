/**
 * Real-world iCalendar fixtures (test/fixtures/ics) read through the public core API.
 * Every expected date below was worked out by hand (Europe/Berlin: CET +01:00, CEST +02:00
 * from 2026-03-29 01:00Z to 2026-10-25 01:00Z; America/New_York: EDT -04:00 from
 * 2026-03-08 07:00Z to 2026-11-01 06:00Z).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseIcs, expandOccurrences } from '../../src/core/index.js';
import type { CalendarEvent, EventLocation, FeedResult, Occurrence } from '../../src/core/model.js';

function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/ics/${name}`, import.meta.url)));
}

function load(name: string): FeedResult {
  return parseIcs(fixtureBytes(name));
}

function expand(events: CalendarEvent[], start: string, end: string, zone?: string): Occurrence[] {
  return expandOccurrences(events, zone === undefined ? { start, end } : { start, end, zone });
}

interface Brief {
  start: string;
  end: string;
  title: string;
  status: string;
  allDay: boolean;
}

function brief(o: Occurrence): Brief {
  return { start: o.start, end: o.end, title: o.title, status: o.status, allDay: o.allDay };
}

function timed(start: string, end: string, title: string, status = 'scheduled'): Brief {
  return { start, end, title, status, allDay: false };
}

function allDay(start: string, end: string, title: string): Brief {
  return { start, end, title, status: 'scheduled', allDay: true };
}

function byId(result: FeedResult, id: string): CalendarEvent {
  const found = result.events.filter((e) => e.id === id && e.recurrenceId === undefined);
  assert.equal(found.length, 1, `exactly one (master) event with id ${id}`);
  return found[0]!;
}

/** Name and address as one line, however the parser splits LOCATION. */
function locationText(location: EventLocation | undefined): string {
  return [location?.name, location?.address].filter((s) => s !== undefined && s !== '').join(', ');
}

function assertUniqueKeys(occurrences: Occurrence[]): void {
  const keys = occurrences.map((o) => o.key);
  assert.equal(new Set(keys).size, keys.length, 'occurrence keys are unique');
  for (const o of occurrences) assert.ok(o.key.startsWith(`${o.eventId}/`), `key ${o.key} starts with its eventId`);
}

// ---------------------------------------------------------------------------
describe('google-church.ics (Google Calendar export)', () => {
  const file = 'google-church.ics';
  const series = '5q1m7k0d3v8r2c9s6ht4bf0a2e@google.com';
  const meeting = '0b7c2e4f9a1d6h3k8m5n2p7q4r@google.com';

  test('reads calendar metadata, the series, its two overrides and the single event', () => {
    const result = load(file);
    assert.deepEqual(result.errors, []);
    assert.equal(result.title, 'Ev. Kirchengemeinde St. Stephani Aschersleben');
    assert.equal(result.timeZone, 'Europe/Berlin');
    assert.equal(result.events.length, 4);

    const master = byId(result, series);
    assert.equal(master.title, 'Gottesdienst');
    assert.equal(master.allDay, false);
    assert.equal(master.status, 'scheduled');
    assert.equal(master.timeZone, 'Europe/Berlin');
    assert.match(master.rrule ?? '', /FREQ=WEEKLY/);
    assert.match(master.rrule ?? '', /BYDAY=SU/);
    assert.equal(master.exdates?.length, 1);

    const overrides = result.events.filter((e) => e.id === series && e.recurrenceId !== undefined);
    assert.deepEqual(
      overrides.map((e) => [e.title, e.status]).sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
      [
        ['Gottesdienst', 'cancelled'],
        ['Gottesdienst zum Ewigkeitssonntag', 'scheduled'],
      ],
    );

    const single = byId(result, meeting);
    assert.equal(single.title, 'Gemeindeversammlung');
    assert.equal(single.rrule, undefined);
    // VALARM's own DESCRIPTION must not leak into the event.
    assert.notEqual(master.description, 'This is an event reminder');
  });

  test('unfolds and unescapes DESCRIPTION and LOCATION', () => {
    const result = load(file);
    const master = byId(result, series);
    assert.equal(
      master.description,
      'Predigt: Pfarrerin Dr. Maria Beispiel\nOrgel: KMD Thomas Muster\n\n' +
        'Im Anschluss Kirchenkaffee im Gemeindehaus, Stephanikirchhof 3; alle sind herzlich eingeladen. ' +
        'Der Eingang an der Nordseite ist barrierefrei (Rampe), eine Induktionsschleife ist vorhanden.',
    );
    assert.equal(locationText(master.location), 'St. Stephani, Stephanikirchhof, 06449 Aschersleben, Deutschland');
    assert.equal(
      byId(result, meeting).description,
      'Bericht des Gemeindekirchenrates, Haushalt 2027.\nTeilnahme auch online möglich.',
    );
  });

  test('expands the weekly service across the October DST change, with EXDATE, moved and cancelled dates', () => {
    const occ = expand(load(file).events, '2026-10-01', '2026-12-01');
    assert.deepEqual(occ.map(brief), [
      timed('2026-10-04T10:00:00+02:00', '2026-10-04T11:00:00+02:00', 'Gottesdienst'),
      timed('2026-10-11T10:00:00+02:00', '2026-10-11T11:00:00+02:00', 'Gottesdienst'),
      timed('2026-10-18T10:00:00+02:00', '2026-10-18T11:00:00+02:00', 'Gottesdienst'),
      timed('2026-10-25T10:00:00+01:00', '2026-10-25T11:00:00+01:00', 'Gottesdienst'),
      timed('2026-11-01T10:00:00+01:00', '2026-11-01T11:00:00+01:00', 'Gottesdienst'),
      // 2026-11-08 is an EXDATE
      timed('2026-11-10T19:00:00+01:00', '2026-11-10T20:30:00+01:00', 'Gemeindeversammlung'),
      timed('2026-11-15T10:00:00+01:00', '2026-11-15T11:00:00+01:00', 'Gottesdienst', 'cancelled'),
      timed('2026-11-22T11:00:00+01:00', '2026-11-22T12:00:00+01:00', 'Gottesdienst zum Ewigkeitssonntag'),
      timed('2026-11-29T10:00:00+01:00', '2026-11-29T11:00:00+01:00', 'Gottesdienst'),
    ]);
    assertUniqueKeys(occ);
    for (const o of occ) assert.equal(o.timeZone, 'Europe/Berlin');
  });

  test('marks occurrences of the series as recurring and keeps the original start of the moved one', () => {
    const occ = expand(load(file).events, '2026-10-01', '2026-12-01');
    const services = occ.filter((o) => o.eventId === series);
    assert.equal(services.length, 8);
    for (const o of services) assert.equal(o.recurring, true);

    const moved = services.find((o) => o.title === 'Gottesdienst zum Ewigkeitssonntag');
    assert.ok(moved);
    assert.equal(moved.recurrenceId, '2026-11-22T10:00:00+01:00');
    assert.equal(moved.description, 'Mit Verlesung der Namen der Verstorbenen des Kirchenjahres.\nPosaunenchor Aschersleben');

    const regular = services.find((o) => o.start === '2026-10-18T10:00:00+02:00');
    assert.ok(regular);
    assert.equal(regular.recurrenceId, '2026-10-18T10:00:00+02:00');
    assert.match(regular.description ?? '', /^Predigt: Pfarrerin Dr\. Maria Beispiel\nOrgel:/);

    const cancelled = services.find((o) => o.status === 'cancelled');
    assert.equal(cancelled?.recurrenceId, '2026-11-15T10:00:00+01:00');

    const single = occ.find((o) => o.eventId === meeting);
    assert.equal(single?.recurring, false);
  });

  test('honours UNTIL, DTSTART and EXDATE at the edges of the window', () => {
    const events = load(file).events;
    assert.deepEqual(expand(events, '2026-11-29', '2027-01-01').map(brief), [
      timed('2026-11-29T10:00:00+01:00', '2026-11-29T11:00:00+01:00', 'Gottesdienst'),
    ]);
    assert.deepEqual(expand(events, '2026-09-01', '2026-10-04'), []);
    assert.deepEqual(expand(events, '2026-11-08', '2026-11-09'), []);
    // nothing between two Sundays
    assert.deepEqual(expand(events, '2026-10-05', '2026-10-11'), []);
  });

  test('shows the Berlin service in New York time (04:00 / 05:00)', () => {
    const occ = expand(load(file).events, '2026-10-18', '2026-11-02', 'America/New_York');
    assert.deepEqual(occ.map(brief), [
      timed('2026-10-18T04:00:00-04:00', '2026-10-18T05:00:00-04:00', 'Gottesdienst'),
      // Berlin is back on CET, New York still on EDT
      timed('2026-10-25T05:00:00-04:00', '2026-10-25T06:00:00-04:00', 'Gottesdienst'),
      // both on standard time
      timed('2026-11-01T04:00:00-05:00', '2026-11-01T05:00:00-05:00', 'Gottesdienst'),
    ]);
    for (const o of occ) assert.equal(o.timeZone, 'America/New_York');
  });

  test('gives the same events for string, Uint8Array and ArrayBuffer input', () => {
    const bytes = fixtureBytes(file);
    const fromBytes = parseIcs(bytes);
    const fromString = parseIcs(new TextDecoder().decode(bytes));
    const copy = bytes.slice();
    const fromBuffer = parseIcs(copy.buffer);
    assert.deepEqual(fromString.events, fromBytes.events);
    assert.deepEqual(fromBuffer.events, fromBytes.events);
    assert.equal(fromBytes.events.length, 4);
  });
});

// ---------------------------------------------------------------------------
describe('outlook-verein.ics (Outlook / Exchange)', () => {
  const file = 'outlook-verein.ics';
  const monthly = '040000008200E00074C5B7101A82E00800000000D0C3A6E1C47FDC01000000000000000010000000A1B4C1D5E6F70812';
  const agm = '040000008200E00074C5B7101A82E00800000000F4A09E1D2B6ADC01000000000000000010000000C7D2E9F0A3B54166';
  const fest = '040000008200E00074C5B7101A82E0080000000038E5B2C07D8ADC01000000000000000010000000E81F4A6B9C2D3E57';

  test('maps "W. Europe Standard Time" (quoted and unquoted) to Europe/Berlin and unfolds tab folds', () => {
    const result = load(file);
    assert.deepEqual(result.errors, []);
    assert.equal(result.title, 'Heimatverein Arnstein e.V.');
    assert.equal(result.events.length, 3);

    const vereinsabend = byId(result, monthly); // the UID is folded with a TAB
    assert.equal(vereinsabend.title, 'Vereinsabend');
    assert.equal(vereinsabend.timeZone, 'Europe/Berlin');
    assert.match(vereinsabend.rrule ?? '', /BYDAY=2TU/);
    assert.equal(byId(result, agm).timeZone, 'Europe/Berlin');
    assert.equal(byId(result, agm).title, 'Jahreshauptversammlung');
  });

  test('uses the plain DESCRIPTION, not X-ALT-DESC HTML', () => {
    const result = load(file);
    const vereinsabend = byId(result, monthly);
    assert.equal(
      vereinsabend.description,
      'Liebe Mitglieder,\n\nunser Vereinsabend findet an jedem zweiten Dienstag im Monat im Vereinsheim statt. ' +
        'Gäste sind herzlich willkommen.',
    );
    assert.equal(locationText(vereinsabend.location), 'Vereinsheim, Lindenstraße 4, 06456 Arnstein OT Sandersleben');
  });

  test('reads the VALUE=DATE all-day event', () => {
    const heimatfest = byId(load(file), fest);
    assert.equal(heimatfest.title, 'Heimatfest Sandersleben');
    assert.equal(heimatfest.allDay, true);
    assert.equal(heimatfest.start, '2026-08-22');
    assert.equal(heimatfest.end, '2026-08-24');
  });

  test('expands the 2nd-Tuesday rule through the year with an inclusive UTC UNTIL', () => {
    const occ = expand(load(file).events, '2026-01-01', '2027-01-01');
    const abend = (date: string, offset: string): Brief =>
      timed(`${date}T19:30:00${offset}`, `${date}T21:30:00${offset}`, 'Vereinsabend');
    assert.deepEqual(occ.map(brief), [
      abend('2026-01-13', '+01:00'),
      abend('2026-02-10', '+01:00'),
      abend('2026-03-10', '+01:00'),
      timed('2026-03-20T18:00:00+01:00', '2026-03-20T20:00:00+01:00', 'Jahreshauptversammlung'),
      abend('2026-04-14', '+02:00'),
      abend('2026-05-12', '+02:00'),
      abend('2026-06-09', '+02:00'),
      abend('2026-07-14', '+02:00'),
      abend('2026-08-11', '+02:00'),
      allDay('2026-08-22', '2026-08-24', 'Heimatfest Sandersleben'),
      abend('2026-09-08', '+02:00'),
      abend('2026-10-13', '+02:00'),
      abend('2026-11-10', '+01:00'),
      abend('2026-12-08', '+01:00'),
    ]);
    assertUniqueKeys(occ);
    // UNTIL=20261208T183000Z is exactly the last start: included; 2027-01-12 is not.
    assert.deepEqual(
      expand(load(file).events, '2026-12-01', '2027-03-01').map((o) => o.start),
      ['2026-12-08T19:30:00+01:00'],
    );
  });

  test('includes an all-day event in any window it overlaps, end exclusive', () => {
    const events = load(file).events;
    assert.deepEqual(expand(events, '2026-08-23', '2026-08-24').map(brief), [
      allDay('2026-08-22', '2026-08-24', 'Heimatfest Sandersleben'),
    ]);
    assert.deepEqual(expand(events, '2026-08-24', '2026-08-25'), []);
  });
});

// ---------------------------------------------------------------------------
describe('nextcloud-town.ics (Nextcloud / Sabre VObject)', () => {
  const file = 'nextcloud-town.ics';
  const mais = 'a3f1c9e2-7b4d-4e8a-9c61-2d5f8e0b7a14';
  const fuehrung = '7d0e5b21-3c8f-4a96-b4e7-91a2c6f3d058';
  const konzert = 'c58a2f7e-0d19-4b3c-8e5a-6f4b1d9c2e70';
  const advent = '1e9b6d3a-5f27-4c80-a9d1-83c7e2f0b645';
  const kino = 'f2b84c61-9e3d-47a5-b0c8-5d16a7e9f3b2';

  test('reads all five events with categories, URL, organizer and GEO', () => {
    const result = load(file);
    assert.deepEqual(result.errors, []);
    assert.equal(result.title, 'Veranstaltungen Stadt Aschersleben');
    assert.equal(result.events.length, 5);

    const f = byId(result, fuehrung);
    assert.equal(f.title, 'Öffentliche Stadtführung: Aschersleben – älteste Stadt Sachsen-Anhalts');
    assert.deepEqual(f.categories, ['Kultur', 'Führung', 'Familie']);
    assert.equal(f.url, 'https://www.aschersleben.de/tourismus/stadtfuehrungen');
    assert.equal(f.organizer, 'Stadt Aschersleben');
    assert.equal(locationText(f.location), 'Treffpunkt Rathaus, Markt 1, 06449 Aschersleben');

    const k = byId(result, konzert);
    assert.deepEqual(k.categories, ['Musik', 'Kultur', 'Open Air']);
    assert.equal(locationText(k.location), 'Bestehornpark, Hinter dem Zoll 2, 06449 Aschersleben');
    assert.equal(k.location?.lat, 51.7539);
    assert.equal(k.location?.lon, 11.4612);
    assert.equal(k.organizer, 'Stadt Aschersleben');
    assert.equal(k.url, 'https://www.aschersleben.de/veranstaltungen/sommerkonzert-2026');

    const m = byId(result, mais);
    assert.equal(m.allDay, true);
    assert.deepEqual(m.categories, ['Familie', 'Freizeit']);
    assert.equal(m.description, 'Täglich 10–19 Uhr. Rätselrallye für Kinder, Hofcafé am Wochenende.');
  });

  test('keeps DURATION instead of DTEND and ends the occurrence two hours later', () => {
    const result = load(file);
    const f = byId(result, fuehrung);
    assert.equal(f.duration, 'PT2H');
    assert.equal(f.end, undefined);
    assert.deepEqual(expand(result.events, '2026-07-18', '2026-07-19').map(brief), [
      allDay('2026-07-11', '2026-08-31', 'Maislabyrinth Hoym'),
      timed(
        '2026-07-18T14:00:00+02:00',
        '2026-07-18T16:00:00+02:00',
        'Öffentliche Stadtführung: Aschersleben – älteste Stadt Sachsen-Anhalts',
      ),
    ]);
  });

  test('places a UTC DTSTART in Berlin summer time', () => {
    const occ = expand(load(file).events, '2026-08-31', '2026-09-07');
    // The Maislabyrinth ends (exclusive) on 2026-08-31, so only the concert remains.
    assert.deepEqual(occ.map(brief), [
      timed('2026-09-05T18:00:00+02:00', '2026-09-05T21:00:00+02:00', 'Sommerkonzert im Bestehornpark'),
    ]);
    assert.equal(occ[0]?.recurring, false);
  });

  test('reads a floating time in the display zone', () => {
    const result = load(file);
    assert.equal(byId(result, advent).timeZone, undefined);
    assert.deepEqual(expand(result.events, '2026-12-05', '2026-12-06').map(brief), [
      timed('2026-12-05T15:00:00+01:00', '2026-12-05T19:00:00+01:00', 'Adventsmarkt an der Stiftskirche Frose'),
    ]);
    assert.deepEqual(expand(result.events, '2026-12-05', '2026-12-06', 'America/New_York').map(brief), [
      timed('2026-12-05T15:00:00-05:00', '2026-12-05T19:00:00-05:00', 'Adventsmarkt an der Stiftskirche Frose'),
    ]);
  });

  test('counts DTSTART as the first occurrence even when it does not match BYDAY', () => {
    const occ = expand(load(file).events, '2026-08-01', '2026-08-15');
    assert.deepEqual(occ.map(brief), [
      allDay('2026-07-11', '2026-08-31', 'Maislabyrinth Hoym'),
      // DTSTART is a Saturday, the rule says Fridays
      timed('2026-08-01T21:00:00+02:00', '2026-08-01T23:00:00+02:00', 'Open-Air-Kino auf dem Markt'),
      timed('2026-08-07T21:00:00+02:00', '2026-08-07T23:00:00+02:00', 'Open-Air-Kino auf dem Markt'),
      timed('2026-08-14T21:00:00+02:00', '2026-08-14T23:00:00+02:00', 'Open-Air-Kino auf dem Markt'),
    ]);
    assert.deepEqual(
      occ.filter((o) => o.eventId === kino).map((o) => o.recurring),
      [true, true, true],
    );
    assert.equal(occ.filter((o) => o.eventId === mais).length, 1);
  });
});

// ---------------------------------------------------------------------------
describe('churchtools.ics (ChurchTools, custom VTIMEZONE, byte-splitting folds)', () => {
  const file = 'churchtools.ics';
  const konfi = 'ct-cal-4711-20260303@falkenstein.church.tools';
  const fest = 'ct-cal-4712-20260607@falkenstein.church.tools';
  const probe = 'ct-cal-4713-20261015@falkenstein.church.tools';
  const konfiTitle = 'Kirchengemeinde Falkenstein/Harz – Konfirmandenunterricht für Jugendliche';

  test('decodes a fold that splits the UTF-8 bytes of "ü" and "–"', () => {
    const result = load(file);
    assert.deepEqual(result.errors, []);
    assert.equal(result.events.length, 3);
    assert.equal(byId(result, konfi).title, konfiTitle);
    assert.equal(
      byId(result, fest).description,
      'Gemeindefest der Kirchengemeinden Ermsleben – Meisdorf – Pansfelde: Familiengottesdienst, ' +
        'Kaffee und Kuchen, Hüpfburg für die Kleinen und Führungen auf den Kirchturm.',
    );
    assert.equal(byId(result, konfi).description, 'Bitte Bibel und Gesangbuch mitbringen.\nLeitung: Pfarrer Jörg Exempel');
    assert.equal(JSON.stringify(result).includes('\uFFFD'), false, 'no replacement characters anywhere');
  });

  test('keeps unescaped commas in TEXT values', () => {
    const result = load(file);
    assert.equal(locationText(byId(result, konfi).location), 'Pfarrhaus Ermsleben, Kirchplatz 3, 06463 Falkenstein/Harz');
  });

  test('expands an RDATE-only series (DTSTART plus folded RDATE list) in the custom zone across the spring change', () => {
    const result = load(file);
    const event = byId(result, konfi);
    assert.equal(event.rrule, undefined);
    assert.equal(event.rdates?.length, 3);

    const occ = expand(result.events, '2026-03-01', '2026-05-01');
    assert.deepEqual(occ.map(brief), [
      timed('2026-03-03T16:30:00+01:00', '2026-03-03T17:30:00+01:00', konfiTitle),
      timed('2026-03-17T16:30:00+01:00', '2026-03-17T17:30:00+01:00', konfiTitle),
      timed('2026-03-31T16:30:00+02:00', '2026-03-31T17:30:00+02:00', konfiTitle),
      timed('2026-04-14T16:30:00+02:00', '2026-04-14T17:30:00+02:00', konfiTitle),
    ]);
    for (const o of occ) assert.equal(o.recurring, true);
    assertUniqueKeys(occ);
  });

  test('applies the custom zone "Mitteleuropäische Zeit" in summer and across the autumn change', () => {
    const events = load(file).events;
    assert.deepEqual(expand(events, '2026-06-07', '2026-06-08').map(brief), [
      timed('2026-06-07T14:00:00+02:00', '2026-06-07T18:00:00+02:00', 'Gemeindefest rund um die Kirche St. Sixti Ermsleben'),
    ]);
    const occ = expand(events, '2026-10-01', '2026-11-01');
    assert.deepEqual(occ.map(brief), [
      timed('2026-10-15T19:00:00+02:00', '2026-10-15T20:30:00+02:00', 'Posaunenchorprobe'),
      timed('2026-10-22T19:00:00+02:00', '2026-10-22T20:30:00+02:00', 'Posaunenchorprobe'),
      timed('2026-10-29T19:00:00+01:00', '2026-10-29T20:30:00+01:00', 'Posaunenchorprobe'),
    ]);
    for (const o of occ) assert.equal(o.eventId, probe);
  });
});

// ---------------------------------------------------------------------------
describe('handmade-broken.ics (BOM, bare LF, lowercase names, broken events)', () => {
  const file = 'handmade-broken.ics';
  // Physical lines of each VEVENT in the file (1-based).
  const lines: Record<string, [number, number]> = {
    'hs-2026-001': [6, 11],
    'hs-2026-002': [14, 19],
    'hs-2026-003': [21, 28],
    'hs-2026-006': [53, 58],
  };

  function errorsFor(result: FeedResult, id: string) {
    const [from, to] = lines[id]!;
    return result.errors.filter(
      (e) => e.eventId === id || (e.eventId === undefined && e.line !== undefined && e.line >= from && e.line <= to),
    );
  }

  test('reads calendar properties despite the BOM and lowercase names', () => {
    const result = load(file);
    assert.equal(result.title, 'Termine Heimatstube Seeland');
    assert.equal(result.timeZone, 'Europe/Berlin');
  });

  test('keeps the valid events, including the unterminated last one, and skips the VTODO', () => {
    const result = load(file);
    const ids = result.events.map((e) => e.id);
    for (const id of ['hs-2026-004', 'hs-2026-005', 'hs-2026-006']) assert.ok(ids.includes(id), `${id} is kept`);
    for (const id of ['hs-2026-001', 'hs-2026-002', 'hs-todo-1']) assert.ok(!ids.includes(id), `${id} is not an event`);
    // hs-2026-003 (bad RRULE) may be dropped or kept without its rule, nothing else.
    assert.ok(result.events.length === 3 || result.events.length === 4, `3 or 4 events, got ${result.events.length}`);

    const abend = byId(result, 'hs-2026-004');
    assert.equal(abend.title, 'Heimatabend: Vom Tagebau zum Concordiasee');
    // folded between the backslash and the "n" of an escaped newline
    assert.equal(abend.description, 'Bildervortrag über den Braunkohletagebau Nachterstedt\nund die Flutung des Concordiasees.');
    assert.equal(locationText(abend.location), 'Heimatstube Nachterstedt, Schulstraße 5, 06469 Seeland');

    const dorffest = byId(result, 'hs-2026-005');
    assert.equal(dorffest.allDay, true);
    assert.equal(dorffest.start, '2026-06-13');

    const ernte = byId(result, 'hs-2026-006');
    assert.equal(ernte.title, 'Erntefest Frose');
    assert.equal(locationText(ernte.location), 'Festwiese Frose');
  });

  test('reports each broken event by UID or line', () => {
    const result = load(file);

    const missing = errorsFor(result, 'hs-2026-001');
    assert.ok(
      missing.some((e) => e.severity === 'error' && /DTSTART/i.test(e.message)),
      'missing DTSTART reported',
    );

    const badDate = errorsFor(result, 'hs-2026-002');
    assert.ok(
      badDate.some((e) => e.severity === 'error' && /DTSTART|date/i.test(e.message)),
      'bad date reported',
    );

    const badRule = errorsFor(result, 'hs-2026-003');
    assert.ok(
      badRule.some((e) => /RRULE/i.test(e.message)),
      'bad RRULE reported',
    );
    const kept = result.events.find((e) => e.id === 'hs-2026-003');
    if (kept === undefined) {
      assert.ok(
        badRule.some((e) => e.severity === 'error'),
        'a dropped event is an error',
      );
    } else {
      assert.equal(kept.rrule, undefined, 'a kept event loses the broken rule');
      assert.ok(
        badRule.some((e) => e.severity === 'warning'),
        'a kept event is a warning',
      );
    }

    const unterminated = result.errors.filter(
      (e) => e.eventId === 'hs-2026-006' || (e.line !== undefined && e.line >= lines['hs-2026-006']![0]),
    );
    assert.ok(unterminated.length > 0, 'the unterminated VEVENT is reported');

    for (const e of result.errors) {
      assert.ok(e.severity === 'error' || e.severity === 'warning');
      assert.ok(e.eventId !== 'hs-2026-004' && e.eventId !== 'hs-2026-005', `no error for a valid event: ${e.message}`);
      if (e.line !== undefined) assert.ok(e.line >= 1 && e.line <= 58, `line ${e.line} is inside the file`);
      if (e.eventId !== undefined && e.line !== undefined && e.eventId in lines) {
        const [from, to] = lines[e.eventId]!;
        assert.ok(e.line >= from && e.line <= to, `line ${e.line} of ${e.eventId} is inside its VEVENT`);
      }
    }
  });

  test('expands the valid events with the RFC 5545 default ends', () => {
    const occ = expand(load(file).events, '2026-04-01', '2026-10-01').filter((o) => o.eventId !== 'hs-2026-003');
    assert.deepEqual(occ.map(brief), [
      timed('2026-04-17T19:00:00+02:00', '2026-04-17T21:00:00+02:00', 'Heimatabend: Vom Tagebau zum Concordiasee'),
      // DATE start without DTEND: one day
      allDay('2026-06-13', '2026-06-14', 'Dorffest Schadeleben'),
      // DATE-TIME start without DTEND: ends when it starts
      timed('2026-09-19T14:00:00+02:00', '2026-09-19T14:00:00+02:00', 'Erntefest Frose'),
    ]);
    // Nothing from the VTODO (DTSTART 2026-04-10).
    assert.deepEqual(expand(load(file).events, '2026-04-10', '2026-04-16'), []);
  });
});

// ---------------------------------------------------------------------------
describe('dst-weeks.ics (spring gap, doubled autumn hour, foreign zone)', () => {
  const file = 'dst-weeks.ics';
  const ferien = 'Ferienprogramm in der Stadtbibliothek';
  const wanderung = 'Nachtwanderung zur Zeitumstellung am Concordiasee';
  const burg = 'Nachtführung auf Burg Falkenstein: Die doppelte Stunde';
  const vortrag = 'Online-Vortrag aus New York: Auswanderer aus dem Harz';

  test('parses the four events', () => {
    const result = load(file);
    assert.deepEqual(result.errors, []);
    assert.equal(result.events.length, 4);
    assert.deepEqual(result.events.map((e) => e.title).sort(), [burg, wanderung, ferien, vortrag].sort());
  });

  test('reads 02:30 in the spring gap with the offset before the gap and keeps daily 09:00 in wall-clock time', () => {
    const occ = expand(load(file).events, '2026-03-26', '2026-04-03');
    const day = (date: string, offset: string): Brief => timed(`${date}T09:00:00${offset}`, `${date}T10:00:00${offset}`, ferien);
    assert.deepEqual(occ.map(brief), [
      day('2026-03-26', '+01:00'),
      day('2026-03-27', '+01:00'),
      day('2026-03-28', '+01:00'),
      timed('2026-03-29T03:30:00+02:00', '2026-03-29T04:30:00+02:00', wanderung),
      day('2026-03-29', '+02:00'),
      day('2026-03-30', '+02:00'),
      day('2026-03-31', '+02:00'),
      day('2026-04-01', '+02:00'),
      day('2026-04-02', '+02:00'),
    ]);
    assertUniqueKeys(occ);
    // COUNT=8 ends on 2026-04-02.
    assert.deepEqual(expand(load(file).events, '2026-04-03', '2026-04-10'), []);
  });

  test('reads the doubled 02:30 in autumn as its first occurrence', () => {
    assert.deepEqual(expand(load(file).events, '2026-10-25', '2026-10-26').map(brief), [
      timed('2026-10-25T02:30:00+02:00', '2026-10-25T03:30:00+01:00', burg),
    ]);
  });

  test('converts America/New_York (already on DST) to Berlin (not yet)', () => {
    assert.deepEqual(expand(load(file).events, '2026-03-10', '2026-03-11').map(brief), [
      timed('2026-03-10T17:00:00+01:00', '2026-03-10T18:00:00+01:00', vortrag),
    ]);
  });

  test('shows the same instants in New York time', () => {
    const events = load(file).events;
    assert.deepEqual(expand(events, '2026-03-10', '2026-03-11', 'America/New_York').map(brief), [
      timed('2026-03-10T12:00:00-04:00', '2026-03-10T13:00:00-04:00', vortrag),
    ]);
    assert.deepEqual(expand(events, '2026-03-28', '2026-03-29', 'America/New_York').map(brief), [
      timed('2026-03-28T04:00:00-04:00', '2026-03-28T05:00:00-04:00', ferien),
      timed('2026-03-28T21:30:00-04:00', '2026-03-28T22:30:00-04:00', wanderung),
    ]);
    assert.deepEqual(expand(events, '2026-10-24', '2026-10-25', 'America/New_York').map(brief), [
      timed('2026-10-24T20:30:00-04:00', '2026-10-24T22:30:00-04:00', burg),
    ]);
  });
});

// ---------------------------------------------------------------------------
describe('windows-zones.ics (Windows zone names without VTIMEZONE)', () => {
  const file = 'windows-zones.ics';

  test('maps the Windows names to IANA zones', () => {
    const result = load(file);
    assert.deepEqual(
      result.errors.filter((e) => e.severity === 'error'),
      [],
    );
    assert.equal(result.events.length, 4);
    const zones = Object.fromEntries(result.events.map((e) => [e.id, e.timeZone]));
    assert.deepEqual(zones, {
      'wz-eastern-20260320@partnerschaft.example': 'America/New_York',
      'wz-romance-20260508@partnerschaft.example': 'Europe/Paris',
      'wz-gmt-20260704@partnerschaft.example': 'Europe/London',
      'wz-ce-20261120@partnerschaft.example': 'Europe/Budapest',
    });
  });

  test('places each event at the right instant in Berlin', () => {
    const occ = expand(load(file).events, '2026-03-01', '2026-12-01');
    assert.deepEqual(occ.map(brief), [
      // 18:00 EDT = 22:00Z, Berlin still on CET
      timed('2026-03-20T23:00:00+01:00', '2026-03-21T00:30:00+01:00', 'Videokonferenz mit dem Partnerchor in Pennsylvania'),
      timed('2026-05-08T10:00:00+02:00', '2026-05-08T12:00:00+02:00', 'Gedenkfeier mit der Partnergemeinde in Frankreich'),
      // "GMT Standard Time" is British Summer Time in July
      timed('2026-07-04T16:00:00+02:00', '2026-07-04T17:30:00+02:00', 'Online-Treffen mit dem Heimatverein in York'),
      timed('2026-11-20T19:00:00+01:00', '2026-11-20T21:00:00+01:00', 'Empfang der ungarischen Partnerdelegation'),
    ]);
  });

  test('includes an event that crosses midnight in the next day window', () => {
    assert.deepEqual(
      expand(load(file).events, '2026-03-21', '2026-03-22').map((o) => o.title),
      ['Videokonferenz mit dem Partnerchor in Pennsylvania'],
    );
  });
});
