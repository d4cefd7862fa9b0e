/**
 * One date of a series, from the workspace (issue 14: "nur dieser Termin", "dieser und alle
 * folgenden", "alle Termine"), with the workspace's permission rule (members their
 * associations' events, editors their towns', admins all; a German 403 otherwise) and its
 * conflict rule (a stale version gets 412 with the current state, nothing is written):
 * - `GET /api/workspace/events/:id`: the stored entries, their version, and the coming dates,
 *   each with the event the form shows for "nur dieser Termin" and for "dieser und alle folgenden";
 * - `POST /api/workspace/events/:id/series-edit`: `{ occurrence, scope, change | remove, version }`
 *   (or the version in If-Match), computed by the core's series edits as in the admin area.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addDaysIso, expandOccurrences, IMAGE_FIELDS, localDate, parseJsonFeed, type Occurrence } from '../../core/index.js';
import { HttpError, type AppContext } from '../context.js';
import type { Principal } from '../db/accounts.js';
import type { FeedEventJson } from '../db/store.js';
import { MSG } from '../messages.js';
import { canEditEvent } from '../permissions.js';
import { recordAudit } from '../audit.js';
import { EDIT_BODY, planSeriesEdit, seriesEditAudit, type EditBody } from './event-edits.js';
import { requireJson } from './submissions.js';
import { ID_PARAMS } from './schemas.js';

/** How many coming dates the workspace offers for a series. */
const DATES = 20;
/** How far ahead it looks for them (days). */
const HORIZON = 800;

const WORKSPACE_EDIT_BODY = {
  ...EDIT_BODY,
  properties: { ...EDIT_BODY.properties, version: { type: 'string', maxLength: 40 } },
} as const;

/** Fields of an occurrence that are not fields of the feed's event. */
const NOT_FEED = new Set([
  'eventId',
  'key',
  'recurring',
  'recurrenceId',
  'allDay',
  'source',
  'timeZone',
  'rrule',
  'exdates',
  'rdates',
  ...IMAGE_FIELDS,
  'previousStart',
]);

export interface SeriesRouteParts {
  guard: (request: FastifyRequest) => Promise<void>;
  editable: (p: Principal, id: string) => Promise<unknown>;
  publish: (request: FastifyRequest) => Promise<void>;
  forbidden: (p: Principal) => HttpError;
  /** Turns a picture named by an upload's id into the server's image object; the messages by field. */
  pictures: (request: FastifyRequest, event: Record<string, unknown>) => Promise<Record<string, string>>;
}

/** A date of an occurrence as the feed writes it in the series' zone: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. */
function wall(o: Occurrence, when: string): string {
  return o.allDay ? when.slice(0, 10) : when.slice(0, 16);
}

