/**
 * Differential test: our iCalendar reader and expander (parseIcs + expandOccurrences) against
 * ical.js v2 (Mozilla's parser, used by Thunderbird), on ~300 generated feeds.
 *
 * Both sides must agree on the set of (UID, start instant, end instant, SUMMARY, STATUS) of
 * every occurrence overlapping 2026-01-01 .. 2027-01-01, in the display zones Europe/Berlin
 * and America/New_York.
 *
 * ical.js is "used well": VTIMEZONEs are read from the calendar itself, overrides
 * (RECURRENCE-ID) are grouped by UID and attached with `relateException`, dates come from
 * `event.iterator()` + `getOccurrenceDetails`, instants from `Time.toUnixTime()`, and a
 * non-recurring event is taken as its DTSTART, and `new ICAL.Event(component, { exceptions: [] })`
 * (otherwise the constructor relates every RECURRENCE-ID of the calendar to every series,
 * whatever its UID). Two places where a careful user of ical.js has to step in, because
 * ical.js itself departs from RFC 5545 (see the named tests below):
 * - the end of an occurrence is computed from the start ical.js gives plus the event's
 *   duration the RFC way (DTEND-based: exact; DURATION: days nominal, time exact);
 *   `getOccurrenceDetails().endDate` adds the whole duration in wall-clock time;
 * - events without RRULE and RDATE are single events (ical.js's iterator yields nothing).
 *
 * The random feeds stay where RFC 5545 and ical.js should agree, so every difference there is
 * a bug on one side: no floating times, no wall times in the hour 02:00–02:59 in
 * Europe/Berlin (the spring gap and the doubled autumn hour fall in that hour), DTSTART
 * always matches its RRULE, UNTIL is never before DTSTART, no RDATE-only series and no RDATE
 * periods. Those cases have their own tests at the end, asserting the RFC's answer for our
 * side and showing ical.js's: (a) floating times, (b) the spring gap, (b2) the doubled autumn
 * hour, (c) RDATE-only series and periods, (d) DTSTART not matching its RRULE, (d2) UNTIL
 * before DTSTART, (e) exact DTEND-based durations across DST. Overrides always carry DTEND,
 * because without one we depart from the RFC on purpose (last test).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { expandOccurrences, parseIcs } from '../../src/core/index.js';
import { escapeText, icsCalendar } from './support/ics.js';
import { prng } from './support/random.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): the same feeds on every run.

class Rng {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** `n` distinct items, in their original order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const indices = items.map((_, i) => i);
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    return indices
      .slice(0, n)
      .sort((a, b) => a - b)
      .map((i) => items[i]!);
  }
}

// ---------------------------------------------------------------------------------------------
// Wall-clock arithmetic on "floating" milliseconds (a wall time written as if it were UTC).

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function icsDate(f: number): string {
  const d = new Date(f);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

function icsLocal(f: number): string {
  const d = new Date(f);
  return `${icsDate(f)}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function icsUtc(ms: number): string {
  return `${icsLocal(ms)}Z`;
}

function isoDate(f: number): string {
  return new Date(f).toISOString().slice(0, 10);
}

/** Moves a Europe/Berlin wall time out of 02:00–02:59 (gap in March, doubled hour in October). */
function avoidHourTwo(f: number): number {
  return new Date(f).getUTCHours() === 2 ? f + HOUR : f;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const; // JS getUTCDay() order

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Day of month of the n-th (n = -1: last) weekday `wd` (0 = Sunday) in month `m` of `y`. */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
    return 1 + ((wd - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = daysInMonth(y, m);
  const last = new Date(Date.UTC(y, m - 1, lastDay)).getUTCDay();
  return lastDay - ((last - wd + 7) % 7);
}

// ---------------------------------------------------------------------------------------------
// The two readers, reduced to comparable rows.

interface Window {
  zone: string;
  /** Instants of the window in that zone, end exclusive. */
  startMs: number;
  endMs: number;
}

const WINDOWS: Window[] = [
  { zone: 'Europe/Berlin', startMs: Date.UTC(2025, 11, 31, 23), endMs: Date.UTC(2026, 11, 31, 23) },
  { zone: 'America/New_York', startMs: Date.UTC(2026, 0, 1, 5), endMs: Date.UTC(2027, 0, 1, 5) },
];
const WINDOW_START_DATE = '2026-01-01';
const WINDOW_END_DATE = '2027-01-01';

type Status = 'scheduled' | 'cancelled';

interface Row {
  uid: string;
  /** All-day: `YYYY-MM-DD`. Timed: the instant as `toISOString()`. */
  start: string;
  end: string;
  summary: string;
  status: Status;
}

function rowText(r: Row): string {
  return `${r.uid} | ${r.start} -> ${r.end} | ${r.summary} | ${r.status}`;
}

function instantText(iso: string): string {
  const ms = Date.parse(iso);
  assert.ok(Number.isFinite(ms), `"${iso}" is an ISO instant`);
  return new Date(ms).toISOString();
}

/** Our side: parseIcs + expandOccurrences. */
function ourRows(text: string, w: Window): Row[] {
  const feed = parseIcs(text);
  const errors = feed.errors.filter((e) => e.severity === 'error');
  assert.deepEqual(errors, [], 'a valid generated feed reads without errors');
  return expandOccurrences(feed.events, { start: WINDOW_START_DATE, end: WINDOW_END_DATE, zone: w.zone }).map((o) => ({
    uid: o.eventId,
    start: o.allDay ? o.start : instantText(o.start),
    end: o.allDay ? o.end : instantText(o.end),
    summary: o.title,
    status: o.status === 'cancelled' ? 'cancelled' : 'scheduled',
  }));
}

/**
 * Masters by UID, with their overrides related. `exceptions: []` matters: without it the
 * ICAL.Event constructor relates every RECURRENCE-ID component of the whole calendar to each
 * master, whatever its UID (so one series' override could replace another series' date).
 */
function icalEvents(text: string): ICAL.Event[] {
  const root = new ICAL.Component(ICAL.parse(text));
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component, { strictExceptions: true, exceptions: [] });
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    assert.ok(master, `override ${exception.uid} has its series in the feed`);
    master.relateException(exception);
  }
  return [...masters.values()];
}

