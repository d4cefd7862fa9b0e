/**
 * Reader of the native JSON feed (docs/feed-format.md, schema/feed.schema.json). Like the
 * iCalendar reader it never throws: an event that lacks what it needs is skipped and
 * reported with a JSON pointer, a bad optional field is dropped with a warning.
 *
 * RRULEs are read with series support (series.ts), which the caller passes: `parseJsonFeed`
 * in series.ts always does, the elements' store only when the feed has a series.
 */
import { CLEARABLE_FIELDS } from '../cleared.js';
import type { CalendarEvent, EventStatus, FeedError, FeedResult } from '../model.js';
import { endOfOtherKind, endOfOtherKindReading, readDuration } from '../lenient.js';
import {
  canonicalZone,
  formatDate,
  formatDuration,
  formatUtc,
  formatWall,
  parseDuration,
  parseIso,
  whenToInstant,
  type When,
} from '../time.js';
import { readImageObject } from '../image.js';
import { readAssociation } from './json-associations.js';
import {
  assignUrl,
  isObject,
  readContact,
  readLocation,
  rulesOf,
  SeriesNeeded,
  shown,
  str,
  strList,
  type ReadContext,
  type RuleReader,
  type Warn,
} from './json-values.js';

export { SeriesNeeded, type RuleReader };

export interface JsonFeedOptions {
  /** Resolves relative `url`, `image`, `logo` and `website` values (usually the feed's URL). */
  baseUrl?: string;
}

const MAX_ERRORS = 200;
/** A calendar date, as a window names its days. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const STATUS: Record<string, EventStatus> = {
  scheduled: 'scheduled',
  confirmed: 'scheduled',
  eventscheduled: 'scheduled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  eventcancelled: 'cancelled',
  postponed: 'postponed',
  eventpostponed: 'postponed',
  rescheduled: 'rescheduled',
  eventrescheduled: 'rescheduled',
  movedonline: 'movedOnline',
  eventmovedonline: 'movedOnline',
};

/**
 * The value of a feed's JSON text (a leading byte order mark is skipped), or, when the text
 * is not JSON, the feed result that says so.
 */
export function parseJsonText(text: string): { value: unknown } | { failed: FeedResult } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return {
      failed: {
        events: [],
        associations: [],
        errors: [{ severity: 'error', message: `the feed is not valid JSON: ${(error as Error).message}` }],
      },
    };
  }
}

/**
 * Reads a JSON feed: the parsed value or its text. Never throws, but for `SeriesNeeded` when
 * `rules` is left out and an event or a meeting has an `rrule`.
 */
export function readJsonFeed(input: unknown, options: JsonFeedOptions, rules: RuleReader | undefined): FeedResult {
  if (typeof input === 'string' || input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const parsed = parseJsonText(typeof input === 'string' ? input : new TextDecoder().decode(input));
    return 'failed' in parsed ? parsed.failed : readJsonValue(parsed.value, options, rules);
  }
  return readJsonValue(input, options, rules);
}

