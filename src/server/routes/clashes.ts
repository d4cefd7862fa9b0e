/**
 * GET /api/clashes?start=…&end=…&town=…&lat=…&lon=…: published dates at the same time in the
 * same town, a neighbouring one (config `clashes.neighbours`), within `clashes.radiusKm` of the
 * given position, or large events anywhere in the region (`clashes.regionCategories`). Only
 * what the public feed shows (title, time, town, place, categories), never contacts. The form
 * asks while someone enters a date; it is advice, nothing is refused because of it.
 */
import type { FastifyInstance } from 'fastify';
import { findClashes, parseIso, parseJsonFeed, type CalendarEvent, type Clash } from '../../core/index.js';
import { HttpError, type AppContext } from '../context.js';

export const CLASH_MSG = {
  start: 'Bitte geben Sie den Beginn als Datum (JJJJ-MM-TT) oder mit Uhrzeit (JJJJ-MM-TTTHH:MM) an.',
  end: 'Das Ende muss ein Datum oder eine Uhrzeit nach dem Beginn sein.',
  tooLong: 'Der Zeitraum ist zu lang (höchstens 14 Tage).',
  position: 'Bitte geben Sie Breite und Länge zusammen an (z. B. lat=51.75&lon=11.46).',
};

const DATE = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})?)?$';
const NUMBER = '^-?\\d{1,3}(\\.\\d{1,8})?$';

const QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['start'],
  properties: {
    start: { type: 'string', pattern: DATE },
    end: { type: 'string', pattern: DATE },
    town: { type: 'string', maxLength: 100 },
    lat: { type: 'string', pattern: NUMBER },
    lon: { type: 'string', pattern: NUMBER },
    exclude: { type: 'string', maxLength: 200 },
  },
} as const;

interface ClashQueryString {
  start: string;
  end?: string;
  town?: string;
  lat?: string;
  lon?: string;
  exclude?: string;
}

const MAX_DAYS = 14;

// The served feed, read once per build (a build per change, not per request).
const parsed = new WeakMap<AppContext, { body: string; events: CalendarEvent[] }>();

function publishedEvents(ctx: AppContext): CalendarEvent[] {
  const body = ctx.feed.current().json.body;
  let cache = parsed.get(ctx);
  if (cache?.body !== body) {
    cache = { body, events: parseJsonFeed(body).events };
    parsed.set(ctx, cache);
  }
  return cache.events;
}

/** Clashes of a stored event (JSON feed form) with the published dates: for the moderation queue. */
export function clashesOf(ctx: AppContext, event: Record<string, unknown>): Clash[] {
  const [draft] = parseJsonFeed({ timeZone: ctx.config.feed.timeZone, events: [event] }).events;
  if (!draft) return [];
  const { neighbours, radiusKm, regionCategories } = ctx.config.clashes;
  const query: Parameters<typeof findClashes>[1] = {
    start: draft.start,
    zone: draft.timeZone ?? ctx.config.feed.timeZone,
    exclude: draft.id,
  };
  if (draft.end) query.end = draft.end;
  if (draft.town) query.town = draft.town;
  if (draft.location?.lat !== undefined && draft.location.lon !== undefined) {
    query.lat = draft.location.lat;
    query.lon = draft.location.lon;
  }
  return findClashes(publishedEvents(ctx), query, { neighbours, radiusKm, regionCategories });
}

export function clashRoutes(app: FastifyInstance, ctx: AppContext): void {
  const events = (): CalendarEvent[] => publishedEvents(ctx);

  app.get<{ Querystring: ClashQueryString }>('/clashes', { schema: { querystring: QUERY } }, async (request, reply) => {
    const q = request.query;
    const zone = ctx.config.feed.timeZone;
    const start = parseIso(q.start);
    if (!start) throw new HttpError(400, CLASH_MSG.start);
    if (q.end !== undefined) {
      const end = parseIso(q.end);
      if (!end) throw new HttpError(400, CLASH_MSG.end);
      const days = (Date.parse(q.end.slice(0, 10)) - Date.parse(q.start.slice(0, 10))) / 86_400_000;
      if (days < 0) throw new HttpError(400, CLASH_MSG.end);
      if (days > MAX_DAYS) throw new HttpError(400, CLASH_MSG.tooLong);
    }
    if ((q.lat === undefined) !== (q.lon === undefined)) throw new HttpError(400, CLASH_MSG.position);
    const lat = q.lat === undefined ? undefined : Number(q.lat);
    const lon = q.lon === undefined ? undefined : Number(q.lon);
    if (lat !== undefined && (Math.abs(lat) > 90 || Math.abs(lon!) > 180)) throw new HttpError(400, CLASH_MSG.position);
    const { neighbours, radiusKm, regionCategories } = ctx.config.clashes;
    const clashes: Clash[] = findClashes(
      events(),
      {
        start: q.start,
        zone,
        ...(q.end ? { end: q.end } : {}),
        ...(q.town ? { town: q.town } : {}),
        ...(lat !== undefined ? { lat, lon: lon! } : {}),
        ...(q.exclude ? { exclude: q.exclude } : {}),
      },
      { neighbours, radiusKm, regionCategories },
    );
    return reply.header('Cache-Control', 'public, max-age=60').send({ clashes });
  });
}