/** Recurrence ids (the original dates) of a series from ical.js, up to `untilMs`. */
function icalRecurrenceIds(event: ICAL.Event, untilMs: number): ICAL.Time[] {
  if (!event.isRecurring()) return [event.startDate];
  const out: ICAL.Time[] = [];
  const iterator = event.iterator();
  for (let guard = 0; guard < 5000; guard++) {
    const next: unknown = iterator.next();
    if (!next) break;
    // RDATE;VALUE=PERIOD comes out as an ICAL.Period, which getOccurrenceDetails cannot take;
    // the generated feeds do not use periods (see the RDATE test below).
    assert.ok(next instanceof ICAL.Time, 'ical.js iterator yields ICAL.Time');
    if (next.toUnixTime() * 1000 > untilMs) break;
    out.push(next);
  }
  return out;
}

/** `YYYY-MM-DD` of an ICAL.Time, plus whole days. */
function icalDatePlus(t: ICAL.Time, days: number): string {
  return isoDate(Date.UTC(t.year, t.month - 1, t.day) + days * DAY);
}

/**
 * End of an occurrence starting at `start`, by RFC 5545: a DTEND-based duration is exact for
 * every date (3.8.5.3), a DURATION's days are nominal and its time part exact (3.3.6), no end
 * means a day (dates) or nothing (date-times). ical.js's own endDate adds the whole duration
 * in wall-clock time, see "ical.js departure: exact DTEND-based duration across DST".
 */
function icalEnd(item: ICAL.Event, start: ICAL.Time): string {
  const component = item.component;
  if (start.isDate) {
    let days = 1;
    if (component.hasProperty('dtend')) {
      const s = item.startDate;
      const e = item.endDate;
      days = Math.round((Date.UTC(e.year, e.month - 1, e.day) - Date.UTC(s.year, s.month - 1, s.day)) / DAY);
    } else if (component.hasProperty('duration')) {
      days = item.duration.weeks * 7 + item.duration.days;
    }
    return icalDatePlus(start, Math.max(1, days));
  }
  const startMs = start.toUnixTime() * 1000;
  if (component.hasProperty('dtend')) {
    return new Date(startMs + (item.endDate.toUnixTime() - item.startDate.toUnixTime()) * 1000).toISOString();
  }
  if (component.hasProperty('duration')) {
    const d = item.duration;
    const shifted = start.clone();
    shifted.adjust(d.weeks * 7 + d.days, 0, 0, 0);
    const exact = (d.hours * 3600 + d.minutes * 60 + d.seconds) * 1000;
    return new Date(shifted.toUnixTime() * 1000 + exact).toISOString();
  }
  return new Date(startMs).toISOString();
}

function icalStatus(item: ICAL.Event): Status {
  const status = item.component.getFirstPropertyValue('status');
  return typeof status === 'string' && status.toUpperCase() === 'CANCELLED' ? 'cancelled' : 'scheduled';
}

function overlapsWindow(start: string, end: string, allDay: boolean, w: Window): boolean {
  if (allDay) return start < WINDOW_END_DATE && end > WINDOW_START_DATE;
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (s === e) return s >= w.startMs && s < w.endMs;
  return s < w.endMs && e > w.startMs;
}

/** ical.js side. Overrides may move a date by a few days, so the series is read a bit further. */
function icalRows(text: string, w: Window): Row[] {
  const rows: Row[] = [];
  for (const event of icalEvents(text)) {
    for (const rid of icalRecurrenceIds(event, w.endMs + 10 * DAY)) {
      const details = event.getOccurrenceDetails(rid);
      const item = details.item;
      const start = details.startDate;
      const startText = start.isDate ? start.toString() : new Date(start.toUnixTime() * 1000).toISOString();
      const end = icalEnd(item, start);
      if (!overlapsWindow(startText, end, start.isDate, w)) continue;
      rows.push({ uid: event.uid, start: startText, end, summary: item.summary ?? '', status: icalStatus(item) });
    }
  }
  return rows;
}

interface Diff {
  onlyOurs: string[];
  onlyIcal: string[];
}