/** The event the form shows for one date ("nur dieser Termin"): the date with its own fields, no rule. */
function dateEvent(id: string, o: Occurrence): FeedEventJson {
  const out: Record<string, unknown> = { id, recurrenceId: o.recurrenceId };
  for (const [key, value] of Object.entries(o)) {
    if (NOT_FEED.has(key) || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  out['start'] = wall(o, o.start);
  if (o.end && o.end !== o.start) out['end'] = wall(o, o.end);
  else delete out['end'];
  if (o.image) {
    const image: Record<string, unknown> = { url: o.image };
    if (o.imageAlt) image['alt'] = o.imageAlt;
    if (o.imageCredit) image['credit'] = o.imageCredit;
    if (o.imageLicense) image['license'] = o.imageLicense;
    if (o.imageWidth) image['width'] = o.imageWidth;
    if (o.imageHeight) image['height'] = o.imageHeight;
    out['image'] = image;
  }
  return out as FeedEventJson;
}

/** The event the form shows for "dieser und alle folgenden": the series, starting at that date. */
function followingEvent(master: FeedEventJson, o: Occurrence): FeedEventJson {
  const out: Record<string, unknown> = { ...master, recurrenceId: o.recurrenceId, start: wall(o, o.start) };
  if (o.end && o.end !== o.start) out['end'] = wall(o, o.end);
  else delete out['end'];
  delete out['exdates'];
  delete out['rdates'];
  return out as FeedEventJson;
}

export function workspaceSeriesRoutes(app: FastifyInstance, ctx: AppContext, parts: SeriesRouteParts): void {
  const zone = ctx.config.feed.timeZone;
  const occurrences = (entries: readonly FeedEventJson[], from: string, days: number): Occurrence[] =>
    expandOccurrences(parseJsonFeed({ timeZone: zone, events: entries }).events, {
      start: from,
      end: addDaysIso(from, days),
      zone,
    });
  const sameStart = (a: string, b: string): boolean => a === b || Date.parse(a) === Date.parse(b);

  /** The state a conflicting save is shown against: the current version of what was edited. */
  const current = (entries: FeedEventJson[], body: EditBody): FeedEventJson | undefined => {
    const master = entries.find((e) => e['recurrenceId'] === undefined);
    if (!master || body.scope === 'all') return master;
    const day = body.occurrence.slice(0, 10);
    const o = occurrences(entries, addDaysIso(day, -2), 5).find((x) => sameStart(x.recurrenceId, body.occurrence));
    if (!o) return master;
    return body.scope === 'this' ? dateEvent(master.id, o) : followingEvent(master, o);
  };

  app.get<{ Params: { id: string } }>(
    '/api/workspace/events/:id',
    { preHandler: parts.guard, schema: { params: ID_PARAMS } },
    async (request) => {
      await parts.editable(request.principal!, request.params.id);
      const stored = await ctx.store.eventEntries(request.params.id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      const master = stored.entries.find((e) => e['recurrenceId'] === undefined);
      if (!master) throw new HttpError(404, MSG.notFound);
      const today = localDate(ctx.now().toISOString(), zone);
      const recurring = typeof master['rrule'] === 'string' || Array.isArray(master['rdates']);
      const dates = recurring
        ? occurrences(stored.entries, today, HORIZON)
            .slice(0, DATES)
            .map((o) => ({
              occurrence: o.recurrenceId,
              start: o.start,
              end: o.end,
              allDay: o.allDay,
              status: o.status,
              ...(o.statusNote ? { statusNote: o.statusNote } : {}),
              this: dateEvent(master.id, o),
              following: followingEvent(master, o),
            }))
        : [];
      return { event: master, entries: stored.entries, version: stored.version, dates };
    },
  );

  app.post<{ Params: { id: string }; Body: EditBody & { version?: string } }>(
    '/api/workspace/events/:id/series-edit',
    { preParsing: requireJson, preHandler: parts.guard, schema: { params: ID_PARAMS, body: WORKSPACE_EDIT_BODY } },
    async (request, reply: FastifyReply) => {
      const p = request.principal!;
      const { id } = request.params;
      await parts.editable(p, id);
      const stored = await ctx.store.eventEntries(id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      const { version: sent, ...body } = request.body;
      const ifMatch = request.headers['if-match'];
      const version = sent ?? (typeof ifMatch === 'string' ? ifMatch.replace(/^(W\/)?"|"$/g, '') : undefined);
      const conflict = (entries: FeedEventJson[], now: string) =>
        reply.code(412).send({ error: MSG.versionConflict, current: current(entries, body), version: now });
      if (version !== undefined && version !== stored.version) return conflict(stored.entries, stored.version);

      if (body.change) {
        const change = { ...body.change };
        const pictureErrors = await parts.pictures(request, change);
        if (Object.keys(pictureErrors).length) return reply.code(422).send({ errors: pictureErrors });
        // The changed event must stay within what the person may act for.
        const master = stored.entries.find((e) => e['recurrenceId'] === undefined) ?? {};
        if (!canEditEvent(p, { ...master, ...change })) throw parts.forbidden(p);
        body.change = change;
      }
      const plan = planSeriesEdit(ctx, id, stored.entries, body);
      if (!plan.ok) {
        // The form shows each message at its field: `change.title` is its `title`.
        const errors = Object.fromEntries(Object.entries(plan.errors).map(([k, m]) => [k.replace(/^change\./, ''), m]));
        return reply.code(422).send({ errors });
      }
      if (!(await ctx.store.replaceEventEntries(id, plan.events, plan.created, stored.version))) {
        const now = await ctx.store.eventEntries(id);
        if (!now) throw new HttpError(404, MSG.notFound);
        return conflict(now.entries, now.version);
      }
      await recordAudit(ctx, seriesEditAudit(p, id, stored.entries, plan, body));
      request.log.info({ event: id, scope: body.scope, split: plan.created.length > 0 }, 'series edited in the workspace');
      await parts.publish(request);
      const saved = await ctx.store.eventEntries(id);
      return { events: plan.events, created: plan.created, dropped: plan.dropped, version: saved?.version ?? '' };
    },
  );
}
