/**
 * One VEVENT as a CalendarEvent, read concern by concern: its start and identity, its
 * timing (end or duration), its recurrence (RRULE, EXDATE, RDATE, RECURRENCE-ID) and its
 * descriptive fields. A VEVENT that cannot be shown (no usable DTSTART or RECURRENCE-ID,
 * marked private) comes back undefined with the reason reported.
 */
import type { CalendarEvent, EventStatus } from '../model.js';
import { formatUtc, parseIcsDateTime } from '../time.js';
import { safeUrl } from '../url.js';
import { isImageLicense } from '../image.js';
import { isClearable } from '../cleared.js';
import { all, first, text, textList, uidOf, type Component, type Report } from './components.js';
import {
  dateList,
  readEnd,
  readRule,
  readValues,
  toEventString,
  type ReadValue,
  type Warn,
  type ZoneResolver,
} from './event-dates.js';
import { own, ownShared, type ContentLine } from './lines.js';

export function readEvent(component: Component, zones: ZoneResolver, report: Report): CalendarEvent | undefined {
  const start = readStart(component, zones, report);
  if (!start) return undefined;
  const event = readIdentity(component, start, report);
  if (!event) return undefined;
  const id = event.id;
  const warn = warnAbout(id, report);
  for (const note of start.notes) warn(note, start.prop.line);
  if (!event.title) report('warning', `VEVENT "${id}" has no SUMMARY`, { line: component.line, eventId: id });
  readEnd({ dtend: first(component, 'DTEND'), duration: first(component, 'DURATION') }, start.value, event, zones, warn);
  if (!readRecurrence(component, start.value, event, zones, warn, report)) return undefined;
  readDescription(component, event, zones, report);
  return event;
}

/** Warnings about one event (a function made by a call, not bound to a name: see below). */
function warnAbout(id: string, report: Report): Warn {
  // Returned directly: a closure assigned to a local would be renamed per event by tsx's
  // keep-names helper (Object.defineProperty), measurable over thousands of events.
  return (message, at) => report('warning', `VEVENT "${id}": ${message}`, { line: at, eventId: id });
}

interface Start {
  prop: ContentLine;
  value: ReadValue;
  /** What was read leniently, reported once the event has its id. */
  notes: string[];
  uid: string | undefined;
}

/** DTSTART, which every shown VEVENT needs. */
function readStart(component: Component, zones: ZoneResolver, report: Report): Start | undefined {
  const line = component.line;
  const uid = uidOf(component);
  const prop = first(component, 'DTSTART');
  if (!prop) {
    report('error', `VEVENT ${uid ? `"${uid}"` : `at line ${line}`} has no DTSTART and was skipped`, { line, eventId: uid });
    return undefined;
  }
  const notes: string[] = [];
  const values = readValues(prop, zones, notes);
  if (!values || values.length !== 1) {
    report(
      'error',
      `VEVENT ${uid ? `"${uid}"` : `at line ${line}`}: DTSTART "${prop.value}" is not a date or date-time; skipped`,
      {
        line: prop.line,
        eventId: uid,
      },
    );
    return undefined;
  }
  return { prop, value: values[0]!, notes, uid };
}

/** The id (UID, else made up), title, start, zone and lists every event has; undefined when private. */
function readIdentity(component: Component, start: Start, report: Report): CalendarEvent | undefined {
  const line = component.line;
  const { uid, value } = start;
  const allDay = value.when.kind === 'date';
  const eventZone = allDay ? undefined : value.zone;
  const title = text(component, 'SUMMARY') ?? '';
  const id = uid ?? `generated-${hash(`${start.prop.value}|${title}|${line}`)}`;
  if (!uid) report('warning', `VEVENT at line ${line} has no UID; an id was made up from its start and title`, { line });

  const cls = first(component, 'CLASS')?.value.trim().toUpperCase();
  if (cls === 'PRIVATE' || cls === 'CONFIDENTIAL') {
    report('warning', `VEVENT "${id}" is marked CLASS:${cls} and is not shown`, { line, eventId: id });
    return undefined;
  }
  const event: CalendarEvent = {
    id,
    title,
    start: toEventString(value, eventZone),
    allDay,
    status: 'scheduled',
    categories: textList(component, 'CATEGORIES'),
    audience: textList(component, 'X-W4G-AUDIENCE'),
    accessibility: textList(component, 'X-W4G-ACCESSIBILITY'),
  };
  if (eventZone) event.timeZone = eventZone;
  return event;
}

