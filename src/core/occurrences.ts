/**
 * The occurrences that expansion makes: where a date falls (`Placed`), the occurrence object
 * of one date (descriptive fields copied from its event, dates in the display zone), an
 * override's inherited fields, and the order of occurrences (start instant, all-day first,
 * title, key).
 */
import type { CalendarEvent, Occurrence } from './model.js';
import { removeField } from './cleared.js';
import { IMAGE_FIELDS } from './image.js';
import { compareText } from './filter.js';
import {
  canonicalZone,
  DAY,
  floatToInstant,
  formatDate,
  formatFloat,
  formatInstant,
  formatUtc,
  parseIso,
  whenToInstant,
} from './time.js';

/** The window being expanded, in the display zone. */
export interface Window {
  display: string;
  startMs: number;
  endMs: number;
  /** Day numbers (floating ms / DAY) of the window in the display zone, end exclusive. */
  startDay: number;
  endDay: number;
  /**
   * `YYYY-MM-DD` two days after the window's last day. A single event whose start string
   * (its own wall time or UTC) is not before this day starts at least 22 hours after the
   * window in any zone (offsets differ by at most 26 hours), so it is skipped unparsed.
   */
  beyond: string;
}

/** Occurrences with their start instant, so that sorting compares numbers, not strings. */
export class Collector {
  private readonly items: Occurrence[] = [];
  private readonly keys: number[] = [];

  push(occurrence: Occurrence, sortKey: number): void {
    this.items.push(occurrence);
    this.keys.push(sortKey);
  }

  /** By start instant, all-day first, title (compareText), then key. */
  sorted(): Occurrence[] {
    const { items, keys } = this;
    const ranks = titleRanks(items);
    const compare = (a: number, b: number): number => {
      const byTime = keys[a]! - keys[b]! || ranks[a]! - ranks[b]!;
      if (byTime !== 0) return byTime;
      const ka = items[a]!.key;
      const kb = items[b]!.key;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    };
    const order = byNumbers(keys, ranks);
    if (!order)
      return Array.from({ length: items.length }, (_, i) => i)
        .sort(compare)
        .map((i) => items[i]!);
    // What the numbers left tied (one series listed twice) goes by the full comparison.
    for (let from = 0; from < order.length;) {
      let to = from + 1;
      while (to < order.length && keys[order[from]!] === keys[order[to]!] && ranks[order[from]!] === ranks[order[to]!]) to++;
      if (to - from > 1) order.set(Array.from(order.subarray(from, to)).sort(compare), from);
      from = to;
    }
    const out: Occurrence[] = [];
    for (let i = 0; i < order.length; i++) out.push(items[order[i]!]!);
    return out;
  }
}

/**
 * Ranks for the comparison after the start: all-day dates first, then by title. Titles are
 * ranked once (a feed has far fewer titles than dates), so comparisons compare numbers.
 */
function titleRanks(items: Occurrence[]): Float64Array {
  // The dates of a series come one after another with one title: look each run up once.
  const seen = new Set<string>();
  let last: string | undefined;
  for (let i = 0; i < items.length; i++) {
    const title = items[i]!.title;
    if (title !== last) seen.add((last = title));
  }
  const titles = [...seen].sort(compareText);
  const rankOf = new Map<string, number>();
  for (let i = 0; i < titles.length; i++) rankOf.set(titles[i]!, i);
  const ranks = new Float64Array(items.length);
  let rank = 0;
  last = undefined;
  for (let i = 0; i < items.length; i++) {
    const title = items[i]!.title;
    if (title !== last) rank = rankOf.get((last = title))!;
    ranks[i] = (items[i]!.allDay ? 0 : titles.length) + rank;
  }
  return ranks;
}

/**
 * Indices ordered by key, then by rank, then by index; undefined when the numbers do not fit.
 * Key, rank and index are packed into one exact number each, which a typed array sorts
 * natively: several times faster than a sort calling a comparison function.
 */
function byNumbers(keys: number[], ranks: Float64Array): Int32Array | undefined {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let seconds = true;
  let rankCount = 1;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!Number.isFinite(k)) return undefined;
    if (k < min) min = k;
    if (k > max) max = k;
    if (seconds && k % 1000 !== 0) seconds = false;
    if (ranks[i]! >= rankCount) rankCount = ranks[i]! + 1;
  }
  if (n === 0) return new Int32Array(0);
  const unit = seconds ? 1000 : 1;
  if ((Math.floor((max - min) / unit) + 1) * rankCount * n > Number.MAX_SAFE_INTEGER) return undefined;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = (((keys[i]! - min) / unit) * rankCount + ranks[i]!) * n + i;
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % n;
  return order;
}

/** Where one date of an event falls: instants (timed) or day numbers (all-day). */
export interface Placed {
  allDay: boolean;
  /** Timed: instants. All-day: floating ms of local midnight. */
  start: number;
  end: number;
}

