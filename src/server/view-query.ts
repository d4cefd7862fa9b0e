/**
 * The query of a feed view, read from a request's query string: a window (`start`/`end`, as
 * FullCalendar sends them) and the elements' filters. Everything the client sends is checked
 * here, on the main thread, so the render worker only ever sees a valid, normalized query;
 * unknown parameters (cache busters such as `_=1712345`) are ignored.
 */
import { addDaysIso, foldText } from '../core/index.js';
import { dayNumber, parseDateOnly } from '../core/calendar-dates.js';
import { DAY, floatToWall, formatDate, instantToFloat, parseIso, wallToFloat } from '../core/time.js';
import { HttpError } from './context.js';
import type { ViewQuery } from './views.js';

/** The longest window one request may ask for, in days. */
export const MAX_WINDOW_DAYS = 400;

/** The longest value of one parameter (a town list, a search). */
const MAX_VALUE = 300;

export const VIEW_MSG = {
  date: (name: string) =>
    `Der Parameter „${name}“ ist kein gültiges Datum (JJJJ-MM-TT oder JJJJ-MM-TTTHH:MM:SS mit Zeitzone, z. B. 2027-03-01T00:00:00+01:00).`,
  pair: 'Bitte geben Sie „start“ und „end“ zusammen an (der Zeitraum braucht Anfang und Ende).',
  order: 'Das Ende des Zeitraums („end“) muss nach dem Anfang („start“) liegen.',
  tooLong: `Der Zeitraum ist zu lang: höchstens ${MAX_WINDOW_DAYS} Tage je Anfrage.`,
  flag: (name: string) => `Der Parameter „${name}“ erlaubt nur 1, true, 0 oder false.`,
  list: (name: string) =>
    `Der Parameter „${name}“ darf nur einmal vorkommen; mehrere Werte trennen Sie mit Kommas (town=Arnstein,Seeland).`,
  long: (name: string) => `Der Parameter „${name}“ ist zu lang (höchstens ${MAX_VALUE} Zeichen).`,
} as const;

const TEXT_KEYS = ['town', 'category', 'organizer', 'audience', 'q'] as const;
const FLAG_KEYS = ['accessible', 'free'] as const;

/** The querystring schema of the view routes: loose on purpose, the checks below speak German. */
export const VIEW_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: true,
} as const;

function text(raw: Record<string, unknown>, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new HttpError(400, VIEW_MSG.list(name));
  const s = String(value).trim();
  if (s.length > MAX_VALUE) throw new HttpError(400, VIEW_MSG.long(name));
  return s || undefined;
}

function flag(raw: Record<string, unknown>, name: string): boolean | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return undefined;
  throw new HttpError(400, VIEW_MSG.flag(name));
}

/**
 * The calendar date a bound names in `zone`: a date as it is; a date-time without offset as
 * wall time in the zone; an instant as the date it shows there. An end that is not midnight
 * there (a client in another zone) is rounded up to the next day, so the window covers it.
 */
function boundDate(value: string, name: 'start' | 'end', zone: string): string {
  const when = parseIso(value);
  if (!when) throw new HttpError(400, VIEW_MSG.date(name));
  if (when.kind === 'date') return formatDate(when.wall);
  const float = when.kind === 'instant' ? instantToFloat(when.ms, zone) : wallToFloat(when.wall);
  const date = formatDate(floatToWall(Math.floor(float / DAY) * DAY));
  return name === 'end' && float % DAY !== 0 ? addDaysIso(date, 1) : date;
}

/** Reads a request's query; throws HttpError 400 with a German message. */
export function parseViewQuery(raw: Record<string, unknown>, zone: string): ViewQuery {
  const query: ViewQuery = {};
  const start = text(raw, 'start');
  const end = text(raw, 'end');
  if ((start === undefined) !== (end === undefined)) throw new HttpError(400, VIEW_MSG.pair);
  if (start !== undefined && end !== undefined) {
    const from = boundDate(start, 'start', zone);
    const to = boundDate(end, 'end', zone);
    const days = dayNumber(parseDateOnly(to)) - dayNumber(parseDateOnly(from));
    if (days <= 0) throw new HttpError(400, VIEW_MSG.order);
    if (days > MAX_WINDOW_DAYS) throw new HttpError(400, VIEW_MSG.tooLong);
    query.start = from;
    query.end = to;
  }
  for (const key of TEXT_KEYS) {
    const value = text(raw, key);
    if (value !== undefined) query[key] = value;
  }
  for (const key of FLAG_KEYS) {
    if (flag(raw, key)) query[key] = true;
  }
  return query;
}

/** True when the query asks for nothing but the whole feed. */
export function isWholeFeed(query: ViewQuery): boolean {
  return Object.keys(query).length === 0;
}

/** The cache key of a query: its fields in one fixed order. */
export function queryKey(query: ViewQuery): string {
  const keys = ['start', 'end', ...TEXT_KEYS, ...FLAG_KEYS] as const;
  return JSON.stringify(keys.map((k) => query[k] ?? null));
}

/** The query as a query string in one fixed order (the `self` link of a feed). */
export function canonicalQuery(query: ViewQuery): string {
  const params = new URLSearchParams();
  for (const key of ['start', 'end', ...TEXT_KEYS] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  for (const key of FLAG_KEYS) if (query[key]) params.set(key, '1');
  return params.toString();
}

/** A town's form in a URL: `Falkenstein/Harz` -> `falkenstein-harz`, `Groß Schierstedt` -> `gross-schierstedt`. */
export function townSlug(town: string): string {
  return foldText(town)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
