/**
 * The workspace's own events (`/api/workspace/events…`): the list of events a person may edit
 * (and their associations' entries waiting for moderation), creating one (published at once
 * or queued, by `publishesDirectly`), editing, cancelling and deleting one. And the checks the
 * series and queue routes share: the event's schema and rules, its picture, the association it
 * names, and whether this person may change a stored event.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eventSubject, type AuditInput } from '../audit.js';
import { ruleOptions, HttpError, type AppContext } from '../context.js';
import type { Principal } from '../db/accounts.js';
import { ImageStore } from '../db/image-store.js';
import type { FeedEventJson } from '../db/store.js';
import { resolveSubmittedImage } from '../image-refs.js';
import { MSG } from '../messages.js';
import { notifyChangedByEditor, notifySubmitted } from '../notify.js';
import { canCreateEvent, canEditEvent, canModerate, isMemberOf, publishesDirectly } from '../permissions.js';
import { publicOrigin } from './images.js';
import { requireJson } from './submissions.js';
import { ID_PARAMS } from './schemas.js';
import type { WorkspaceParts } from './workspace.js';

/** `{ event, version }`, or the event itself as `<w4g-event-form>` sends it (the version then in If-Match). */
const EVENT_BODY = { type: 'object' } as const;

interface EventRequest {
  event: Record<string, unknown>;
  version?: string;
}

/** The event and version of a workspace request, in either form; 400 (German) for anything else. */
export function eventRequest(request: FastifyRequest): EventRequest {
  const body = request.body as Record<string, unknown>;
  const ifMatch = request.headers['if-match'];
  const header = typeof ifMatch === 'string' && ifMatch.length <= 80 ? ifMatch.replace(/^(W\/)?"|"$/g, '') : undefined;
  if (typeof body['event'] === 'object' && body['event'] !== null && !Array.isArray(body['event'])) {
    const extra = Object.keys(body).filter((k) => k !== 'event' && k !== 'version');
    const version = body['version'];
    if (extra.length || (version !== undefined && (typeof version !== 'string' || version.length > 40))) {
      throw new HttpError(400, MSG.invalid);
    }
    return { event: body['event'] as Record<string, unknown>, version: version ?? header };
  }
  return header === undefined ? { event: body } : { event: body, version: header };
}

/** The checks of an event from the workspace that the event, series and queue routes share. */
export interface EventChecks {
  /** A picture named by an upload's `id` (as the form sends it) becomes the server's image object. */
  pictures: (request: FastifyRequest, event: Record<string, unknown>) => Promise<Record<string, string>>;
  /** The event checked and cleaned, or undefined when a 422 with field messages was sent. */
  checkEvent: (
    request: FastifyRequest,
    reply: FastifyReply,
    raw: Record<string, unknown>,
    id: string,
    rejectPast: boolean,
  ) => Promise<FeedEventJson | undefined>;
  /** 422 when the event names an association the directory does not know. */
  knownAssociation: (event: FeedEventJson) => Promise<void>;
  /** The stored event and the check that this person may change it (403 otherwise, 404 unknown). */
  editable: (p: Principal, id: string) => Promise<{ event: FeedEventJson; origin: string; version: string }>;
}

export function workspaceEventChecks(ctx: AppContext, forbidden: (p: Principal) => HttpError): EventChecks {
  const images = new ImageStore(ctx.store.db, ctx.now);

  /** A picture named by an upload's `id` (as the form sends it) becomes the server's image object. */
  const pictures = async (request: FastifyRequest, event: Record<string, unknown>): Promise<Record<string, string>> => {
    const image = event['image'];
    if (typeof image !== 'object' || image === null || !('id' in image)) return {};
    const resolved = await resolveSubmittedImage(image, images, publicOrigin(ctx, request));
    if (resolved.ok) {
      event['image'] = resolved.image;
      return {};
    }
    delete event['image'];
    return resolved.errors;
  };

  /**
   * Checks an event from the workspace (schema and rules); 422 with field messages. A picture
   * named by the `id` of an upload (as the form sends it) becomes the server's image object.
   */
  const checkEvent = async (
    request: FastifyRequest,
    reply: FastifyReply,
    raw: Record<string, unknown>,
    id: string,
    rejectPast: boolean,
  ) => {
    const event: Record<string, unknown> = { ...raw, id };
    delete event['recurrenceId'];
    const imageErrors = await pictures(request, event);
    const errors = { ...ctx.validator.checkEvent(event, ruleOptions(ctx, rejectPast)), ...imageErrors };
    if (Object.keys(errors).length) {
      void reply.code(422).send({ errors });
      return undefined;
    }
    return ctx.validator.cleanEvent(event, id);
  };

  const knownAssociation = async (event: FeedEventJson): Promise<void> => {
    const organizer = event['organizerId'];
    if (typeof organizer === 'string' && !(await ctx.store.association(organizer))) {
      throw new HttpError(422, MSG.unknownAssociation);
    }
  };

  /** The stored event and the check that this person may change it (403 otherwise, 404 unknown). */
  const editable = async (p: Principal, id: string) => {
    const stored = await ctx.store.publishedEvent(id);
    if (!stored) throw new HttpError(404, MSG.notFound);
    if (!canEditEvent(p, stored.event)) throw forbidden(p);
    return stored;
  };

  return { pictures, checkEvent, knownAssociation, editable };
}

