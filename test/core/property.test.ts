/**
 * Property-based tests of the core's promises (fast-check, fixed seeds, so every run checks the
 * same inputs):
 * - the readers never throw and never fall into their own "could not be read" safety net;
 * - a broken event or garbage next to good events never costs the good events;
 * - folding is invisible, even in the middle of a multi-byte UTF-8 character;
 * - expansion always returns, bounded, with sorted, well-formed, unique occurrences inside
 *   the window.
 *
 * The explicit tests at the end pin cases found while writing these properties (see
 * "Findings"); the failing ones are bugs in src/core, kept failing on purpose until fixed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  canonicalZone,
  compareOccurrences,
  expandOccurrences,
  expandOccurrencesReport,
  parseIcs,
  parseJsonFeed,
} from '../../src/core/index.js';
import type { CalendarEvent, FeedResult, Occurrence } from '../../src/core/index.js';
import { escapeText, icsCalendar, VTIMEZONE_BERLIN, VTIMEZONE_NEW_YORK } from './support/ics.js';

const SEED = 20_260_101;

const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Helpers

/** The readers catch their own exceptions and report them with these words: never expected. */
function assertNoInternalError(result: FeedResult): void {
  assert.ok(Array.isArray(result.events) && Array.isArray(result.errors) && Array.isArray(result.associations));
  for (const e of result.errors) {
    assert.ok(!/could not be read:/.test(e.message), `internal error: ${e.message}`);
    assert.ok(e.severity === 'error' || e.severity === 'warning');
  }
}

interface Win {
  start: string;
  end: string;
  zone: string;
}

const TIMED_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Instant of midnight at the start of `date` in `zone` (for checking, via Intl). */
function zoneMidnight(date: string, zone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (ms: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(ms);
    const get = (t: string): number => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms;
  };
  let ms = guess - offsetAt(guess);
  ms = guess - offsetAt(ms);
  return ms;
}

/** expandOccurrencesReport catches an exception per event and reports it so: never expected. */
function assertNoExpansionCrash(report: { errors: readonly { message: string }[] }): void {
  for (const e of report.errors) assert.ok(!/could not be expanded:/.test(e.message), `internal error: ${e.message}`);
}

