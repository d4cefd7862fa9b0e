/** What every route module gets: storage, the hub, the rendered feed, validation, settings. */
import type { ServerConfig } from './config.js';
import type { Store } from './db/store.js';
import type { FeedService } from './feed.js';
import type { FeedHub } from './hub.js';
import type { Mailer } from './mail.js';
import type { GazetteImageSource } from './gazette/images.js';
import type { Renderer } from './renderer.js';
import type { EventPermission } from './permissions.js';
import type { RuleOptions, Validator } from './validate.js';

export interface AppContext {
  config: ServerConfig;
  store: Store;
  hub: FeedHub;
  feed: FeedService;
  validator: Validator;
  /** The render worker (feed builds, gazette exports). */
  renderer: Renderer;
  /** The images the server holds itself, for the gazette (none yet: gazette/images.ts). */
  gazetteImages: GazetteImageSource;
  adminToken: string | undefined;
  now: () => Date;
  /** Who may read and edit published events (permissions.ts); default: the admin token's holder. */
  eventPermission?: EventPermission;
  mailer: Mailer;
  /** The server's own origin (publicUrl, else the address it listens on): links in emails. */
  origin: () => string;
}

/** The date rules for a check made now. */
export function ruleOptions(ctx: AppContext, rejectPast: boolean): RuleOptions {
  return {
    zone: ctx.config.feed.timeZone,
    now: ctx.now(),
    rejectPast,
    maxDaysAhead: ctx.config.submissions.maxDaysAhead,
  };
}

/** Thrown for answers with a status and a German message; the error handler sends them. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Seconds; sent as Retry-After (and `retryAfter` in the body) with the answer. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}
