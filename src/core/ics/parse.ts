/**
 * RFC 5545 reader: bytes -> unfolded lines -> content lines -> components -> CalendarEvents.
 * It never throws. A broken event is skipped and reported; everything else comes out.
 */
import type { CalendarEvent, EventStatus, FeedError, FeedResult } from '../model.js';
import { parseIcsDateTime } from '../rrule-value.js';
import { formatUtc } from '../time.js';
import { safeUrl } from '../url.js';
import { dateList, readEnd, readRule, readValues, toEventString, ZoneResolver, type Warn } from './event-dates.js';
import { parseContentLine, SKIPPED, splitTextList, unescapeText, unfold, type ContentLine } from './lines.js';
import { observanceStart, parseUtcOffset, resolveTzid, type Observance, type VTimezone } from './vtimezone.js';

/** At most this many problems are listed; a feed of garbage would otherwise flood a UI. */
const MAX_ERRORS = 200;

interface Component {
  name: string;
  line: number;
  props: ContentLine[];
  children: Component[];
}

class Problems {
  readonly list: FeedError[] = [];
  private dropped = 0;

  add(severity: FeedError['severity'], message: string, where: { line?: number; eventId?: string } = {}): void {
    if (this.list.length >= MAX_ERRORS) {
      this.dropped++;
      return;
    }
    const error: FeedError = { severity, message };
    if (where.eventId !== undefined) error.eventId = where.eventId;
    if (where.line !== undefined) error.line = where.line;
    this.list.push(error);
  }

  finish(): FeedError[] {
    if (this.dropped > 0) {
      this.list.push({ severity: 'warning', message: `${this.dropped} further problems were not listed` });
    }
    return this.list;
  }
}

/** Reads an iCalendar (RFC 5545) text or its bytes. Never throws. */
export function parseIcs(input: string | Uint8Array | ArrayBuffer): FeedResult {
  try {
    return readCalendar(input);
  } catch (error) {
    // A bug of ours must not break a widget: report it like a broken feed.
    return {
      events: [],
      associations: [],
      errors: [{ severity: 'error', message: `iCalendar could not be read: ${String(error)}` }],
    };
  }
}

function readCalendar(input: string | Uint8Array | ArrayBuffer): FeedResult {
  const problems = new Problems();
  const { lines, lineNumbers, fallbackEncoding } = unfold(input);
  if (fallbackEncoding) problems.add('warning', `the file is not UTF-8; it was read as ${fallbackEncoding}`);

  const root: Component = { name: 'ROOT', line: 0, props: [], children: [] };
  const stack: Component[] = [root];
  let sawCalendar = false;

  const close = (component: Component, reason: string | undefined): void => {
    if (reason) {
      problems.add('warning', `${component.name} starting at line ${component.line} ${reason}`, {
        line: component.line,
        eventId: uidOf(component),
      });
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) continue;
    const lineNo = lineNumbers[i]!;
    const prop = parseContentLine(text, lineNo, wantedIn(stack[stack.length - 1]!.name));
    if (prop === SKIPPED) continue;
    if (!prop) {
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      problems.add('warning', `line ${lineNo} is not a content line and was ignored: "${shown}"`, { line: lineNo });
      continue;
    }
    const top = stack[stack.length - 1]!;
    if (prop.name === 'BEGIN') {
      const name = prop.value.trim().toUpperCase();
      if (name === 'VCALENDAR') sawCalendar = true;
      if (name === 'VEVENT' || name === 'VCALENDAR' || name === 'VTIMEZONE') {
        // These only live at calendar level (VCALENDAR at the top): whatever is still open
        // inside was never closed. Close it, so that the events after it are not lost.
        const home = name === 'VCALENDAR' ? 0 : Math.max(0, findLast(stack, 'VCALENDAR'));
        while (stack.length - 1 > home) {
          close(stack.pop()!, `was not closed before line ${lineNo}; it was kept`);
        }
      }
      const component: Component = { name, line: lineNo, props: [], children: [] };
      stack[stack.length - 1]!.children.push(component);
      stack.push(component);
      continue;
    }
    if (prop.name === 'END') {
      const name = prop.value.trim().toUpperCase();
      const at = findLast(stack, name);
      if (at <= 0) {
        problems.add('warning', `line ${lineNo}: END:${name} without BEGIN:${name} was ignored`, { line: lineNo });
        continue;
      }
      while (stack.length - 1 > at) close(stack.pop()!, `was not closed before END:${name} at line ${lineNo}`);
      stack.pop();
      continue;
    }
    top.props.push(prop);
  }
  while (stack.length > 1) {
    const open = stack.pop()!;
    if (open.name !== 'VCALENDAR') close(open, 'was not closed at the end of the file; it was kept');
    else problems.add('warning', 'END:VCALENDAR is missing');
  }

  const calendars = root.children.filter((c) => c.name === 'VCALENDAR');
  // Tolerate components outside any VCALENDAR (seen in hand-made files).
  const containers = calendars.length > 0 ? [...calendars, root] : [root];
  const eventComponents: Component[] = [];
  const vtimezones = new Map<string, VTimezone>();
  const result: FeedResult = { events: [], associations: [], errors: [] };
  for (const container of containers) {
    for (const child of container.children) {
      if (child.name === 'VEVENT') eventComponents.push(child);
      else if (child.name === 'VTIMEZONE') readVTimezone(child, vtimezones, problems);
    }
    if (container !== root) {
      const zoneName = first(container, 'X-WR-TIMEZONE')?.value;
      const zone = zoneName ? resolveTzid(unescapeText(zoneName), vtimezones).zone : undefined;
      if (zone && !result.timeZone) result.timeZone = zone;
      const title = first(container, 'X-WR-CALNAME')?.value;
      if (title && !result.title) result.title = unescapeText(title).trim();
    }
  }
  if (!sawCalendar && eventComponents.length === 0) {
    problems.add('error', 'this is not an iCalendar file (no BEGIN:VCALENDAR)');
  }

  const zones = new ZoneResolver(vtimezones, (message, line) => problems.add('warning', message, { line }));
  for (const component of eventComponents) {
    const event = readEvent(component, zones, problems);
    if (event) result.events.push(event);
  }
  result.errors = problems.finish();
  return result;
}

