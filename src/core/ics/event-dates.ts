/**
 * The dates of a VEVENT: DATE / DATE-TIME values with their TZID, the end (DTEND or
 * DURATION), the RRULE and the EXDATE / RDATE lists, each read into a CalendarEvent's
 * strings. Values that break RFC 5545 in a way whose intent is clear are read as meant and
 * reported (see ../lenient.ts).
 */
import type { CalendarEvent } from '../model.js';
import { endOfOtherKind, endOfOtherKindReading, readDuration, untilReading } from '../lenient.js';
import { parseRecurrenceRule } from '../rrule-value.js';
import {
  formatDate,
  formatDuration,
  formatUtc,
  formatWall,
  parseDuration,
  parseIcsDateTime,
  wallToInstant,
  type When,
} from '../time.js';
import type { ContentLine } from './lines.js';
import { resolveTzid, type VTimezone } from './vtimezone.js';

/** Reports a warning about the event being read, at a line of the file. */
export type Warn = (message: string, line: number) => void;

/** Resolves each TZID once per file and reports names that could not be understood once. */
export class ZoneResolver {
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly vtimezones: Map<string, VTimezone>,
    private readonly report: (message: string, line: number) => void,
  ) {}

  resolve(tzid: string, line: number): string | undefined {
    let zone = this.cache.get(tzid);
    if (zone === undefined) {
      const resolved = resolveTzid(tzid, this.vtimezones);
      zone = resolved.zone ?? null;
      if (!zone) this.report(`unknown time zone "${tzid}" (line ${line}); its times are read as floating`, line);
      this.cache.set(tzid, zone);
    }
    return zone ?? undefined;
  }

  /** The zone of a TZID, without reporting a name that is not understood. */
  peek(tzid: string): string | undefined {
    return this.cache.get(tzid) ?? resolveTzid(tzid, this.vtimezones).zone;
  }
}

export interface ReadValue {
  when: When;
  /** The zone of a local time: IANA, or undefined for floating. `UTC` for instants. */
  zone: string | undefined;
}

/**
 * A TZID with a colon and no quotes (`TZID=GMT+01:00:20261224T190000`, Google Calendar) is
 * cut at its first colon by the content-line grammar. A DATE-TIME never holds a colon, so the
 * value starts after the last one.
 */
function splitUnquotedTzid(prop: ContentLine): { tzid: string | undefined; value: string; reading?: string } {
  const tzid = prop.params['TZID'];
  const cut = prop.value.lastIndexOf(':');
  if (tzid === undefined || cut < 0) return { tzid, value: prop.value };
  const whole = `${tzid}:${prop.value.slice(0, cut)}`;
  return {
    tzid: whole,
    value: prop.value.slice(cut + 1),
    reading: `${prop.name}: TZID "${whole}" holds a colon but is not quoted; it was read up to the last colon`,
  };
}

/**
 * DATE / DATE-TIME with TZID, as one or more values of one property. What was read leniently
 * is added to `notes`.
 */
export function readValues(prop: ContentLine, zones: ZoneResolver, notes: string[] = []): ReadValue[] | undefined {
  let tzid = prop.params['TZID'];
  let value = prop.value;
  if (tzid !== undefined && value.includes(':')) {
    const split = splitUnquotedTzid(prop);
    ({ tzid, value } = split);
    if (split.reading) notes.push(split.reading);
  }
  if (!value.includes(',')) {
    const one = readValue(value, prop, tzid, zones, notes);
    return one === undefined ? undefined : one === null ? [] : [one];
  }
  const out: ReadValue[] = [];
  for (const raw of value.split(',')) {
    const one = readValue(raw, prop, tzid, zones, notes);
    if (one === undefined) return undefined;
    if (one !== null) out.push(one);
  }
  return out;
}

/** One DATE or DATE-TIME of a list; null for an empty item, undefined for a bad one. */
function readValue(
  raw: string,
  prop: ContentLine,
  tzid: string | undefined,
  zones: ZoneResolver,
  notes: string[],
): ReadValue | undefined | null {
  const when = parseIcsDateTime(raw);
  if (!when) return raw.trim() ? undefined : null;
  if (when.kind === 'date') return { when, zone: undefined };
  if (when.kind === 'local') return { when, zone: tzid ? zones.resolve(tzid, prop.line) : undefined };
  const named = tzid ? zones.peek(tzid) : undefined;
  if (tzid && named !== 'UTC') {
    notes.push(`${prop.name} "${raw.trim()}" has TZID=${tzid} and ends in "Z" (UTC); it was read as UTC`);
  }
  return { when, zone: 'UTC' };
}

/** A value as a CalendarEvent string relative to the event's zone. */
export function toEventString(value: ReadValue, eventZone: string | undefined): string {
  const { when, zone } = value;
  if (when.kind === 'date') return formatDate(when.wall);
  if (when.kind === 'instant') return formatUtc(when.ms);
  if (zone === eventZone || zone === undefined) return formatWall(when.wall);
  return formatUtc(wallToInstant(when.wall, zone));
}

function instantOf(value: ReadValue, eventZone: string | undefined): number {
  const { when } = value;
  if (when.kind === 'instant') return when.ms;
  return wallToInstant(when.wall, value.zone ?? eventZone ?? 'UTC');
}

