/**
 * Expansion of events into occurrences inside a window.
 *
 * Recurrences expand in the event's own zone in wall-clock time (our own iterator, in floating
 * time, never sees a zone), then each wall time is placed in that zone by RFC 5545 section
 * 3.3.5 and written in the display zone. Work is bounded by the window (rules are
 * fast-forwarded and cut at the window's end) and by a budget of dates per event.
 *
 * Single dates are placed here; what a series needs beyond them (the RRULE reader, our
 * iterators) is series.ts, passed in as `SeriesSupport`. The elements load it only when a
 * feed has a series (`loadSeries` in lazy.ts); series.ts also holds the entry points with
 * it built in (`expandOccurrences`, `expandOccurrencesReport`, `parseJsonFeed`).
 */
import type { CalendarEvent, FeedError, Occurrence } from './model.js';
import { Collector, eventZone, inherit, occurrenceOf, sortKey, toOccurrence, type Placed, type Window } from './occurrences.js';
import type { ParsedRule, RecurrenceRule } from './rrule-value.js';
import {
  canonicalZone,
  DAY,
  floatToInstant,
  formatFloat,
  floatToWall,
  formatDate,
  HOUR,
  instantToFloat,
  parseDuration,
  parseIso,
  wallToFloat,
  whenToFloat,
  whenToInstant,
  type Duration,
  type When,
} from './time.js';

export interface ExpandOptions {
  /** Window start: an ISO date (local midnight in `zone`) or an ISO date-time with offset. */
  start: string;
  /** Window end (exclusive), same forms. */
  end: string;
  /** Display zone (IANA); floating times are read in it. Default Europe/Berlin. */
  zone?: string;
  /** Most dates one event may produce before expansion stops and reports. Default 20,000. */
  budget?: number;
}

export interface ExpandReport {
  occurrences: Occurrence[];
  errors: FeedError[];
}

export const DEFAULT_ZONE = 'Europe/Berlin';
const DEFAULT_BUDGET = 20_000;

/** What reading and expanding series needs (series.ts; the elements load it lazily). */
export interface SeriesSupport {
  parseRecurrenceRule(input: string): ParsedRule;
  /** How a rule's UNTIL of another kind than the start was read (lenient.ts), if it was. */
  untilReading(rule: RecurrenceRule, start: When, zoned: boolean): string | undefined;
  /** Adds the dates of `master`'s RRULE between the bounds to `dates` (floating ms). */
  expandRule(
    master: CalendarEvent,
    dtstart: number,
    allDay: boolean,
    zone: string,
    bounds: { lo: number; inWindow: number; hi: number },
    budget: number,
    dates: Map<number, Span>,
    span: Span,
    errors: FeedError[],
  ): void;
}

/** Whether expanding `events` needs series support (an RRULE; RDATEs are read here). */
export function needsSeries(events: readonly CalendarEvent[]): boolean {
  return events.some((e) => e.rrule);
}

/**
 * Every occurrence overlapping [start, end), sorted by start, and which events could not be
 * expanded and why; RRULEs with `series` (an event with an RRULE and no `series` shows its
 * first date and an error). Never throws on bad events.
 */
