/**
 * The gazette (Mitteilungsblatt) export in the admin area: `GET /api/admin/gazette.docx`,
 * `.pdf` and `.txt` make the calendar of a period for the gazette from the served feed, and
 * `GET /api/admin/gazette/options` says what the form can offer (towns, categories, limits).
 * The documents are made in the render worker, at most MAX_RUNNING at a time per process.
 *
 * The same routes are registered twice (server.ts): under /api/admin with the admin token, and
 * under /api/workspace (`GET /api/workspace/gazette.docx` …) for signed-in people of the
 * workspace. Who may export is decided in one function, `gazettePermission`, by the way the
 * routes were registered (`GazetteAccess`):
 * - 'token': the holder of the admin token, every town;
 * - 'session': a region admin every town, a town editor exactly their towns; anyone else 403,
 *   no session 401. The routes check the requested towns against that answer. Only GETs: no
 *   CSRF token needed (nothing changes).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSession } from '../auth.js';
import { HttpError, type AppContext } from '../context.js';
import { tokenMatches } from './admin.js';
import { loadImages } from '../gazette/images.js';
import {
  DESCRIPTION,
  FONT_SIZES,
  GAZETTE_QUERY_SCHEMA,
  MAX_DAYS,
  checkParameterNames,
  gazetteFileName,
  parseGazetteQuery,
  type GazetteQuery,
} from '../gazette/options.js';
import type { GazetteFormat } from '../gazette/render.js';
import { MSG } from '../messages.js';
import { EMPTY_QUERY } from './schemas.js';

/** What a requester may export: every town, or only these (compared as the feed spells them). */
export type GazetteGrant = { towns: 'all' } | { towns: readonly string[] };

/** How the routes were registered: the admin area's token, or the workspace's session. */
export type GazetteAccess = 'token' | 'session';

export const GAZETTE_FORBIDDEN =
  'Das Mitteilungsblatt dürfen nur die Redaktionen der Orte und die Verantwortlichen der Region erstellen.';

/**
 * The one permission check of the gazette export. Throws 401/503 like the admin area (token),
 * 401 without a session and 403 for people who are no editor or admin (session); returns the
 * towns the requester may put into a gazette.
 */
export async function gazettePermission(
  request: FastifyRequest,
  ctx: AppContext,
  access: GazetteAccess = 'token',
): Promise<GazetteGrant> {
  if (access === 'token') {
    if (!ctx.adminToken) throw new HttpError(503, MSG.moderationOff);
    if (!tokenMatches(request.headers.authorization, ctx.adminToken)) throw new HttpError(401, MSG.unauthorized);
    return { towns: 'all' };
  }
  await requireSession(ctx)(request);
  const p = request.principal!;
  if (p.admin) return { towns: 'all' };
  if (p.towns.length) return { towns: [...p.towns] };
  throw new HttpError(403, GAZETTE_FORBIDDEN);
}

const TYPES: Record<GazetteFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
};

/** Exports rendering at once in this process; more wait for none and get a 503. */
const MAX_RUNNING = 2;

const grants = new WeakMap<FastifyRequest, GazetteGrant>();

/** The routes' preHandler: the permission, checked before anything else is done. */
function permitted(ctx: AppContext, access: GazetteAccess) {
  return async (request: FastifyRequest): Promise<void> => {
    grants.set(request, await gazettePermission(request, ctx, access));
  };
}

function grantOf(request: FastifyRequest): GazetteGrant {
  const grant = grants.get(request);
  if (!grant) throw new HttpError(401, MSG.unauthorized);
  return grant;
}

/** The export's routes, under the prefix of `app`, with the permission of `access`. */
export function gazetteRoutes(app: FastifyInstance, ctx: AppContext, access: GazetteAccess = 'token'): void {
  let running = 0;

  /** The towns and categories of one build of the feed (the one the export is then made of). */
  const choices = (feed = ctx.feed.current().json): Promise<{ towns: string[]; categories: string[] }> =>
    ctx.renderer.gazetteChoices(feed.body, feed.etag);

  app.get('/gazette/options', { schema: { querystring: EMPTY_QUERY }, preHandler: permitted(ctx, access) }, async (request) => {
    const grant = grantOf(request);
    const offered = await choices();
    const towns = grant.towns === 'all' ? offered.towns : offered.towns.filter((t) => grant.towns.includes(t));
    return {
      towns,
      categories: offered.categories,
      imagesAvailable: ctx.gazetteImages.available,
      maxDays: MAX_DAYS,
      fontSize: FONT_SIZES,
      maxDescription: DESCRIPTION,
    };
  });

  for (const format of ['docx', 'pdf', 'txt'] as const) {
    app.get<{ Querystring: GazetteQuery }>(
      `/gazette.${format}`,
      { schema: { querystring: GAZETTE_QUERY_SCHEMA }, preHandler: permitted(ctx, access) },
      async (request: FastifyRequest<{ Querystring: GazetteQuery }>, reply: FastifyReply) => {
        const grant = grantOf(request);
        checkParameterNames(request.url.split('?')[1] ?? '');
        const feed = ctx.feed.current().json;
        const offered = await choices(feed);
        const options = parseGazetteQuery(request.query, offered);
        if (grant.towns !== 'all') {
          const allowed = grant.towns;
          const outside = options.towns.filter((t) => !allowed.includes(t));
          if (!options.towns.length || outside.length) {
            throw new HttpError(403, `Sie dürfen das Mitteilungsblatt nur für ${allowed.join(', ')} erstellen.`);
          }
        }
        if (running >= MAX_RUNNING) {
          reply.header('Retry-After', '5');
          throw new HttpError(
            503,
            'Gerade werden andere Mitteilungsblätter erstellt. Bitte versuchen Sie es in einigen Sekunden erneut.',
          );
        }
        running++;
        const started = performance.now();
        try {
          const base = { feed: feed.body, etag: feed.etag, options };
          const wanted = options.images && ctx.gazetteImages.available ? await ctx.renderer.gazetteImages(base) : [];
          const images = await loadImages(ctx.gazetteImages, wanted);
          const result = await ctx.renderer.gazette({ ...base, format, images: [...images] });
          request.log.info(
            { format, dates: result.dateCount, bytes: result.bytes.byteLength, ms: Math.round(performance.now() - started) },
            'gazette exported',
          );
          if (options.images) reply.header('X-Gazette-Images', ctx.gazetteImages.available ? String(images.size) : 'none');
          return reply
            .type(TYPES[format])
            .header('Content-Disposition', `attachment; filename="${gazetteFileName(options, format)}"`)
            .send(Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength));
        } finally {
          running--;
        }
      },
    );
  }
}
