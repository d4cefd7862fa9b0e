/**
 * Which events of a merged feed can have a date in a window, without expanding all of them: a
 * 20,000-event region shows a month from a few hundred single events plus its series. Built
 * once per merged feed (in the render worker, beside it) and read by every window view.
 *
 * Single events (no RRULE/RDATE, no override) are sorted by start instant; a window takes those
 * starting before its end and ending after its start, with a day of margin on both sides for
 * floating times and other zones. Series and their overrides are always candidates. The core's
 * expansion then decides exactly, so the answer is the same as expanding everything.
 */
import type { CalendarEvent } from '../core/index.js';
import { DAY, parseDuration, parseIso, wallToInstant, whenToInstant } from '../core/time.js';
import { parseDateOnly } from '../core/calendar-dates.js';

interface Single {
  index: number;
  start: number;
}

export interface WindowIndex {
  /** Indexes of events that are always expanded (series, overrides, unreadable dates). */
  always: number[];
  /** Single events by start instant. */
  singles: Single[];
  /** The longest single event, in ms: how far before the window a match may start. */
  longest: number;
}

/** Start and end instants of a single event, or undefined when they cannot be read. */
function span(event: CalendarEvent, zone: string): [number, number] | undefined {
  const start = parseIso(event.start);
  if (!start) return undefined;
  const eventZone = event.timeZone ?? zone;
  const from = whenToInstant(start, eventZone);
  if (event.end) {
    const end = parseIso(event.end);
    return end ? [from, Math.max(from, whenToInstant(end, eventZone))] : undefined;
  }
  if (event.duration) {
    const d = parseDuration(event.duration);
    // Nominal days may be 25 hours across a DST change: an hour of margin per day is plenty.
    return d ? [from, from + Math.max(0, d.days) * (DAY + 3_600_000) + Math.max(0, d.ms)] : undefined;
  }
  return [from, from + (start.kind === 'date' ? DAY : 0)];
}

export function buildWindowIndex(events: readonly CalendarEvent[], zone: string): WindowIndex {
  const series = new Set(events.filter((e) => e.rrule || e.rdates?.length || e.recurrenceId).map((e) => e.id));
  const always: number[] = [];
  const singles: Single[] = [];
  let longest = 0;
  events.forEach((event, index) => {
    const bounds = series.has(event.id) ? undefined : span(event, zone);
    if (!bounds) {
      always.push(index);
      return;
    }
    singles.push({ index, start: bounds[0] });
    longest = Math.max(longest, bounds[1] - bounds[0]);
  });
  singles.sort((a, b) => a.start - b.start);
  return { always, singles, longest };
}

/** First position in `singles` whose start is at or after `instant`. */
function lowerBound(singles: readonly Single[], instant: number): number {
  let lo = 0;
  let hi = singles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (singles[mid]!.start < instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The events that may have a date from `start` to the day before `end` (`YYYY-MM-DD`, end
 * exclusive) in `zone`, in the feed's order.
 */
export function windowCandidates<T extends CalendarEvent>(
  events: readonly T[],
  index: WindowIndex,
  start: string,
  end: string,
  zone: string,
): T[] {
  const from = wallToInstant(parseDateOnly(start), zone) - DAY;
  const to = wallToInstant(parseDateOnly(end), zone) + DAY;
  const keep = new Uint8Array(events.length);
  for (const i of index.always) keep[i] = 1;
  const first = lowerBound(index.singles, from - index.longest);
  const last = lowerBound(index.singles, to);
  for (let k = first; k < last; k++) keep[index.singles[k]!.index] = 1;
  return events.filter((_, i) => keep[i] === 1);
}
