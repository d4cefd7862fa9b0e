/**
 * The gazette (Mitteilungsblatt) as data: from the served feed's events, the dates of a period
 * in the chosen towns and categories, grouped as gazettes print their calendars (by day, or by
 * town and then by day), with DIN 5008 dates and times, one short line of description, weekly
 * and daily series collapsed into "Regelmäßige Termine", and cancelled or postponed dates
 * marked. The DOCX, PDF and text writers only lay this out; none of them decides content.
 */
import {
  addDaysIso,
  compareText,
  expandOccurrences,
  filterOccurrences,
  foldText,
  formatOccurrenceTime,
  formatShortDate,
  formatTime,
  localDate,
  occurrenceDays,
  weekdayNames,
  type Association,
  type CalendarEvent,
  type EventStatus,
  type Occurrence,
} from '../../core/index.js';

export type GazetteOrder = 'day' | 'town';

export interface GazetteOptions {
  /** Towns as the feed spells them; empty: every town. */
  towns: string[];
  /** First and last day (`YYYY-MM-DD`, inclusive). */
  from: string;
  to: string;
  /** Categories (any of); empty: all. */
  categories: string[];
  order: GazetteOrder;
  columns: 1 | 2;
  /** Body text size in points. */
  fontSize: number;
  /** Longest description in characters; 0 leaves descriptions out. */
  maxDescription: number;
  /** Print the events' images (where the server has them itself). */
  images: boolean;
  /** Collapse regular series into "Regelmäßige Termine" (see collapseSeries). */
  collapseSeries: boolean;
}

export interface GazetteEntry {
  /** "19:00 Uhr", "19:00–21:00 Uhr", "ganztägig", "ganztägig bis So., 06.12.2026". */
  time: string;
  title: string;
  /** "abgesagt", "verschoben" (statusLabel), absent for a date that takes place. */
  status?: string;
  /** "verlegt vom Mi., 09.06.2027": a date of a series moved to this day. */
  note?: string;
  place?: string;
  organizer?: string;
  description?: string;
  /** The event's image URL (the server decides whether it has the image itself). */
  image?: string;
  imageAlt?: string;
}

/** A collapsed series: "jeden Mittwoch, 19:00 Uhr, Chorprobe, Bürgerhaus Hoym". */
export interface GazetteSeries extends GazetteEntry {
  /** "jeden Mittwoch", "täglich", "jeden Mittwoch vom 09.06.2027 bis 23.06.2027". */
  rhythm: string;
}

export interface GazetteDay {
  date: string;
  /** DIN 5008: "Sa., 14.06.2027". */
  heading: string;
  entries: GazetteEntry[];
}

export interface GazetteSection {
  /** The town of this section when ordered by town (undefined: one section for all). */
  town?: string;
  regular: GazetteSeries[];
  days: GazetteDay[];
}

export interface Gazette {
  title: string;
  /** "01.06.2027 – 30.06.2027" */
  period: string;
  /** The towns of this gazette, for its subtitle ("Arnstein, Aschersleben"); empty: all. */
  towns: string[];
  categories: string[];
  sections: GazetteSection[];
  /** Dates in it (a collapsed series counts each of its dates). */
  dateCount: number;
}

/** The heading of a section without a town (events that name none). */
export const NO_TOWN = 'Ohne Ortsangabe';

/**
 * The printed word for a status: the one place that knows them, so a new status needs one
 * line here (the Record makes the compiler ask for it). A status this server does not know yet
 * (a newer feed) prints as itself rather than disappearing.
 */
const STATUS_LABELS: Record<EventStatus, string | undefined> = {
  scheduled: undefined,
  cancelled: 'abgesagt',
  postponed: 'verschoben',
};

export function statusLabel(status: string): string | undefined {
  return Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status as EventStatus] : status || undefined;
}

/** Text cut at a word to at most `max` characters, with "…"; whitespace collapsed. */
export function shortText(text: string | undefined, max: number): string | undefined {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!flat || max <= 0) return undefined;
  if (flat.length <= max) return flat;
  const room = flat.slice(0, Math.max(1, max - 1));
  const space = room.lastIndexOf(' ');
  // A single word longer than the room is cut inside it rather than dropped.
  const cut = (space > max / 3 ? room.slice(0, space) : room).replace(/[\s,;:.–-]+$/, '');
  return `${cut}…`;
}

/** "01.06.2027" (without weekday) */
function plainDate(date: string): string {
  return formatShortDate(date, 'de').replace(/^[^ ]+ /, '');
}

export function formatPeriod(from: string, to: string): string {
  return from === to ? plainDate(from) : `${plainDate(from)} – ${plainDate(to)}`;
}

