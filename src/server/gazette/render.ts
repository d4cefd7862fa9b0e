/**
 * One gazette export as a job for the render worker: the served JSON feed (the merged events
 * the server serves) and the editor's options in, the document's bytes out. Reading the feed,
 * expanding the series and laying out a PDF of a month takes tens to hundreds of
 * milliseconds: off the main thread, requests keep being answered meanwhile.
 */
import { parseJsonFeed } from '../../core/index.js';
import { buildGazette, gazetteChoices, type Gazette, type GazetteOptions, type GazetteSource } from './layout.js';
import type { GazetteImage } from './images.js';
import { gazetteText } from './text.js';

export type GazetteFormat = 'docx' | 'pdf' | 'txt';

export interface GazetteJob {
  /** The served JSON feed's body. */
  feed: string;
  /** The feed's ETag: the worker keeps the last feed it read. */
  etag: string;
  format: GazetteFormat;
  options: GazetteOptions;
  /** The images the server holds itself, by URL (see images.ts). */
  images: [string, GazetteImage][];
}

export interface GazetteResult {
  bytes: Uint8Array;
  /** Dates in the gazette. */
  dateCount: number;
}

let cached: { etag: string; source: GazetteSource } | undefined;

/** Thrown when a job names a feed by its ETag only and this worker does not hold it (a new worker). */
export const FEED_MISSING = 'gazette: the feed is not held here';

/**
 * The feed as events. The last one read is kept, so a series of exports reads it once; a job may
 * then send the ETag alone (`feed` empty) instead of megabytes of JSON again.
 */
export function gazetteSource(feed: string, etag: string): GazetteSource {
  if (cached?.etag === etag) return cached.source;
  if (!feed) throw new Error(FEED_MISSING);
  const json = JSON.parse(feed) as { timeZone?: string; title?: string };
  const result = parseJsonFeed(json);
  const source: GazetteSource = {
    events: result.events,
    associations: result.associations,
    timeZone: result.timeZone ?? json.timeZone ?? 'Europe/Berlin',
    title: json.title ?? '',
  };
  cached = { etag, source };
  return source;
}

export function gazetteOf(job: Pick<GazetteJob, 'feed' | 'etag' | 'options'>): Gazette {
  return buildGazette(gazetteSource(job.feed, job.etag), job.options);
}

/** The towns and categories on offer (the admin page's choices, the checks of a request). */
export function choicesOf(feed: string, etag: string): { towns: string[]; categories: string[] } {
  return gazetteChoices(gazetteSource(feed, etag));
}

/** The image URLs a gazette would print (asked before loading them, only when images are wanted). */
export function imageUrlsOf(job: Pick<GazetteJob, 'feed' | 'etag' | 'options'>): string[] {
  const urls = new Set<string>();
  for (const section of gazetteOf(job).sections) {
    for (const entry of [...section.regular, ...section.days.flatMap((d) => d.entries)]) if (entry.image) urls.add(entry.image);
  }
  return [...urls];
}

export async function renderGazette(job: GazetteJob): Promise<GazetteResult> {
  const gazette = gazetteOf(job);
  const { columns, fontSize } = job.options;
  const images = new Map(job.images);
  let bytes: Uint8Array;
  // The writers are loaded when first needed: the worker's feed jobs never pay for them.
  if (job.format === 'docx') {
    const { gazetteDocx } = await import('./docx.js');
    bytes = await gazetteDocx(gazette, { columns, fontSize, images });
  } else if (job.format === 'pdf') {
    const { gazettePdf } = await import('./pdf.js');
    bytes = await gazettePdf(gazette, { columns, fontSize, images });
  } else {
    bytes = new TextEncoder().encode(gazetteText(gazette));
  }
  return { bytes, dateCount: gazette.dateCount };
}
