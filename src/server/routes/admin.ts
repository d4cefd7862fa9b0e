/**
 * The moderation API, behind `Authorization: Bearer <W4G_ADMIN_TOKEN>`. Without a configured
 * token every route answers 503: moderation is off. Approving publishes the event at once
 * (the feeds' ETags change); rejecting an approved event unpublishes it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ruleOptions, HttpError, type AppContext } from '../context.js';
import type { SubmissionStatus } from '../db.js';
import { MSG } from '../messages.js';
import { requireJson } from './submissions.js';

const STATUSES = new Set<SubmissionStatus | 'all'>(['pending', 'approved', 'rejected', 'all']);

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time check: both sides are hashed to 32 bytes first, so lengths never leak. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = digest(match?.[1] ?? '');
  return timingSafeEqual(given, digest(token)) && match !== null;
}

export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { max, windowSeconds } = ctx.config.rateLimit.admin;
  const limit = { rateLimit: { max, timeWindow: windowSeconds * 1000 } };

  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('Cache-Control', 'no-store');
    done();
  });
  // preParsing runs after the rate limit (an onRequest hook), so guessing tokens is limited
  // too, and before any body is read.
  app.addHook('preParsing', (request, reply, payload, done) => {
    if (!ctx.adminToken) return done(new HttpError(503, MSG.moderationOff));
    if (!tokenMatches(request.headers.authorization, ctx.adminToken)) {
      reply.header('WWW-Authenticate', 'Bearer realm="w4g-admin"');
      return done(new HttpError(401, MSG.unauthorized));
    }
    done(null, payload);
  });

  app.get<{ Querystring: { status?: string; limit?: string; offset?: string } }>('/submissions', { config: limit }, (request) => {
    const status = (request.query.status ?? 'pending') as SubmissionStatus | 'all';
    if (!STATUSES.has(status)) throw new HttpError(400, 'status muss pending, approved, rejected oder all sein.');
    const count = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), 500);
    const offset = Math.max(Number(request.query.offset ?? 0) || 0, 0);
    const { items, total } = ctx.store.listSubmissions(status, count, offset);
    return { submissions: items, total, limit: count, offset };
  });

  app.get<{ Params: { id: string } }>('/submissions/:id', { config: limit }, (request) => {
    const record = ctx.store.submission(request.params.id);
    if (!record) throw new HttpError(404, MSG.notFound);
    return { submission: record };
  });

  for (const action of ['approve', 'reject'] as const) {
    app.post<{ Params: { id: string } }>(`/submissions/:id/${action}`, { config: limit }, (request) => {
      const record = ctx.store.moderate(request.params.id, action === 'approve' ? 'approved' : 'rejected');
      if (!record) throw new HttpError(404, MSG.notFound);
      request.log.info({ submission: record.id, status: record.status }, 'submission moderated');
      return { submission: record };
    });
  }

  app.put<{ Params: { id: string } }>('/submissions/:id', { config: limit, preParsing: requireJson }, (request, reply) => {
    if (!ctx.store.submission(request.params.id)) throw new HttpError(404, MSG.notFound);
    // Moderators may keep or correct a date that has passed meanwhile.
    const checked = ctx.validator.checkEdit(request.body, request.params.id, ruleOptions(ctx, false));
    if (!checked.ok) return reply.code(422).send({ errors: checked.errors });
    const record = ctx.store.editSubmission(request.params.id, checked.value)!;
    request.log.info({ submission: record.id }, 'submission edited');
    return { submission: record };
  });
}
