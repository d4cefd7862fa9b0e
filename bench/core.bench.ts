/**
 * Benchmark of the core (parseIcs + expandOccurrences) against ical.js on one generated
 * iCalendar file: 5,000 VEVENTs in Europe/Berlin over 2026 (4,450 single events, 500 weekly
 * series with UNTIL/COUNT/INTERVAL/EXDATE, 50 RECURRENCE-ID overrides).
 *
 * Run: npm run bench:core   (BENCH_RUNS=n and BENCH_WARMUP=n change the run counts)
 *
 * Targets (issue 11): parse+expand >= 6x ical.js and parse alone >= 2x ical.js, each a ratio
 * of median times in this one run, printed with PASS/FAIL; then a memory figure per side from
 * fresh child processes (see measureMemory).
 *
 * Both sides start from the same bytes (the file as read from disk) and end with one value
 * per occurrence in the window 2026-01-01..2027-01-01 (Europe/Berlin):
 * - ours: parseIcs(bytes) -> expandOccurrences(...) -> sorted Occurrence objects whose
 *   start/end are ISO strings with offsets (the library's contract, so ours must format);
 * - ical.js, used well: UTF-8 decode -> ICAL.parse -> ICAL.Component -> VTIMEZONE registered
 *   once (like our module-level zone cache) -> one ICAL.Event per master with its overrides
 *   passed in (linear; without `exceptions` each Event scans every VEVENT of the calendar) ->
 *   iterator()/getOccurrenceDetails() per series, startDate/endDate for single events ->
 *   { uid, startMs, endMs } numbers, sorted by start (ours returns a sorted list too).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import ICAL from 'ical.js';
import { expandOccurrences, parseIcs } from '../src/core/index.js';
import type { CalendarEvent, Occurrence } from '../src/core/index.js';
import { escapeText, foldLine } from '../test/core/support/ics.js';
import { seeded } from '../test/core/support/random.js';
import { dayOf, ICS_DAYS, icsDate, icsLocal, pad, weekdayOf } from './ui/feeds.js';

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalTime = InstanceType<typeof ICAL.Time>;

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_FILE = join(HERE, '.cache', 'core-5000.ics');
const RESULTS_FILE = join(HERE, 'results', 'core.json');

const ZONE = 'Europe/Berlin';
const WINDOW = { start: '2026-01-01', end: '2027-01-01', zone: ZONE } as const;
/** Targets of issue 11: parse+expand and parse alone, as ours / ical.js in one run. */
const TARGETS = { full: 6, parse: 2 } as const;
const TOTAL_EVENTS = 5000;
const SERIES = 500;
const OVERRIDES = 50;
const SEED = 0x5eed_2026;

const WARMUP = positiveInt(process.env['BENCH_WARMUP'], 3);
const RUNS = Math.max(7, positiveInt(process.env['BENCH_RUNS'], 9));

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

// ---------------------------------------------------------------------------------------
// Deterministic generator
// ---------------------------------------------------------------------------------------

const TITLES = [
  'Chorprobe des Gemischten Chors „Frohsinn“',
  'Seniorennachmittag mit Kaffee und Kuchen',
  'Jahreshauptversammlung des Heimatvereins',
  'Öffentliche Führung durch die Altstadt',
  'Kinderturnen in der Sporthalle',
  'Lesung: Geschichten aus der Börde',
  'Orgelkonzert in der Stephanikirche',
  'Flohmarkt auf dem Marktplatz',
  'Blutspende beim Deutschen Roten Kreuz',
  'Skatabend im Vereinsheim',
  'Yoga für Anfängerinnen und Anfänger',
  'Gemeinderatssitzung (öffentlich)',
  'Plattdeutscher Stammtisch',
  'Theaterprobe der Laienspielgruppe',
  'Repair-Café: Reparieren statt wegwerfen',
  'Sprechstunde der Verbraucherzentrale',
  'Nähcafé für Groß und Klein',
  'Vortrag: Streuobstwiesen im Harzvorland',
  'Frühjahrsputz am Bürgerpark',
  'Tanztee für Jung und Alt',
  'Offener Spieleabend',
  'Bürgersprechstunde des Ortsbürgermeisters',
  'Posaunenchor – Übungsabend',
  'Fußball: E-Jugend gegen SV Grün-Weiß',
];

