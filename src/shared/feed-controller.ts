import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController } from 'lit';
import {
  canonicalZone,
  DEFAULT_ZONE,
  expandOccurrencesReport,
  FeedLoadError,
  filterOccurrences,
  foldText,
  parseList,
  sharedFeedStore,
  todayIn,
  type Association,
  type CalendarEvent,
  type FeedError,
  type FeedResult,
  type Occurrence,
} from '../core/index.js';
import { W4gErrorEvent, W4gLoadEvent } from './events.js';
import type { W4gFeedElement } from './feed-element.js';
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

export interface Window {
  start: string;
  end: string;
}

/** Data of a feed element: `src` or `events`, loaded through the page's one FeedStore. */
export class FeedController implements ReactiveController {
  readonly task: Task<Args, FeedData>;
  /** The last data that loaded, kept through failed refreshes. */
  data?: FeedData;
  /** The failure when there is no data at all. */
  error?: FeedLoadError;
  private retries = 0;
  private lastRetry = 0;
  private pendingEvent?: Event;

  constructor(
    private readonly host: W4gFeedElement,
    private readonly window: (zone: string) => Window,
    private readonly extraFilter: () => VisitorFilters = () => ({}),
  ) {
    host.addController(this);
    this.task = new Task<Args, FeedData>(host, {
      args: (): Args => {
        const extra = this.extraFilter();
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
          const data = await this.load(src, events, { signal, force });
          const report = expandOccurrencesReport(data.result.events, { ...this.window(data.zone), zone: data.zone });
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

  hostUpdated(): void {
    // Events go out after the DOM shows the new state, so listeners can query it.
    const event = this.pendingEvent;
    if (event && this.task.status !== TaskStatus.PENDING) {
      this.pendingEvent = undefined;
      this.host.dispatchEvent(event);
    }
  }

  /** Loads again, bypassing the store's freshness window. */
  retry(): void {
    this.retries++;
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

  get state(): DataState {
    const status = this.task.status;
    if (status === TaskStatus.PENDING || status === TaskStatus.INITIAL) return this.data ? 'refreshing' : 'loading';
    if (status === TaskStatus.ERROR) return 'error';
    if (this.data?.failures.length && this.data.stale) return 'error';
    return this.data && this.data.occurrences.length > 0 ? 'ready' : 'empty';
  }

  private windowKey(): string {
    const w = this.window(this.zoneFor(this.data?.zone));
    return `${w.start}/${w.end}`;
  }

  private async load(
    src: string | undefined,
    events: CalendarEvent[] | FeedResult | undefined,
    options: { signal: AbortSignal; force: boolean },
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
    const all = await sharedFeedStore().loadAll(urls, options);
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

function errorEvent(failure: FeedLoadError, stale: boolean): W4gErrorEvent {
  const detail: W4gErrorEvent['detail'] = { message: failure.message, kind: failure.kind, url: failure.url, stale };
  if (failure.status !== undefined) detail.status = failure.status;
  return new W4gErrorEvent(detail);
}
