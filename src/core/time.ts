/**
 * Time arithmetic for the core: wall-clock times, instants in a zone and ISO-8601 strings.
 *
 * The runtime's time zone database answers "what is the offset of zone Z at instant t"
 * (zone-offsets.ts, cached per zone and year); everything else is done here with plain
 * numbers, because expansion converts tens of thousands of dates and a formatter per date
 * would dominate the cost.
 */
import { DAY, HOUR, MINUTE } from './time-units.js';
import { zoneOffset } from './zone-offsets.js';

export { DAY, HOUR, MINUTE } from './time-units.js';
export { canonicalZone, setTemporal, zoneOffset } from './zone-offsets.js';

/** A wall-clock date and time with no zone. Months are 1-based. */
export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/** The wall time as if it were UTC: "floating" milliseconds, good for arithmetic. */
export function wallToFloat(w: Wall): number {
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
}

export function floatToWall(f: number): Wall {
  const d = new Date(f);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return isLeapYear(y) ? 29 : 28;
  return MONTH_DAYS[mo - 1] ?? 0;
}

export function isValidWall(w: Wall): boolean {
  return (
    w.y >= 1 &&
    w.y <= 9999 &&
    w.mo >= 1 &&
    w.mo <= 12 &&
    w.d >= 1 &&
    w.d <= daysInMonth(w.y, w.mo) &&
    w.h >= 0 &&
    w.h <= 23 &&
    w.mi >= 0 &&
    w.mi <= 59 &&
    w.s >= 0 &&
    w.s <= 60
  );
}

/**
 * The instant of a wall-clock time in `zone`, by RFC 5545 section 3.3.5: a time in the
 * spring gap is read with the offset before the gap, a doubled time as its first occurrence.
 */
export function wallToInstant(w: Wall, zone: string): number {
  return floatToInstant(wallToFloat(w), zone);
}

export function floatToInstant(f: number, zone: string): number {
  if (zone === 'UTC') return f;
  const before = zoneOffset(zone, f - DAY);
  const after = zoneOffset(zone, f + DAY);
  const c1 = f - before * MINUTE;
  if (before === after) {
    // Usual case: no transition nearby.
    const o = zoneOffset(zone, c1);
    return o === before ? c1 : f - o * MINUTE;
  }
  const c2 = f - after * MINUTE;
  const ok1 = zoneOffset(zone, c1) === before;
  const ok2 = zoneOffset(zone, c2) === after;
  if (ok1 && ok2) return Math.min(c1, c2);
  if (ok2 && !ok1) return c2;
  return c1;
}

/** Floating milliseconds of the wall time that `ms` shows in `zone`. */
export function instantToFloat(ms: number, zone: string): number {
  return ms + zoneOffset(zone, ms) * MINUTE;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n < 1000 ? String(n).padStart(4, '0') : String(n);
}

export function formatDate(w: Pick<Wall, 'y' | 'mo' | 'd'>): string {
  if (w.y >= 0 && w.y <= 9999) return writeDate(w.y, w.mo, w.d);
  return `${pad4(w.y)}-${pad2(w.mo)}-${pad2(w.d)}`;
}

