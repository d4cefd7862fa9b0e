/**
 * RFC 5545 section 3.3.10: the RRULE value, read and checked part by part so that a broken
 * rule is reported with the reason instead of expanding to something surprising.
 */
import { isValidWall, parseIso, type When, type Wall } from './time.js';

export const FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Weekdays in rrule.js order: MO = 0 ... SU = 6. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface ByDay {
  weekday: number;
  /** The nth occurrence in the month or year (-1 = last); absent means every. */
  n?: number;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: When;
  wkst: number;
  bysecond?: number[];
  byminute?: number[];
  byhour?: number[];
  byday?: ByDay[];
  bymonthday?: number[];
  byyearday?: number[];
  byweekno?: number[];
  bymonth?: number[];
  bysetpos?: number[];
}

export type ParsedRule = { rule: RecurrenceRule; error?: undefined } | { rule?: undefined; error: string };

const ICS_DATE_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i;

/** An iCalendar DATE or DATE-TIME (`20261224`, `20261224T220000`, `...Z`). */
export function parseIcsDateTime(value: string): When | undefined {
  const m = ICS_DATE_RE.exec(value.trim());
  if (!m) return undefined;
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
  if (m[7]) return { kind: 'instant', ms: Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi, wall.s) };
  return { kind: 'local', wall };
}

function intList(raw: string, min: number, max: number, allowNegative: boolean): number[] | undefined {
  const out: number[] = [];
  for (const part of raw.split(',')) {
    if (!/^[+-]?\d{1,3}$/.test(part.trim())) return undefined;
    const v = Number(part);
    const abs = Math.abs(v);
    if (v === 0 && min > 0) return undefined;
    if (v < 0 && !allowNegative) return undefined;
    if (abs < min || abs > max) return undefined;
    out.push(v);
  }
  return out;
}

/** Reads an RRULE value (with or without the `RRULE:` prefix). */
export function parseRecurrenceRule(input: string): ParsedRule {
  const value = input.trim().replace(/^RRULE:/i, '');
  if (!value) return { error: 'empty RRULE' };
  const parts = new Map<string, string>();
  for (const chunk of value.split(';')) {
    if (!chunk.trim()) continue;
    const eq = chunk.indexOf('=');
    if (eq < 1) return { error: `RRULE part "${chunk}" is not NAME=VALUE` };
    const key = chunk.slice(0, eq).trim().toUpperCase();
    if (parts.has(key)) return { error: `RRULE part ${key} appears twice` };
    parts.set(key, chunk.slice(eq + 1).trim());
  }
  const freq = parts.get('FREQ')?.toUpperCase();
  if (!freq) return { error: 'RRULE has no FREQ' };
  if (!(FREQUENCIES as readonly string[]).includes(freq)) return { error: `RRULE FREQ=${freq} is not a frequency` };
  const rule: RecurrenceRule = { freq: freq as Frequency, interval: 1, wkst: 0 };
  for (const [key, raw] of parts) {
    switch (key) {
      case 'FREQ':
        break;
      case 'INTERVAL': {
        if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) return { error: `RRULE INTERVAL=${raw} is not a positive integer` };
        rule.interval = Number(raw);
        break;
      }
      case 'COUNT': {
        if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) return { error: `RRULE COUNT=${raw} is not a positive integer` };
        rule.count = Number(raw);
        break;
      }
      case 'UNTIL': {
        const until = parseIcsDateTime(raw) ?? parseIso(raw);
        if (!until) return { error: `RRULE UNTIL=${raw} is not a date or date-time` };
        rule.until = until;
        break;
      }
      case 'WKST': {
        const i = (WEEKDAYS as readonly string[]).indexOf(raw.toUpperCase());
        if (i < 0) return { error: `RRULE WKST=${raw} is not a weekday` };
        rule.wkst = i;
        break;
      }
      case 'BYDAY': {
        const days: ByDay[] = [];
        for (const part of raw.split(',')) {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(part.trim());
          if (!m) return { error: `RRULE BYDAY value "${part}" is not a weekday` };
          const weekday = (WEEKDAYS as readonly string[]).indexOf(m[2]!.toUpperCase());
          if (m[1] !== undefined) {
            const n = Number(m[1]);
            if (n === 0 || Math.abs(n) > 53) return { error: `RRULE BYDAY ordinal ${m[1]} is out of range` };
            days.push({ weekday, n });
          } else {
            days.push({ weekday });
          }
        }
        rule.byday = days;
        break;
      }
      default: {
        const spec = NUMERIC_PARTS[key];
        if (!spec) {
          // X-names and unknown parts are ignored, as RFC 5545 asks of readers.
          if (key.startsWith('X-')) break;
          return { error: `RRULE part ${key} is unknown` };
        }
        const list = intList(raw, spec.min, spec.max, spec.negative);
        if (!list) return { error: `RRULE ${key}=${raw} is out of range` };
        rule[spec.field] = list;
      }
    }
  }
  if (rule.count !== undefined && rule.until !== undefined) return { error: 'RRULE has both COUNT and UNTIL' };
  if (rule.byday?.some((d) => d.n !== undefined) && rule.freq !== 'MONTHLY' && rule.freq !== 'YEARLY') {
    return { error: `RRULE BYDAY with an ordinal needs FREQ=MONTHLY or YEARLY, not ${rule.freq}` };
  }
  if (rule.byweekno && rule.freq !== 'YEARLY') return { error: 'RRULE BYWEEKNO needs FREQ=YEARLY' };
  if (rule.byyearday && ['DAILY', 'WEEKLY', 'MONTHLY'].includes(rule.freq)) {
    return { error: `RRULE BYYEARDAY is not allowed with FREQ=${rule.freq}` };
  }
  if (rule.bymonthday && rule.freq === 'WEEKLY') return { error: 'RRULE BYMONTHDAY is not allowed with FREQ=WEEKLY' };
  return { rule };
}

type NumericField = 'bysecond' | 'byminute' | 'byhour' | 'bymonthday' | 'byyearday' | 'byweekno' | 'bymonth' | 'bysetpos';

const NUMERIC_PARTS: Record<string, { field: NumericField; min: number; max: number; negative: boolean }> = {
  BYSECOND: { field: 'bysecond', min: 0, max: 60, negative: false },
  BYMINUTE: { field: 'byminute', min: 0, max: 59, negative: false },
  BYHOUR: { field: 'byhour', min: 0, max: 23, negative: false },
  BYMONTHDAY: { field: 'bymonthday', min: 1, max: 31, negative: true },
  BYYEARDAY: { field: 'byyearday', min: 1, max: 366, negative: true },
  BYWEEKNO: { field: 'byweekno', min: 1, max: 53, negative: true },
  BYMONTH: { field: 'bymonth', min: 1, max: 12, negative: false },
  BYSETPOS: { field: 'bysetpos', min: 1, max: 366, negative: true },
};
