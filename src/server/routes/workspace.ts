/**
 * The workspace API (`/api/workspace/…`): signed-in people maintain their events, moderate their
 * towns' queues, keep their associations' profiles and invite members. Every route needs a
 * session; every state-changing one the X-CSRF-Token (auth.ts). Every permission is decided in
 * permissions.ts, for every request, on the stored data (not on what the request claims).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseRecurrenceRule } from '../../core/index.js';
import { associationScope, eventSubject, forgetPerson, FORGOTTEN, recordAudit, type AuditInput } from '../audit.js';
import { clearSessionCookie, requireSession } from '../auth.js';
import { ruleOptions, HttpError, type AppContext } from '../context.js';
import { normalEmail, type Principal, type RoleName } from '../db/accounts.js';
import { PreferenceStore } from '../db/preferences.js';
import type { FeedEventJson } from '../db/store.js';
import { invitationMail } from '../mail-texts.js';
import { MSG } from '../messages.js';
import { notifyChangedByEditor, notifySubmitted } from '../notify.js';
import {
  canCreateEvent,
  canEditEvent,
  canEditProfile,
  canInvite,
  canModerate,
  canRemoveRole,
  canTrust,
  hasAnyRole,
  isMemberOf,
  publishesDirectly,
} from '../permissions.js';
import { isStrictEmail } from '../validate.js';
import { ImageStore } from '../db/image-store.js';
import { resolveSubmittedImage } from '../image-refs.js';
import { publicOrigin } from './images.js';
import { requireJson } from './submissions.js';
import { ID_PARAMS } from './schemas.js';
import { workspaceSeriesRoutes } from './workspace-series.js';
import { workspaceAuditRoutes } from './workspace-audit.js';
import { workspaceQueueRoutes } from './workspace-queue.js';

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
const TRUST_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['trusted'],
  properties: { trusted: { type: 'boolean' } },
} as const;

/** A role and its scope (a town, an association, '' for admin), as an invitation and a revocation name them. */
const ROLE_PROPERTIES = {
  role: { type: 'string', enum: ['admin', 'editor', 'member'] },
  scope: { type: 'string', maxLength: 200, default: '' },
} as const;

const ROLE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role'],
  properties: { email: { type: 'string', minLength: 3, maxLength: 254 }, ...ROLE_PROPERTIES },
} as const;

const REVOKE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['accountId', 'role'],
  properties: { accountId: { type: 'string', minLength: 1, maxLength: 100 }, ...ROLE_PROPERTIES },
} as const;

/** The German 403 that says why: another association, another town, or only admins. */
export function forbidden(p: Principal): HttpError {
  if (p.associations.length && !p.towns.length) return new HttpError(403, MSG.forbiddenAssociation);
  if (p.towns.length) return new HttpError(403, MSG.forbiddenTown);
  return new HttpError(403, MSG.forbiddenAdmin);
}

/** Who sees a role's audit entries: an editor role its town's editors, a membership its association and town. */
function roleScope(role: RoleName, scope: string, town?: string): { town: string | null; association: string | null } {
  if (role === 'editor') return { town: scope, association: null };
  if (role === 'member') return { town: town ?? null, association: scope };
  return { town: null, association: null };
}

/** Standing meeting times must be rules the calendar can expand (the schema only says "text"). */
function checkMeetings(meetings: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(meetings)) return errors;
  meetings.forEach((meeting: unknown, i) => {
    const rule = (meeting as { rrule?: unknown } | null)?.rrule;
    if (typeof rule === 'string' && 'error' in parseRecurrenceRule(rule)) errors[`meetings.${i}.rrule`] = MSG.rrule;
  });
  return errors;
}

