/**
 * An event's picture beyond its URL: licence, credit and the responsive sources. One table of
 * the licences a picture may carry (the form offers them, the feed names them, JSON-LD links
 * them), and the reader of a feed's `image` object.
 */
import type { CalendarEvent, ImageLicense, ImageSource } from './model.js';
import { safeUrl } from './url.js';

/** Every licence a picture may carry, in the order the form offers them. */
export const IMAGE_LICENSES: readonly ImageLicense[] = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'calendar-only'];

/** The licence's deed (what schema.org `license` links to); none for "nur für diesen Kalender". */
export const IMAGE_LICENSE_URLS: Readonly<Record<ImageLicense, string | undefined>> = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'calendar-only': undefined,
};

/** The licence's short name as written on a credit line (the same in German and English). */
export const IMAGE_LICENSE_NAMES: Readonly<Record<Exclude<ImageLicense, 'calendar-only'>, string>> = {
  'CC-BY-4.0': 'CC BY 4.0',
  'CC-BY-SA-4.0': 'CC BY-SA 4.0',
  'CC0-1.0': 'CC0 1.0',
};

export function isImageLicense(value: unknown): value is ImageLicense {
  return typeof value === 'string' && (IMAGE_LICENSES as readonly string[]).includes(value);
}

const SOURCE_TYPES = new Set(['image/avif', 'image/webp', 'image/jpeg', 'image/png']);

/** A pixel size as the feed may give it: a whole number from 1 to 20000. */
function dimension(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 20_000 ? value : undefined;
}

/** What a picture is in a CalendarEvent: its URL and the fields that describe it. */
export const IMAGE_FIELDS = [
  'image',
  'imageAlt',
  'imageCredit',
  'imageLicense',
  'imageWidth',
  'imageHeight',
  'imageSources',
] as const satisfies readonly (keyof CalendarEvent)[];

export type ImageFields = Pick<CalendarEvent, (typeof IMAGE_FIELDS)[number]>;

/**
 * A feed's `image` object (`{ url, alt, credit, license, width, height, sources }`) as the
 * event's fields; `problems` names what was dropped. Without a usable `url` nothing is read.
 */
export function readImageObject(
  value: Record<string, unknown>,
  baseUrl: string | undefined,
): { fields: ImageFields; problems: string[] } {
  const problems: string[] = [];
  const url = safeUrl(value['url'], 'image', baseUrl);
  if (!url) return { fields: {}, problems: ['image has no http(s) "url" and was dropped'] };
  const fields: ImageFields = { image: url };
  const text = (key: string, max: number): string | undefined => {
    const v = value[key];
    return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
  };
  const alt = text('alt', 500);
  if (alt) fields.imageAlt = alt;
  const credit = text('credit', 200);
  if (credit) fields.imageCredit = credit;
  if (value['license'] !== undefined) {
    if (isImageLicense(value['license'])) fields.imageLicense = value['license'];
    else problems.push(`image licence "${String(value['license']).slice(0, 40)}" is unknown and was dropped`);
  }
  const width = dimension(value['width']);
  const height = dimension(value['height']);
  if (width && height) {
    fields.imageWidth = width;
    fields.imageHeight = height;
  } else if (value['width'] !== undefined || value['height'] !== undefined) {
    problems.push('image width/height are not whole pixel numbers and were dropped');
  }
  if (Array.isArray(value['sources'])) {
    const sources: ImageSource[] = [];
    for (const raw of value['sources'].slice(0, 20)) {
      const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const sourceUrl = safeUrl(source['url'], 'image', baseUrl);
      const sourceWidth = dimension(source['width']);
      const type = typeof source['type'] === 'string' ? source['type'].toLowerCase() : undefined;
      if (sourceUrl && sourceWidth && type && SOURCE_TYPES.has(type)) sources.push({ url: sourceUrl, width: sourceWidth, type });
      else problems.push('an image source without an http(s) url, a width or a known type was dropped');
    }
    if (sources.length) fields.imageSources = sources;
  }
  return { fields, problems };
}

/** `srcset` of the sources of one type, narrowest first (`… 480w, … 960w`). */
export function imageSrcset(sources: readonly ImageSource[] | undefined, type: string): string | undefined {
  const list = (sources ?? []).filter((s) => s.type === type).sort((a, b) => a.width - b.width);
  return list.length ? list.map((s) => `${s.url} ${s.width}w`).join(', ') : undefined;
}

/**
 * The event's picture as a JSON feed writes it: the image object when there is more than the
 * URL (plus `imageAlt` beside it, which readers from before the object read), else the URL alone.
 */
export function imageFeedFields(event: ImageFields): Record<string, unknown> {
  if (!event.image) return {};
  const simple = !event.imageCredit && !event.imageLicense && !event.imageWidth && !event.imageSources;
  if (simple) return event.imageAlt ? { image: event.image, imageAlt: event.imageAlt } : { image: event.image };
  const image: Record<string, unknown> = { url: event.image };
  if (event.imageAlt) image['alt'] = event.imageAlt;
  if (event.imageCredit) image['credit'] = event.imageCredit;
  if (event.imageLicense) image['license'] = event.imageLicense;
  if (event.imageWidth && event.imageHeight) Object.assign(image, { width: event.imageWidth, height: event.imageHeight });
  if (event.imageSources?.length) image['sources'] = event.imageSources.map((s) => ({ ...s }));
  return event.imageAlt ? { image, imageAlt: event.imageAlt } : { image };
}
