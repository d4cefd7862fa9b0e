/**
 * Images in the gazette come only from the server's own storage, never from the URL an event
 * names: fetching arbitrary URLs from the server would let anyone who enters an event make the
 * server request internal addresses (SSRF). A `GazetteImageSource` answers for a URL whether
 * the server holds that image itself and returns its bytes; everything else is left out.
 *
 * The server's own source is `storedImages` over its picture store (`/api/images/<id>/…` URLs,
 * whatever host they name: the bytes are looked up by id, never fetched). `NO_IMAGES` is for a
 * server without one: the option then says that no images are available (header
 * `X-Gazette-Images`).
 */
import type { ImageStore } from '../db/image-store.js';

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

/** The picture store's JPEG of a URL of this server's form `/api/images/<id>/<width>.<ext>`. */
export function storedImages(store: Pick<ImageStore, 'get' | 'file'>): GazetteImageSource {
  return {
    available: true,
    async load(url) {
      let path: string;
      try {
        path = new URL(url, 'http://x').pathname;
      } catch {
        return undefined;
      }
      const id = /^\/api\/images\/([0-9a-f]{32})\//.exec(path)?.[1];
      if (!id) return undefined;
      const image = await store.get(id);
      // A print width: the 960 px JPEG, else the widest JPEG there is (small pictures have fewer).
      const jpegs = (image?.renditions ?? []).filter((r) => r.format === 'jpeg').sort((a, b) => a.width - b.width);
      const chosen = jpegs.find((r) => r.width === 960) ?? jpegs.at(-1);
      if (!chosen) return undefined;
      const file = await store.file(id, chosen.name);
      return file && { data: file.data, type: 'jpg', width: chosen.width, height: chosen.height };
    },
  };
}
