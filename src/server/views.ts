/**
 * Views of the served feed for one request's query, computed in the render worker from the
 * merged feed of the current build (kept there under its handle):
 * - a **window** (`start`/`end`): the occurrences in those days, series already expanded and
 *   filtered, as a JSON feed whose series dates are single dates (`recurrenceId`): what an
 *   element shows of a month, without downloading the whole year of a big region;
 * - **filters** without a window (`town`, `category`, `organizer`, `audience`, `q`,
 *   `accessible`, `free`): the feed's events (series whole) that match, as JSON or iCalendar,
 *   so every filtered view of the elements can be subscribed.
 * The filters are the elements' own (core's `filterEvents` / `filterOccurrences`).
 */
import {
  addDaysIso,
  clearedAsNull,
  eventsToIcs,
  expandOccurrences,
  filterEvents,
  filterOccurrences,
  meetingEvents,
  type Association,
  type CalendarEvent,
  type Occurrence,
  type OccurrenceFilter,
} from '../core/index.js';
import { renderJsonLd } from './open-data.js';
import { etagOf, PROD_ID, type Merged, type Rendered } from './render.js';
import { renderAtom, renderRss, type FeedLinks } from './syndication.js';
import { buildWindowIndex, windowCandidates, type WindowIndex } from './window-index.js';

export interface ViewQuery {
  /** First day (`YYYY-MM-DD`) of a window. */
  start?: string;
  /** Day after the last one of a window (`YYYY-MM-DD`, exclusive, as FullCalendar sends it). */
  end?: string;
  /** Towns (any of): a comma-separated list, or a list. */
  town?: string | string[];
  category?: string | string[];
  organizer?: string | string[];
  audience?: string | string[];
  q?: string;
  accessible?: boolean;
  free?: boolean;
}

/** What a view needs beside the query; part of its cache key. */
export interface ViewOptions {
  /** The calendar's name (iCalendar X-WR-CALNAME, the JSON title); default the feed's title. */
  title?: string;
  /** RSS, Atom and JSON-LD: where links point, the licence. */
  links?: FeedLinks;
  /** RSS, Atom and JSON-LD: today in the feed's zone, where "upcoming" begins without a window. */
  today?: string;
  /**
   * The id of an association whose standing meetings join the view as series (its own calendar,
   * `/api/associations/:id/events.*`). The regional feed never has them: see meetingSeries.
   */
  meetingsOf?: string;
}

export type ViewFormat = 'json' | 'ics' | 'rss' | 'atom' | 'jsonld';

export const CONTENT_TYPES: Record<ViewFormat, string> = {
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
};

/** Upcoming dates in RSS and Atom without a window: the next eight weeks, at most MAX_ITEMS. */
export const SYNDICATION_DAYS = 56;
export const MAX_ITEMS = 100;
/** Upcoming dates in JSON-LD without a window: the next year, as the elements load it. */
export const OPEN_DATA_DAYS = 366;

/** One view to compute: what the main thread sends to the worker. */
export interface ViewJob {
  format: ViewFormat;
  query: ViewQuery;
  options: ViewOptions;
  /** The build's Last-Modified (ISO): DTSTAMP of the iCalendar form. */
  lastModified: string;
}

/** The worker's answer when it does not keep the handle (it was restarted, or the build was replaced). */
export const UNKNOWN_HANDLE = 'unknown render handle';

/** An occurrence as a feed event: a single date, or one date of a series (`recurrenceId`). */
function occurrenceEvent(o: Occurrence): Record<string, unknown> {
  const { eventId, key: _key, recurring, recurrenceId, timeZone: _zone, allDay: _allDay, source: _source, ...rest } = o;
  const event: Record<string, unknown> = { id: eventId, ...rest };
  if (o.end === o.start) delete event['end'];
  if (recurring) event['recurrenceId'] = recurrenceId;
  return event;
}

function feedEvent(e: CalendarEvent): Record<string, unknown> {
  const { allDay: _allDay, source: _source, cleared, ...rest } = e;
  // A date without a field its series has: `null` (docs/feed-format.md).
  return { ...rest, ...clearedAsNull(cleared) };
}

function feedAssociation(a: Association): Record<string, unknown> {
  const { source: _source, ...rest } = a;
  return rest;
}

function contentFilter(query: ViewQuery): Omit<OccurrenceFilter, 'from' | 'to'> {
  const { town, category, organizer, audience, q, accessible, free } = query;
  return { town, category, organizer, audience, q, accessible, free };
}

function rendered(body: string): Rendered {
  return { body, etag: etagOf(body) };
}

/** Window indexes of the kept feeds (built on first use). */
const indexes = new WeakMap<Merged, WindowIndex>();

/** Builds what views of a kept feed need, right after the build (off the request path). */
export function prepareViews(source: Merged): void {
  if (!indexes.has(source)) indexes.set(source, buildWindowIndex(source.events, source.timeZone));
}

