/**
 * The picture of a submission: only one uploaded here is taken (by its `id`, or by the URL of
 * one of its renditions), with the submitter's text alternative, credit and licence. The server
 * writes the feed's image object itself: URLs, size and sources come from the stored picture.
 */
import { IMAGE_LICENSES, type ImageLicense } from '../core/index.js';
import type { ImageStore } from './db/image-store.js';
import { imageJson } from './routes/images.js';
import type { FieldErrors } from './validate.js';

export const IMAGE_REF_MSG = {
  notOurs: 'Bitte laden Sie das Bild hier hoch; Bilder von anderen Adressen werden nicht übernommen.',
  unknown: 'Das Bild wurde nicht gefunden. Bitte laden Sie es erneut hoch.',
  alt: 'Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist (Alternativtext).',
  altLong: 'Bitte kürzen Sie den Alternativtext auf höchstens 500 Zeichen.',
  creditLong: 'Bitte kürzen Sie die Angabe zum Urheber auf höchstens 200 Zeichen.',
  license: 'Bitte wählen Sie eine Lizenz für das Bild.',
} as const;

const ID_RE = /^[0-9a-f]{32}$/;
const PATH_RE = /^\/api\/images\/([0-9a-f]{32})\/\d{1,5}\.(?:avif|webp|jpg)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The id of a picture of this server named by `id`, or by a URL at `origin`. */
function imageId(raw: Record<string, unknown>, origin: string): string | undefined {
  if (typeof raw['id'] === 'string') return ID_RE.test(raw['id']) ? raw['id'] : undefined;
  if (typeof raw['url'] !== 'string') return undefined;
  try {
    const url = new URL(raw['url']);
    return url.origin === origin ? PATH_RE.exec(url.pathname)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The feed's image object for a submitted `image`, or the errors at `image`, `image.alt`,
 * `image.credit`, `image.license`.
 */
export async function resolveSubmittedImage(
  raw: unknown,
  images: ImageStore,
  origin: string,
): Promise<{ ok: true; image: Record<string, unknown> } | { ok: false; errors: FieldErrors }> {
  const ref = isObject(raw) ? raw : typeof raw === 'string' ? { url: raw } : {};
  const errors: FieldErrors = {};
  const id = imageId(ref, origin);
  const stored = id ? await images.get(id) : undefined;
  if (!stored) errors['image'] = id ? IMAGE_REF_MSG.unknown : IMAGE_REF_MSG.notOurs;
  const alt = typeof ref['alt'] === 'string' ? ref['alt'].trim() : '';
  if (!alt) errors['image.alt'] = IMAGE_REF_MSG.alt;
  else if (alt.length > 500) errors['image.alt'] = IMAGE_REF_MSG.altLong;
  const credit = typeof ref['credit'] === 'string' ? ref['credit'].trim() : '';
  if (credit.length > 200) errors['image.credit'] = IMAGE_REF_MSG.creditLong;
  const license = ref['license'];
  if (!(IMAGE_LICENSES as readonly unknown[]).includes(license)) errors['image.license'] = IMAGE_REF_MSG.license;
  if (Object.keys(errors).length || !stored) return { ok: false, errors };
  const json = imageJson(stored, origin);
  const image: Record<string, unknown> = {
    url: json.url,
    alt,
    license: license as ImageLicense,
    width: json.width,
    height: json.height,
    sources: json.sizes.map((s) => ({ url: s.url, width: s.width, type: s.type })),
  };
  if (credit) image['credit'] = credit;
  return { ok: true, image };
}
