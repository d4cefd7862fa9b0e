/**
 * The feed hub: upstream calendars (a church's iCalendar file, a club's JSON feed) fetched
 * server-side on a schedule, so they reach browsers through our own feed even when their
 * server sends no CORS headers. Loading goes through the core's FeedStore: conditional
 * requests, format detection, and the last good data kept when a refresh fails.
 */
import { EventEmitter } from 'node:events';
import { FeedStore, type FeedLoadError, type FeedResult } from '../core/index.js';
import { createHash } from 'node:crypto';
import { sourceId, type SourceConfig } from './config.js';
import { createUpstreamFetch } from './upstream-fetch.js';

export interface SourceHealth {
  /** The source's namespace (its events' ids start with `<id>:`). */
  id: string;
  name: string;
  url: string;
  /** The latest attempt succeeded. */
  ok: boolean;
  lastSuccess: string | null;
  lastAttempt: string | null;
  lastError: { message: string; at: string; status?: number } | null;
  /** Events served from this source now (the last good data). */
  events: number;
  associations: number;
  /** Entries the reader skipped or degraded, with the first few messages. */
  problems: { count: number; first: string[] };
}

export interface HubOptions {
  /** The fetch for upstream requests; default: createUpstreamFetch() (no internal addresses). */
  fetch?: typeof fetch;
  /** Request timeout in milliseconds; default 20,000. */
  timeout?: number;
  now?: () => Date;
  log?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
}

interface SourceState {
  config: SourceConfig;
  name: string;
  result?: FeedResult;
  /** The FeedStore result the tagged copy was made from (identity tells "changed"). */
  from?: FeedResult;
  lastSuccess?: Date;
  lastAttempt?: Date;
  lastError?: { message: string; at: Date; status?: number };
  timer?: ReturnType<typeof setInterval>;
}

const DEFAULT_REFRESH_MINUTES = 30;

/** Longest event id the feed schema allows. */
const MAX_ID = 200;

/**
 * An upstream id inside the source's namespace: `<source id>:<upstream id>`. Overrides
 * (recurrenceId) match their series by id, so a source can only reach its own series; an id
 * too long for the feed keeps its namespace and becomes a hash.
 */
export function namespacedId(namespace: string, upstreamId: string): string {
  const id = `${namespace}:${upstreamId}`;
  if (id.length <= MAX_ID) return id;
  return `${namespace}:${createHash('sha256').update(upstreamId).digest('base64url')}`;
}

/** Namespaces every event id, sets the configured organizer and town, drops the upstream URL. */
function tag(result: FeedResult, source: SourceConfig): FeedResult {
  const namespace = sourceId(source);
  return {
    ...result,
    events: result.events.map((event) => {
      const tagged = { ...event, id: namespacedId(namespace, event.id) };
      if (source.organizerId) tagged.organizerId = source.organizerId;
      if (source.town) tagged.town = source.town;
      return tagged;
    }),
  };
}

export class FeedHub extends EventEmitter<{ refreshed: [SourceHealth] }> {
  private readonly store: FeedStore;
  private readonly sources: SourceState[];
  private readonly now: () => Date;
  private readonly log: HubOptions['log'];
  private changeCount = 0;

  constructor(sources: readonly SourceConfig[], options: HubOptions = {}) {
    super();
    this.now = options.now ?? (() => new Date());
    this.log = options.log;
    this.store = new FeedStore({
      fetch: options.fetch ?? createUpstreamFetch(),
      maxAge: 0,
      timeout: options.timeout ?? 20_000,
      now: () => this.now().getTime(),
    });
    this.sources = sources.map((config) => ({ config, name: config.name ?? new URL(config.url).host }));
  }

  /** Changes whenever the data of any source changes. */
  get revision(): number {
    return this.changeCount;
  }

  /** The tagged data of every source that has loaded at least once. */
  results(): FeedResult[] {
    return this.sources.flatMap((s) => (s.result ? [s.result] : []));
  }

  /** Loads every source now, then on each source's own interval. */
  start(): void {
    for (const [i, source] of this.sources.entries()) {
      const minutes = source.config.refreshMinutes ?? DEFAULT_REFRESH_MINUTES;
      source.timer = setInterval(() => void this.refresh(i), Math.max(1000, minutes * 60_000));
      source.timer.unref();
    }
    void this.refreshAll();
  }

  /**
   * Stops the schedule. A request still running ends on its own (it has a timeout): a
   * shutdown does not wait for a slow upstream, and the hub touches no database.
   */
  stop(): void {
    for (const source of this.sources) clearInterval(source.timer);
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.sources.map((_, i) => this.refresh(i))).then(() => undefined);
  }

  /** Loads one source; never rejects (failures are kept in its health). */
  refresh(index: number): Promise<void> {
    const source = this.sources[index];
    return source ? this.load(source) : Promise.resolve();
  }

  private async load(source: SourceState): Promise<void> {
    source.lastAttempt = this.now();
    let failure: FeedLoadError | Error | undefined;
    try {
      const snapshot = await this.store.load(source.config.url, { force: true });
      failure = snapshot.error;
      if (snapshot.result && snapshot.result !== source.from) {
        source.from = snapshot.result;
        source.result = tag(snapshot.result, source.config);
        this.changeCount++;
      }
    } catch (error) {
      failure = error as Error;
    }
    if (failure) {
      const status = (failure as FeedLoadError).status;
      source.lastError = { message: failure.message, at: this.now(), ...(status ? { status } : {}) };
      this.log?.warn({ source: source.name, error: failure.message }, 'feed source failed; its last good data stays');
    } else {
      source.lastSuccess = this.now();
      source.lastError = undefined;
    }
    this.emit('refreshed', this.healthOf(source));
  }

  private healthOf(s: SourceState): SourceHealth {
    const problems = s.result?.errors ?? [];
    return {
      id: sourceId(s.config),
      name: s.name,
      url: s.config.url,
      ok: s.lastSuccess !== undefined && s.lastError === undefined,
      lastSuccess: s.lastSuccess?.toISOString() ?? null,
      lastAttempt: s.lastAttempt?.toISOString() ?? null,
      lastError: s.lastError
        ? {
            message: s.lastError.message,
            at: s.lastError.at.toISOString(),
            ...(s.lastError.status ? { status: s.lastError.status } : {}),
          }
        : null,
      events: s.result?.events.length ?? 0,
      associations: s.result?.associations.length ?? 0,
      problems: { count: problems.length, first: problems.slice(0, 5).map((p) => p.message) },
    };
  }

  health(): SourceHealth[] {
    return this.sources.map((s) => this.healthOf(s));
  }
}
