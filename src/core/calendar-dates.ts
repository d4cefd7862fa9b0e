/**
 * Calendar arithmetic on `YYYY-MM-DD` and `YYYY-MM` strings, for everyone: the month and week
 * views, the form, the server. Dates are counted as whole days since 1970-01-01 (UTC
 * arithmetic on calendar dates), so no local zone or DST change can shift a day. The day
 * numbers, weekdays and zone offsets underneath live in time.ts.
 */
import {
  addDays,
  canonicalZone,
  DAY,
  dayOfCivil,
  daysInMonth,
  floatToWall,
  formatDate,
  floatToInstant,
  formatUtc,
  instantToFloat,
  isValidWall,
  parseIso,
  wallToInstant,
  whenToInstant,
  weekdayOfDay,
  type Wall,
} from './time.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Reads `YYYY-MM-DD`; a wrong value is a programming error, so it throws. */
export function parseDateOnly(date: string): Wall {
  const m = DATE_RE.exec(date);
  const wall: Wall = { y: Number(m?.[1]), mo: Number(m?.[2]), d: Number(m?.[3]), h: 0, mi: 0, s: 0 };
  if (!m || !isValidWall(wall)) throw new RangeError(`not a date YYYY-MM-DD: "${date}"`);
  return wall;
}

function parseMonth(yyyyMm: string): { y: number; mo: number } {
  const m = MONTH_RE.exec(yyyyMm);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  if (!m || y < 1 || mo < 1 || mo > 12) throw new RangeError(`not a month YYYY-MM: "${yyyyMm}"`);
  return { y, mo };
}

/** Days since 1970-01-01. */
export function dayNumber(w: Pick<Wall, 'y' | 'mo' | 'd'>): number {
  return dayOfCivil(w.y, w.mo, w.d);
}

/** True for `YYYY-MM-DD` naming a day that exists (no 30 February). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return m !== null && isValidWall({ y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: 0, mi: 0, s: 0 });
}

/** `YYYY-MM-DD` of a year, month (1-12) and day. */
export function isoDate(y: number, mo: number, d: number): string {
  return formatDate({ y, mo, d });
}

/** Weekday of `YYYY-MM-DD`, Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
  return mondayIndex(dayNumber(parseDateOnly(date)));
}

/** Days in the month `YYYY-MM`. */
export function daysInMonthIso(yyyyMm: string): number {
  const { y, mo } = parseMonth(yyyyMm);
  return daysInMonth(y, mo);
}

/** Day `day` of the month `YYYY-MM`, or its last day when the month is shorter (31 -> 30 April). */
export function dayInMonth(yyyyMm: string, day: number): string {
  const { y, mo } = parseMonth(yyyyMm);
  return isoDate(y, mo, Math.max(1, Math.min(day, daysInMonth(y, mo))));
}

/**
 * The instant of a wall-clock date and time (`HH:mm` or `HH:mm:ss`) in `zone`, by RFC 5545
 * section 3.3.5 (a time in the spring gap with the offset before it).
 */
export function zonedInstant(date: string, time: string, zone: string): number {
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number);
  return wallToInstant({ ...parseDateOnly(date), h, mi, s }, canonicalZone(zone) ?? 'Europe/Berlin');
}

/**
 * The instant of an ISO-8601 date or date-time (the feed's forms): a date is midnight in
 * `zone`, a time without offset is wall time there. Undefined for anything else or for a
 * day or time that does not exist.
 */
export function isoInstant(value: string, zone: string): number | undefined {
  const when = parseIso(value);
  return when ? whenToInstant(when, canonicalZone(zone) ?? 'Europe/Berlin') : undefined;
}

/** The instant `days` calendar days after `ms` at the same wall-clock time in `zone` (23 or 25 hours across DST). */
export function addDaysInZone(ms: number, days: number, zone: string): number {
  const z = canonicalZone(zone) ?? 'Europe/Berlin';
  return floatToInstant(instantToFloat(ms, z) + days * DAY, z);
}

/** A wall-clock time in `zone` as the UTC stamp RFC 5545 writes: `YYYYMMDDTHHMMSSZ`. */
export function utcStamp(date: string, time: string, zone: string): string {
  return formatUtc(zonedInstant(date, time, zone)).replace(/[-:]/g, '');
}

function dateOfDay(day: number): string {
  return formatDate(floatToWall(day * DAY));
}

/** Weekday of a day number, Monday = 0 ... Sunday = 6. */
export const mondayIndex = weekdayOfDay;

/** ISO 8601 week number: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(date: string): number {
  const day = dayNumber(parseDateOnly(date));
  const thursday = day - mondayIndex(day) + 3;
  const year = floatToWall(thursday * DAY).y;
  const jan1 = dayNumber({ y: year, mo: 1, d: 1 });
  return 1 + Math.floor((thursday - jan1) / 7);
}

/** Today's date in `zone` (unknown zones read as Europe/Berlin). */
export function todayIn(zone: string, now: number = Date.now()): string {
  return formatDate(floatToWall(instantToFloat(now, canonicalZone(zone) ?? 'Europe/Berlin')));
}

export function addDaysIso(date: string, n: number): string {
  return formatDate(addDays(parseDateOnly(date), n));
}

/** `2026-12` + 1 -> `2027-01`. */
export function addMonthsIso(yyyyMm: string, n: number): string {
  const { y, mo } = parseMonth(yyyyMm);
  const index = y * 12 + (mo - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}

/**
 * The weeks of a month view, Monday first: rows of seven `YYYY-MM-DD`, including the days of
 * the neighbouring months that fill the first and last week (4 to 6 rows).
 */
export function monthGrid(yyyyMm: string): string[][] {
  const { y, mo } = parseMonth(yyyyMm);
  const first = dayNumber({ y, mo, d: 1 });
  const last = dayNumber({ y, mo: mo + 1, d: 0 }); // day 0 of the next month is this month's last
  const from = first - mondayIndex(first);
  const to = last + (6 - mondayIndex(last));
  const rows: string[][] = [];
  for (let day = from; day <= to; day += 7) {
    rows.push(Array.from({ length: 7 }, (_, i) => dateOfDay(day + i)));
  }
  return rows;
}
