/**
 * RFC 5545 writer: one occurrence for the "In meinen Kalender" button, or a whole feed for
 * subscriptions (the server's `/api/events.ics`). The feed keeps the series form (RRULE,
 * EXDATE, RDATE, overrides) and the wall times in their zone, with generated VTIMEZONEs, so
 * a calendar app repeats the events the way we do. Fields iCalendar lacks travel as X-W4G-*
 * properties, which our reader takes back.
 */
import type { CalendarEvent, Occurrence } from '../model.js';
import {
  canonicalZone,
  floatToWall,
  formatDuration,
  instantToFloat,
  parseDuration,
  parseIso,
  whenToInstant,
  type When,
} from '../time.js';
import { mailtoUrl, safeUrl } from '../url.js';
import { escapeText, escapeTextList, icsDate, icsLocal, icsUtc, IcsWriter, paramValue, uriValue } from './write-lines.js';
import { writeVTimezone } from './write-vtimezone.js';

export interface OccurrenceIcsOptions {
  /** PRODID of the calendar; default `-//w4g-calendar//w4g-calendar//DE`. */
  prodId?: string;
  /** DTSTAMP; default the current time. */
  now?: Date;
  calendarName?: string;
}

export interface EventsIcsOptions extends OccurrenceIcsOptions {
  /** The feed's default zone, written as X-WR-TIMEZONE; default Europe/Berlin. */
  timeZone?: string;
}

const DEFAULT_PRODID = '-//w4g-calendar//w4g-calendar//DE';

function begin(w: IcsWriter, options: OccurrenceIcsOptions): void {
  w.add('BEGIN', 'VCALENDAR');
  w.add('VERSION', '2.0');
  w.add('PRODID', escapeText(options.prodId ?? DEFAULT_PRODID));
  w.add('CALSCALE', 'GREGORIAN');
  w.add('METHOD', 'PUBLISH');
  if (options.calendarName?.trim()) {
    w.text('NAME', options.calendarName); // RFC 7986
    w.text('X-WR-CALNAME', options.calendarName); // what Apple, Google and Outlook read
  }
}

/** Writes one occurrence as a single event with UTC times (or dates): no zone data needed. */
export function occurrenceToIcs(o: Occurrence, options: OccurrenceIcsOptions = {}): string {
  const w = new IcsWriter();
  begin(w, options);
  w.add('BEGIN', 'VEVENT');
  // The key contains "/" and ":" and may contain anything a feed put in its UID; some
  // clients mishandle escaped UIDs, so everything outside a plain set is percent-encoded.
  w.add(
    'UID',
    `${o.key}@w4g-calendar`.replace(/[^A-Za-z0-9@._~:/+-]/gu, (c) => encodeURIComponent(c)),
  );
  w.add('DTSTAMP', icsUtc((options.now ?? new Date()).getTime()));
  const start = parseIso(o.start);
  const end = parseIso(o.end);
  if (start) {
    const ctx: ValueContext = { allDay: o.allDay, zone: 'UTC', displayZone: o.timeZone };
    const s = dateForm(start, ctx);
    w.add('DTSTART', s.value, s.params);
    if (end && isLater(end, start, ctx)) {
      const e = dateForm(end, ctx);
      w.add('DTEND', e.value, e.params);
    }
    const previous = o.status === 'rescheduled' && o.previousStart ? parseIso(o.previousStart) : undefined;
    if (previous) {
      const p = dateForm(previous, ctx);
      w.add('X-W4G-PREVIOUS-START', p.value, p.params);
    }
  }
  writeContent(w, o);
  w.add('END', 'VEVENT');
  w.add('END', 'VCALENDAR');
  return w.toString();
}

/** Writes a whole feed: VTIMEZONEs for the zones its wall times use, then every event. */
export function eventsToIcs(events: readonly CalendarEvent[], options: EventsIcsOptions = {}): string {
  const w = new IcsWriter();
  begin(w, options);
  w.add('X-WR-TIMEZONE', escapeText(options.timeZone ?? 'Europe/Berlin'));
  const zones = new Map<string, number>();
  for (const event of events) {
    const zone = zoneOfEvent(event);
    if (!zone || zone === 'UTC') continue;
    const year = earliestYear(event);
    zones.set(zone, Math.min(zones.get(zone) ?? year, year));
  }
  for (const zone of [...zones.keys()].sort()) writeVTimezone(w, zone, zones.get(zone)!);
  const stamp = icsUtc((options.now ?? new Date()).getTime());
  for (const event of events) writeEvent(w, event, stamp);
  w.add('END', 'VCALENDAR');
  return w.toString();
}

/** The IANA zone of an event's wall times; undefined for all-day, floating or unknown zones. */
function zoneOfEvent(event: CalendarEvent): string | undefined {
  if (event.allDay || !event.timeZone) return undefined;
  return canonicalZone(event.timeZone);
}

