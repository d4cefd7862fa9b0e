/**
 * Most feeds repeat weekly, daily or monthly ("every Sunday", "Tuesdays and Thursdays",
 * "the 2nd Tuesday of the month", "on the 15th"). Those rules are stepped through here with
 * plain arithmetic; the rest go to the general iterator (rrule-iterate.ts). A property
 * test checks both paths give the same dates (test/core/simple-rule.test.ts).
 */
import type { RecurrenceRule } from './rrule-value.js';
import { DAY, dayOfCivil, daysInMonth, weekdayOfDay } from './time.js';

/** True when `iterateSimpleRule` can handle the rule. */
export function isSimpleRule(rule: RecurrenceRule): boolean {
  if (rule.bysecond || rule.byminute || rule.byhour || rule.byyearday || rule.byweekno || rule.bysetpos) return false;
  const byday = rule.byday ?? [];
  switch (rule.freq) {
    case 'DAILY':
    case 'WEEKLY':
      return !rule.bymonthday && !rule.bymonth && byday.every((d) => d.n === undefined);
    case 'MONTHLY':
      // "the nth weekday" or "day n of the month", not both (their intersection is rare).
      return !(byday.length && rule.bymonthday) && byday.every((d) => d.n !== undefined && Math.abs(d.n) <= 5);
    case 'YEARLY':
      // Anniversaries: DTSTART's month and day, every `interval` years.
      return !rule.byday && !rule.bymonthday && !rule.bymonth;
    default:
      return false;
  }
}

/**
 * Calls `visit` with each date (floating ms) of the rule from `dtstart` on, in order, until
 * `until` (inclusive) or until `visit` returns false. COUNT is the caller's business.
 */
export function iterateSimpleRule(rule: RecurrenceRule, dtstart: number, until: number, visit: (f: number) => boolean): void {
  const startDay = Math.floor(dtstart / DAY);
  const time = dtstart - startDay * DAY;
  if (rule.freq === 'DAILY') return daily(rule, startDay, time, until, visit);
  if (rule.freq === 'WEEKLY') return weekly(rule, dtstart, startDay, time, until, visit);
  const start = new Date(startDay * DAY);
  const y0 = start.getUTCFullYear();
  const m0 = start.getUTCMonth() + 1;
  const d0 = start.getUTCDate();
  const step = rule.freq === 'YEARLY' ? 12 * rule.interval : rule.interval;
  for (let index = y0 * 12 + (m0 - 1); ; index += step) {
    const y = Math.floor(index / 12);
    const mo = (index % 12) + 1;
    if (dayOfCivil(y, mo, 1) * DAY > until) return;
    if (y > 9999) return;
    if (rule.bymonth && !rule.bymonth.includes(mo)) continue;
    for (const d of daysOfMonth(rule, y, mo, d0)) {
      const f = dayOfCivil(y, mo, d) * DAY + time;
      if (f < dtstart) continue;
      if (f > until) return;
      if (!visit(f)) return;
    }
  }
}

function daily(rule: RecurrenceRule, startDay: number, time: number, until: number, visit: (f: number) => boolean): void {
  const days = rule.byday?.length ? new Set(rule.byday.map((d) => d.weekday)) : undefined;
  for (let day = startDay; ; day += rule.interval) {
    const f = day * DAY + time;
    if (f > until) return;
    if (days && !days.has(weekdayOfDay(day))) continue;
    if (!visit(f)) return;
  }
}

function weekly(
  rule: RecurrenceRule,
  dtstart: number,
  startDay: number,
  time: number,
  until: number,
  visit: (f: number) => boolean,
): void {
  // The weeks start on WKST; within a week the days come in calendar order.
  const days = rule.byday?.length ? rule.byday.map((d) => d.weekday) : [weekdayOfDay(startDay)];
  const offsets = [...new Set(days)].map((wd) => (wd - rule.wkst + 7) % 7).sort((a, b) => a - b);
  const firstWeek = startDay - ((weekdayOfDay(startDay) - rule.wkst + 7) % 7);
  for (let week = firstWeek; ; week += 7 * rule.interval) {
    for (const offset of offsets) {
      const f = (week + offset) * DAY + time;
      if (f < dtstart) continue;
      if (f > until) return;
      if (!visit(f)) return;
    }
  }
}

/** The days of one month the rule picks, ascending; days a month lacks are skipped (RFC 5545). */
function daysOfMonth(rule: RecurrenceRule, y: number, mo: number, d0: number): number[] {
  const length = daysInMonth(y, mo);
  let days: number[];
  if (rule.byday?.length) {
    const first = weekdayOfDay(dayOfCivil(y, mo, 1));
    days = rule.byday.map(({ weekday: wd, n }) => {
      const firstMatch = 1 + ((wd - first + 7) % 7);
      const count = Math.floor((length - firstMatch) / 7) + 1;
      const k = n! > 0 ? n! - 1 : count + n!;
      return k >= 0 && k < count ? firstMatch + 7 * k : 0;
    });
  } else if (rule.bymonthday?.length) {
    days = rule.bymonthday.map((md) => (md > 0 ? md : length + md + 1));
  } else {
    days = [d0];
  }
  return [...new Set(days.filter((d) => d >= 1 && d <= length))].sort((a, b) => a - b);
}
