/**
 * Series as clubs plan them: weekly on chosen weekdays, every n weeks, monthly on the nth or
 * last weekday ("jeden 1. Mittwoch", "letzter Freitag"), monthly on a date, yearly; ending on
 * a date, after n dates, or not at all; dates that do not take place and extra dates. The
 * rule is written as RFC 5545 RRULE + EXDATE + RDATE in the feed's fields, and the form shows
 * the next ten dates that our own expansion (the one every element uses) makes of it.
 */
import {
  addDaysIso,
  expandOccurrencesReport,
  formatShortDate,
  isIsoDate,
  weekdayIndex,
  type CalendarEvent,
  type Locale,
  type Occurrence,
} from '../../core/index.js';

/** RFC 5545 weekday codes, Monday first as the form shows them. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Repeat = 'none' | 'weekly' | 'monthly-weekday' | 'monthly-date' | 'yearly';
export type SeriesEnd = 'never' | 'until' | 'count';
export const REPEATS: readonly Repeat[] = ['none', 'weekly', 'monthly-weekday', 'monthly-date', 'yearly'];
export const MAX_INTERVAL = 99;
export const MAX_COUNT = 500;
/** How many coming dates the form shows before sending. */
export const PREVIEW_DATES = 10;

/** The series fields of the form (a part of its values). */
export interface SeriesValues {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  allDay: boolean;
  repeat: Repeat;
  /** Every n weeks / months / years, as typed. */
  interval: string;
  /** Weekly: the weekday codes chosen; empty means the first date's weekday. */
  weekdays: string[];
  /** Monthly on a weekday: `1`–`4`, or `-1` for the last one in the month. */
  monthWeek: string;
  end: SeriesEnd;
  until: string;
  count: string;
  /** Dates (`YYYY-MM-DD`) of the series that do not take place. */
  exdates: string[];
  /** Extra dates (`YYYY-MM-DD`) at the series' time. */
  rdates: string[];
}

export type SeriesField = 'repeat' | 'interval' | 'weekdays' | 'monthWeek' | 'until' | 'count' | 'exdates' | 'rdates';

export interface SeriesErrorTexts {
  weekdaysRequired: string;
  interval: (max: number) => string;
  untilRequired: string;
  untilBeforeStart: string;
  count: (max: number) => string;
  tooFar: (last: string) => string;
  noDates: string;
  startNotInRule: (start: string) => string;
  exdateOutside: (date: string) => string;
  pastDate: (date: string) => string;
  date: string;
}

/**
 * Which of its weekdays in the month a date is, as clubs say it: -1 for the last one in the
 * month ("letzter Freitag", also when it is the fourth), else 1–4.
 */
export function weekOfMonth(date: string): number {
  return lastOfMonth(date) ? -1 : Math.ceil(Number(date.slice(8, 10)) / 7);
}

/** Whether a date is the last of its weekday in its month. */
function lastOfMonth(date: string): boolean {
  return addDaysIso(date, 7).slice(5, 7) !== date.slice(5, 7);
}