export function expandWith(
  events: readonly CalendarEvent[],
  options: ExpandOptions,
  series: SeriesSupport | undefined,
): ExpandReport {
  const errors: FeedError[] = [];
  const display = canonicalZone(options.zone ?? DEFAULT_ZONE) ?? DEFAULT_ZONE;
  if (options.zone && display !== canonicalZone(options.zone)) {
    errors.push({ severity: 'warning', message: `unknown time zone "${options.zone}"; ${DEFAULT_ZONE} is used` });
  }
  const ws = parseIso(options.start);
  const we = parseIso(options.end);
  if (!ws || !we) {
    errors.push({ severity: 'error', message: `the window ${options.start} – ${options.end} is not two ISO dates` });
    return { occurrences: [], errors };
  }
  const startMs = whenToInstant(ws, display);
  const endMs = whenToInstant(we, display);
  const window: Window = {
    display,
    startMs,
    endMs,
    startDay: Math.floor(instantToFloat(startMs, display) / DAY),
    endDay: Math.ceil(instantToFloat(endMs, display) / DAY),
    beyond: '',
  };
  window.beyond = formatDate(floatToWall((window.endDay + 2) * DAY));
  const budget = options.budget ?? DEFAULT_BUDGET;

  // A UID is unique (RFC 5545); of two entries with the same id and start, the higher
  // SEQUENCE (then the later one) stands, so every occurrence keeps a unique key.
  const byIdAndStart = new Map<string, CalendarEvent>();
  const overrides = new Map<string, CalendarEvent[]>();
  for (const event of events) {
    if (event.recurrenceId) {
      const list = overrides.get(event.id);
      if (list) list.push(event);
      else overrides.set(event.id, [event]);
      continue;
    }
    const key = `${event.id}\u0000${event.start}`;
    const earlier = byIdAndStart.get(key);
    if (earlier) {
      errors.push({
        severity: 'warning',
        eventId: event.id,
        message: `two events share the id "${event.id}" and start ${event.start}; one is shown`,
      });
      if ((earlier.sequence ?? 0) > (event.sequence ?? 0)) continue;
      byIdAndStart.delete(key);
    }
    byIdAndStart.set(key, event);
  }
  const masters = [...byIdAndStart.values()];
  const out = new Collector();
  const masterIds = new Set<string>();
  for (const master of masters) {
    masterIds.add(master.id);
    if (isPast(master, window.beyond)) continue;
    try {
      expandMaster(master, overrides.get(master.id) ?? [], window, budget, out, errors, series);
    } catch (error) {
      errors.push({ severity: 'error', eventId: master.id, message: `could not be expanded: ${String(error)}` });
    }
  }
  // Overrides whose series is not in the feed still are real dates: show them.
  for (const [id, list] of overrides) {
    if (masterIds.has(id)) continue;
    for (const override of latestOverrides(list)) {
      const placed = place(override, window, undefined);
      if (!placed || !overlaps(placed, window)) continue;
      // Keyed by the date it replaces, as its series would key it: a deep link to a moved
      // date stays the same whether or not the series came along.
      const original = originalOf(override, placed, window);
      out.push(toOccurrence(override, placed, original ?? placed, window, true), sortKey(placed, window));
    }
  }
  return { occurrences: out.sorted(), errors };
}

function overlaps(p: Placed, w: Window): boolean {
  if (p.allDay) {
    const s = Math.floor(p.start / DAY);
    const e = Math.max(s + 1, Math.floor(p.end / DAY));
    return s < w.endDay && e > w.startDay;
  }
  if (p.end === p.start) return p.start >= w.startMs && p.start < w.endMs;
  return p.start < w.endMs && p.end > w.startMs;
}

export interface Span {
  /** Nominal days (wall clock) plus exact milliseconds. */
  duration: Duration;
}

function spanOf(event: CalendarEvent, start: When, zone: string): Span {
  if (event.allDay) {
    const end = event.end ? parseIso(event.end) : undefined;
    if (end) {
      const days = Math.round((whenToFloat(end, zone) - whenToFloat(start, zone)) / DAY);
      if (days > 0) return { duration: { days, ms: 0 } };
    }
    const d = event.duration ? parseDuration(event.duration) : undefined;
    if (d && d.days > 0) return { duration: { days: d.days, ms: 0 } };
    return { duration: { days: 1, ms: 0 } };
  }
  const end = event.end ? parseIso(event.end) : undefined;
  if (end) {
    // RFC 5545 section 3.8.5.3: a DTEND-based duration is exact for every date of the series.
    const ms = whenToInstant(end, zone) - whenToInstant(start, zone);
    if (ms >= 0) return { duration: { days: 0, ms } };
  }
  const d = event.duration ? parseDuration(event.duration) : undefined;
  if (d && d.days >= 0 && d.ms >= 0) return { duration: d };
  return { duration: { days: 0, ms: 0 } };
}

