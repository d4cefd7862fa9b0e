/**
 * A series as its master writes it, for series-edit.ts: its zone, the form of its times (wall
 * clock in a zone, UTC, floating, or dates), its first start and the length of a date; values
 * read into floating ms in its zone and written back in the master's form; its original dates;
 * and the RRULE text a split writes (parts dropped and added, UNTIL just before a date).
 */
import type { CalendarEvent } from './model.js';
import { expandOccurrences } from './series.js';
import {
  canonicalZone,
  DAY,
  floatToInstant,
  formatFloat,
  formatInstant,
  formatUtc,
  instantToFloat,
  parseDuration,
  parseIso,
  whenToFloat,
  whenToInstant,
} from './time.js';

export interface Series {
  master: CalendarEvent;
  overrides: CalendarEvent[];
  zone: string;
  allDay: boolean;
  /** How the master writes times: wall clock in a zone, UTC instants, floating. */
  form: 'zoned' | 'utc' | 'floating' | 'date';
  /** DTSTART as floating ms in the zone. */
  start: number;
  /** Length of a date: days (all-day, or nominal) plus exact ms. */
  length: { days: number; ms: number; asDuration: boolean };
}

/** The series of the entries: the master (the entry without RECURRENCE-ID) and its overrides. */
export function seriesOf(entries: readonly CalendarEvent[]): Series | undefined {
  const master = entries.find((e) => !e.recurrenceId);
  const when = master ? parseIso(master.start) : undefined;
  if (!master || !when) return undefined;
  const zone = (master.timeZone && canonicalZone(master.timeZone)) || 'UTC';
  const form = master.allDay ? 'date' : when.kind === 'instant' ? 'utc' : master.timeZone ? 'zoned' : 'floating';
  const start = whenToFloat(when, zone);
  const length = { days: 0, ms: 0, asDuration: false };
  const end = master.end ? parseIso(master.end) : undefined;
  if (end) {
    if (master.allDay) length.days = Math.max(1, Math.round((whenToFloat(end, zone) - start) / DAY));
    else length.ms = Math.max(0, whenToInstant(end, zone) - whenToInstant(when, zone));
  } else if (master.duration) {
    const d = parseDuration(master.duration);
    if (d) Object.assign(length, { days: d.days, ms: d.ms, asDuration: true });
  } else if (master.allDay) length.days = 1;
  return {
    master,
    overrides: entries.filter((e) => e.recurrenceId && e.id === master.id),
    zone,
    allDay: master.allDay,
    form,
    start,
    length,
  };
}

/** Floating ms of a value in the series' zone (a date: its midnight). */
export function floatOf(s: Series, value: string | undefined): number | undefined {
  const when = value ? parseIso(value) : undefined;
  if (!when) return undefined;
  if (s.allDay && when.kind !== 'date') return undefined;
  if (!s.allDay && when.kind === 'date') return undefined;
  return whenToFloat(when, s.zone);
}

/** A floating time written in the master's form. */
export function write(s: Series, f: number): string {
  if (s.form === 'date') return formatFloat(f, true);
  if (s.form === 'utc') return formatUtc(floatToInstant(f, s.zone));
  return formatFloat(f);
}

/** The end of a date starting at `f`, written like the start (exact length across DST). */
export function endOf(s: Series, f: number): string {
  if (s.allDay) return formatFloat(f + s.length.days * DAY, true);
  const base = s.length.days ? floatToInstant(f + s.length.days * DAY, s.zone) : floatToInstant(f, s.zone);
  return write(s, instantToFloat(base + s.length.ms, s.zone));
}

/** The original dates of the series (floating ms) in [from, to), without overrides applied. */
export function datesOf(master: CalendarEvent, zone: string, from: number, to: number, withExdates = true): number[] {
  const event: CalendarEvent = { ...master, end: undefined, duration: undefined };
  if (!withExdates) delete event.exdates;
  const window = master.allDay
    ? { start: formatFloat(from, true), end: formatFloat(to + DAY - 1, true), zone }
    : { start: formatInstant(floatToInstant(from, zone), zone), end: formatInstant(floatToInstant(to, zone), zone), zone };
  const out: number[] = [];
  for (const o of expandOccurrences([event], window)) {
    const f = whenToFloat(parseIso(o.recurrenceId)!, zone);
    if (f >= from && f < to) out.push(f);
  }
  return out;
}

/** Whether `f` (floating ms) is one of the series' original dates. */
export function isDateOf(master: CalendarEvent, zone: string, f: number): boolean {
  return datesOf(master, zone, f, f + (master.allDay ? DAY : 1000)).includes(f);
}

/** RRULE text without the named parts, then with the given ones. */
export function ruleWith(rule: string, drop: readonly string[], add: Record<string, string>): string {
  const parts = rule
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((p) => p && !drop.includes(p.split('=')[0]!.toUpperCase()));
  for (const [k, v] of Object.entries(add)) parts.push(`${k}=${v}`);
  // FREQ first, as most writers do.
  parts.sort((a, b) => Number(!a.startsWith('FREQ=')) - Number(!b.startsWith('FREQ=')));
  return parts.join(';');
}

/** UNTIL for "ends before `f`": RFC 5545 wants UTC for zoned times, a date for dates. */
export function untilBefore(s: Series, f: number): string {
  const compact = (text: string): string => text.replace(/[-:]/g, '');
  if (s.form === 'date') return compact(formatFloat(f - DAY, true));
  if (s.form === 'floating') return compact(formatFloat(f - 1000));
  return compact(formatUtc(floatToInstant(f, s.zone) - 1000));
}

/** A date value (or a PERIOD's start and end) moved by `delta`, in the master's form; one it cannot read stays. */
export function shiftValue(s: Series, value: string, delta: number): string {
  const [first = '', second] = value.split('/');
  const f = floatOf(s, first);
  if (f === undefined) return value;
  if (second === undefined) return write(s, f + delta);
  const g = floatOf(s, second);
  return `${write(s, f + delta)}/${g === undefined ? second : write(s, g + delta)}`;
}

/** Whether the rule pins days (so moving the dates to other days needs a new rule). */
export function pinsDays(rule: string | undefined): boolean {
  return !!rule && /(^|;)(BYDAY|BYMONTHDAY|BYYEARDAY|BYWEEKNO|BYMONTH|BYSETPOS)=/i.test(rule);
}
