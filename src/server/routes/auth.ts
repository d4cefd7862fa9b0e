/**
 * Signing in by email link, invitations, sessions.
 *
 * - `POST /api/auth/link {email}` answers 202 with the same body for every well-formed address,
 *   before it even looks the address up: the lookup, the token and the email happen after the
 *   answer, so neither the answer nor its timing tells whether an account exists.
 * - The link opens `/redaktion/anmelden?token=…`: a page with one "Anmelden" button. Only its
 *   POST uses the token, so a mail scanner that fetches the link consumes nothing. A used,
 *   expired or unknown link shows a German page with "Neuen Link anfordern".
 * - Invitations work the same way at `/redaktion/einladung?token=…`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit.js';
import { clearSessionCookie, csrfToken, fromOwnOrigin, requireSession, sessionIdOf, setSessionCookie } from '../auth.js';
import { HttpError, type AppContext } from '../context.js';
import { hashSecret, normalEmail, type LinkProblem } from '../db/accounts.js';
import { signInMail } from '../mail-texts.js';
import { MSG } from '../messages.js';
import { limitHook, WindowLimiter } from '../rate-limit.js';
import { isStrictEmail } from '../validate.js';
import { requireJson } from './submissions.js';

/** A sign-in link works this long. */
export const LINK_MINUTES = 15;

const LINK_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: { email: { type: 'string', minLength: 3, maxLength: 254 } },
} as const;

const TOKEN_QUERY = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 100 } },
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small server-made page of the workspace (its stylesheet, no script, no inline code). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="de">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="same-origin" />
    <meta name="robots" content="noindex, nofollow" />
    <title>${escapeHtml(title)} – Regionalkalender Wir4Gemeinsam</title>
    <link rel="stylesheet" href="/common/pages.css" />
    <link rel="stylesheet" href="/redaktion/workspace.css" />
  </head>
  <body>
    <main class="narrow">
      <h1>${escapeHtml(title)}</h1>
${body}
    </main>
  </body>
