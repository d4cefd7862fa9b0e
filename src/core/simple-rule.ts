/**
 * Most feeds repeat weekly or daily ("every Sunday", "Tuesdays and Thursdays"). Those rules
 * are stepped through here with plain arithmetic; everything else goes to rrule.js. A
 * property test checks both paths give the same dates (test/core/simple-rule.test.ts).
 */
import type { RecurrenceRule } from './rrule-value.js';
import { DAY } from './time.js';

/** True when `iterateSimpleRule` can handle the rule. */
export function isSimpleRule(rule: RecurrenceRule): boolean {
  return (
    (rule.freq === 'WEEKLY' || rule.freq === 'DAILY') &&
    !rule.bysecond &&
    !rule.byminute &&
    !rule.byhour &&
    !rule.bymonthday &&
    !rule.byyearday &&
    !rule.byweekno &&
    !rule.bymonth &&
    !rule.bysetpos &&
    !(rule.byday ?? []).some((d) => d.n !== undefined)
  );
}

/** Weekday of a day number, Monday = 0 (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Calls `visit` with each date (floating ms) of the rule from `dtstart` on, in order, until
 * `until` (inclusive) or until `visit` returns false. COUNT is the caller's business.
 */
export function iterateSimpleRule(rule: RecurrenceRule, dtstart: number, until: number, visit: (f: number) => boolean): void {
  const startDay = Math.floor(dtstart / DAY);
  const time = dtstart - startDay * DAY;
  const days = rule.byday?.length ? new Set(rule.byday.map((d) => d.weekday)) : undefined;
  if (rule.freq === 'DAILY') {
    for (let day = startDay; ; day += rule.interval) {
      const f = day * DAY + time;
      if (f > until) return;
      if (days && !days.has(weekday(day))) continue;
      if (!visit(f)) return;
    }
  }
  // WEEKLY: the weeks start on WKST; within a week the days come in calendar order.
  const offsets = [...(days ?? new Set([weekday(startDay)]))].map((wd) => (wd - rule.wkst + 7) % 7).sort((a, b) => a - b);
  const firstWeek = startDay - ((weekday(startDay) - rule.wkst + 7) % 7);
  for (let week = firstWeek; ; week += 7 * rule.interval) {
    for (const offset of offsets) {
      const f = (week + offset) * DAY + time;
      if (f < dtstart) continue;
      if (f > until) return;
      if (!visit(f)) return;
    }
  }
}
