/**
 * POST /api/submissions: an event from the form, stored as pending until a moderator
 * approves it. Spam (honeypot filled, form sent too fast) gets the same 202 as a real
 * submission and is dropped, so a bot learns nothing. An Idempotency-Key replays the first
 * accepted answer, so a retried request never creates a second submission; the same key with
 * a different request is a 409 (the second event must not vanish behind the first's answer).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { ruleOptions, HttpError, type AppContext } from '../context.js';
import { ImageStore } from '../db/image-store.js';
import type { KeyedOutcome } from '../db/store.js';
import { resolveSubmittedImage } from '../image-refs.js';
import { MSG } from '../messages.js';
import { limitHook, WindowLimiter } from '../rate-limit.js';
import { HONEYPOT_FIELD } from '../validate.js';
import { newSecret } from '../db/accounts.js';
import { notifySubmitted } from '../notify.js';
import { publicOrigin } from './images.js';

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

/** JSON with sorted keys: the same data gives the same text, whatever the order it came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What an Idempotency-Key is compared by: the request without `formTime`, which the form
 * measures again for every retry of the same draft.
 */
export function requestHash(body: Record<string, unknown>): string {
  const { formTime: _formTime, ...rest } = body;
  return createHash('sha256').update(canonical(rest)).digest('hex');
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
  const images = new ImageStore(ctx.store.db, ctx.now);
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
    async (request, reply) => {
      const keyHeader = request.headers['idempotency-key'];
      const key = typeof keyHeader === 'string' ? keyHeader.trim() : undefined;
      if (keyHeader !== undefined && (!key || !KEY_RE.test(key))) throw new HttpError(400, MSG.idempotencyKey);
      const body = request.body;
      if (!isObject(body)) throw new HttpError(400, MSG.notObject);
      const hash = requestHash(body);
      const send = (outcome: KeyedOutcome): FastifyReply => {
        if (outcome.kind === 'conflict') throw new HttpError(409, MSG.idempotencyConflict);
        if (outcome.kind === 'replay') reply.header('Idempotent-Replayed', 'true');
        return reply.code(outcome.answer.status).type('application/json; charset=utf-8').send(outcome.answer.body);
      };
      if (key) {
        const stored = await ctx.store.storedAnswer(key);
        if (stored) {
          // Rows written before the hash was kept (bodyHash null) replay as they always did.
          if (stored.bodyHash !== null && stored.bodyHash !== hash) throw new HttpError(409, MSG.idempotencyConflict);
          return send({ kind: 'replay', answer: stored });
        }
      }

      const spam = spamReason(body, submissions.minFormTimeMs);
      if (spam) {
        request.log.info({ reason: spam }, 'submission dropped as spam');
        const fake = { status: 202, body: JSON.stringify({ id: randomUUID(), status: 'pending' }) };
        return send(await ctx.store.once(key, hash, () => Promise.resolve(fake)));
      }

      // A picture must be one uploaded here; the server writes its image object.
      let submitted = body;
      let imageErrors: Record<string, string> = {};
      if (body['image'] !== undefined) {
        const resolved = await resolveSubmittedImage(body['image'], images, publicOrigin(ctx, request));
        if (resolved.ok) submitted = { ...body, image: resolved.image };
        else {
          const { image: _image, ...rest } = body;
          submitted = rest;
          imageErrors = resolved.errors;
        }
      }
      const checked = ctx.validator.checkSubmission(submitted, ruleOptions(ctx, true));
      // Refusals are not stored: the corrected form may be sent again with the same key.
      if (!checked.ok || Object.keys(imageErrors).length) {
        return reply.code(422).send({ errors: { ...(checked.ok ? {} : checked.errors), ...imageErrors } });
      }
      const { event, contact, meta } = checked.value;
      // The submitter's private link (view, correct, withdraw): only its hash is stored, the
      // token itself goes into the receipt email.
      const manageToken = newSecret();
      const outcome = await ctx.store.once(key, hash, async (writer) => {
        await writer.insertSubmission(event.id, event, contact, meta);
        await writer.setOwner(event.id, { manageToken });
        return { status: 202, body: JSON.stringify({ id: event.id, status: 'pending' }) };
      });
      if (outcome.kind === 'fresh') {
        request.log.info({ submission: event.id }, 'submission stored as pending');
        const record = await ctx.store.submission(event.id);
        if (record) await notifySubmitted(ctx, record, manageToken);
      }
      return send(outcome);
    },
  );
}
