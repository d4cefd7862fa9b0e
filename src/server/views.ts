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
  eventsToIcs,
  expandOccurrences,
  filterEvents,
  filterOccurrences,
  type Association,
  type CalendarEvent,
  type Occurrence,
  type OccurrenceFilter,
} from '../core/index.js';
import { etagOf, PROD_ID, type Merged, type Rendered } from './render.js';

export interface ViewQuery {
  /** First day (`YYYY-MM-DD`) of a window. */
  start?: string;
  /** Day after the last one of a window (`YYYY-MM-DD`, exclusive, as FullCalendar sends it). */
  end?: string;
  town?: string;
  category?: string;
  organizer?: string;
  audience?: string;
  q?: string;
  accessible?: boolean;
  free?: boolean;
}

export type ViewFormat = 'json' | 'ics';

export const CONTENT_TYPES: Record<ViewFormat, string> = {
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
};

/** One view to compute: what the main thread sends to the worker. */
export interface ViewJob {
  format: ViewFormat;
  query: ViewQuery;
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
  const { allDay: _allDay, source: _source, ...rest } = e;
  return rest;
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

/** The occurrences of a window, filtered: `end` is exclusive. */
function windowed(source: Merged, query: Required<Pick<ViewQuery, 'start' | 'end'>> & ViewQuery): Occurrence[] {
  const all = expandOccurrences(source.events, { start: query.start, end: query.end, zone: source.timeZone });
  return filterOccurrences(all, contentFilter(query));
}

export function renderView(source: Merged, job: ViewJob): Rendered {
  const { query } = job;
  const { timeZone, title } = source;
  if (job.format === 'json' && query.start && query.end) {
    const occurrences = windowed(source, { ...query, start: query.start, end: query.end });
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
  let events = filterEvents(source.events, contentFilter(query));
  if (query.start && query.end) {
    // The events with a date in the window, each whole (series with their overrides), so a
    // calendar app still sees one series, not loose dates.
    const inWindow = new Set(windowed(source, { ...query, start: query.start, end: query.end }).map((o) => o.eventId));
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
