/**
 * Series: what reading and expanding an RRULE needs beyond single dates (the rule reader,
 * our iterators, the budgets that bound them). The elements load it only when a feed has a
 * series (`loadSeries` in lazy.ts, `parseFeed` in store.ts): in the script-tag bundle
 * it is a chunk of its own, so a page whose feed has no series never downloads it.
 *
 * The entry points with series support built in are here too, for everyone else (npm users,
 * the server): `parseJsonFeed`, `expandOccurrences`, `expandOccurrencesReport`.
 */
import { readJsonFeed, type JsonFeedOptions } from './feed/json.js';
import { untilReading } from './lenient.js';
import type { CalendarEvent, FeedError, FeedResult, Occurrence } from './model.js';
import { expandWith, type ExpandOptions, type ExpandReport, type SeriesSupport, type Span } from './recurrence.js';
import { iterateRule } from './rrule-iterate.js';
import { parseRecurrenceRule, type RecurrenceRule } from './rrule-value.js';
import { isSimpleRule, iterateSimpleRule } from './simple-rule.js';
import { DAY, HOUR, instantToFloat, MINUTE, wallToFloat } from './time.js';

/** Sub-daily rules with COUNT cannot be fast-forwarded; past this many periods they are refused. */
const MAX_SKIPPED_PERIODS = 200_000;
/** Dates one rule may step through in all (before and in the window). */
const MAX_WORK = 200_000;
/** Periods the general iterator (rrule-iterate.ts) may step through for one rule, matching or not. */
const MAX_PERIODS = 50_000;

const PERIOD_MS: Partial<Record<RecurrenceRule['freq'], number>> = {
  SECONDLY: 1000,
  MINUTELY: MINUTE,
  HOURLY: HOUR,
  DAILY: DAY,
  WEEKLY: 7 * DAY,
};

export const SERIES: SeriesSupport = { parseRecurrenceRule, untilReading, expandRule };

/** Reads a JSON feed: the parsed value or its text. Never throws. */
export function parseJsonFeed(input: unknown, options: JsonFeedOptions = {}): FeedResult {
  return readJsonFeed(input, options, SERIES);
}

/** Every occurrence overlapping [start, end), sorted by start. Never throws on bad events. */
export function expandOccurrences(events: readonly CalendarEvent[], options: ExpandOptions): Occurrence[] {
  return expandWith(events, options, SERIES).occurrences;
}

/** Like expandOccurrences, and also says which events could not be expanded and why. */
export function expandOccurrencesReport(events: readonly CalendarEvent[], options: ExpandOptions): ExpandReport {
  return expandWith(events, options, SERIES);
}

function expandRule(
  master: CalendarEvent,
  dtstart: number,
  allDay: boolean,
  zone: string,
  bounds: { lo: number; inWindow: number; hi: number },
  budget: number,
  dates: Map<number, Span>,
  span: Span,
  errors: FeedError[],
): void {
  const { lo, inWindow, hi } = bounds;
  const parsed = parseRecurrenceRule(master.rrule!);
  if (!parsed.rule) {
    errors.push({ severity: 'error', eventId: master.id, message: `${parsed.error}; only its first date is shown` });
    return;
  }
  const rule = parsed.rule;
  let untilFloat: number | undefined;
  if (rule.until) {
    const u = rule.until;
    if (u.kind === 'instant')
      untilFloat = allDay ? Math.floor(instantToFloat(u.ms, zone) / DAY) * DAY : instantToFloat(u.ms, zone);
    else if (u.kind === 'date' && !allDay)
      untilFloat = wallToFloat(u.wall) + DAY - 1000; // the whole day counts
    else untilFloat = wallToFloat(u.wall);
  }
  if (untilFloat !== undefined && untilFloat < lo) return;
  const period = PERIOD_MS[rule.freq];
  let first = dtstart;
  if (period) {
    const step = period * rule.interval;
    const skip = Math.floor((lo - dtstart) / step) - 1;
    if (skip > 0 && rule.count === undefined) {
      // Whole periods keep the rule's alignment (and its defaults taken from DTSTART).
      first = dtstart + skip * step;
    } else if (skip > MAX_SKIPPED_PERIODS && period < DAY) {
      errors.push({
        severity: 'warning',
        eventId: master.id,
        message: `RRULE ${master.rrule} counts ${skip} periods before the shown dates; it was not expanded`,
      });
      return;
    }
  }
  const until = Math.min(untilFloat ?? Infinity, hi);
  // RFC 5545: DTSTART is always the first date and counts toward COUNT, even when the rule
  // itself would not produce it (rrule.js leaves such a DTSTART out).
  let remaining = rule.count ?? Infinity;
  let produced = 0;
  let shown = 0;
  let stopped: string | undefined;
  const reportStop = (): void => {
    if (stopped) errors.push({ severity: 'warning', eventId: master.id, message: stopped });
  };
  const visit = (f: number): boolean => {
    if (++produced > MAX_WORK) {
      stopped = `RRULE ${master.rrule} needs more than ${MAX_WORK} steps; expansion stopped there`;
      return false;
    }
    if (rule.count !== undefined) {
      if (produced === 1 && f !== dtstart) remaining--; // DTSTART took the first count
      if (remaining-- <= 0) return false;
    }
    if (f >= inWindow && ++shown > budget) {
      stopped = `RRULE ${master.rrule} produced more than ${budget} dates; expansion stopped there`;
      return false;
    }
    // An all-day series has no time of day: an hourly rule or BYHOUR collapses to its days.
    const at = allDay ? Math.floor(f / DAY) * DAY : f;
    if (at >= lo && !dates.has(at)) dates.set(at, span);
    return true;
  };
  if (allDay && (rule.byhour || rule.byminute || rule.bysecond || PERIOD_MS[rule.freq]! < DAY)) {
    errors.push({
      severity: 'warning',
      eventId: master.id,
      message: `RRULE ${master.rrule} has times of day, but the event is all-day (RFC 5545 forbids this); each day is shown once`,
    });
  }
  if (isSimpleRule(rule)) {
    iterateSimpleRule(rule, first, until, visit);
  } else if (iterateRule(rule, dtstart, first, until, visit, MAX_PERIODS) === 'capped') {
    stopped ??= `RRULE ${master.rrule} steps through more than ${MAX_PERIODS} periods; expansion stopped there`;
  }
  reportStop();
}
