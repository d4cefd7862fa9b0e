/**
 * "Änderung melden" and "Verein eintragen": `POST /api/association-requests` stores a request
 * for the town's editors (pending, with the sender's private contact), spam-guarded like
 * submissions (honeypot, time on the form, rate limit); the editors read and close them in the
 * admin area (`/api/admin/association-requests`).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { safeUrl } from '../../core/index.js';
import { HttpError, type AppContext } from '../context.js';
import type { AssociationRequest } from '../db/store.js';
import { MSG } from '../messages.js';
import { limitHook, WindowLimiter } from '../rate-limit.js';
import { HONEYPOT_FIELD } from '../validate.js';
import { requireJson } from './submissions.js';
import { ID_PARAMS, listQuery } from './schemas.js';

export const REQUEST_MSG = {
  kind: 'Bitte wählen Sie „Änderung melden“ oder „Verein eintragen“.',
  association: 'Diesen Verein gibt es im Kalender nicht.',
  name: 'Bitte geben Sie den Namen des Vereins an (mindestens 3 Zeichen).',
  message: 'Bitte beschreiben Sie die Änderung (mindestens 10 Zeichen).',
  tooLong: 'Dieser Text ist zu lang.',
  rateLimited: 'Sie haben zu viele Meldungen in kurzer Zeit gesandt. Bitte warten Sie etwas und versuchen Sie es dann erneut.',
};

const BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'contact'],
  properties: {
    kind: { type: 'string' },
    association: { type: 'string', maxLength: 200 },
    name: { type: 'string' },
    town: { type: 'string' },
    message: { type: 'string' },
    website: { type: 'string' },
    contact: { type: 'object' },
    [HONEYPOT_FIELD]: { type: 'string' },
    formTime: { type: 'number' },
  },
} as const;

const LIST_QUERY = listQuery(['pending', 'done', 'rejected']);

interface Body {
  kind: string;
  association?: string;
  name?: string;
  town?: string;
  message?: string;
  website?: string;
  contact: unknown;
  website2?: string;
  formTime?: number;
}

/** The ids of the associations the served feed names. */
function publishedAssociationIds(ctx: AppContext): Set<string> {
  try {
    const body = JSON.parse(ctx.feed.current().associations.body) as { associations?: { id?: unknown }[] };
    return new Set((body.associations ?? []).map((a) => String(a.id)));
  } catch {
    return new Set();
  }
}

export function associationRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { rateLimit, submissions } = ctx.config;
  app.post<{ Body: Body }>(
    '/association-requests',
    {
      bodyLimit: 16 * 1024,
      preParsing: requireJson,
      schema: { body: BODY },
      onRequest: limitHook(
        new WindowLimiter(rateLimit.submissions.max, rateLimit.submissions.windowSeconds * 1000, ctx.now),
        REQUEST_MSG.rateLimited,
      ),
    },
    async (request, reply) => {
      const b = request.body;
      const trap = b.website2?.trim();
      if (trap || typeof b.formTime !== 'number' || b.formTime < submissions.minFormTimeMs) {
        request.log.info({ reason: trap ? 'honeypot' : 'too fast' }, 'association request dropped as spam');
        return reply.code(202).send({ id: randomUUID(), status: 'pending' });
      }
      const errors: Record<string, string> = {};
      const text = (value: string | undefined, max: number, field: string): string | undefined => {
        const t = value?.trim();
        if (t && t.length > max) errors[field] = REQUEST_MSG.tooLong;
        return t || undefined;
      };
      const name = text(b.name, 300, 'name');
      const town = text(b.town, 100, 'town');
      const message = text(b.message, 2000, 'message');
      if (b.kind !== 'change' && b.kind !== 'new') errors['kind'] = REQUEST_MSG.kind;
      if (b.kind === 'change') {
        if (!b.association || !publishedAssociationIds(ctx).has(b.association)) errors['association'] = REQUEST_MSG.association;
        if (!message || message.length < 10) errors['message'] ??= REQUEST_MSG.message;
      }
      if (b.kind === 'new' && (!name || name.length < 3)) errors['name'] ??= REQUEST_MSG.name;
      let website: string | undefined;
      if (b.website?.trim()) {
        website = safeUrl(b.website.trim(), 'link');
        if (!website || !/^https?:/i.test(website)) errors['website'] = MSG.url;
      }
      Object.assign(errors, ctx.validator.checkContact(b.contact));
      if (Object.keys(errors).length) return reply.code(422).send({ errors });
      const contact = b.contact as { name: string; email: string };
      const id = randomUUID();
      const data: AssociationRequest['data'] = {};
      if (name) data.name = name;
      if (town) data.town = town;
      if (message) data.message = message;
      if (website) data.website = website;
      await ctx.store.insertAssociationRequest({
        id,
        kind: b.kind as 'change' | 'new',
        ...(b.kind === 'change' ? { associationId: b.association! } : {}),
        data,
        contact: { name: contact.name.trim(), email: contact.email.trim() },
      });
      request.log.info({ request: id, kind: b.kind }, 'association request stored');
      return reply.code(202).send({ id, status: 'pending' });
    },
  );
}

/** The editors' side, registered inside the admin area (token and rate limit checked there). */
export function associationRequestAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { status: AssociationRequest['status'] | 'all'; limit: string; offset: string } }>(
    '/association-requests',
    { schema: { querystring: LIST_QUERY } },
    async (request) => {
      const limit = Number(request.query.limit);
      const offset = Number(request.query.offset);
      const { items, total } = await ctx.store.listAssociationRequests(request.query.status, limit, offset);
      return { requests: items, total, limit, offset };
    },
  );
  for (const action of ['done', 'reject'] as const) {
    app.post<{ Params: { id: string } }>(
      `/association-requests/:id/${action}`,
      { schema: { params: ID_PARAMS } },
      async (request) => {
        const record = await ctx.store.setAssociationRequestStatus(request.params.id, action === 'done' ? 'done' : 'rejected');
        if (!record) throw new HttpError(404, MSG.notFound);
        return { request: record };
      },
    );
  }
}
