/**
 * Reading a feed body of either format: JSON or iCalendar, told apart by content type and
 * by content. The iCalendar reader and series support are loaded when a feed needs them.
 */
import { parseJsonText, readJsonValue, SeriesNeeded } from './feed/json.js';
import type { FeedResult } from './model.js';
import { loadSeries, once } from './lazy.js';

export type FeedFormat = 'json' | 'ics';

/** Guesses the format from the Content-Type, then from the first characters. */
export function detectFormat(contentType: string | null | undefined, body: Uint8Array | string): FeedFormat | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('calendar')) return 'ics';
  if (type.includes('json')) return 'json';
  const head = typeof body === 'string' ? body.slice(0, 64) : new TextDecoder().decode(body.subarray(0, 64));
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  if (/^BEGIN:VCALENDAR/i.test(trimmed) || /^BEGIN:VEVENT/i.test(trimmed)) return 'ics';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'json';
  return undefined;
}

export interface ParseFeedOptions {
  contentType?: string | null;
  baseUrl?: string;
}

/**
 * Reads a feed body of either format. Never rejects; an unknown format is an error entry.
 * The iCalendar reader is loaded on first use, so pages with JSON feeds never download it;
 * series support (series.ts) is loaded for a JSON feed only when it has an RRULE.
 */
export async function parseFeed(body: Uint8Array | string, options: ParseFeedOptions = {}): Promise<FeedResult> {
  const format = detectFormat(options.contentType, body);
  if (format === 'ics') return (await icsReader()).parseIcs(body);
  if (format === 'json') {
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    const jsonOptions = options.baseUrl ? { baseUrl: options.baseUrl } : {};
    // "rrule" in the text is a cheap hint (a key written with escapes is caught by the
    // reader); series support is then asked for first and is on its way while the text is parsed.
    const series = text.includes('rrule') ? loadSeries() : undefined;
    const parsed = parseJsonText(text);
    if ('failed' in parsed) {
      series?.catch(() => undefined);
      return parsed.failed;
    }
    if (series) return readJsonValue(parsed.value, jsonOptions, await series);
    try {
      return readJsonValue(parsed.value, jsonOptions, undefined);
    } catch (error) {
      if (!(error instanceof SeriesNeeded)) throw error;
      return readJsonValue(parsed.value, jsonOptions, await loadSeries());
    }
  }
  return { events: [], associations: [], errors: [{ severity: 'error', message: 'the feed is neither JSON nor iCalendar' }] };
}

type IcsReader = { parseIcs: (body: Uint8Array | string) => FeedResult };

/** The iCalendar reader, loaded once (again after a failure); asked for as early as a feed looks like iCalendar. */
const icsReader: () => Promise<IcsReader> = once(() => import('./ics/parse.js'));

/** Starts loading the iCalendar reader without waiting for it (a failure shows when it is used). */
export function preloadIcsReader(): void {
  icsReader().catch(() => undefined);
}
