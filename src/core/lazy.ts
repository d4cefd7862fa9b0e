/**
 * Parts of the core that the elements load when they need them (each a chunk of its own in
 * the script-tag bundle, so the first paint does not wait for it): series support when a
 * feed has a series, the JSON-LD writer after the paint. (The iCalendar reader is loaded by
 * the store when a feed is iCalendar.) Each is loaded once; a failed load is tried again
 * the next time (`once`, which the elements' own lazily loaded modules use too).
 */
import type * as JsonLdWriter from './feed/jsonld.js';
import type { SeriesSupport } from './recurrence.js';

/**
 * `load` run once: every call gets the same promise, so a module is asked for once however
 * many callers want it at the same time; after a failure (e.g. the chunk did not arrive) the
 * next call runs `load` again.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** Series support (series.ts): the RRULE reader and iterators. */
export const loadSeries: () => Promise<SeriesSupport> = /* @__PURE__ */ once(() => import('./series.js').then((m) => m.SERIES));

/** The schema.org JSON-LD writer (feed/jsonld.ts). */
export const loadJsonLdWriter: () => Promise<typeof JsonLdWriter> = /* @__PURE__ */ once(() => import('./feed/jsonld.js'));
