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
 */
import type { Store } from './db/store.js';
import type { Renderer } from './renderer.js';
import type { Rendered } from './render.js';

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
}

export interface FeedSettings {
  title: string;
  timeZone: string;
  /** How often the database's revision is checked, in seconds. */
  pollSeconds: number;
}

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
    if (this.built && inputs.revision === this.built.revision) return;
    const { title, timeZone } = this.settings;
    const rendered = await this.renderer.render({ title, timeZone, ...inputs });
    let lastModified: Date;
    try {
      lastModified = await this.store.feedModified(rendered.contentHash);
    } catch (error) {
      await this.renderer.forget(rendered.handle).catch(() => undefined);
      throw error;
    }
    const ics = await this.renderer.ics(rendered.handle, lastModified);
    const rep = (r: Rendered, contentType: string): Representation => ({ ...r, lastModified, contentType });
    this.built = {
      json: rep(rendered.json, 'application/json; charset=utf-8'),
      ics: rep(ics, 'text/calendar; charset=utf-8'),
      associations: rep(rendered.associations, 'application/json; charset=utf-8'),
      eventCount: rendered.eventCount,
      revision: inputs.revision,
    };
  }
}
