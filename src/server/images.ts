/**
 * Uploaded pictures: what the bytes are, whether they are whole and nothing else besides, and
 * their re-encoding with sharp. Every picture is decoded and written anew (auto-rotated, no
 * metadata at all: no EXIF, no GPS position, no XMP, IPTC, ICC or comments), in a few widths as
 * AVIF and WebP plus a JPEG fallback. The original bytes are never stored or served.
 */
import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';

/** Widths written for `srcset`; a narrower original is never enlarged. */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;

export interface ImageLimits {
  /** Largest upload in bytes (the file itself). */
  maxBytes: number;
  /** Largest pixel count (width × height) decoded; larger pictures are refused from their header. */
  maxPixels: number;
}

export type ImageFormat = 'avif' | 'webp' | 'jpeg';

export const IMAGE_TYPES: Record<ImageFormat, { type: string; ext: string }> = {
  avif: { type: 'image/avif', ext: 'avif' },
  webp: { type: 'image/webp', ext: 'webp' },
  jpeg: { type: 'image/jpeg', ext: 'jpg' },
};

/**
 * AVIF at libaom's speed setting "effort 2": measured on this 2-core machine for a 12-megapixel
 * photo, 0.1 / 0.2 / 0.6 s for the 480 / 960 / 1600 px renditions (about 1 s more per upload),
 * 7–16 % smaller than WebP at 960 and 1600 px; at effort 4 the same took 7 s (docs/server.md).
 */
const AVIF = { quality: 55, effort: 2 } as const;

export interface Rendition {
  width: number;
  height: number;
  format: ImageFormat;
  data: Buffer;
}

export interface ProcessedImage {
  /** Hash of the uploaded bytes: the same file uploaded twice is one picture. */
  id: string;
  /** Size of the largest rendition. */
  width: number;
  height: number;
  renditions: Rendition[];
}

/** A picture that cannot be taken, with the German text for the 422 answer. */
export class ImageRefused extends Error {}

export const IMAGE_MSG = {
  notImage: 'Diese Datei ist kein Bild. Bitte wählen Sie ein Foto oder eine Grafik als JPEG, PNG, WebP oder AVIF.',
  heic:
    'Fotos im HEIC-Format (iPhone) können wir nicht lesen. Bitte speichern oder teilen Sie das Foto als JPEG ' +
    '(iPhone: Einstellungen › Kamera › Formate › „Maximale Kompatibilität“, oder beim Teilen „Als JPEG“ bzw. ' +
    'über „Dateien“ exportieren) und laden Sie es dann erneut hoch.',
  truncated: 'Die Bilddatei ist unvollständig oder beschädigt. Bitte laden Sie sie erneut hoch oder speichern Sie sie neu.',
  polyglot:
    'Die Bilddatei enthält außer dem Bild noch andere Daten (z. B. ein Dokument oder Programm) und wird deshalb abgelehnt.',
  tooManyPixels: (max: number): string =>
    `Das Bild hat zu viele Bildpunkte (höchstens ${Math.round(max / 1_000_000)} Megapixel). Bitte verkleinern Sie es vor dem Hochladen.`,
  tooSmall: 'Das Bild ist zu klein (mindestens 16 × 16 Bildpunkte).',
  animated: 'Bewegte Bilder (Animationen) werden nicht angenommen. Bitte wählen Sie ein einzelnes Bild.',
} as const;

export type SniffedKind = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic';

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** What the first bytes say the file is; undefined for anything that is not an accepted picture. */
export function sniff(data: Buffer): SniffedKind | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (data.length >= 16 && data.toString('latin1', 4, 8) === 'ftyp') {
    const size = data.readUInt32BE(0);
    const end = Math.min(Math.max(size, 16), data.length, 256);
    const brands = [data.toString('latin1', 8, 12)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(data.toString('latin1', at, at + 4));
    if (AVIF_BRANDS.has(brands[0]!)) return 'avif';
    if (brands.some((b) => HEIC_BRANDS.has(b))) return 'heic';
    if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  }
  return undefined;
}

/**
 * Where the picture's own data ends, by walking its structure, or undefined when the structure
 * is cut short (a truncated upload).
 */