/** DTEND as the event's end, or why it is not used. */
function readDtend(dtend: ContentLine, start: ReadValue, event: CalendarEvent, zones: ZoneResolver, warn: Warn): void {
  const notes: string[] = [];
  const values = readValues(dtend, zones, notes);
  for (const note of notes) warn(note, dtend.line);
  let end = values?.length === 1 ? values[0]! : undefined;
  if (!end) {
    warn(`DTEND "${dtend.value}" is not a date or date-time and was ignored`, dtend.line);
    return;
  }
  if ((end.when.kind === 'date') !== event.allDay) {
    // Edlio, Confluence and others: an all-day event ending at 23:59:59 or at midnight.
    const when = endOfOtherKind(start.when, end.when);
    const kinds = event.allDay ? 'DTSTART is a date but DTEND a date-time' : 'DTSTART is a date-time but DTEND a date';
    warn(`${kinds}; DTEND ${dtend.value.trim()} was ${endOfOtherKindReading(start.when, when)}`, dtend.line);
    end = { when, zone: event.timeZone };
  }
  if (event.allDay && toEventString(end, undefined) === event.start) {
    // Nothing can end before it starts: generators that write the last day mean one day.
    warn('DTEND equals DTSTART on an all-day event; it was read as one day', dtend.line);
  } else if (
    event.allDay ? toEventString(end, undefined) < event.start : instantOf(end, event.timeZone) < instantOf(start, event.timeZone)
  ) {
    warn('DTEND is before DTSTART and was ignored', dtend.line);
  } else {
    event.end = toEventString(end, event.timeZone);
  }
}

function readDurationProp(prop: ContentLine, event: CalendarEvent, warn: Warn): void {
  const read = readDuration(prop.value);
  const duration = read?.duration;
  if (!duration || duration.days < 0 || duration.ms < 0) {
    warn(`DURATION "${prop.value}" is not a positive duration and was ignored`, prop.line);
    return;
  }
  if (read.reading) warn(`DURATION "${prop.value.trim()}" ${read.reading}`, prop.line);
  if (event.allDay) {
    const days = Math.max(1, duration.days + Math.floor(duration.ms / 86_400_000));
    event.duration = `P${days}D`;
  } else {
    event.duration = formatDuration(duration);
  }
}

/** The end: DTEND, else DURATION, else RFC 5545's default (a day for dates, nothing for times). */
export function readEnd(
  props: { dtend: ContentLine | undefined; duration: ContentLine | undefined },
  start: ReadValue,
  event: CalendarEvent,
  zones: ZoneResolver,
  warn: Warn,
): void {
  if (props.dtend) {
    readDtend(props.dtend, start, event, zones, warn);
    if (props.duration) warn('DTEND and DURATION are both given; DURATION was ignored', props.duration.line);
  } else if (props.duration) {
    readDurationProp(props.duration, event, warn);
  }
}

/** The first RRULE as the event's rule, written again without what was read leniently. */
export function readRule(rules: ContentLine[], start: ReadValue, event: CalendarEvent, warn: Warn): void {
  const rrule = rules[0];
  if (!rrule) return;
  const parsed = parseRecurrenceRule(rrule.value);
  if (parsed.error !== undefined) {
    warn(`${parsed.error}; only its first date is shown`, rrule.line);
  } else {
    event.rrule = parsed.text;
    // A second "RRULE:" in the value (written by generators that add the prefix to a rule
    // that already has it) is dropped with the first.
    if (/^\s*RRULE:/i.test(rrule.value)) warn('RRULE value starts with a second "RRULE:"; it was dropped', rrule.line);
    for (const warning of parsed.warnings) warn(warning, rrule.line);
    const until = untilReading(parsed.rule, start.when, start.zone !== undefined);
    if (until) warn(until, rrule.line);
  }
  if (rules.length > 1) warn('several RRULEs are given; only the first is used', rrule.line);
}

function readPeriods(prop: ContentLine, eventZone: string | undefined, zones: ZoneResolver, warn: Warn): string[] {
  const out: string[] = [];
  for (const raw of prop.value.split(',')) {
    const [startRaw = '', endRaw = ''] = raw.split('/');
    const startValues = readValues({ ...prop, value: startRaw }, zones);
    const start = startValues?.[0];
    const endValues =
      endRaw.toUpperCase().startsWith('P') || endRaw.startsWith('+') ? undefined : readValues({ ...prop, value: endRaw }, zones);
    const duration = endValues ? undefined : parseDuration(endRaw);
    if (!start || (!endValues?.[0] && !duration)) {
      warn(`RDATE period "${raw}" was not understood and ignored`, prop.line);
      continue;
    }
    const second = endValues?.[0] ? toEventString(endValues[0], eventZone) : formatDuration(duration!);
    out.push(`${toEventString(start, eventZone)}/${second}`);
  }
  return out;
}

/** EXDATE or RDATE values as CalendarEvent strings. */
export function dateList(
  props: ContentLine[],
  name: 'EXDATE' | 'RDATE',
  eventZone: string | undefined,
  zones: ZoneResolver,
  warn: Warn,
): string[] {
  const out: string[] = [];
  for (const prop of props) {
    if (name === 'RDATE' && prop.params['VALUE']?.toUpperCase() === 'PERIOD') {
      out.push(...readPeriods(prop, eventZone, zones, warn));
      continue;
    }
    const notes: string[] = [];
    const values = readValues(prop, zones, notes);
    for (const note of notes) warn(note, prop.line);
    if (!values) {
      warn(`${name} "${prop.value}" was not understood and ignored`, prop.line);
      continue;
    }
    for (const value of values) out.push(toEventString(value, eventZone));
  }
  return out;
}