export function formatWall(w: Wall): string {
  if (w.y >= 0 && w.y <= 9999 && w.s < 60) return writeDateTime(w.y, w.mo, w.d, w.h, w.mi, w.s);
  return `${formatDate(w)}T${pad2(w.h)}:${pad2(w.mi)}:${pad2(w.s)}`;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `2026-12-24T22:00:00+01:00`: the instant as wall time in `zone` with its offset. */
export function formatInstant(ms: number, zone: string): string {
  const offset = zoneOffset(zone, ms);
  const f = ms + offset * MINUTE;
  if (Number.isInteger(offset) && offset > -6000 && offset < 6000 && toCivil(f)) {
    return writeWithOffset(civil.y, civil.mo, civil.d, civil.h, civil.mi, civil.s, offset);
  }
  return formatFloat(f) + offsetText(offset);
}

/** `2026-12-24T21:00:00Z`. */
export function formatUtc(ms: number): string {
  if (toCivil(ms)) return writeUtc(civil.y, civil.mo, civil.d, civil.h, civil.mi, civil.s);
  return `${formatFloat(ms)}Z`;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const offsetTexts = new Map<number, string>();

function offsetText(minutes: number): string {
  let text = offsetTexts.get(minutes);
  if (text === undefined) {
    text = formatOffset(minutes);
    offsetTexts.set(minutes, text);
  }
  return text;
}

// Expansion writes two or three of these strings per date. They are written character by
// character with String.fromCharCode: one flat string each, where template literals build a
// tree of joined pieces (more garbage, and more memory for every string kept).
const fromCodes = String.fromCharCode;
/** Character codes of `0`, `-`, `+`, `:`, `T` and `Z`. */
const [ZERO, MINUS, PLUS, COLON, T, Z] = [48, 45, 43, 58, 84, 90] as const;

/** The civil date and time last computed by setCivilDay / toCivil (one object, reused). */
const civil = { y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0 };

/** Sets civil.y, civil.mo, civil.d from a day number (civil-from-days after H. Hinnant's public-domain algorithm). */
function setCivilDay(day: number): void {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  civil.d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civil.mo = mp < 10 ? mp + 3 : mp - 9;
  civil.y = yoe + era * 400 + (civil.mo <= 2 ? 1 : 0);
}

/** Sets all of `civil` from floating ms by arithmetic; false for years outside 0..9999, which are written otherwise. */
function toCivil(f: number): boolean {
  const days = Math.floor(f / DAY);
  setCivilDay(days);
  const rest = Math.floor((f - days * DAY) / 1000);
  civil.h = Math.floor(rest / 3600);
  civil.mi = Math.floor(rest / 60) % 60;
  civil.s = rest % 60;
  return civil.y >= 0 && civil.y <= 9999;
}

/** A calendar date as a day number: whole days since 1970-01-01 (negative before). */
export function dayOfCivil(y: number, mo: number, d: number): number {
  return Math.floor(Date.UTC(y, mo - 1, d) / DAY);
}

/** The calendar date of a day number. */
export function civilOfDay(day: number): { y: number; mo: number; d: number } {
  setCivilDay(day);
  return { y: civil.y, mo: civil.mo, d: civil.d };
}

/** Weekday of a day number, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Character codes of the strings being written, reused (no array per string). */
const DATE_CODES: number[] = new Array<number>(10).fill(ZERO);
const TIME_CODES: number[] = new Array<number>(19).fill(ZERO);
const UTC_CODES: number[] = new Array<number>(20).fill(ZERO);
const OFFSET_CODES: number[] = new Array<number>(25).fill(ZERO);

function putTwo(codes: number[], at: number, n: number): void {
  codes[at] = ZERO + Math.floor(n / 10);
  codes[at + 1] = ZERO + (n % 10);
}

/** `YYYY-MM-DD` at the start of `codes` and, with a time, `THH:mm:ss` after it (years 0..9999). */
function putDateTime(codes: number[], y: number, mo: number, d: number, h?: number, mi?: number, s?: number): number[] {
  putTwo(codes, 0, Math.floor(y / 100));
  putTwo(codes, 2, y % 100);
  codes[4] = MINUS;
  putTwo(codes, 5, mo);
  codes[7] = MINUS;
  putTwo(codes, 8, d);
  if (h === undefined) return codes;
  codes[10] = T;
  putTwo(codes, 11, h);
  codes[13] = COLON;
  putTwo(codes, 14, mi!);
  codes[16] = COLON;
  putTwo(codes, 17, s!);
  return codes;
}

function writeDate(y: number, mo: number, d: number): string {
  return fromCodes(...putDateTime(DATE_CODES, y, mo, d));
}

function writeDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return fromCodes(...putDateTime(TIME_CODES, y, mo, d, h, mi, s));
}

function writeUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  const codes = putDateTime(UTC_CODES, y, mo, d, h, mi, s);
  codes[19] = Z;
  return fromCodes(...codes);
}