/** The properties read from each kind of component; the rest are skipped unparsed. */
const VEVENT_PROPS = new Set([
  'BEGIN',
  'END',
  'UID',
  'DTSTART',
  'DTEND',
  'DURATION',
  'SUMMARY',
  'DESCRIPTION',
  'LOCATION',
  'GEO',
  'CATEGORIES',
  'URL',
  'IMAGE',
  'ATTACH',
  'ORGANIZER',
  'CONTACT',
  'STATUS',
  'CLASS',
  'RRULE',
  'RDATE',
  'EXDATE',
  'RECURRENCE-ID',
  'LAST-MODIFIED',
  'SEQUENCE',
]);
const ONLY_STRUCTURE = new Set(['BEGIN', 'END']);

const wantVevent = (name: string): boolean => VEVENT_PROPS.has(name) || name.startsWith('X-W4G-');
const wantStructure = (name: string): boolean => ONLY_STRUCTURE.has(name);
const KEEP_ALL = new Set(['ROOT', 'VCALENDAR', 'VTIMEZONE', 'STANDARD', 'DAYLIGHT']);

function wantedIn(component: string): ((name: string) => boolean) | undefined {
  if (component === 'VEVENT') return wantVevent;
  return KEEP_ALL.has(component) ? undefined : wantStructure;
}

function findLast(stack: Component[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.name === name) return i;
  return -1;
}

const NONE: ContentLine[] = [];

// A VEVENT keeps only the ~20 properties it reads (the rest are skipped unparsed), so a
// plain scan beats building an index per component.
function first(component: Component, name: string): ContentLine | undefined {
  const props = component.props;
  for (let i = 0; i < props.length; i++) if (props[i]!.name === name) return props[i];
  return undefined;
}

function all(component: Component, name: string): ContentLine[] {
  let out: ContentLine[] | undefined;
  for (const prop of component.props) if (prop.name === name) (out ??= []).push(prop);
  return out ?? NONE;
}

function uidOf(component: Component): string | undefined {
  const uid = first(component, 'UID')?.value.trim();
  return uid ? unescapeText(uid) : undefined;
}