function earliestYear(event: CalendarEvent): number {
  const values = [event.start, event.recurrenceId, ...(event.rdates ?? []), ...(event.exdates ?? [])];
  let year = Infinity;
  for (const value of values) {
    const y = Number(value?.slice(0, 4));
    if (Number.isInteger(y)) year = Math.min(year, y);
  }
  return year;
}

interface ValueContext {
  allDay: boolean;
  /** Zone the values are written in: IANA (TZID), `UTC` (`...Z`) or undefined (floating). */
  zone: string | undefined;
  /** Where a local time without zone is read, for an occurrence: its display zone. */
  displayZone?: string;
}

interface Form {
  params: string;
  value: string;
}

function dateForm(when: When, ctx: ValueContext): Form {
  if (ctx.allDay || when.kind === 'date') {
    const wall = when.kind === 'instant' ? floatToWall(instantToFloat(when.ms, ctx.displayZone ?? 'UTC')) : when.wall;
    return { params: ';VALUE=DATE', value: icsDate(wall) };
  }
  const { zone } = ctx;
  if (zone === 'UTC') {
    const ms = when.kind === 'instant' ? when.ms : whenToInstant(when, canonicalZone(ctx.displayZone ?? 'UTC') ?? 'UTC');
    return { params: '', value: icsUtc(ms) };
  }
  if (zone) {
    const wall = when.kind === 'instant' ? floatToWall(instantToFloat(when.ms, zone)) : when.wall;
    return { params: `;TZID=${paramValue(zone)}`, value: icsLocal(wall) };
  }
  return when.kind === 'instant' ? { params: '', value: icsUtc(when.ms) } : { params: '', value: icsLocal(when.wall) };
}

function isLater(end: When, start: When, ctx: ValueContext): boolean {
  if (ctx.allDay || end.kind === 'date' || start.kind === 'date') {
    return dateForm(end, { ...ctx, allDay: true }).value > dateForm(start, { ...ctx, allDay: true }).value;
  }
  const zone = ctx.zone ?? 'UTC';
  return whenToInstant(end, zone) > whenToInstant(start, zone);
}

/** Values of one property, one line per form (a TZID or VALUE applies to the whole line). */
function writeDates(w: IcsWriter, name: 'EXDATE' | 'RDATE', raw: readonly string[] | undefined, ctx: ValueContext): void {
  const lines = new Map<string, string[]>();
  for (const item of raw ?? []) {
    const [first = '', second] = item.split('/');
    const when = parseIso(first);
    if (!when) continue;
    const start = dateForm(when, ctx);
    let params = start.params;
    let value = start.value;
    // A period is date-time only (3.3.9); an all-day date keeps its start and the series' length.
    if (second && name === 'RDATE' && !start.params.includes('VALUE=DATE')) {
      const endWhen = parseIso(second);
      const duration = endWhen ? undefined : parseDuration(second);
      const end = endWhen ? dateForm(endWhen, ctx) : undefined;
      if (end?.params === start.params || duration) {
        params = `;VALUE=PERIOD${start.params}`;
        value = `${start.value}/${end ? end.value : formatDuration(duration!)}`;
      }
    }
    const list = lines.get(params);
    if (list) list.push(value);
    else lines.set(params, [value]);
  }
  for (const [params, values] of lines) w.add(name, values.join(','), params);
}

function writeEvent(w: IcsWriter, event: CalendarEvent, stamp: string): void {
  const start = parseIso(event.start);
  if (!start) return;
  const ctx: ValueContext = { allDay: event.allDay, zone: zoneOfEvent(event) };
  w.add('BEGIN', 'VEVENT');
  w.add('UID', escapeText(event.id));
  w.add('DTSTAMP', stamp);
  const s = dateForm(start, ctx);
  w.add('DTSTART', s.value, s.params);
  const end = event.end ? parseIso(event.end) : undefined;
  const duration = event.duration ? parseDuration(event.duration) : undefined;
  if (end) {
    // RFC 5545 wants DTEND later than DTSTART; an equal end is the same as no end.
    if (isLater(end, start, ctx)) {
      const e = dateForm(end, ctx);
      w.add('DTEND', e.value, e.params);
    }
  } else if (duration && duration.days >= 0 && duration.ms >= 0) {
    w.add('DURATION', formatDuration(duration));
  }
  const rid = event.recurrenceId ? parseIso(event.recurrenceId) : undefined;
  if (rid) {
    const r = dateForm(rid, ctx);
    w.add('RECURRENCE-ID', r.value, r.params);
    // The fields this date has none of: absent below, as RFC 5545 has it; named for our reader.
    if (event.cleared?.length) w.add('X-W4G-CLEARED', escapeTextList(event.cleared));
  }
  const previous = event.status === 'rescheduled' && event.previousStart ? parseIso(event.previousStart) : undefined;
  if (previous) {
    const p = dateForm(previous, ctx);
    w.add('X-W4G-PREVIOUS-START', p.value, p.params);
  }
  if (event.rrule?.trim()) w.add('RRULE', uriValue(event.rrule.trim().replace(/^RRULE:/i, '')));
  writeDates(w, 'RDATE', event.rdates, ctx);
  writeDates(w, 'EXDATE', event.exdates, ctx);
  if (event.sequence !== undefined && Number.isInteger(event.sequence) && event.sequence >= 0) {
    w.add('SEQUENCE', String(event.sequence));
  }
  const updated = event.updated ? parseIso(event.updated) : undefined;
  if (updated) w.add('LAST-MODIFIED', icsUtc(whenToInstant(updated, 'UTC')));
  writeContent(w, event);
  w.add('END', 'VEVENT');
}

