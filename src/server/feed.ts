/**
 * The served feed: our published events and associations merged with the hub's sources,
 * rendered as JSON feed, iCalendar and association list, each with an ETag derived from its
 * bytes and a Last-Modified kept in the database, so every instance and every restart answers
 * the same validators for the same content.
 *
 * Feeds are built off the request path: a GET only ever reads the last built representation
 * from memory. A build runs after a change made here (a moderation), and whenever the
 * database's revision moved (another instance's change, a source's new data), which a cheap
 * poll notices; the heavy work (merging, serializing 20,000 events) runs in the render worker.
 *
 * Views (a window, a filter; see views.ts) are computed on demand in the worker from the merged
 * feed of the current build, which the worker keeps; the answers of the current revision are
 * cached here.
 */
import { HttpError } from './context.js';
import type { Store } from './db/store.js';
import type { Renderer } from './renderer.js';
import type { Rendered } from './render.js';
import { ViewCache } from './view-cache.js';
import { queryKey, townSlug } from './view-query.js';
import { CONTENT_TYPES, UNKNOWN_HANDLE, type ViewFormat, type ViewOptions, type ViewQuery } from './views.js';

export interface Representation extends Rendered {
  /** Whole seconds, as HTTP dates have. */
  lastModified: Date;
  contentType: string;
}

export interface BuiltFeed {
  json: Representation;
  ics: Representation;
  associations: Representation;
  eventCount: number;
  /** The database revision this build was made from. */
  revision: number;
  /** Whole seconds, as HTTP dates have. */
  lastModified: Date;
  /** The merged feed's handle in the render worker. */
  handle: string;
  /** Association names by id. */
  associationNames: Map<string, string>;
  /** Town names by their URL form (`falkenstein-harz`). */
  towns: Map<string, string>;
}

export interface FeedSettings {
  title: string;
  timeZone: string;
  /** How often the database's revision is checked, in seconds. */
  pollSeconds: number;
  /** Different uncached views computed or waiting at once; one more is refused (default 8). */
  maxPendingViews?: number;
}

export const VIEW_BUSY_MSG =
  'Der Kalender berechnet gerade sehr viele verschiedene Ansichten. Bitte versuchen Sie es in wenigen Sekunden erneut.';

/** Seconds a refused view request is asked to wait. */
export const VIEW_RETRY_SECONDS = 2;

interface Log {
  warn: (obj: object, msg: string) => void;
  info: (obj: object, msg: string) => void;
}

export class FeedService {
  private built: BuiltFeed | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private pollFailing = false;
  /** The worker lost the current build's merged feed (it was restarted): the next build runs even for the same revision. */
  private lost = false;
  private readonly views = new ViewCache();
  private readonly computing = new Map<string, Promise<Representation>>();

  constructor(
    private readonly store: Store,
    private readonly renderer: Renderer,
    private readonly settings: FeedSettings,
    private readonly sourceIds: readonly string[],
    private readonly log: Log,
  ) {}

  /** The last built representations (a GET never waits for a build). */
  current(): BuiltFeed {
    if (!this.built) throw new Error('the feed has not been built yet');
    return this.built;
  }

  /** Builds the first feed, then watches the revision. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.poll(), Math.max(50, this.settings.pollSeconds * 1000));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Lets the worker drop the current build's merged feed (after stop, when the server closes). */
  async release(): Promise<void> {
    const handle = this.built?.handle;
    if (handle) await this.renderer.forget(handle).catch(() => undefined);
  }