/** Reads a parsed JSON feed (a string here is a JSON string, not a feed's text): as `readJsonFeed`. */
export function readJsonValue(data: unknown, options: JsonFeedOptions, rules: RuleReader | undefined): FeedResult {
  const errors: FeedError[] = [];
  const report = (severity: FeedError['severity'], path: string, message: string, eventId?: string): void => {
    if (errors.length === MAX_ERRORS) errors.push({ severity: 'warning', message: 'further problems were not listed' });
    if (errors.length >= MAX_ERRORS) return;
    const error: FeedError = { severity, message, path };
    if (eventId !== undefined) error.eventId = eventId;
    errors.push(error);
  };
  try {
    // A bare array is read as a list of events.
    const root: Record<string, unknown> = Array.isArray(data) ? { events: data } : isObject(data) ? data : {};
    if (!Array.isArray(data) && !isObject(data)) {
      return {
        events: [],
        associations: [],
        errors: [{ severity: 'error', message: 'the feed is not a JSON object', path: '' }],
      };
    }
    const result: FeedResult = { events: [], associations: [], errors };
    let feedZone = 'Europe/Berlin';
    if (root['timeZone'] !== undefined) {
      const zone = typeof root['timeZone'] === 'string' ? canonicalZone(root['timeZone']) : undefined;
      if (zone) feedZone = zone;
      else report('warning', '/timeZone', `"${shown(root['timeZone'])}" is not a time zone; Europe/Berlin is used`);
    }
    result.timeZone = feedZone;
    if (typeof root['title'] === 'string' && root['title'].trim()) result.title = root['title'].trim();
    const window = root['window'];
    if (window !== undefined) {
      const { start, end } = isObject(window) ? window : {};
      if (typeof start === 'string' && typeof end === 'string' && DATE.test(start) && DATE.test(end) && start <= end)
        result.window = { start, end };
      else report('warning', '/window', '"window" is not two ISO dates (start, end); the feed is read as a whole');
    }

    const ctx: ReadContext = { report, feedZone, baseUrl: options.baseUrl, rules };
    const events = root['events'];
    if (events !== undefined && !Array.isArray(events)) report('error', '/events', '"events" is not an array');
    if (Array.isArray(events)) {
      events.forEach((raw, i) => {
        try {
          const event = readEvent(raw, `/events/${i}`, ctx);
          if (event) result.events.push(event);
        } catch (error) {
          if (error instanceof SeriesNeeded) throw error;
          // A value no JSON text can produce (an object without prototype, say): skip only it.
          report('error', `/events/${i}`, `event could not be read: ${String(error)}; skipped`);
        }
      });
    }
    const associations = root['associations'];
    if (associations !== undefined && !Array.isArray(associations))
      report('error', '/associations', '"associations" is not an array');
    if (Array.isArray(associations)) {
      associations.forEach((raw, i) => {
        const association = readAssociation(raw, `/associations/${i}`, ctx);
        if (association) result.associations.push(association);
      });
    }
    return result;
  } catch (error) {
    if (error instanceof SeriesNeeded) throw error;
    errors.push({ severity: 'error', message: `the feed could not be read: ${String(error)}` });
    return { events: [], associations: [], errors };
  }
}

/** A JSON date form as a CalendarEvent string in the event's zone. */
function normalize(when: When): string {
  if (when.kind === 'date') return formatDate(when.wall);
  if (when.kind === 'local') return formatWall(when.wall);
  return formatUtc(when.ms);
}

/**
 * One event, read concern by concern: identity and start, timing (zone, end or duration),
 * recurrence (rrule, exdates, rdates, recurrenceId), descriptive fields. Undefined, with the
 * reason reported, when the event cannot be shown.
 */
function readEvent(raw: unknown, path: string, ctx: ReadContext): CalendarEvent | undefined {
  const head = readIdentity(raw, path, ctx);
  if (!head) return undefined;
  const { id, title, start, raw: fields } = head;
  const warn = warnAbout(id, path, ctx);
  const zone = readZone(fields, ctx, warn);
  const allDay = start.kind === 'date';
  const event: CalendarEvent = {
    id,
    title,
    start: normalize(start),
    allDay,
    status: 'scheduled',
    categories: strList(fields['categories'] ?? fields['keywords']),
    audience: strList(fields['audience']),
    accessibility: strList(fields['accessibility'] ?? fields['accessibilityFeature']),
  };
  if (!allDay) event.timeZone = zone;
  readEnd(fields, start, event, zone, warn);
  if (!readRecurrence(fields, start, event, path, ctx, warn)) return undefined;
  readDescription(fields, event, zone, ctx, warn);
  if (event.recurrenceId) readCleared(fields, event);
  return event;
}

/** On an override, a `null` field: this date has none of it, whatever its series has. */
function readCleared(raw: Record<string, unknown>, event: CalendarEvent): void {
  const cleared = CLEARABLE_FIELDS.filter((field) => raw[field] === null);
  if (cleared.length) event.cleared = cleared;
}

/** Warnings about one event's fields. */
function warnAbout(id: string, path: string, ctx: ReadContext): Warn {
  return (field, message) => ctx.report('warning', `${path}/${field}`, `event "${id}": ${message}`, id);
}

