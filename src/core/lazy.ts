/**
 * Parts of the core that the elements load when they need them (each a chunk of its own in
 * the script-tag bundle, so the first paint does not wait for it): series support when a
 * feed has a series, the JSON-LD writer after the paint. (The iCalendar reader is loaded by
 * the store when a feed is iCalendar.) Each is loaded once; a failed load is tried again
 * the next time.
 */
import type * as JsonLdWriter from './feed/jsonld.js';
import type { SeriesSupport } from './recurrence.js';

let series: Promise<SeriesSupport> | undefined;
let jsonLd: Promise<typeof JsonLdWriter> | undefined;

/** Series support (series.ts): the RRULE reader and iterators. */
export function loadSeries(): Promise<SeriesSupport> {
  series ??= import('./series.js').then(
    (m) => m.SERIES,
    (error: unknown) => {
      series = undefined;
      throw error;
    },
  );
  return series;
}

/** The schema.org JSON-LD writer (feed/jsonld.ts). */
export function loadJsonLdWriter(): Promise<typeof JsonLdWriter> {
  jsonLd ??= import('./feed/jsonld.js').catch((error: unknown) => {
    jsonLd = undefined;
    throw error;
  });
  return jsonLd;
}