function diffRows(ours: Row[], theirs: Row[]): Diff | undefined {
  const a = ours.map(rowText).sort();
  const b = theirs.map(rowText).sort();
  const count = (list: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const onlyOurs: string[] = [];
  const onlyIcal: string[] = [];
  for (const [k, n] of ca) for (let i = cb.get(k) ?? 0; i < n; i++) onlyOurs.push(k);
  for (const [k, n] of cb) for (let i = ca.get(k) ?? 0; i < n; i++) onlyIcal.push(k);
  return onlyOurs.length || onlyIcal.length ? { onlyOurs, onlyIcal } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Generator of feeds on which RFC 5545 and ical.js agree.

type Kind = 'tz' | 'utc' | 'allday';

const TITLES = [
  'Chorprobe',
  'Seniorennachmittag im Gemeindehaus',
  'Übungsabend der Freiwilligen Feuerwehr',
  'Lesung: „Grüße aus Quedlinburg“',
  'Flohmarkt, Kuchenbasar; Tombola',
  'Sprechstunde des Ortsbürgermeisters – bitte Termin vereinbaren, Zugang über den Hof',
  'Kinderturnen',
  'Öffentliche Sitzung des Ortschaftsrates mit Einwohnerfragestunde und Haushaltsberatung 2026',
  'Krabbelgruppe 🍼',
  'Café Ukraïna / Кафе',
  'Heimatverein: Backofenfest €5',
];

/** Allowed local hours in Europe/Berlin: everything but 02 (see the file comment). */
const TZ_HOURS = [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];

interface Generated {
  text: string;
  features: Set<string>;
}

interface MasterDraft {
  uid: string;
  kind: Kind;
  /** Wall float (tz), instant (utc) or day float (allday). */
  start: number;
  dtstart: string;
  endLines: string[];
  summary: string;
  status?: string;
  rrule?: string;
  rdates: string[];
  extra: string[];
}

function valueOf(kind: Kind, f: number): string {
  if (kind === 'allday') return `;VALUE=DATE:${icsDate(f)}`;
  if (kind === 'utc') return `:${icsUtc(f)}`;
  return `;TZID=Europe/Berlin:${icsLocal(f)}`;
}

function masterLines(m: MasterDraft, exdates: string[]): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${m.uid}`, 'DTSTAMP:20251201T080000Z', `DTSTART${m.dtstart}`, ...m.endLines];
  lines.push(`SUMMARY:${escapeText(m.summary)}`);
  if (m.status) lines.push(`STATUS:${m.status}`);
  if (m.rrule) lines.push(`RRULE:${m.rrule}`);
  lines.push(...m.rdates, ...exdates, ...m.extra, 'END:VEVENT');
  return lines;
}

/** A start date matching the chosen rule (RFC 5545 and ical.js agree only then). */
function draftRule(rng: Rng, kind: Kind, features: Set<string>): { start: number; rule?: string } {
  const year = rng.chance(0.25) ? 2025 : 2026;
  const month = year === 2025 ? rng.int(6, 12) : rng.int(1, 12);
  let day = rng.int(1, 28);
  const hour = kind === 'tz' ? rng.pick(TZ_HOURS) : rng.int(0, 23);
  const minute = rng.pick([0, 0, 15, 30, 45]);
  const at = (d: number): number =>
    kind === 'allday' ? Date.UTC(year, month - 1, d) : Date.UTC(year, month - 1, d, hour, minute);
  const type = rng.pick(['single', 'single', 'daily', 'weekly', 'weekly', 'monthly', 'monthly', 'yearly']);
  features.add(`rule:${type}`);
  if (type === 'single') return { start: at(day) };
  const parts: string[] = [];
  switch (type) {
    case 'daily': {
      parts.push('FREQ=DAILY');
      const interval = rng.int(1, 3);
      if (interval > 1) parts.push(`INTERVAL=${interval}`);
      if (rng.chance(0.3)) {
        while ([0, 6].includes(new Date(at(day)).getUTCDay())) day++;
        parts.push('BYDAY=MO,TU,WE,TH,FR');
        features.add('daily:byday');
      }
      break;
    }
    case 'weekly': {
      parts.push('FREQ=WEEKLY');
      const interval = rng.int(1, 2);
      if (interval > 1) parts.push(`INTERVAL=${interval}`);
      if (rng.chance(0.6)) {
        const own = new Date(at(day)).getUTCDay();
        const days = new Set([own, ...rng.sample([0, 1, 2, 3, 4, 5, 6], rng.int(0, 2))]);
        parts.push(`BYDAY=${[...days].map((d) => WEEKDAYS[d]).join(',')}`);
        features.add('weekly:byday');
        if (interval > 1 && rng.chance(0.4)) {
          parts.push('WKST=SU');
          features.add('weekly:wkst');
        }
      }
      break;
    }
    case 'monthly': {
      parts.push('FREQ=MONTHLY');
      const interval = rng.int(1, 3);
      if (interval > 1) parts.push(`INTERVAL=${interval}`);
      const variant = rng.pick(['plain', 'bymonthday15', 'lastday', 'nthday']);
      features.add(`monthly:${variant}`);
      if (variant === 'bymonthday15') {
        day = 15;
        parts.push('BYMONTHDAY=15');
      } else if (variant === 'lastday') {
        day = daysInMonth(year, month);
        parts.push('BYMONTHDAY=-1');
      } else if (variant === 'nthday') {
        const wd = rng.int(0, 6);
        const n = rng.pick([1, 2, 2, 3, 4, -1]);
        day = nthWeekday(year, month, wd, n);
        parts.push(`BYDAY=${n}${WEEKDAYS[wd]}`);
      }
      break;
    }
    case 'yearly': {
      parts.push('FREQ=YEARLY');
      if (rng.chance(0.5)) {
        const wd = rng.int(0, 6);
        const n = rng.pick([1, 2, -1]);
        day = nthWeekday(year, month, wd, n);
        parts.push(`BYMONTH=${month}`, `BYDAY=${n}${WEEKDAYS[wd]}`);
        features.add('yearly:nthday');
      }
      break;
    }
  }
  return { start: at(day), rule: parts.join(';') };
}

function draftEnd(rng: Rng, kind: Kind, start: number, features: Set<string>): string[] {
  const choice = rng.pick(['short', 'short', 'multi', 'duration', 'none']);
  features.add(`end:${kind}:${choice}`);
  if (kind === 'allday') {
    if (choice === 'none') return [];
    if (choice === 'duration') return [`DURATION:${rng.pick(['P1D', 'P2D', 'P1W'])}`];
    const days = choice === 'multi' ? rng.int(2, 4) : 1;
    return [`DTEND;VALUE=DATE:${icsDate(start + days * DAY)}`];
  }
  if (choice === 'none') return [];
  if (choice === 'duration') return [`DURATION:${rng.pick(['PT45M', 'PT1H30M', 'PT2H', 'P1D', 'P1DT2H', 'P2D', 'PT25H'])}`];
  let end =
    choice === 'multi'
      ? Math.floor((start + rng.int(1, 3) * DAY) / DAY) * DAY + rng.pick(TZ_HOURS) * HOUR + rng.pick([0, 30]) * MINUTE
      : start + rng.pick([30, 45, 60, 90, 120, 180]) * MINUTE;
  if (kind === 'tz') end = avoidHourTwo(end);
  return [`DTEND${valueOf(kind, end)}`];
}

/** Floating ms of an ical.js recurrence id in the draft's own terms. */
function ridValue(kind: Kind, t: ICAL.Time): number {
  if (kind === 'utc') return t.toUnixTime() * 1000;
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

function generateFeed(rng: Rng, index: number): Generated {
  const features = new Set<string>();
  const body: string[][] = [];
  const eventCount = rng.int(1, 4);
  for (let e = 0; e < eventCount; e++) {
    const kind: Kind = rng.pick(['tz', 'tz', 'tz', 'utc', 'allday', 'allday']);
    features.add(`kind:${kind}`);
    const { start, rule } = draftRule(rng, kind, features);
    const draft: MasterDraft = {
      uid: `feed${index}-event${e}@w4g.test`,
      kind,
      start,
      dtstart: valueOf(kind, start),
      endLines: draftEnd(rng, kind, start, features),
      summary: rng.pick(TITLES),
      rdates: [],
      extra: [],
    };
    if (rng.chance(0.1)) {
      draft.status = 'CANCELLED';
      features.add('master:cancelled');
    } else if (rng.chance(0.3)) {
      draft.status = 'CONFIRMED';
    }
    if (rng.chance(0.3)) {
      draft.extra.push(`LOCATION:${escapeText('Bürgerhaus, Markt 1, 06449 Aschersleben (großer Saal im Obergeschoss)')}`);
      draft.extra.push(
        `DESCRIPTION:${escapeText('Alle sind willkommen.\nEintritt frei; Spenden erbeten – Überschuss geht an die Tafel.')}`,
      );
    }

    if (rule) {
      // Termination, chosen from the series' own dates so that UNTIL sometimes hits one exactly.
      draft.rrule = rule;
      const plain = icalEvents(icsCalendar(masterLines(draft, [])))[0]!;
      const dates = icalRecurrenceIds(plain, Date.UTC(2027, 1, 1));
      const termination = rng.pick(['none', 'count', 'until', 'until']);
      if (termination === 'count') {
        draft.rrule += `;COUNT=${rng.int(1, Math.min(40, Math.max(1, dates.length)))}`;
        features.add('rrule:count');
      } else if (termination === 'until' && dates.length > 1) {
        const hit = dates[rng.int(0, dates.length - 1)]!;
        const exact = rng.chance(0.5);
        if (kind === 'allday') {
          draft.rrule += `;UNTIL=${icsDate(ridValue(kind, hit) + (exact ? 0 : rng.int(1, 3) * DAY))}`;
        } else {
          // Never before DTSTART: see "(d2) UNTIL before DTSTART" below.
          const ms = Math.max(
            hit.toUnixTime() * 1000 + (exact ? 0 : rng.int(-30, 30) * 10 * MINUTE),
            dates[0]!.toUnixTime() * 1000,
          );
          draft.rrule += `;UNTIL=${icsUtc(ms)}`;
        }
        features.add(exact ? 'rrule:until-exact' : 'rrule:until');
      }
      // Extra dates at another time of day, so they never coincide with a rule date.
      if (kind !== 'allday' && rng.chance(0.2)) {
        for (let r = rng.int(1, 2); r > 0; r--) {
          let f = start + rng.int(1, 400) * DAY + rng.int(3, 5) * HOUR;
          if (kind === 'tz') f = avoidHourTwo(f);
          draft.rdates.push(`RDATE${valueOf(kind, f)}`);
        }
        features.add('rdate');
      }
    }
    const series = icalEvents(icsCalendar(masterLines(draft, [])))[0]!;
    const candidates = draft.rrule
      ? icalRecurrenceIds(series, Date.UTC(2027, 0, 10)).filter((t) => t.toUnixTime() * 1000 >= Date.UTC(2025, 11, 20))
      : [];
    const picked = rng.sample(candidates, Math.min(candidates.length, rng.int(0, 4)));
    const exdates: string[] = [];
    const overrides: string[][] = [];
    for (const rid of picked) {
      const f = ridValue(kind, rid);
      if (rng.chance(0.4)) {
        // EXDATE, in the master's form or (timed) as the UTC instant.
        if (kind === 'tz' && rng.chance(0.3)) {
          exdates.push(`EXDATE:${icsUtc(rid.toUnixTime() * 1000)}`);
          features.add('exdate:utc');
        } else {
          exdates.push(`EXDATE${valueOf(kind, f)}`);
          features.add('exdate');
        }
        continue;
      }
      const variant = rng.pick(['moved', 'moved', 'cancelled', 'retitled']);
      features.add(`override:${variant}`);
      let newStart = f;
      let length = kind === 'allday' ? DAY : HOUR;
      if (variant === 'moved') {
        if (kind === 'allday') {
          newStart = f + rng.pick([-2, -1, 1, 3]) * DAY;
          length = rng.int(1, 3) * DAY;
        } else {
          newStart = f + rng.pick([-2 * DAY, -DAY, DAY, 3 * DAY, 2 * HOUR, -90 * MINUTE, 30 * MINUTE]);
          length = rng.pick([30, 60, 150, 24 * 60 + 30]) * MINUTE;
        }
      }
      if (kind === 'tz') newStart = avoidHourTwo(newStart);
      let newEnd = newStart + length;
      if (kind === 'tz') newEnd = avoidHourTwo(newEnd);
      const ridLine =
        kind === 'tz' && rng.chance(0.2)
          ? `RECURRENCE-ID:${icsUtc(rid.toUnixTime() * 1000)}`
          : `RECURRENCE-ID${valueOf(kind, f)}`;
      const lines = [
        'BEGIN:VEVENT',
        `UID:${draft.uid}`,
        'DTSTAMP:20251201T080000Z',
        ridLine,
        `DTSTART${valueOf(kind, newStart)}`,
      ];
      lines.push(`DTEND${valueOf(kind, newEnd)}`);
      lines.push(
        `SUMMARY:${escapeText(variant === 'retitled' || variant === 'moved' ? `${draft.summary} (verlegt)` : draft.summary)}`,
      );
      if (variant === 'cancelled') lines.push('STATUS:CANCELLED');
      if (rng.chance(0.5)) lines.push(`SEQUENCE:${rng.int(1, 3)}`);
      lines.push('END:VEVENT');
      overrides.push(lines);
    }
    const master = masterLines(draft, exdates);
    // Overrides sometimes come before their series in the file.
    if (rng.chance(0.3)) body.push(...overrides, master);
    else body.push(master, ...overrides);
  }
  return { text: icsCalendar(body.flat()), features };
}

// ---------------------------------------------------------------------------------------------

const FEEDS = 300;
const SEED = 0x5eed_2026;

describe('differential test against ical.js (RFC 5545 cases where both agree)', () => {
  test(`${FEEDS} generated feeds expand to the same occurrences in both readers`, () => {
    const rng = new Rng(SEED);
    const failures: string[] = [];
    const features = new Map<string, number>();
    let compared = 0;
    for (let i = 0; i < FEEDS; i++) {
      const feed = generateFeed(rng, i);
      for (const f of feed.features) features.set(f, (features.get(f) ?? 0) + 1);
      for (const w of WINDOWS) {
        const ours = ourRows(feed.text, w);
        const theirs = icalRows(feed.text, w);
        compared += ours.length;
        const diff = diffRows(ours, theirs);
        if (diff && failures.length < 5) {
          failures.push(
            `feed ${i} in ${w.zone}:\n  only ours:\n    ${diff.onlyOurs.join('\n    ')}\n  only ical.js:\n    ${diff.onlyIcal.join(
              '\n    ',
            )}\n${feed.text}`,
          );
        }
      }
    }
    assert.deepEqual(failures, [], failures.join('\n\n'));
    // The generator really covers what it claims (a silent generator would prove nothing).
    assert.ok(compared > 5000, `compared ${compared} occurrences`);
    for (const feature of [
      'kind:tz',
      'kind:utc',
      'kind:allday',
      'rule:daily',
      'rule:weekly',
      'rule:monthly',
      'rule:yearly',
      'daily:byday',
      'weekly:byday',
      'weekly:wkst',
      'monthly:bymonthday15',
      'monthly:lastday',
      'monthly:nthday',
      'yearly:nthday',
      'rrule:count',
      'rrule:until',
      'rrule:until-exact',
      'rdate',
      'exdate',
      'exdate:utc',
      'override:moved',
      'override:cancelled',
      'override:retitled',
      'master:cancelled',
      'end:tz:multi',
      'end:tz:duration',
      'end:allday:multi',
    ]) {
      assert.ok((features.get(feature) ?? 0) >= 3, `feature ${feature} generated ${features.get(feature) ?? 0} times`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Where ical.js departs from RFC 5545: our side must give the RFC's answer; ical.js's answer
// is asserted too, so that the difference stays visible (and a fix in ical.js shows up here).

function event(lines: string[]): string[] {
  return ['BEGIN:VEVENT', 'DTSTAMP:20251201T080000Z', ...lines, 'END:VEVENT'];
}

function ourStarts(text: string, zone: string, start = '2026-01-01', end = '2027-01-01'): string[] {
  const feed = parseIcs(text);
  return expandOccurrences(feed.events, { start, end, zone }).map((o) => `${o.start}/${o.end}`);
}

function utc(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

describe('ical.js departures from RFC 5545 (our side asserts the RFC answer)', () => {
  test('(a) floating times are read in the display zone (ical.js: as UTC)', () => {
    // RFC 5545 3.3.5, FORM #1: a DATE-TIME without Z and TZID is "floating": the same wall time
    // wherever it is viewed. Our expander reads it in the display zone.
    const text = icsCalendar(
      [
        ...event(['UID:floating-1', 'DTSTART:20260615T100000', 'DTEND:20260615T113000', 'SUMMARY:Sommerfest']),
        ...event([
          'UID:floating-2',
          'DTSTART:20260322T100000',
          'DURATION:PT1H',
          'RRULE:FREQ=WEEKLY;COUNT=2',
          'SUMMARY:Frühschoppen',
        ]),
      ],
      [],
    );
    assert.deepEqual(ourStarts(text, 'Europe/Berlin'), [
      '2026-03-22T10:00:00+01:00/2026-03-22T11:00:00+01:00',
      '2026-03-29T10:00:00+02:00/2026-03-29T11:00:00+02:00', // same wall time across the DST change
      '2026-06-15T10:00:00+02:00/2026-06-15T11:30:00+02:00',
    ]);
    assert.deepEqual(ourStarts(text, 'America/New_York'), [
      '2026-03-22T10:00:00-04:00/2026-03-22T11:00:00-04:00',
      '2026-03-29T10:00:00-04:00/2026-03-29T11:00:00-04:00',
      '2026-06-15T10:00:00-04:00/2026-06-15T11:30:00-04:00',
    ]);
    // ical.js: a floating ICAL.Time has offset 0 in toUnixTime(), i.e. it is read as UTC,
    // whatever display zone the application uses (and whatever the process zone is).
    const [summer, weekly] = icalEvents(text);
    assert.equal(summer!.startDate.zone?.tzid, 'floating');
    assert.equal(new Date(summer!.startDate.toUnixTime() * 1000).toISOString(), '2026-06-15T10:00:00.000Z');
    assert.deepEqual(
      icalRecurrenceIds(weekly!, Date.UTC(2027, 0, 1)).map((t) => new Date(t.toUnixTime() * 1000).toISOString()),
      ['2026-03-22T10:00:00.000Z', '2026-03-29T10:00:00.000Z'],
    );
    // RFC (Berlin): 09:00Z and 08:00Z; RFC (New York): 14:00Z and 14:00Z. ical.js: neither.
    assert.notEqual(utc('2026-06-15T10:00:00+02:00'), '2026-06-15T10:00:00.000Z');
  });

  test('(b) a local time in the spring gap is read with the offset before the gap (ical.js: after)', () => {
    // 2026-03-29 02:30 does not exist in Europe/Berlin (02:00 CET -> 03:00 CEST). RFC 5545
    // 3.3.5: "the DATE-TIME value [...] would be interpreted using the UTC offset before the
    // gap in local times", i.e. 02:30+01:00 = 01:30Z = 03:30+02:00.
    const text = icsCalendar(
      event([
        'UID:gap',
        'DTSTART;TZID=Europe/Berlin:20260329T023000',
        'DTEND;TZID=Europe/Berlin:20260329T043000',
        'SUMMARY:Osterfeuer',
      ]),
    );
    assert.deepEqual(ourStarts(text, 'Europe/Berlin'), ['2026-03-29T03:30:00+02:00/2026-03-29T04:30:00+02:00']);
    // ical.js reads 02:30 with the offset after the gap (+02:00): 00:30Z, which is 01:30 CET,
    // an hour earlier than the RFC, and the event becomes two hours long instead of one.
    const [gap] = icalEvents(text);
    assert.equal(new Date(gap!.startDate.toUnixTime() * 1000).toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(new Date(gap!.endDate.toUnixTime() * 1000).toISOString(), '2026-03-29T02:30:00.000Z');
    assert.notEqual(utc('2026-03-29T03:30:00+02:00'), '2026-03-29T00:30:00.000Z');

    // The same inside a daily series: only the date in the gap moves.
    const series = icsCalendar(
      event([
        'UID:gap-series',
        'DTSTART;TZID=Europe/Berlin:20260328T023000',
        'DURATION:PT1H',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:Nachtwache',
      ]),
    );
    assert.deepEqual(ourStarts(series, 'Europe/Berlin'), [
      '2026-03-28T02:30:00+01:00/2026-03-28T03:30:00+01:00',
      '2026-03-29T03:30:00+02:00/2026-03-29T04:30:00+02:00',
      '2026-03-30T02:30:00+02:00/2026-03-30T03:30:00+02:00',
    ]);
  });

  test('(b2) a doubled local time in autumn is its first occurrence (ical.js: the second)', () => {
    // 2026-10-25 02:30 happens twice in Europe/Berlin. RFC 5545 3.3.5: "the DATE-TIME value
    // [...] refers to the first occurrence of the referenced time", i.e. 02:30+02:00 = 00:30Z.
    const text = icsCalendar(
      event(['UID:ambiguous', 'DTSTART;TZID=Europe/Berlin:20261025T023000', 'DURATION:PT1H', 'SUMMARY:Zeitumstellung']),
    );
    assert.deepEqual(ourStarts(text, 'Europe/Berlin'), ['2026-10-25T02:30:00+02:00/2026-10-25T02:30:00+01:00']);
    const [ambiguous] = icalEvents(text);
    assert.equal(new Date(ambiguous!.startDate.toUnixTime() * 1000).toISOString(), '2026-10-25T01:30:00.000Z');
  });

  test('(c) an RDATE-only series includes DTSTART and RDATE periods (ical.js: drops DTSTART)', () => {
    // RFC 5545 3.8.5.2 / 3.8.5.3: the recurrence set is DTSTART plus the RRULE and RDATE dates
    // minus EXDATE; DTSTART is always its first instance. An RDATE PERIOD carries its own end.
    const text = icsCalendar(
      event([
        'UID:rdate-only',
        'DTSTART;TZID=Europe/Berlin:20260105T100000',
        'DTEND;TZID=Europe/Berlin:20260105T110000',
        'RDATE;TZID=Europe/Berlin:20260210T180000,20260701T090000',
        'RDATE;VALUE=PERIOD:20260801T100000Z/20260801T130000Z',
        'SUMMARY:Vortragsreihe',
      ]),
    );
    assert.deepEqual(ourStarts(text, 'Europe/Berlin'), [
      '2026-01-05T10:00:00+01:00/2026-01-05T11:00:00+01:00',
      '2026-02-10T18:00:00+01:00/2026-02-10T19:00:00+01:00',
      '2026-07-01T09:00:00+02:00/2026-07-01T10:00:00+02:00',
      '2026-08-01T12:00:00+02:00/2026-08-01T15:00:00+02:00',
    ]);
    // ical.js: the iterator leaves DTSTART out when there is no RRULE, and yields the period as
    // an ICAL.Period, which getOccurrenceDetails cannot take (it throws a TypeError).
    const [series] = icalEvents(text);
    const iterator = series!.iterator();
    const yielded: unknown[] = [];
    for (let next: unknown = iterator.next(); next; next = iterator.next()) yielded.push(next);
    assert.deepEqual(
      yielded.map((t) => (t instanceof ICAL.Period ? `period ${t.toString()}` : (t as ICAL.Time).toString())),
      ['2026-02-10T18:00:00', '2026-07-01T09:00:00', 'period 2026-08-01T10:00:00Z/2026-08-01T13:00:00Z'],
    );
    assert.throws(() => series!.getOccurrenceDetails(yielded[2] as ICAL.Time), TypeError);
  });

  test('(d) a DTSTART that does not match its RRULE is the first date and counts (ical.js: dropped)', () => {
    // RFC 5545 3.8.5.3: "The COUNT rule part is counted beginning with the DTSTART"; DTSTART is
    // always the first instance, even when the rule would not produce it. Wed 2026-01-07 with
    // FREQ=WEEKLY;BYDAY=MO;COUNT=3: Jan 7, Jan 12, Jan 19.
    const timed = icsCalendar(
      event([
        'UID:mismatch',
        'DTSTART;TZID=Europe/Berlin:20260107T100000',
        'DTEND;TZID=Europe/Berlin:20260107T110000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3',
        'SUMMARY:Probe',
      ]),
    );
    assert.deepEqual(ourStarts(timed, 'Europe/Berlin'), [
      '2026-01-07T10:00:00+01:00/2026-01-07T11:00:00+01:00',
      '2026-01-12T10:00:00+01:00/2026-01-12T11:00:00+01:00',
      '2026-01-19T10:00:00+01:00/2026-01-19T11:00:00+01:00',
    ]);
    const allDay = icsCalendar(
      event([
        'UID:mismatch-day',
        'DTSTART;VALUE=DATE:20260107',
        'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3',
        'SUMMARY:Abrechnung',
      ]),
    );
    assert.deepEqual(ourStarts(allDay, 'Europe/Berlin'), [
      '2026-01-07/2026-01-08',
      '2026-01-31/2026-02-01',
      '2026-02-28/2026-03-01',
    ]);
    // ical.js (like rrule.js) starts with the rule's first match and counts from there.
    const [t] = icalEvents(timed);
    assert.deepEqual(
      icalRecurrenceIds(t!, Date.UTC(2027, 0, 1)).map((x) => x.toString()),
      ['2026-01-12T10:00:00', '2026-01-19T10:00:00', '2026-01-26T10:00:00'],
    );
    const [d] = icalEvents(allDay);
    assert.deepEqual(
      icalRecurrenceIds(d!, Date.UTC(2027, 0, 1)).map((x) => x.toString()),
      ['2026-01-31', '2026-02-28', '2026-03-31'],
    );
  });

  test('(d2) UNTIL before DTSTART still leaves DTSTART as the one date (ical.js: none)', () => {
    // Found by the random comparison (an UNTIL a few minutes before DTSTART). UNTIL bounds the
    // rule (3.3.10), while DTSTART "always counts as the first occurrence" (3.8.5.3).
    const text = icsCalendar(
      event([
        'UID:until-before',
        'DTSTART;TZID=Europe/Berlin:20261031T050000',
        'DTEND;TZID=Europe/Berlin:20261031T080000',
        'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261031T025000Z',
        'SUMMARY:Krabbelgruppe',
      ]),
    );
    assert.deepEqual(ourStarts(text, 'Europe/Berlin'), ['2026-10-31T05:00:00+01:00/2026-10-31T08:00:00+01:00']);
    const [series] = icalEvents(text);
    assert.deepEqual(icalRecurrenceIds(series!, Date.UTC(2027, 0, 1)), []);
  });

  test('(e) a DTEND-based duration is exact for every date, across DST (ical.js endDate: wall clock)', () => {
    // RFC 5545 3.8.5.3: "If the duration of the recurring component is specified with the DTEND
    // [...] property, then the same exact duration will apply to all the members of the
    // generated recurrence set." Sat 12:00 to Sun 12:00 in March is 24 h exactly; on the
    // weekend of the change (2026-03-28/29) it ends at 13:00 CEST.
    const text = icsCalendar(
      event([
        'UID:weekend',
        'DTSTART;TZID=Europe/Berlin:20260321T120000',
        'DTEND;TZID=Europe/Berlin:20260322T120000',
        'RRULE:FREQ=WEEKLY;COUNT=2',
        'SUMMARY:Zeltlager',
      ]),
    );
    assert.deepEqual(ourStarts(text, 'Europe/Berlin'), [
      '2026-03-21T12:00:00+01:00/2026-03-22T12:00:00+01:00',
      '2026-03-28T12:00:00+01:00/2026-03-29T13:00:00+02:00',
    ]);
    // ical.js adds the (exact, 86400 s) duration to the wall clock: the second date is 23 h long.
    const [weekend] = icalEvents(text);
    const ids = icalRecurrenceIds(weekend!, Date.UTC(2027, 0, 1));
    const second = weekend!.getOccurrenceDetails(ids[1]!);
    assert.equal(new Date(second.endDate.toUnixTime() * 1000).toISOString(), '2026-03-29T10:00:00.000Z'); // 12:00 CEST
    // The differential harness computes the end the RFC way from ical.js's data instead:
    assert.equal(icalEnd(second.item, second.startDate), utc('2026-03-29T13:00:00+02:00'));
  });
});

describe('where we depart from RFC 5545 on purpose (kept out of the random feeds)', () => {
  test("an override without DTEND or DURATION keeps the series' length (RFC and ical.js: none)", () => {
    // RFC 5545 3.6.1: a VEVENT with a DATE-TIME DTSTART and neither DTEND nor DURATION ends
    // when it starts; an override is a VEVENT of its own. recurrence.ts gives such an override
    // the series' length instead ("an override that leaves out a field keeps the series'
    // value", seen in hand-made feeds). The generated overrides always carry DTEND.
    const text = icsCalendar([
      ...event([
        'UID:override-length',
        'DTSTART;TZID=Europe/Berlin:20260105T100000',
        'DTEND;TZID=Europe/Berlin:20260105T120000',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'SUMMARY:Probe',
      ]),
      ...event([
        'UID:override-length',
        'RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000',
        'DTSTART;TZID=Europe/Berlin:20260113T180000',
        'SUMMARY:Probe (verlegt)',
      ]),
    ]);
    assert.deepEqual(ourStarts(text, 'Europe/Berlin'), [
      '2026-01-05T10:00:00+01:00/2026-01-05T12:00:00+01:00',
      '2026-01-13T18:00:00+01:00/2026-01-13T20:00:00+01:00',
      '2026-01-19T10:00:00+01:00/2026-01-19T12:00:00+01:00',
    ]);
    const [series] = icalEvents(text);
    const moved = series!.getOccurrenceDetails(icalRecurrenceIds(series!, Date.UTC(2027, 0, 1))[1]!);
    assert.equal(moved.startDate.toString(), '2026-01-13T18:00:00');
    assert.equal(moved.endDate.toString(), '2026-01-13T18:00:00');
  });
});