/** The id, title and start every shown event needs. */
function readIdentity(
  raw: unknown,
  path: string,
  ctx: ReadContext,
): { id: string; title: string; start: When; raw: Record<string, unknown> } | undefined {
  if (!isObject(raw)) {
    ctx.report('error', path, 'an event is not an object; skipped');
    return undefined;
  }
  const id = str(raw['id'], 200);
  const title = str(raw['title'] ?? raw['name'], 300);
  if (!id) {
    ctx.report('error', `${path}/id`, `event "${title ?? '?'}" has no id; skipped`);
    return undefined;
  }
  if (!title) {
    ctx.report('error', `${path}/title`, `event "${id}" has no title; skipped`, id);
    return undefined;
  }
  const startRaw = str(raw['start'] ?? raw['startDate']);
  const start = startRaw ? parseIso(startRaw) : undefined;
  if (!start) {
    ctx.report(
      'error',
      `${path}/start`,
      `event "${id}": start ${startRaw ? `"${startRaw}" is not an ISO date or date-time` : 'is missing'}; skipped`,
      id,
    );
    return undefined;
  }
  return { id, title, start, raw };
}

/** The event's own zone, else the feed's. */
function readZone(raw: Record<string, unknown>, ctx: ReadContext, warn: Warn): string {
  if (raw['timeZone'] === undefined) return ctx.feedZone;
  const z = typeof raw['timeZone'] === 'string' ? canonicalZone(raw['timeZone']) : undefined;
  if (z) return z;
  warn('timeZone', `"${shown(raw['timeZone'])}" is not a time zone; the feed's zone is used`);
  return ctx.feedZone;
}

/** rrule, exdates, rdates and recurrenceId; false when the recurrenceId is unreadable (the event is dropped). */
function readRecurrence(
  raw: Record<string, unknown>,
  start: When,
  event: CalendarEvent,
  path: string,
  ctx: ReadContext,
  warn: Warn,
): boolean {
  const rrule = str(raw['rrule']);
  if (rrule) readRule(rulesOf(ctx), rrule, start, event, warn);
  for (const field of ['exdates', 'rdates'] as const) {
    const list = raw[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      warn(field, `"${field}" is not an array and was ignored`);
      continue;
    }
    const values: string[] = [];
    list.forEach((value, i) => {
      const text = str(value);
      const [a = '', b] = (text ?? '').split('/');
      const when = parseIso(a);
      const second = b === undefined ? undefined : (parseIso(b) ?? parseDuration(b));
      if (!when || (b !== undefined && !second))
        warn(`${field}/${i}`, `"${shown(value)}" is not an ISO date or date-time and was ignored`);
      else values.push(b === undefined ? normalize(when) : `${normalize(when)}/${b.trim()}`);
    });
    if (values.length) event[field] = values;
  }
  const recurrenceIdRaw = str(raw['recurrenceId']);
  if (!recurrenceIdRaw) return true;
  const rid = parseIso(recurrenceIdRaw);
  if (rid) {
    event.recurrenceId = normalize(rid);
    return true;
  }
  ctx.report(
    'error',
    `${path}/recurrenceId`,
    `event "${event.id}": recurrenceId "${recurrenceIdRaw}" is not an ISO date; skipped`,
    event.id,
  );
  return false;
}

