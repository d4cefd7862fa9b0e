/**
 * Server configuration: defaults, a JSON config file (W4G_CONFIG, else ./w4g.config.json when
 * present) and environment variables, in that order of precedence (env wins). Secrets (the
 * admin token) come from the environment only, never from a file that might be committed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HostAllowList } from './net-guard.js';

/** One upstream calendar that the hub fetches server-side and merges into the feed. */
export interface SourceConfig {
  /**
   * The source's namespace: its events are published as `<id>:<upstream id>`, so a source can
   * only ever override or cancel its own events. Lower-case letters, digits and hyphens; default
   * `src-` plus a hash of the URL. Keep it when the URL changes, or links to events break.
   */
  id?: string;
  /** iCalendar or JSON feed URL (http or https). */
  url: string;
  /** Label for logs and /api/health; default the URL's host. */
  name?: string;
  /** Association id set on every event of this source. */
  organizerId?: string;
  /** Town set on every event of this source. */
  town?: string;
  /** Minutes between refreshes; default 30, at least 1. */
  refreshMinutes?: number;
}

export interface RateLimitConfig {
  /** Requests allowed per client IP within the window. */
  max: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

export interface ServerConfig {
  port: number;
  /** Interface to listen on; default 127.0.0.1 (put a reverse proxy in front, or set 0.0.0.0). */
  host: string;
  /** SQLite file; its folder is created. Not used when W4G_DATABASE_URL names a PostgreSQL database. */
  database: string;
  /** Most PostgreSQL connections per instance (W4G_DATABASE_URL). */
  databasePoolSize: number;
  /** Fastify's trustProxy: false, true, a hop count, or addresses/CIDRs of the proxies. */
  trustProxy: boolean | number | string | string[];
  cors: {
    /** Origins allowed to read the feeds and post submissions from the browser; "*" allows any. */
    origins: string[];
  };
  rateLimit: {
    submissions: RateLimitConfig;
    admin: RateLimitConfig;
  };
  /** Largest accepted submission body in bytes. */
  bodyLimit: number;
  /**
   * The server's public address (`https://kalender.example.org`), used in the URLs of uploaded
   * pictures, the links of RSS, Atom and JSON-LD, and the links in emails (never a Host header:
   * those go to the address the server listens on). Empty elsewhere: the address the request came to (its
   * Host header, or X-Forwarded-Host behind a trusted proxy) is used, which a client chooses;
   * set it in production.
   */
  publicUrl: string;
  /** Picture uploads (POST /api/images). */
  images: {
    /** Largest file in bytes (default 15 MB). */
    maxBytes: number;
    /** Largest picture in pixels, width × height (default 50 megapixels); checked before decoding. */
    maxPixels: number;
    /**
     * Pictures nothing (no event, association, submission or the served feed) has referenced for
     * this many days, counted from the upload or the last reference, are deleted. Default 30.
     */
    keepUnusedDays: number;
    /** How often the cleanup runs, in hours (also at start, after a minute). Default 6. */
    cleanupHours: number;
  };
  /** Bounds for slow clients and for a shutdown, in seconds. */
  timeouts: {
    headersSeconds: number;
    bodySeconds: number;
    shutdownSeconds: number;
  };
  feed: {
    title: string;
    timeZone: string;
    cacheControl: string;
    /** How often each instance checks the database for changes made elsewhere, in seconds. */
    pollSeconds: number;
    /**
     * The page that shows the calendar with the elements (`https://www.example.org/termine/`): an
     * event without a web address of its own links there (`#w4g-event=…` opens its details);
     * default: the server's own start page.
     */
    pageUrl: string;
    /**
     * How many different uncached views (a window, a filter set) this instance computes or has
     * waiting for the render worker at once; one more is a 503 with Retry-After (cached views and
     * the whole feed are always served). Default 8.
     */
    maxPendingViews: number;
  };
  /** The open-data outputs (JSON-LD, RSS, Atom). */
  openData: {
    /** The data licence's URL: Creative Commons Attribution 4.0 by default. */
    license: string;
    /** Its short name, as feed readers show it. */
    licenseName: string;
    /** Who publishes the data (to be named when it is reused); default: the feed's title. */
    publisher: string;
  };
  submissions: {
    /** Submissions sent sooner after the form appeared are treated as spam (milliseconds). */
    minFormTimeMs: number;
    /** How far ahead an event may start, in days. */
    maxDaysAhead: number;
  };
  sources: SourceConfig[];
  hub: {
    /**
     * Hosts the hub may fetch although they are internal addresses (loopback, private,
     * link-local, unique-local): `host` for any port or `host:port`. Everything else internal
     * is refused, also as a redirect target.
     */
    allowHosts: string[];
  };
  /** The clash check (GET /api/clashes): which other dates count as "at the same time nearby". */
  clashes: {
    /** Town → its neighbouring towns (read both ways: naming a pair once is enough). */
    neighbours: Record<string, string[]>;
    /** Dates with a position within this many km of the draft's position count too; 0: off. */
    radiusKm: number;
    /** Categories of large events that count anywhere in the region. */
    regionCategories: string[];
  };
  /** Fill a new, empty database with sample data for the four towns. */
  seed: boolean;
  /** Log level: info logs every request (method, path, status, time); warn only problems. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  accounts: {
    /** A session ends after this long without a request. */
    sessionIdleHours: number;
    /** …and in any case this long after the sign-in. */
    sessionMaxDays: number;
    /** How long an invitation link works. */
    invitationDays: number;
    /**
     * Session cookie with Secure and the __Host- prefix: "auto" when the request came over
     * https (directly, or X-Forwarded-Proto from a trusted proxy) or publicUrl is https.
     */
    secureCookie: 'auto' | boolean;
    /** Sign-in link requests per e-mail address and per client. */
    linkPerAddress: RateLimitConfig;
    linkPerClient: RateLimitConfig;
  };
  mail: {
    /** Sender of every email ("Name <address>"). */
    from: string;
    /**
     * Without W4G_SMTP_URL every email is written to this folder as an .eml file; empty: the
     * folder `outbox` next to the SQLite file.
     */
    outbox: string;
    /** The hour (0–23, in feed.timeZone) from which the daily digest of new submissions is sent. */
    digestHour: number;
  };
  privacy: {
    /** A submitter's contact (name, e-mail) is deleted this many days after their event ended. */
    contactRetentionDays: number;
  };
}

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8080,
  host: '127.0.0.1',
  database: 'data/w4g.sqlite',
  databasePoolSize: 10,
  trustProxy: false,
  cors: { origins: [] },
  rateLimit: {
    submissions: { max: 20, windowSeconds: 3600 },
    admin: { max: 300, windowSeconds: 60 },
  },
  bodyLimit: 64 * 1024,
  publicUrl: '',
  images: { maxBytes: 15 * 1024 * 1024, maxPixels: 50_000_000, keepUnusedDays: 30, cleanupHours: 6 },
  timeouts: { headersSeconds: 10, bodySeconds: 20, shutdownSeconds: 5 },
  feed: {
    title: 'Wir4Gemeinsam – Veranstaltungen in Aschersleben, Arnstein, Falkenstein/Harz und Seeland',
    timeZone: 'Europe/Berlin',
    cacheControl: 'public, max-age=60, stale-while-revalidate=300',
    pollSeconds: 1,
    pageUrl: '',
    maxPendingViews: 8,
  },
  openData: {
    license: 'https://creativecommons.org/licenses/by/4.0/',
    licenseName: 'CC BY 4.0',
    publisher: '',
  },
  submissions: { minFormTimeMs: 3000, maxDaysAhead: 3 * 366 },
  sources: [],
  hub: { allowHosts: [] },
  clashes: {
    // Seeland's villages (Hoym, Nachterstedt, Frose…) and the four towns border one another.
    neighbours: {
      Aschersleben: ['Seeland', 'Arnstein', 'Falkenstein/Harz'],
      Arnstein: ['Falkenstein/Harz'],
    },
    radiusKm: 10,
    regionCategories: ['Stadtfest', 'Großveranstaltung'],
  },
  seed: true,
  logLevel: 'info',
  accounts: {
    sessionIdleHours: 24,
    sessionMaxDays: 14,
    invitationDays: 7,
    secureCookie: 'auto',
    linkPerAddress: { max: 5, windowSeconds: 3600 },
    linkPerClient: { max: 30, windowSeconds: 3600 },
  },
  mail: { from: 'Regionalkalender Wir4Gemeinsam <kalender@localhost>', outbox: '', digestHour: 7 },
  privacy: { contactRetentionDays: 30 },
};

