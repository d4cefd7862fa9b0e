/**
 * The general RFC 5545 recurrence iterator (section 3.3.10): every FREQ and every BYxxx
 * part, by building each period's candidate set (days filtered by the BY rules, times per
 * day, BYSETPOS) in floating time.
 *
 * rrule.js is not used at run time because it cannot be stopped: on a rule that never
 * matches ("every 2 hours, at 3 o'clock" from 10:00) it steps on to the year 9999 whatever
 * UNTIL says, so one line in a feed could freeze a page. Here every run is capped by a
 * number of periods, and periods that cannot match are skipped whole (a day that fails
 * BYMONTH skips all of its hours). Property tests compare the dates with rrule.js.
 */
import type { RecurrenceRule } from './rrule-value.js';
import { civilOfDay, DAY, dayOfCivil, daysInMonth, HOUR, isLeapYear, MINUTE, weekdayOfDay } from './time.js';

export type IterateResult = 'done' | 'capped';

type Civil = ReturnType<typeof civilOfDay>;

/** First day of week 1 of `year` (weeks start on WKST; week 1 has at least 4 days of the year). */
function week1Start(year: number, wkst: number): number {
  const jan1 = dayOfCivil(year, 1, 1);
  const offset = (weekdayOfDay(jan1) - wkst + 7) % 7;
  const start = jan1 - offset;
  return 7 - offset >= 4 ? start : start + 7;
}

/** Week number of a day and the number of weeks in its week-year (RFC 5545 BYWEEKNO). */
function weekInfo(day: number, y: number, wkst: number): { week: number; weeks: number } {
  let year = y;
  let start = week1Start(year, wkst);
  if (day < start) {
    year--;
    start = week1Start(year, wkst);
  } else {
    const next = week1Start(year + 1, wkst);
    if (day >= next) {
      year++;
      start = next;
    }
  }
  const weeks = (week1Start(year + 1, wkst) - start) / 7;
  return { week: Math.floor((day - start) / 7) + 1, weeks };
}

interface Prepared {
  rule: RecurrenceRule;
  bymonthday?: number[];
  bymonth?: number[];
  byday?: { weekday: number; n?: number }[];
}

/** DTSTART's defaults (RFC 5545: missing parts are taken from DTSTART). */
function prepare(rule: RecurrenceRule, start: Civil): Prepared {
  const p: Prepared = { rule };
  if (rule.bymonth) p.bymonth = rule.bymonth;
  if (rule.bymonthday) p.bymonthday = rule.bymonthday;
  if (rule.byday) p.byday = rule.byday;
  if (!rule.byweekno && !rule.byyearday && !rule.bymonthday && !rule.byday) {
    if (rule.freq === 'YEARLY') {
      p.bymonthday = [start.d];
      p.bymonth ??= [start.mo];
    } else if (rule.freq === 'MONTHLY') {
      p.bymonthday = [start.d];
    } else if (rule.freq === 'WEEKLY') {
      p.byday = [{ weekday: weekdayOfDay(dayOfCivil(start.y, start.mo, start.d)) }];
    }
  }
  return p;
}

