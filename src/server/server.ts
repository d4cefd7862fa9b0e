/**
 * createServer: the reference server assembled from its parts. Fastify routes and plugins
 * (CORS only on the public API, per-client rate limits, static files), storage (SQLite, or
 * PostgreSQL for several instances), the feed hub, the render worker and the served feed. Tests
 * create one on a temp database and listen on 127.0.0.1:0.
 */
import { dirname, join } from 'node:path';
import { fastifyCors } from '@fastify/cors';
import { fastify, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { resolveConfig, sourceId, type ConfigInput, type ServerConfig } from './config.js';
import type { AppContext } from './context.js';
import { clientErrorHandler, frameworkErrors, sendError } from './errors.js';
import { registerJsonParser } from './json-body.js';
import { Store } from './db/store.js';
import { FeedService } from './feed.js';
import { Renderer } from './renderer.js';
import { FeedHub } from './hub.js';
import { createUpstreamFetch } from './upstream-fetch.js';
import { MSG } from './messages.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes, outboxRoutes } from './routes/auth.js';
import { workspaceRoutes } from './routes/workspace.js';
import { meRoutes } from './routes/me.js';
import { MailJobs } from './jobs.js';
import { ownSubmissionRoutes } from './routes/own-submission.js';
import { Mailer } from './mail.js';
import { seedDemoAccounts } from './db/accounts.js';
import { gazetteRoutes } from './routes/gazette.js';
import { storedImages, type GazetteImageSource } from './gazette/images.js';
import { ImageStore } from './db/image-store.js';
import { associationRequestRoutes } from './routes/association-requests.js';
import { clashRoutes } from './routes/clashes.js';
import { feedRoutes } from './routes/feeds.js';
import { imageCleanupRoutes, imageRoutes } from './routes/images.js';
import { ImageCleanup } from './image-cleanup.js';
import { submissionRoutes } from './routes/submissions.js';
import type { EventPermission } from './permissions.js';
import { seed } from './seed.js';
import { nodeTimeouts, registerBodyTimeout } from './timeouts.js';
import { DEFAULT_ROOTS, staticRoutes, type StaticRoots } from './static.js';
import { Validator } from './validate.js';

export interface ServerOptions {
  /** Settings; missing ones take the defaults of config.ts. */
  config?: ConfigInput | ServerConfig;
  /** Enables moderation; without it the admin API answers 503. */
  adminToken?: string;
  /** Fastify's logger option: false (tests), true, or pino options. Default true. */
  logger?: FastifyServerOptions['logger'];
  /** postgres://… to use PostgreSQL instead of the SQLite file (W4G_DATABASE_URL). */
  databaseUrl?: string;
  /** The clock (tests). */
  now?: () => Date;
  /** The images the gazette export may print (the server's own store); default none. */
  gazetteImages?: GazetteImageSource;
  /** Who may read and edit published events (permissions.ts); default: the admin token's holder. */
  eventPermission?: EventPermission;
  /** Where dist/, demo/ and the admin page are read from. */
  staticRoots?: Partial<StaticRoots>;
  /** smtp(s)://user:password@host:port (W4G_SMTP_URL); without it, emails go to the outbox folder. */
  smtpUrl?: string;
  /** W4G_ADMIN_EMAIL: this address is a region admin (created at start when missing). */
  adminEmail?: string;
}

export interface W4gServer {
  app: FastifyInstance;
  config: ServerConfig;
  store: Store;
  hub: FeedHub;
  /** The served feed and its views. */
  feed: FeedService;
  mailer: Mailer;
  /** The daily digest and the deletion of contacts past their retention time (scheduled; callable in tests). */
  jobs: MailJobs;
  /** The origin of the links in emails (publicUrl, else the address listened on). */
  origin(): string;
  /** Starts listening (defaults from the config) and the hub's schedule; resolves to the base URL. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops accepting requests, waits for running ones, stops the hub, closes the database. */
  close(): Promise<void>;
}

/** Client IPs stay out of the logs (they are personal data); method, URL and status are enough. */
const LOG_SERIALIZERS = {
  req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
};

/** A hop count becomes the function Fastify's types accept (trust the nearest n proxies). */
function trustProxyOption(
  value: ServerConfig['trustProxy'],
): boolean | string | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}