/** A deep partial: what a config file or a test passes. */
export type ConfigInput = {
  [K in keyof ServerConfig]?: ServerConfig[K] extends unknown[]
    ? ServerConfig[K]
    : ServerConfig[K] extends object
      ? { [P in keyof ServerConfig[K]]?: ServerConfig[K][P] extends object ? Partial<ServerConfig[K][P]> : ServerConfig[K][P] }
      : ServerConfig[K];
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of plain objects; arrays and scalars replace. */
function merge<T>(base: T, patch: unknown): T {
  if (!isObject(patch) || !isObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isObject(value) && isObject(out[key]) ? merge(out[key], value) : value;
  }
  return out as T;
}

const SOURCE_KEYS = new Set(['id', 'url', 'name', 'organizerId', 'town', 'refreshMinutes']);

/** A typo ("cors.origin") must not be silently ignored. */
function checkKeys(layer: unknown, shape: unknown, path: string): void {
  if (!isObject(layer) || !isObject(shape)) return;
  for (const [key, value] of Object.entries(layer)) {
    const name = path ? `${path}.${key}` : key;
    if (!(key in shape)) throw new ConfigError(`unknown setting "${name}"`);
    if (key === 'sources' && Array.isArray(value)) {
      value.forEach((source, i) => {
        for (const k of isObject(source) ? Object.keys(source) : []) {
          if (!SOURCE_KEYS.has(k)) throw new ConfigError(`unknown setting "sources[${i}].${k}"`);
        }
      });
    } else if (key !== 'trustProxy' && !(path === 'clashes' && key === 'neighbours')) {
      checkKeys(value, shape[key], name);
    }
  }
}

/** Defaults, then each layer in turn; the result is checked. */
export function resolveConfig(...layers: unknown[]): ServerConfig {
  for (const layer of layers) checkKeys(layer, DEFAULT_CONFIG, '');
  const config = layers.reduce<ServerConfig>((acc, layer) => merge(acc, layer), structuredClone(DEFAULT_CONFIG));
  checkConfig(config);
  return config;
}

const SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The namespace of a source's events: its `id`, else one derived from its URL. */
export function sourceId(source: SourceConfig): string {
  return source.id ?? `src-${createHash('sha256').update(source.url).digest('hex').slice(0, 10)}`;
}

function positive(value: unknown, name: string, min = 1): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ConfigError(`${name} must be a number >= ${min}, got ${JSON.stringify(value)}`);
  }
}