/** The output invariants every expansion must keep. */
function checkOccurrences(list: readonly Occurrence[], w: Win): void {
  const startMs = zoneMidnight(w.start, w.zone);
  const endMs = zoneMidnight(w.end, w.zone);
  const keys = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const o = list[i]!;
    assert.ok(!keys.has(o.key), `key ${o.key} is unique`);
    keys.add(o.key);
    assert.equal(o.timeZone, canonicalZone(w.zone));
    if (i > 0) assert.ok(compareOccurrences(list[i - 1]!, o) <= 0, `sorted at ${i}: ${list[i - 1]!.start} then ${o.start}`);
    if (o.allDay) {
      assert.match(o.start, DATE_RE);
      assert.match(o.end, DATE_RE);
      assert.match(o.recurrenceId, DATE_RE);
      assert.ok(o.start < o.end, `all-day ${o.start} < ${o.end}`);
      assert.ok(o.start < w.end && o.end > w.start, `all-day ${o.start}..${o.end} overlaps ${w.start}..${w.end}`);
    } else {
      assert.match(o.start, TIMED_RE);
      assert.match(o.end, TIMED_RE);
      assert.match(o.recurrenceId, TIMED_RE);
      const s = Date.parse(o.start);
      const e = Date.parse(o.end);
      assert.ok(s <= e, `${o.start} <= ${o.end}`);
      if (s === e) assert.ok(s >= startMs && s < endMs, `instant ${o.start} inside the window`);
      else assert.ok(s < endMs && e > startMs, `${o.start}..${o.end} overlaps the window`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: valid iCalendar events

/** Text with multi-byte UTF-8 (2, 3 and 4 bytes) and the characters TEXT must escape. */
const textArb = fc
  .array(
    fc.constantFrom(
      'a',
      'b',
      'Z',
      ' ',
      'ä',
      'Ü',
      'ß',
      'é',
      '€',
      '–',
      '„',
      '“',
      'Ж',
      '中',
      '🍼',
      '👩‍👩‍👧',
      ',',
      ';',
      '\\',
      ':',
      '"',
      '1',
    ),
    {
      minLength: 1,
      maxLength: 90,
    },
  )
  .map((chars) => chars.join('').trim())
  .filter((s) => s.length > 0);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const wallArb = fc.record({
  y: fc.integer({ min: 2024, max: 2027 }),
  mo: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.constantFrom(0, 15, 30, 45),
});
type WallT = { y: number; mo: number; d: number; h: number; mi: number };

const icsDate = (w: WallT): string => `${w.y}${pad(w.mo)}${pad(w.d)}`;
const icsTime = (w: WallT): string => `${icsDate(w)}T${pad(w.h)}${pad(w.mi)}00`;

const VALID_RULES = [
  'FREQ=DAILY;COUNT=10',
  'FREQ=WEEKLY;BYDAY=MO,WE',
  'FREQ=WEEKLY;INTERVAL=2;UNTIL=20270101T000000Z',
  'FREQ=MONTHLY;BYDAY=2TU',
  'FREQ=MONTHLY;BYMONTHDAY=15,-1;COUNT=12',
  'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'FREQ=HOURLY;INTERVAL=6;COUNT=20',
];

interface ValidEvent {
  uid: string;
  lines: string[];
}

/** One valid VEVENT (with the UID given by its position, so that UIDs are unique). */
const validEventArb = fc
  .record({
    kind: fc.constantFrom('berlin', 'newyork', 'utc', 'floating', 'allday'),
    start: wallArb,
    lengthMinutes: fc.option(fc.integer({ min: 0, max: 3 * 24 * 60 }), { nil: undefined }),
    rule: fc.option(fc.constantFrom(...VALID_RULES), { nil: undefined }),
    exdate: fc.boolean(),
    title: textArb,
    description: fc.option(textArb, { nil: undefined }),
    location: fc.option(textArb, { nil: undefined }),
  })
  .map((r) => (uid: string): ValidEvent => {
    const value = (w: WallT): string => {
      switch (r.kind) {
        case 'berlin':
          return `;TZID=Europe/Berlin:${icsTime(w)}`;
        case 'newyork':
          return `;TZID=America/New_York:${icsTime(w)}`;
        case 'utc':
          return `:${icsTime(w)}Z`;
        case 'floating':
          return `:${icsTime(w)}`;
        default:
          return `;VALUE=DATE:${icsDate(w)}`;
      }
    };
    const shift = (w: WallT, minutes: number): WallT => {
      const d = new Date(Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) + minutes * 60_000);
      return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
    };
    const lines = ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20251201T080000Z', `DTSTART${value(r.start)}`];
    if (r.lengthMinutes !== undefined) {
      const minutes = r.kind === 'allday' ? (1 + Math.floor(r.lengthMinutes / 1440)) * 1440 : r.lengthMinutes + 15;
      lines.push(`DTEND${value(shift(r.start, minutes))}`);
    }
    lines.push(`SUMMARY:${escapeText(r.title)}`);
    if (r.description) lines.push(`DESCRIPTION:${escapeText(`${r.description}\n${r.description}`)}`);
    if (r.location) lines.push(`LOCATION:${escapeText(r.location)}`);
    if (r.rule) {
      lines.push(`RRULE:${r.rule}`);
      if (r.exdate) lines.push(`EXDATE${value(shift(r.start, 7 * 1440))}`);
    }
    lines.push('END:VEVENT');
    return { uid, lines };
  });

const validEventsArb = fc
  .array(validEventArb, { minLength: 1, maxLength: 6 })
  .map((makers) => makers.map((make, i) => make(`valid-${i}@w4g.test`)));

const ZONES = [VTIMEZONE_BERLIN, VTIMEZONE_NEW_YORK];

function calendarOf(events: readonly ValidEvent[]): string {
  return icsCalendar(
    events.flatMap((e) => e.lines),
    ZONES,
  );
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: damage

type Mutation =
  | { op: 'delete' | 'duplicate'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; mask: number }
  | { op: 'garbage'; at: number; text: string }
  | { op: 'fold'; at: number; tab: boolean };

const garbageTextArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
  fc.constantFrom(
    'BEGIN:VEVENT',
    'END:VEVENT',
    'END:VCALENDAR',
    'BEGIN:VCALENDAR',
    'BEGIN:VALARM',
    'DTSTART:',
    'DTSTART;TZID=:20260101T100000',
    'RRULE:FREQ=SECONDLY;COUNT=999999999',
    'RRULE:FREQ=YEARLY;BYSETPOS=0;BYDAY=99MO',
    'SUMMARY;LANGUAGE="de:"x',
    ';:',
    ':',
    '\uFEFF',
    '\u0000\u0001',
    ' folded continuation',
    '\tDTSTART:20260101',
  ),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('garbage' as const), at: fc.nat(), text: garbageTextArb }),
  fc.record({ op: fc.constant('fold' as const), at: fc.nat(), tab: fc.boolean() }),
);

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = input;
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const lines = splitLines(bytes);
    switch (m.op) {
      case 'delete':
        lines.splice(m.at % lines.length, 1);
        bytes = concat(lines);
        break;
      case 'duplicate': {
        const i = m.at % lines.length;
        lines.splice(i, 0, lines[i]!);
        bytes = concat(lines);
        break;
      }
      case 'truncate':
        bytes = bytes.subarray(0, m.at % bytes.length);
        break;
      case 'flip': {
        const copy = bytes.slice();
        copy[m.at % copy.length]! ^= m.mask;
        bytes = copy;
        break;
      }
      case 'garbage':
        lines.splice(m.at % (lines.length + 1), 0, encoder.encode(`${m.text}\r\n`));
        bytes = concat(lines);
        break;
      case 'fold': {
        const at = m.at % bytes.length;
        bytes = concat([bytes.subarray(0, at), encoder.encode(m.tab ? '\r\n\t' : '\r\n '), bytes.subarray(at)]);
        break;
      }
    }
  }
  return bytes;
}

/** Positions where a fold may go: inside a content line, not before its first byte. */
function foldPositions(bytes: Uint8Array): { any: number[]; inCharacter: number[] } {
  const any: number[] = [];
  const inCharacter: number[] = [];
  for (let i = 1; i < bytes.length; i++) {
    const prev = bytes[i - 1]!;
    const here = bytes[i]!;
    if (prev === 10 || prev === 13 || here === 10 || here === 13) continue;
    any.push(i);
    if ((here & 0xc0) === 0x80) inCharacter.push(i); // a UTF-8 continuation byte: mid-character
  }
  return { any, inCharacter };
}

/** Broken VEVENTs: each must be skipped or degraded without harming its neighbours. */
const brokenEventArb = fc.integer({ min: 0, max: 1_000_000 }).chain((n) =>
  fc.constantFrom<string[]>(
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'SUMMARY:ohne Beginn', 'END:VEVENT'],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART:20261345T250000', 'SUMMARY:kaputtes Datum', 'END:VEVENT'],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART;TZID=Europe/Berlin:2026-01-01', 'END:VEVENT'],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART;VALUE=DATE:morgen', 'END:VEVENT'],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART:20260105T100000Z', 'RRULE:FREQ=FORTNIGHTLY;COUNT=x', 'END:VEVENT'],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART:20260105T100000Z', 'RRULE:BYDAY=MO', 'END:VEVENT'],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART:20260105T100000Z', 'DTEND:20250105T100000Z', 'DURATION:-PT1H', 'END:VEVENT'],
    [
      'BEGIN:VEVENT',
      `UID:broken-${n}`,
      'DTSTART;TZID=Mars/Olympus_Mons:20260105T100000',
      'GEO:999;abc',
      'URL:javascript:alert(1)',
      'END:VEVENT',
    ],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'RECURRENCE-ID:gestern', 'DTSTART:20260105T100000Z', 'END:VEVENT'],
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART:20260105T100000Z', 'BEGIN:VALARM', 'TRIGGER:-PT15M', 'END:VEVENT'],
    // Unterminated, followed by the next BEGIN:VEVENT (or the end of the calendar).
    ['BEGIN:VEVENT', `UID:broken-${n}`, 'DTSTART:20260105T100000Z', 'SUMMARY:nie beendet'],
    ['BEGIN:VEVENT', `UID:broken-${n}`],
    ['BEGIN:VEVENT'],
  ),
);