/** With an offset of a whole number of minutes under 100 hours: `±hh:mm`. */
function writeWithOffset(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): string {
  const codes = putDateTime(OFFSET_CODES, y, mo, d, h, mi, s);
  const abs = Math.abs(offset);
  codes[19] = offset < 0 ? MINUS : PLUS;
  putTwo(codes, 20, Math.floor(abs / 60));
  codes[22] = COLON;
  putTwo(codes, 23, abs % 60);
  return fromCodes(...codes);
}

/** Floating milliseconds as `YYYY-MM-DD` (days) or `YYYY-MM-DDTHH:mm:ss`. */
export function formatFloat(f: number, dateOnly = false): string {
  if (toCivil(f))
    return dateOnly
      ? writeDate(civil.y, civil.mo, civil.d)
      : writeDateTime(civil.y, civil.mo, civil.d, civil.h, civil.mi, civil.s);
  const date = `${pad4(civil.y)}-${TWO_DIGITS[civil.mo]!}-${TWO_DIGITS[civil.d]!}`;
  if (dateOnly) return date;
  return `${date}T${TWO_DIGITS[civil.h]!}:${TWO_DIGITS[civil.mi]!}:${TWO_DIGITS[civil.s]!}`;
}

/** A date-or-time value as written in a feed, after parsing. */
export type When = { kind: 'date'; wall: Wall } | { kind: 'local'; wall: Wall } | { kind: 'instant'; ms: number };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Reads the ISO-8601 forms the feeds use: `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]` (local) and
 * the same with `Z` or an offset (an instant). Returns undefined for anything else.
 */
export function parseIso(value: string): When | undefined {
  const fast = parseCanonical(value);
  if (fast) return fast;
  const m = ISO_RE.exec(value.trim());
  if (!m) return undefined;
  const zone = m[7];
  let offset = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hh = Number(digits.slice(0, 2));
    const mm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hh > 18 || mm > 59) return undefined;
    offset = sign * (hh * 60 + mm);
  }
  return whenOf(m, zone === undefined ? 'local' : 'instant', offset);
}

const ICS_DATE_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i;

/** An iCalendar DATE or DATE-TIME (`20261224`, `20261224T220000`, `...Z`). */
export function parseIcsDateTime(value: string): When | undefined {
  const n = value.length;
  if (n === 8 || n === 15 || n === 16) {
    // The usual spellings, read without a regular expression (every DTSTART, DTEND, EXDATE).
    const fast = parseCompact(value, n);
    if (fast !== null) return fast;
  }
  const m = ICS_DATE_RE.exec(value.trim());
  return m ? whenOf(m, m[7] ? 'instant' : 'local', 0) : undefined;
}

/** The When of date and time groups 1-6 (time optional), local or an instant at `offset` minutes. */
function whenOf(m: RegExpExecArray, timed: 'local' | 'instant', offset: number): When | undefined {
  const wall: Wall = {
    y: Number(m[1]),
    mo: Number(m[2]),
    d: Number(m[3]),
    h: m[4] ? Number(m[4]) : 0,
    mi: m[5] ? Number(m[5]) : 0,
    s: m[6] ? Math.min(Number(m[6]), 59) : 0,
  };
  if (!isValidWall(wall)) return undefined;
  if (m[4] === undefined) return { kind: 'date', wall };
  if (timed === 'local') return { kind: 'local', wall };
  return { kind: 'instant', ms: wallToFloat(wall) - offset * MINUTE };
}

/** `YYYYMMDD`, `YYYYMMDDTHHMMSS`, `...Z` by character codes; null when the shape differs. */
function parseCompact(value: string, n: number): When | undefined | null {
  const y = digits(value, 0, 4);
  const mo = digits(value, 4, 2);
  const d = digits(value, 6, 2);
  if (y < 0 || mo < 0 || d < 0) return null;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (n > 8) {
    const t = value.charCodeAt(8);
    const z = n === 16 ? value.charCodeAt(15) : 90;
    if ((t !== 84 && t !== 116) || (z !== 90 && z !== 122)) return null;
    h = digits(value, 9, 2);
    mi = digits(value, 11, 2);
    s = digits(value, 13, 2);
    if (h < 0 || mi < 0 || s < 0) return null;
  }
  const wall: Wall = { y, mo, d, h, mi, s: Math.min(s, 59) };
  if (!isValidWall(wall)) return undefined;
  if (n === 8) return { kind: 'date', wall };
  if (n === 15) return { kind: 'local', wall };
  return { kind: 'instant', ms: wallToFloat(wall) };
}