/** RRULE, EXDATE, RDATE and RECURRENCE-ID; false when the RECURRENCE-ID is unreadable (the event is dropped). */
function readRecurrence(
  component: Component,
  start: ReadValue,
  event: CalendarEvent,
  zones: ZoneResolver,
  warn: Warn,
  report: Report,
): boolean {
  readRule(all(component, 'RRULE'), start, event, warn);
  const eventZone = event.timeZone;
  const exdates = dateList(all(component, 'EXDATE'), 'EXDATE', eventZone, zones, warn);
  if (exdates.length) event.exdates = exdates;
  const rdates = dateList(all(component, 'RDATE'), 'RDATE', eventZone, zones, warn);
  if (rdates.length) event.rdates = rdates;

  const prop = first(component, 'RECURRENCE-ID');
  if (!prop) return true;
  const notes: string[] = [];
  const values = readValues(prop, zones, notes);
  for (const note of notes) warn(note, prop.line);
  if (values?.length !== 1) {
    report('error', `VEVENT "${event.id}": RECURRENCE-ID "${prop.value}" is not a date or date-time; skipped`, {
      line: prop.line,
      eventId: event.id,
    });
    return false;
  }
  event.recurrenceId = toEventString(values[0]!, eventZone);
  // What our writer says this date has none of (the override lacks the property, as RFC 5545 has it).
  const cleared = textList(component, 'X-W4G-CLEARED').filter(isClearable);
  if (cleared.length) event.cleared = [...new Set(cleared)];
  return true;
}

/**
 * STATUS and our X-W4G- status properties (RFC 5545 knows no rescheduled, online or sold out);
 * answers the status note, which the writer also puts first in DESCRIPTION.
 */
function readStatus(component: Component, event: CalendarEvent, zones: ZoneResolver): string | undefined {
  const status = (text(component, 'X-W4G-STATUS') ?? text(component, 'STATUS'))?.toUpperCase();
  if (status && STATUS[status]) event.status = STATUS[status];
  // A CANCELLED event stays cancelled whatever an X- property says.
  if (text(component, 'STATUS')?.toUpperCase() === 'CANCELLED') event.status = 'cancelled';
  const note = text(component, 'X-W4G-STATUS-NOTE');
  if (note) event.statusNote = note.slice(0, 200);
  const soldOut = text(component, 'X-W4G-SOLD-OUT')?.toUpperCase();
  if (soldOut === 'TRUE' || soldOut === 'FALSE') event.soldOut = soldOut === 'TRUE';
  const previousProp = first(component, 'X-W4G-PREVIOUS-START');
  if (previousProp && event.status === 'rescheduled') {
    const values = readValues(previousProp, zones, []);
    if (values?.length === 1) event.previousStart = toEventString(values[0]!, event.timeZone);
  }
  return note;
}

const STATUS: Record<string, EventStatus> = {
  CANCELLED: 'cancelled',
  CANCELED: 'cancelled',
  POSTPONED: 'postponed',
  RESCHEDULED: 'rescheduled',
  'MOVED-ONLINE': 'movedOnline',
  CONFIRMED: 'scheduled',
  TENTATIVE: 'scheduled',
  SCHEDULED: 'scheduled',
};

