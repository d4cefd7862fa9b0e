/**
 * The clash check ("Terminabstimmung"): which published dates fall on the time of a date
 * someone is entering, in the same town, a neighbouring town, nearby (by position), or, for
 * large events (categories the operator names: Stadtfest, Maislabyrinth…), anywhere in the
 * region. Advice only: the caller shows it, nothing is refused.
 *
 * "Neighbouring" is what the operator configures: a list of towns per town (read both ways),
 * plus, when both the draft and an event have a position, a distance in kilometres.
 */
import type { CalendarEvent, Occurrence } from './model.js';
import { addDaysIso } from './calendar-dates.js';
import { foldText } from './filter.js';
import { expandOccurrences } from './series.js';
import { parseIso, whenToInstant, HOUR } from './time.js';

export interface ClashQuery {
  /** Start of the draft: a date (all-day) or a date-time (local in `zone`, or with an offset). */
  start: string;
  /** Exclusive end, same forms; default: two hours after a time, the day of a date. */
  end?: string;
  town?: string;
  lat?: number;
  lon?: number;
  /** Zone of local times; default Europe/Berlin. */
  zone?: string;
  /** An event id to leave out (the event being edited). */
  exclude?: string;
}

export interface ClashOptions {
  /** Town → neighbouring towns (read both ways). */
  neighbours?: Readonly<Record<string, readonly string[]>>;
  /** Dates with a position within this many kilometres of the draft's position count; 0 or absent: off. */
  radiusKm?: number;
  /** Categories of large events that count anywhere in the region. */
  regionCategories?: readonly string[];
  /** At most this many clashes (the earliest); default 10. */
  limit?: number;
}

export type ClashReason = 'same-town' | 'neighbour' | 'nearby' | 'region';

/** A clashing date: only what the public feed shows anyway, no contact. */
export interface Clash {
  key: string;
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string;
  town?: string;
  place?: string;
  categories: string[];
  reason: ClashReason;
}

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The neighbours of `town`, folded, both ways. */
function neighboursOf(town: string, table: Readonly<Record<string, readonly string[]>>): Set<string> {
  const me = foldText(town);
  const out = new Set<string>();
  for (const [name, list] of Object.entries(table)) {
    const folded = list.map(foldText);
    if (foldText(name) === me) folded.forEach((n) => out.add(n));
    else if (folded.includes(me)) out.add(foldText(name));
  }
  out.delete(me);
  return out;
}

/** The draft's span as instants; undefined when its start is not an ISO date. */
function span(query: ClashQuery, zone: string): { start: number; end: number; firstDay: string; lastDay: string } | undefined {
  const start = parseIso(query.start);
  if (!start) return undefined;
  const end = query.end ? parseIso(query.end) : undefined;
  const s = whenToInstant(start, zone);
  let e: number;
  if (end && (end.kind === 'date') === (start.kind === 'date')) e = whenToInstant(end, zone);
  else if (start.kind === 'date') e = whenToInstant(parseIso(addDaysIso(query.start.slice(0, 10), 1))!, zone);
  else e = s + 2 * HOUR;
  if (e <= s) e = start.kind === 'date' ? whenToInstant(parseIso(addDaysIso(query.start.slice(0, 10), 1))!, zone) : s + 2 * HOUR;
  const firstDay = query.start.slice(0, 10);
  const lastDay = (query.end ?? query.start).slice(0, 10);
  return { start: s, end: e, firstDay, lastDay: lastDay < firstDay ? firstDay : lastDay };
}

function occurrenceSpan(o: Occurrence): { start: number; end: number } {
  const s = whenToInstant(parseIso(o.start)!, o.timeZone);
  const e = whenToInstant(parseIso(o.end)!, o.timeZone);
  return { start: s, end: Math.max(e, s + 1) };
}

/** Published dates overlapping the draft in time, with the reason they matter. Never throws on bad events. */
export function findClashes(events: readonly CalendarEvent[], query: ClashQuery, options: ClashOptions = {}): Clash[] {
  const zone = query.zone ?? 'Europe/Berlin';
  const draft = span(query, zone);
  if (!draft) return [];
  const town = query.town?.trim() ? foldText(query.town) : undefined;
  const neighbours = query.town?.trim() ? neighboursOf(query.town, options.neighbours ?? {}) : new Set<string>();
  const region = new Set((options.regionCategories ?? []).map(foldText));
  const position = Number.isFinite(query.lat) && Number.isFinite(query.lon) ? { lat: query.lat!, lon: query.lon! } : undefined;
  const radius = options.radiusKm ?? 0;
  // The days the draft touches, one day more on each side for other zones and night events.
  const window = { start: addDaysIso(draft.firstDay, -1), end: addDaysIso(draft.lastDay, 2), zone };
  const out: Clash[] = [];
  for (const o of expandOccurrences(events, window)) {
    if (o.status === 'cancelled' || (query.exclude && o.eventId === query.exclude)) continue;
    const when = occurrenceSpan(o);
    if (!(when.start < draft.end && when.end > draft.start)) continue;
    const reason = reasonFor(o, { town, neighbours, region, position, radius });
    if (!reason) continue;
    const clash: Clash = {
      key: o.key,
      title: o.title,
      start: o.start,
      end: o.end,
      allDay: o.allDay,
      timeZone: o.timeZone,
      categories: o.categories,
      reason,
    };
    if (o.town) clash.town = o.town;
    if (o.location?.name) clash.place = o.location.name;
    out.push(clash);
    if (out.length >= (options.limit ?? 10)) break;
  }
  return out;
}

function reasonFor(
  o: Occurrence,
  c: {
    town: string | undefined;
    neighbours: Set<string>;
    region: Set<string>;
    position: { lat: number; lon: number } | undefined;
    radius: number;
  },
): ClashReason | undefined {
  const town = o.town ? foldText(o.town) : undefined;
  if (c.town && town === c.town) return 'same-town';
  if (town && c.neighbours.has(town)) return 'neighbour';
  const lat = o.location?.lat;
  const lon = o.location?.lon;
  if (c.position && c.radius > 0 && lat !== undefined && lon !== undefined && distanceKm(c.position, { lat, lon }) <= c.radius) {
    return 'nearby';
  }
  if (o.categories.some((category) => c.region.has(foldText(category)))) return 'region';
  return undefined;
}