/** Status, description, links, image, place, organizer, price, contact and revision. */
function readDescription(raw: Record<string, unknown>, event: CalendarEvent, zone: string, ctx: ReadContext, warn: Warn): void {
  const statusRaw = str(raw['status'] ?? raw['eventStatus']);
  if (statusRaw) {
    const key = statusRaw.replace(/^https?:\/\/schema\.org\//i, '').toLowerCase();
    const status = STATUS[key];
    if (status) event.status = status;
    else warn('status', `status "${statusRaw}" is unknown; "scheduled" is used`);
  }
  readStatusDetails(raw, event, warn);
  const description = str(raw['description'], 5000);
  if (description) event.description = description;
  assignUrl(event, 'url', raw['url'], 'link', ctx, warn);
  if (isObject(raw['image'])) {
    const { fields, problems } = readImageObject(raw['image'], ctx.baseUrl);
    Object.assign(event, fields);
    for (const problem of problems) warn('image', problem);
  } else assignUrl(event, 'image', raw['image'], 'image', ctx, warn);
  // Feeds before the image object: a URL string and `imageAlt` beside it.
  const imageAlt = str(raw['imageAlt'], 300);
  if (imageAlt && event.image && !event.imageAlt) event.imageAlt = imageAlt;
  const town = str(raw['town'], 200);
  if (town) event.town = town;
  const location = readLocation(raw['location'], warn);
  if (location) event.location = location;
  const organizerId = str(raw['organizerId'], 200);
  if (organizerId) event.organizerId = organizerId;
  const organizer = isObject(raw['organizer']) ? str(raw['organizer']['name'], 300) : str(raw['organizer'], 300);
  if (organizer) event.organizer = organizer;
  const price = str(raw['price'], 200);
  if (price) event.price = price;
  if (typeof raw['free'] === 'boolean') event.free = raw['free'];
  const contact = readContact(raw['contact'], ctx, warn);
  if (contact) event.contact = contact;
  const updatedRaw = str(raw['updated'] ?? raw['dateModified']);
  const updated = updatedRaw ? parseIso(updatedRaw) : undefined;
  if (updated) event.updated = formatUtc(whenToInstant(updated, zone));
  if (typeof raw['sequence'] === 'number' && Number.isInteger(raw['sequence'])) event.sequence = raw['sequence'];
}

/** `statusNote`, `previousStart` and `soldOut` (or schema.org's `availability: SoldOut`). */
function readStatusDetails(raw: Record<string, unknown>, event: CalendarEvent, warn: Warn): void {
  const note = str(raw['statusNote'], 200);
  if (note) event.statusNote = note;
  const previousRaw = str(raw['previousStart'] ?? raw['previousStartDate']);
  if (previousRaw) {
    const previous = parseIso(previousRaw);
    if (!previous) warn('previousStart', `previousStart "${previousRaw}" is not an ISO date or date-time and was ignored`);
    else if (event.status !== 'rescheduled')
      warn('previousStart', 'previousStart belongs to a rescheduled event and was ignored');
    else event.previousStart = normalize(previous);
  }
  if (typeof raw['soldOut'] === 'boolean') event.soldOut = raw['soldOut'];
  else if (typeof raw['availability'] === 'string') {
    const key = raw['availability'].replace(/^https?:\/\/schema\.org\//i, '').toLowerCase();
    if (key === 'soldout') event.soldOut = true;
  }
}

/** `end`, else `duration`; an end of the other kind than the start is read as meant. */
function readEnd(raw: Record<string, unknown>, start: When, event: CalendarEvent, zone: string, warn: Warn): void {
  const endRaw = str(raw['end'] ?? raw['endDate']);
  if (endRaw) {
    let end = parseIso(endRaw);
    if (end && (end.kind === 'date') !== event.allDay) {
      const kinds = event.allDay ? 'start is a date but end a date-time' : 'start is a date-time but end a date';
      const meant = endOfOtherKind(start, end);
      warn('end', `${kinds}; end "${endRaw}" was ${endOfOtherKindReading(start, meant)}`);
      end = meant;
    }
    if (!end) warn('end', `end "${endRaw}" is not an ISO date or date-time and was ignored`);
    else if (event.allDay && normalize(end) === event.start)
      warn('end', 'end equals the start of an all-day event; it was read as one day');
    else if (event.allDay ? normalize(end) < event.start : whenToInstant(end, zone) < whenToInstant(start, zone)) {
      warn('end', `end "${endRaw}" is before the start and was ignored`);
    } else {
      event.end = normalize(end);
    }
  }
  const durationRaw = str(raw['duration']);
  if (durationRaw && !event.end) {
    const read = readDuration(durationRaw);
    const duration = read?.duration;
    if (!duration || duration.days < 0 || duration.ms < 0)
      warn('duration', `duration "${durationRaw}" was not understood and ignored`);
    else {
      if (read.reading) warn('duration', `duration "${durationRaw}" ${read.reading}`);
      event.duration = formatDuration(duration);
    }
  }
}

/** `rrule`, kept as written again without what was read leniently. */
function readRule(rules: RuleReader, rrule: string, start: When, event: CalendarEvent, warn: Warn): void {
  const parsed = rules.parseRecurrenceRule(rrule);
  if (parsed.error !== undefined) {
    warn('rrule', `${parsed.error}; only its first date is shown`);
    return;
  }
  event.rrule = parsed.text;
  for (const warning of parsed.warnings) warn('rrule', warning);
  // A JSON feed's local times always have a zone: the event's or the feed's.
  const until = rules.untilReading(parsed.rule, start, start.kind !== 'date');
  if (until) warn('rrule', until);
}
