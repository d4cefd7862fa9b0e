/**
 * The public read side: the regional feed as JSON and iCalendar, its views (a window of days,
 * the elements' filters), the associations, health.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendRepresentation } from '../http-cache.js';
import type { AppContext } from '../context.js';
import { isWholeFeed, parseViewQuery, VIEW_QUERY_SCHEMA } from '../view-query.js';
import type { ViewFormat } from '../views.js';

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