export function workspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const session = requireSession(ctx);
  /** Session, CSRF, and at least one role. */
  const guard = async (request: FastifyRequest): Promise<void> => {
    await session(request);
    if (!hasAnyRole(request.principal!)) throw new HttpError(403, MSG.noRole);
  };

  const publish = async (request: FastifyRequest): Promise<void> => {
    try {
      await ctx.feed.refresh();
    } catch (error) {
      request.log.warn(
        { error: (error as Error).message },
        'feed rebuild after a workspace change failed; the next check retries',
      );
    }
  };

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

  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/api/workspace')) reply.header('Cache-Control', 'no-store');
    done();
  });

  // --- events ---------------------------------------------------------------------------

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

  /** The stored event and the check that this person may change it (403 otherwise, 404 unknown). */
  const editable = async (p: Principal, id: string) => {
    const stored = await ctx.store.publishedEvent(id);
    if (!stored) throw new HttpError(404, MSG.notFound);
    if (!canEditEvent(p, stored.event)) throw forbidden(p);
    return stored;
  };

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

  workspaceSeriesRoutes(app, ctx, { guard, editable, publish, forbidden, pictures });

  // --- the moderation queue and association requests: workspace-queue.ts ------------------

  workspaceQueueRoutes(app, ctx, guard, publish, checkEvent);
  workspaceAuditRoutes(app, ctx, guard);

  // --- associations ------------------------------------------------------------------------

  // The profiles the person may maintain (members: theirs; editors: their towns'; admins: all),
  // with whether the person may mark them trusted and invite members.
  app.get('/api/workspace/associations', { preHandler: guard }, async (request) => {
    const p = request.principal!;
    const trusted = new Set(await ctx.store.accounts.trustedAssociations());
    const associations = (await ctx.store.associations())
      .filter((a) => canEditProfile(p, a))
      .map((a) => ({
        association: a,
        trusted: trusted.has(a.id),
        mayTrust: canTrust(p, a),
        mayInvite: canInvite(p, 'member', a.id, typeof a['town'] === 'string' ? a['town'] : undefined),
      }));
    return { associations };
  });

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/api/workspace/associations/:id',
    { preParsing: requireJson, preHandler: guard, schema: { params: ID_PARAMS, body: { type: 'object' } } },
    async (request, reply) => {
      const p = request.principal!;
      const stored = await ctx.store.association(request.params.id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      if (!canEditProfile(p, stored)) throw forbidden(p);
      const checked = ctx.validator.checkAssociation(request.body, stored.id, stored['town']);
      if (!checked.ok) return reply.code(422).send({ errors: checked.errors });
      const meetingErrors = checkMeetings(checked.value['meetings']);
      if (Object.keys(meetingErrors).length) return reply.code(422).send({ errors: meetingErrors });
      await ctx.store.saveAssociation(checked.value, {
        actor: p,
        action: 'association.edit',
        subject: { type: 'association', id: stored.id, label: checked.value.name },
        ...associationScope(stored),
        before: stored,
        after: checked.value,
      });
      await publish(request);
      return { association: checked.value };
    },
  );

  app.post<{ Params: { id: string }; Body: { trusted: boolean } }>(
    '/api/workspace/associations/:id/trust',
    { preParsing: requireJson, preHandler: guard, schema: { params: ID_PARAMS, body: TRUST_BODY } },
    async (request) => {
      const p = request.principal!;
      const stored = await ctx.store.association(request.params.id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      if (!canTrust(p, stored)) throw new HttpError(403, p.towns.length ? MSG.forbiddenTown : MSG.forbiddenAdmin);
      const before = await ctx.store.accounts.isTrusted(stored.id);
      await ctx.store.accounts.setTrusted(stored.id, request.body.trusted);
      await recordAudit(ctx, {
        actor: p,
        action: 'association.trust',
        subject: { type: 'association', id: stored.id, label: stored.name },
        ...associationScope(stored),
        before: { trusted: before },
        after: { trusted: request.body.trusted },
      });
      request.log.info({ association: stored.id, trusted: request.body.trusted }, 'association trust changed');
      return { id: stored.id, trusted: request.body.trusted };
    },
  );

  // --- people: invitations, members, accounts ---------------------------------------------

  /** Checks a role's scope: a known town (admins, editors) or association (members). */
  const scopeOf = async (role: RoleName, scope: string): Promise<{ scope: string; town?: string; name?: string }> => {
    if (role === 'admin') return { scope: '' };
    if (!scope.trim()) throw new HttpError(422, role === 'editor' ? MSG.unknownTown : MSG.unknownAssociation);
    if (role === 'member') {
      const association = await ctx.store.association(scope);
      if (!association) throw new HttpError(422, MSG.unknownAssociation);
      return {
        scope,
        name: association.name,
        ...(typeof association['town'] === 'string' ? { town: association['town'] } : {}),
      };
    }
    return { scope: scope.trim() };
  };

  app.post<{ Body: { email: string; role: RoleName; scope: string } }>(
    '/api/workspace/invitations',
    { preParsing: requireJson, preHandler: guard, schema: { body: ROLE_BODY } },
    async (request, reply) => {
      const p = request.principal!;
      const email = normalEmail(request.body.email);
      if (!isStrictEmail(email)) return reply.code(422).send({ errors: { email: MSG.email } });
      const target = await scopeOf(request.body.role, request.body.scope);
      if (!canInvite(p, request.body.role, target.scope, target.town)) {
        throw new HttpError(403, request.body.role === 'member' ? MSG.forbiddenInvite : MSG.forbiddenAdmin);
      }
      const days = ctx.config.accounts.invitationDays;
      const token = await ctx.store.accounts.createInvitation(email, request.body.role, target.scope, p.id, days * 86_400_000);
      const link = `${ctx.origin()}/redaktion/einladung?token=${token}`;
      // In the invited person's language when they already have an account (else German).
      const known = await ctx.store.accounts.accountByEmail(email);
      const lang = known ? (await ctx.store.accounts.principal(known.id))?.locale : undefined;
      const role = { role: request.body.role, scope: target.scope, ...(target.name ? { associationName: target.name } : {}) };
      ctx.mailer.send({ to: email, ...invitationMail(link, role, p.name || p.email, days, lang) });
      await recordAudit(ctx, {
        actor: p,
        action: 'invitation.create',
        subject: { type: 'account', id: email, label: email },
        ...roleScope(request.body.role, target.scope, target.town),
        after: { email, role: request.body.role, scope: target.scope },
      });
      request.log.info({ role: request.body.role, scope: target.scope }, 'invitation sent');
      return reply.code(202).send({ email, role: request.body.role, scope: target.scope });
    },
  );

  // The accounts the person may see: admins all; editors those of their towns and their
  // towns' associations; members those of their associations.
  app.get('/api/workspace/accounts', { preHandler: guard }, async (request) => {
    const p = request.principal!;
    const associations = await ctx.store.associations();
    const townOf = new Map(associations.map((a) => [a.id, typeof a['town'] === 'string' ? a['town'] : undefined]));
    const visible = (role: RoleName, scope: string): boolean =>
      p.admin ||
      (role === 'member' && canRemoveRole(p, 'member', scope, townOf.get(scope))) ||
      (role === 'editor' && p.towns.includes(scope));
    const accounts = (await ctx.store.accounts.listAccounts())
      .map((a) => ({ ...a, roles: a.roles.filter((r) => visible(r.role, r.scope)) }))
      .filter((a) => p.admin || a.roles.length > 0);
    return { accounts };
  });

  // Ending a role ends the account's sessions (they carried it).
  app.post<{ Body: { accountId: string; role: RoleName; scope: string } }>(
    '/api/workspace/roles/revoke',
    { preParsing: requireJson, preHandler: guard, schema: { body: REVOKE_BODY } },
    async (request) => {
      const p = request.principal!;
      const { accountId, role, scope } = request.body;
      const association = role === 'member' ? await ctx.store.association(scope) : undefined;
      const town = typeof association?.['town'] === 'string' ? association['town'] : undefined;
      if (!canRemoveRole(p, role, scope, town)) {
        throw new HttpError(403, role === 'member' ? MSG.forbiddenInvite : MSG.forbiddenAdmin);
      }
      const account = await ctx.store.accounts.accountById(accountId);
      const removed = await ctx.store.accounts.revoke(accountId, role, scope);
      if (!removed) throw new HttpError(404, MSG.notFound);
      await recordAudit(ctx, {
        actor: p,
        action: 'role.revoke',
        subject: { type: 'account', id: accountId, label: account?.email ?? accountId },
        ...roleScope(role, scope, town),
        before: { role, scope },
      });
      request.log.info({ role, scope }, 'role removed; the account was signed out');
      return { removed: true };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/workspace/accounts/:id',
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request, reply) => {
      const p = request.principal!;
      // Everyone may delete their own account; admins any. The region's last admin stays (409).
      if (!p.admin && request.params.id !== p.id) throw new HttpError(403, MSG.forbiddenAdmin);
      const account = await ctx.store.accounts.accountById(request.params.id);
      const roles = await ctx.store.accounts.roles(request.params.id);
      const outcome = await new PreferenceStore(ctx.store.db, ctx.store.dialect, ctx.now).deleteAccount(request.params.id);
      if (outcome === 'last-admin') throw new HttpError(409, MSG.lastAdmin);
      if (outcome === 'unknown') throw new HttpError(404, MSG.notFound);
      // The log keeps what happened, not who the deleted person was.
      if (account) await forgetPerson(ctx.store.db, { accountId: account.id, email: account.email });
      await recordAudit(ctx, {
        actor: p.id === request.params.id ? { id: null, label: FORGOTTEN } : p,
        action: 'account.delete',
        subject: { type: 'account', id: request.params.id, label: FORGOTTEN },
        before: { roles: roles.map((r) => `${r.role}:${r.scope}`) },
      });
      request.log.info('account removed with its sessions');
      if (request.params.id === p.id) clearSessionCookie(ctx, request, reply);
      return reply.code(204).send();
    },
  );
}