  /**
   * A view of the current build: cached per revision, format and query; concurrent requests
   * for the same view share one computation. A new view while `maxPendingViews` others are
   * being computed is refused with a 503 (Retry-After): every distinct window or filter set is
   * work in the one render worker, and a client asking for thousands of them at once would
   * otherwise queue work there for everyone (the cached views and the whole feed still answer).
   */
  async view(format: ViewFormat, query: ViewQuery, options: ViewOptions = {}): Promise<Representation> {
    const built = this.current();
    const key = `${built.revision}|${format}|${queryKey(query)}|${JSON.stringify(options)}`;
    const cached = this.views.get(key);
    if (cached) return cached;
    let running = this.computing.get(key);
    if (!running && this.computing.size >= (this.settings.maxPendingViews ?? 8)) {
      throw new HttpError(503, VIEW_BUSY_MSG, VIEW_RETRY_SECONDS);
    }
    if (!running) {
      running = this.computeView(built, format, query, options).finally(() => this.computing.delete(key));
      this.computing.set(key, running);
    }
    const rep = await running;
    if (this.built?.revision === built.revision) this.views.set(key, built.revision, rep);
    return rep;
  }

  private async computeView(
    built: BuiltFeed,
    format: ViewFormat,
    query: ViewQuery,
    options: ViewOptions,
    retried = false,
  ): Promise<Representation> {
    const job = { format, query, options, lastModified: built.lastModified.toISOString() };
    let rendered: Rendered;
    try {
      rendered = await this.renderer.view(built.handle, job);
    } catch (error) {
      if (retried || !String((error as Error).message).includes(UNKNOWN_HANDLE)) throw error;
      // Either a newer build replaced this one meanwhile, or the worker was restarted and
      // forgot every feed: then the current data is built again. One retry either way.
      if (this.built === built) {
        this.lost = true;
        await this.refresh();
      }
      return this.computeView(this.current(), format, query, options, true);
    }
    return { ...rendered, lastModified: built.lastModified, contentType: CONTENT_TYPES[format] };
  }

  /** Settles when no build is running (for a clean shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([this.running, this.queued]);
  }

  /**
   * Builds from the current data; resolves when a build that started after this call is done.
   * Calls during a build share one more build after it.
   */
  refresh(): Promise<void> {
    if (this.running) {
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.refresh();
        });
      return this.queued;
    }
    this.running = this.build().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async poll(): Promise<void> {
    if (this.running) return;
    try {
      const revision = await this.store.revision();
      if (revision !== this.built?.revision) await this.refresh();
      if (this.pollFailing) this.log.info({}, 'the database is reachable again; the feed is current');
      this.pollFailing = false;
    } catch (error) {
      // The last built feed keeps being served; one log line per outage, not one per second.
      if (!this.pollFailing) this.log.warn({ error: (error as Error).message }, 'cannot check the feed for changes');
      this.pollFailing = true;
    }
  }

  private async build(): Promise<void> {
    const inputs = await this.store.feedInputs(this.sourceIds);
    if (this.built && inputs.revision === this.built.revision && !this.lost) return;
    const { title, timeZone } = this.settings;
    const rendered = await this.renderer.render({ title, timeZone, ...inputs });
    let lastModified: Date;
    try {
      lastModified = await this.store.feedModified(rendered.contentHash);
    } catch (error) {
      await this.renderer.forget(rendered.handle).catch(() => undefined);
      throw error;
    }
    let ics: Rendered;
    try {
      ics = await this.renderer.ics(rendered.handle, lastModified);
    } catch (error) {
      await this.renderer.forget(rendered.handle).catch(() => undefined);
      throw error;
    }
    const rep = (r: Rendered, contentType: string): Representation => ({ ...r, lastModified, contentType });
    const previous = this.built;
    this.built = {
      json: rep(rendered.json, CONTENT_TYPES.json),
      ics: rep(ics, CONTENT_TYPES.ics),
      associations: rep(rendered.associations, CONTENT_TYPES.json),
      eventCount: rendered.eventCount,
      revision: inputs.revision,
      lastModified,
      handle: rendered.handle,
      associationNames: new Map(rendered.associationNames),
      towns: new Map(rendered.towns.map((town) => [townSlug(town), town])),
    };
    this.lost = false;
    this.views.keep(inputs.revision);
    if (previous) await this.renderer.forget(previous.handle).catch(() => undefined);
  }
}
