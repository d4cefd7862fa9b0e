/**
 * Pictures: `POST /api/images` takes one file (multipart/form-data, field `file`), re-encodes it
 * (src/server/images.ts) and answers 201 with its URLs; `GET /api/images/:id/:name` serves a
 * rendition from the database, cacheable for ever (a URL's bytes never change).
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, type AppContext } from '../context.js';
import { ImageStore, type StoredImage } from '../db/image-store.js';
import { IMAGE_TYPES, ImageRefused, processImage } from '../images.js';
import { MULTIPART_MSG, MULTIPART_OVERHEAD, multipartBoundary, parseSingleFile, readLimited } from '../multipart.js';
import { limitHook, WindowLimiter } from '../rate-limit.js';
import type { ImageCleanup } from '../image-cleanup.js';
import { EMPTY_QUERY } from './schemas.js';

export const IMAGE_RATE_MSG =
  'Sie haben zu viele Bilder in kurzer Zeit hochgeladen. Bitte warten Sie etwas und versuchen Sie es dann erneut.';

/** A picture's document, opened directly: nothing runs, nothing loads, it cannot be framed elsewhere. */
export const IMAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

/** How long the rest of an oversized upload is read and dropped before its connection closes. */
const LINGER_MS = 2000;

const ID_RE = /^[0-9a-f]{32}$/;
const NAME_RE = /^(\d{1,5})\.(avif|webp|jpg)$/;

/** The origin the pictures' URLs name: the configured public address, else the request's. */
export function publicOrigin(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicUrl ? ctx.config.publicUrl.replace(/\/$/, '') : `${request.protocol}://${request.host}`;
}

/** The JSON of a stored picture: the largest JPEG as `url`, every rendition in `sizes`. */
export function imageJson(
  image: StoredImage,
  origin: string,
): {
  id: string;
  url: string;
  width: number;
  height: number;
  type: string;
  sizes: { width: number; height: number; url: string; type: string }[];
} {
  const base = `${origin}/api/images/${image.id}/`;
  const sizes = image.renditions.map((r) => ({
    width: r.width,
    height: r.height,
    url: base + r.name,
    type: IMAGE_TYPES[r.format].type,
  }));
  const fallback = sizes.filter((s) => s.type === 'image/jpeg').at(-1)!;
  return { id: image.id, url: fallback.url, width: image.width, height: image.height, type: fallback.type, sizes };
}

/**
 * A lingering close: the rest of the body is read and dropped for a moment, then the connection
 * closes. Closing at once, with unread data, would reset the connection, and the client could
 * lose the answer with it; reading on would take in an upload of any size.
 */
function lingerClose(request: FastifyRequest, reply: FastifyReply): void {
  const socket = request.raw.socket;
  reply.raw.once('finish', () => {
    (request.body as Readable | undefined)?.resume?.();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}

export function imageRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { maxBytes, maxPixels } = ctx.config.images;
  const limit = maxBytes + MULTIPART_OVERHEAD;
  const images = new ImageStore(ctx.store.db, ctx.now);
  const { max, windowSeconds } = ctx.config.rateLimit.submissions;

  // The body stays a stream until the handler reads it (counted, up to the limit).
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));

  const tooLarge = (reply: FastifyReply): FastifyReply => reply.code(413).send({ error: MULTIPART_MSG.tooLarge(maxBytes) });

  app.post(
    '/images',
    {
      // Any answer given before the whole body arrived (429, 415, 413, 408) ends its connection
      // after a moment, so the rest of an upload is never read to its end.
      onSend: (request, reply, payload, done) => {
        if (!request.raw.complete) lingerClose(request, reply);
        done(null, payload);
      },
      onRequest: [
        limitHook(new WindowLimiter(max, windowSeconds * 1000, ctx.now), IMAGE_RATE_MSG),
        (request, reply, done) => {
          const length = Number(request.headers['content-length']);
          if (Number.isFinite(length) && length > limit) return void tooLarge(reply);
          if (!multipartBoundary(request.headers['content-type'])) {
            return void reply.code(415).send({ error: MULTIPART_MSG.contentType });
          }
          done();
        },
      ],
    },
    async (request, reply) => {
      let body: Buffer;
      try {
        body = await readLimited(request.body as Readable, limit, maxBytes);
      } catch (error) {
        if (error instanceof HttpError && error.statusCode === 413) return tooLarge(reply);
        throw error;
      }
      const file = parseSingleFile(body, multipartBoundary(request.headers['content-type'])!);
      if (file.data.length > maxBytes) return tooLarge(reply);
      let processed;
      try {
        processed = await processImage(file.data, { maxBytes, maxPixels });
      } catch (error) {
        if (error instanceof ImageRefused) return reply.code(422).send({ error: error.message });
        throw error;
      }
      const stored = await images.save(processed);
      request.log.info({ image: stored.id, width: stored.width, height: stored.height }, 'image stored');
      return reply
        .code(201)
        .header('Cache-Control', 'no-store')
        .send(imageJson(stored, publicOrigin(ctx, request)));
    },
  );

  app.get<{ Params: { id: string; name: string } }>('/images/:id/:name', async (request, reply) => {
    const { id, name } = request.params;
    const file = ID_RE.test(id) && NAME_RE.test(name) ? await images.file(id, name) : undefined;
    if (!file) throw new HttpError(404, 'Dieses Bild gibt es nicht.');
    const etag = `"${id}-${name}"`;
    reply
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('ETag', etag)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', IMAGE_CSP)
      // The widgets on the towns' pages load these from here.
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Content-Disposition', 'inline');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(file.type).send(file.data);
  });
}

/**
 * The admin's trigger of the cleanup (under /api/admin, behind its token): one sweep now,
 * answered with what it did (`deleted` ids, `referenced` and `waiting` counts).
 */
export function imageCleanupRoutes(app: FastifyInstance, cleanup: ImageCleanup): void {
  app.post('/images/cleanup', { schema: { querystring: EMPTY_QUERY } }, async (request) => {
    const result = await cleanup.run();
    request.log.info({ deleted: result.deleted.length }, 'image cleanup run by an admin');
    return result;
  });
}
