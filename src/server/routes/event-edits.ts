/**
 * Editing published events, inside the admin area (token checked there; who may edit which
 * event is asked of permissions.ts):
 * - `GET /api/admin/events/:id`: the stored entries of an event (the series and its overrides);
 * - `POST /api/admin/events/:id/series-edit`: one date of a series changed "nur dieser
 *   Termin" / "dieser und alle folgenden" / "alle Termine" (src/core/series-edit.ts), the
 *   result published at once.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { ADMIN_TOKEN_ACTOR, eventScope, recordAudit } from '../audit.js';
import {
  editSeries,
  parseJsonFeed,
  type CalendarEvent,
  type SeriesChange,
  type SeriesEditError,
  type SeriesScope,
} from '../../core/index.js';
import { HttpError, ruleOptions, type AppContext } from '../context.js';
import type { FeedEventJson } from '../db/store.js';
import { MSG } from '../messages.js';
import { requireEventPermission } from '../permissions.js';
import { requireJson } from './submissions.js';
import { EMPTY_QUERY, ID_PARAMS } from './schemas.js';

export const SERIES_MSG = {
  occurrence: 'Bitte geben Sie den Termin der Serie an (sein ursprüngliches Datum, z. B. 2027-03-24T19:00).',
  changeOrRemove: 'Bitte geben Sie entweder eine Änderung („change“) oder „remove“: true an.',
  notChangeable: 'Dieses Feld kann beim Bearbeiten eines Termins nicht geändert werden.',
  errors: {
    'no-series': { occurrence: 'Zu diesem Termin ist keine Serie gespeichert.' },
    'not-recurring': { occurrence: 'Dieser Termin wiederholt sich nicht; bitte bearbeiten Sie ihn als Ganzes.' },
    'no-such-date': { occurrence: 'An diesem Datum findet kein Termin der Serie statt.' },
    'bad-date': {
      'change.start':
        'Bitte geben Sie Beginn und Ende in der Form der Serie an (mit Uhrzeit oder ganztägig); das Ende muss nach dem Beginn liegen.',
    },
    'bad-rule': { 'change.rrule': MSG.rrule },
    'rule-for-one-date': {
      'change.rrule':
        'Die Wiederholung gilt für die ganze Serie: Bitte wählen Sie „dieser und alle folgenden“ oder „alle Termine“.',
    },
    'rule-needs-update': {
      'change.rrule': 'Die Termine rücken auf einen anderen Wochentag; bitte passen Sie auch die Wiederholung an.',
    },
    'new-id': { scope: MSG.invalid },
  } satisfies Record<SeriesEditError, Record<string, string>>,
} as const;

const EDIT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['occurrence', 'scope'],
  properties: {
    occurrence: { type: 'string', minLength: 10, maxLength: 40 },
    scope: { type: 'string', enum: ['this', 'following', 'all'] },
    change: { type: 'object' },
    remove: { type: 'boolean', const: true },
  },
} as const;

/** Fields a series edit may not set: the edit decides them. */
const FIXED = ['id', 'recurrenceId', 'exdates', 'rdates', 'timeZone', 'sequence', 'updated'];

interface EditBody {
  occurrence: string;
  scope: SeriesScope;
  change?: Record<string, unknown>;
  remove?: true;
}

/** A CalendarEvent back in the JSON feed's form, as the store keeps it. */
function toFeedJson(e: CalendarEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (key === 'allDay' || key === 'source' || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

export function eventEditRoutes(app: FastifyInstance, ctx: AppContext, publish: (log: FastifyBaseLogger) => Promise<void>): void {
  const zone = ctx.config.feed.timeZone;
  const read = (entries: readonly FeedEventJson[]): CalendarEvent[] => parseJsonFeed({ timeZone: zone, events: entries }).events;

  app.get<{ Params: { id: string } }>(
    '/events/:id',
    { schema: { params: ID_PARAMS, querystring: EMPTY_QUERY }, preHandler: requireEventPermission(ctx, 'read') },
    async (request) => {
      const stored = await ctx.store.eventEntries(request.params.id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      return { events: stored.entries };
    },
  );

  app.post<{ Params: { id: string }; Body: EditBody }>(
    '/events/:id/series-edit',
    {
      preParsing: requireJson,
      schema: { params: ID_PARAMS, querystring: EMPTY_QUERY, body: EDIT_BODY },
      preHandler: requireEventPermission(ctx, 'edit'),
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      if ((body.change === undefined) === (body.remove === undefined)) {
        return reply.code(422).send({ errors: { change: SERIES_MSG.changeOrRemove } });
      }
      const stored = await ctx.store.eventEntries(id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      const master = stored.entries.find((e) => e['recurrenceId'] === undefined);
      if (!master) return reply.code(422).send({ errors: SERIES_MSG.errors['no-series'] });

      let change: SeriesChange | 'delete' = 'delete';
      if (body.change) {
        const errors: Record<string, string> = {};
        for (const key of FIXED) if (key in body.change) errors[`change.${key}`] = SERIES_MSG.notChangeable;
        // The change is checked as the event it makes: the schema and the date rules, field by field.
        const draft: Record<string, unknown> = { ...master, ...body.change, id };
        delete draft['recurrenceId'];
        if ('start' in body.change && !('end' in body.change)) delete draft['end'];
        const checked = ctx.validator.checkEvent(draft, ruleOptions(ctx, false), 'change.');
        for (const [field, message] of Object.entries(checked)) {
          if (Object.hasOwn(body.change, field.slice('change.'.length).split('.')[0]!)) errors[field] ??= message;
        }
        if (Object.keys(errors).length) return reply.code(422).send({ errors });
        const [parsed] = read([ctx.validator.cleanEvent(draft, id)]);
        if (!parsed) return reply.code(422).send({ errors: { change: MSG.invalid } });
        const picked: Record<string, unknown> = {};
        for (const key of Object.keys(body.change)) {
          const value = (parsed as unknown as Record<string, unknown>)[key];
          if (value !== undefined) picked[key] = value;
        }
        change = picked as SeriesChange;
      }

      const newId = `${id.slice(0, 180)}-${randomUUID().slice(0, 8)}`;
      const result = editSeries(read(stored.entries), { occurrence: body.occurrence, scope: body.scope, change, newId });
      if (!result.ok) return reply.code(422).send({ errors: SERIES_MSG.errors[result.error] });
      const events = result.events.map((e) => ctx.validator.cleanEvent(toFeedJson(e), e.id));
      const created = result.created.map((e) => ctx.validator.cleanEvent(toFeedJson(e), e.id));
      await ctx.store.replaceEventEntries(id, events, created);
      await recordAudit(ctx, {
        actor: ADMIN_TOKEN_ACTOR,
        action: 'event.edit',
        subject: { type: 'event', id, label: master.title },
        ...eventScope(master),
        before: stored.entries,
        after: [...events, ...created],
        note: `Serie: ${body.scope}, ${body.occurrence}`,
      });
      request.log.info({ event: id, scope: body.scope, split: created.length > 0 }, 'series edited');
      await publish(request.log);
      return { events, created, dropped: result.dropped };
    },
  );
}
