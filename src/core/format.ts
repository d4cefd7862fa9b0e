/**
 * Date and time text for people, German first (DIN 5008: "Sa., 12.12.2026", "19:30 Uhr"),
 * English second. Output never depends on the computer's zone: instants are placed with the
 * core's zone tables, all-day dates are calendar dates, and the names of weekdays and months
 * are written out per locale.
 *
 * Dates are composed here rather than by Intl, because ICU versions differ in
 * punctuation ("Sat, 12 Dec" vs "Sat 12 Dec", "7:30 PM" with a narrow no-break space) and the
 * widgets, their tests and DIN 5008 need one stable spelling. An unknown zone name is read as
 * Europe/Berlin, the calendar's home; wrong date strings throw a RangeError (a bug, not data).
 */
import type { EventStatus, Occurrence } from './model.js';
import {
  canonicalZone,
  DAY,
  floatToWall,
  formatDate,
  instantToFloat,
  parseIso,
  wallToFloat,
  whenToInstant,
  type Wall,
  type When,
} from './time.js';
import { dayNumber, mondayIndex, parseDateOnly } from './calendar-dates.js';

export { addDaysIso, addMonthsIso, isoWeek, monthGrid, todayIn } from './calendar-dates.js';

export type Locale = 'de' | 'en';

/** `de`, `de-AT`, `DE` -> de; `en`, `en-GB` -> en; anything else (or nothing) -> de. */
export function resolveLocale(tag?: string | null): Locale {
  const primary = (tag ?? '').trim().split(/[-_]/)[0]!.toLowerCase();
  return primary === 'en' ? 'en' : 'de';
}

const FALLBACK_ZONE = 'Europe/Berlin';
/** An end centuries away (a typo in a feed) must not turn one item into a million days. */
const MAX_DAYS = 3660;

function zoneOf(zone: string): string {
  return canonicalZone(zone) ?? FALLBACK_ZONE;
}

function parseOrThrow(iso: string): When {
  const when = parseIso(iso);
  if (!when) throw new RangeError(`not an ISO-8601 date or date-time: "${iso}"`);
  return when;
}

/** The wall-clock time an ISO string shows in `zone` (local and date forms are taken as is). */
function wallIn(iso: string, zone: string): Wall {
  const when = parseOrThrow(iso);
  return when.kind === 'instant' ? floatToWall(instantToFloat(when.ms, zoneOf(zone))) : when.wall;
}

/** The `YYYY-MM-DD` that an occurrence's start or end shows in `zone`. */
export function localDate(iso: string, zone: string): string {
  return formatDate(wallIn(iso, zone));
}

/** Every local date (in `o.timeZone`) the occurrence covers, in order. */
export function occurrenceDays(o: Pick<Occurrence, 'start' | 'end' | 'allDay' | 'timeZone'>): string[] {
  const { first, last } = dayRange(o);
  const out: string[] = [];
  for (let n = first; n <= last && out.length < MAX_DAYS; n++) out.push(formatDate(floatToWall(n * DAY)));
  return out;
}

/** First and last covered day as day numbers (days since 1970-01-01). */
function dayRange(o: Pick<Occurrence, 'start' | 'end' | 'allDay' | 'timeZone'>): { first: number; last: number } {
  const start = wallToFloat(wallIn(o.start, o.timeZone));
  const end = wallToFloat(wallIn(o.end, o.timeZone));
  const first = Math.floor(start / DAY);
  // All-day ends are exclusive; a timed end at midnight does not reach into that day.
  const last = o.allDay || (end > start && end % DAY === 0) ? Math.ceil(end / DAY) - 1 : Math.floor(end / DAY);
  return { first, last: Math.max(first, last) };
}

type NameKind = 'weekday-short' | 'weekday-long' | 'month-short' | 'month-long';

/**
 * Weekday names Monday first, month names January first, without trailing dots (DIN 5008 adds
 * the dot where a date wants it). Written out rather than asked of Intl: the two locales are
 * fixed, ICU versions differ in their abbreviations, and building the first Intl formatter of a
 * page costs it tens of milliseconds before anything can be shown.
 */