/** Status, description, place, links, image, organizer, contact, price and revision. */
function readDescription(component: Component, event: CalendarEvent, zones: ZoneResolver, report: Report): void {
  const id = event.id;
  const note = readStatus(component, event, zones);
  let description = text(component, 'DESCRIPTION');
  // The writer puts the note first for other apps; it is not part of the description.
  if (description && note && description.startsWith(note)) description = description.slice(note.length).trim() || undefined;
  if (description) event.description = description;
  readPlace(component, event);
  const url = first(component, 'URL');
  if (url) {
    const safe = safeUrl(url.value, 'link');
    if (safe) event.url = own(safe);
    else
      report('warning', `VEVENT "${id}": URL "${url.value}" is not an http(s) link and was dropped`, {
        line: url.line,
        eventId: id,
      });
  }
  const image =
    first(component, 'IMAGE') ??
    all(component, 'ATTACH').find((p) => (p.params['FMTTYPE'] ?? '').toLowerCase().startsWith('image/'));
  if (image) {
    const safe = safeUrl(image.value, 'image');
    if (safe) event.image = own(safe);
    if (safe) readImageDetails(component, event, image.params['ALTREP'] !== undefined);
  }
  const organizer = first(component, 'ORGANIZER');
  if (organizer) {
    const name = organizer.params['CN']?.trim() || organizer.value.replace(/^mailto:/i, '').trim();
    if (name) event.organizer = ownShared(name);
  }
  const organizerId = text(component, 'X-W4G-ORGANIZER-ID');
  if (organizerId) event.organizerId = organizerId;
  const town = text(component, 'X-W4G-TOWN');
  if (town) event.town = town;
  const price = text(component, 'X-W4G-PRICE');
  if (price) event.price = price;
  const free = text(component, 'X-W4G-FREE')?.toUpperCase();
  if (free === 'TRUE' || free === 'FALSE') event.free = free === 'TRUE';
  const contact = text(component, 'CONTACT');
  if (contact) event.contact = { name: contact };
  const modified = first(component, 'LAST-MODIFIED')?.value;
  const modifiedWhen = modified ? parseIcsDateTime(modified) : undefined;
  if (modifiedWhen?.kind === 'instant') event.updated = formatUtc(modifiedWhen.ms);
  const sequence = Number(first(component, 'SEQUENCE')?.value);
  if (Number.isInteger(sequence) && sequence > 0) event.sequence = sequence;
}

/** What the writer puts beside IMAGE: text alternative, credit, licence, pixel size (X-W4G-IMAGE-*). */
function readImageDetails(component: Component, event: CalendarEvent, hasAltrep: boolean): void {
  const alt = hasAltrep ? undefined : text(component, 'X-W4G-IMAGE-ALT');
  if (alt) event.imageAlt = alt.slice(0, 500);
  const credit = text(component, 'X-W4G-IMAGE-CREDIT');
  if (credit) event.imageCredit = credit.slice(0, 200);
  const license = text(component, 'X-W4G-IMAGE-LICENSE');
  if (isImageLicense(license)) event.imageLicense = license;
  const size = /^(\d{1,5})x(\d{1,5})$/.exec(text(component, 'X-W4G-IMAGE-SIZE') ?? '');
  const width = Number(size?.[1]);
  const height = Number(size?.[2]);
  if (width > 0 && height > 0 && width <= 20_000 && height <= 20_000) {
    event.imageWidth = width;
    event.imageHeight = height;
  }
}

/** LOCATION and GEO (latitude and longitude in range). */
function readPlace(component: Component, event: CalendarEvent): void {
  const location = text(component, 'LOCATION');
  const geoParts = first(component, 'GEO')?.value.split(/[;,]/).map(Number);
  const geo =
    geoParts &&
    geoParts.length === 2 &&
    geoParts.every(Number.isFinite) &&
    Math.abs(geoParts[0]!) <= 90 &&
    Math.abs(geoParts[1]!) <= 180
      ? geoParts
      : undefined;
  if (!location && !geo) return;
  event.location = {};
  if (location) event.location.name = location;
  if (geo) {
    event.location.lat = geo[0]!;
    event.location.lon = geo[1]!;
  }
}

/** A short stable hash (FNV-1a) for made-up ids. */
function hash(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