const PLACES = [
  ['Bürgerhaus', 'Hauptstraße 12, 06449 Aschersleben'],
  ['Gemeindesaal St. Stephani', 'Kirchplatz 3, 06449 Aschersleben'],
  ['Vereinsheim „Zur Linde“', 'Lindenstraße 45, 06456 Arnstein'],
  ['Sporthalle am Güntherplatz', 'Güntherplatz 1, 06449 Aschersleben'],
  ['Stadtbibliothek', 'Über den Steinen 8, 06449 Aschersleben'],
  ['Dorfgemeinschaftshaus Schackstedt', 'Am Anger 2, 06449 Aschersleben OT Schackstedt'],
  ['Bestehornpark', 'Hinter dem Zoll 2, 06449 Aschersleben'],
  ['Mehrgenerationenhaus', 'Straße der Einheit 17, 06464 Seeland'],
  ['Marktplatz', 'Markt, 06449 Aschersleben'],
  ['Kulturscheune Wilsleben', 'Dorfstraße 21, 06449 Aschersleben OT Wilsleben'],
] as const;

const CATEGORIES = [
  'Musik',
  'Kultur',
  'Sport',
  'Senioren',
  'Kinder & Familie',
  'Bildung',
  'Gesundheit',
  'Politik',
  'Märkte',
  'Gemeinschaft',
  'Natur & Umwelt',
  'Kirche',
];

const SENTENCES = [
  'Alle Interessierten sind herzlich eingeladen, der Eintritt ist frei.',
  'Für das leibliche Wohl ist gesorgt; Spenden werden gern angenommen.',
  'Bitte bringen Sie bequeme Schuhe und etwas zu trinken mit.',
  'Der Veranstaltungsort ist barrierefrei über den Seiteneingang erreichbar.',
  'Anmeldung bis zum Vortag bei Frau Müller unter 03473 12345.',
  'Wir freuen uns über neue Mitglieder – ob jung oder alt.',
  'Bei schlechtem Wetter findet die Veranstaltung im Saal statt.',
  'Größere Gruppen melden sich bitte vorher an, damit genügend Plätze bereitstehen.',
  'Mit freundlicher Unterstützung der Stadtwerke und des Fördervereins.',
  'Kinder unter zwölf Jahren nur in Begleitung eines Erwachsenen.',
];

const ORGANIZERS = [
  ['Heimatverein Aschersleben e.V.', 'info@heimatverein.example'],
  ['Ev. Kirchengemeinde St. Stephani', 'buero@stephani.example'],
  ['TSV Grün-Weiß 1892 e.V.', 'vorstand@tsv.example'],
  ['Seniorenbeirat der Stadt', 'senioren@stadt.example'],
  ['Förderverein Bürgerhaus', 'kontakt@buergerhaus.example'],
] as const;

interface GeneratedFile {
  text: string;
  /** What the generator expects, for a sanity line in the output. */
  expected: { events: number; series: number; overrides: number; exdates: number };
}

interface SeriesPlan {
  uid: string;
  title: string;
  days: number[];
  startMinutes: number;
  durationMinutes: number;
  /** Wall days of the occurrences in 2026 (for picking EXDATEs and overrides). */
  occurrences2026: number[];
  exdates: number[];
}

