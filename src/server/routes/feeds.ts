/**
 * The public read side: the regional feed as JSON and iCalendar, its views (a window of days,
 * the elements' filters), the associations, health.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendRepresentation } from '../http-cache.js';
import { HttpError, type AppContext } from '../context.js';
import { todayIn } from '../../core/index.js';
import { MSG } from '../messages.js';
import type { FeedLinks } from '../syndication.js';
import { canonicalQuery, isWholeFeed, parseViewQuery, townSlug, VIEW_QUERY_SCHEMA } from '../view-query.js';
import type { ViewFormat, ViewQuery } from '../views.js';
import { ID_PARAMS } from './schemas.js';

export const FEED_MSG = {
  unknownAssociation: 'Diesen Verein gibt es in diesem Kalender nicht.',
  unknownTown: 'Diesen Ort gibt es in diesem Kalender nicht.',
  associationCalendar: (name: string) => `Termine: ${name}`,
  townCalendar: (town: string) => `Termine in ${town}`,
} as const;

const TOWN_PARAMS = {
  type: 'object',
  properties: { town: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['town'],
  additionalProperties: false,
} as const;

export function feedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const cacheControl = ctx.config.feed.cacheControl;
  const zone = ctx.config.feed.timeZone;
  const schema = { querystring: VIEW_QUERY_SCHEMA };

  /** The whole feed as built (byte-identical to what it always was), or a view of it. */
  const feedOrView =
    (format: Extract<ViewFormat, 'json' | 'ics'>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const query = parseViewQuery(request.query as Record<string, unknown>, zone);
      const rep = isWholeFeed(query) ? ctx.feed.current()[format] : await ctx.feed.view(format, query);
      return sendRepresentation(request, reply, rep, cacheControl);
    };

  app.get('/events.json', { schema }, feedOrView('json'));
  app.get('/events.ics', { schema }, feedOrView('ics'));

  /** Links of the published formats: the server's public address, the calendar page, the licence. */
  const linksFor = (request: FastifyRequest, path: string, query: ViewQuery): FeedLinks => {
    const base = (ctx.config.publicUrl || `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    if (!URL.canParse(base)) throw new HttpError(400, MSG.badRequest);
    const search = canonicalQuery(query);
    const { license, licenseName, publisher } = ctx.config.openData;
    return {
      self: `${base}${path}${search ? `?${search}` : ''}`,
      page: ctx.config.feed.pageUrl || `${base}/`,
      license,
      licenseName,
      publisher,
    };
  };
  for (const [ext, format] of [
    ['rss', 'rss'],
    ['atom', 'atom'],
    ['jsonld', 'jsonld'],
  ] as const) {
    app.get(`/events.${ext}`, { schema }, async (request, reply) => {
      const query = parseViewQuery(request.query as Record<string, unknown>, zone);
      const rep = await ctx.feed.view(format, query, {
        links: linksFor(request, `/api/events.${ext}`, query),
        today: todayIn(zone, ctx.now().getTime()),
      });
      return sendRepresentation(request, reply, rep, cacheControl);
    });
  }
  // One calendar per association and per town, at URLs that stay the same (for subscriptions):
  // the same events as `events.ics?organizer=…` / `?town=…`, named after the association or town.
  // The view's filters and window may be added. An association's calendar (iCalendar and JSON)
  // also has its standing meetings as series (views.ts, meetingSeries); the regional feed has not.
  for (const format of ['ics', 'json'] as const) {
    app.get(
      `/associations/:id/events.${format}`,
      { schema: { querystring: VIEW_QUERY_SCHEMA, params: ID_PARAMS } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const name = ctx.feed.current().associationNames.get(id);
        if (name === undefined) throw new HttpError(404, FEED_MSG.unknownAssociation);
        const query = { ...parseViewQuery(request.query as Record<string, unknown>, zone), organizer: [id, name] };
        const rep = await ctx.feed.view(format, query, { title: FEED_MSG.associationCalendar(name), meetingsOf: id });
        return sendRepresentation(request, reply, rep, cacheControl);
      },
    );
  }
  app.get(
    '/towns/:town/events.ics',
    { schema: { querystring: VIEW_QUERY_SCHEMA, params: TOWN_PARAMS } },
    async (request, reply) => {
      const { town: param } = request.params as { town: string };
      const town = ctx.feed.current().towns.get(townSlug(param));
      if (town === undefined) throw new HttpError(404, FEED_MSG.unknownTown);
      const query = { ...parseViewQuery(request.query as Record<string, unknown>, zone), town };
      const rep = await ctx.feed.view('ics', query, { title: FEED_MSG.townCalendar(town) });
      return sendRepresentation(request, reply, rep, cacheControl);
    },
  );

  app.get('/associations.json', (request, reply) =>
    sendRepresentation(request, reply, ctx.feed.current().associations, cacheControl),
  );

  // Public: only ok or degraded (the sources' URLs and errors may name private calendars);
  // the details are in the admin area (GET /api/admin/health).
  app.get('/health', async (_request, reply) => {
    let status: 'ok' | 'degraded';
    try {
      await ctx.store.ping();
      status = await ctx.hub.status();
    } catch {
      // The database is not reachable: the feeds are still served from memory.
      status = 'degraded';
    }
    return reply.header('Cache-Control', 'no-store').send({ status });
  });
}
