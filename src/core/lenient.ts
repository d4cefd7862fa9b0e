/**
 * Values that break RFC 5545 in small ways whose intent is still clear, read as meant. Shared
 * by the iCalendar and the JSON reader, which report each reading as a warning. Each case is
 * listed, with the bug report that showed it in real feeds, in docs/feed-format.md ("What
 * real-world feeds get away with").
 */
import type { RecurrenceRule } from './rrule-value.js';
import {
  addDays,
  floatToWall,
  formatDate,
  formatDuration,
  formatUtc,
  formatWall,
  parseDuration,
  type Duration,
  type Wall,
  type When,
} from './time.js';

/** A When as written in a message: `2026-12-24`, `2026-12-24T19:00:00`, `…Z`. */
export function shownWhen(when: When): string {
  if (when.kind === 'date') return formatDate(when.wall);
  if (when.kind === 'local') return formatWall(when.wall);
  return formatUtc(when.ms);
}

function dateOf(when: When): Wall {
  const wall = when.kind === 'instant' ? floatToWall(when.ms) : when.wall;
  return { y: wall.y, mo: wall.mo, d: wall.d, h: 0, mi: 0, s: 0 };
}

function isMidnight(when: When): boolean {
  const wall = when.kind === 'instant' ? floatToWall(when.ms) : when.wall;
  return wall.h === 0 && wall.mi === 0 && wall.s === 0;
}

/**
 * An end of the other kind than its start (a date beside a date-time), as an end of the
 * start's kind. An all-day event that ends at a time ends after the day that time falls on,
 * or at that day when the time is midnight (`20261226T000000` and `20261225T235959` both end
 * an event on the 25th); a timed event that ends on a date ends when that day begins. Either
 * way the event lasts at least until the day after its start begins. The wall clock is read
 * as written (UTC for a `Z` time): the end is a day, not an instant.
 */
export function endOfOtherKind(start: When, end: When): When {
  const startDay = dateOf(start);
  const minimum = addDays(startDay, 1);
  let day = end.kind === 'date' || isMidnight(end) ? dateOf(end) : addDays(dateOf(end), 1);
  if (formatDate(day) <= formatDate(startDay)) day = minimum;
  return start.kind === 'date' ? { kind: 'date', wall: day } : { kind: 'local', wall: day };
}

/** The words for endOfOtherKind's reading, to follow "DTEND … has/is …; ". */
export function endOfOtherKindReading(start: When, end: When): string {
  return start.kind === 'date'
    ? `read as an all-day end: the event lasts until ${shownWhen(end)} begins`
    : `read as the start of that day, ${shownWhen(end)}`;
}

/**
 * A DURATION or `duration`, also when it ends in a `T` with no time after it (`P1DT`, seen
 * in E-DIARY exports): the `T` says nothing, the days are clear.
 */
export function readDuration(raw: string): { duration: Duration; reading?: string } | undefined {
  const duration = parseDuration(raw);
  if (duration) return { duration };
  const trimmed = raw.trim();
  if (!/\d[WD]T$/i.test(trimmed)) return undefined;
  const days = parseDuration(trimmed.slice(0, -1));
  if (!days) return undefined;
  return { duration: days, reading: `ends in a "T" with no time after it; read as ${formatDuration(days)}` };
}

/**
 * What an UNTIL of the wrong kind for its start (RFC 5545 3.3.10) is read as, for a warning;
 * undefined when it has the right kind. `zoned`: the start has a zone (TZID, UTC, or the
 * zone a JSON feed gives its local times). The readings are those of expandOccurrences.
 */
export function untilReading(rule: RecurrenceRule, start: When, zoned: boolean): string | undefined {
  const until = rule.until;
  if (!until) return undefined;
  const written = shownWhen(until);
  if (start.kind === 'date') {
    if (until.kind === 'date') return undefined;
    return until.kind === 'instant'
      ? `RRULE UNTIL=${written} has a time but the event is all-day; the series ends on the day that instant falls on in the display zone`
      : `RRULE UNTIL=${written} has a time but the event is all-day; the series ends on ${formatDate(until.wall)}`;
  }
  if (until.kind === 'date') {
    return `RRULE UNTIL=${written} is a date but the start has a time of day; the series runs to the end of that day`;
  }
  if (until.kind === 'local' && zoned) {
    return `RRULE UNTIL=${written} has no "Z" (UTC) although the start has a time zone; it was read as a wall-clock time in the event's zone`;
  }
  return undefined;
}