function generateIcs(seed: number): GeneratedFile {
  const { next: rand, int, pick } = seeded(seed);
  const lines: string[] = [];
  const push = (line: string): void => {
    lines.push(foldLine(line));
  };
  const dtstamp = '20251201T080000Z';
  const y2026 = dayOf('2026-01-01');
  const y2027 = dayOf('2027-01-01');

  push('BEGIN:VCALENDAR');
  push('VERSION:2.0');
  push('PRODID:-//w4g-calendar//bench core-5000//DE');
  push('CALSCALE:GREGORIAN');
  push('METHOD:PUBLISH');
  push('X-WR-CALNAME:Veranstaltungen im Salzlandkreis 2026 – Benchmark');
  push(`X-WR-TIMEZONE:${ZONE}`);
  push('BEGIN:VTIMEZONE');
  push(`TZID:${ZONE}`);
  push(`X-LIC-LOCATION:${ZONE}`);
  push('BEGIN:DAYLIGHT');
  push('TZOFFSETFROM:+0100');
  push('TZOFFSETTO:+0200');
  push('TZNAME:CEST');
  push('DTSTART:19700329T020000');
  push('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
  push('END:DAYLIGHT');
  push('BEGIN:STANDARD');
  push('TZOFFSETFROM:+0200');
  push('TZOFFSETTO:+0100');
  push('TZNAME:CET');
  push('DTSTART:19701025T030000');
  push('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  push('END:STANDARD');
  push('END:VTIMEZONE');

  const descriptionOf = (): string => {
    const count = int(1, 4);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(pick(SENTENCES));
    return parts.join(rand() < 0.3 ? '\n' : ' ');
  };

  /** Common properties of a VEVENT after DTSTART/DTEND/RRULE. */
  const body = (title: string, uidIndex: number): void => {
    const [place, address] = pick(PLACES);
    push(`SUMMARY:${escapeText(title)}`);
    push(`DESCRIPTION:${escapeText(descriptionOf())}`);
    push(`LOCATION:${escapeText(`${place}, ${address}`)}`);
    const cats = new Set<string>();
    const nCats = int(1, 3);
    while (cats.size < nCats) cats.add(pick(CATEGORIES));
    push(`CATEGORIES:${[...cats].map(escapeText).join(',')}`);
    if (rand() < 0.6) {
      const [cn, mail] = pick(ORGANIZERS);
      push(`ORGANIZER;CN="${cn}":mailto:${mail}`);
    }
    if (rand() < 0.4) push(`URL:https://veranstaltungen.example/termine/${uidIndex}`);
    push('STATUS:CONFIRMED');
    push('TRANSP:OPAQUE');
  };

  const beginEvent = (uid: string, extra: string[] = []): void => {
    push('BEGIN:VEVENT');
    push(`UID:${uid}`);
    push(`DTSTAMP:${dtstamp}`);
    for (const line of extra) push(line);
  };

  // 500 weekly series.
  const plans: SeriesPlan[] = [];
  let exdateCount = 0;
  for (let s = 0; s < SERIES; s++) {
    const uid = `serie-${pad(s, 4)}@bench.w4g.example`;
    const title = pick(TITLES);
    const nDays = int(1, 3);
    const daySet = new Set<number>();
    while (daySet.size < nDays) daySet.add(int(0, 6));
    const days = [...daySet].sort((a, b) => a - b);
    const interval = rand() < 0.15 ? 2 : 1;
    // About one in ten series started in autumn 2025 and runs on into the window.
    let first = rand() < 0.1 ? dayOf('2025-09-01') + int(0, 100) : y2026 + int(0, 330);
    while (!days.includes(weekdayOf(first))) first++;
    const startMinutes = int(32, 82) * 15; // 08:00 .. 20:30
    const durationMinutes = pick([60, 90, 90, 120, 120, 150, 180]);
    const kind = rand();
    let count: number | undefined;
    let untilDay: number | undefined;
    if (kind < 0.3) count = int(4, 40);
    else if (kind < 0.6) untilDay = first + int(4, 40) * 7;

    // Expand the wall dates like RFC 5545 (WKST=MO) to know which dates exist.
    const weekStart = first - weekdayOf(first);
    const all: number[] = [];
    for (let day = first; day < y2027; day++) {
      const week = Math.floor((day - weekStart) / 7);
      if (week % interval !== 0 || !days.includes(weekdayOf(day))) continue;
      if (untilDay !== undefined && day > untilDay) break;
      all.push(day);
      if (count !== undefined && all.length >= count) break;
    }
    const occurrences2026 = all.filter((d) => d >= y2026 && d < y2027);

    const exdates: number[] = [];
    if (s % 12 === 5 && occurrences2026.length > 4) {
      const n = int(1, 2);
      while (exdates.length < n) {
        const d = occurrences2026[int(1, occurrences2026.length - 2)]!;
        if (!exdates.includes(d)) exdates.push(d);
      }
      exdates.sort((a, b) => a - b);
      exdateCount += exdates.length;
    }

    let rrule = `FREQ=WEEKLY`;
    if (interval > 1) rrule += `;INTERVAL=${interval}`;
    if (count !== undefined) rrule += `;COUNT=${count}`;
    // UNTIL in UTC, as RFC 5545 asks for a DTSTART with TZID: 23:59:59 (CEST) of that day.
    if (untilDay !== undefined) rrule += `;UNTIL=${icsDate(untilDay)}T215959Z`;
    rrule += `;BYDAY=${days.map((d) => ICS_DAYS[d]).join(',')}`;

    beginEvent(uid, [
      `DTSTART;TZID=${ZONE}:${icsLocal(first, startMinutes)}`,
      `DTEND;TZID=${ZONE}:${icsLocal(first, startMinutes + durationMinutes)}`,
      `RRULE:${rrule}`,
      ...(exdates.length ? [`EXDATE;TZID=${ZONE}:${exdates.map((d) => icsLocal(d, startMinutes)).join(',')}`] : []),
    ]);
    body(title, s);
    push('END:VEVENT');
    plans.push({ uid, title, days, startMinutes, durationMinutes, occurrences2026, exdates });
  }

  // 50 overrides of those series: moved by a day or some minutes, or only retitled.
  const candidates = plans.filter((p) => p.occurrences2026.length >= 4);
  const used = new Set<string>();
  let overrides = 0;
  for (let attempt = 0; overrides < OVERRIDES && attempt < 10_000; attempt++) {
    const plan = pick(candidates);
    if (used.has(plan.uid)) continue;
    const options = plan.occurrences2026.filter((d, i) => i > 0 && d < y2027 - 3 && !plan.exdates.includes(d));
    if (options.length === 0) continue;
    used.add(plan.uid);
    const day = pick(options);
    const move = pick([0, 1 * 1440, 2 * 1440, 90, -60]);
    const start = plan.startMinutes + move;
    const duration = plan.durationMinutes + (rand() < 0.3 ? 30 : 0);
    beginEvent(plan.uid, [
      `RECURRENCE-ID;TZID=${ZONE}:${icsLocal(day, plan.startMinutes)}`,
      `DTSTART;TZID=${ZONE}:${icsLocal(day, start)}`,
      `DTEND;TZID=${ZONE}:${icsLocal(day, start + duration)}`,
      'SEQUENCE:1',
    ]);
    body(move === 0 ? `${plan.title} – heute mit Gästen` : `${plan.title} (verlegt)`, 10_000 + overrides);
    push('END:VEVENT');
    overrides++;
  }

  // The rest: single events spread over 2026.
  const singles = TOTAL_EVENTS - SERIES - overrides;
  for (let i = 0; i < singles; i++) {
    const day = y2026 + int(0, 364);
    const start = int(32, 84) * 15; // 08:00 .. 21:00
    const duration = pick([45, 60, 90, 120, 150, 180, 240]);
    beginEvent(`termin-${pad(i, 5)}@bench.w4g.example`, [
      `DTSTART;TZID=${ZONE}:${icsLocal(day, start)}`,
      `DTEND;TZID=${ZONE}:${icsLocal(day, start + duration)}`,
    ]);
    body(pick(TITLES), 20_000 + i);
    push('END:VEVENT');
  }
  push('END:VCALENDAR');
  return {
    text: `${lines.join('\r\n')}\r\n`,
    expected: { events: TOTAL_EVENTS, series: SERIES, overrides, exdates: exdateCount },
  };
}

// ---------------------------------------------------------------------------------------
// The two sides
// ---------------------------------------------------------------------------------------

/** One occurrence as comparable numbers: UID and instants in ms. */
interface Instant {
  uid: string;
  start: number;
  end: number;
}

interface OursRun {
  events: CalendarEvent[];
  occurrences: Occurrence[];
  parseErrors: number;
}

function oursParse(bytes: Uint8Array): CalendarEvent[] {
  return parseIcs(bytes).events;
}

function oursFull(bytes: Uint8Array, split: number[]): OursRun {
  const t0 = performance.now();
  const feed = parseIcs(bytes);
  const t1 = performance.now();
  const occurrences = expandOccurrences(feed.events, WINDOW);
  split.push(performance.now() - t1, t1 - t0);
  return { events: feed.events, occurrences, parseErrors: feed.errors.length };
}

const WINDOW_START_S = Date.parse('2025-12-31T23:00:00Z') / 1000; // 2026-01-01 00:00 Berlin
const WINDOW_END_S = Date.parse('2026-12-31T23:00:00Z') / 1000; // 2027-01-01 00:00 Berlin

const decoder = new TextDecoder('utf-8');

interface IcalModel {
  masters: IcalEvent[];
}

/** ICAL.parse -> Component -> Events, with exceptions related to their master (linear). */
function icalParse(bytes: Uint8Array): IcalModel {
  const text = decoder.decode(bytes);
  const root: IcalComponent = new ICAL.Component(ICAL.parse(text) as unknown[]);
  // Register the file's zones once per process, like our module-level zone cache.
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtz.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(vtz);
  }
  const masters = new Map<string, IcalComponent>();
  const exceptions = new Map<string, IcalComponent[]>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = String(vevent.getFirstPropertyValue('uid'));
    if (vevent.hasProperty('recurrence-id')) {
      const list = exceptions.get(uid);
      if (list) list.push(vevent);
      else exceptions.set(uid, [vevent]);
    } else {
      masters.set(uid, vevent);
    }
  }
  const events: IcalEvent[] = [];
  for (const [uid, component] of masters) {
    // Passing `exceptions` (even empty) keeps ICAL.Event from scanning all VEVENTs.
    const event = new ICAL.Event(component, { exceptions: [] });
    for (const ex of exceptions.get(uid) ?? []) event.relateException(ex);
    events.push(event);
  }
  return { masters: events };
}

