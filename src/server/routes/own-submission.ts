/**
 * The submitter's private link (`/redaktion/eintrag.html#<token>`, from the receipt email):
 * without an account, the token alone lets its holder view their submission, correct it while
 * it waits, and withdraw it, also after publication. The token is in the link's fragment, so it
 * never reaches a server log or a Referer; the page sends it in the body of these POSTs. Only
 * its SHA-256 is stored.
 */
import type { FastifyInstance } from 'fastify';
import { eventSubject, recordAudit, SUBMITTER_ACTOR } from '../audit.js';
import { ruleOptions, HttpError, type AppContext } from '../context.js';
import { MSG } from '../messages.js';
import { limitHook, WindowLimiter } from '../rate-limit.js';
import { requireJson } from './submissions.js';

const TOKEN = { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } as const;

const VIEW_BODY = { type: 'object', additionalProperties: false, required: ['token'], properties: { token: TOKEN } } as const;

const EDIT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'event'],
  properties: { token: TOKEN, event: { type: 'object' } },
} as const;

export function ownSubmissionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { max, windowSeconds } = ctx.config.rateLimit.submissions;
  // Guessing tokens is hopeless (256 bits); the limit keeps the attempts cheap for us.
  const limit = limitHook(new WindowLimiter(max * 5, windowSeconds * 1000, ctx.now), MSG.rateLimited);

  const find = async (token: string) => {
    const id = await ctx.store.accounts.submissionByManageToken(token);
    const record = id ? await ctx.store.submission(id) : undefined;
    if (!record) throw new HttpError(404, MSG.badLink);
    return record;
  };

  const view = (record: Awaited<ReturnType<typeof find>>) => ({
    id: record.id,
    status: record.status,
    event: record.event,
    contact: record.contact,
    createdAt: record.createdAt,
  });

  app.post<{ Body: { token: string } }>(
    '/api/own/submission',
    { onRequest: limit, preParsing: requireJson, schema: { body: VIEW_BODY } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { submission: view(await find(request.body.token)) };
    },
  );

  app.put<{ Body: { token: string; event: Record<string, unknown> } }>(
    '/api/own/submission',
    { onRequest: limit, preParsing: requireJson, schema: { body: EDIT_BODY } },
    async (request, reply) => {
      const record = await find(request.body.token);
      if (record.status !== 'pending') throw new HttpError(409, MSG.notPending);
      const checked = ctx.validator.checkEdit({ event: request.body.event }, record.id, ruleOptions(ctx, true));
      if (!checked.ok) return reply.code(422).send({ errors: checked.errors });
      // The town stays: the entry waits in that town's queue.
      const event = { ...checked.value.event!, ...(record.event['town'] ? { town: record.event['town'] } : {}) };
      const updated = await ctx.store.editSubmission(record.id, { event }, () => ({
        actor: SUBMITTER_ACTOR,
        action: 'submission.edit',
        ...eventSubject('submission', record.id, event),
        before: record.event,
        after: event,
      }));
      request.log.info({ submission: record.id }, 'submission corrected by its submitter');
      return { submission: view(updated!) };
    },
  );

  app.post<{ Body: { token: string } }>(
    '/api/own/submission/withdraw',
    { onRequest: limit, preParsing: requireJson, schema: { body: VIEW_BODY } },
    async (request) => {
      const record = await find(request.body.token);
      await ctx.store.withdrawSubmission(record.id);
      await recordAudit(ctx, {
        actor: SUBMITTER_ACTOR,
        action: 'submission.withdraw',
        ...eventSubject('submission', record.id, record.event),
        before: { status: record.status },
      });
      if (record.status === 'approved') {
        try {
          await ctx.feed.refresh();
        } catch (error) {
          request.log.warn({ error: (error as Error).message }, 'feed rebuild after a withdrawal failed; the next check retries');
        }
      }
      request.log.info({ submission: record.id }, 'submission withdrawn by its submitter');
      return { withdrawn: true };
    },
  );
}