interface Context {
  options: GazetteOptions;
  zone: string;
  organizers: Map<string, string>;
  /** Show the town beside the place (a gazette of several towns ordered by day). */
  placeWithTown: boolean;
}

function placeOf(o: Occurrence, ctx: Context): string | undefined {
  const name = o.location?.name?.trim();
  const town = o.town?.trim();
  if (!ctx.placeWithTown || !town) return name || undefined;
  if (!name) return town;
  return foldText(name).includes(foldText(town)) ? name : `${name}, ${town}`;
}

function organizerOf(o: Occurrence, ctx: Context): string | undefined {
  return (o.organizerId && ctx.organizers.get(o.organizerId)) || o.organizer?.trim() || undefined;
}

/** The day a date is printed under: its first day, or the period's first day when it began before. */
function dayOf(o: Occurrence, ctx: Context): string {
  const day = localDate(o.start, ctx.zone);
  return day < ctx.options.from ? ctx.options.from : day;
}

function timeOf(o: Occurrence): string {
  if (o.allDay) {
    const days = occurrenceDays(o);
    return days.length > 1 ? `ganztägig bis ${formatShortDate(days[days.length - 1]!, 'de')}` : 'ganztägig';
  }
  return formatOccurrenceTime(o, 'de');
}

function entryOf(o: Occurrence, ctx: Context): GazetteEntry {
  const entry: GazetteEntry = { time: timeOf(o), title: o.title.replace(/\s+/g, ' ').trim() };
  const status = statusLabel(o.status);
  if (status) entry.status = status;
  if (o.recurring) {
    const original = localDate(o.recurrenceId, ctx.zone);
    if (original !== localDate(o.start, ctx.zone)) entry.note = `verlegt vom ${formatShortDate(original, 'de')}`;
  }
  const place = placeOf(o, ctx);
  if (place) entry.place = place;
  const organizer = organizerOf(o, ctx);
  if (organizer) entry.organizer = organizer;
  const description = shortText(o.description, ctx.options.maxDescription);
  if (description) entry.description = description;
  if (ctx.options.images && o.image) {
    entry.image = o.image;
    if (o.imageAlt) entry.imageAlt = o.imageAlt;
  }
  return entry;
}

/** What must be equal on every date of a series for one line to describe them all. */
function sameness(o: Occurrence, ctx: Context): string {
  return JSON.stringify([
    o.title,
    o.status,
    formatOccurrenceTime(o, 'de'),
    o.allDay,
    placeOf(o, ctx),
    organizerOf(o, ctx),
    o.description ?? '',
    o.image ?? '',
  ]);
}

const DAY_MS = 86_400_000;

