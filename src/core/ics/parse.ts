/**
 * RFC 5545 reader: bytes -> unfolded lines -> content lines -> components -> CalendarEvents.
 * It never throws. A broken event is skipped and reported; everything else comes out.
 *
 * A VEVENT is read into a CalendarEvent as soon as it ends, so its content lines die young
 * (a big feed never holds all of them at once), unless one of its TZIDs may need a
 * VTIMEZONE of the file (which may come later): such events are read after the last line.
 * Either way, events and their problems come out in the order of the file.
 */
import type { CalendarEvent, FeedError, FeedResult } from '../model.js';
import { all, first, uidOf, type Component, type Report } from './components.js';
import { ZoneResolver } from './event-dates.js';
import { forEachLine, own, parseContentLine, shareValues, SKIPPED, unescapeText, type LineVisitor } from './lines.js';
import { readEvent } from './read-event.js';
import { observanceStart, parseUtcOffset, resolveTzid, type Observance, type VTimezone } from './vtimezone.js';

/** At most this many problems are listed; a feed of garbage would otherwise flood a UI. */
const MAX_ERRORS = 200;

class Problems {
  readonly list: FeedError[] = [];
  private dropped = 0;

  add(severity: FeedError['severity'], message: string, where: { line?: number; eventId?: string } = {}): void {
    this.push(problem(severity, message, where));
  }

  push(error: FeedError): void {
    if (this.list.length >= MAX_ERRORS) {
      this.dropped++;
      return;
    }
    this.list.push(error);
  }

  /** A problem about the whole file, found after the lines were read, listed first. */
  first(severity: FeedError['severity'], message: string): void {
    if (this.list.length >= MAX_ERRORS) {
      this.list.pop();
      this.dropped++;
    }
    this.list.unshift({ severity, message });
  }

  finish(): FeedError[] {
    if (this.dropped > 0) {
      this.list.push({ severity: 'warning', message: `${this.dropped} further problems were not listed` });
    }
    return this.list;
  }
}

function problem(severity: FeedError['severity'], message: string, where: { line?: number; eventId?: string }): FeedError {
  const error: FeedError = { severity, message };
  if (where.eventId !== undefined) error.eventId = where.eventId;
  if (where.line !== undefined) error.line = where.line;
  return error;
}

/**
 * A VEVENT in file order that is more than its event: its problems, or its component kept to
 * be read at the end (its TZIDs may need the file's VTIMEZONEs). Most VEVENTs are read when
 * they end and listed as their event alone.
 */
class Slot {
  component?: Component;
  event?: CalendarEvent;
  problems?: FeedError[];
}

/** A component while it is open; a VEVENT knows the list it goes to. */
interface Open extends Component {
  list?: (CalendarEvent | Slot)[];
}

/** Reads an iCalendar (RFC 5545) text or its bytes. Never throws. */
export function parseIcs(input: string | Uint8Array | ArrayBuffer): FeedResult {
  try {
    // Bytes that prove part-way to need reading byte by byte are read again from the start.
    shareValues(true);
    return readCalendar(input) ?? readCalendar(input, true)!;
  } catch (error) {
    // A bug of ours must not break a widget: report it like a broken feed.
    return {
      events: [],
      associations: [],
      errors: [{ severity: 'error', message: `iCalendar could not be read: ${String(error)}` }],
    };
  } finally {
    shareValues(false);
  }
}

const NO_ZONES: ReadonlyMap<string, VTimezone> = new Map();