function dayMatches(p: Prepared, day: number): boolean {
  const { rule } = p;
  const c = civilOfDay(day);
  if (p.bymonth && !p.bymonth.includes(c.mo)) return false;
  const monthLength = daysInMonth(c.y, c.mo);
  if (p.bymonthday && !p.bymonthday.some((md) => (md > 0 ? md === c.d : monthLength + md + 1 === c.d))) return false;
  if (rule.byyearday) {
    const yearday = day - dayOfCivil(c.y, 1, 1) + 1;
    const yearLength = isLeapYear(c.y) ? 366 : 365;
    if (!rule.byyearday.some((yd) => (yd > 0 ? yd === yearday : yearLength + yd + 1 === yearday))) return false;
  }
  if (rule.byweekno) {
    const { week, weeks } = weekInfo(day, c.y, rule.wkst);
    if (!rule.byweekno.some((w) => (w > 0 ? w === week : weeks + w + 1 === week))) return false;
  }
  if (p.byday) {
    const wd = weekdayOfDay(day);
    // Ordinals count within the month (MONTHLY, or YEARLY with BYMONTH), else within the year.
    const inMonth = rule.freq === 'MONTHLY' || (rule.freq === 'YEARLY' && rule.bymonth !== undefined);
    let fromStart: number;
    let fromEnd: number;
    if (inMonth) {
      fromStart = Math.floor((c.d - 1) / 7) + 1;
      fromEnd = -(Math.floor((monthLength - c.d) / 7) + 1);
    } else {
      const yearday = day - dayOfCivil(c.y, 1, 1);
      const yearLength = isLeapYear(c.y) ? 366 : 365;
      fromStart = Math.floor(yearday / 7) + 1;
      fromEnd = -(Math.floor((yearLength - 1 - yearday) / 7) + 1);
    }
    if (!p.byday.some((d) => d.weekday === wd && (d.n === undefined || d.n === fromStart || d.n === fromEnd))) return false;
  }
  return true;
}

