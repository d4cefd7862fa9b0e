/**
 * The backbone of every data element (list, grid, association card and directory). It owns
 * what they have in common, so that each element says only which days it needs and how its
 * content looks:
 * - loading `src` (one or several feeds, through the page's one FeedStore) or `events`, and
 *   for the card a second feed of events (`events-src`);
 * - expanding and filtering (the page's filters, narrowed by the visitor's);
 * - the data state (loading, refreshing, empty, error, ready) on the host;
 * - the frame around the content (feed-frame.ts) and what its status region announces;
 * - `w4g-load` / `w4g-error`, the schema.org JSON-LD, the details view and its deep links.
 */
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, TemplateResult } from 'lit';
import {
  addDaysIso,
  canonicalZone,
  DEFAULT_ZONE,
  expandWith,
  FeedLoadError,
  filterOccurrences,
  foldText,
  loadSeries,
  needsSeries,
  parseList,
  sharedFeedStore,
  todayIn,
  type Association,
  type CalendarEvent,
  type FeedError,
  type FeedResult,
  type FeedView,
  type Occurrence,
  type SeriesSupport,
} from '../core/index.js';
import { DetailsOpener } from './details-opener.js';
import { W4gErrorEvent, W4gLoadEvent } from './events.js';
import type { W4gFeedElement } from './feed-element.js';
import { announcementFor, frame, type FrameParts } from './feed-frame.js';
import { syncJsonLd } from './jsonld.js';
import type { VisitorFilters } from './url-filters.js';

export type DataState = 'loading' | 'refreshing' | 'empty' | 'error' | 'ready';

export interface FeedData {
  /** Occurrences in the window after the element's filters. */
  occurrences: Occurrence[];
  /** Occurrences in the window before filtering. */
  unfiltered: Occurrence[];
  /** Occurrences in the window that the page's own filters let through: what a visitor's filter can choose from. */
  offered: Occurrence[];
  associations: Association[];
  /** Skipped or degraded feed entries. */
  feedErrors: FeedError[];
  /** Sources that failed in the latest attempt. */
  failures: FeedLoadError[];
  /** Some data is older than a failed refresh. */
  stale: boolean;
  /** The display zone used. */
  zone: string;
  sources: string[];
}

export interface Window {
  start: string;
  end: string;
}

/** What an element tells the backbone; everything but `window` has a default. */
export interface FeedSpec {
  /** The days the element shows, as a half-open range of dates in the display zone. */
  window(zone: string): Window;
  /**
   * Whether a server that answers windows is asked only for `window` and the page's filters
   * (default true). The directory and the card say no: they need every association and a
   * year of dates, and a year of a region with its series expanded is more than the feed.
   */
  windowed?: boolean;
  /** The visitor's own filter choice (the filter bar), which can only narrow the page's. */
  visitor?(): VisitorFilters;
  /** Loads the details view (its own chunk), for elements whose events open it. */
  details?(): Promise<unknown>;
  /** A second feed that gives only events (the card's `events-src`); its failure does not fail the element. */
  eventsSource?(): string | undefined;
  /** Whether there is something to show (ready, else empty); default: any occurrence matches. */
  found?(data: FeedData): boolean;
  /** The announcement of a ready or empty element, when it says it otherwise than "n Termine geladen." */
  announce?(state: DataState): string | undefined;
  /** The occurrences written as schema.org JSON-LD; default: none. */
  jsonLd?(data: FeedData): readonly Occurrence[] | undefined;
}

/** The card's second feed: its events, or why there are none yet. */
export interface EventsFeed {
  occurrences?: Occurrence[];
  failed: boolean;
}

type Args = readonly [
  src: string | undefined,
  events: CalendarEvent[] | FeedResult | undefined,
  timeZone: string | undefined,
  today: string | undefined,
  town: string,
  category: string,
  organizer: string | undefined,
  audience: string | undefined,
  q: string,
  accessible: boolean,
  free: boolean,
  window: string,
  retries: number,
];