function checkConfig(c: ServerConfig): void {
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535) throw new ConfigError(`port ${c.port} is not a port`);
  if (typeof c.host !== 'string' || !c.host) throw new ConfigError('host must be a non-empty string');
  if (typeof c.database !== 'string' || !c.database) throw new ConfigError('database must be a file path');
  if (!Array.isArray(c.cors.origins) || c.cors.origins.some((o) => typeof o !== 'string')) {
    throw new ConfigError('cors.origins must be a list of origins such as "https://www.aschersleben.de"');
  }
  for (const origin of c.cors.origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(`cors.origins: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`);
    }
  }
  for (const key of ['submissions', 'admin'] as const) {
    positive(c.rateLimit[key].max, `rateLimit.${key}.max`);
    positive(c.rateLimit[key].windowSeconds, `rateLimit.${key}.windowSeconds`);
  }
  positive(c.bodyLimit, 'bodyLimit', 1024);
  positive(c.images.maxBytes, 'images.maxBytes', 1024);
  positive(c.images.maxPixels, 'images.maxPixels', 256);
  positive(c.images.keepUnusedDays, 'images.keepUnusedDays', 1);
  positive(c.images.cleanupHours, 'images.cleanupHours', 0.0001);
  if (typeof c.publicUrl !== 'string' || (c.publicUrl !== '' && !/^https?:\/\/[^/?#]+$/i.test(c.publicUrl.replace(/\/$/, '')))) {
    throw new ConfigError(
      `publicUrl must be the server's public origin such as "https://kalender.example.org", got ${JSON.stringify(c.publicUrl)}`,
    );
  }
  positive(c.databasePoolSize, 'databasePoolSize');
  positive(c.feed.pollSeconds, 'feed.pollSeconds', 0.05);
  positive(c.feed.maxPendingViews, 'feed.maxPendingViews', 1);
  for (const key of ['headersSeconds', 'bodySeconds', 'shutdownSeconds'] as const) {
    positive(c.timeouts[key], `timeouts.${key}`, 0.1);
  }
  positive(c.submissions.minFormTimeMs, 'submissions.minFormTimeMs', 0);
  positive(c.submissions.maxDaysAhead, 'submissions.maxDaysAhead');
  const towns = Object.values(c.clashes.neighbours ?? {});
  if (!isObject(c.clashes.neighbours) || towns.some((l) => !Array.isArray(l) || l.some((t) => typeof t !== 'string'))) {
    throw new ConfigError('clashes.neighbours must map a town to a list of towns, e.g. { "Aschersleben": ["Seeland"] }');
  }
  positive(c.clashes.radiusKm, 'clashes.radiusKm', 0);
  if (!Array.isArray(c.clashes.regionCategories) || c.clashes.regionCategories.some((t) => typeof t !== 'string')) {
    throw new ConfigError('clashes.regionCategories must be a list of categories');
  }
  if (typeof c.feed.title !== 'string' || typeof c.feed.cacheControl !== 'string') {
    throw new ConfigError('feed.title and feed.cacheControl must be strings');
  }
  for (const [name, value] of [
    ['feed.pageUrl', c.feed.pageUrl],
    ['openData.license', c.openData.license],
  ] as const) {
    if (typeof value !== 'string' || (value !== '' && !/^https?:\/\/[^/]/i.test(value)) || (value && !URL.canParse(value))) {
      throw new ConfigError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    }
  }
  if (!c.openData.license) throw new ConfigError('openData.license must name the data licence (a URL)');
  if (typeof c.openData.licenseName !== 'string' || typeof c.openData.publisher !== 'string') {
    throw new ConfigError('openData.licenseName and openData.publisher must be text');
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.feed.timeZone });
  } catch {
    throw new ConfigError(`feed.timeZone "${c.feed.timeZone}" is not an IANA time zone`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(c.logLevel)) {
    throw new ConfigError(`logLevel must be one of fatal, error, warn, info, debug, trace, got ${JSON.stringify(c.logLevel)}`);
  }
  if (!Array.isArray(c.hub.allowHosts) || c.hub.allowHosts.some((h) => typeof h !== 'string')) {
    throw new ConfigError('hub.allowHosts must be a list of hosts such as "intranet.example" or "10.0.0.5:8080"');
  }
  try {
    new HostAllowList(c.hub.allowHosts);
  } catch (error) {
    throw new ConfigError(`hub.allowHosts: ${(error as Error).message}`);
  }
  positive(c.accounts.sessionIdleHours, 'accounts.sessionIdleHours', 0.01);
  positive(c.accounts.sessionMaxDays, 'accounts.sessionMaxDays', 0.01);
  positive(c.accounts.invitationDays, 'accounts.invitationDays', 0.01);
  if (c.accounts.secureCookie !== 'auto' && typeof c.accounts.secureCookie !== 'boolean') {
    throw new ConfigError('accounts.secureCookie must be "auto", true or false');
  }
  for (const key of ['linkPerAddress', 'linkPerClient'] as const) {
    positive(c.accounts[key].max, `accounts.${key}.max`);
    positive(c.accounts[key].windowSeconds, `accounts.${key}.windowSeconds`);
  }
  if (typeof c.mail.from !== 'string' || !c.mail.from.trim()) throw new ConfigError('mail.from must be a sender address');
  if (typeof c.mail.outbox !== 'string') throw new ConfigError('mail.outbox must be a folder');
  if (!Number.isInteger(c.mail.digestHour) || c.mail.digestHour < 0 || c.mail.digestHour > 23) {
    throw new ConfigError(`mail.digestHour must be a whole hour from 0 to 23, got ${JSON.stringify(c.mail.digestHour)}`);
  }
  if (!Number.isInteger(c.privacy.contactRetentionDays) || c.privacy.contactRetentionDays < 1) {
    throw new ConfigError(
      `privacy.contactRetentionDays (W4G_CONTACT_RETENTION_DAYS) must be a whole number of days, at least 1, got ${JSON.stringify(c.privacy.contactRetentionDays)}`,
    );
  }
  if (!Array.isArray(c.sources)) throw new ConfigError('sources must be a list');
  const ids = new Set<string>();
  c.sources.forEach((source, i) => {
    if (!isObject(source) || typeof source.url !== 'string' || !/^https?:\/\//i.test(source.url) || !URL.canParse(source.url)) {
      throw new ConfigError(`sources[${i}].url must be an http(s) URL`);
    }
    if (source.id !== undefined && (typeof source.id !== 'string' || !SOURCE_ID.test(source.id))) {
      throw new ConfigError(`sources[${i}].id must be 1–40 lower-case letters, digits or hyphens`);
    }
    const id = sourceId(source);
    if (ids.has(id)) throw new ConfigError(`sources[${i}].id "${id}" is used twice`);
    ids.add(id);
    if (source.refreshMinutes !== undefined) positive(source.refreshMinutes, `sources[${i}].refreshMinutes`, 1 / 60);
    for (const key of ['name', 'organizerId', 'town'] as const) {
      if (source[key] !== undefined && typeof source[key] !== 'string')
        throw new ConfigError(`sources[${i}].${key} must be text`);
    }
  });
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ConfigError(`${name}="${raw}" is not a number`);
  return value;
}