/** A single event starting on or after `beyond` (extended ISO form only: `YYYY-MM-DD...`). */
function isPast(event: CalendarEvent, beyond: string): boolean {
  return (
    event.start.charCodeAt(4) === 45 && event.start >= beyond && !event.rrule && !event.rdates?.length && !event.recurrenceId
  );
}

/**
 * Where the date an orphan override replaces was (its RECURRENCE-ID), with the override's
 * own length; undefined when that is the override's own start or cannot be read.
 */
function originalOf(override: CalendarEvent, placed: Placed, w: Window): Placed | undefined {
  const rid = parseIso(override.recurrenceId ?? '');
  if (!rid) return undefined;
  const zone = eventZone(override, w);
  const allDay = placed.allDay;
  const f = allDay && rid.kind !== 'instant' ? wallToFloat(rid.wall) : whenToFloat(rid, zone);
  const original = placeFloat(f, allDay, zone, { duration: { days: 0, ms: 0 } });
  return original.start === placed.start ? undefined : original;
}

/** Places a date given as floating ms (wall time in `zone`). */
function placeFloat(f: number, allDay: boolean, zone: string, span: Span): Placed {
  if (allDay) return { allDay, start: f, end: f + span.duration.days * DAY };
  const start = floatToInstant(f, zone);
  const endBase = span.duration.days ? floatToInstant(f + span.duration.days * DAY, zone) : start;
  return { allDay, start, end: endBase + span.duration.ms };
}

/** Places a single (non-recurring) event or an override; undefined when its start is bad. */
function place(event: CalendarEvent, w: Window, fallbackSpan: Span | undefined): Placed | undefined {
  const start = parseIso(event.start);
  if (!start) return undefined;
  const zone = eventZone(event, w);
  const span = !event.end && !event.duration && fallbackSpan ? fallbackSpan : spanOf(event, start, zone);
  return placeFloat(whenToFloat(start, zone), event.allDay, zone, span);
}

