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
import { ADMIN_TOKEN_ACTOR, eventSubject, recordAudit, type AuditActor, type AuditInput } from '../audit.js';
import type { Principal } from '../db/accounts.js';
import {
  CLEARABLE_FIELDS,
  clearedAsNull,
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
  /** `exdates`/`rdates` in a series edit: they belong to the series as a whole. */
  seriesDates:
    'Ausfallende und zusätzliche Termine gelten für die ganze Serie: Bitte bearbeiten Sie dafür die Serie als Ganzes („Bearbeiten“ beim Termin in „Meine Termine“), nicht einen ihrer Termine.',
  /** `null` for a field that may not be empty (title, start, town, organizer …). */
  notClearable: 'Dieses Feld darf nicht leer sein.',
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

export const EDIT_BODY = {
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

/** Fields a series edit may not set: the edit decides them (the workspace's events.js leaves them out too). */
export const FIXED = ['id', 'recurrenceId', 'timeZone', 'sequence', 'updated'];
/** The series' own dates: changed with the series as a whole, never through one of its dates. */
const SERIES_DATES = ['exdates', 'rdates'];
/**
 * Fields a change may remove with `null` (for the chosen dates): those that may be empty. The
 * workspace's events.js (plain JavaScript, no build) keeps its own copy, `CLEARABLE`; a test holds them equal.
 */
export const NULLABLE = new Set<string>([...CLEARABLE_FIELDS, 'statusNote']);

export interface EditBody {
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
    if (key === 'cleared' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  // A date without a field its series has: `null` (an override that leaves it out keeps the series' value).
  return { ...out, ...clearedAsNull(e.cleared) };
}

export function eventEditRoutes(app: FastifyInstance, ctx: AppContext, publish: (log: FastifyBaseLogger) => Promise<void>): void {
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
      const stored = await ctx.store.eventEntries(request.params.id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      const outcome = planSeriesEdit(ctx, request.params.id, stored.entries, request.body);
      if (!outcome.ok) return reply.code(422).send({ errors: outcome.errors });
      await ctx.store.replaceEventEntries(request.params.id, outcome.events, outcome.created);
      await recordAudit(ctx, seriesEditAudit(ADMIN_TOKEN_ACTOR, request.params.id, stored.entries, outcome, request.body));
      request.log.info(
        { event: request.params.id, scope: request.body.scope, split: outcome.created.length > 0 },
        'series edited',
      );
      await publish(request.log);
      return { events: outcome.events, created: outcome.created, dropped: outcome.dropped };
    },
  );
}

export type SeriesEditPlan =
  | { ok: true; events: FeedEventJson[]; created: FeedEventJson[]; dropped: string[] }
  | { ok: false; errors: Record<string, string> };

/**
 * One series edit, checked and computed but not stored: the entries after the edit (and those
 * of a split-off series), or the German messages by field (`change.<field>`, `occurrence`, …).
 * The admin area and the workspace both store what it answers.
 */
export function planSeriesEdit(ctx: AppContext, id: string, entries: readonly FeedEventJson[], body: EditBody): SeriesEditPlan {
  const zone = ctx.config.feed.timeZone;
  const read = (list: readonly FeedEventJson[]): CalendarEvent[] => parseJsonFeed({ timeZone: zone, events: list }).events;
  if ((body.change === undefined) === (body.remove === undefined)) {
    return { ok: false, errors: { change: SERIES_MSG.changeOrRemove } };
  }
  const master = entries.find((e) => e['recurrenceId'] === undefined);
  if (!master) return { ok: false, errors: SERIES_MSG.errors['no-series'] };

  let change: SeriesChange | 'delete' = 'delete';
  if (body.change) {
    const errors: Record<string, string> = {};
    for (const key of FIXED) if (key in body.change) errors[`change.${key}`] = SERIES_MSG.notChangeable;
    for (const key of SERIES_DATES) if (key in body.change) errors[`change.${key}`] = SERIES_MSG.seriesDates;
    // `null` removes a field for the chosen dates; only a field that may be empty.
    const cleared = Object.keys(body.change).filter((key) => body.change![key] === null);
    for (const key of cleared) if (!NULLABLE.has(key)) errors[`change.${key}`] ??= SERIES_MSG.notClearable;
    // The change is checked as the event it makes: the schema and the date rules, field by field.
    const draft: Record<string, unknown> = { ...master, ...body.change, id };
    for (const key of cleared) delete draft[key];
    delete draft['recurrenceId'];
    if ('start' in body.change && !('end' in body.change)) delete draft['end'];
    const checked = ctx.validator.checkEvent(draft, ruleOptions(ctx, false), 'change.');
    for (const [field, message] of Object.entries(checked)) {
      if (Object.hasOwn(body.change, field.slice('change.'.length).split('.')[0]!)) errors[field] ??= message;
    }
    if (Object.keys(errors).length) return { ok: false, errors };
    const [parsed] = read([ctx.validator.cleanEvent(draft, id)]);
    if (!parsed) return { ok: false, errors: { change: MSG.invalid } };
    const picked: Record<string, unknown> = {};
    for (const key of cleared) picked[key] = null;
    for (const key of Object.keys(body.change)) {
      const value = (parsed as unknown as Record<string, unknown>)[key];
      if (value !== undefined) picked[key] = value;
    }
    change = picked as SeriesChange;
  }

  const newId = `${id.slice(0, 180)}-${randomUUID().slice(0, 8)}`;
  const result = editSeries(read(entries), { occurrence: body.occurrence, scope: body.scope, change, newId });
  if (!result.ok) return { ok: false, errors: SERIES_MSG.errors[result.error] };
  return {
    ok: true,
    events: result.events.map((e) => ctx.validator.cleanEvent(toFeedJson(e), e.id)),
    created: result.created.map((e) => ctx.validator.cleanEvent(toFeedJson(e), e.id)),
    dropped: result.dropped,
  };
}

/** The audit entry of a series edit, in the admin area or the workspace: every stored entry before and after. */
export function seriesEditAudit(
  actor: AuditActor | Principal,
  id: string,
  before: readonly FeedEventJson[],
  plan: { events: readonly FeedEventJson[]; created: readonly FeedEventJson[] },
  body: EditBody,
): AuditInput {
  const master: Readonly<Record<string, unknown>> = before.find((e) => e['recurrenceId'] === undefined) ?? before[0] ?? {};
  return {
    actor,
    action: 'event.edit',
    ...eventSubject('event', id, master),
    before,
    after: [...plan.events, ...plan.created],
    note: `Serie: ${body.scope}, ${body.occurrence}`,
  };
}