export class FeedController implements ReactiveController {
  readonly task: Task<Args, FeedData>;
  /** The last data that loaded, kept through failed refreshes. */
  data?: FeedData;
  /** The failure when there is no data at all. */
  error?: FeedLoadError;
  /** The details view; undefined for elements without one. */
  readonly details?: DetailsOpener;
  private retries = 0;
  private lastRetry = 0;
  private pendingEvent?: Event;
  private announcement = '';
  private announced = '';
  private eventsFeed: EventsFeed & { key?: string } = { failed: false };

  constructor(
    private readonly host: W4gFeedElement,
    private readonly spec: FeedSpec,
  ) {
    host.addController(this);
    if (spec.details) this.details = new DetailsOpener(host, spec.details);
    this.task = new Task<Args, FeedData>(host, {
      args: (): Args => {
        const extra = this.spec.visitor?.() ?? {};
        return [
          host.src,
          host.events,
          host.timeZone,
          host.today,
          joinFilters(host.town, extra.town),
          joinFilters(host.category, extra.category),
          host.organizer,
          joinFilters(host.audience, extra.audience),
          [host.q, extra.q].filter(Boolean).join(' '),
          host.accessible || !!extra.accessible,
          host.free || !!extra.free,
          this.windowKey(),
          this.retries,
        ];
      },
      task: async ([src, events, , , town, category, organizer, audience, q, accessible, free], { signal }) => {
        const force = this.retries !== this.lastRetry;
        this.lastRetry = this.retries;
        try {
          const data = await this.load(src, events, { signal, force, view: this.view(organizer) });
          const series = await seriesFor(data.result.events);
          const report = expandWith(data.result.events, { ...this.spec.window(data.zone), zone: data.zone }, series);
          const offered = filterOccurrences(report.occurrences, {
            town: host.town,
            category: host.category,
            organizer,
            audience: host.audience,
            q: host.q,
            accessible: host.accessible,
            free: host.free,
          });
          const occurrences = filterOccurrences(offered, { town, category, audience, q, accessible, free });
          const value: FeedData = {
            occurrences,
            unfiltered: report.occurrences,
            offered,
            associations: data.result.associations,
            feedErrors: [...data.result.errors, ...report.errors],
            failures: data.failures,
            stale: data.stale,
            zone: data.zone,
            sources: data.sources,
          };
          this.data = value;
          this.error = undefined;
          const failure = data.failures[0];
          this.pendingEvent = failure
            ? errorEvent(failure, true)
            : new W4gLoadEvent({
                count: occurrences.length,
                sources: data.sources,
                feedErrors: value.feedErrors,
                stale: data.stale,
              });
          return value;
        } catch (error) {
          if ((error as { name?: string }).name === 'AbortError') throw error;
          const failure = error instanceof FeedLoadError ? error : new FeedLoadError('network', String(src ?? ''), String(error));
          this.error = failure;
          this.pendingEvent = errorEvent(failure, this.data !== undefined);
          throw failure;
        }
      },
    });
  }

  /** Before each render: start the second feed when it changed, and choose what the status region says. */
  hostUpdate(): void {
    this.loadEventsFeed(false);
    const state = this.state;
    const data = this.data;
    const count = data?.occurrences.length ?? 0;
    const own = (state === 'ready' || state === 'empty') && this.spec.announce ? this.spec.announce(state) : undefined;
    // A new state or, after a filter change, a new number is announced; the region is always
    // there, and changing its text is what screen readers read out.
    const key = `${state}/${own ?? count}`;
    if (key === this.announced) return;
    this.announced = key;
    this.announcement = own ?? announcementFor(this.host.msgs, this, count) ?? this.announcement;
  }

