/**
 * The signed-in person's own data: preferences, export, deleting the account; and the
 * one-click unsubscribe of the daily digest.
 *
 * - `GET/PUT /api/me/preferences`: `{ submissionNotices: 'instant' | 'digest' | 'off', locale: 'de' | 'en' }`
 *   (the notices only for town editors and region admins). PUT needs the CSRF token.
 * - `GET /api/me/export`: everything stored about the account, as a JSON download.
 * - `DELETE /api/me`: deletes the account and ends its sessions; its events stay with their
 *   association or town; the last region admin gets 409.
 * - `/redaktion/abbestellen?token=…` (the digest's List-Unsubscribe): GET shows a page with a
 *   button and changes nothing (mail scanners open links); POST unsubscribes without a session
 *   (RFC 8058: the mail provider posts `List-Unsubscribe=One-Click`), with the signed token.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { forgetPerson, FORGOTTEN, recordAudit } from '../audit.js';
import { clearSessionCookie, requireSession } from '../auth.js';
import { HttpError, type AppContext } from '../context.js';
import type { MailJobs } from '../jobs.js';
import { MSG } from '../messages.js';
import { escapeHtml, page } from './auth.js';
import { requireJson } from './submissions.js';

const PREFERENCES_BODY = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    submissionNotices: { type: 'string', enum: ['instant', 'digest', 'off'] },
    locale: { type: 'string', enum: ['de', 'en'] },
  },
} as const;

const TOKEN_QUERY = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 200 } },
} as const;

function unsubscribePage(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page(title, body));
}

export function meRoutes(app: FastifyInstance, ctx: AppContext, jobs: MailJobs): void {
  const session = requireSession(ctx);
  const preferences = jobs.preferences;

  // RFC 8058 allows the one-click POST as multipart/form-data; its content is not needed (the
  // token is in the URL), so it is read and dropped.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) =>
    done(null, {}),
  );

  app.get('/api/me/preferences', { preHandler: session }, async (request, reply) => {
    const p = request.principal!;
    reply.header('Cache-Control', 'no-store');
    return { ...(await preferences.get(p.id)), receivesNotices: p.admin || p.towns.length > 0 };
  });

  app.put<{ Body: { submissionNotices?: 'instant' | 'digest' | 'off'; locale?: 'de' | 'en' } }>(
    '/api/me/preferences',
    { preParsing: requireJson, preHandler: session, schema: { body: PREFERENCES_BODY } },
    async (request, reply) => {
      const p = request.principal!;
      const receivesNotices = p.admin || p.towns.length > 0;
      if (request.body.submissionNotices && !receivesNotices) throw new HttpError(403, MSG.noticesNotEditor);
      const before = await preferences.get(p.id);
      const saved = await preferences.set(p.id, request.body);
      await recordAudit(ctx, {
        actor: p,
        action: 'account.preferences',
        subject: { type: 'account', id: p.id, label: p.email },
        before,
        after: saved,
      });
      request.log.info({ preferences: saved }, 'preferences changed');
      reply.header('Cache-Control', 'no-store');
      return { ...saved, receivesNotices };
    },
  );

  app.get('/api/me/export', { preHandler: session }, async (request, reply) => {
    const p = request.principal!;
    const data = await preferences.exportAccount(p.id);
    if (!data) throw new HttpError(404, MSG.notFound);
    const day = ctx.now().toISOString().slice(0, 10);
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="regionalkalender-meine-daten-${day}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ exportedAt: ctx.now().toISOString(), server: ctx.origin(), ...data }, null, 2));
  });

  app.delete('/api/me', { preHandler: session }, async (request, reply) => {
    const p = request.principal!;
    const roles = await ctx.store.accounts.roles(p.id);
    const outcome = await preferences.deleteAccount(p.id);
    if (outcome === 'last-admin') throw new HttpError(409, MSG.lastAdmin);
    if (outcome === 'unknown') throw new HttpError(404, MSG.notFound);
    // The log keeps what happened, not who the deleted person was.
    await forgetPerson(ctx.store.db, { accountId: p.id, email: p.email });
    await recordAudit(ctx, {
      actor: { id: null, label: FORGOTTEN },
      action: 'account.delete',
      subject: { type: 'account', id: p.id, label: FORGOTTEN },
      before: { roles: roles.map((r) => `${r.role}:${r.scope}`) },
    });
    request.log.info('account deleted by its owner; its sessions ended');
    clearSessionCookie(ctx, request, reply);
    return reply.code(204).send();
  });

  // --- one-click unsubscribe of the digest -----------------------------------------------------

  const invalid = (reply: FastifyReply): FastifyReply =>
    unsubscribePage(
      reply,
      400,
      'Link nicht gültig',
      '      <p class="alert">Dieser Abmeldelink ist ungültig. Bitte prüfen Sie, ob er vollständig aus der E-Mail übernommen wurde, oder ändern Sie Ihre Einstellungen in der Redaktion.</p>\n      <p><a class="button" href="/redaktion/#einstellungen">Zu den Einstellungen</a></p>',
    );

  app.get<{ Querystring: { token?: string } }>(
    '/redaktion/abbestellen',
    { schema: { querystring: TOKEN_QUERY } },
    async (request, reply) => {
      const token = request.query.token ?? '';
      if (!(await jobs.verifyUnsubscribe(token))) return invalid(reply);
      return unsubscribePage(
        reply,
        200,
        'Zusammenfassung abbestellen',
        `      <p>Mit einem Klick auf „Abbestellen“ erhalten Sie die tägliche Zusammenfassung neuer Termine nicht mehr. In der Redaktion unter „Einstellungen“ können Sie das jederzeit wieder ändern.</p>
      <form method="post" action="/redaktion/abbestellen?token=${escapeHtml(encodeURIComponent(token))}">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">Abbestellen</button>
      </form>`,
      );
    },
  );

  app.post<{ Querystring: { token?: string } }>(
    '/redaktion/abbestellen',
    { schema: { querystring: TOKEN_QUERY } },
    async (request, reply) => {
      const accountId = await jobs.verifyUnsubscribe(request.query.token ?? '');
      if (!accountId) return invalid(reply);
      // Only the digest ends: someone who chose "sofort" since keeps it.
      const current = await preferences.get(accountId);
      if (current.submissionNotices === 'digest') {
        const saved = await preferences.set(accountId, { submissionNotices: 'off' });
        const account = await ctx.store.accounts.accountById(accountId);
        await recordAudit(ctx, {
          actor: { id: accountId, label: `${account?.email ?? accountId} (Abmeldelink)` },
          action: 'account.preferences',
          subject: { type: 'account', id: accountId, label: account?.email ?? accountId },
          before: current,
          after: saved,
        });
        request.log.info('daily digest unsubscribed by one-click link');
      }
      return unsubscribePage(
        reply,
        200,
        'Abbestellt',
        '      <p class="notice" role="status">Sie erhalten die tägliche Zusammenfassung nicht mehr.</p>\n      <p><a href="/redaktion/#einstellungen">Zu den Einstellungen</a></p>',
      );
    },
  );
}
