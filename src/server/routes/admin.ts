/**
 * The moderation API, behind `Authorization: Bearer <W4G_ADMIN_TOKEN>`. Without a configured
 * token every route answers 503: moderation is off. Approving publishes the event at once
 * (the feeds' ETags change); rejecting an approved event unpublishes it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { ADMIN_TOKEN_ACTOR, eventSubject } from '../audit.js';
import { ruleOptions, HttpError, type AppContext } from '../context.js';
import type { SubmissionStatus } from '../db/store.js';
import { MSG } from '../messages.js';
import { limitHook, WindowLimiter } from '../rate-limit.js';
import { associationRequestAdminRoutes } from './association-requests.js';
import { clashesOf } from './clashes.js';
import { eventEditRoutes } from './event-edits.js';
import { requireJson } from './submissions.js';
import { decide } from './workspace-queue.js';
import { EMPTY_QUERY, ID_PARAMS, listQuery } from './schemas.js';

/** Route schemas: closed objects; Fastify answers a mismatch with 400 (German, see errors.ts). */
const LIST_QUERY = listQuery(['pending', 'approved', 'rejected']);

/** The edit body: its two parts are checked field by field by the Validator (422). */
const EDIT_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { event: { type: 'object' }, contact: { type: 'object' } },
} as const;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time check: both sides are hashed to 32 bytes first, so lengths never leak. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = digest(match?.[1] ?? '');
  return timingSafeEqual(given, digest(token)) && match !== null;
}

/**
 * Rebuilds this instance's feed before the moderator gets the answer, so the change is
 * published at once here (other instances notice the revision within feed.pollSeconds). The
 * change itself is committed already; a failed build is retried by the next poll.
 */
async function publish(ctx: AppContext, log: FastifyBaseLogger): Promise<void> {
  try {
    await ctx.feed.refresh();
  } catch (error) {
    log.warn({ error: (error as Error).message }, 'feed rebuild after moderation failed; the next check retries');
  }
}

export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { max, windowSeconds } = ctx.config.rateLimit.admin;

  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('Cache-Control', 'no-store');
    done();
  });
  // One limit per client for the whole admin area, counted before the token check: every
  // request counts, so wrong-token guesses spread over the routes share it.
  app.addHook('onRequest', limitHook(new WindowLimiter(max, windowSeconds * 1000, ctx.now), MSG.adminRateLimited));
  // The token check runs before any body is read.
  app.addHook('preParsing', (request, reply, payload, done) => {
    if (!ctx.adminToken) return done(new HttpError(503, MSG.moderationOff));
    if (!tokenMatches(request.headers.authorization, ctx.adminToken)) {
      reply.header('WWW-Authenticate', 'Bearer realm="w4g-admin"');
      return done(new HttpError(401, MSG.unauthorized));
    }
    done(null, payload);
  });

  app.get<{ Querystring: { status: SubmissionStatus | 'all'; limit: string; offset: string } }>(
    '/submissions',
    { schema: { querystring: LIST_QUERY } },
    async (request) => {
      const { status } = request.query;
      const count = Number(request.query.limit);
      const offset = Number(request.query.offset);
      const { items, total } = await ctx.store.listSubmissions(status, count, offset);
      return { submissions: items, total, limit: count, offset };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/submissions/:id',
    { schema: { params: ID_PARAMS, querystring: EMPTY_QUERY } },
    async (request) => {
      const record = await ctx.store.submission(request.params.id);
      if (!record) throw new HttpError(404, MSG.notFound);
      // Other dates at the same time nearby, so the editor can advise the submitter.
      return { submission: record, clashes: clashesOf(ctx, record.event) };
    },
  );

  for (const action of ['approve', 'reject'] as const) {
    app.post<{ Params: { id: string } }>(
      `/submissions/:id/${action}`,
      { schema: { params: ID_PARAMS, querystring: EMPTY_QUERY } },
      async (request) => {
        const before = await ctx.store.submission(request.params.id);
        if (!before) throw new HttpError(404, MSG.notFound);
        // Stored, audited (by the admin token) and told as in the workspace.
        const record = await decide(ctx, undefined, before, action === 'approve' ? 'approved' : 'rejected');
        request.log.info({ submission: record.id, status: record.status }, 'submission moderated');
        await publish(ctx, request.log);
        return { submission: record };
      },
    );
  }

  app.put<{ Params: { id: string } }>(
    '/submissions/:id',
    { preParsing: requireJson, schema: { params: ID_PARAMS, querystring: EMPTY_QUERY, body: EDIT_BODY } },
    async (request, reply) => {
      if (!(await ctx.store.submission(request.params.id))) throw new HttpError(404, MSG.notFound);
      // Moderators may keep or correct a date that has passed meanwhile.
      const checked = ctx.validator.checkEdit(request.body, request.params.id, ruleOptions(ctx, false));
      if (!checked.ok) return reply.code(422).send({ errors: checked.errors });
      const record = await ctx.store.editSubmission(request.params.id, checked.value, (previous) => {
        const after = checked.value.event ?? previous.event;
        return {
          actor: ADMIN_TOKEN_ACTOR,
          action: 'submission.edit',
          ...eventSubject('submission', previous.id, after),
          // The submitter's private contact stays out of the log (members may read their entries).
          before: previous.event,
          after,
        };
      });
      if (!record) throw new HttpError(404, MSG.notFound);
      request.log.info({ submission: record.id }, 'submission edited');
      await publish(ctx, request.log);
      return { submission: record };
    },
  );

  app.get('/health', { schema: { querystring: EMPTY_QUERY } }, async () => {
    const sources = await ctx.hub.health();
    return {
      status: sources.some((s) => !s.ok && s.lastAttempt !== null) ? 'degraded' : 'ok',
      events: ctx.feed.current().eventCount,
      moderation: 'on',
      sources,
    };
  });

  eventEditRoutes(app, ctx, (log) => publish(ctx, log));
  associationRequestAdminRoutes(app, ctx);

  // Unknown paths of the admin area pass the same limit and token check before their 404,
  // so probing for routes counts and learns nothing without the token.
  app.all('/*', () => {
    throw new HttpError(404, MSG.notFound);
  });
}
