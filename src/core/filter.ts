/**
 * Pure filters over occurrences. Every list filter is "any of" within itself and all filters
 * apply together ("Aschersleben or Seeland" and "Kultur"), as the elements' attributes say.
 * Comparison ignores case, surrounding spaces and accents ("Fest" finds "Fest", "FEST").
 */
import type { Association, CalendarEvent, Occurrence } from './model.js';

/**
 * What the content filters read: the same fields on an Occurrence and on a CalendarEvent, so
 * a server can filter a feed's events (series unexpanded) with the rules the elements use.
 */
export type Filterable = Pick<
  Occurrence & CalendarEvent,
  | 'title'
  | 'description'
  | 'location'
  | 'town'
  | 'organizer'
  | 'organizerId'
  | 'categories'
  | 'audience'
  | 'accessibility'
  | 'free'
  | 'status'
>;
import { addDaysIso } from './calendar-dates.js';
import { parseIso, whenToInstant } from './time.js';

export interface OccurrenceFilter {
  /** Towns (any of); a comma-separated string or a list. */
  town?: string | readonly string[];
  category?: string | readonly string[];
  /** Organizer ids or names (any of). */
  organizer?: string | readonly string[];
  audience?: string | readonly string[];
  /** Free text: every word must appear in title, description, place, town, organizer or categories. */
  q?: string;
  /** ISO date or date-time: occurrences ending after it. */
  from?: string;
  /** ISO date: the last day (inclusive), as a webmaster reads `to`; or a date-time: occurrences starting up to it. */
  to?: string;
  /** Only dates with accessibility facts (step-free access, induction loop…). */
  accessible?: boolean;
  /** Only dates free of charge. */
  free?: boolean;
  /** Hide cancelled dates (default: shown, labelled). */
  hideCancelled?: boolean;
}

/** Lower-cased, trimmed, accents removed, ß as ss: the form filters compare. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const sortKeys = new Map<string, string>();

/**
 * German dictionary order (DIN 5007-1): case and accents ignored (ä sorts as a, ß as ss),
 * then punctuation ignored (`„Faust“` under F); equal keys fall back to the texts themselves,
 * so the order is total and the same everywhere. Written out instead of Intl.Collator, whose
 * set-up costs a page 12-17 ms before it can sort the first list.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : 1;
}

/** Punctuation and symbols the key leaves out: ASCII, Latin-1 (« » ¿ ·) and U+2000-U+206F (– „ “ …). */
function isPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0xbf) ||
    code === 0xd7 ||
    code === 0xf7 ||
    (code >= 0x2000 && code <= 0x206f)
  );
}

function sortKey(value: string): string {
  let key = sortKeys.get(value);
  if (key === undefined) {
    // A loop, not a /[^\p{L}\p{N}]/u regex: compiling Unicode property classes costs a
    // cold page a few milliseconds.
    const folded = foldText(value);
    key = '';
    for (let i = 0; i < folded.length; i++) {
      const code = folded.charCodeAt(i);
      if (isPunctuation(code)) continue;
      if (code === 0x20 && (key === '' || key.endsWith(' '))) continue;
      key += folded[i];
    }
    if (key.endsWith(' ')) key = key.slice(0, -1);
    if (sortKeys.size > 10_000) sortKeys.clear();
    sortKeys.set(value, key);
  }
  return key;
}

/** `"Aschersleben, Seeland"` or a list -> folded, non-empty values. */
export function parseList(value: string | readonly string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const parts = typeof value === 'string' ? value.split(',') : value;
  return parts.map((v) => foldText(String(v))).filter((v) => v.length > 0);
}

function anyOf(wanted: string[], values: (string | undefined)[]): boolean {
  if (wanted.length === 0) return true;
  const have = values.filter((v): v is string => Boolean(v)).map(foldText);
  return wanted.some((w) => have.includes(w));
}

export function byTown(towns: string | readonly string[]): (o: Filterable) => boolean {
  const wanted = parseList(towns);
  return (o) => anyOf(wanted, [o.town]);
}

export function byCategory(categories: string | readonly string[]): (o: Filterable) => boolean {
  const wanted = parseList(categories);
  return (o) => anyOf(wanted, o.categories);
}

export function byOrganizer(organizers: string | readonly string[]): (o: Filterable) => boolean {
  const wanted = parseList(organizers);
  return (o) => anyOf(wanted, [o.organizerId, o.organizer]);
}

export function byAudience(audiences: string | readonly string[]): (o: Filterable) => boolean {
  const wanted = parseList(audiences);
  return (o) => anyOf(wanted, o.audience);
}