  /** After each render: host state, events, JSON-LD and a deep-linked event. */
  hostUpdated(): void {
    this.host.setHostState(this.state);
    // Events go out after the DOM shows the new state, so listeners can query it.
    const event = this.pendingEvent;
    if (event && this.task.status !== TaskStatus.PENDING) {
      this.pendingEvent = undefined;
      this.host.dispatchEvent(event);
    }
    const data = this.data;
    syncJsonLd(this.host, this.host.noJsonld || !data ? undefined : this.spec.jsonLd?.(data), data?.associations);
    if (data) this.details?.openDeepLink(data.unfiltered, data.associations);
  }

  /** The link of an occurrence's details (its deep link). */
  detailsHref(o: Occurrence): string {
    return this.details?.href(o) ?? '';
  }

  /** Opens the details view of `o`, after the cancelable `w4g-event-select`. */
  openDetails(event: Event | undefined, o: Occurrence): void {
    void this.details?.open(event, o, this.data?.associations);
  }

  /** Says `text` in the status region (e.g. the day the visitor chose). */
  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  /** The frame around the element's content: skeleton, alert, stale notice, empty slot, status region. */
  frame(parts: FrameParts): TemplateResult {
    return frame(this.host.msgs, this, this.announcement, parts);
  }

  /** Loads again, bypassing the store's freshness window. */
  retry(): void {
    this.retries++;
    this.loadEventsFeed(true);
    this.host.requestUpdate();
  }

  /** The display zone: the `time-zone` attribute, else the feed's, else Europe/Berlin. */
  zoneFor(feedZone?: string): string {
    return (this.host.timeZone && canonicalZone(this.host.timeZone)) || (feedZone && canonicalZone(feedZone)) || DEFAULT_ZONE;
  }

  /** Today in the display zone, or the frozen `today`. */
  today(zone = this.data?.zone ?? this.zoneFor()): string {
    return this.host.today && /^\d{4}-\d{2}-\d{2}$/.test(this.host.today) ? this.host.today : todayIn(zone);
  }

  /**
   * The latest load gave nothing for what the element shows now (no data at all, or none for
   * this window of a windowed feed; `data` may still hold an earlier window's).
   */
  get failed(): boolean {
    return this.task.status === TaskStatus.ERROR;
  }

  get state(): DataState {
    const status = this.task.status;
    if (status === TaskStatus.PENDING || status === TaskStatus.INITIAL) return this.data ? 'refreshing' : 'loading';
    if (status === TaskStatus.ERROR) return 'error';
    if (this.data?.failures.length && this.data.stale) return 'error';
    const data = this.data;
    if (!data) return 'empty';
    return (this.spec.found ? this.spec.found(data) : data.occurrences.length > 0) ? 'ready' : 'empty';
  }

  /** The events of the second feed (`eventsSource`); `occurrences` is undefined while they load. */
  get events(): EventsFeed {
    return this.eventsFeed;
  }

  /**
   * What a windowed server is asked for: the element's days and the page's own filters (the
   * visitor's choice narrows on the client, within the answer). With a `time-zone` of its
   * own the element may show other days than the server's zone names, so it asks for two
   * days more on each side (zone offsets differ by at most 26 hours) and cuts on the client.
   */
  private view(organizer: string | undefined): FeedView | undefined {
    if (this.spec.windowed === false) return undefined;
    const w = this.spec.window(this.zoneFor(this.data?.zone));
    const pad = this.host.timeZone ? 2 : 0;
    const h = this.host;
    return {
      start: addDaysIso(w.start, -pad),
      end: addDaysIso(w.end, pad),
      filters: {
        town: h.town,
        category: h.category,
        organizer,
        audience: h.audience,
        q: h.q,
        accessible: h.accessible,
        free: h.free,
      },
    };
  }

  private windowKey(): string {
    const w = this.spec.window(this.zoneFor(this.data?.zone));
    return `${w.start}/${w.end}`;
  }

