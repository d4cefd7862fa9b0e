/**
 * schema.org JSON-LD for search engines: each occurrence as an `Event` (what Google's event
 * rich results read), and a serializer that is safe inside `<script type="application/ld+json">`.
 */
import type { Occurrence } from '../model.js';
import { addDays, formatDate, parseIso } from '../time.js';
import { IMAGE_LICENSE_URLS } from '../image.js';
import { safeUrl } from '../url.js';

export interface JsonLdOptions {
  /** Name of the organizing association (the caller resolves `organizerId`); default `o.organizer`. */
  organizerName?: string;
  /** The page that shows the calendar: the event's `url` when it has none, and the base of `@id`. */
  pageUrl?: string;
}

export interface JsonLdListOptions {
  /** Organizer name per occurrence, e.g. from the associations of the feed. */
  organizerName?: (o: Occurrence) => string | undefined;
  pageUrl?: string;
}

const SCHEMA = 'https://schema.org';
const STATUS = {
  scheduled: `${SCHEMA}/EventScheduled`,
  cancelled: `${SCHEMA}/EventCancelled`,
  postponed: `${SCHEMA}/EventPostponed`,
} as const;

/** "Hinter dem Zoll 2, 06449 Aschersleben": street, German/Austrian/Swiss postal code, town. */
const ADDRESS_RE = /^(.+?),\s*(\d{4,5})\s+([^,]+?)\s*$/;

function postalAddress(address: string | undefined, town: string | undefined): Record<string, unknown> | string | undefined {
  const text = address?.trim();
  const m = text ? ADDRESS_RE.exec(text) : null;
  if (m) return { '@type': 'PostalAddress', streetAddress: m[1]!.trim(), postalCode: m[2], addressLocality: m[3] };
  if (text) return text;
  return town?.trim() ? { '@type': 'PostalAddress', addressLocality: town.trim() } : undefined;
}

function place(o: Occurrence): Record<string, unknown> | undefined {
  const loc = o.location ?? {};
  const address = postalAddress(loc.address, o.town);
  const name = loc.name?.trim() || (typeof address === 'string' ? address : undefined) || o.town?.trim();
  if (!name && !address) return undefined;
  const out: Record<string, unknown> = { '@type': 'Place', name, address };
  if (Number.isFinite(loc.lat) && Number.isFinite(loc.lon)) {
    out['geo'] = { '@type': 'GeoCoordinates', latitude: loc.lat, longitude: loc.lon };
  }
  if (o.accessibility.length) {
    out['amenityFeature'] = o.accessibility.map((name) => ({ '@type': 'LocationFeatureSpecification', name, value: true }));
  }
  return out;
}

/** "5 €", "5,50 EUR", "€ 12", "3,- €" -> a number; "5 €, ermäßigt 3 €" stays text. */
function numericPrice(price: string): number | undefined {
  const bare = price
    .replace(/€|\bEUR\b|\bEuro\b/gi, '')
    .trim()
    .replace(/[.,]-{1,2}$/, '');
  if (!/^\d+(?:[.,]\d{1,2})?$/.test(bare)) return undefined;
  return Number(bare.replace(',', '.'));
}

function offers(o: Occurrence, url: string | undefined): Record<string, unknown> | undefined {
  const price = o.price?.trim();
  const base = { '@type': 'Offer', url };
  if (price) {
    const value = numericPrice(price);
    return value === undefined ? { ...base, description: price } : { ...base, price: value, priceCurrency: 'EUR' };
  }
  return o.free ? { ...base, price: 0, priceCurrency: 'EUR' } : undefined;
}

/** schema.org dates are inclusive: an all-day end (exclusive in the model) becomes the last day. */
function endDate(o: Occurrence): string {
  if (!o.allDay) return o.end;
  const start = parseIso(o.start);
  const end = parseIso(o.end);
  if (!start || !end || end.kind === 'instant' || start.kind === 'instant') return o.end;
  const last = formatDate(addDays(end.wall, -1));
  return last < o.start ? o.start : last;
}

function compact(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v && typeof v === 'object' && !Array.isArray(v) ? compact(v as Record<string, unknown>) : v;
  }
  return out;
}

/**
 * The picture: its URL alone when the feed says nothing more (as before), else an `ImageObject`
 * with size, credit and licence (what search engines show as "Lizenzdetails"). A picture
 * "nur für diesen Kalender" has no licence to link; where to ask is the event's page.
 */
function imageObject(o: Occurrence, eventUrl: string | undefined): Record<string, unknown> | string | undefined {
  const url = safeUrl(o.image, 'image');
  if (!url) return undefined;
  const credit = o.imageCredit?.trim();
  if (!credit && !o.imageLicense && !o.imageWidth) return url;
  const license = o.imageLicense ? IMAGE_LICENSE_URLS[o.imageLicense] : undefined;
  return {
    '@type': 'ImageObject',
    url,
    contentUrl: url,
    width: o.imageWidth,
    height: o.imageHeight,
    caption: o.imageAlt,
    creditText: credit,
    creator: credit ? { '@type': 'Person', name: credit } : undefined,
    license,
    acquireLicensePage: license ?? (o.imageLicense ? eventUrl : undefined),
  };
}

/** One occurrence as a schema.org `Event` with its own `@context`. */
export function occurrenceToJsonLd(o: Occurrence, options: JsonLdOptions = {}): Record<string, unknown> {
  const pageUrl = safeUrl(options.pageUrl, 'link');
  const url = safeUrl(o.url, 'link') ?? pageUrl;
  const organizer = (options.organizerName ?? o.organizer)?.trim();
  return compact({
    '@context': SCHEMA,
    '@type': 'Event',
    '@id': pageUrl ? `${pageUrl.split('#')[0]}#${encodeURIComponent(o.key)}` : undefined,
    name: o.title,
    startDate: o.start,
    endDate: endDate(o),
    eventStatus: STATUS[o.status] ?? STATUS.scheduled,
    eventAttendanceMode: `${SCHEMA}/OfflineEventAttendanceMode`,
    description: o.description,
    url,
    image: imageObject(o, url),
    location: place(o),
    organizer: organizer ? { '@type': 'Organization', name: organizer } : undefined,
    keywords: o.categories.join(', '),
    audience: o.audience.length ? { '@type': 'Audience', audienceType: o.audience.join(', ') } : undefined,
    isAccessibleForFree: o.free,
    offers: offers(o, url),
  });
}

/** A list of occurrences as one `@graph`. */
export function occurrencesToJsonLd(list: readonly Occurrence[], options: JsonLdListOptions = {}): Record<string, unknown> {
  const graph = list.map((o) => {
    const { '@context': _context, ...event } = occurrenceToJsonLd(o, {
      organizerName: options.organizerName?.(o),
      pageUrl: options.pageUrl,
    });
    return event;
  });
  return { '@context': SCHEMA, '@graph': graph };
}

const UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&`, U+2028 and U+2029 are
 * written as `\u` escapes (still the same JSON), so no text in a feed can close the script.
 */
export function serializeJsonLd(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE[c]!);
}