function expandMaster(
  master: CalendarEvent,
  overrides: CalendarEvent[],
  w: Window,
  budget: number,
  out: Collector,
  errors: FeedError[],
  series: SeriesSupport | undefined,
): void {
  const start = parseIso(master.start);
  if (!start) {
    errors.push({ severity: 'error', eventId: master.id, message: `start "${master.start}" is not an ISO date` });
    return;
  }
  const allDay = master.allDay;
  const zone = allDay ? w.display : eventZone(master, w);
  const dtstart = allDay ? wallToFloat(start.kind === 'instant' ? floatToWall(start.ms) : start.wall) : whenToFloat(start, zone);
  const recurring = Boolean(master.rrule || master.rdates?.length);
  // A single date that starts after the window (widened by the largest DST jump) cannot
  // overlap it: most of a year-long feed, skipped before its end is read.
  if (!recurring && dtstart >= (allDay ? w.endDay * DAY : instantToFloat(w.endMs, zone) + 3 * HOUR)) return;
  const span = spanOf(master, start, zone);
  if (!recurring) {
    const placed = placeFloat(dtstart, allDay, zone, span);
    if (overlaps(placed, w)) out.push(toOccurrence(master, placed, placed, w, false), sortKey(placed, w));
    return;
  }

  // Floating bounds of the window in the event's zone, widened by the longest duration.
  // The slack covers the wall clock jumping at a DST change (at most two hours anywhere).
  const spanMs = span.duration.days * DAY + span.duration.ms;
  const inWindow = (allDay ? w.startDay * DAY : instantToFloat(w.startMs, zone)) - spanMs;
  const slack = allDay ? 0 : 3 * HOUR;
  const lo = inWindow - slack;
  const hi = allDay ? w.endDay * DAY : instantToFloat(w.endMs, zone) + slack;

  // Dates of the series as floating ms; a period RDATE may carry its own end.
  const dates = new Map<number, Span>();
  dates.set(dtstart, span);
  if (master.rrule && series) series.expandRule(master, dtstart, allDay, zone, { lo, inWindow, hi }, budget, dates, span, errors);
  else if (master.rrule)
    errors.push({
      severity: 'error',
      eventId: master.id,
      message: 'series support was not loaded; only its first date is shown',
    });
  for (const raw of master.rdates ?? []) {
    const [first = '', second] = raw.split('/');
    const when = parseIso(first);
    if (!when) continue;
    const f = allDay && when.kind !== 'instant' ? wallToFloat(when.wall) : whenToFloat(when, zone);
    let own = span;
    if (second) {
      const endWhen = parseIso(second);
      const d = endWhen ? undefined : parseDuration(second);
      if (endWhen) {
        own = allDay
          ? { duration: { days: Math.max(1, Math.round((whenToFloat(endWhen, zone) - f) / DAY)), ms: 0 } }
          : { duration: { days: 0, ms: Math.max(0, whenToInstant(endWhen, zone) - floatToInstant(f, zone)) } };
      } else if (d) {
        own = { duration: d };
      }
    }
    dates.set(f, own);
  }

  const excludedInstants = new Set<number>();
  const excludedDays = new Set<number>();
  for (const raw of master.exdates ?? []) {
    const when = parseIso(raw);
    if (!when) continue;
    if (when.kind === 'date' || allDay) excludedDays.add(Math.floor(whenToFloat(when, zone) / DAY));
    else excludedInstants.add(whenToInstant(when, zone));
  }
  const isExcluded = (f: number): boolean =>
    excludedDays.has(Math.floor(f / DAY)) || (!allDay && excludedInstants.has(floatToInstant(f, zone)));

  // Overrides by the original date they replace.
  const replaced = new Set<number>();
  const replacedDays = new Set<number>();
  for (const override of latestOverrides(overrides, zone)) {
    const rid = parseIso(override.recurrenceId!);
    if (!rid) continue;
    const f = allDay && rid.kind !== 'instant' ? wallToFloat(rid.wall) : whenToFloat(rid, zone);
    if (isExcluded(f)) continue;
    if (rid.kind === 'date' && !allDay) replacedDays.add(Math.floor(f / DAY));
    else replaced.add(allDay ? f : floatToInstant(f, zone));
    const placed = place({ ...override, timeZone: override.timeZone ?? master.timeZone }, w, span);
    if (!placed || !overlaps(placed, w)) continue;
    const original = placeFloat(f, allDay, zone, span);
    out.push(toOccurrence(inherit(master, override), placed, original, w, true), sortKey(placed, w));
  }

  let template: Occurrence | undefined;
  for (const [f, own] of dates) {
    if (f < lo || f > hi || isExcluded(f)) continue;
    const placed = placeFloat(f, allDay, zone, own);
    if (replaced.has(allDay ? f : placed.start) || replacedDays.has(Math.floor(f / DAY))) continue;
    if (!overlaps(placed, w)) continue;
    template ??= occurrenceOf(master, w, true);
    out.push(toOccurrence(master, placed, placed, w, true, template), sortKey(placed, w));
  }
}

/**
 * Of several overrides of one date, the one with the highest SEQUENCE (then the last). The
 * date is compared as an instant, so `…T100000` in Berlin and `…T090000Z` are the same one.
 */
function latestOverrides(list: CalendarEvent[], zone = 'UTC'): CalendarEvent[] {
  const byId = new Map<string, CalendarEvent>();
  for (const o of list) {
    const when = parseIso(o.recurrenceId ?? '');
    const key = !when
      ? (o.recurrenceId ?? '')
      : when.kind === 'date'
        ? `d${formatFloat(wallToFloat(when.wall), true)}`
        : String(whenToInstant(when, o.timeZone ?? zone));
    const prev = byId.get(key);
    if (!prev || (o.sequence ?? 0) >= (prev.sequence ?? 0)) byId.set(key, o);
  }
  return [...byId.values()];
}

export { compareOccurrences } from './occurrences.js';
