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

  app.get('/health', (_request, reply) => {
    const sources = ctx.hub.health();
    const built = ctx.feed.current();
    const degraded = sources.some((s) => !s.ok);
    return reply
      .header('Cache-Control', 'no-store')
      .code(200)
      .send({
        status: degraded ? 'degraded' : 'ok',
        events: built.eventCount,
        moderation: ctx.adminToken ? 'on' : 'off',
        sources,
      });
  });
}
