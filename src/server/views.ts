/**
 * Views of the served feed for one request's query, computed in the render worker from the
 * last merged feed:
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
} from '../core/index.js';
import { etagOf, type Rendered } from './render.js';

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

/** The merged feed of one build, as the worker keeps it for views. */
export interface ViewSource {
  events: CalendarEvent[];
  associations: Association[];
  timeZone: string;
  title: string;
  prodId: string;
  /** The feed's last modification (DTSTAMP of the iCalendar form). */
  lastModified: Date;
}

/** The longest window one request may ask for, in days. */
export const MAX_WINDOW_DAYS = 400;

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

export function renderView(source: ViewSource, format: ViewFormat, query: ViewQuery): Rendered {
  const filter = {
    town: query.town,
    category: query.category,
    organizer: query.organizer,
    audience: query.audience,
    q: query.q,
    accessible: query.accessible,
    free: query.free,
  };
  const { timeZone, title } = source;
  if (format === 'json' && query.start && query.end) {
    const all = expandOccurrences(source.events, { start: query.start, end: query.end, zone: timeZone });
    const occurrences = filterOccurrences(all, filter);
    const body = JSON.stringify({
      timeZone,
      title,
      window: { start: query.start, end: addDaysIso(query.end, -1) },
      events: occurrences.map(occurrenceEvent),
      associations: source.associations.map(feedAssociation),
    });
    return { body, etag: etagOf(body) };
  }
  const events = filterEvents(source.events, filter);
  if (format === 'ics') {
    const body = eventsToIcs(events, { calendarName: title, timeZone, prodId: source.prodId, now: source.lastModified });
    return { body, etag: etagOf(body) };
  }
  const body = JSON.stringify({
    timeZone,
    title,
    events: events.map(feedEvent),
    associations: source.associations.map(feedAssociation),
  });
  return { body, etag: etagOf(body) };
}
