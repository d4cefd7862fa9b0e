/**
 * Calendar arithmetic on `YYYY-MM-DD` and `YYYY-MM` strings for the month and week views.
 * Dates are counted as whole days since 1970-01-01 (UTC arithmetic on calendar dates), so no
 * local zone or DST change can shift a day.
 */
import { addDays, canonicalZone, DAY, floatToWall, formatDate, instantToFloat, isValidWall, type Wall } from './time.js';

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
  return Math.round(Date.UTC(w.y, w.mo - 1, w.d) / DAY);
}

function dateOfDay(day: number): string {
  return formatDate(floatToWall(day * DAY));
}

/** Monday = 0 ... Sunday = 6. */
export function mondayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

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
