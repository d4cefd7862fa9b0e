/**
 * An association's standing meetings: real recurrences (the core's RRULE expansion), their
 * next dates, and how a reader says them: "jeden 1. Mittwoch im Monat, 19:00 Uhr,
 * Vereinsheim" (en "every 1st Wednesday of the month, 7:00 PM, Vereinsheim").
 */
import type { Association, AssociationMeeting, CalendarEvent, Occurrence } from './model.js';
import { addDaysIso } from './calendar-dates.js';
import { formatTime, formatShortDate, weekdayNames, type Locale } from './format.js';
import { expandOccurrences } from './series.js';
import { parseRecurrenceRule } from './rrule-value.js';
import { parseIso } from './time.js';

/** The meetings as events of the association (one series each), for expansion or a feed. */
export function meetingEvents(a: Association): CalendarEvent[] {
  return (a.meetings ?? []).map((m, i) => {
    const event: CalendarEvent = {
      id: `${a.id}/meeting-${i + 1}`,
      title: m.title ? `${m.title} – ${a.name}` : a.name,
      start: m.start,
      allDay: false,
      status: 'scheduled',
      categories: [],
      audience: [],
      accessibility: [],
      organizerId: a.id,
      organizer: a.name,
    };
    if (m.end) event.end = m.end;
    if (m.timeZone) event.timeZone = m.timeZone;
    if (m.rrule) event.rrule = m.rrule;
    if (m.place) event.location = { name: m.place };
    if (a.town) event.town = a.town;
    return event;
  });
}

/** The next `count` meeting dates from `from` (`YYYY-MM-DD`), within a year. */
export function nextMeetings(a: Association, from: string, count = 3, zone = 'Europe/Berlin'): Occurrence[] {
  const events = meetingEvents(a);
  if (!events.length) return [];
  return expandOccurrences(events, { start: from, end: addDaysIso(from, 367), zone }).slice(0, count);
}

const WORDS = {
  de: {
    every: 'jeden',
    everyN: (n: number, unit: 'week' | 'month') => `alle ${n} ${unit === 'week' ? 'Wochen' : 'Monate'}`,
    daily: 'täglich',
    ofMonth: 'im Monat',
    last: 'letzten',
    and: 'und',
    on: 'am',
    monthlyOn: (d: number) => `monatlich am ${d}.`,
    yearlyOn: (date: string) => `jährlich am ${date}`,
    nth: (n: number) => `${n}.`,
    oClock: ' Uhr',
  },
  en: {
    every: 'every',
    everyN: (n: number, unit: 'week' | 'month') => `every ${n} ${unit}s`,
    daily: 'daily',
    ofMonth: 'of the month',
    last: 'last',
    and: 'and',
    on: 'on',
    monthlyOn: (d: number) => `monthly on the ${ordinal(d)}`,
    yearlyOn: (date: string) => `every year on ${date}`,
    nth: (n: number) => ordinal(n),
    oClock: '',
  },
} as const;

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function joinAnd(items: string[], locale: Locale): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${WORDS[locale].and} ${items[items.length - 1]!}`;
}

/**
 * A rule as words, for the kinds clubs use: weekly (every n weeks) on weekdays, monthly on the
 * nth or last weekday or on a day, yearly, daily. Undefined for anything else (the dates speak).
 */
export function describeRule(rrule: string, start: string, locale: Locale): string | undefined {
  const parsed = parseRecurrenceRule(rrule);
  const when = parseIso(start);
  if (!parsed.rule || !when || when.kind === 'instant') return undefined;
  const r = parsed.rule;
  const w = WORDS[locale];
  if (r.byhour || r.byminute || r.bysecond || r.byyearday || r.byweekno || r.bysetpos) return undefined;
  const days = weekdayNames(locale, 'long');
  const startDay = (new Date(Date.UTC(when.wall.y, when.wall.mo - 1, when.wall.d)).getUTCDay() + 6) % 7;
  if (r.freq === 'DAILY' && r.interval === 1 && !r.byday && !r.bymonthday && !r.bymonth) return w.daily;
  if (r.freq === 'WEEKLY' && !r.bymonthday && !r.bymonth) {
    if (r.byday?.some((d) => d.n !== undefined)) return undefined;
    const names = (r.byday?.length ? r.byday.map((d) => d.weekday) : [startDay]).map((d) => days[d]!);
    return r.interval === 1
      ? `${w.every} ${joinAnd(names, locale)}`
      : `${w.everyN(r.interval, 'week')} ${w.on} ${joinAnd(names, locale)}`;
  }
  if (r.freq === 'MONTHLY' && !r.bymonth) {
    const lead = r.interval === 1 ? w.every : `${w.everyN(r.interval, 'month')} ${w.on}`;
    if (r.byday?.length && !r.bymonthday) {
      const weekday = r.byday[0]!.weekday;
      if (r.byday.some((d) => d.weekday !== weekday || d.n === undefined || d.n < -1 || d.n === 0)) return undefined;
      const ns = r.byday.map((d) => (d.n === -1 ? w.last : w.nth(d.n!)));
      return `${lead} ${joinAnd(ns, locale)} ${days[weekday]!} ${w.ofMonth}`;
    }
    if (!r.byday && r.interval === 1) {
      const day = r.bymonthday?.length === 1 ? r.bymonthday[0]! : r.bymonthday ? undefined : when.wall.d;
      return day !== undefined && day > 0 ? w.monthlyOn(day) : undefined;
    }
    return undefined;
  }
  if (r.freq === 'YEARLY' && r.interval === 1 && !r.byday && !r.bymonthday && !r.bymonth) {
    const date = formatShortDate(start.slice(0, 10), locale);
    // "Sa., 14.06.2027" -> "14.06."; "Sat, 14 Jun 2027" -> "14 Jun".
    return w.yearlyOn(
      locale === 'de' ? date.replace(/^.*?, /, '').slice(0, 6) : date.replace(/^.*?, /, '').replace(/ \d{4}$/, ''),
    );
  }
  return undefined;
}

/** "Chorprobe: jeden 1. Mittwoch im Monat, 19:00 Uhr, Vereinsheim"; without words for the rule, the first date. */
export function describeMeeting(m: AssociationMeeting, locale: Locale): string {
  const zone = m.timeZone ?? 'Europe/Berlin';
  const time = `${formatTime(m.start, zone, locale)}${WORDS[locale].oClock}`;
  const rule = m.rrule ? describeRule(m.rrule, m.start, locale) : undefined;
  const when = rule ?? formatShortDate(m.start.slice(0, 10), locale);
  return `${m.title ? `${m.title}: ` : ''}${[when, time, m.place].filter(Boolean).join(', ')}`;
}