export function imageEnd(data: Buffer, kind: Exclude<SniffedKind, 'heic'>): number | undefined {
  switch (kind) {
    case 'jpeg':
      return jpegEnd(data);
    case 'png':
      return pngEnd(data);
    case 'webp': {
      const end = 8 + data.readUInt32LE(4);
      return end <= data.length ? end : undefined;
    }
    case 'avif':
      return boxesEnd(data);
  }
}

function jpegEnd(data: Buffer): number | undefined {
  let i = 2;
  while (i < data.length) {
    if (data[i] !== 0xff) return undefined;
    while (data[i] === 0xff) i++; // fill bytes
    const marker = data[i++];
    if (marker === undefined) return undefined;
    if (marker === 0xd9) return i; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // TEM, RST: no length
    if (i + 2 > data.length) return undefined;
    const length = data.readUInt16BE(i);
    if (length < 2) return undefined;
    i += length;
    if (marker !== 0xda) continue;
    // Entropy-coded data after SOS runs to the next marker that is not a stuffed byte or RST.
    while (i < data.length) {
      if (data[i] === 0xff) {
        const next = data[i + 1];
        if (next === undefined) return undefined;
        if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        i += next === 0xff ? 1 : 2;
      } else i++;
    }
  }
  return undefined;
}

function pngEnd(data: Buffer): number | undefined {
  let i = 8;
  while (i + 12 <= data.length) {
    const length = data.readUInt32BE(i);
    const type = data.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > data.length) return undefined;
    if (type === 'IEND') return end;
    i = end;
  }
  return undefined;
}

/** ISO BMFF (AVIF): top-level boxes laid end to end; the file ends after the last whole one. */
function boxesEnd(data: Buffer): number | undefined {
  let i = 0;
  let sawMedia = false;
  while (i + 8 <= data.length) {
    let size = data.readUInt32BE(i);
    const type = data.toString('latin1', i + 4, i + 8);
    if (size === 1) {
      if (i + 16 > data.length) return undefined;
      const big = data.readBigUInt64BE(i + 8);
      if (big > BigInt(data.length)) return undefined;
      size = Number(big);
    } else if (size === 0) size = data.length - i;
    if (size < 8 || i + size > data.length) return undefined;
    if (type === 'mdat') sawMedia = true;
    if (!/^[\x20-\x7e]{4}$/.test(type)) break; // not a box: whatever follows is foreign
    i += size;
  }
  return sawMedia ? i : undefined;
}

/** Markup and code that would make the file readable as something else (case-insensitive). */
const FOREIGN_TEXT = ['<script', '<html', '<?php', '<iframe', '<!doctype', '<object', '<embed', 'javascript:'];

/**
 * True when the file is also something other than a picture: markup or script anywhere in it,
 * a ZIP/JAR directory at its end, a PDF header, or more than a little foreign data after the
 * picture's end. (Phones append a little data after a JPEG's end; a motion photo a video.)
 */
export function isPolyglot(data: Buffer, end: number): boolean {
  const text = data.toString('latin1').toLowerCase();
  if (FOREIGN_TEXT.some((marker) => text.includes(marker))) return true;
  if (text.slice(0, 1024).includes('%pdf-')) return true;
  // A ZIP reader looks for the end-of-central-directory record from the end of the file.
  const from = Math.max(0, data.length - 65_557);
  for (
    let at = data.lastIndexOf('PK\x05\x06', undefined, 'latin1');
    at >= from;
    at = data.lastIndexOf('PK\x05\x06', at - 1, 'latin1')
  ) {
    if (at + 22 <= data.length && at + 22 + data.readUInt16LE(at + 20) === data.length) return true;
    if (at === 0) break;
  }
  const trailer = data.subarray(end);
  return trailer.includes('PK\x03\x04', 0, 'latin1') || trailer.includes('%PDF', 0, 'latin1');
}