export function workspaceEventRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  { guard, publish, forbidden }: WorkspaceParts,
  { checkEvent, knownAssociation, editable }: EventChecks,
): void {
  /** After a saved change of a published event: the feed, the people to tell, and the answer with its new version. */
  const changed = async (
    request: FastifyRequest,
    p: Principal,
    event: FeedEventJson,
    action: 'edited' | 'cancelled',
  ): Promise<{ event: FeedEventJson; version: string }> => {
    await publish(request);
    await notifyChangedByEditor(ctx, p, event, action);
    const saved = await ctx.store.publishedEvent(event.id);
    return { event, version: saved?.version ?? '' };
  };

  app.get('/api/workspace/events', { preHandler: guard }, async (request) => {
    const p = request.principal!;
    const events = [];
    for (const event of await ctx.store.publishedEvents()) {
      if (typeof event['recurrenceId'] === 'string' || !canEditEvent(p, event)) continue;
      const stored = await ctx.store.publishedEvent(event.id);
      const recurring = typeof event['rrule'] === 'string' || Array.isArray(event['rdates']);
      events.push({ event, version: stored?.version ?? '', origin: stored?.origin ?? '', recurring });
    }
    // Entries of the person's associations that wait for moderation.
    const pending = (await ctx.store.listSubmissions('pending', 500, 0)).items.filter(
      (s) => isMemberOf(p, s.event['organizerId']) || canModerate(p, s.event['town']),
    );
    return { events, pending: pending.map((s) => ({ id: s.id, event: s.event, createdAt: s.createdAt })) };
  });

  app.post(
    '/api/workspace/events',
    { preParsing: requireJson, preHandler: guard, schema: { body: EVENT_BODY } },
    async (request, reply) => {
      const p = request.principal!;
      const id = randomUUID();
      const event = await checkEvent(request, reply, eventRequest(request).event, id, true);
      if (!event) return reply;
      if (!canCreateEvent(p, event)) throw forbidden(p);
      await knownAssociation(event);
      const organizer = typeof event['organizerId'] === 'string' ? event['organizerId'] : '';
      const trusted = organizer ? await ctx.store.accounts.isTrusted(organizer) : false;
      if (publishesDirectly(p, event, trusted)) {
        await ctx.store.saveEvent(event, 'workspace', undefined, {
          actor: p,
          action: 'event.create',
          ...eventSubject('event', id, event),
          after: event,
        });
        request.log.info({ event: id }, 'event published from the workspace');
        await publish(request);
        const stored = await ctx.store.publishedEvent(id);
        return reply.code(201).send({ status: 'published', event, version: stored?.version ?? '' });
      }
      if (typeof event['town'] !== 'string' || !event['town']) {
        return reply.code(422).send({ errors: { town: MSG.unknownTown } });
      }
      await ctx.store.once(undefined, id, async (writer) => {
        await writer.insertSubmission(id, event, { name: p.name || p.email, email: p.email }, { account: true });
        await writer.setOwner(id, { accountId: p.id });
        return { status: 202, body: '' };
      });
      request.log.info({ submission: id }, 'event from the workspace queued for moderation');
      const record = await ctx.store.submission(id);
      if (record) await notifySubmitted(ctx, record);
      return reply.code(202).send({ status: 'pending', id, event });
    },
  );

  app.put<{ Params: { id: string } }>(
    '/api/workspace/events/:id',
    { preParsing: requireJson, preHandler: guard, schema: { params: ID_PARAMS, body: EVENT_BODY } },
    async (request, reply) => {
      const p = request.principal!;
      const stored = await editable(p, request.params.id);
      const sent = eventRequest(request);
      const event = await checkEvent(request, reply, sent.event, request.params.id, false);
      if (!event) return reply;
      // The changed event must stay within what the person may act for (no moving it to
      // another association or town).
      if (!canEditEvent(p, event)) throw forbidden(p);
      await knownAssociation(event);
      const audit: AuditInput = {
        actor: p,
        action: 'event.edit',
        ...eventSubject('event', event.id, event),
        before: stored.event,
        after: event,
      };
      if (!(await ctx.store.saveEvent(event, stored.origin, sent.version, audit))) {
        const current = await ctx.store.publishedEvent(request.params.id);
        return reply.code(412).send({ error: MSG.versionConflict, current: current?.event, version: current?.version });
      }
      return changed(request, p, event, 'edited');
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/workspace/events/:id/cancel',
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request) => {
      const p = request.principal!;
      const stored = await editable(p, request.params.id);
      const event = { ...stored.event, status: 'cancelled' };
      await ctx.store.saveEvent(event, stored.origin, undefined, {
        actor: p,
        action: 'event.cancel',
        ...eventSubject('event', event.id, event),
        before: stored.event,
        after: event,
      });
      return changed(request, p, event, 'cancelled');
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/workspace/events/:id',
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request, reply) => {
      const p = request.principal!;
      const stored = await editable(p, request.params.id);
      await ctx.store.deleteEvent(request.params.id, {
        actor: p,
        action: 'event.delete',
        ...eventSubject('event', stored.event.id, stored.event),
        before: stored.event,
      });
      await publish(request);
      await notifyChangedByEditor(ctx, p, stored.event, 'deleted');
      return reply.code(204).send();
    },
  );
}
