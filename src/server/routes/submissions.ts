/**
 * POST /api/submissions: an event from the form, stored as pending until a moderator
 * approves it. Spam (honeypot filled, form sent too fast) gets the same 202 as a real
 * submission and is dropped, so a bot learns nothing. An Idempotency-Key replays the first
 * accepted answer, so a retried request never creates a second submission.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { ruleOptions, HttpError, type AppContext } from '../context.js';
import { MSG } from '../messages.js';
import { limitHook, WindowLimiter } from '../rate-limit.js';
import { HONEYPOT_FIELD } from '../validate.js';

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A preParsing hook: 415 before the body is read unless it is application/json (any charset). */
export function requireJson(
  request: FastifyRequest,
  _reply: FastifyReply,
  payload: RequestPayload,
  done: (error: Error | null, payload?: RequestPayload) => void,
): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') done(null, payload);
  else done(new HttpError(415, MSG.contentType));
}

/** Why a submission counts as spam, or undefined. */
function spamReason(body: Record<string, unknown>, minFormTimeMs: number): string | undefined {
  const trap = body[HONEYPOT_FIELD];
  if (trap !== undefined && trap !== null && String(trap).trim() !== '') return 'honeypot';
  const formTime = body['formTime'];
  if (typeof formTime !== 'number' || !Number.isFinite(formTime) || formTime < minFormTimeMs) return 'too fast';
  return undefined;
}

export function submissionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { rateLimit, bodyLimit, submissions } = ctx.config;
  app.post(
    '/submissions',
    {
      bodyLimit,
      preParsing: requireJson,
      onRequest: limitHook(
        new WindowLimiter(rateLimit.submissions.max, rateLimit.submissions.windowSeconds * 1000, ctx.now),
        MSG.rateLimited,
      ),
    },
    (request, reply) => {
      const keyHeader = request.headers['idempotency-key'];
      const key = typeof keyHeader === 'string' ? keyHeader.trim() : undefined;
      if (keyHeader !== undefined && (!key || !KEY_RE.test(key))) throw new HttpError(400, MSG.idempotencyKey);
      const stored = key ? ctx.store.storedAnswer(key) : undefined;
      if (stored) {
        return reply
          .code(stored.status)
          .header('Idempotent-Replayed', 'true')
          .type('application/json; charset=utf-8')
          .send(stored.body);
      }
      const body = request.body;
      if (!isObject(body)) throw new HttpError(400, MSG.notObject);

      const spam = spamReason(body, submissions.minFormTimeMs);
      if (spam) {
        request.log.info({ reason: spam }, 'submission dropped as spam');
        const answer = ctx.store.withStoredAnswer(key, () => ({
          status: 202,
          body: JSON.stringify({ id: randomUUID(), status: 'pending' }),
        }));
        return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
      }

      const checked = ctx.validator.checkSubmission(body, ruleOptions(ctx, true));
      // Refusals are not stored: the corrected form may be sent again with the same key.
      if (!checked.ok) return reply.code(422).send({ errors: checked.errors });
      const { event, contact, meta } = checked.value;
      const answer = ctx.store.withStoredAnswer(key, () => {
        ctx.store.insertSubmission(event.id, event, contact, meta);
        return { status: 202, body: JSON.stringify({ id: event.id, status: 'pending' }) };
      });
      request.log.info({ submission: event.id }, 'submission stored as pending');
      return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
    },
  );
}
