/**
 * Static files: the built elements (`dist/` at /dist/), the demo (`demo/` at /demo/, `/`
 * redirects there), the moderation page (src/server/admin at /admin/), the workspace
 * (src/server/workspace at /redaktion/) and the scripts both share (src/server/common at
 * /common/: the gazette form). Every HTML page the
 * server sends carries a strict Content-Security-Policy: no inline script or style anywhere.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fastifyStatic } from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Event images may come from the organizers' own sites (the elements allow-list them).
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The workspace: like the admin page, plus its own sign-in forms, and images of events. */
export const WORKSPACE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** SVG can carry script: served files are images, never documents that run code. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export interface StaticRoots {
  dist: string;
  demo: string;
  admin: string;
  workspace: string;
  common: string;
}

export const DEFAULT_ROOTS: StaticRoots = {
  dist: `${ROOT}dist`,
  demo: `${ROOT}demo`,
  admin: fileURLToPath(new URL('./admin', import.meta.url)),
  workspace: fileURLToPath(new URL('./workspace', import.meta.url)),
  common: fileURLToPath(new URL('./common', import.meta.url)),
};

export function staticRoutes(app: FastifyInstance, roots: StaticRoots): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('image/svg+xml')) reply.header('Content-Security-Policy', SVG_CSP);
    if (type.startsWith('text/html')) {
      const admin = request.url.startsWith('/admin');
      const workspace = request.url.startsWith('/redaktion');
      reply.header('Content-Security-Policy', admin ? ADMIN_CSP : workspace ? WORKSPACE_CSP : PAGE_CSP);
      if (admin || workspace) reply.header('Cache-Control', 'no-store');
    }
    done(null, payload);
  });

  const mounts: [string, string][] = [
    ['/dist/', roots.dist],
    ['/demo/', roots.demo],
    ['/admin/', roots.admin],
    ['/redaktion/', roots.workspace],
    ['/common/', roots.common],
  ];
  for (const [prefix, root] of mounts) {
    if (!existsSync(root)) {
      app.log.warn({ root }, `${prefix} is not served: the folder is missing (for dist/, run npm run build)`);
      continue;
    }
    // Dotfiles (.env, .git/) are never served: send answers them as missing.
    void app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: false,
      redirect: true,
      index: ['index.html'],
      dotfiles: 'ignore',
    });
    if (prefix !== '/dist/' && prefix !== '/common/')
      app.get(prefix.slice(0, -1), (_request, reply) => reply.redirect(prefix, 301));
  }
  app.get('/', (_request, reply) => reply.redirect('/demo/', 302));
  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (_request, reply) => reply.code(204).header('Cache-Control', 'public, max-age=86400').send());
}