function positiveInt(value: string, max: number): number | undefined {
  if (!/^\d{1,4}$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

/** The weekday codes of a weekly series: those chosen, else the first date's. */
export function weeklyDays(v: SeriesValues): string[] {
  const chosen = WEEKDAYS.filter((d) => v.weekdays.includes(d));
  return chosen.length ? chosen : isIsoDate(v.startDate) ? [WEEKDAYS[weekdayIndex(v.startDate)]!] : [];
}

/** A wall time in `zone` as a UTC instant `YYYYMMDDTHHMMSSZ` (RFC 5545 wants UNTIL in UTC for zoned starts). */
export type ToUtcStamp = (date: string, time: string) => string;

/** The RRULE value, or undefined for no series (or without a valid first date). */
export function seriesRule(v: SeriesValues, toUtcStamp: ToUtcStamp): string | undefined {
  if (v.repeat === 'none' || !isIsoDate(v.startDate)) return undefined;
  const interval = positiveInt(v.interval || '1', MAX_INTERVAL) ?? 1;
  const every = interval > 1 ? `;INTERVAL=${interval}` : '';
  const weekday = WEEKDAYS[weekdayIndex(v.startDate)]!;
  let rule: string;
  switch (v.repeat) {
    case 'weekly':
      rule = `FREQ=WEEKLY${every};BYDAY=${weeklyDays(v).join(',')}`;
      break;
    case 'monthly-weekday':
      rule = `FREQ=MONTHLY${every};BYDAY=${v.monthWeek || weekOfMonth(v.startDate)}${weekday}`;
      break;
    case 'monthly-date':
      rule = `FREQ=MONTHLY${every};BYMONTHDAY=${Number(v.startDate.slice(8))}`;
      break;
    case 'yearly':
      rule = `FREQ=YEARLY${every}`;
      break;
  }
  const dateOnly = v.allDay || v.startTime === '';
  if (v.end === 'until' && isIsoDate(v.until)) {
    rule += `;UNTIL=${dateOnly ? v.until.replace(/-/g, '') : toUtcStamp(v.until, '23:59:59')}`;
  } else if (v.end === 'count') {
    const count = positiveInt(v.count, MAX_COUNT);
    if (count) rule += `;COUNT=${count}`;
  }
  return rule;
}

/** A date of the series as the feed writes it: the date, or the date at the first date's time. */
function atSeriesTime(v: SeriesValues, date: string): string {
  return v.allDay || v.startTime === '' ? date : `${date}T${v.startTime}`;
}

/** EXDATE and RDATE values for the payload. */
export function seriesDates(v: SeriesValues): { exdates?: string[]; rdates?: string[] } {
  if (v.repeat === 'none') return {};
  const out: { exdates?: string[]; rdates?: string[] } = {};
  const ex = [...new Set(v.exdates.filter((d) => isIsoDate(d)))].sort();
  const r = [...new Set(v.rdates.filter((d) => isIsoDate(d)))].sort();
  if (ex.length) out.exdates = ex.map((d) => atSeriesTime(v, d));
  if (r.length) out.rdates = r.map((d) => atSeriesTime(v, d));
  return out;
}

/**
 * The series' dates as the calendar will show them, up to `horizonDays` after the first,
 * computed by the core's own expansion; `plain` leaves out exceptions and extra dates (to
 * tell whether an exception is a date of the series at all).
 */
export function seriesOccurrences(
  v: SeriesValues,
  zone: string,
  toUtcStamp: ToUtcStamp,
  horizonDays: number,
  plain = false,
): Occurrence[] {
  const rrule = seriesRule(v, toUtcStamp);
  if (!rrule) return [];
  const dateOnly = v.allDay || v.startTime === '';
  const event: CalendarEvent = {
    id: 'preview',
    title: '',
    start: atSeriesTime(v, v.startDate),
    allDay: dateOnly,
    rrule,
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
  };
  if (!dateOnly) event.timeZone = zone;
  // The first date's end, so that every date shows its time span.
  if (dateOnly && isIsoDate(v.endDate) && v.endDate > v.startDate) event.end = addDaysIso(v.endDate, 1);
  else if (!dateOnly && v.endTime) event.end = `${isIsoDate(v.endDate) ? v.endDate : v.startDate}T${v.endTime}`;
  if (!plain) {
    const { exdates, rdates } = seriesDates(v);
    if (exdates) event.exdates = exdates;
    if (rdates) event.rdates = rdates;
  }
  return expandOccurrencesReport([event], { start: v.startDate, end: addDaysIso(v.startDate, horizonDays + 1), zone })
    .occurrences;
}

/** Whether the first date is one the rule itself makes (RFC 5545 leaves the other case undefined). */
function startInRule(v: SeriesValues): boolean {
  if (v.repeat === 'weekly') return weeklyDays(v).includes(WEEKDAYS[weekdayIndex(v.startDate)]!);
  if (v.repeat === 'monthly-weekday') {
    const wanted = Number(v.monthWeek || weekOfMonth(v.startDate));
    return wanted === -1 ? lastOfMonth(v.startDate) : Math.ceil(Number(v.startDate.slice(8, 10)) / 7) === wanted;
  }
  return true;
}

/**
 * The series' problems by field. `today` and the first date are `YYYY-MM-DD`; the last date
 * may lie at most `maxDaysAhead` days after today.
 */
export function seriesProblems(
  v: SeriesValues,
  options: { today: string; maxDaysAhead: number; zone: string; toUtcStamp: ToUtcStamp; locale: Locale },
  t: SeriesErrorTexts,
): Partial<Record<SeriesField, string>> {
  const e: Partial<Record<SeriesField, string>> = {};
  if (v.repeat === 'none' || !isIsoDate(v.startDate)) return e;
  const show = (date: string): string => formatShortDate(date, options.locale);
  const latest = addDaysIso(options.today, options.maxDaysAhead);
  if (positiveInt(v.interval || '1', MAX_INTERVAL) === undefined) e.interval = t.interval(MAX_INTERVAL);
  if (v.repeat === 'weekly' && v.weekdays.length > 0 && !startInRule(v)) e.weekdays = t.startNotInRule(show(v.startDate));
  if (v.repeat === 'monthly-weekday' && !startInRule(v)) e.monthWeek = t.startNotInRule(show(v.startDate));
  if (v.end === 'until') {
    if (!v.until) e.until = t.untilRequired;
    else if (!isIsoDate(v.until)) e.until = t.date;
    else if (v.until < v.startDate) e.until = t.untilBeforeStart;
    else if (v.until > latest) e.until = t.tooFar(show(latest));
  } else if (v.end === 'count' && positiveInt(v.count, MAX_COUNT) === undefined) {
    e.count = t.count(MAX_COUNT);
  }
  if (Object.keys(e).length) return e;
  const horizon = Math.max(0, Math.round((Date.parse(latest) - Date.parse(v.startDate)) / 86_400_000));
  const plainDays = new Set(
    seriesOccurrences(v, options.zone, options.toUtcStamp, horizon, true).map((o) => o.start.slice(0, 10)),
  );
  const outside = v.exdates.find((d) => !plainDays.has(d));
  if (outside) e.exdates = t.exdateOutside(show(outside));
  const past = v.rdates.find((d) => d < options.today);
  if (past) e.rdates = t.pastDate(show(past));
  if (v.end === 'count' && !e.count) {
    // The COUNT-th date must lie within the allowed range too.
    const all = seriesOccurrences({ ...v, exdates: [], rdates: [] }, options.zone, options.toUtcStamp, horizon + 1);
    if (all.length < (positiveInt(v.count, MAX_COUNT) ?? 0)) e.count = t.tooFar(show(latest));
  }
  if (!e.exdates && !e.count && seriesOccurrences(v, options.zone, options.toUtcStamp, horizon).length === 0)
    e.repeat = t.noDates;
  return e;
}
