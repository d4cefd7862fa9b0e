/**
 * The served feed: published events and associations from SQLite merged with the hub's
 * upstream sources, rendered once per change as JSON feed, iCalendar and association list,
 * each with a strong ETag and a Last-Modified that survive restarts.
 */
import { createHash } from 'node:crypto';
import { eventsToIcs, mergeFeeds, parseJsonFeed, type Association, type CalendarEvent } from '../core/index.js';
import type { Store } from './db.js';
import type { FeedHub } from './hub.js';

export interface Representation {
  body: string;
  etag: string;
  /** Whole seconds, as HTTP dates have. */
  lastModified: Date;
  contentType: string;
}

export interface BuiltFeed {
  json: Representation;
  ics: Representation;
  associations: Representation;
  eventCount: number;
}

export interface FeedSettings {
  title: string;
  timeZone: string;
}

const PROD_ID = '-//Wir4Gemeinsam//w4g-calendar server//DE';

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** A CalendarEvent in the JSON feed's form: what the reader derives (allDay) or sets (source) is left out. */
function toFeedEvent(event: CalendarEvent): Record<string, unknown> {
  const { allDay: _allDay, source: _source, ...rest } = event;
  return rest;
}

function toFeedAssociation(association: Association): Record<string, unknown> {
  const { source: _source, ...rest } = association;
  return rest;
}

export class FeedBuilder {
  private cacheKey = '';
  private built: BuiltFeed | undefined;

  constructor(
    private readonly store: Store,
    private readonly hub: FeedHub,
    private readonly settings: FeedSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The current representations; rebuilt only after the data changed. */
  current(): BuiltFeed {
    const key = `${this.store.dataRevision}/${this.hub.revision}`;
    if (!this.built || key !== this.cacheKey) {
      this.built = this.build();
      this.cacheKey = key;
    }
    return this.built;
  }

  private build(): BuiltFeed {
    const { title, timeZone } = this.settings;
    const local = parseJsonFeed({ timeZone, events: this.store.publishedEvents(), associations: this.store.associations() });
    const merged = mergeFeeds([local, ...this.hub.results()]);
    const associations = merged.associations.map(toFeedAssociation);
    const jsonBody = JSON.stringify({ timeZone, title, events: merged.events.map(toFeedEvent), associations });
    const lastModified = this.modifiedFor(jsonBody);
    // DTSTAMP is the feed's modification time, so an unchanged feed gives identical bytes.
    const icsBody = eventsToIcs(merged.events, { calendarName: title, timeZone, prodId: PROD_ID, now: lastModified });
    const associationsBody = JSON.stringify({ timeZone, title, associations });
    const rep = (body: string, contentType: string): Representation => ({ body, etag: etagOf(body), lastModified, contentType });
    return {
      json: rep(jsonBody, 'application/json; charset=utf-8'),
      ics: rep(icsBody, 'text/calendar; charset=utf-8'),
      associations: rep(associationsBody, 'application/json; charset=utf-8'),
      eventCount: merged.events.length,
    };
  }

  /** The time the content last changed, kept in the database so a restart does not reset it. */
  private modifiedFor(body: string): Date {
    const hash = createHash('sha256').update(body).digest('hex');
    const storedHash = this.store.getMeta('feed_hash');
    const storedAt = this.store.getMeta('feed_modified');
    if (storedHash === hash && storedAt) return new Date(storedAt);
    // Strictly later than the previous version, so If-Modified-Since never hides a change.
    const previous = storedAt ? new Date(storedAt).getTime() : 0;
    const at = new Date(Math.max(wholeSeconds(this.now()).getTime(), previous + 1000));
    this.store.setMeta('feed_hash', hash);
    this.store.setMeta('feed_modified', at.toISOString());
    return at;
  }
}