function readVTimezone(component: Component, out: Map<string, VTimezone>, problems: Problems): void {
  const tzid = first(component, 'TZID')?.value.trim();
  if (!tzid) {
    problems.add('warning', `VTIMEZONE at line ${component.line} has no TZID and was ignored`, { line: component.line });
    return;
  }
  const observances: Observance[] = [];
  for (const child of component.children) {
    if (child.name !== 'STANDARD' && child.name !== 'DAYLIGHT') continue;
    const start = observanceStart(first(child, 'DTSTART')?.value ?? '');
    const offsetFrom = parseUtcOffset(first(child, 'TZOFFSETFROM')?.value ?? '');
    const offsetTo = parseUtcOffset(first(child, 'TZOFFSETTO')?.value ?? '');
    if (!start || offsetFrom === undefined || offsetTo === undefined) {
      problems.add('warning', `VTIMEZONE ${tzid}: ${child.name} at line ${child.line} is incomplete and was ignored`, {
        line: child.line,
      });
      continue;
    }
    const rdates = all(child, 'RDATE')
      .flatMap((p) => p.value.split(','))
      .map((v) => observanceStart(v))
      .filter((w) => w !== undefined);
    const observance: Observance = { start, offsetFrom, offsetTo, rdates };
    const rrule = first(child, 'RRULE')?.value;
    if (rrule) observance.rrule = rrule;
    observances.push(observance);
  }
  out.set(tzid.replace(/^"|"$/g, ''), { tzid, observances });
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

function text(component: Component, name: string): string | undefined {
  const prop = first(component, name);
  if (!prop) return undefined;
  const value = unescapeText(prop.value).trim();
  return value || undefined;
}

function textList(component: Component, name: string): string[] {
  return all(component, name).flatMap((p) => splitTextList(p.value));
}

function readEvent(component: Component, zones: ZoneResolver, problems: Problems): CalendarEvent | undefined {
  const line = component.line;
  const uid = uidOf(component);
  const where = { line, eventId: uid };
  const dtstartProp = first(component, 'DTSTART');
  if (!dtstartProp) {
    problems.add('error', `VEVENT ${uid ? `"${uid}"` : `at line ${line}`} has no DTSTART and was skipped`, where);
    return undefined;
  }
  const startNotes: string[] = [];
  const startValues = readValues(dtstartProp, zones, startNotes);
  if (!startValues || startValues.length !== 1) {
    problems.add(
      'error',
      `VEVENT ${uid ? `"${uid}"` : `at line ${line}`}: DTSTART "${dtstartProp.value}" is not a date or date-time; skipped`,
      {
        line: dtstartProp.line,
        eventId: uid,
      },
    );
    return undefined;
  }
  const start = startValues[0]!;
  const allDay = start.when.kind === 'date';
  const eventZone = allDay ? undefined : start.zone;
  const title = text(component, 'SUMMARY') ?? '';
  const id = uid ?? `generated-${hash(`${dtstartProp.value}|${title}|${line}`)}`;
  if (!uid) problems.add('warning', `VEVENT at line ${line} has no UID; an id was made up from its start and title`, { line });

  const cls = first(component, 'CLASS')?.value.trim().toUpperCase();
  if (cls === 'PRIVATE' || cls === 'CONFIDENTIAL') {
    problems.add('warning', `VEVENT "${id}" is marked CLASS:${cls} and is not shown`, { line, eventId: id });
    return undefined;
  }
  const warn: Warn = (message, at) => problems.add('warning', `VEVENT "${id}": ${message}`, { line: at, eventId: id });
  for (const note of startNotes) warn(note, dtstartProp.line);

  const event: CalendarEvent = {
    id,
    title,
    start: toEventString(start, eventZone),
    allDay,
    status: 'scheduled',
    categories: textList(component, 'CATEGORIES'),
    audience: textList(component, 'X-W4G-AUDIENCE'),
    accessibility: textList(component, 'X-W4G-ACCESSIBILITY'),
  };
  if (eventZone) event.timeZone = eventZone;
  if (!title) problems.add('warning', `VEVENT "${id}" has no SUMMARY`, { line, eventId: id });

  readEnd({ dtend: first(component, 'DTEND'), duration: first(component, 'DURATION') }, start, event, zones, warn);
  readRule(all(component, 'RRULE'), start, event, warn);
  const exdates = dateList(all(component, 'EXDATE'), 'EXDATE', eventZone, zones, warn);
  if (exdates.length) event.exdates = exdates;
  const rdates = dateList(all(component, 'RDATE'), 'RDATE', eventZone, zones, warn);
  if (rdates.length) event.rdates = rdates;

  const recurrenceIdProp = first(component, 'RECURRENCE-ID');
  if (recurrenceIdProp) {
    const notes: string[] = [];
    const values = readValues(recurrenceIdProp, zones, notes);
    for (const note of notes) warn(note, recurrenceIdProp.line);
    if (values?.length === 1) {
      event.recurrenceId = toEventString(values[0]!, eventZone);
    } else {
      problems.add('error', `VEVENT "${id}": RECURRENCE-ID "${recurrenceIdProp.value}" is not a date or date-time; skipped`, {
        line: recurrenceIdProp.line,
        eventId: id,
      });
      return undefined;
    }
  }

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
    if (values?.length === 1) event.previousStart = toEventString(values[0]!, eventZone);
  }

  let description = text(component, 'DESCRIPTION');
  // The writer puts the note first for other apps; it is not part of the description.
  if (description && note && description.startsWith(note)) description = description.slice(note.length).trim() || undefined;
  if (description) event.description = description;
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
  if (location || geo) {
    event.location = {};
    if (location) event.location.name = location;
    if (geo) {
      event.location.lat = geo[0]!;
      event.location.lon = geo[1]!;
    }
  }
  const url = first(component, 'URL');
  if (url) {
    const safe = safeUrl(url.value, 'link');
    if (safe) event.url = safe;
    else
      problems.add('warning', `VEVENT "${id}": URL "${url.value}" is not an http(s) link and was dropped`, {
        line: url.line,
        eventId: id,
      });
  }
  const image =
    first(component, 'IMAGE') ??
    all(component, 'ATTACH').find((p) => (p.params['FMTTYPE'] ?? '').toLowerCase().startsWith('image/'));
  if (image) {
    const safe = safeUrl(image.value, 'image');
    if (safe) event.image = safe;
    const alt = image.params['ALTREP'] ? undefined : text(component, 'X-W4G-IMAGE-ALT');
    if (safe && alt) event.imageAlt = alt;
  }
  const organizer = first(component, 'ORGANIZER');
  if (organizer) {
    const name = organizer.params['CN']?.trim() || organizer.value.replace(/^mailto:/i, '').trim();
    if (name) event.organizer = name;
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
  return event;
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
