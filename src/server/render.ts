/**
 * The CPU-heavy work of the feed, as pure functions that run in the render worker: reading an
 * upstream body (format detection, parsing, tagging with the source's namespace) and rendering
 * the served feed (merge, JSON, iCalendar, hashes). Inputs and outputs are strings and plain
 * data, cheap to pass between threads.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  clearedAsNull,
  distinctValues,
  eventsToIcs,
  imageFeedFields,
  mergeFeeds,
  parseFeed,
  parseJsonFeed,
  type Association,
  type CalendarEvent,
  type FeedResult,
} from '../core/index.js';

export interface ParseJob {
  bytes: Uint8Array;
  contentType: string | null;
  /** The URL the body came from (after redirects): the base of relative links. */
  url: string;
  /** Hash of the last good body; the same body is not parsed again. */
  previousHash: string | null;
  namespace: string;
  organizerId?: string;
  town?: string;
}

export interface SourceStats {
  events: number;
  associations: number;
  problems: { count: number; first: string[] };
}

export type ParseOutcome =
  | { kind: 'unchanged'; bodyHash: string }
  | { kind: 'unusable'; bodyHash: string; reason: string }
  | { kind: 'changed'; bodyHash: string; result: string; stats: SourceStats };

/**
 * A source's result as stored: gzip-compressed JSON in base64. A calendar of 20,000 events is
 * about 10 MB of JSON but under 1 MB this way, which keeps the database's reads and writes (on
 * the main thread) short.
 */
export function packResult(result: FeedResult): string {
  return gzipSync(JSON.stringify(result), { level: 6 }).toString('base64');
}

export function unpackResult(packed: string): FeedResult {
  return JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8')) as FeedResult;
}

export interface RenderJob {
  timeZone: string;
  title: string;
  /** Our own published events and associations, as stored (JSON text each). */
  events: string[];
  associations: string[];
  /** Each source's last good result (packed, see packResult), in the configured order. */
  sources: (string | null)[];
}

export interface Rendered {
  body: string;
  etag: string;
}

export interface RenderOutcome {
  json: Rendered;
  associations: Rendered;
  /** SHA-256 (hex) of the JSON body: the identity of the content for Last-Modified. */
  contentHash: string;
  eventCount: number;
  /** Each association's id and name: the per-association calendars. */
  associationNames: [string, string][];
  /** The towns of the events and associations: the per-town calendars. */
  towns: string[];
}

export const PROD_ID = '-//Wir4Gemeinsam//w4g-calendar server//DE';

/** Longest event id the feed schema allows. */
const MAX_ID = 200;

export function sha256(data: string | Uint8Array, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(data).digest(encoding);
}

/** A strong ETag derived from the bytes only: every instance gives the same one. */
export function etagOf(body: string): string {
  return `"${sha256(body, 'base64url').slice(0, 32)}"`;
}

/**
 * An upstream id inside the source's namespace: `<source id>:<upstream id>`. Overrides
 * (recurrenceId) match their series by id, so a source can only reach its own series; an id
 * too long for the feed keeps its namespace and becomes a hash.
 */
export function namespacedId(namespace: string, upstreamId: string): string {
  const id = `${namespace}:${upstreamId}`;
  return id.length <= MAX_ID ? id : `${namespace}:${sha256(upstreamId, 'base64url')}`;
}

function isUnusable(result: FeedResult): boolean {
  return result.events.length === 0 && result.associations.length === 0 && result.errors.some((e) => e.severity === 'error');
}

/** Reads an upstream body: unchanged, unusable (with the reason), or the tagged result. */
export async function parseSource(job: ParseJob): Promise<ParseOutcome> {
  const bodyHash = sha256(job.bytes);
  if (job.previousHash === bodyHash) return { kind: 'unchanged', bodyHash };
  const parsed = await parseFeed(job.bytes, { contentType: job.contentType, baseUrl: job.url });
  if (isUnusable(parsed)) {
    const reason = parsed.errors.find((e) => e.severity === 'error')?.message ?? 'unreadable';
    return { kind: 'unusable', bodyHash, reason };
  }
  const result: FeedResult = {
    ...parsed,
    events: parsed.events.map((event) => {
      const { source: _source, ...rest } = event;
      const tagged: CalendarEvent = { ...rest, id: namespacedId(job.namespace, event.id) };
      if (job.organizerId) tagged.organizerId = job.organizerId;
      if (job.town) tagged.town = job.town;
      return tagged;
    }),
    associations: parsed.associations.map(({ source: _source, ...rest }) => rest),
    errors: parsed.errors.map(({ source: _source, ...rest }) => rest),
  };
  const stats: SourceStats = {
    events: result.events.length,
    associations: result.associations.length,
    problems: { count: result.errors.length, first: result.errors.slice(0, 5).map((e) => e.message) },
  };
  return { kind: 'changed', bodyHash, result: packResult(result), stats };
}

/** A CalendarEvent in the JSON feed's form: what the reader derives (allDay) or sets (source) is left out. */
function toFeedEvent(event: CalendarEvent): Record<string, unknown> {
  const {
    allDay: _allDay,
    source: _source,
    image: _image,
    imageAlt: _imageAlt,
    imageCredit: _imageCredit,
    imageLicense: _imageLicense,
    imageWidth: _imageWidth,
    imageHeight: _imageHeight,
    imageSources: _imageSources,
    cleared,
    ...rest
  } = event;
  // A date without a field its series has: `null` (docs/feed-format.md).
  return { ...rest, ...imageFeedFields(event), ...clearedAsNull(cleared) };
}

function toFeedAssociation(association: Association): Record<string, unknown> {
  const { source: _source, ...rest } = association;
  return rest;
}

/** The merged feed of one render, kept in the worker for its iCalendar form and its views. */
export interface Merged {
  events: CalendarEvent[];
  associations: Association[];
  timeZone: string;
  title: string;
}

/** Merges our own data (first: it wins) with the sources and renders JSON and associations. */
export function renderFeed(job: RenderJob): { outcome: RenderOutcome; merged: Merged } {
  const { timeZone, title } = job;
  const local = parseJsonFeed({
    timeZone,
    events: job.events.map((e) => JSON.parse(e) as unknown),
    associations: job.associations.map((a) => JSON.parse(a) as unknown),
  });
  const sources = job.sources.flatMap((s) => (s ? [unpackResult(s)] : []));
  const merged = mergeFeeds([local, ...sources]);
  const associations = merged.associations.map(toFeedAssociation);
  const json = JSON.stringify({ timeZone, title, events: merged.events.map(toFeedEvent), associations });
  const associationsBody = JSON.stringify({ timeZone, title, associations });
  return {
    outcome: {
      json: { body: json, etag: etagOf(json) },
      associations: { body: associationsBody, etag: etagOf(associationsBody) },
      contentHash: sha256(json),
      eventCount: merged.events.length,
      associationNames: merged.associations.map((a) => [a.id, a.name]),
      towns: distinctValues([...merged.events.map((e) => e.town), ...merged.associations.map((a) => a.town)]),
    },
    merged: { events: merged.events, associations: merged.associations, timeZone, title },
  };
}

/** The iCalendar form; DTSTAMP is the feed's modification time, so equal content gives equal bytes. */
export function renderIcs(merged: Merged, lastModified: Date): Rendered {
  const body = eventsToIcs(merged.events, {
    calendarName: merged.title,
    timeZone: merged.timeZone,
    prodId: PROD_ID,
    now: lastModified,
  });
  return { body, etag: etagOf(body) };
}
