/**
 * A strict reader for `multipart/form-data` with exactly one file part (RFC 7578), for the
 * picture upload. The body is counted while it streams in and reading stops at the limit (the
 * route then answers 413 without reading the rest). Anything unusual is refused: no boundary, a
 * second part, a part of another name, headers over 8 KB, a body cut short.
 */
import type { Readable } from 'node:stream';
import { HttpError } from './context.js';

export const MULTIPART_MSG = {
  contentType: 'Bitte senden Sie das Bild als multipart/form-data im Feld „file“.',
  malformed: 'Die Einsendung ist kein gültiges multipart/form-data mit genau einer Datei im Feld „file“.',
  noFile: 'Bitte wählen Sie eine Bilddatei aus.',
  incomplete: 'Die Datei kam nicht vollständig an. Bitte laden Sie sie erneut hoch.',
  tooLarge: (maxBytes: number): string =>
    `Die Datei ist zu groß (höchstens ${Math.round(maxBytes / 1024 / 1024)} MB). Bitte verkleinern Sie das Bild vor dem Hochladen.`,
} as const;

/** Room for the part's headers and the delimiters around the file. */
export const MULTIPART_OVERHEAD = 16 * 1024;
const MAX_PART_HEADERS = 8 * 1024;

export interface UploadedFile {
  /** The file name the browser sent (only for messages; never used as a path). */
  filename: string;
  /** The part's Content-Type as declared (not trusted). */
  type: string;
  data: Buffer;
}

/** The boundary of a `multipart/form-data` Content-Type, or undefined when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.split(';');
  if (type!.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // RFC 2046: 1 to 70 characters of a restricted set, not ending in a space.
    if (/^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(value)) return value;
    return undefined;
  }
  return undefined;
}

/**
 * Reads the whole body, at most `limit` bytes. A larger body (by its Content-Length, or counted
 * while it streams) rejects with 413 at once; the stream is left unread from there on.
 */
export function readLimited(stream: Readable, limit: number, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
      // A later error of the unread rest (the client gives up) must not go unhandled.
      stream.on('error', () => undefined);
      if (error) {
        stream.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish(new HttpError(413, MULTIPART_MSG.tooLarge(maxBytes)));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish();
    const onError = (error: Error): void =>
      finish(error instanceof HttpError ? error : new HttpError(400, MULTIPART_MSG.incomplete));
    const onAborted = (): void => finish(new HttpError(400, MULTIPART_MSG.incomplete));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
  });
}

/** The parameters of a Content-Disposition header: `form-data; name="file"; filename="a.jpg"`. */
function disposition(value: string): { type: string; params: Map<string, string> } | undefined {
  const re = /;\s*([A-Za-z*]+)\s*=\s*(?:"((?:[^"\\\r\n]|\\.)*)"|([^;\s"]*))\s*/y;
  const type = /^\s*([A-Za-z-]+)\s*/.exec(value);
  if (!type) return undefined;
  const params = new Map<string, string>();
  re.lastIndex = type[0].length;
  while (re.lastIndex < value.length) {
    const m = re.exec(value);
    if (!m) return undefined;
    params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  }
  return { type: type[1]!.toLowerCase(), params };
}

/** The one file of the body: the part named `field`; every other shape is refused (400). */
export function parseSingleFile(body: Buffer, boundary: string, field = 'file'): UploadedFile {
  const malformed = (): HttpError => new HttpError(400, MULTIPART_MSG.malformed);
  const opening = Buffer.from(`--${boundary}\r\n`, 'latin1');
  if (!body.subarray(0, opening.length).equals(opening)) {
    throw body.length === 0 ? new HttpError(400, MULTIPART_MSG.noFile) : malformed();
  }
  const headersEnd = body.indexOf('\r\n\r\n', opening.length, 'latin1');
  if (headersEnd < 0)
    throw body.length < opening.length + MAX_PART_HEADERS ? new HttpError(400, MULTIPART_MSG.incomplete) : malformed();
  if (headersEnd - opening.length > MAX_PART_HEADERS) throw malformed();
  const headers = new Map<string, string>();
  for (const line of body.toString('utf8', opening.length, headersEnd).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed();
    const name = line.slice(0, colon).trim().toLowerCase();
    if (headers.has(name)) throw malformed();
    headers.set(name, line.slice(colon + 1).trim());
  }
  const cd = disposition(headers.get('content-disposition') ?? '');
  if (!cd || cd.type !== 'form-data' || cd.params.get('name') !== field || !cd.params.has('filename')) throw malformed();
  const start = headersEnd + 4;
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const end = body.indexOf(delimiter, start);
  if (end < 0) throw new HttpError(400, MULTIPART_MSG.incomplete);
  const after = body.subarray(end + delimiter.length);
  // Only the closing delimiter may follow (a second part is refused), then at most a line end.
  if (after.subarray(0, 2).toString('latin1') !== '--') {
    throw after.length < 2 ? new HttpError(400, MULTIPART_MSG.incomplete) : malformed();
  }
  if (after.length > 2 && after.subarray(2).toString('latin1').trim() !== '') throw malformed();
  const data = body.subarray(start, end);
  if (data.length === 0) throw new HttpError(400, MULTIPART_MSG.noFile);
  return {
    filename: (cd.params.get('filename') ?? '').slice(0, 200),
    type: (headers.get('content-type') ?? '').slice(0, 100),
    data,
  };
}