type Content = Pick<CalendarEvent, 'title' | 'status' | 'categories' | 'audience' | 'accessibility'> &
  Partial<
    Pick<
      CalendarEvent,
      | 'description'
      | 'url'
      | 'image'
      | 'imageAlt'
      | 'imageCredit'
      | 'imageLicense'
      | 'imageWidth'
      | 'imageHeight'
      | 'town'
      | 'location'
      | 'organizerId'
      | 'organizer'
      | 'price'
      | 'free'
      | 'contact'
      | 'statusNote'
      | 'soldOut'
    >
  >;

/** RFC 5545 has CONFIRMED, TENTATIVE and CANCELLED; the rest travels as X-W4G-STATUS. */
const STATUS = {
  scheduled: 'CONFIRMED',
  cancelled: 'CANCELLED',
  postponed: 'TENTATIVE',
  rescheduled: 'CONFIRMED',
  movedOnline: 'CONFIRMED',
} as const;
const X_STATUS = { postponed: 'POSTPONED', rescheduled: 'RESCHEDULED', movedOnline: 'MOVED-ONLINE' } as const;

/** The descriptive properties, shared by the single-occurrence and the feed writer. */
function writeContent(w: IcsWriter, e: Content): void {
  w.text('SUMMARY', e.title);
  // Other calendar apps show no X- property: the note leads the description (our reader
  // takes it off again).
  const note = e.statusNote?.trim();
  w.text('DESCRIPTION', note ? [note, e.description?.trim()].filter(Boolean).join('\n\n') : e.description);
  const place = [e.location?.name, e.location?.address].filter((part) => part?.trim()).join(', ');
  w.text('LOCATION', place);
  const { lat, lon } = e.location ?? {};
  if (Number.isFinite(lat) && Number.isFinite(lon)) w.add('GEO', `${lat};${lon}`);
  const url = safeUrl(e.url, 'link');
  if (url) w.add('URL', uriValue(url));
  if (e.categories.length) w.add('CATEGORIES', escapeTextList(e.categories));
  // A postponed date is not confirmed; TENTATIVE is the nearest RFC 5545 status.
  w.add('STATUS', STATUS[e.status] ?? 'CONFIRMED');
  if (e.status in X_STATUS) w.add('X-W4G-STATUS', X_STATUS[e.status as keyof typeof X_STATUS]);
  w.text('X-W4G-STATUS-NOTE', note);
  if (e.soldOut !== undefined) w.add('X-W4G-SOLD-OUT', e.soldOut ? 'TRUE' : 'FALSE');
  if (e.organizer?.trim()) {
    // ORGANIZER needs an address; the event's public contact, else a reserved non-address.
    const address = mailtoUrl(e.contact?.email) ?? 'mailto:noreply@invalid';
    w.add('ORGANIZER', uriValue(address), `;CN=${paramValue(e.organizer.trim())}`);
  }
  const contact = [e.contact?.name, e.contact?.email, e.contact?.phone, e.contact?.url].filter((p) => p?.trim()).join(', ');
  w.text('CONTACT', contact);
  w.text('X-W4G-TOWN', e.town);
  w.text('X-W4G-ORGANIZER-ID', e.organizerId);
  if (e.audience.length) w.add('X-W4G-AUDIENCE', escapeTextList(e.audience));
  if (e.accessibility.length) w.add('X-W4G-ACCESSIBILITY', escapeTextList(e.accessibility));
  w.text('X-W4G-PRICE', e.price);
  if (e.free !== undefined) w.add('X-W4G-FREE', e.free ? 'TRUE' : 'FALSE');
  const image = safeUrl(e.image, 'image');
  if (image) {
    // RFC 7986 IMAGE with the URL; what it lacks (the text alternative, who made the picture,
    // its licence, its size) travels as X-W4G-IMAGE-* properties beside it. Other apps show
    // the picture and ignore the rest; our reader takes all of it back.
    // VALUE=TEXT tells generic readers (ical.js) to unescape commas and semicolons.
    w.add('IMAGE', uriValue(image), ';VALUE=URI');
    w.text('X-W4G-IMAGE-ALT', e.imageAlt, ';VALUE=TEXT');
    w.text('X-W4G-IMAGE-CREDIT', e.imageCredit, ';VALUE=TEXT');
    if (e.imageLicense) w.add('X-W4G-IMAGE-LICENSE', escapeText(e.imageLicense));
    if (e.imageWidth && e.imageHeight) w.add('X-W4G-IMAGE-SIZE', `${e.imageWidth}x${e.imageHeight}`);
  }
}