function envTrustProxy(raw: string | undefined): ServerConfig['trustProxy'] | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}

/** The layer that environment variables contribute (see docs/server.md). */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigInput {
  const layer: Record<string, unknown> = {
    port: envNumber(env, 'PORT'),
    host: env['HOST']?.trim() || undefined,
    database: env['W4G_DB']?.trim() || undefined,
    databasePoolSize: envNumber(env, 'W4G_DATABASE_POOL'),
    trustProxy: envTrustProxy(env['W4G_TRUST_PROXY']),
    bodyLimit: envNumber(env, 'W4G_BODY_LIMIT'),
    publicUrl: env['W4G_PUBLIC_URL']?.trim() || undefined,
    images: {
      maxBytes: envNumber(env, 'W4G_IMAGE_MAX_BYTES'),
      maxPixels: envNumber(env, 'W4G_IMAGE_MAX_PIXELS'),
      keepUnusedDays: envNumber(env, 'W4G_IMAGE_KEEP_UNUSED_DAYS'),
    },
    cors: {
      origins: env['W4G_CORS_ORIGINS']
        ?.split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean),
    },
    rateLimit: {
      submissions: { max: envNumber(env, 'W4G_RATE_LIMIT_MAX'), windowSeconds: envNumber(env, 'W4G_RATE_LIMIT_WINDOW') },
    },
    feed: {
      title: env['W4G_FEED_TITLE'] || undefined,
      timeZone: env['W4G_TIME_ZONE'] || undefined,
      pageUrl: env['W4G_PAGE_URL']?.trim() || undefined,
      maxPendingViews: envNumber(env, 'W4G_MAX_PENDING_VIEWS'),
    },
    openData: {
      license: env['W4G_DATA_LICENSE']?.trim() || undefined,
      licenseName: env['W4G_DATA_LICENSE_NAME']?.trim() || undefined,
      publisher: env['W4G_DATA_PUBLISHER']?.trim() || undefined,
    },
    hub: {
      allowHosts: env['W4G_HUB_ALLOW_HOSTS']
        ?.split(/[\s,]+/)
        .map((h) => h.trim())
        .filter(Boolean),
    },
    seed: env['W4G_SEED'] === undefined ? undefined : env['W4G_SEED'] !== 'false' && env['W4G_SEED'] !== '0',
    logLevel: env['W4G_LOG_LEVEL']?.trim() || undefined,
    mail: {
      from: env['W4G_MAIL_FROM']?.trim() || undefined,
      outbox: env['W4G_OUTBOX']?.trim() || undefined,
      digestHour: envNumber(env, 'W4G_DIGEST_HOUR'),
    },
    privacy: { contactRetentionDays: envNumber(env, 'W4G_CONTACT_RETENTION_DAYS') },
  };
  if (env['W4G_SOURCES']?.trim()) {
    try {
      layer['sources'] = JSON.parse(env['W4G_SOURCES']);
    } catch (error) {
      throw new ConfigError(`W4G_SOURCES is not a JSON list: ${(error as Error).message}`);
    }
  }
  return layer as ConfigInput;
}