export function byText(q: string): (o: Filterable) => boolean {
  const words = foldText(q).split(' ').filter(Boolean);
  return (o) => {
    if (words.length === 0) return true;
    const haystack = foldText(
      [o.title, o.description, o.location?.name, o.location?.address, o.town, o.organizer, ...o.categories, ...o.audience]
        .filter(Boolean)
        .join(' '),
    );
    return words.every((w) => haystack.includes(w));
  };
}

function instantOf(value: string, zone: string): number | undefined {
  const when = parseIso(value);
  return when ? whenToInstant(when, zone) : undefined;
}

/**
 * Occurrences overlapping the range from `from` to `to`; either bound may be left out. A date
 * `to` is the last day (inclusive: the range ends when the next day begins), a date-time `to`
 * keeps what starts up to that instant.
 */
export function byDateRange(from?: string, to?: string): (o: Occurrence) => boolean {
  const toDay = to !== undefined && DATE_ONLY.test(to);
  const end = to && toDay ? addDaysIso(to, 1) : to;
  return (o) => {
    const start = instantOf(o.start, o.timeZone) ?? 0;
    const stop = Math.max(instantOf(o.end, o.timeZone) ?? start, start);
    const lo = from ? instantOf(from, o.timeZone) : undefined;
    const hi = end ? instantOf(end, o.timeZone) : undefined;
    if (lo !== undefined && !(stop > lo || (stop === start && start >= lo))) return false;
    if (hi !== undefined && !(toDay ? start < hi : start <= hi)) return false;
    return true;
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates with at least one accessibility fact. */
export function byAccessibility(): (o: Filterable) => boolean {
  return (o) => o.accessibility.length > 0;
}

/** Dates free of charge. */
export function byFree(): (o: Filterable) => boolean {
  return (o) => o.free === true;
}

/** The content filters (everything but the dates), as one test; undefined when none applies. */
function contentTest(filter: Omit<OccurrenceFilter, 'from' | 'to'>): ((o: Filterable) => boolean) | undefined {
  const tests: ((o: Filterable) => boolean)[] = [];
  if (parseList(filter.town).length) tests.push(byTown(filter.town!));
  if (parseList(filter.category).length) tests.push(byCategory(filter.category!));
  if (parseList(filter.organizer).length) tests.push(byOrganizer(filter.organizer!));
  if (parseList(filter.audience).length) tests.push(byAudience(filter.audience!));
  if (filter.q && filter.q.trim()) tests.push(byText(filter.q));
  if (filter.accessible) tests.push(byAccessibility());
  if (filter.free) tests.push(byFree());
  if (filter.hideCancelled) tests.push((o) => o.status !== 'cancelled');
  return tests.length ? (o) => tests.every((t) => t(o)) : undefined;
}

/** A feed's events (series as a whole) that the content filters keep; dates are not looked at. */
export function filterEvents<T extends Filterable>(events: readonly T[], filter: Omit<OccurrenceFilter, 'from' | 'to'>): T[] {
  const test = contentTest(filter);
  return test ? events.filter(test) : [...events];
}

/** All filters together. */
export function filterOccurrences(occurrences: readonly Occurrence[], filter: OccurrenceFilter): Occurrence[] {
  const content = contentTest(filter);
  const dates = filter.from || filter.to ? byDateRange(filter.from, filter.to) : undefined;
  if (!content && !dates) return [...occurrences];
  return occurrences.filter((o) => (!dates || dates(o)) && (!content || content(o)));
}

export interface AssociationFilter {
  town?: string | readonly string[];
  category?: string | readonly string[];
  q?: string;
  /** Only associations looking for members ("Mitglieder gesucht"). */
  membersWanted?: boolean;
  /** Only associations looking for helpers ("Helfer gesucht"). */
  helpersWanted?: boolean;
}

export function filterAssociations(associations: readonly Association[], filter: AssociationFilter): Association[] {
  const towns = parseList(filter.town);
  const categories = parseList(filter.category);
  const words = foldText(filter.q ?? '')
    .split(' ')
    .filter(Boolean);
  return associations.filter((a) => {
    if (!anyOf(towns, [a.town])) return false;
    if (!anyOf(categories, a.categories)) return false;
    if (filter.membersWanted && !a.membersWanted) return false;
    if (filter.helpersWanted && !a.helpersWanted) return false;
    const haystack = foldText([a.name, a.description, a.town, ...a.categories].filter(Boolean).join(' '));
    return words.every((w) => haystack.includes(w));
  });
}

/** Distinct values of a field across occurrences or associations, for filter menus. */
export function distinctValues(values: Iterable<string | undefined>): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    if (!v) continue;
    const key = foldText(v);
    if (key && !seen.has(key)) seen.set(key, v.trim());
  }
  return [...seen.values()].sort(compareText);
}