/** Seconds of the day for the times of one day (DAILY and coarser). */
function timesOfDay(rule: RecurrenceRule, h0: number, mi0: number, s0: number): number[] {
  const out: number[] = [];
  for (const h of rule.byhour ?? [h0]) {
    for (const mi of rule.byminute ?? [mi0]) {
      for (const s of rule.bysecond ?? [s0]) if (s < 60) out.push(h * 3600 + mi * 60 + s);
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

function applySetpos(candidates: number[], setpos: number[] | undefined): number[] {
  if (!setpos) return candidates;
  const n = candidates.length;
  const picked = setpos
    .map((pos) => (pos > 0 ? candidates[pos - 1] : candidates[n + pos]))
    .filter((v): v is number => v !== undefined);
  return [...new Set(picked)].sort((a, b) => a - b);
}

/**
 * Calls `visit` with each date (floating ms) of the rule that is >= `dtstart`, in order,
 * starting from the period that contains `first` (a whole number of periods after DTSTART),
 * until `until` (inclusive) or until `visit` returns false. At most `maxPeriods` periods.
 */
export function iterateRule(
  rule: RecurrenceRule,
  dtstart: number,
  first: number,
  until: number,
  visit: (f: number) => boolean,
  maxPeriods: number,
): IterateResult {
  const startDay = Math.floor(dtstart / DAY);
  const start = civilOfDay(startDay);
  const secondsOfDay = Math.floor((dtstart - startDay * DAY) / 1000);
  const h0 = Math.floor(secondsOfDay / 3600);
  const mi0 = Math.floor(secondsOfDay / 60) % 60;
  const s0 = secondsOfDay % 60;
  const p = prepare(rule, start);
  const emit = (list: number[]): boolean | undefined => {
    for (const f of list) {
      if (f < dtstart) continue;
      if (f > until) return false;
      if (!visit(f)) return false;
    }
    return undefined;
  };
  let periods = 0;
  const firstDay = Math.floor(first / DAY);
  switch (rule.freq) {
    case 'YEARLY':
    case 'MONTHLY': {
      const times = timesOfDay(rule, h0, mi0, s0);
      const firstCivil = civilOfDay(firstDay);
      const step = rule.freq === 'YEARLY' ? 12 * rule.interval : rule.interval;
      // Periods are counted from DTSTART's year or month; `first` is a whole number of them later.
      let index = rule.freq === 'YEARLY' ? firstCivil.y * 12 : firstCivil.y * 12 + firstCivil.mo - 1;
      for (; ; index += step) {
        if (++periods > maxPeriods) return 'capped';
        const y = Math.floor(index / 12);
        const mo = (index % 12) + 1;
        if (y > 9999) return 'done';
        const from = rule.freq === 'YEARLY' ? dayOfCivil(y, 1, 1) : dayOfCivil(y, mo, 1);
        const to = rule.freq === 'YEARLY' ? dayOfCivil(y + 1, 1, 1) : dayOfCivil(y, mo, 1) + daysInMonth(y, mo);
        if (from * DAY > until) return 'done';
        const candidates: number[] = [];
        for (let day = from; day < to; day++) {
          if (!dayMatches(p, day)) continue;
          for (const t of times) candidates.push(day * DAY + t * 1000);
        }
        if (emit(applySetpos(candidates, rule.bysetpos)) === false) return 'done';
      }
    }
    case 'WEEKLY':
    case 'DAILY': {
      const times = timesOfDay(rule, h0, mi0, s0);
      const length = rule.freq === 'WEEKLY' ? 7 : 1;
      const align = rule.freq === 'WEEKLY' ? (weekdayOfDay(firstDay) - rule.wkst + 7) % 7 : 0;
      for (let periodStart = firstDay - align; ; periodStart += length * rule.interval) {
        if (++periods > maxPeriods) return 'capped';
        if (periodStart * DAY > until) return 'done';
        const candidates: number[] = [];
        for (let day = periodStart; day < periodStart + length; day++) {
          if (!dayMatches(p, day)) continue;
          for (const t of times) candidates.push(day * DAY + t * 1000);
        }
        if (emit(applySetpos(candidates, rule.bysetpos)) === false) return 'done';
      }
    }
    default: {
      // HOURLY, MINUTELY, SECONDLY: one period is one hour, minute or second of a day.
      const unit = rule.freq === 'HOURLY' ? HOUR : rule.freq === 'MINUTELY' ? MINUTE : 1000;
      const step = unit * rule.interval;
      const minutes = rule.freq === 'HOURLY' ? (rule.byminute ?? [mi0]) : undefined;
      const seconds = rule.freq === 'SECONDLY' ? undefined : (rule.bysecond ?? [s0]);
      const phase = (((Math.floor(dtstart / unit) * unit) % step) + step) % step;
      let t = Math.floor(first / unit) * unit;
      t += (((phase - (t % step)) % step) + step) % step;
      const next = (boundary: number): number => t + Math.ceil((boundary - t) / step) * step;
      for (;;) {
        if (++periods > maxPeriods) return 'capped';
        if (t > until) return 'done';
        const day = Math.floor(t / DAY);
        if (!dayMatches(p, day)) {
          t = next((day + 1) * DAY); // skip the rest of the day at once
          continue;
        }
        const hour = Math.floor((t - day * DAY) / HOUR);
        if (rule.byhour && !rule.byhour.includes(hour)) {
          t = next(day * DAY + (hour + 1) * HOUR);
          continue;
        }
        const minute = Math.floor((t - day * DAY - hour * HOUR) / MINUTE);
        if (rule.freq !== 'HOURLY' && rule.byminute && !rule.byminute.includes(minute)) {
          t = next(day * DAY + hour * HOUR + (minute + 1) * MINUTE);
          continue;
        }
        const candidates: number[] = [];
        if (rule.freq === 'SECONDLY') {
          const second = Math.floor((t % MINUTE) / 1000);
          if (!rule.bysecond || rule.bysecond.includes(second)) candidates.push(t);
        } else {
          const base = rule.freq === 'HOURLY' ? day * DAY + hour * HOUR : t;
          for (const mi of minutes ?? [minute]) {
            for (const s of seconds!) if (s < 60) candidates.push(base + (rule.freq === 'HOURLY' ? mi * MINUTE : 0) + s * 1000);
          }
          candidates.sort((a, b) => a - b);
        }
        if (emit(applySetpos([...new Set(candidates)], rule.bysetpos)) === false) return 'done';
        t += step;
      }
    }
  }
}
