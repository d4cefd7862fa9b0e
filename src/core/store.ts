/**
 * FeedStore: one loader per page for every feed URL. Concurrent loads of a URL share one
 * request; revalidation uses ETag / Last-Modified; a failed refresh keeps the last good data
 * (and says so); JSON and iCalendar are told apart by content type and by content.
 *
 * Windowed feeds: a load with a `view` (the days an element shows and the page's filters)
 * asks a JSON URL for just that (`?start=&end=&town=…`). A server that can answers with a
 * `window` field, and from then on every view of that URL is its own request (one per URL,
 * window and filters for the whole page). A static file or another server ignores the query
 * and answers the whole feed: the URL is then static, its answer is the data of the plain
 * URL, and no view is asked of it again. See `windowableUrl` for which URLs are asked; a
 * view longer than MAX_VIEW_DAYS, or not two dates, loads the whole feed.
 */
import { fitsWindow, resolveUrl, viewUrl, windowableUrl, type FeedView } from './feed-view.js';
import { mergeFeeds, tagSource } from './merge.js';
import type { FeedResult } from './model.js';
import { parseFeed, preloadIcsReader } from './parse-feed.js';

export { detectFormat, parseFeed, type FeedFormat, type ParseFeedOptions } from './parse-feed.js';
export { MAX_VIEW_DAYS, viewUrl, windowableUrl, type FeedView, type ViewFilters } from './feed-view.js';

export type FeedLoadErrorKind = 'network' | 'http' | 'format' | 'timeout';

