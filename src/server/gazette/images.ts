/**
 * Images in the gazette come only from the server's own storage, never from the URL an event
 * names: fetching arbitrary URLs from the server would let anyone who enters an event make the
 * server request internal addresses (SSRF). A `GazetteImageSource` answers for a URL whether
 * the server holds that image itself and returns its bytes; everything else is left out.
 *
 * This server has no image storage yet, so its source is `NO_IMAGES`: the "with images" option
 * is accepted and the export says that no images are available (header `X-Gazette-Images`).
 * Image storage, when it comes, provides a source that maps its own URLs to its files.
 */
export interface GazetteImage {
  data: Uint8Array;
  type: 'png' | 'jpg';
  /** Pixels. */
  width: number;
  height: number;
}

export interface GazetteImageSource {
  /** False when the server stores no images at all (the UI says so). */
  readonly available: boolean;
  /** The image the server itself stores under `url`, or undefined. Never fetches `url`. */
  load(url: string): Promise<GazetteImage | undefined>;
}

export const NO_IMAGES: GazetteImageSource = {
  available: false,
  load: () => Promise.resolve(undefined),
};

/** Most images one gazette embeds (a month of a region: enough; bytes stay bounded). */
export const MAX_IMAGES = 60;

/** Loads what `source` has of `urls` (distinct, at most MAX_IMAGES). */
export async function loadImages(source: GazetteImageSource, urls: Iterable<string>): Promise<Map<string, GazetteImage>> {
  const found = new Map<string, GazetteImage>();
  if (!source.available) return found;
  for (const url of new Set(urls)) {
    if (found.size >= MAX_IMAGES) break;
    const image = await source.load(url).catch(() => undefined);
    if (image && image.width > 0 && image.height > 0) found.set(url, image);
  }
  return found;
}