  /**
   * Loads the second feed when its URL, the window or the zone changed (or on a retry). Its
   * request has no abort signal: the shared fetch serves other elements too.
   */
  private loadEventsFeed(force: boolean): void {
    const src = this.spec.eventsSource?.();
    if (!src) {
      this.eventsFeed = { failed: false };
      return;
    }
    const key = `${src}|${this.windowKey()}|${this.host.timeZone ?? ''}|${this.host.today ?? ''}`;
    if (key === this.eventsFeed.key && !force) return;
    this.eventsFeed = { key, failed: false };
    const urls = src.split(/\s+/).filter(Boolean);
    void sharedFeedStore()
      .loadAll(urls, { force })
      .then(async (all) => {
        if (all.snapshots.length === 0) throw all.failures[0] ?? new FeedLoadError('network', urls[0]!, 'no feed answered');
        const zone = this.zoneFor(all.result.timeZone);
        const series = await seriesFor(all.result.events);
        return expandWith(all.result.events, { ...this.spec.window(zone), zone }, series).occurrences;
      })
      .then(
        (occurrences) => ({ key, failed: false, occurrences }),
        () => ({ key, failed: true }),
      )
      .then((result) => {
        if (this.eventsFeed.key !== key) return;
        this.eventsFeed = result;
        this.host.requestUpdate();
      });
  }

  private async load(
    src: string | undefined,
    events: CalendarEvent[] | FeedResult | undefined,
    options: { signal: AbortSignal; force: boolean; view: FeedView | undefined },
  ): Promise<{ result: FeedResult; failures: FeedLoadError[]; stale: boolean; zone: string; sources: string[] }> {
    if (events) {
      const result: FeedResult = Array.isArray(events) ? { events, associations: [], errors: [] } : events;
      return { result, failures: [], stale: false, zone: this.zoneFor(result.timeZone), sources: [] };
    }
    const urls = (src ?? '').split(/\s+/).filter(Boolean);
    if (urls.length === 0) {
      return {
        result: { events: [], associations: [], errors: [] },
        failures: [],
        stale: false,
        zone: this.zoneFor(),
        sources: [],
      };
    }
    const { view, ...rest } = options;
    const all = await sharedFeedStore().loadAll(urls, view ? { ...rest, view } : rest);
    if (all.snapshots.length === 0) throw all.failures[0] ?? new FeedLoadError('network', urls[0]!, 'no feed answered');
    return {
      result: all.result,
      failures: all.failures,
      stale: all.stale,
      zone: this.zoneFor(all.result.timeZone),
      sources: all.snapshots.map((s) => s.url),
    };
  }
}

/**
 * The page's filter and the visitor's choice both apply. The visitor can only narrow what
 * the page set: a link with `?w4g-town=Seeland` must not make an "Arnstein only" widget
 * show Seeland, so the choice is kept only where the page allows it.
 */
function joinFilters(page: string | undefined, visitor: string | undefined): string {
  const allowed = parseList(page);
  const chosen = (visitor ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (allowed.length === 0) return chosen.join(',');
  if (chosen.length === 0) return page ?? '';
  const narrowed = chosen.filter((v) => allowed.includes(foldText(v)));
  return narrowed.length ? narrowed.join(',') : (page ?? '');
}

/**
 * Series support when `events` have a series: loaded once, with the first feed that needs it
 * (the store has it already for a JSON feed with series; `events` set by script and
 * iCalendar feeds ask here). A chunk that fails to load fails the load like the network.
 */
function seriesFor(events: readonly CalendarEvent[]): Promise<SeriesSupport | undefined> {
  return needsSeries(events) ? loadSeries() : Promise.resolve(undefined);
}

function errorEvent(failure: FeedLoadError, stale: boolean): W4gErrorEvent {
  const detail: W4gErrorEvent['detail'] = { message: failure.message, kind: failure.kind, url: failure.url, stale };
  if (failure.status !== undefined) detail.status = failure.status;
  return new W4gErrorEvent(detail);
}