/** Reads the config file named by W4G_CONFIG, else ./w4g.config.json if it exists. */
export function readConfigFile(env: NodeJS.ProcessEnv, cwd = process.cwd()): { path?: string; config: unknown } {
  const named = env['W4G_CONFIG']?.trim();
  const path = resolve(cwd, named || 'w4g.config.json');
  if (!named && !existsSync(path)) return { config: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  try {
    const config: unknown = JSON.parse(text);
    if (!isObject(config)) throw new Error('the top level is not an object');
    const { $schema: _schema, $comment: _comment, ...rest } = config;
    return { path, config: rest };
  } catch (error) {
    throw new ConfigError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Everything main.ts needs: the resolved config, where it came from, and the two secrets, which
 * come from the environment only: the admin token and the PostgreSQL URL (it holds a password).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): {
  config: ServerConfig;
  file?: string;
  adminToken?: string;
  databaseUrl?: string;
  smtpUrl?: string;
  adminEmail?: string;
} {
  const file = readConfigFile(env);
  const config = resolveConfig(file.config, configFromEnv(env));
  const adminToken = env['W4G_ADMIN_TOKEN']?.trim() || undefined;
  const databaseUrl = env['W4G_DATABASE_URL']?.trim() || undefined;
  const smtpUrl = env['W4G_SMTP_URL']?.trim() || undefined;
  const adminEmail = env['W4G_ADMIN_EMAIL']?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) throw new ConfigError('W4G_SMTP_URL must start with smtp:// or smtps://');
  return {
    config,
    ...(file.path ? { file: file.path } : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(smtpUrl ? { smtpUrl } : {}),
    ...(adminEmail ? { adminEmail } : {}),
  };
}
