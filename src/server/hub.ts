/**
 * The feed hub: upstream calendars (a church's iCalendar file, a club's JSON feed) fetched
 * server-side on a schedule, so they reach browsers through our own feed even when their
 * server sends no CORS headers.
 *
 * The sources' state lives in the database and is shared by every instance: the instance
 * that claims a due source (moving its `next_fetch_at` forward in one update, the lease)
 * fetches it, so each upstream is fetched once per interval however many instances run.
 * Requests are conditional (the stored validators), bodies are parsed in the render worker,
 * and a failure keeps the last good data.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { sourceId, type SourceConfig } from './config.js';
import type { SourceRow, Store } from './db/store.js';
import type { Renderer } from './renderer.js';
import type { SourceStats } from './render.js';

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
  fetch: typeof fetch;
  /** Request timeout in milliseconds (reported as such); the fetch enforces it. */
  timeout?: number;
  log?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
  /** Called after new data was stored (the feed rebuilds). */
  onChange?: () => Promise<void>;
}

interface Source {
  id: string;
  name: string;
  config: SourceConfig;
  intervalMs: number;
}

const DEFAULT_REFRESH_MINUTES = 30;

const ACCEPT = 'application/json, text/calendar;q=0.9, */*;q=0.5';

export class FeedHub extends EventEmitter<{ refreshed: [SourceHealth] }> {
  private readonly sources: Source[];
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: Store,
    private readonly renderer: Renderer,
    configs: readonly SourceConfig[],
    private readonly options: HubOptions,
  ) {
    super();
    this.sources = configs.map((config) => ({
      id: sourceId(config),
      name: config.name ?? new URL(config.url).host,
      config,
      intervalMs: Math.max(1000, (config.refreshMinutes ?? DEFAULT_REFRESH_MINUTES) * 60_000),
    }));
  }

  /** The sources' ids in the configured order. */
  get ids(): string[] {
    return this.sources.map((s) => s.id);
  }

  /** Records the configured sources in the database (a changed URL starts afresh). */
  register(): Promise<void> {
    return this.store.registerSources(this.sources.map((s) => ({ id: s.id, url: s.config.url })));
  }

  /** Starts checking for due sources: often enough for the shortest interval, at least every 15 s. */
  start(): void {
    if (!this.sources.length || this.timer) return;
    const tick = Math.min(15_000, Math.max(250, Math.min(...this.sources.map((s) => s.intervalMs)) / 4));
    this.timer = setInterval(() => void this.track(this.runDue(false)), tick);
    this.timer.unref();
    void this.track(this.runDue(false));
  }

  /** Stops the schedule and aborts running fetches. */
  stop(): void {
    clearInterval(this.timer);
    this.abort.abort();
  }

  /** Settles when nothing the hub started is running any more. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /**
   * Fetches every source now (an operator's or a test's refresh), then rebuilds the feed. A
   * scheduled run still in flight is waited for first: it may have fetched the new data already
   * (so this fetch is a 304 and changes nothing) with its own rebuild not yet done.
   */
  refreshAll(): Promise<void> {
    const running = [...this.inflight];
    return this.track(Promise.allSettled(running).then(() => this.runDue(true)));
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    void promise.finally(() => this.inflight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private async runDue(force: boolean): Promise<void> {
    let changed = false;
    let due: Set<string>;
    try {
      due = new Set(force ? this.ids : await this.store.dueSources(this.ids));
    } catch (error) {
      this.options.log?.warn({ error: (error as Error).message }, 'feed sources not checked');
      return;
    }
    await Promise.all(
      this.sources
        .filter((source) => due.has(source.id))
        .map(async (source) => {
          try {
            const row = await this.store.claimSource(source.id, this.owner, source.intervalMs, force);
            if (row && !this.abort.signal.aborted && (await this.load(source, row))) changed = true;
          } catch (error) {
            this.options.log?.warn({ source: source.name, error: (error as Error).message }, 'feed source not checked');
          }
        }),
    );
    if (changed) await this.options.onChange?.();
  }

  /** Fetches one claimed source and stores the outcome; true when its data changed. */
  private async load(source: Source, row: SourceRow): Promise<boolean> {
    const headers: Record<string, string> = { Accept: ACCEPT };
    if (row.has_result) {
      if (row.etag) headers['If-None-Match'] = row.etag;
      if (row.last_modified) headers['If-Modified-Since'] = row.last_modified;
    }
    let changed = false;
    let failure: { message: string; status?: number } | undefined;
    try {
      const response = await this.options.fetch(source.config.url, { headers, signal: this.abort.signal });
      const validators = {
        ...(response.headers.get('ETag') ? { etag: response.headers.get('ETag')! } : {}),
        ...(response.headers.get('Last-Modified') ? { lastModified: response.headers.get('Last-Modified')! } : {}),
      };
      if (response.status === 304 && row.has_result) {
        await this.store.saveSourceAttempt(source.id, { kind: 'unchanged', ...validators });
      } else if (!response.ok) {
        failure = {
          message: `the server answered ${response.status} ${response.statusText}`.trim(),
          status: response.status,
        };
      } else {
        const outcome = await this.renderer.parse({
          bytes: new Uint8Array(await response.arrayBuffer()),
          contentType: response.headers.get('Content-Type'),
          url: response.url || source.config.url,
          previousHash: row.has_result ? row.body_hash : null,
          namespace: source.id,
          ...(source.config.organizerId ? { organizerId: source.config.organizerId } : {}),
          ...(source.config.town ? { town: source.config.town } : {}),
        });
        if (outcome.kind === 'unusable') failure = { message: `the feed could not be read: ${outcome.reason}` };
        else if (outcome.kind === 'unchanged') {
          await this.store.saveSourceAttempt(source.id, { kind: 'unchanged', ...validators });
        } else {
          await this.store.saveSourceAttempt(source.id, {
            kind: 'changed',
            result: outcome.result,
            stats: JSON.stringify(outcome.stats),
            bodyHash: outcome.bodyHash,
            ...validators,
          });
          changed = true;
        }
      }
    } catch (error) {
      const e = error as Error;
      failure =
        e.name === 'TimeoutError'
          ? { message: `no answer within ${this.options.timeout ?? 20_000} ms` }
          : { message: `the feed could not be reached: ${e.message ?? String(error)}` };
    }
    if (failure) {
      await this.store.saveSourceAttempt(source.id, { kind: 'failed', error: failure });
      this.options.log?.warn({ source: source.name, error: failure.message }, 'feed source failed; its last good data stays');
    }
    const [health] = await this.health([source]);
    if (health) this.emit('refreshed', health);
    return changed;
  }

  /** Every source's state, from the database (the same on every instance). */
  async health(sources: readonly Source[] = this.sources): Promise<SourceHealth[]> {
    const rows = new Map((await this.store.sourceStates(sources.map((s) => s.id))).map((r) => [r.id, r]));
    return sources.map((source) => {
      const row = rows.get(source.id);
      const stats = row?.stats ? (JSON.parse(row.stats) as SourceStats) : undefined;
      const lastError = row?.last_error ? (JSON.parse(row.last_error) as SourceHealth['lastError']) : null;
      return {
        id: source.id,
        name: source.name,
        url: source.config.url,
        ok: Boolean(row?.last_success) && lastError === null,
        lastSuccess: row?.last_success ?? null,
        lastAttempt: row?.last_attempt ?? null,
        lastError,
        events: stats?.events ?? 0,
        associations: stats?.associations ?? 0,
        problems: stats?.problems ?? { count: 0, first: [] },
      };
    });
  }

  /** ok, or degraded while any source's latest attempt failed. */
  async status(): Promise<'ok' | 'degraded'> {
    return (await this.health()).some((s) => !s.ok && s.lastAttempt !== null) ? 'degraded' : 'ok';
  }
}
