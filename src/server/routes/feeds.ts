/** The public read side: the regional feed as JSON and iCalendar, the associations, health. */
import type { FastifyInstance } from 'fastify';
import { sendRepresentation } from '../http-cache.js';
import type { AppContext } from '../context.js';

export function feedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const cacheControl = ctx.config.feed.cacheControl;

  app.get('/events.json', (request, reply) => sendRepresentation(request, reply, ctx.feed.current().json, cacheControl));
  app.get('/events.ics', (request, reply) => sendRepresentation(request, reply, ctx.feed.current().ics, cacheControl));
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
