/**
 * Sessions of the workspace: the cookie, the signed-in person of a request, and CSRF.
 *
 * - The cookie holds a random 256-bit id (the database keeps its SHA-256). HttpOnly,
 *   SameSite=Lax, Path=/. Over https it is `__Host-w4g-session` with Secure (no Domain, so only
 *   this origin ever gets it); over plain http (the local demo) browsers refuse `__Host-` and
 *   Secure cookies, so it is `w4g-session` there.
 * - "Over https": accounts.secureCookie true/false, or "auto": the request came over https
 *   (request.protocol, which believes X-Forwarded-Proto only from a trusted proxy, trustProxy)
 *   or publicUrl is https.
 * - CSRF: every state-changing request of the workspace must carry `X-CSRF-Token`, a value
 *   derived from the session id that only a page of this origin can read (GET /api/me), and,
 *   when the browser sends one, an Origin of this server. A form on another site can set
 *   neither header; SameSite=Lax keeps the cookie off its cross-site POSTs besides.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, type AppContext } from './context.js';
import type { Principal } from './db/accounts.js';
import { MSG } from './messages.js';

export const SECURE_COOKIE = '__Host-w4g-session';
export const PLAIN_COOKIE = 'w4g-session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person (workspace routes), set by requireSession. */
    principal?: Principal;
    /** The raw session id of the request's cookie. */
    sessionId?: string;
  }
}

/** The request's cookies (a small parser: name=value pairs, first one wins). */
export function cookies(request: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

export function isSecure(ctx: AppContext, request: FastifyRequest): boolean {
  const setting = ctx.config.accounts.secureCookie;
  if (setting !== 'auto') return setting;
  return request.protocol === 'https' || ctx.origin().startsWith('https:');
}

export function cookieName(ctx: AppContext, request: FastifyRequest): string {
  return isSecure(ctx, request) ? SECURE_COOKIE : PLAIN_COOKIE;
}

/** The session id the browser sent, under the name this connection uses. */
export function sessionIdOf(ctx: AppContext, request: FastifyRequest): string | undefined {
  const value = cookies(request).get(cookieName(ctx, request));
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function setSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, id: string): void {
  const maxAge = Math.floor(ctx.config.accounts.sessionMaxDays * 86_400);
  const secure = isSecure(ctx, request) ? '; Secure' : '';
  reply.header('Set-Cookie', `${cookieName(ctx, request)}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`);
}

export function clearSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): void {
  const secure = isSecure(ctx, request) ? '; Secure' : '';
  reply.header('Set-Cookie', `${cookieName(ctx, request)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`);
}

/** The CSRF token of a session: derived from its secret id, so it needs no storage. */
export function csrfToken(sessionId: string): string {
  return createHash('sha256').update(`w4g-csrf\u0000${sessionId}`).digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** The origins a same-origin request of this server may name: the configured one and its own Host. */
export function ownOrigins(ctx: AppContext, request: FastifyRequest): string[] {
  const list = [ctx.origin()];
  const host = request.headers.host;
  if (host) list.push(`${request.protocol}://${host}`);
  return list;
}

/**
 * A state-changing request must come from this origin: Origin (when sent) is ours, and
 * Sec-Fetch-Site (when sent) is same-origin. Browsers send at least one of them on POST.
 */
export function fromOwnOrigin(ctx: AppContext, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  // "null": a page with a no-referrer policy, a sandbox, a data: URL. Only a browser's own
  // Sec-Fetch-Site (which a page cannot set) can then say it was this origin.
  if (origin === 'null') return site === 'same-origin';
  if (origin !== undefined && !ownOrigins(ctx, request).includes(origin)) return false;
  return true;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A preHandler for workspace routes: 401 without a valid session; for state-changing methods
 * 403 without the right X-CSRF-Token or from another origin. Sets request.principal.
 */
export function requireSession(ctx: AppContext) {
  const idleMs = ctx.config.accounts.sessionIdleHours * 3_600_000;
  const maxMs = ctx.config.accounts.sessionMaxDays * 86_400_000;
  return async (request: FastifyRequest): Promise<void> => {
    const id = sessionIdOf(ctx, request);
    const principal = id ? await ctx.store.accounts.session(id, idleMs, maxMs) : undefined;
    if (!id || !principal) throw new HttpError(401, MSG.signInRequired);
    if (!SAFE.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !same(header, csrfToken(id))) throw new HttpError(403, MSG.csrf);
      if (!fromOwnOrigin(ctx, request)) throw new HttpError(403, MSG.foreignOrigin);
    }
    request.principal = principal;
    request.sessionId = id;
  };
}
