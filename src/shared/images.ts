import { html, nothing, type TemplateResult } from 'lit';
import { imageSrcset, safeUrl, type Occurrence } from '../core/index.js';

/**
 * Images load from the page's own origin, the feed's origin or an origin the page allowed
 * (`image-origins`): an image from anywhere else would tell a third party about the visit.
 */
export function allowedImage(
  url: string | undefined,
  source: string | undefined,
  extraOrigins: string | undefined,
): string | undefined {
  const safe = safeUrl(url, 'image', source);
  if (!safe) return undefined;
  const origin = new URL(safe).origin;
  const allowed = new Set([location.origin]);
  if (source) {
    try {
      allowed.add(new URL(source, location.href).origin);
    } catch {
      // An unparsable source adds nothing.
    }
  }
  for (const extra of (extraOrigins ?? '').split(/[\s,]+/).filter(Boolean)) {
    try {
      allowed.add(new URL(extra).origin);
    } catch {
      // Ignore a malformed entry.
    }
  }
  return allowed.has(origin) ? safe : undefined;
}

/** Modern formats first: a browser takes the first `<source>` whose type it knows. */
const TYPE_ORDER = ['image/avif', 'image/webp', 'image/png'];

export interface PictureOptions {
  /** The `sizes` of every srcset: how wide the picture is drawn. */
  sizes: string;
  /** The element's `image-origins`. */
  imageOrigins: string | undefined;
  /** Class and part of the `<img>`. */
  className: string;
  part: string;
}

/**
 * An event's picture as `<picture>`: one `<source>` per modern type the feed offers (AVIF, then
 * WebP), the JPEG widths as the `<img>`'s srcset, `sizes`, width and height from the feed (the
 * box is reserved before the bytes arrive, so nothing jumps), the text alternative (empty when
 * the feed has none: the title says what the event is), loaded lazily. Only sources the image
 * rule allows (`allowedImage`) are offered; nothing when the picture itself is not allowed.
 */
export function eventPicture(o: Occurrence, options: PictureOptions): TemplateResult | undefined {
  const src = allowedImage(o.image, o.source, options.imageOrigins);
  if (!src) return undefined;
  const sources = o.imageSources?.filter((s) => allowedImage(s.url, o.source, options.imageOrigins) === s.url);
  const types = [...new Set((sources ?? []).map((s) => s.type))]
    .filter((type) => type !== 'image/jpeg')
    .sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  const fallback = imageSrcset(sources, 'image/jpeg');
  return html`<picture>
    ${types.map((type) => html`<source type=${type} srcset=${imageSrcset(sources, type)!} sizes=${options.sizes} />`)}
    <img
      class=${options.className}
      part=${options.part}
      src=${src}
      srcset=${fallback ?? nothing}
      sizes=${fallback ? options.sizes : nothing}
      width=${o.imageWidth ?? nothing}
      height=${o.imageHeight ?? nothing}
      alt=${o.imageAlt ?? ''}
      loading="lazy"
      decoding="async"
    />
  </picture>`;
}