/**
 * Garbage lines between events: anything on one line except a BEGIN of another component
 * (an unclosed BEGIN:VALARM / VTIMEZONE / VCALENDAR at calendar level is a known bug, pinned
 * in "Findings" below; keeping it out here keeps this property about everything else).
 */
const garbageLineArb = garbageTextArb
  .map((s) => s.replace(/[\r\n]/g, ''))
  // A line starting with a space or tab continues END:VEVENT of the event before (a fold), so
  // it would damage that event itself rather than sit between events.
  .filter((s) => !/^[ \t]/.test(s))
  .filter((s) => !/^begin\s*[;:]/i.test(s) || /^begin:vevent$/i.test(s.trim()));

// ---------------------------------------------------------------------------------------------

describe('parseIcs never throws', () => {
  test('for arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 })),
        (text) => {
          assertNoInternalError(parseIcs(text));
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });

  test('for arbitrary strings that look like iCalendar lines', () => {
    const lineArb = fc.oneof(
      fc.constantFrom(
        'BEGIN:VCALENDAR',
        'END:VCALENDAR',
        'BEGIN:VEVENT',
        'END:VEVENT',
        'BEGIN:VTIMEZONE',
        'END:VTIMEZONE',
        'BEGIN:STANDARD',
      ),
      fc
        .tuple(
          fc.constantFrom(
            'DTSTART',
            'DTEND',
            'RRULE',
            'EXDATE',
            'RDATE',
            'RECURRENCE-ID',
            'UID',
            'SUMMARY',
            'TZID',
            'DURATION',
            'X-WR-TIMEZONE',
          ),
          fc.string({ maxLength: 12 }),
          fc.string({ unit: 'binary-ascii', maxLength: 40 }),
        )
        .map(([name, params, value]) => `${name}${params ? `;${params}` : ''}:${value}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.constantFrom('\r\n', '\n', '\r'), (lines, eol) => {
        assertNoInternalError(parseIcs(lines.join(eol)));
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  test('for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        assertNoInternalError(parseIcs(bytes));
        assertNoInternalError(parseIcs(bytes.buffer as ArrayBuffer));
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  test('for valid calendars mutated (lines deleted, duplicated, truncated, bytes flipped, garbage, folds)', () => {
    fc.assert(
      fc.property(validEventsArb, fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (events, mutations) => {
        const bytes = mutate(encoder.encode(calendarOf(events)), mutations);
        const result = parseIcs(bytes);
        assertNoInternalError(result);
        // Whatever came out can be expanded, within the output invariants.
        const w: Win = { start: '2026-01-01', end: '2026-03-01', zone: 'Europe/Berlin' };
        const report = expandOccurrencesReport(result.events, { ...w, budget: 2000 });
        assertNoExpansionCrash(report);
        checkOccurrences(report.occurrences, w);
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('folding is invisible', () => {
  test('folds at random byte positions, also inside multi-byte UTF-8 characters, read like the unfolded text', () => {
    let insideCharacter = 0;
    fc.assert(
      fc.property(
        validEventsArb,
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 12 }),
        (events, folds) => {
          const text = calendarOf(events);
          const bytes = encoder.encode(text);
          const { any, inCharacter } = foldPositions(bytes);
          const chosen = new Map<number, boolean>();
          for (const [n, midCharacter, tab] of folds) {
            const pool = midCharacter && inCharacter.length > 0 ? inCharacter : any;
            const at = pool[n % pool.length]!;
            if (chosen.has(at)) continue;
            chosen.set(at, tab);
            if ((bytes[at]! & 0xc0) === 0x80) insideCharacter++;
          }
          const parts: Uint8Array[] = [];
          let last = 0;
          for (const [at, tab] of [...chosen].sort((a, b) => a[0] - b[0])) {
            parts.push(bytes.subarray(last, at), encoder.encode(tab ? '\r\n\t' : '\r\n '));
            last = at;
          }
          parts.push(bytes.subarray(last));
          const folded = concat(parts);
          const expected = parseIcs(text);
          const actual = parseIcs(folded);
          assertNoInternalError(actual);
          assert.deepEqual(actual.events, expected.events);
          assert.equal(actual.errors.length, expected.errors.length);
          assert.ok(!actual.errors.some((e) => /not UTF-8/.test(e.message)), 'still read as UTF-8');
        },
      ),
      { numRuns: 500, seed: SEED },
    );
    assert.ok(insideCharacter > 100, `${insideCharacter} folds fell inside a multi-byte character`);
  });

  test('a fold between the bytes of "€" and of "🍼" (explicit)', () => {
    const plain = icsCalendar([
      'BEGIN:VEVENT',
      'UID:fold@w4g.test',
      'DTSTART:20260105T100000Z',
      'SUMMARY:5 € Eintritt 🍼',
      'END:VEVENT',
    ]);
    const bytes = encoder.encode(plain);
    const euro = encoder.encode('€'); // e2 82 ac
    const at = bytes.findIndex((_, i) => bytes[i] === euro[0] && bytes[i + 1] === euro[1]) + 1;
    const baby = encoder.encode('🍼'); // f0 9f 8d bc
    const at2 = bytes.findIndex((_, i) => bytes[i] === baby[0] && bytes[i + 1] === baby[1]) + 2;
    const folded = concat([
      bytes.subarray(0, at),
      encoder.encode('\r\n '),
      bytes.subarray(at, at2),
      encoder.encode('\r\n\t'),
      bytes.subarray(at2),
    ]);
    assert.throws(
      () => new TextDecoder('utf-8', { fatal: true }).decode(folded.subarray(0, at)),
      'the first half alone is no UTF-8',
    );
    const result = parseIcs(folded);
    assert.equal(result.events[0]?.title, '5 € Eintritt 🍼');
    assert.deepEqual(result.errors, []);
  });
});

describe('good events survive their broken neighbours', () => {
  test('iCalendar: every valid VEVENT comes out (by UID) between garbage lines and broken VEVENTs', () => {
    const junkArb = fc.array(
      fc.oneof(
        garbageLineArb.map((l) => [l]),
        brokenEventArb,
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(validEventsArb, fc.array(junkArb, { minLength: 7, maxLength: 7 }), (events, junk) => {
        const body: string[] = [...junk[0]!.flat()];
        events.forEach((e, i) => body.push(...e.lines, ...junk[i + 1]!.flat()));
        const result = parseIcs(icsCalendar(body, ZONES));
        assertNoInternalError(result);
        const ids = new Set(result.events.filter((e) => !e.recurrenceId).map((e) => e.id));
        for (const e of events) assert.ok(ids.has(e.uid), `${e.uid} survived`);
        // And it reads the same as without the junk.
        const clean = parseIcs(calendarOf(events)).events;
        for (const e of clean) {
          assert.deepEqual(
            result.events.find((x) => x.id === e.id),
            e,
          );
        }
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  const jsonEventArb = fc
    .record(
      {
        title: textArb,
        start: fc.oneof(
          wallArb.map((w) => `${w.y}-${pad(w.mo)}-${pad(w.d)}`),
          wallArb.map((w) => `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`),
          wallArb.map((w) => `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:00Z`),
          wallArb.map((w) => `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:00+01:00`),
        ),
        timeZone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'UTC'),
        rrule: fc.constantFrom(...VALID_RULES),
        categories: fc.array(textArb, { maxLength: 3 }),
        location: fc.record({
          name: textArb,
          lat: fc.double({ min: -90, max: 90, noNaN: true }),
          lon: fc.double({ min: -180, max: 180, noNaN: true }),
        }),
        url: fc.constantFrom('https://example.org/x', '/relative'),
        price: fc.oneof(textArb, fc.integer()),
      },
      { requiredKeys: ['title', 'start'] },
    )
    .map((e) => e as Record<string, unknown>);

  const brokenJsonEventArb = fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    fc.constantFrom<unknown>(
      { title: 'ohne id', start: '2026-01-01' },
      { id: 'no-title', start: '2026-01-01' },
      { id: 'bad-start', title: 'x', start: '2026-02-30' },
      { id: 'num-start', title: 'x', start: 20260101 },
      { id: 'obj-start', title: 'x', start: { date: '2026-01-01' } },
      { id: 'bad-rid', title: 'x', start: '2026-01-01', recurrenceId: 'gestern' },
      {
        id: 'bad-fields',
        title: 'x',
        start: '2026-01-01T10:00',
        end: 'bald',
        timeZone: 'Mars/Olympus',
        rrule: 'FREQ=NEVER',
        exdates: 'no',
      },
      {
        id: 'bad-nested',
        title: 'x',
        start: '2026-01-01',
        location: { lat: 'north', lon: [] },
        contact: { email: 42, phone: {} },
        url: 'javascript:alert(1)',
      },
      null,
      [],
      'event',
      42,
    ),
  );

  test('JSON: valid events come out (by id) whatever their siblings are', () => {
    fc.assert(
      fc.property(
        fc.array(jsonEventArb, { minLength: 1, maxLength: 5 }),
        fc.array(brokenJsonEventArb, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (valid, broken, positions, bare) => {
          const events: unknown[] = valid.map((e, i) => ({ ...e, id: `valid-${i}` }));
          broken.forEach((b, i) => events.splice((positions[i] ?? 0) % (events.length + 1), 0, b));
          const result = parseJsonFeed(bare ? events : { title: 'Test', timeZone: 'Europe/Berlin', events });
          assert.ok(Array.isArray(result.events));
          const ids = new Set(result.events.map((e) => e.id));
          for (let i = 0; i < valid.length; i++) assert.ok(ids.has(`valid-${i}`), `valid-${i} survived`);
        },
      ),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('parseJsonFeed never throws', () => {
  test('for arbitrary JSON values (and their text)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assertNoInternalError(parseJsonFeed(value));
        assertNoInternalError(parseJsonFeed({ events: [value], associations: [value] }));
        assertNoInternalError(parseJsonFeed(JSON.stringify(value)));
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  test('for arbitrary JSON values in every field of an event', () => {
    const fields = [
      'id',
      'title',
      'start',
      'end',
      'duration',
      'timeZone',
      'rrule',
      'exdates',
      'rdates',
      'recurrenceId',
      'status',
      'url',
      'image',
      'location',
      'contact',
      'organizer',
      'updated',
      'sequence',
      'free',
      'categories',
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), fc.jsonValue(), { maxKeys: 8 }), (patch) => {
        const event = { id: 'x', title: 'x', start: '2026-01-01T10:00', ...patch };
        const result = parseJsonFeed({ events: [event] });
        assertNoInternalError(result);
        const report = expandOccurrencesReport(result.events, { start: '2026-01-01', end: '2026-02-01', budget: 2000 });
        assertNoExpansionCrash(report);
        checkOccurrences(report.occurrences, { start: '2026-01-01', end: '2026-02-01', zone: 'Europe/Berlin' });
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  test('for arbitrary JavaScript values (fc.anything)', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withBigInt: true,
          withDate: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        }),
        (value) => {
          const result = parseJsonFeed(value);
          assert.ok(Array.isArray(result.events) && Array.isArray(result.errors));
          parseJsonFeed({ events: [value, { id: 'a', title: 'a', start: '2026-01-01' }] });
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Expansion

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const intListArb = (min: number, max: number, negative: boolean): fc.Arbitrary<string> =>
  fc
    .array(
      fc.integer({ min, max }).chain((v) => (negative ? fc.constantFrom(v, -v) : fc.constant(v))),
      { minLength: 1, maxLength: 4 },
    )
    .map((l) => l.join(','));

/** Present in about one rule of four. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

const bydayArb = (ordinals: boolean): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        ordinals
          ? fc.option(
              fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0),
              { nil: undefined },
            )
          : fc.constant(undefined),
        fc.constantFrom(...DAYS),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((l) => l.map(([n, d]) => `${n ?? ''}${d}`).join(','));

const endArb = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 30 }).map((n) => `COUNT=${n}`),
  fc.integer({ min: 1, max: 999_999_999 }).map((n) => `COUNT=${n}`),
  fc.integer({ min: 1900, max: 2030 }).map((y) => `UNTIL=${y}0615T120000Z`),
  fc.integer({ min: 1900, max: 2030 }).map((y) => `UNTIL=${y}0101`),
);

const BY_ORDER = [
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
] as const;

function ruleText(
  freq: string,
  interval: number,
  end: string,
  by: Partial<Record<(typeof BY_ORDER)[number], string | undefined>>,
): string {
  const parts = [`FREQ=${freq}`];
  if (interval > 1) parts.push(`INTERVAL=${interval}`);
  if (end) parts.push(end);
  for (const key of BY_ORDER) if (by[key] !== undefined) parts.push(`${key}=${by[key]}`);
  return parts.join(';');
}

/**
 * Random RRULEs: every FREQ, random BY parts, COUNT up to 10^9 (COUNT=10^9 itself is pinned in
 * Findings).
 *
 * Left out on purpose: rules that can never produce a date at FREQ=WEEKLY or finer, because
 * rrule.js then steps on to the year 9999 (seconds per event) or loops forever (BYHOUR,
 * BYMINUTE or BYSECOND that INTERVAL never reaches); see "BUG: an RRULE that never matches"
 * in Findings. So for those frequencies: no BYSETPOS, no BYSECOND=60, time filters only with
 * INTERVAL=1, and day filters only in combinations that always meet (BYDAY with BYMONTH, or
 * one BYMONTHDAY or BYYEARDAY alone). YEARLY and MONTHLY take any combination.
 */
const rruleArb: fc.Arbitrary<string> = fc.oneof(
  // YEARLY, MONTHLY: anything, in range or not (out-of-range parts are parse errors).
  fc
    .record({
      freq: fc.constantFrom('YEARLY', 'MONTHLY'),
      interval: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 100_000 })),
      end: endArb,
      BYSECOND: sometimes(intListArb(0, 60, false)),
      BYMINUTE: sometimes(intListArb(0, 59, false)),
      BYHOUR: sometimes(intListArb(0, 23, false)),
      BYDAY: sometimes(bydayArb(true)),
      BYMONTHDAY: sometimes(intListArb(1, 31, true)),
      BYYEARDAY: sometimes(intListArb(1, 366, true)),
      BYWEEKNO: sometimes(intListArb(1, 53, true)),
      BYMONTH: sometimes(intListArb(1, 12, false)),
      BYSETPOS: sometimes(intListArb(1, 366, true)),
      WKST: sometimes(fc.constantFrom(...DAYS)),
    })
    .map((r) => ruleText(r.freq, r.interval, r.end, r)),
  // WEEKLY .. SECONDLY: rules that always meet (see above).
  fc
    .record({
      freq: fc.constantFrom('WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'),
      interval: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 100_000 })),
      end: endArb,
      time: sometimes(
        fc.record({
          BYSECOND: sometimes(intListArb(0, 59, false)),
          BYMINUTE: sometimes(intListArb(0, 59, false)),
          BYHOUR: sometimes(intListArb(0, 23, false)),
        }),
      ),
      days: fc.oneof(
        fc.record({ BYDAY: sometimes(bydayArb(false)), BYMONTH: sometimes(intListArb(1, 12, false)) }),
        fc.record({ BYMONTHDAY: intListArb(1, 31, true) }),
        fc.record({ BYYEARDAY: intListArb(1, 366, true) }),
      ),
      WKST: sometimes(fc.constantFrom(...DAYS)),
    })
    .map((r) =>
      ruleText(r.freq, r.time && r.freq !== 'WEEKLY' && r.freq !== 'DAILY' ? 1 : r.interval, r.end, {
        ...r.time,
        ...r.days,
        WKST: r.WKST,
      }),
    ),
);

const EVENT_ZONES = [
  undefined,
  'Europe/Berlin',
  'America/New_York',
  'UTC',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
] as const;
const DISPLAY_ZONES = ['Europe/Berlin', 'America/New_York', 'UTC', 'Australia/Lord_Howe', 'Asia/Kathmandu'] as const;

const dtstartArb = fc.record({
  y: fc.integer({ min: 1900, max: 2030 }),
  mo: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
});

const randomEventArb = fc
  .record({
    start: dtstartArb,
    allDay: fc.boolean(),
    zone: fc.constantFrom(...EVENT_ZONES),
    rrule: rruleArb,
    lengthMs: fc.option(fc.integer({ min: 0, max: 5 * 86_400_000 }), { nil: undefined }),
    exdate: fc.boolean(),
  })
  .map((r): CalendarEvent => {
    // A date (all-day) series with a time-of-day rule (FREQ=HOURLY and finer, BYHOUR, BYMINUTE,
    // BYSECOND) repeats one day under one key: a known bug, pinned in Findings. Such rules go
    // to timed events here.
    const allDay = r.allDay && !/FREQ=(HOURLY|MINUTELY|SECONDLY)|BYHOUR|BYMINUTE|BYSECOND/.test(r.rrule);
    const date = `${pad(r.start.y, 4)}-${pad(r.start.mo)}-${pad(r.start.d)}`;
    const start = allDay ? date : `${date}T${pad(r.start.h)}:${pad(r.start.mi)}:${pad(r.start.s)}`;
    const event: CalendarEvent = {
      id: 'random',
      title: 'random',
      start,
      allDay,
      rrule: r.rrule,
      status: 'scheduled',
      categories: [],
      audience: [],
      accessibility: [],
    };
    if (!allDay && r.zone) event.timeZone = r.zone;
    if (r.lengthMs !== undefined) event.duration = `PT${Math.floor(r.lengthMs / 1000)}S`;
    if (r.exdate) event.exdates = [start];
    return event;
  });

const windowArb = fc
  .record({
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    length: fc.integer({ min: 1, max: 31 }),
    zone: fc.constantFrom(...DISPLAY_ZONES),
  })
  .map(({ month, day, length, zone }): Win => {
    const start = new Date(Date.UTC(2026, month - 1, day));
    const end = new Date(start.getTime() + length * 86_400_000);
    return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10), zone };
  });

describe('expandOccurrences', () => {
  test('the full recurrence engine is loaded (otherwise the properties below test little)', () => {
    const event: CalendarEvent = {
      id: 'engine',
      title: 'Zweiter Dienstag',
      start: '2026-01-13T19:00:00',
      timeZone: 'Europe/Berlin',
      allDay: false,
      rrule: 'FREQ=MONTHLY;BYDAY=2TU',
      status: 'scheduled',
      categories: [],
      audience: [],
      accessibility: [],
    };
    const report = expandOccurrencesReport([event], { start: '2026-01-01', end: '2026-04-01' });
    assert.deepEqual(
      report.occurrences.map((o) => o.start),
      ['2026-01-13T19:00:00+01:00', '2026-02-10T19:00:00+01:00', '2026-03-10T19:00:00+01:00'],
    );
    assert.deepEqual(report.errors, []);
  });

  test('returns, bounded and well-formed, for random RRULEs (every FREQ, BY parts, COUNT up to 10^9, DTSTART 1900..2030)', () => {
    fc.assert(
      fc.property(fc.array(randomEventArb, { minLength: 1, maxLength: 3 }), windowArb, (events, w) => {
        const list = events.map((e, i) => ({ ...e, id: `random-${i}` }));
        const budget = 500;
        const report = expandOccurrencesReport(list, { ...w, budget });
        assertNoExpansionCrash(report);
        checkOccurrences(report.occurrences, w);
        // Bounded: at most the budget per event, plus one date each (DTSTART) and RDATEs.
        for (const e of list) {
          const mine = report.occurrences.filter((o) => o.eventId === e.id).length;
          assert.ok(mine <= budget + 2, `${e.rrule}: ${mine} dates`);
        }
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  test('keeps the output invariants for generated calendars with overrides, EXDATEs and RDATEs', () => {
    const overrideArb = fc.record({
      pick: fc.nat(),
      moveMinutes: fc.integer({ min: -3 * 1440, max: 3 * 1440 }),
      cancelled: fc.boolean(),
      sequence: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(validEventsArb, fc.array(overrideArb, { maxLength: 4 }), windowArb, (events, overrides, w) => {
        const base = parseIcs(calendarOf(events)).events;
        // Overrides of real dates of the series, each date at most once and in the series' own
        // form (the same date written twice in different forms is a known bug, see Findings).
        const extra: CalendarEvent[] = [];
        const seen = new Set<string>();
        const wide = { start: '2024-01-01', end: '2028-01-01', zone: w.zone };
        for (const o of overrides) {
          const master = base[o.pick % base.length]!;
          const dates = expandOccurrences([master], { ...wide, budget: 200 });
          if (dates.length === 0) continue;
          const original = dates[o.pick % dates.length]!;
          if (seen.has(original.key)) continue;
          seen.add(original.key);
          const recurrenceId = master.allDay
            ? original.start
            : new Date(Date.parse(original.start)).toISOString().replace('.000Z', 'Z');
          const moved = master.allDay
            ? new Date(Date.parse(original.start) + Math.trunc(o.moveMinutes / 1440) * 86_400_000).toISOString().slice(0, 10)
            : new Date(Date.parse(original.start) + o.moveMinutes * 60_000).toISOString().replace('.000Z', 'Z');
          extra.push({
            ...master,
            rrule: undefined,
            exdates: undefined,
            recurrenceId,
            start: moved,
            end: undefined,
            status: o.cancelled ? 'cancelled' : 'scheduled',
            sequence: o.sequence,
          });
        }
        const list = [...base, ...extra];
        const report = expandOccurrencesReport(list, { ...w, budget: 2000 });
        assertNoExpansionCrash(report);
        checkOccurrences(report.occurrences, w);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  test('FREQ=SECONDLY from 1970 over one month of 2026 returns a bounded list or a warning', () => {
    const event: CalendarEvent = {
      id: 'secondly',
      title: 'Sekündlich',
      start: '1970-01-01T00:00:00',
      timeZone: 'Europe/Berlin',
      allDay: false,
      rrule: 'FREQ=SECONDLY',
      status: 'scheduled',
      categories: [],
      audience: [],
      accessibility: [],
    };
    const w: Win = { start: '2026-03-01', end: '2026-04-01', zone: 'Europe/Berlin' };
    const report = expandOccurrencesReport([event], w);
    checkOccurrences(report.occurrences, w);
    const bounded = report.occurrences.length <= 20_000;
    const warned = report.errors.some((e) => e.eventId === 'secondly');
    assert.ok(bounded || warned, `${report.occurrences.length} dates, ${report.errors.length} problems`);
    assert.ok(bounded, 'never more than the default budget');
    // A whole month of seconds (2.7 million) cannot be shown: the report has to say so.
    assert.ok(warned, 'the cut is reported');
    assert.equal(report.occurrences[0]?.start, '2026-03-01T00:00:00+01:00');
  });

  test('FREQ=DAILY from 1900 over one month of 2026 returns exactly the days of that month', () => {
    const event: CalendarEvent = {
      id: 'daily',
      title: 'Täglich',
      start: '1900-01-01T10:00:00',
      timeZone: 'Europe/Berlin',
      allDay: false,
      rrule: 'FREQ=DAILY',
      status: 'scheduled',
      categories: [],
      audience: [],
      accessibility: [],
    };
    const w: Win = { start: '2026-03-01', end: '2026-04-01', zone: 'Europe/Berlin' };
    const report = expandOccurrencesReport([event], w);
    assert.deepEqual(report.errors, []);
    checkOccurrences(report.occurrences, w);
    const expected = Array.from({ length: 31 }, (_, i) => `2026-03-${pad(i + 1)}T10:00:00${i + 1 >= 29 ? '+02:00' : '+01:00'}`);
    assert.deepEqual(
      report.occurrences.map((o) => o.start),
      expected,
    );
    // The same as an all-day series.
    const days = expandOccurrences([{ ...event, start: '1900-01-01', allDay: true, timeZone: undefined }], w);
    assert.deepEqual(
      days.map((o) => `${o.start}/${o.end}`),
      Array.from({ length: 31 }, (_, i) => `2026-03-${pad(i + 1)}/${i === 30 ? '2026-04-01' : `2026-03-${pad(i + 2)}`}`),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Findings: cases found while writing the properties above, reduced to minimal inputs. The ones
// that fail are bugs in src/core (reported, not fixed here).

/** Runs expandOccurrencesReport in a child process (support/expand-child.ts), stopped after `ms`. */
function expandInChildProcess(
  events: CalendarEvent[],
  options: { start: string; end: string; zone?: string },
  ms: number,
): Promise<{ timedOut: boolean; result?: { count: number; errors: unknown[] } }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./support/expand-child.ts', import.meta.url))],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('close', () => {
      clearTimeout(timer);
      let result: { count: number; errors: unknown[] } | undefined;
      try {
        result = timedOut ? undefined : (JSON.parse(out) as { count: number; errors: unknown[] });
      } catch {
        result = undefined;
      }
      resolve(result ? { timedOut, result } : { timedOut });
    });
    child.stdin.end(JSON.stringify({ events, options }));
  });
}

function vevent(uid: string, ...lines: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20251201T080000Z', ...lines, 'END:VEVENT'];
}

describe('Findings', () => {
  test('BUG: an unclosed component at calendar level must not swallow the VEVENTs after it', () => {
    // A VTIMEZONE without END:VTIMEZONE (or an unclosed VALARM / VTODO / X- component, or a
    // second BEGIN:VCALENDAR from naively concatenated files) makes every following VEVENT a
    // child of that component, and parseIcs drops them without naming them. The reader already
    // handles "BEGIN:VEVENT inside an open VEVENT"; the same recovery is missing when the open
    // component is anything else (a VEVENT never nests in VTIMEZONE, VALARM, VTODO, ...).
    for (const unclosed of [
      ['BEGIN:VTIMEZONE', 'TZID:Europe/Berlin'],
      ['BEGIN:VALARM', 'TRIGGER:-PT15M'],
      ['BEGIN:VTODO', 'UID:todo'],
      ['BEGIN:X-FOO'],
      ['BEGIN:VCALENDAR', 'VERSION:2.0'],
    ]) {
      const text = icsCalendar(
        [
          ...vevent('a', 'DTSTART:20260105T100000Z', 'SUMMARY:A'),
          ...unclosed,
          ...vevent('b', 'DTSTART:20260106T100000Z', 'SUMMARY:B'),
        ],
        [],
      );
      const ids = parseIcs(text).events.map((e) => e.id);
      assert.deepEqual(ids, ['a', 'b'], `after an unclosed ${unclosed[0]}`);
    }
  });

  test('BUG: two overrides of one date, written as TZID time and as UTC, give one occurrence', () => {
    // Both RECURRENCE-IDs name 2026-01-12 10:00 Europe/Berlin (= 09:00Z). RFC 5545 3.8.4.4:
    // they identify the same instance; the higher SEQUENCE wins. latestOverrides() groups by
    // the recurrenceId string ("2026-01-12T10:00:00" vs "2026-01-12T09:00:00Z"), so both are
    // shown, with the same key "u/2026-01-12T09:00:00Z".
    const text = icsCalendar([
      ...vevent('u', 'DTSTART;TZID=Europe/Berlin:20260105T100000', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Probe'),
      ...vevent(
        'u',
        'RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000',
        'DTSTART;TZID=Europe/Berlin:20260112T120000',
        'SUMMARY:alt',
      ),
      ...vevent('u', 'RECURRENCE-ID:20260112T090000Z', 'SEQUENCE:2', 'DTSTART;TZID=Europe/Berlin:20260112T140000', 'SUMMARY:neu'),
    ]);
    const w: Win = { start: '2026-01-01', end: '2026-02-01', zone: 'Europe/Berlin' };
    const list = expandOccurrences(parseIcs(text).events, w);
    assert.deepEqual(
      list.map((o) => `${o.start} ${o.title}`),
      ['2026-01-05T10:00:00+01:00 Probe', '2026-01-12T14:00:00+01:00 neu', '2026-01-19T10:00:00+01:00 Probe'],
    );
    checkOccurrences(list, w);
  });

  test('BUG: COUNT=1000000000 (10^9) is a valid COUNT', () => {
    // RFC 5545 3.3.10: COUNT is 1*DIGIT with no upper bound. parseRecurrenceRule accepts at
    // most 9 digits and reports 10^9 as "is not a positive integer", and the series shrinks to
    // its DTSTART. 999999999 works.
    const event: CalendarEvent = {
      id: 'count',
      title: 'Täglich',
      start: '2026-01-01T10:00:00',
      timeZone: 'Europe/Berlin',
      allDay: false,
      rrule: 'FREQ=DAILY;COUNT=1000000000',
      status: 'scheduled',
      categories: [],
      audience: [],
      accessibility: [],
    };
    const w = { start: '2026-03-01', end: '2026-04-01', zone: 'Europe/Berlin' };
    assert.equal(expandOccurrences([{ ...event, rrule: 'FREQ=DAILY;COUNT=999999999' }], w).length, 31);
    const report = expandOccurrencesReport([event], w);
    assert.deepEqual(
      report.errors.map((e) => e.message),
      [],
    );
    assert.equal(report.occurrences.length, 31);
  });

  test('BUG: an all-day series with a time-of-day rule repeats one day under one key', () => {
    // DTSTART is a DATE, the rule steps hours (or names hours): rrule.js gives 2026-01-05T00:00,
    // 01:00, 02:00 in floating time, each becomes the all-day date 2026-01-05, all three with
    // the key "hourly/2026-01-05". RFC 5545 3.8.5.3: duplicate instances count once (and
    // 3.3.10: BYHOUR/BYMINUTE/BYSECOND must not be used with a DATE DTSTART).
    const text = icsCalendar([
      ...vevent('hourly', 'DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=HOURLY;COUNT=3', 'SUMMARY:Stündlich'),
      ...vevent('byhour', 'DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=DAILY;COUNT=4;BYHOUR=9,17', 'SUMMARY:Zweimal'),
    ]);
    const w: Win = { start: '2026-01-01', end: '2026-02-01', zone: 'Europe/Berlin' };
    const list = expandOccurrences(parseIcs(text).events, w);
    assert.deepEqual(
      list.map((o) => o.key),
      ['hourly/2026-01-05', 'byhour/2026-01-05', 'byhour/2026-01-06'],
    );
    checkOccurrences(list, w);
  });

  test('BUG: an RRULE that never matches must not hang or crawl', async () => {
    // rrule.js steps on until a date matches: when none ever does, it walks to the year 9999
    // (seconds per event) or, for a BYHOUR / BYMINUTE / BYSECOND its INTERVAL never reaches,
    // loops forever (DateTime.addHours/addMinutes/addSeconds, `for (;;)`). One such line in a
    // feed freezes the page. RFC 5545: the set is just DTSTART. Each case runs in a child
    // process, because an endless loop cannot be stopped in-process. The child is stopped
    // after 60 s: a guard against a hang, not a speed limit (the project keeps wall-clock
    // targets out of unit tests; speed is measured by `npm run bench`).
    const cases: [string, string][] = [
      ['FREQ=HOURLY;INTERVAL=2;BYHOUR=3', 'endless: even hours only from 10:00, never 03'],
      ['FREQ=MINUTELY;INTERVAL=60;BYMINUTE=5', 'endless: always minute 00'],
      ['FREQ=SECONDLY;BYSECOND=60', 'endless: rrule.js never makes second 60'],
      ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'walks to 9999: about 7 s'],
      ['FREQ=DAILY;BYHOUR=9;BYSETPOS=2', 'walks to 9999: one date a day, never a second'],
    ];
    const results = await Promise.all(
      cases.map(async ([rrule, why]) => {
        const event: CalendarEvent = {
          id: 'never',
          title: 'Nie',
          start: '2026-01-01T10:00:00',
          timeZone: 'Europe/Berlin',
          allDay: false,
          rrule,
          status: 'scheduled',
          categories: [],
          audience: [],
          accessibility: [],
        };
        const run = await expandInChildProcess([event], { start: '2026-03-01', end: '2026-04-01' }, 60_000);
        return { rrule, why, ...run };
      }),
    );
    const stuck = results.filter((r) => r.timedOut || r.result === undefined).map((r) => `${r.rrule} (${r.why})`);
    assert.deepEqual(stuck, [], `hung:\n  ${stuck.join('\n  ')}`);
    for (const r of results) assert.equal(r.result!.count, 0, r.rrule);
  });

  test('two masters with the same UID and date (RFC 5545 forbids it) give one occurrence, the higher SEQUENCE, with a warning', () => {
    const text = icsCalendar([
      ...vevent('dup', 'DTSTART:20260105T100000Z', 'SUMMARY:Neu', 'SEQUENCE:2'),
      ...vevent('dup', 'DTSTART:20260105T100000Z', 'SUMMARY:Alt', 'SEQUENCE:1'),
    ]);
    const report = expandOccurrencesReport(parseIcs(text).events, { start: '2026-01-01', end: '2026-02-01' });
    assert.deepEqual(
      report.occurrences.map((o) => o.title),
      ['Neu'],
    );
    assert.equal(new Set(report.occurrences.map((o) => o.key)).size, report.occurrences.length);
    assert.equal(report.errors[0]?.eventId, 'dup');
  });

  test('a null-prototype object in one event (not JSON, but parseJsonFeed takes parsed values) degrades only that field', () => {
    const result = parseJsonFeed({
      events: [
        { id: 'a', title: 'A', start: '2026-01-01' },
        { id: 'b', title: 'B', start: '2026-01-01', timeZone: Object.create(null) },
      ],
    });
    assert.deepEqual(
      result.events.map((e) => e.id),
      ['a', 'b'],
    );
  });
});