</html>
`;
}

const PROBLEM_TEXT: Record<LinkProblem, string> = {
  used: 'Dieser Link wurde schon benutzt. Jeder Link gilt nur einmal.',
  expired: 'Dieser Link ist abgelaufen.',
  unknown: 'Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig aus der E-Mail übernommen wurde.',
};

function problemPage(reply: FastifyReply, problem: LinkProblem, invitation = false): FastifyReply {
  const again = invitation
    ? '<p>Bitte bitten Sie die Person, die Sie eingeladen hat, um eine neue Einladung, oder fordern Sie einen Anmeldelink an, wenn Sie schon einen Zugang haben.</p>'
    : '';
  return reply
    .code(problem === 'unknown' ? 400 : 410)
    .type('text/html; charset=utf-8')
    .send(
      page(
        invitation ? 'Einladung nicht gültig' : 'Anmeldelink nicht gültig',
        `      <p class="alert">${PROBLEM_TEXT[problem]}</p>\n      ${again}\n      <p><a class="button" href="/redaktion/#anmelden">Neuen Link anfordern</a></p>`,
      ),
    );
}

function buttonPage(reply: FastifyReply, action: string, token: string, title: string, text: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(
    page(
      title,
      `      <p>${escapeHtml(text)}</p>
      <form method="post" action="${action}">
        <input type="hidden" name="token" value="${escapeHtml(token)}" />
        <button type="submit">Anmelden</button>
      </form>`,
    ),
  );
}

function tokenOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** Ends a sign-in: a new session, its cookie, and on to the workspace. */
async function signIn(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, accountId: string): Promise<FastifyReply> {
  // A session of another account in this browser ends first (no mixing of two people).
  const previous = sessionIdOf(ctx, request);
  if (previous) await ctx.store.accounts.endSession(previous);
  const id = await ctx.store.accounts.createSession(accountId);
  setSessionCookie(ctx, request, reply, id);
  return reply.code(303).header('Location', '/redaktion/').send();
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { linkPerAddress, linkPerClient, invitationDays } = ctx.config.accounts;
  const perAddress = new WindowLimiter(linkPerAddress.max, linkPerAddress.windowSeconds * 1000, ctx.now);
  const perClient = new WindowLimiter(linkPerClient.max, linkPerClient.windowSeconds * 1000, ctx.now);

  // The sign-in forms post application/x-www-form-urlencoded (small bodies only).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 2048 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.post<{ Body: { email: string } }>(
    '/api/auth/link',
    {
      preParsing: requireJson,
      onRequest: limitHook(perClient, MSG.linkRateLimited),
      schema: { body: LINK_BODY },
    },
    async (request, reply) => {
      const email = normalEmail(request.body.email);
      if (!isStrictEmail(email)) throw new HttpError(422, MSG.email);
      const verdict = perAddress.hit(hashSecret(email));
      if (!verdict.allowed) {
        reply.header('Retry-After', String(verdict.retryAfter));
        throw new HttpError(429, MSG.linkRateLimited);
      }
      // Everything that depends on the address happens after the answer.
      setImmediate(() => {
        void sendLink(ctx, email).catch((error: unknown) =>
          request.log.error({ error: (error as Error).message }, 'sign-in link could not be made'),
        );
      });
      return reply.code(202).header('Cache-Control', 'no-store').send({ message: MSG.linkSent });
    },
  );

  /**
   * The page an email's link opens: why it does not work, or the button that uses it (a POST
   * to the same path, so a mail scanner that opens links uses none up).
   */
  const linkPage = (
    path: string,
    check: (token: string) => Promise<LinkProblem | undefined>,
    invitation: boolean,
    title: string,
    text: string,
  ): void => {
    app.get<{ Querystring: { token?: string } }>(path, { schema: { querystring: TOKEN_QUERY } }, async (request, reply) => {
      const token = tokenOf(request.query.token);
      const problem = token ? await check(token) : 'unknown';
      if (problem || !token) return problemPage(reply, problem ?? 'unknown', invitation);
      return buttonPage(reply, path, token, title, text);
    });
  };

  linkPage(
    '/redaktion/anmelden',
    (token) => ctx.store.accounts.checkLoginToken(token),
    false,
    'Anmelden',
    'Mit einem Klick auf „Anmelden“ melden Sie sich in der Redaktion des Regionalkalenders an.',
  );

  app.post<{ Body: { token?: string } }>('/redaktion/anmelden', async (request, reply) => {
    if (!fromOwnOrigin(ctx, request)) throw new HttpError(403, MSG.foreignOrigin);
    const token = tokenOf(request.body?.token);
    if (!token) return problemPage(reply, 'unknown');
    const outcome = await ctx.store.accounts.useLoginToken(token);
    if ('problem' in outcome) return problemPage(reply, outcome.problem);
    request.log.info('signed in by email link');
    return signIn(ctx, request, reply, outcome.accountId);
  });

  linkPage(
    '/redaktion/einladung',
    (token) => ctx.store.accounts.checkInvitation(token),
    true,
    'Einladung annehmen',
    `Mit einem Klick auf „Anmelden“ nehmen Sie die Einladung an und melden sich an. Die Einladung gilt ${invitationDays} Tage.`,
  );

  app.post<{ Body: { token?: string } }>('/redaktion/einladung', async (request, reply) => {
    if (!fromOwnOrigin(ctx, request)) throw new HttpError(403, MSG.foreignOrigin);
    const token = tokenOf(request.body?.token);
    if (!token) return problemPage(reply, 'unknown', true);
    const outcome = await ctx.store.accounts.acceptInvitation(token);
    if ('problem' in outcome) return problemPage(reply, outcome.problem, true);
    const association = outcome.role === 'member' ? await ctx.store.association(outcome.scope) : undefined;
    await recordAudit(ctx, {
      actor: { id: outcome.accountId, label: outcome.email },
      action: 'role.grant',
      subject: { type: 'account', id: outcome.accountId, label: outcome.email },
      town: outcome.role === 'editor' ? outcome.scope : typeof association?.['town'] === 'string' ? association['town'] : null,
      association: outcome.role === 'member' ? outcome.scope : null,
      after: { role: outcome.role, scope: outcome.scope },
      note: 'Einladung angenommen',
    });
    request.log.info('invitation accepted');
    return signIn(ctx, request, reply, outcome.accountId);
  });

  // Whether this browser is signed in (always 200, so the page's first look logs no error),
  // and whether the local outbox page exists.
  app.get('/api/auth/session', async (request, reply) => {
    const id = sessionIdOf(ctx, request);
    const { sessionIdleHours, sessionMaxDays } = ctx.config.accounts;
    const principal = id
      ? await ctx.store.accounts.session(id, sessionIdleHours * 3_600_000, sessionMaxDays * 86_400_000)
      : undefined;
    return reply.header('Cache-Control', 'no-store').send({ signedIn: principal !== undefined, outboxPage: hasOutboxPage(ctx) });
  });

  // The signed-in person: for the workspace page, with the CSRF token its requests carry.
  app.get('/api/me', { preHandler: requireSession(ctx) }, async (request, reply) => {
    const p = request.principal!;
    reply.header('Cache-Control', 'no-store');
    const trusted = await ctx.store.accounts.trustedAssociations();
    return {
      account: { id: p.id, email: p.email, name: p.name, locale: p.locale },
      roles: { admin: p.admin, towns: p.towns, associations: p.associations },
      trustedAssociations: trusted.filter((a) => p.admin || p.associations.includes(a)),
      csrfToken: csrfToken(request.sessionId!),
      outbox: ctx.mailer.mode === 'outbox',
    };
  });

  app.post('/api/auth/logout', { preHandler: requireSession(ctx) }, async (request, reply) => {
    await ctx.store.accounts.endSession(request.sessionId!);
    clearSessionCookie(ctx, request, reply);
    return reply.code(204).send();
  });

  // "Überall abmelden": every session of the account, in every browser.
  app.post('/api/auth/logout-all', { preHandler: requireSession(ctx) }, async (request, reply) => {
    const ended = await ctx.store.accounts.endAllSessions(request.principal!.id);
    clearSessionCookie(ctx, request, reply);
    return reply.send({ ended });
  });
}

/** Quoted-printable to text (the outbox's .eml files as nodemailer writes them). */
function unquote(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/**
 * The outbox page (`/redaktion/postausgang`): only without SMTP and only when the server
 * listens on loopback (a local try-out), the newest emails with their links, so a newcomer can
 * click their own sign-in link. Anywhere else it does not exist (404).
 */
function hasOutboxPage(ctx: AppContext): boolean {
  return ctx.mailer.mode === 'outbox' && isLoopback(ctx.config.host);
}

export function outboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  if (!hasOutboxPage(ctx)) return;
  app.get('/redaktion/postausgang', async (_request, reply) => {
    const items = ctx.mailer.outboxEntries(20).map((entry) => {
      const text = unquote(ctx.mailer.outboxMessage(entry.file) ?? '');
      const links = [
        ...new Set(
          text.match(
            /https?:\/\/[^\s"<>]+\/redaktion\/(?:anmelden\?token=|einladung\?token=|eintrag\.html#)[A-Za-z0-9_-]{43}/g,
          ) ?? [],
        ),
      ];
      const linkList = links.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`).join('');
      return `<li class="item"><p><strong>${escapeHtml(entry.subject)}</strong></p><p>An: ${escapeHtml(entry.to)} · ${escapeHtml(entry.date)}</p>${linkList ? `<ul>${linkList}</ul>` : ''}</li>`;
    });
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Postausgang',
          `      <p>Ohne Mailserver (W4G_SMTP_URL) schreibt der Server jede E-Mail als .eml-Datei in den Ordner ${escapeHtml(ctx.mailer.outbox)}. Diese Seite zeigt die neuesten; es gibt sie nur im lokalen Betrieb.</p>\n      <ul class="list">${items.join('') || '<li>Noch keine E-Mails.</li>'}</ul>\n      <p><a href="/redaktion/">Zur Anmeldung</a></p>`,
        ),
      );
  });
}

/** The part of a link request that depends on the address (after the answer). */
async function sendLink(ctx: AppContext, email: string): Promise<void> {
  const account = await ctx.store.accounts.accountByEmail(email);
  if (!account || account.disabled) return;
  const principal = await ctx.store.accounts.principal(account.id);
  const token = await ctx.store.accounts.createLoginToken(account.id, LINK_MINUTES * 60_000);
  const link = `${ctx.origin()}/redaktion/anmelden?token=${token}`;
  ctx.mailer.send({ to: email, ...signInMail(link, LINK_MINUTES, principal?.locale) });
}
