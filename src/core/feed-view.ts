/**
 * Windowed requests: which feed URLs are asked for only the days an element shows (and the
 * page's filters), and the URL of such a view. See store.ts for how the answers are kept.
 */
import { dayNumber, parseDateOnly } from './calendar-dates.js';

/** The page's own filters (an element's attributes), as a windowed request sends them. */
export interface ViewFilters {
  town?: string;
  category?: string;
  organizer?: string;
  audience?: string;
  q?: string;
  accessible?: boolean;
  free?: boolean;
}

/** What one element shows: days (`end` exclusive, `YYYY-MM-DD`) and the page's filters. */
export interface FeedView {
  start: string;
  end: string;
  filters?: ViewFilters;
}

const VIEW_PARAMS = ['start', 'end', 'town', 'category', 'organizer', 'audience', 'q', 'accessible', 'free'] as const;

/**
 * Whether a feed URL is asked for windows: an http(s) URL (resolved against the page) whose
 * path does not end in `.ics` and whose query names none of the view's parameters (a URL
 * that already chooses, say `?town=Seeland`, is taken as it is). `data:` and `blob:` URLs,
 * iCalendar files and URLs with such a query always load whole.
 */
export function windowableUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(resolveUrl(url));
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (/\.ics$/i.test(parsed.pathname)) return false;
  return !VIEW_PARAMS.some((name) => parsed.searchParams.has(name));
}

/** The URL of one view: `start`, `end`, then the non-empty filters, always in this order. */
export function viewUrl(url: string, view: FeedView): string {
  const u = new URL(resolveUrl(url));
  u.hash = '';
  u.searchParams.set('start', view.start);
  u.searchParams.set('end', view.end);
  const f = view.filters ?? {};
  for (const name of ['town', 'category', 'organizer', 'audience', 'q'] as const) {
    const value = f[name]?.trim();
    if (value) u.searchParams.set(name, value);
  }
  if (f.accessible) u.searchParams.set('accessible', '1');
  if (f.free) u.searchParams.set('free', '1');
  return u.href;
}

/**
 * The longest view asked as a window: three months (a grid's six weeks, a month's list). A
 * longer range, such as the list's default year, loads the whole feed: a year of a region's
 * dates with every series expanded is several times the feed itself (20,000 events with 10 %
 * weekly series: 45 MB against 11 MB, bench/windowed.bench.ts). Servers refuse over 400.
 */
export const MAX_VIEW_DAYS = 92;

/** Whether a view is two dates at most MAX_VIEW_DAYS apart (else the whole feed loads). */
export function fitsWindow(view: FeedView): boolean {
  try {
    const days = dayNumber(parseDateOnly(view.end)) - dayNumber(parseDateOnly(view.start));
    return days > 0 && days <= MAX_VIEW_DAYS;
  } catch {
    return false;
  }
}

/** A URL resolved against the page (in a browser), else as it is. */
export function resolveUrl(url: string): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return base ? new URL(url, base).href : new URL(url).href;
  } catch {
    return url;
  }
}