const NAMES: Record<Locale, Record<NameKind, readonly string[]>> = {
  de: {
    'weekday-short': ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'],
    'weekday-long': ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
    'month-short': ['Jan', 'Feb', 'März', 'Apr', 'Mai', 'Juni', 'Juli', 'Aug', 'Sept', 'Okt', 'Nov', 'Dez'],
    'month-long': [
      'Januar',
      'Februar',
      'März',
      'April',
      'Mai',
      'Juni',
      'Juli',
      'August',
      'September',
      'Oktober',
      'November',
      'Dezember',
    ],
  },
  en: {
    'weekday-short': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    'weekday-long': ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    'month-short': ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    'month-long': [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
  },
};

function names(locale: Locale, kind: NameKind): readonly string[] {
  return NAMES[locale][kind];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function shortDateOfWall(w: Pick<Wall, 'y' | 'mo' | 'd'>, locale: Locale): string {
  const weekday = names(locale, 'weekday-short')[mondayIndex(dayNumber(w))]!;
  if (locale === 'en') return `${weekday}, ${w.d} ${names('en', 'month-short')[w.mo - 1]!} ${w.y}`;
  return `${weekday}., ${pad2(w.d)}.${pad2(w.mo)}.${w.y}`;
}

/** de "Sa., 12.12.2026"; en "Sat, 12 Dec 2026". */
export function formatShortDate(date: string, locale: Locale): string {
  return shortDateOfWall(parseDateOnly(date), locale);
}

/** de "Samstag, 12. Dezember 2026"; en "Saturday, 12 December 2026". */
export function formatLongDate(date: string, locale: Locale): string {
  const w = parseDateOnly(date);
  const weekday = names(locale, 'weekday-long')[mondayIndex(dayNumber(w))]!;
  const month = names(locale, 'month-long')[w.mo - 1]!;
  return locale === 'en' ? `${weekday}, ${w.d} ${month} ${w.y}` : `${weekday}, ${w.d}. ${month} ${w.y}`;
}

/** de "Dezember 2026"; en "December 2026". */
export function formatMonthYear(year: number, month: number, locale: Locale): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} is not 1-12`);
  return `${names(locale, 'month-long')[month - 1]!} ${year}`;
}

/** Monday first. German short names have no dot: they are column headers, not abbreviations in text. */
export function weekdayNames(locale: Locale, width: 'short' | 'long'): string[] {
  return [...names(locale, width === 'long' ? 'weekday-long' : 'weekday-short')];
}

/** de "KW 50" / "Kalenderwoche 50"; en "W 50" / "Week 50". */
export function formatWeekNumber(n: number, locale: Locale, width: 'short' | 'long'): string {
  if (locale === 'en') return `${width === 'long' ? 'Week' : 'W'} ${n}`;
  return `${width === 'long' ? 'Kalenderwoche' : 'KW'} ${n}`;
}

/** `midnightAs24`: German habit writes the end of a day as "24:00" ("19:00–24:00 Uhr"). */
function clock(w: Wall, locale: Locale, midnightAs24 = false): string {
  if (locale === 'en') {
    const h12 = w.h % 12 === 0 ? 12 : w.h % 12;
    return `${h12}:${pad2(w.mi)} ${w.h < 12 ? 'AM' : 'PM'}`;
  }
  const h = midnightAs24 && w.h === 0 && w.mi === 0 ? 24 : w.h;
  return `${pad2(h)}:${pad2(w.mi)}`;
}

/** de "19:30"; en "7:30 PM": the time `iso` shows in `zone`. */
export function formatTime(iso: string, zone: string, locale: Locale): string {
  return clock(wallIn(iso, zone), locale);
}

const WORDS: Record<Locale, { allDay: string; oClock: string }> = {
  de: { allDay: 'ganztägig', oClock: ' Uhr' },
  en: { allDay: 'all day', oClock: '' },
};

interface TimedParts {
  start: Wall;
  end: Wall;
  /** The end is not after the start: a point in time. */
  point: boolean;
  /** Start and end are on one local day (an end at midnight belongs to the day before). */
  oneDay: boolean;
  /** Shorter than a day: a night event ("22:00–02:00 Uhr") still reads as one time range. */
  underADay: boolean;
}

function timedParts(o: Occurrence): TimedParts {
  const zone = zoneOf(o.timeZone);
  const start = wallIn(o.start, zone);
  const end = wallIn(o.end, zone);
  const length = whenToInstant(parseOrThrow(o.end), zone) - whenToInstant(parseOrThrow(o.start), zone);
  const { first, last } = dayRange({ ...o, timeZone: zone });
  return { start, end, point: length <= 0, oneDay: first === last, underADay: length < DAY };
}

function timeRange(p: TimedParts, locale: Locale): string {
  const { oClock } = WORDS[locale];
  if (p.point) return clock(p.start, locale) + oClock;
  if (locale === 'en') return `${clock(p.start, locale)} – ${clock(p.end, locale)}`;
  return `${clock(p.start, locale)}–${clock(p.end, locale, p.oneDay)}${oClock}`;
}

/** The time part of a list item: "19:30–21:30 Uhr", "19:30 Uhr", "ganztägig"; en "7:30 PM – 9:30 PM". */
export function formatOccurrenceTime(o: Occurrence, locale: Locale): string {
  if (o.allDay) return WORDS[locale].allDay;
  const p = timedParts(o);
  if (p.point || p.oneDay || p.underADay) return timeRange(p, locale);
  const { oClock } = WORDS[locale];
  return `${clock(p.start, locale)}${oClock} – ${shortDateOfWall(p.end, locale)}, ${clock(p.end, locale)}${oClock}`;
}

/**
 * The whole date and time: "Sa., 12.12.2026, 19:30–21:30 Uhr", "Sa., 12.12.2026, ganztägig",
 * "Fr., 04.12.2026 – So., 06.12.2026", "Fr., 10.07.2026, 16:00 Uhr – Di., 14.07.2026, 12:00 Uhr".
 */
export function formatOccurrenceWhen(o: Occurrence, locale: Locale): string {
  const words = WORDS[locale];
  if (o.allDay) {
    const { first, last } = dayRange(o);
    const from = shortDateOfWall(floatToWall(first * DAY), locale);
    if (last === first) return `${from}, ${words.allDay}`;
    return `${from} – ${shortDateOfWall(floatToWall(last * DAY), locale)}`;
  }
  const p = timedParts(o);
  const from = shortDateOfWall(p.start, locale);
  if (p.point || p.oneDay) return `${from}, ${timeRange(p, locale)}`;
  return (
    `${from}, ${clock(p.start, locale)}${words.oClock} – ` +
    `${shortDateOfWall(p.end, locale)}, ${clock(p.end, locale)}${words.oClock}`
  );
}

/**
 * One moment as a reader says it: "Sa., 14.06.2027, 15:00 Uhr" (en "Sat, 14 Jun 2027, 3:00 PM"),
 * or only the day for a date ("Sa., 14.06.2027"). `iso` is read in `zone` when it has no offset.
 */
export function formatMoment(iso: string, zone: string, locale: Locale): string {
  const when = parseOrThrow(iso);
  if (when.kind === 'date') return shortDateOfWall(when.wall, locale);
  const w = wallIn(iso, zone);
  return `${shortDateOfWall(w, locale)}, ${clock(w, locale)}${WORDS[locale].oClock}`;
}

const STATUS_WORDS: Record<Locale, Record<Exclude<EventStatus, 'scheduled'>, string> & { soldOut: string }> = {
  de: {
    cancelled: 'abgesagt',
    postponed: 'verschoben',
    rescheduled: 'verlegt',
    movedOnline: 'online verlegt',
    soldOut: 'ausgebucht',
  },
  en: {
    cancelled: 'cancelled',
    postponed: 'postponed',
    rescheduled: 'rescheduled',
    movedOnline: 'moved online',
    soldOut: 'sold out',
  },
};

/**
 * A date's status in lower-case words for running text (gazette, RSS, Atom): "abgesagt",
 * "verlegt, ausgebucht"; undefined for a normal date. A status this code does not know (a newer
 * feed) is given as itself rather than dropped. The elements word it through their i18n tables.
 */
export function statusWords(o: Pick<Occurrence, 'status' | 'soldOut'>, locale: Locale): string | undefined {
  const table = STATUS_WORDS[locale];
  const words: string[] = [];
  if (o.status && o.status !== 'scheduled') words.push(Object.hasOwn(table, o.status) ? table[o.status] : String(o.status));
  if (o.soldOut) words.push(table.soldOut);
  return words.length ? words.join(', ') : undefined;
}