function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The forms this library writes itself (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss`, `...Z`) and the
 * one feeds use most (`YYYY-MM-DDTHH:mm`), read without a regular expression: parsing and
 * expansion read them for every event, so this is a hot path.
 */
function parseCanonical(value: string): When | undefined {
  const n = value.length;
  if ((n !== 10 && n !== 16 && n !== 19 && n !== 20) || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45)
    return undefined;
  const y = digits(value, 0, 4);
  const mo = digits(value, 5, 2);
  const d = digits(value, 8, 2);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (n === 10) return { kind: 'date', wall: { y, mo, d, h: 0, mi: 0, s: 0 } };
  if (value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58 || (n > 16 && value.charCodeAt(16) !== 58)) return undefined;
  const h = digits(value, 11, 2);
  const mi = digits(value, 14, 2);
  const s = n === 16 ? 0 : digits(value, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return undefined;
  if (n === 16 || n === 19) return { kind: 'local', wall: { y, mo, d, h, mi, s } };
  if (value.charCodeAt(19) !== 90) return undefined;
  return { kind: 'instant', ms: Date.UTC(y, mo - 1, d, h, mi, s) };
}

/** Milliseconds of a When, reading local times in `zone` and dates as midnight there. */
export function whenToInstant(when: When, zone: string): number {
  return when.kind === 'instant' ? when.ms : wallToInstant(when.wall, zone);
}

/** Floating milliseconds (wall time) of a When as seen in `zone`. */
export function whenToFloat(when: When, zone: string): number {
  return when.kind === 'instant' ? instantToFloat(when.ms, zone) : wallToFloat(when.wall);
}

/** A parsed ISO-8601 / RFC 5545 duration: nominal days (wall-clock) and exact milliseconds. */
export interface Duration {
  days: number;
  ms: number;
}

const DURATION_RE = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * `P1W`, `P2D`, `PT1H30M`, `P1DT2H`: weeks and days are nominal (a day across a DST change
 * is 23 or 25 hours, RFC 5545 section 3.3.6), hours, minutes and seconds exact.
 */
export function parseDuration(value: string): Duration | undefined {
  const m = DURATION_RE.exec(value.trim());
  if (!m || value.trim().toUpperCase().endsWith('T')) return undefined;
  if (m.slice(2, 7).every((part) => part === undefined)) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const days = (Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0)) * sign + 0; // + 0 turns -0 into 0
  const ms = (Number(m[4] ?? 0) * HOUR + Number(m[5] ?? 0) * MINUTE + Number((m[6] ?? '0').replace(',', '.')) * 1000) * sign;
  return { days, ms: Math.round(ms) + 0 };
}

export function formatDuration(d: Duration): string {
  const negative = d.days < 0 || d.ms < 0;
  const days = Math.abs(d.days);
  let rest = Math.abs(d.ms) / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const mi = Math.floor(rest / 60);
  const s = rest - mi * 60;
  let out = `${negative ? '-' : ''}P${days ? `${days}D` : ''}`;
  if (h || mi || s) out += `T${h ? `${h}H` : ''}${mi ? `${mi}M` : ''}${s ? `${s}S` : ''}`;
  return out === 'P' || out === '-P' ? 'PT0S' : out;
}

/** Adds whole days to a date-only wall. */
export function addDays(w: Pick<Wall, 'y' | 'mo' | 'd'>, days: number): Wall {
  return floatToWall(Date.UTC(w.y, w.mo - 1, w.d) + days * DAY);
}