/**
 * An association's standing meetings as events of its own calendar: one series each, UID
 * `<association id>/meeting-<n>` (n counts from 1 in the profile's order, so a calendar app
 * updates a meeting whose time changed instead of adding it twice), wall times in the
 * meeting's zone or else the feed's (never floating: DST is the zone's).
 *
 * They are not part of the regional feed, its views, RSS, Atom or JSON-LD: a choir rehearsal
 * or a board meeting is the club's own date, not a public event of the region (and hundreds of
 * them would bury the events). The card shows the next dates; whoever wants them subscribes to
 * the association's calendar.
 */
function meetingSeries(source: Merged, id: string | undefined): CalendarEvent[] {
  const association = id === undefined ? undefined : source.associations.find((a) => a.id === id);
  if (!association) return [];
  return meetingEvents(association).map((e) => ({ ...e, timeZone: e.timeZone ?? source.timeZone }));
}

/** The occurrences of a window, filtered: `end` is exclusive; `extra` events are considered whole. */
function windowed(
  source: Merged,
  query: Required<Pick<ViewQuery, 'start' | 'end'>> & ViewQuery,
  extra: readonly CalendarEvent[] = [],
): Occurrence[] {
  const { timeZone } = source;
  prepareViews(source);
  const indexed = windowCandidates(source.events, indexes.get(source)!, query.start, query.end, timeZone);
  const inWindow = extra.length ? [...indexed, ...extra] : indexed;
  const filter = contentFilter(query);
  // Only the events that can have a matching date are expanded: a series is kept whole when it
  // or one of its overrides matches (an override may move a date to another town), so that
  // the overrides still replace their dates.
  const matching = filterEvents(inWindow, filter);
  const ids = new Set(matching.map((e) => e.id));
  const candidates = matching.length === inWindow.length ? inWindow : inWindow.filter((e) => ids.has(e.id));
  const all = expandOccurrences(candidates, { start: query.start, end: query.end, zone: timeZone });
  return filterOccurrences(all, filter);
}

/** RSS, Atom, JSON-LD: the dates of the window, or the upcoming ones from today. */
function renderPublished(source: Merged, job: ViewJob, format: 'rss' | 'atom' | 'jsonld'): Rendered {
  const { query, options } = job;
  if (!options.links || !options.today) throw new Error(`the ${format} view needs links and today`);
  const days = format === 'jsonld' ? OPEN_DATA_DAYS : SYNDICATION_DAYS;
  const start = query.start ?? options.today;
  const end = query.end ?? addDaysIso(options.today, days);
  let occurrences = windowed(source, { ...query, start, end });
  if (format !== 'jsonld') occurrences = occurrences.slice(0, MAX_ITEMS);
  const names = new Map(source.associations.map((a) => [a.id, a.name]));
  const input = {
    title: options.title ?? source.title,
    updated: new Date(job.lastModified),
    window: { start, end: addDaysIso(end, -1) },
    occurrences,
    organizerName: (o: Occurrence) => (o.organizerId ? names.get(o.organizerId) : undefined) ?? o.organizer,
    links: options.links,
  };
  if (format === 'rss') return rendered(renderRss(input));
  if (format === 'atom') return rendered(renderAtom(input));
  return rendered(renderJsonLd(input));
}

export function renderView(source: Merged, job: ViewJob): Rendered {
  const { query } = job;
  const { timeZone } = source;
  const title = job.options.title ?? source.title;
  if (job.format === 'rss' || job.format === 'atom' || job.format === 'jsonld') return renderPublished(source, job, job.format);
  const meetings = meetingSeries(source, job.options.meetingsOf);
  if (job.format === 'json' && query.start && query.end) {
    const occurrences = windowed(source, { ...query, start: query.start, end: query.end }, meetings);
    return rendered(
      JSON.stringify({
        timeZone,
        title,
        window: { start: query.start, end: addDaysIso(query.end, -1) },
        events: occurrences.map(occurrenceEvent),
        associations: source.associations.map(feedAssociation),
      }),
    );
  }
  // A series travels with all its overrides: were the override that moves a date to another
  // town left out, a calendar app would show that date at its old time and place.
  const all = meetings.length ? [...source.events, ...meetings] : source.events;
  const ids = new Set(filterEvents(all, contentFilter(query)).map((e) => e.id));
  let events = all.filter((e) => ids.has(e.id));
  if (query.start && query.end) {
    // The events with a date in the window, each whole (series with their overrides), so a
    // calendar app still sees one series, not loose dates.
    const inWindow = new Set(windowed(source, { ...query, start: query.start, end: query.end }, meetings).map((o) => o.eventId));
    events = events.filter((e) => inWindow.has(e.id));
  }
  if (job.format === 'ics') {
    return rendered(eventsToIcs(events, { calendarName: title, timeZone, prodId: PROD_ID, now: new Date(job.lastModified) }));
  }
  return rendered(
    JSON.stringify({
      timeZone,
      title,
      events: events.map(feedEvent),
      associations: source.associations.map(feedAssociation),
    }),
  );
}