export function eventZone(event: CalendarEvent, w: Window): string {
  return (event.timeZone && canonicalZone(event.timeZone)) || w.display;
}

/**
 * An override that leaves out a field keeps the series' value (seen in hand-made feeds),
 * unless it names the field as cleared: that date has none.
 */
export function inherit(master: CalendarEvent, override: CalendarEvent): CalendarEvent {
  const merged: CalendarEvent = { ...master, ...stripUndefined(override) };
  delete merged.cleared;
  if (!override.title) merged.title = master.title;
  // The status of a date is the override's own: a note or an old date of the series is not.
  if (override.statusNote === undefined) delete merged.statusNote;
  if (override.previousStart === undefined) delete merged.previousStart;
  for (const key of ['categories', 'audience', 'accessibility'] as const) {
    if (override[key].length === 0) merged[key] = master[key];
  }
  for (const field of override.cleared ?? []) removeField(merged, field);
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function formatPlaced(p: Placed, display: string, value: number): string {
  return p.allDay ? formatFloat(value, true) : formatInstant(value, display);
}

export function sortKey(p: Placed, w: Window): number {
  return p.allDay ? floatToInstant(p.start, w.display) : p.start;
}

/**
 * The occurrence of one date. A series passes the occurrence its dates share (`template`):
 * copying it with a spread keeps one object layout for all of them and copies the fields in
 * one go, where adding them one by one would grow each object's property store.
 */
export function toOccurrence(
  event: CalendarEvent,
  placed: Placed,
  original: Placed,
  w: Window,
  recurring: boolean,
  template?: Occurrence,
): Occurrence {
  let end = placed.end;
  if (placed.allDay && end <= placed.start) end = placed.start + DAY;
  const originalKey = original.allDay ? formatFloat(original.start, true) : formatUtc(original.start);
  const o = template ? { ...template } : occurrenceOf(event, w, recurring);
  o.start = formatPlaced(placed, w.display, placed.start);
  o.end = formatPlaced(placed, w.display, end);
  o.allDay = placed.allDay;
  o.recurrenceId = original === placed ? o.start : formatPlaced(original, w.display, original.start);
  o.key = keyPrefix(event.id) + originalKey;
  // Rescheduled: where it was before; the event's own previousStart, else the date it replaces.
  if (event.status === 'rescheduled') {
    const previous = previousStart(event, w);
    if (previous !== undefined) o.previousStart = previous;
    else if (original !== placed && original.start !== placed.start) o.previousStart = o.recurrenceId;
  }
  return o;
}

let prefixId: string | undefined;
let prefix = '';

/**
 * `id/`, made once for the dates of one series (they come one after another): each key is
 * then this shared prefix and the date, not a new join of the id and "/" per date.
 */
function keyPrefix(id: string): string {
  if (id !== prefixId) {
    prefixId = id;
    prefix = `${id}/`;
  }
  return prefix;
}

/** An occurrence of `event` with the date fields still empty; descriptive fields copied one by one. */
export function occurrenceOf(event: CalendarEvent, w: Window, recurring: boolean): Occurrence {
  const o: Occurrence = {
    eventId: event.id,
    title: event.title,
    start: '',
    end: '',
    allDay: event.allDay,
    status: event.status,
    categories: event.categories,
    audience: event.audience,
    accessibility: event.accessibility,
    recurrenceId: '',
    key: '',
    recurring,
    timeZone: w.display,
  };
  for (const field of OPTIONAL_FIELDS) {
    const value = event[field];
    if (value !== undefined) (o as unknown as Record<string, unknown>)[field] = value;
  }
  return o;
}

/** The event's own `previousStart` in the display zone (a date stays a date). */
function previousStart(event: CalendarEvent, w: Window): string | undefined {
  const when = event.previousStart ? parseIso(event.previousStart) : undefined;
  if (!when) return undefined;
  if (when.kind === 'date') return formatDate(when.wall);
  return formatInstant(whenToInstant(when, eventZone(event, w)), w.display);
}

const OPTIONAL_FIELDS = [
  'description',
  'url',
  ...IMAGE_FIELDS,
  'town',
  'location',
  'organizerId',
  'organizer',
  'price',
  'free',
  'contact',
  'updated',
  'source',
  'statusNote',
  'soldOut',
] as const satisfies readonly (keyof CalendarEvent & keyof Occurrence)[];

/** Sort key of an occurrence: its start instant; all-day dates at local midnight. */
function sortInstant(o: Occurrence): number {
  const when = parseIso(o.start);
  if (!when) return 0;
  return whenToInstant(when, o.timeZone);
}

export function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return (
    sortInstant(a) - sortInstant(b) ||
    Number(b.allDay) - Number(a.allDay) ||
    compareText(a.title, b.title) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