/** Paths of the API that pages of other origins never use: no CORS headers, not even to a preflight. */
function sameOriginOnly(url: string): boolean {
  return /^\/api\/(admin|auth|me|workspace|own)(\/|\?|$)/.test(url);
}

export async function createServer(options: ServerOptions = {}): Promise<W4gServer> {
  const config = resolveConfig(options.config ?? {});
  const now = options.now ?? (() => new Date());
  const app: FastifyInstance = fastify({
    logger: options.logger ?? { level: config.logLevel, serializers: LOG_SERIALIZERS },
    trustProxy: trustProxyOption(config.trustProxy),
    // Bodies are small JSON; the submission route has its own, configured limit.
    bodyLimit: config.bodyLimit,
    // Lets a shutdown finish promptly even with idle keep-alive connections open.
    forceCloseConnections: 'idle',
    requestTimeout: nodeTimeouts(config.timeouts).requestTimeout,
    frameworkErrors,
    clientErrorHandler,
  });
  if (config.trustProxy === true) {
    app.log.warn(
      'W4G_TRUST_PROXY=true trusts X-Forwarded-For from every client: anyone can choose the address the rate limits count; ' +
        "name the proxy's address (W4G_TRUST_PROXY=127.0.0.1) or the number of proxies instead",
    );
  }

  const store = await Store.open(
    { file: config.database, ...(options.databaseUrl ? { url: options.databaseUrl } : {}), poolSize: config.databasePoolSize },
    now,
  );
  const renderer = new Renderer();
  let hub: FeedHub;
  let feed: FeedService;
  try {
    app.log.info({ database: store.label, dialect: store.dialect }, 'database ready');
    // Exactly one instance sees a new database as new, however many start at once.
    if ((await store.initMeta('created_at', now().toISOString())) && config.seed) {
      await seed(store, now());
      await seedDemoAccounts(store.accounts);
      app.log.info('new database: sample events and associations of the four towns and one demo account per role added');
    }
    feed = new FeedService(store, renderer, config.feed, config.sources.map(sourceId), app.log);
    hub = new FeedHub(store, renderer, config.sources, {
      log: app.log,
      fetch: createUpstreamFetch({ allowHosts: config.hub.allowHosts }),
      onChange: () => feed.refresh(),
    });
    await hub.register();
    await feed.start();
  } catch (error) {
    await renderer.close();
    await store.close().catch(() => undefined);
    throw error;
  }
  let origin = config.publicUrl.replace(/\/$/, '');
  const mailer = new Mailer({
    from: config.mail.from,
    outbox: config.mail.outbox || join(dirname(config.database), 'outbox'),
    log: app.log,
    ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
  });
  const ctx: AppContext = {
    config,
    store,
    hub,
    feed,
    validator: new Validator(),
    renderer,
    gazetteImages: options.gazetteImages ?? storedImages(new ImageStore(store.db, now)),
    adminToken: options.adminToken,
    now,
    ...(options.eventPermission ? { eventPermission: options.eventPermission } : {}),
    mailer,
    origin: () => origin || `http://localhost:${config.port}`,
  };
  const jobs = new MailJobs(ctx, app.log);
  const imageCleanup = new ImageCleanup(
    store.db,
    now,
    config.images,
    () => {
      const built = feed.current();
      return [built.json.body, built.associations.body];
    },
    app.log,
  );
  if (options.adminEmail) {
    const id = await store.accounts.ensureAccount(options.adminEmail);
    await store.accounts.grant(id, 'admin', '');
    app.log.info('W4G_ADMIN_EMAIL is a region admin');
  }
  if (mailer.mode === 'outbox')
    app.log.info({ outbox: mailer.outbox }, 'no W4G_SMTP_URL: emails are written to the outbox folder');
  if (!ctx.adminToken)
    app.log.warn('W4G_ADMIN_TOKEN is not set: moderation is off; submissions are stored but cannot be approved');

  registerJsonParser(app);
  registerBodyTimeout(app, config.timeouts);
  app.server.headersTimeout = nodeTimeouts(config.timeouts).headersTimeout;
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: MSG.notFound });
    return reply.code(404).type('text/plain; charset=utf-8').send('Nicht gefunden.');
  });

  // Public API: readable and writable from the configured origins' pages.
  await app.register(
    async (api) => {
      const origins = config.cors.origins;
      const cors = {
        origin: origins.includes('*') ? '*' : origins.length ? origins : false,
        methods: ['GET', 'HEAD', 'POST'],
        allowedHeaders: ['Content-Type', 'Idempotency-Key'],
        exposedHeaders: ['ETag', 'Last-Modified', 'Retry-After', 'Idempotent-Replayed'],
        maxAge: 7200,
      };
      // The plugin's OPTIONS route is a wildcard under /api, which covers /api/admin/* too:
      // there CORS stays off; the admin area answers a preflight itself (401 without the
      // token), with no CORS headers.
      await api.register(fastifyCors, {
        delegator: (request, callback) => callback(null, sameOriginOnly(request.url) ? { origin: false } : cors),
      });
      feedRoutes(api, ctx);
      submissionRoutes(api, ctx);
      // Its own scope: the multipart parser belongs to the upload alone.
      await api.register(async (images) => imageRoutes(images, ctx));
      clashRoutes(api, ctx);
      associationRequestRoutes(api, ctx);
    },
    { prefix: '/api' },
  );
  // Moderation API: same origin only (no CORS headers), token required.
  await app.register(
    async (admin) => {
      adminRoutes(admin, ctx);
      gazetteRoutes(admin, ctx);
      imageCleanupRoutes(admin, imageCleanup);
    },
    { prefix: '/api/admin' },
  );
  // The workspace: sign-in, sessions and its API, same origin only (no CORS headers).
  await app.register(async (scope) => {
    authRoutes(scope, ctx);
    workspaceRoutes(scope, ctx);
    // Its own scope: the one-click unsubscribe's multipart parser belongs to it alone.
    await scope.register(async (me) => meRoutes(me, ctx, jobs));
    ownSubmissionRoutes(scope, ctx);
    outboxRoutes(scope, ctx);
    // The gazette export again, for the workspace's editors and admins (session, not token).
    await scope.register(async (workspace) => gazetteRoutes(workspace, ctx, 'session'), { prefix: '/api/workspace' });
  });
  staticRoutes(app, { ...DEFAULT_ROOTS, ...options.staticRoots });

  let hubStarted = false;
  let closing: Promise<void> | undefined;
  return {
    app,
    config,
    store,
    hub,
    feed,
    mailer,
    jobs,
    origin: ctx.origin,
    async listen(listenOptions = {}) {
      const address = await app.listen({ port: listenOptions.port ?? config.port, host: listenOptions.host ?? config.host });
      if (!origin) origin = address.replace('[::1]', 'localhost');
      if (!hubStarted) {
        hubStarted = true;
        hub.start();
        jobs.start();
        imageCleanup.start();
      }
      return address.replace('[::1]', 'localhost');
    },
    async close() {
      if (closing) return closing;
      hub.stop();
      feed.stop();
      jobs.stop();
      imageCleanup.stop();
      // Running requests may finish; after the grace time their connections are closed (a
      // stalled upload would otherwise hold the shutdown open). The database closes in any case.
      const grace = setTimeout(() => app.server.closeAllConnections(), config.timeouts.shutdownSeconds * 1000);
      closing = (async () => {
        try {
          await app.close();
        } finally {
          clearTimeout(grace);
          await Promise.race([
            Promise.all([hub.idle(), feed.idle(), jobs.idle(), imageCleanup.idle()]),
            new Promise((resolve) => setTimeout(resolve, config.timeouts.shutdownSeconds * 1000).unref()),
          ]);
          await Promise.race([mailer.idle(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
          mailer.close();
          await store.close().catch((error: unknown) => app.log.error({ err: error }, 'closing the database failed'));
          await feed.release();
          await renderer.close();
        }
      })();
      return closing;
    },
  };
}