function icalExpand(model: IcalModel): Instant[] {
  const out: Instant[] = [];
  for (const event of model.masters) {
    const uid = event.uid;
    if (!event.isRecurring()) {
      const start = event.startDate.toUnixTime();
      const end = event.endDate.toUnixTime();
      if (start < WINDOW_END_S && (end > WINDOW_START_S || (end === start && start >= WINDOW_START_S))) {
        out.push({ uid, start: start * 1000, end: end * 1000 });
      }
      continue;
    }
    const it = event.iterator();
    for (let next = it.next() as IcalTime | undefined; next; next = it.next() as IcalTime | undefined) {
      if (next.toUnixTime() >= WINDOW_END_S) break;
      const details = event.getOccurrenceDetails(next);
      const start = details.startDate.toUnixTime();
      const end = details.endDate.toUnixTime();
      if (start < WINDOW_END_S && end > WINDOW_START_S) out.push({ uid, start: start * 1000, end: end * 1000 });
    }
  }
  // Ours returns its list sorted by start; a calendar view of ical.js output needs that too.
  out.sort((a, b) => a.start - b.start);
  return out;
}

function icalFull(bytes: Uint8Array, split: number[]): Instant[] {
  const t0 = performance.now();
  const model = icalParse(bytes);
  const t1 = performance.now();
  const out = icalExpand(model);
  split.push(performance.now() - t1, t1 - t0);
  return out;
}