/** A few images at a time: decoding is memory- and CPU-heavy, requests beyond this wait. */
class Gate {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

const gate = new Gate(2);

/** Checks the upload and writes its renditions; throws ImageRefused with a German message. */
export async function processImage(data: Buffer, limits: ImageLimits): Promise<ProcessedImage> {
  const kind = sniff(data);
  if (kind === 'heic') throw new ImageRefused(IMAGE_MSG.heic);
  if (!kind) throw new ImageRefused(IMAGE_MSG.notImage);
  const end = imageEnd(data, kind);
  if (end === undefined) throw new ImageRefused(IMAGE_MSG.truncated);
  if (isPolyglot(data, end)) throw new ImageRefused(IMAGE_MSG.polyglot);
  return gate.run(() => encode(data, kind, limits));
}

const FORMAT_OF: Record<Exclude<SniffedKind, 'heic'>, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'heif' };

async function encode(data: Buffer, kind: Exclude<SniffedKind, 'heic'>, limits: ImageLimits): Promise<ProcessedImage> {
  // limitInputPixels refuses from the header, before any pixel is decoded; failOn 'error'
  // turns a truncated or corrupt stream into an error instead of a grey half-picture.
  const options: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: 'error', sequentialRead: true };
  let meta: Metadata;
  try {
    meta = await sharp(data, options).metadata();
  } catch (error) {
    throw refusal(error, limits);
  }
  if (meta.format !== FORMAT_OF[kind]) throw new ImageRefused(IMAGE_MSG.notImage);
  const width = meta.width;
  const height = meta.height;
  if (!width || !height) throw new ImageRefused(IMAGE_MSG.notImage);
  if (width * height > limits.maxPixels) throw new ImageRefused(IMAGE_MSG.tooManyPixels(limits.maxPixels));
  if ((meta.pages ?? 1) > 1 && kind !== 'avif') throw new ImageRefused(IMAGE_MSG.animated);
  // Decoded once, upright (EXIF orientation applied), then resized for every width.
  let base: { data: Buffer; info: OutputInfo };
  try {
    // Scaled to the largest width while decoding (JPEG shrink-on-load): a 12-megapixel photo
    // is never held in memory at full size.
    base = await sharp(data, options)
      .rotate()
      .resize({ width: IMAGE_WIDTHS.at(-1)!, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw refusal(error, limits);
  }
  const upright = { width: base.info.width, height: base.info.height };
  if (upright.width < 16 || upright.height < 16) throw new ImageRefused(IMAGE_MSG.tooSmall);
  const raw = { raw: { width: upright.width, height: upright.height, channels: base.info.channels } };
  const widths = [...new Set([...IMAGE_WIDTHS.filter((w) => w < upright.width), Math.min(upright.width, IMAGE_WIDTHS.at(-1)!)])];
  const renditions: Rendition[] = [];
  for (const w of widths) {
    const h = Math.max(1, Math.round((upright.height * w) / upright.width));
    const resized = sharp(base.data, raw).resize(w, h, { fit: 'fill', kernel: 'lanczos3' });
    // No withMetadata/keepMetadata: sharp writes no EXIF, XMP, IPTC or ICC chunk at all.
    const [avif, webp, jpeg] = await Promise.all([
      resized.clone().flatten({ background: '#ffffff' }).avif(AVIF).toBuffer(),
      resized.clone().flatten({ background: '#ffffff' }).webp({ quality: 78, effort: 4 }).toBuffer(),
      resized.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true, progressive: true }).toBuffer(),
    ]);
    renditions.push(
      { width: w, height: h, format: 'avif', data: avif },
      { width: w, height: h, format: 'webp', data: webp },
      { width: w, height: h, format: 'jpeg', data: jpeg },
    );
  }
  const largest = renditions.at(-1)!;
  return {
    id: createHash('sha256').update(data).digest('hex').slice(0, 32),
    width: largest.width,
    height: largest.height,
    renditions,
  };
}

function refusal(error: unknown, limits: ImageLimits): ImageRefused {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new ImageRefused(IMAGE_MSG.tooManyPixels(limits.maxPixels));
  if (/unsupported image format|bad seek|not a known file format/i.test(message)) return new ImageRefused(IMAGE_MSG.notImage);
  return new ImageRefused(IMAGE_MSG.truncated);
}
