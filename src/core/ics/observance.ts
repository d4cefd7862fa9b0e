/**
 * Time zone observances almost always say "the last (or nth) Sunday of a month"
 * (`FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`), sometimes narrowed by BYMONTHDAY
 * (`BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR`). Those are computed here directly, without
 * stepping through the general iterator (rrule-iterate.ts) year by year.
 */
import type { RecurrenceRule } from '../rrule-value.js';
import { dayOfCivil, daysInMonth, wallToFloat, weekdayOfDay, type Wall } from '../time.js';

export function isYearlyTransitionRule(rule: RecurrenceRule): boolean {
  return (
    rule.freq === 'YEARLY' &&
    rule.interval === 1 &&
    rule.bymonth?.length === 1 &&
    rule.byday?.length === 1 &&
    !rule.byhour &&
    !rule.byminute &&
    !rule.bysecond &&
    !rule.byyearday &&
    !rule.byweekno &&
    !rule.bysetpos
  );
}

/** The onset (floating ms) in `year`, at the observance's wall time, or undefined. */
export function yearlyTransition(rule: RecurrenceRule, start: Wall, year: number): number | undefined {
  if (!isYearlyTransitionRule(rule)) return undefined;
  const month = rule.bymonth![0]!;
  const { weekday, n } = rule.byday![0]!;
  const length = daysInMonth(year, month);
  const matches: number[] = [];
  for (let d = 1; d <= length; d++) {
    const wd = weekdayOfDay(dayOfCivil(year, month, d));
    if (wd !== weekday) continue;
    if (rule.bymonthday && !rule.bymonthday.some((md) => (md > 0 ? md === d : length + md + 1 === d))) continue;
    matches.push(d);
  }
  const day = n === undefined ? matches[0] : n > 0 ? matches[n - 1] : matches[matches.length + n];
  if (day === undefined) return undefined;
  return wallToFloat({ y: year, mo: month, d: day, h: start.h, mi: start.mi, s: start.s });
}