// ---------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const maybeGc = (globalThis as { gc?: () => void }).gc;

/** Warms up both, then interleaves timed runs (A B, B A, ...) so noise hits both alike. */
function measurePair(a: () => unknown, b: () => unknown): { a: number[]; b: number[] } {
  for (let i = 0; i < WARMUP; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    maybeGc?.();
    if (i % 2 === 0) {
      ta.push(time(a));
      maybeGc?.();
      tb.push(time(b));
    } else {
      tb.push(time(b));
      maybeGc?.();
      ta.push(time(a));
    }
  }
  return { a: ta, b: tb };
}

function oursInstants(occurrences: Occurrence[]): Instant[] {
  return occurrences.map((o) => ({ uid: o.eventId, start: Date.parse(o.start), end: Date.parse(o.end) }));
}

function keyOf(i: Instant): string {
  return `${i.uid} ${new Date(i.start).toISOString()} -> ${new Date(i.end).toISOString()}`;
}

/** Multiset difference, both ways: what only one side produced. */
function diff(ours: Instant[], ical: Instant[]): { onlyOurs: string[]; onlyIcal: string[] } {
  const counts = new Map<string, number>();
  for (const i of ours) counts.set(keyOf(i), (counts.get(keyOf(i)) ?? 0) + 1);
  const onlyIcal: string[] = [];
  for (const i of ical) {
    const k = keyOf(i);
    const c = counts.get(k) ?? 0;
    if (c > 0) counts.set(k, c - 1);
    else onlyIcal.push(k);
  }
  const onlyOurs: string[] = [];
  for (const [k, c] of counts) for (let n = 0; n < c; n++) onlyOurs.push(k);
  onlyOurs.sort();
  onlyIcal.sort();
  return { onlyOurs, onlyIcal };
}