/** Undefined when the bytes proved to need reading byte by byte after some lines were read. */
function readCalendar(input: string | Uint8Array | ArrayBuffer, bytePath = false): FeedResult | undefined {
  const problems = new Problems();
  const vtimezones = new Map<string, VTimezone>();
  // Which slot's problems a zone warning belongs to (zone warnings come from reading events).
  let reportTo: Slot | undefined;
  const zones = new ZoneResolver(vtimezones, (message, line) => reportIn(reportTo!)('warning', message, { line }));
  const calendarSlots: (CalendarEvent | Slot)[] = [];
  // Tolerate components outside any VCALENDAR (seen in hand-made files): their events come last.
  const rootSlots: (CalendarEvent | Slot)[] = [];
  let vevents = 0;
  const ownZone = new Map<string, boolean>();

  /** True when every TZID of the event resolves without the file's VTIMEZONEs. */
  const readableNow = (component: Component): boolean => {
    for (const prop of component.props) {
      const tzid = prop.params['TZID'];
      if (tzid === undefined) continue;
      let known = ownZone.get(tzid);
      if (known === undefined) {
        known = resolveTzid(tzid, NO_ZONES).zone !== undefined;
        ownZone.set(tzid, known);
      }
      // An unquoted TZID with a colon is read together with part of the value.
      if (!known || prop.value.includes(':')) return false;
    }
    return true;
  };
  const read = (slot: Slot, component: Component): void => {
    reportTo = slot;
    const event = readEvent(component, zones, reportIn(slot));
    if (event) slot.event = event;
    slot.component = undefined;
  };

  const root: Component = { name: 'ROOT', line: 0, props: [], children: [] };
  const stack: Open[] = [root];
  let top = root;
  let wanted = wantedIn(top.name);
  let sawCalendar = false;

  const pop = (reason?: string): void => {
    const component = stack.pop()!;
    if (reason) {
      problems.add('warning', `${component.name} starting at line ${component.line} ${reason}`, {
        line: component.line,
        eventId: uidOf(component),
      });
    }
    const list = component.list;
    if (!list) return;
    const slot = new Slot();
    if (readableNow(component)) {
      read(slot, component);
      list.push(slot.event && !slot.problems ? slot.event : slot);
    } else {
      slot.component = component;
      list.push(slot);
    }
  };
  const opened = (): void => {
    top = stack[stack.length - 1]!;
    wanted = wantedIn(top.name);
  };

  const visit: LineVisitor = (text, lineNo) => {
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
    const prop = parseContentLine(text, lineNo, wanted);
    if (prop === SKIPPED) return;
    if (!prop) {
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      problems.add('warning', `line ${lineNo} is not a content line and was ignored: "${shown}"`, { line: lineNo });
      return;
    }
    if (prop.name === 'BEGIN') {
      const name = prop.value.trim().toUpperCase();
      if (name === 'VCALENDAR') sawCalendar = true;
      if (name === 'VEVENT' || name === 'VCALENDAR' || name === 'VTIMEZONE') {
        // These only live at calendar level (VCALENDAR at the top): whatever is still open
        // inside was never closed. Close it, so that the events after it are not lost.
        const home = name === 'VCALENDAR' ? 0 : Math.max(0, findLast(stack, 'VCALENDAR'));
        while (stack.length - 1 > home) pop(`was not closed before line ${lineNo}; it was kept`);
      }
      const component: Open = { name, line: lineNo, props: [], children: [] };
      const parent = stack[stack.length - 1]!;
      if (name === 'VEVENT') {
        // Always a child of a VCALENDAR or of the root (BEGIN:VEVENT closed what was open).
        // Its place in the list is taken when it ends (see pop): the lists live for the whole
        // read, and an entry made here, pointing at the component, made the garbage collector
        // copy every component and its lines along (twice as many bytes per parse, measured
        // with --trace-gc-nvp).
        component.list = parent === root ? rootSlots : calendarSlots;
        vevents++;
      } else {
        parent.children.push(component);
      }
      stack.push(component);
      opened();
      return;
    }
    if (prop.name === 'END') {
      const name = prop.value.trim().toUpperCase();
      const at = findLast(stack, name);
      if (at <= 0) {
        problems.add('warning', `line ${lineNo}: END:${name} without BEGIN:${name} was ignored`, { line: lineNo });
        return;
      }
      while (stack.length - 1 > at) pop(`was not closed before END:${name} at line ${lineNo}`);
      pop();
      opened();
      return;
    }
    top.props.push(prop);
  };
  const { fallbackEncoding, retry } = forEachLine(input, visit, bytePath);
  if (retry) return undefined;
  if (fallbackEncoding) problems.first('warning', `the file is not UTF-8; it was read as ${fallbackEncoding}`);
  while (stack.length > 1) {
    if (stack[stack.length - 1]!.name !== 'VCALENDAR') pop('was not closed at the end of the file; it was kept');
    else {
      pop();
      problems.add('warning', 'END:VCALENDAR is missing');
    }
  }

  const calendars = root.children.filter((c) => c.name === 'VCALENDAR');
  const containers = calendars.length > 0 ? [...calendars, root] : [root];
  const result: FeedResult = { events: [], associations: [], errors: [] };
  for (const container of containers) {
    for (const child of container.children) {
      if (child.name === 'VTIMEZONE') readVTimezone(child, vtimezones, problems);
    }
    if (container !== root) {
      const zoneName = first(container, 'X-WR-TIMEZONE')?.value;
      const zone = zoneName ? resolveTzid(unescapeText(zoneName), vtimezones).zone : undefined;
      if (zone && !result.timeZone) result.timeZone = zone;
      const title = first(container, 'X-WR-CALNAME')?.value;
      if (title && !result.title) result.title = own(unescapeText(title).trim());
    }
  }
  if (!sawCalendar && vevents === 0) {
    problems.add('error', 'this is not an iCalendar file (no BEGIN:VCALENDAR)');
  }

  for (const slot of [...calendarSlots, ...rootSlots]) {
    if (!(slot instanceof Slot)) {
      result.events.push(slot);
      continue;
    }
    if (slot.component) read(slot, slot.component);
    if (slot.event) result.events.push(slot.event);
    if (slot.problems) for (const error of slot.problems) problems.push(error);
  }
  result.errors = problems.finish();
  return result;
}

/** A report that files an event's problems with its slot, to be listed in file order. */
function reportIn(slot: Slot): Report {
  return (severity, message, where = {}) => {
    (slot.problems ??= []).push(problem(severity, message, where));
  };
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

function readVTimezone(component: Component, out: Map<string, VTimezone>, problems: Problems): void {
  const tzid = own(first(component, 'TZID')?.value.trim() ?? '');
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
