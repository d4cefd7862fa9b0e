/**
 * Every setting of the server: its type, its meaning (the comments are its documentation, see
 * docs/server.md) and its default. config-check.ts merges the layers onto the defaults and
 * checks the result; config.ts reads the layers from the config file and the environment.
 */
import { createHash } from 'node:crypto';

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

/** The namespace of a source's events: its `id`, else one derived from its URL. */
export function sourceId(source: SourceConfig): string {
  return source.id ?? `src-${createHash('sha256').update(source.url).digest('hex').slice(0, 10)}`;
}