interface Row {
  stage: 'parse+expand' | 'parse only' | 'expand (split)';
  side: 'ours' | 'ical.js';
  unit: 'occurrences' | 'events';
  items: number;
  medianMs: number;
  minMs: number;
  perSecond: number;
  runs: number;
}

function row(stage: Row['stage'], side: Row['side'], unit: Row['unit'], items: number, times: number[]): Row {
  const medianMs = median(times);
  return {
    stage,
    side,
    unit,
    items,
    medianMs: round(medianMs, 2),
    minMs: round(Math.min(...times), 2),
    perSecond: Math.round((items / medianMs) * 1000),
    runs: times.length,
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function printTable(rows: Row[]): void {
  const header = ['stage', 'side', 'items', 'median ms', 'min ms', 'items/s'];
  const body = rows.map((r) => [
    r.stage,
    r.side,
    `${r.items} ${r.unit === 'events' ? 'ev' : 'occ'}`,
    r.medianMs.toFixed(1),
    r.minMs.toFixed(1),
    r.perSecond.toLocaleString('en-US'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) console.log(line(cells));
}

function main(): void {
  const generated = generateIcs(SEED);
  mkdirSync(dirname(CACHE_FILE), { recursive: true });
  writeFileSync(CACHE_FILE, generated.text);
  const bytes = new Uint8Array(readFileSync(CACHE_FILE));
  console.log(
    `input: ${CACHE_FILE} (${(bytes.length / 1024).toFixed(0)} KiB, ${generated.expected.events} VEVENTs: ` +
      `${generated.expected.series} weekly series, ${generated.expected.overrides} overrides, ` +
      `${generated.expected.exdates} EXDATEs)`,
  );
  console.log(
    `window: ${WINDOW.start} .. ${WINDOW.end} (${WINDOW.zone}); node ${process.version}; ` +
      `${WARMUP} warm-up + ${RUNS} timed runs per side, interleaved${maybeGc ? ', gc between runs' : ''}`,
  );

  // Correctness first (also a warm-up).
  const oursCheck = oursFull(bytes, []);
  const icalCheck = icalFull(bytes, []);
  const oursList = oursInstants(oursCheck.occurrences);
  console.log(`ours: ${oursCheck.events.length} events parsed, ${oursCheck.parseErrors} parse problems`);
  console.log(`occurrences in window: ours ${oursList.length}, ical.js ${icalCheck.length}`);
  const { onlyOurs, onlyIcal } = diff(oursList, icalCheck);
  const same = onlyOurs.length === 0 && onlyIcal.length === 0;
  if (!same) {
    console.log(
      `MISMATCH: ${onlyOurs.length} occurrences only in ours, ${onlyIcal.length} only in ical.js` +
        (oursList.length === icalCheck.length ? ' (counts agree, instants differ)' : ''),
    );
    for (const k of onlyOurs.slice(0, 5)) console.log(`  only ours:    ${k}`);
    for (const k of onlyIcal.slice(0, 5)) console.log(`  only ical.js: ${k}`);
    process.exitCode = 1; // the timings below compare different work
  } else {
    console.log('same occurrences on both sides (uid, start and end instants)');
  }

  const oursSplit: number[] = [];
  const icalSplit: number[] = [];
  const full = measurePair(
    () => oursFull(bytes, oursSplit),
    () => icalFull(bytes, icalSplit),
  );
  const parse = measurePair(
    () => oursParse(bytes),
    () => icalParse(bytes),
  );
  // The split arrays hold [expand, parse] pairs of every full run; keep the timed ones.
  const expandTimes = (split: number[]): number[] => split.filter((_, i) => i % 2 === 0).slice(-RUNS);

  const oursCount = oursList.length;
  const icalCount = icalCheck.length;
  const rows: Row[] = [
    row('parse+expand', 'ours', 'occurrences', oursCount, full.a),
    row('parse+expand', 'ical.js', 'occurrences', icalCount, full.b),
    row('parse only', 'ours', 'events', TOTAL_EVENTS, parse.a),
    row('parse only', 'ical.js', 'events', TOTAL_EVENTS, parse.b),
    row('expand (split)', 'ours', 'occurrences', oursCount, expandTimes(oursSplit)),
    row('expand (split)', 'ical.js', 'occurrences', icalCount, expandTimes(icalSplit)),
  ];
  console.log('');
  printTable(rows);
  // Both are time ratios: ical.js' median time over ours for the same work.
  const fullRatio = rows[0]!.perSecond / rows[1]!.perSecond;
  const parseRatio = rows[2]!.perSecond / rows[3]!.perSecond;
  const fullPass = same && fullRatio >= TARGETS.full;
  const parsePass = parseRatio >= TARGETS.parse;
  console.log('');
  const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  console.log(
    `parse+expand: ours / ical.js ${fullRatio.toFixed(2)}x (target >= ${TARGETS.full}x) -> ${verdict(fullPass)}` +
      (same ? '' : ' (occurrences differ, see MISMATCH above)'),
  );
  console.log(`parse only:   ours / ical.js ${parseRatio.toFixed(2)}x (target >= ${TARGETS.parse}x) -> ${verdict(parsePass)}`);

  const memory = measureMemory();
  console.log('');
  printMemory(memory);

  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    input: { file: 'bench/.cache/core-5000.ics', bytes: bytes.length, ...generated.expected, seed: SEED },
    window: WINDOW,
    warmup: WARMUP,
    runs: RUNS,
    occurrences: { ours: oursCount, icaljs: icalCount, same, onlyOurs: onlyOurs.length, onlyIcaljs: onlyIcal.length },
    rows,
    targets: {
      full: { ratio: round(fullRatio, 3), target: TARGETS.full, pass: fullPass },
      parse: { ratio: round(parseRatio, 3), target: TARGETS.parse, pass: parsePass },
    },
    memory,
    pass: fullPass && parsePass,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${RESULTS_FILE}`);
}

// ---------------------------------------------------------------------------------------
// Memory: one fresh child process per side and stage
// ---------------------------------------------------------------------------------------

type MemorySide = 'none' | 'ours' | 'ical.js';
type MemoryStage = 'parse' | 'parse+expand';

interface MemoryFigure {
  side: MemorySide;
  stage: MemoryStage;
  /** Heap still in use after a full GC with the result held (what a page keeps), bytes. */
  retainedHeap: number;
  /** Heap in use right after the work, before any forced GC (live data plus garbage), bytes. */
  heapAfter: number;
  /** Peak resident set size of the whole process, bytes. */
  maxRss: number;
}

/**
 * Each figure comes from its own `node --expose-gc` process, so no side inherits the
 * other's heap: the child reads the file, forces a GC and notes the heap, does the work once
 * holding the result, notes the heap again (garbage included), forces a GC and notes what
 * is retained; its peak RSS comes from process.resourceUsage(). A child that does no work
 * ('none') gives the baseline RSS of node, tsx and both libraries loaded.
 */
function measureMemory(): MemoryFigure[] {
  const figures: MemoryFigure[] = [];
  const runs: [MemorySide, MemoryStage][] = [
    ['none', 'parse'],
    ['ours', 'parse'],
    ['ical.js', 'parse'],
    ['ours', 'parse+expand'],
    ['ical.js', 'parse+expand'],
  ];
  for (const [side, stage] of runs) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), '--memory-child', side, stage],
      { encoding: 'utf8' },
    );
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) throw new Error(`memory child ${side} ${stage} failed: ${child.stderr}`);
    figures.push(JSON.parse(line) as MemoryFigure);
  }
  return figures;
}

function memoryChild(side: MemorySide, stage: MemoryStage): void {
  const gc = maybeGc;
  if (!gc) throw new Error('run with --expose-gc');
  const bytes = new Uint8Array(readFileSync(CACHE_FILE));
  gc();
  const before = process.memoryUsage().heapUsed;
  let kept: unknown;
  if (side === 'ours') kept = stage === 'parse' ? oursParse(bytes) : oursFull(bytes, []);
  else if (side === 'ical.js') kept = stage === 'parse' ? icalParse(bytes) : icalFull(bytes, []);
  const heapAfter = process.memoryUsage().heapUsed - before;
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - before;
  const figure: MemoryFigure = {
    side,
    stage,
    retainedHeap,
    heapAfter,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  if (kept === undefined && side !== 'none') throw new Error('nothing kept');
  console.log(JSON.stringify(figure));
}

function printMemory(figures: MemoryFigure[]): void {
  const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
  const base = figures.find((f) => f.side === 'none')!;
  console.log(
    `memory (one fresh process each, --expose-gc; peak RSS above a process that loads everything ` +
      `but does no work, ${mib(base.maxRss)}):`,
  );
  console.log('stage         side     retained heap  heap after work  peak RSS above baseline');
  for (const f of figures) {
    if (f.side === 'none') continue;
    console.log(
      `${f.stage.padEnd(12)}  ${f.side.padEnd(7)}  ${mib(f.retainedHeap).padStart(13)}  ${mib(f.heapAfter).padStart(15)}  ` +
        `${mib(f.maxRss - base.maxRss).padStart(23)}`,
    );
  }
  for (const stage of ['parse', 'parse+expand'] as const) {
    const ours = figures.find((f) => f.side === 'ours' && f.stage === stage)!;
    const ical = figures.find((f) => f.side === 'ical.js' && f.stage === stage)!;
    console.log(
      `${stage}: retained heap ours / ical.js ${(ours.retainedHeap / ical.retainedHeap).toFixed(2)}, ` +
        `peak RSS above baseline ours / ical.js ${((ours.maxRss - base.maxRss) / (ical.maxRss - base.maxRss)).toFixed(2)}`,
    );
  }
}

if (process.argv[2] === '--memory-child') memoryChild(process.argv[3] as MemorySide, process.argv[4] as MemoryStage);
else main();