function dayIndex(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/**
 * The series rule. A series is printed as one line under "Regelmäßige Termine" when, in the
 * period and the section:
 * - it has at least 3 dates,
 * - they are every day or every week on the same weekday, without a gap (a date left out or
 *   cancelled breaks the rhythm),
 * - every date takes place (no cancelled or postponed one, none moved to another day) and
 *   reads the same: title, time, place, organizer, description.
 * It reads "jeden Mittwoch" (or "täglich") when it runs through the whole period (its first
 * date in the period's first week, its last in the last week), else with its first and last
 * date ("jeden Mittwoch vom 09.06.2027 bis 23.06.2027"). Anything else stays day by day, so
 * an exception is never hidden inside a summary.
 */
function collapsible(dates: Occurrence[], ctx: Context): GazetteSeries | undefined {
  if (dates.length < 3) return undefined;
  const first = dates[0]!;
  if (!first.recurring) return undefined;
  const key = sameness(first, ctx);
  const days = dates.map((o) => localDate(o.start, ctx.zone));
  for (const o of dates) {
    if (o.status !== 'scheduled' || sameness(o, ctx) !== key) return undefined;
    if (localDate(o.recurrenceId, ctx.zone) !== localDate(o.start, ctx.zone)) return undefined;
    if (localDate(o.start, ctx.zone) < ctx.options.from) return undefined;
  }
  const step = dayIndex(days[1]!) - dayIndex(days[0]!);
  if (step !== 1 && step !== 7) return undefined;
  for (let i = 1; i < days.length; i++) if (dayIndex(days[i]!) - dayIndex(days[i - 1]!) !== step) return undefined;
  const whole =
    dayIndex(days[0]!) - dayIndex(ctx.options.from) < step && dayIndex(ctx.options.to) - dayIndex(days[days.length - 1]!) < step;
  const weekday = weekdayNames('de', 'long')[(new Date(`${days[0]!}T12:00:00Z`).getUTCDay() + 6) % 7]!;
  const base = step === 1 ? 'täglich' : `jeden ${weekday}`;
  const rhythm = whole ? base : `${base} vom ${plainDate(days[0]!)} bis ${plainDate(days[days.length - 1]!)}`;
  return { rhythm, ...entryOf(first, ctx) };
}

function buildSection(occurrences: Occurrence[], ctx: Context, town?: string): GazetteSection {
  const regular: GazetteSeries[] = [];
  const collapsed = new Set<string>();
  if (ctx.options.collapseSeries) {
    const bySeries = new Map<string, Occurrence[]>();
    for (const o of occurrences) {
      if (!o.recurring) continue;
      const list = bySeries.get(o.eventId) ?? [];
      list.push(o);
      bySeries.set(o.eventId, list);
    }
    const found: { series: GazetteSeries; first: Occurrence }[] = [];
    for (const [id, dates] of bySeries) {
      const series = collapsible(dates, ctx);
      if (!series) continue;
      collapsed.add(id);
      found.push({ series, first: dates[0]! });
    }
    // Monday's series first, then by time and title.
    const weekdayOf = (o: Occurrence): number => new Date(`${localDate(o.start, ctx.zone)}T12:00:00Z`).getUTCDay();
    found.sort(
      (a, b) =>
        Number(b.series.rhythm.startsWith('täglich')) - Number(a.series.rhythm.startsWith('täglich')) ||
        ((weekdayOf(a.first) + 6) % 7) - ((weekdayOf(b.first) + 6) % 7) ||
        compareText(
          a.first.allDay ? '' : formatTime(a.first.start, ctx.zone, 'de'),
          b.first.allDay ? '' : formatTime(b.first.start, ctx.zone, 'de'),
        ) ||
        compareText(a.series.title, b.series.title),
    );
    regular.push(...found.map((f) => f.series));
  }
  const days = new Map<string, GazetteEntry[]>();
  for (const o of occurrences) {
    if (collapsed.has(o.eventId) && o.recurring) continue;
    const day = dayOf(o, ctx);
    const list = days.get(day) ?? [];
    list.push(entryOf(o, ctx));
    days.set(day, list);
  }
  const section: GazetteSection = {
    regular,
    days: [...days.keys()].sort().map((date) => ({
      date,
      heading: formatShortDate(date, 'de'),
      entries: days.get(date)!,
    })),
  };
  if (town !== undefined) section.town = town;
  return section;
}

export interface GazetteSource {
  events: CalendarEvent[];
  associations: Association[];
  timeZone: string;
  title: string;
}

/** Towns and categories a gazette can be made of: what the feed's events name. */
export function gazetteChoices(source: Pick<GazetteSource, 'events' | 'associations'>): {
  towns: string[];
  categories: string[];
} {
  const towns = new Map<string, string>();
  const categories = new Map<string, string>();
  for (const e of source.events) {
    if (e.town?.trim()) towns.set(foldText(e.town), towns.get(foldText(e.town)) ?? e.town.trim());
    for (const c of e.categories) if (c.trim()) categories.set(foldText(c), categories.get(foldText(c)) ?? c.trim());
  }
  return {
    towns: [...towns.values()].sort(compareText),
    categories: [...categories.values()].sort(compareText),
  };
}

export function buildGazette(source: GazetteSource, options: GazetteOptions): Gazette {
  const zone = source.timeZone;
  const all = expandOccurrences(source.events, { start: options.from, end: addDaysIso(options.to, 1), zone });
  const occurrences = filterOccurrences(all, { town: options.towns, category: options.categories });
  const ctx: Context = {
    options,
    zone,
    organizers: new Map(source.associations.map((a) => [a.id, a.name])),
    placeWithTown: options.order === 'day' && options.towns.length !== 1,
  };
  let sections: GazetteSection[];
  if (options.order === 'town') {
    const byTown = new Map<string, { name: string; dates: Occurrence[] }>();
    for (const o of occurrences) {
      const name = o.town?.trim() || NO_TOWN;
      const key = o.town?.trim() ? foldText(name) : '\uffff';
      const group = byTown.get(key) ?? { name, dates: [] };
      group.dates.push(o);
      byTown.set(key, group);
    }
    sections = [...byTown.entries()]
      .sort(([a], [b]) => (a === '\uffff' ? 1 : b === '\uffff' ? -1 : compareText(a, b)))
      .map(([, group]) => buildSection(group.dates, ctx, group.name));
  } else {
    sections = [buildSection(occurrences, ctx)];
  }
  return {
    title: source.title,
    period: formatPeriod(options.from, options.to),
    towns: [...options.towns],
    categories: [...options.categories],
    sections,
    dateCount: occurrences.length,
  };
}