/** Why a feed could not be loaded. `kind` and `status` let a UI pick its own wording. */
export class FeedLoadError extends Error {
  override readonly name = 'FeedLoadError';
  constructor(
    readonly kind: FeedLoadErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What the store knows of one URL. */
export interface FeedSnapshot {
  /** The feed's URL as the page gave it (resolved), without a view's query. */
  url: string;
  /** The URL asked, when it carried a view's window and filters. */
  request?: string;
  /** The last good data (absent until a load succeeded). */
  result?: FeedResult;
  /** When the data was last confirmed by the server (ms since epoch). */
  loadedAt?: number;
  /** The latest attempt's failure; with `result` present the data is stale but shown. */
  error?: FeedLoadError;
  etag?: string;
  lastModified?: string;
  /** FNV-1a hash of the last body, to skip parsing an unchanged feed. */
  hash?: string;
}

export interface FeedStoreOptions {
  /** The fetch to use (tests, Node, a proxy). Default: globalThis.fetch. */
  fetch?: typeof fetch;
  /** Data younger than this is served without a request. Milliseconds, default 60,000. */
  maxAge?: number;
  /** Give up a request after this many milliseconds. Default 20,000. */
  timeout?: number;
  now?: () => number;
}

export interface LoadOptions {
  /** Revalidate even if the data is fresh. */
  force?: boolean;
  /**
   * Ask a server that can for only these days and filters (see `windowableUrl`). The answer
   * then holds only those days' dates, series expanded; a static feed answers as a whole.
   */
  view?: FeedView;
  /** Detaches this caller only; the shared request goes on for the others. */
  signal?: AbortSignal;
}

export interface LoadAllResult {
  /** Every source with data, merged (duplicates dropped). */
  result: FeedResult;
  snapshots: FeedSnapshot[];
  /** Sources whose latest attempt failed (with or without older data). */
  failures: FeedLoadError[];
  /** True when a shown source is older than its failed refresh. */
  stale: boolean;
}

function fnv(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return `${bytes.length}:${(h >>> 0).toString(36)}`;
}

function isUnusable(result: FeedResult): boolean {
  return result.events.length === 0 && result.associations.length === 0 && result.errors.some((e) => e.severity === 'error');
}

/** Views (windows) kept per feed URL; older ones are dropped first. */
const MAX_VIEWS = 24;

type Listener = (snapshot: FeedSnapshot) => void;

export class FeedStore {
  /** By the URL asked: the plain feed URL, or a view's URL. */
  private readonly snapshots = new Map<string, FeedSnapshot>();
  private readonly inflight = new Map<string, Promise<FeedSnapshot>>();
  /** What a feed URL turned out to be when it was first asked for a view. */
  private readonly modes = new Map<string, 'windowed' | 'static'>();
  /** The first view request of a URL whose mode is not known yet; other views wait for it. */
  private readonly probes = new Map<string, Promise<FeedSnapshot>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly fetchImpl: typeof fetch;
  private readonly maxAge: number;
  private readonly timeout: number;
  private readonly now: () => number;

  constructor(options: FeedStoreOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.maxAge = options.maxAge ?? 60_000;
    this.timeout = options.timeout ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  /** The current snapshot of a URL without loading. */
  peek(url: string): FeedSnapshot | undefined {
    return this.snapshots.get(resolveUrl(url));
  }

  /** Called after every finished load of the URL (by any caller). Returns an unsubscribe. */
  subscribe(url: string, listener: Listener): () => void {
    const key = resolveUrl(url);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Forgets cached data, windows and what the URL turned out to be (all URLs when none is given). */
  invalidate(url?: string): void {
    if (url === undefined) {
      this.snapshots.clear();
      this.modes.clear();
      return;
    }
    const key = resolveUrl(url);
    this.modes.delete(key);
    for (const [asked, snapshot] of this.snapshots) if (snapshot.url === key) this.snapshots.delete(asked);
  }

  /** `'windowed'` once the URL's server answered a view, `'static'` once it answered whole. */
  mode(url: string): 'windowed' | 'static' | undefined {
    return this.modes.get(resolveUrl(url));
  }

  /**
   * Loads one URL, or one view of it (`options.view`). Resolves with the snapshot (possibly
   * stale, with `error`); rejects with a FeedLoadError only when there is no data at all, or
   * with an AbortError for this caller.
   */
  async load(url: string, options: LoadOptions = {}): Promise<FeedSnapshot> {
    const key = resolveUrl(url);
    const view = options.view && windowableUrl(key) && fitsWindow(options.view) ? options.view : undefined;
    if (!view) {
      // The whole feed (the directory's, a year's list) waits for a first view in flight:
      // if the URL is static, that answer is the whole feed.
      const probe = this.probes.get(key);
      if (probe) await detach(probe, options.signal);
      return this.loadAsked(key, key, options);
    }
    const mode = this.modes.get(key);
    if (mode === 'static') return this.loadAsked(key, key, options);
    if (!options.force) {
      // The whole feed serves every view: when the page has it, or is getting it (a
      // directory, a year's list), a view needs no request of its own.
      if (this.inflight.has(key)) return this.loadAsked(key, key, options);
      const whole = this.snapshots.get(key);
      if (whole && this.isFresh(whole)) return whole;
    }
    const asked = viewUrl(key, view);
    if (mode === 'windowed') return this.loadAsked(key, asked, options);
    const probe = this.probes.get(key);
    if (probe && this.inflight.get(asked) !== probe) {
      // Until the first answer says what the URL is, a second view waits: a static file
      // must be downloaded once, not once per element.
      const answer = await detach(probe, options.signal);
      if (this.modes.has(key)) return this.load(url, options);
      const snapshot = { ...(this.snapshots.get(asked) ?? { url: key, request: asked }), error: answer.error };
      if (!snapshot.result) throw answer.error ?? new FeedLoadError('network', key, 'no data');
      return snapshot;
    }
    return this.loadAsked(key, asked, options, true);
  }

  /** Loads several URLs and merges what came. Never rejects except for this caller's abort. */
  async loadAll(urls: readonly string[], options: LoadOptions = {}): Promise<LoadAllResult> {
    const settled = await Promise.allSettled(urls.map((u) => this.load(u, options)));
    const snapshots: FeedSnapshot[] = [];
    const failures: FeedLoadError[] = [];
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') {
        snapshots.push(s.value);
        if (s.value.error) failures.push(s.value.error);
      } else if (s.reason instanceof FeedLoadError) {
        failures.push(s.reason);
      } else if (isAbort(s.reason)) {
        throw s.reason;
      } else {
        failures.push(new FeedLoadError('network', resolveUrl(urls[i]!), String(s.reason)));
      }
    });
    const result = snapshots.length === 1 ? snapshots[0]!.result! : mergeFeeds(snapshots.map((s) => s.result!));
    return { result, snapshots, failures, stale: snapshots.some((s) => s.error !== undefined) };
  }

  private isFresh(snapshot: FeedSnapshot): boolean {
    return (
      snapshot.result !== undefined &&
      !snapshot.error &&
      snapshot.loadedAt !== undefined &&
      this.now() - snapshot.loadedAt < this.maxAge
    );
  }

  /** Loads what `asked` (the plain URL or one view of it) answers; `probe`: the URL's first view. */
  private async loadAsked(url: string, asked: string, options: LoadOptions, probe = false): Promise<FeedSnapshot> {
    const current = this.snapshots.get(asked);
    let pending = this.inflight.get(asked);
    if (!pending) {
      if (current && this.isFresh(current) && !options.force) return current;
      pending = this.fetchSnapshot(url, asked, probe).finally(() => {
        this.inflight.delete(asked);
        if (probe) this.probes.delete(url);
      });
      this.inflight.set(asked, pending);
      if (probe) this.probes.set(url, pending);
    }
    const snapshot = await detach(pending, options.signal);
    if (!snapshot.result) throw snapshot.error ?? new FeedLoadError('network', url, 'no data');
    return snapshot;
  }

  private async fetchSnapshot(url: string, asked: string, probe: boolean): Promise<FeedSnapshot> {
    const previous = this.snapshots.get(asked);
    let snapshot: FeedSnapshot;
    try {
      snapshot = await this.request(url, asked, previous);
      if (probe) snapshot = this.settleMode(url, snapshot);
    } catch (error) {
      const failure =
        error instanceof FeedLoadError
          ? error
          : new FeedLoadError('network', url, `the feed could not be reached: ${String(error)}`);
      if (probe && failure.kind === 'http' && failure.status !== undefined && failure.status >= 400 && failure.status < 500) {
        // A server that refuses the query (but may serve the plain URL): treat it as static.
        this.modes.set(url, 'static');
        return this.fetchSnapshot(url, url, false);
      }
      snapshot = { ...(previous ?? (asked === url ? { url } : { url, request: asked })), error: failure };
    }
    this.keep(snapshot.request ?? snapshot.url, snapshot);
    for (const listener of this.listeners.get(url) ?? []) {
      try {
        listener(snapshot);
      } catch {
        // A listener's bug must not break the other listeners.
      }
    }
    return snapshot;
  }

  /**
   * The first answer to a view says what the URL is: with `window` it is windowed (the
   * snapshot is that view's); without, it is static and the answer is the plain URL's data.
   */
  private settleMode(url: string, snapshot: FeedSnapshot): FeedSnapshot {
    if (snapshot.result?.window) {
      this.modes.set(url, 'windowed');
      return snapshot;
    }
    this.modes.set(url, 'static');
    const { request: _asked, ...plain } = snapshot;
    return plain;
  }

  /** Stores a snapshot under the URL asked; a URL keeps its latest MAX_VIEWS views. */
  private keep(asked: string, snapshot: FeedSnapshot): void {
    this.snapshots.delete(asked);
    this.snapshots.set(asked, snapshot);
    if (asked === snapshot.url) return;
    const views = [...this.snapshots.entries()].filter(([k, s]) => s.url === snapshot.url && k !== s.url);
    for (const [k] of views.slice(0, Math.max(0, views.length - MAX_VIEWS))) this.snapshots.delete(k);
  }

  private async request(url: string, asked: string, previous: FeedSnapshot | undefined): Promise<FeedSnapshot> {
    const headers: Record<string, string> = { Accept: 'application/json, text/calendar;q=0.9, */*;q=0.5' };
    const init: RequestInit = { credentials: 'omit', redirect: 'follow' };
    const browser = typeof (globalThis as { document?: unknown }).document !== 'undefined';
    if (!browser || sameOrigin(url)) {
      // Our own validators; in a browser this would make a cross-origin request need a
      // CORS preflight, so there the HTTP cache revalidates instead (cache: 'no-cache').
      if (previous?.result && previous.etag) headers['If-None-Match'] = previous.etag;
      if (previous?.result && previous.lastModified) headers['If-Modified-Since'] = previous.lastModified;
      if (browser) init.cache = 'no-store';
    } else {
      init.cache = 'no-cache';
    }
    init.headers = headers;
    const controller = typeof AbortController === 'undefined' ? undefined : new AbortController();
    if (controller) init.signal = controller.signal;
    const timer = controller ? setTimeout(() => controller.abort(), this.timeout) : undefined;
    // An .ics URL: the reader's code loads while the feed downloads.
    if (/\.ics(?:[?#]|$)/i.test(url)) preloadIcsReader();
    let response: Response;
    try {
      response = await this.fetchImpl(asked, init);
    } catch (error) {
      if (controller?.signal.aborted) throw new FeedLoadError('timeout', url, `no answer within ${this.timeout} ms`);
      throw new FeedLoadError('network', url, `the feed could not be reached: ${String(error)}`);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    const etag = response.headers.get('ETag') ?? undefined;
    const lastModified = response.headers.get('Last-Modified') ?? undefined;
    if (response.status === 304 && previous?.result) {
      return {
        ...previous,
        loadedAt: this.now(),
        error: undefined,
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
    }
    if (!response.ok) {
      throw new FeedLoadError(
        'http',
        url,
        `the server answered ${response.status} ${response.statusText}`.trim(),
        response.status,
      );
    }
    if (/calendar/i.test(response.headers.get('Content-Type') ?? '')) preloadIcsReader();
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Hashing is only needed to recognise an unchanged body on a later refresh; the first
    // load of a large feed skips it (the next refresh then parses once more).
    const hash = previous?.result ? fnv(bytes) : undefined;
    let result: FeedResult;
    if (previous?.result && previous.hash === hash) {
      result = previous.result;
    } else {
      result = tagSource(
        await parseFeed(bytes, { contentType: response.headers.get('Content-Type'), baseUrl: response.url || url }),
        url,
      );
      if (isUnusable(result)) {
        const reason = result.errors.find((e) => e.severity === 'error')?.message ?? 'unreadable';
        throw new FeedLoadError('format', url, `the feed could not be read: ${reason}`);
      }
    }
    const snapshot: FeedSnapshot = { url, result, loadedAt: this.now() };
    if (asked !== url) snapshot.request = asked;
    if (hash) snapshot.hash = hash;
    if (etag) snapshot.etag = etag;
    if (lastModified) snapshot.lastModified = lastModified;
    return snapshot;
  }
}

function sameOrigin(url: string): boolean {
  const location = (globalThis as { location?: { origin?: string } }).location;
  if (!location?.origin) return true;
  try {
    return new URL(url).origin === location.origin;
  } catch {
    return true;
  }
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError';
}

function abortError(): Error {
  const error = new Error('The load was aborted by its caller');
  error.name = 'AbortError';
  return error;
}

/** The shared promise, or an AbortError for this caller alone when its signal fires. */
function detach<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const SHARED = Symbol.for('w4g-calendar.feed-store');

/**
 * The page's one FeedStore. Kept on globalThis under a registered symbol so that two copies
 * of the library on one page still share requests.
 */
export function sharedFeedStore(): FeedStore {
  const holder = globalThis as { [SHARED]?: FeedStore };
  holder[SHARED] ??= new FeedStore();
  return holder[SHARED];
}
