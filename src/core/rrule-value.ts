/**
 * RFC 5545 section 3.3.10: the RRULE value, read and checked part by part so that a broken
 * rule is reported with the reason instead of expanding to something surprising.
 */
import { parseIcsDateTime, parseIso, type When } from './time.js';

export const FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Weekdays Monday first, as RFC 5545 lists them and as the iterators count: MO = 0 ... SU = 6. */
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

/**
 * A rule that could be read: the rule; its value written again in capitals without the parts
 * that were dropped, which is what a CalendarEvent keeps; and what was read leniently, as
 * sentences for a warning (see docs/feed-format.md, "What real-world feeds get away with").
 */
export type ParsedRule =
  { rule: RecurrenceRule; text: string; warnings: string[]; error?: undefined } | { rule?: undefined; error: string };

function intList(items: string[], min: number, max: number, allowNegative: boolean): number[] | undefined {
  const out: number[] = [];
  for (const item of items) {
    const part = item.trim();
    if (!/^[+-]?\d{1,3}$/.test(part)) return undefined;
    const v = Number(part);
    const abs = Math.abs(v);
    if (v === 0 && min > 0) return undefined;
    if (v < 0 && !allowNegative) return undefined;
    if (abs < min || abs > max) return undefined;
    out.push(v);
  }
  return out;
}

/** Parts whose values are names, written in capitals in the text a CalendarEvent keeps. */
const NAMED_PARTS = new Set(['FREQ', 'WKST', 'BYDAY']);

interface Parts {
  /** Upper-cased name -> trimmed value, in the order written. */
  values: Map<string, string>;
  warnings: string[];
}

/**
 * Splits a rule into its parts. Leniencies, each with a warning: a part written twice with
 * the same value counts once; a part with no value (`BYDAY=`) is left out, as if the
 * generator had not written it; empty items of a list (`BYDAY=MO,`) are dropped. Empty parts
 * from a stray `;` are skipped silently (Google writes a trailing one).
 */
function splitParts(value: string): Parts | { error: string } {
  const values = new Map<string, string>();
  const warnings: string[] = [];
  for (const chunk of value.split(';')) {
    if (!chunk.trim()) continue;
    const eq = chunk.indexOf('=');
    if (eq < 1) return { error: `RRULE part "${chunk}" is not NAME=VALUE` };
    const key = chunk.slice(0, eq).trim().toUpperCase();
    let raw = chunk.slice(eq + 1).trim();
    if (raw.includes(',')) {
      const items = raw.split(',').map((item) => item.trim());
      const kept = items.filter((item) => item !== '');
      if (kept.length < items.length && kept.length > 0) {
        warnings.push(`RRULE ${key}=${raw} has an empty item; it was left out`);
        raw = kept.join(',');
      }
    }
    const earlier = values.get(key);
    if (earlier !== undefined) {
      if (earlier.toUpperCase() !== raw.toUpperCase()) return { error: `RRULE part ${key} appears twice` };
      warnings.push(`RRULE part ${key}=${raw} appears twice with the same value; it was read once`);
      continue;
    }
    if (!raw.replace(/,/g, '')) {
      if (key === 'FREQ') return { error: 'RRULE has no FREQ' };
      warnings.push(`RRULE part ${key}= has no value and was left out`);
      continue;
    }
    values.set(key, raw);
  }
  return { values, warnings };
}

/** The rule's text as kept: the parts read, names in capitals, joined with `;`. */
function ruleText(values: Map<string, string>, dropped: ReadonlySet<string>): string {
  const out: string[] = [];
  for (const [key, raw] of values) {
    if (!dropped.has(key)) out.push(`${key}=${NAMED_PARTS.has(key) ? raw.toUpperCase() : raw}`);
  }
  return out.join(';');
}

/** Reads an RRULE value (with or without the `RRULE:` prefix). */
export function parseRecurrenceRule(input: string): ParsedRule {
  const value = input.trim().replace(/^(?:RRULE:)+/i, '');
  if (!value) return { error: 'empty RRULE' };
  const split = splitParts(value);
  if ('error' in split) return split;
  const { values: parts, warnings } = split;
  const dropped = new Set<string>();
  const freq = parts.get('FREQ')?.toUpperCase();
  if (!freq) return { error: 'RRULE has no FREQ' };
  if (!(FREQUENCIES as readonly string[]).includes(freq)) return { error: `RRULE FREQ=${freq} is not a frequency` };
  const rule: RecurrenceRule = { freq: freq as Frequency, interval: 1, wkst: 0 };
  let badCount: string | undefined;
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
        if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) badCount = raw;
        else rule.count = Number(raw);
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
        const days = readByDay(raw);
        if (typeof days === 'string') return { error: days };
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
        const list = intList(raw.split(','), spec.min, spec.max, spec.negative);
        if (!list) return { error: `RRULE ${key}=${raw} is out of range` };
        rule[spec.field] = list;
      }
    }
  }
  if (badCount !== undefined) {
    // Apple Calendar and Confluence write COUNT=0 or COUNT=-1 for "no count" beside the UNTIL
    // that ends the series; without an UNTIL nobody can tell what was meant.
    if (rule.until === undefined) return { error: `RRULE COUNT=${badCount} is not a positive integer` };
    warnings.push(`RRULE COUNT=${badCount} is not a positive integer; it was left out and the series ends at its UNTIL`);
    dropped.add('COUNT');
  }
  const invalid = checkCombination(rule);
  if (invalid) return { error: invalid };
  return { rule, text: ruleText(parts, dropped), warnings };
}

/** BYDAY's list, or why it could not be read. */
function readByDay(raw: string): ByDay[] | string {
  const days: ByDay[] = [];
  for (const part of raw.split(',')) {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(part.trim());
    if (!m) return `RRULE BYDAY value "${part}" is not a weekday`;
    const weekday = (WEEKDAYS as readonly string[]).indexOf(m[2]!.toUpperCase());
    if (m[1] !== undefined) {
      const n = Number(m[1]);
      if (n === 0 || Math.abs(n) > 53) return `RRULE BYDAY ordinal ${m[1]} is out of range`;
      days.push({ weekday, n });
    } else {
      days.push({ weekday });
    }
  }
  return days;
}

/** Parts RFC 5545 forbids together, or undefined. */
function checkCombination(rule: RecurrenceRule): string | undefined {
  if (rule.count !== undefined && rule.until !== undefined) return 'RRULE has both COUNT and UNTIL';
  if (rule.byday?.some((d) => d.n !== undefined) && rule.freq !== 'MONTHLY' && rule.freq !== 'YEARLY') {
    return `RRULE BYDAY with an ordinal needs FREQ=MONTHLY or YEARLY, not ${rule.freq}`;
  }
  if (rule.byweekno && rule.freq !== 'YEARLY') return 'RRULE BYWEEKNO needs FREQ=YEARLY';
  if (rule.byyearday && ['DAILY', 'WEEKLY', 'MONTHLY'].includes(rule.freq)) {
    return `RRULE BYYEARDAY is not allowed with FREQ=${rule.freq}`;
  }
  if (rule.bymonthday && rule.freq === 'WEEKLY') return 'RRULE BYMONTHDAY is not allowed with FREQ=WEEKLY';
  return undefined;
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
