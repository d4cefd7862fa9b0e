import { type PropertyDeclarations, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  addDaysIso,
  formatOccurrenceTime,
  formatOccurrenceWhen,
  formatShortDate,
  localDate,
  type FeedError,
  type Occurrence,
} from '../../core/index.js';
import { W4gRangeChangeEvent } from '../../shared/events.js';
import { FeedController } from '../../shared/feed-controller.js';
import { W4gFeedElement } from '../../shared/feed-element.js';
import { chips } from '../../shared/chips.js';
import { heading } from '../../shared/heading.js';
import type * as Pictures from '../../shared/images.js';
import { statusBadges, statusNote } from '../../shared/status.js';
import type * as FilterBar from '../../shared/filter-bar.js';
import { addStyles, LazyPart } from '../../shared/lazy-part.js';
import { tokens } from '../../shared/styles.js';
import { SubscribePanel, subscribeStyles, subscriptionUrl } from '../../shared/subscribe.js';
import { readUrlFilters, writeUrlFilters, type VisitorFilters } from '../../shared/url-filters.js';
import { styles } from './event-list.styles.js';

/** Rows rendered in the first pass of a long list: more than a tall screen holds. */
const FIRST_ROWS = 40;

/** A list picture is 7rem wide (the whole row's height at most), 6rem on a phone. */
const IMAGE_SIZES = '(max-width: 36rem) 6rem, 7rem';

/** How far ahead the list looks when no `to` is set, in days. */
const DEFAULT_HORIZON = 366;

/**
 * The upcoming dates of one or more feeds, grouped by day, with German (or English) dates,
 * filters, "Mehr anzeigen" and an accessible details view.
 *
 * @summary A list of upcoming events from JSON or iCalendar feeds.
 * @tag w4g-event-list
 * @slot empty - Shown when no event matches (default: "Keine Termine gefunden.").
 * @csspart base - The wrapper of everything.
 * @csspart filter-bar - The visitor filter form (with `filters`).
 * @csspart skeleton - The placeholder while loading.
 * @csspart error - The error message with the retry button.
 * @csspart retry-button - The retry button.
 * @csspart notice - The notice shown above old data after a failed refresh.
 * @csspart empty - The wrapper of the empty slot.
 * @csspart day - One day's group.
 * @csspart day-heading - The heading of a day, e.g. "Sa., 12.12.2026".
 * @csspart event - One event.
 * @csspart event--cancelled - A cancelled event (in addition to `event`).
 * @csspart event-time - The time, e.g. "19:30–21:30 Uhr".
 * @csspart event-title - The heading with the event's title link.
 * @csspart event-meta - Town, place and organizer.
 * @csspart event-image - An event's picture beside it (with `images`).
 * @csspart categories - The list of category chips.
 * @csspart category - One category chip.
 * @csspart status-badge - "Abgesagt", "Verschoben", "Verlegt", "Online verlegt" or "Ausgebucht".
 * @csspart status-note - Where a rescheduled date was before, and the organizer's note ("wegen Unwetter").
 * @csspart more-button - The "Mehr anzeigen" button.
 * @csspart details-dialog - The details view's dialog (the `dialog` part of `w4g-event-details`, forwarded).
 * @csspart details-title - The details view's title.
 * @csspart details-close-button - The details view's close button.
 * @csspart details-figure - The details view's picture with its credit line.
 * @csspart details-image - The details view's image.
 * @csspart details-image-credit - The details view's credit line under the picture.
 * @csspart details-facts - The details view's list of facts.
 * @csspart details-description - The details view's description.
 * @csspart details-actions - The details view's row of links and buttons.
 * @csspart details-calendar-button - The details view's "In meinen Kalender" button.
 * @csspart subscribe - The "Abonnieren" button and its panel (with `subscribe`).
 * @csspart subscribe-button - The "Abonnieren" button.
 * @csspart subscribe-panel - The panel with the address and the instructions.
 * @csspart subscribe-title - The panel's heading.
 * @csspart subscribe-link - The webcal link that opens a calendar app.
 * @csspart subscribe-copy - The "Adresse kopieren" button.
 * @cssprop [--w4g-color-accent=#0b5394] - Links, markers and focus.
 * @cssprop [--w4g-color-text=#1a1a1a] - Text.
 * @cssprop [--w4g-color-muted=#555] - Secondary text.
 * @cssprop [--w4g-color-background=#fff] - Background.
 * @cssprop [--w4g-color-surface=#f3f5f7] - Event cards and the filter bar.
 * @cssprop [--w4g-color-border=#c3c9d0] - Borders and chips.
 * @cssprop [--w4g-color-danger=#a4161a] - Cancelled events and errors.
 * @cssprop [--w4g-radius=0.375rem] - Corner radius.
 * @cssprop [--w4g-space-m=1rem] - Base spacing (also -xs, -s, -l).
 * @cssprop [--w4g-focus-ring=3px solid #1a73e8] - Focus outline.
 * @cssprop [--w4g-font-family=inherit] - Font; inherits the page's.
 * @cssprop [--w4g-event-list-marker=var(--w4g-color-accent)] - The coloured edge of an event.
 * @cssprop [--w4g-event-list-day-size=1.125rem] - Size of the day headings.
 * @event {W4gLoadEvent} w4g-load - Data arrived and is shown: count, sources, skipped feed entries.
 * @event {W4gErrorEvent} w4g-error - A feed failed (stale: older data is still shown).
 * @event {W4gEventSelectEvent} w4g-event-select - The visitor opened an event; cancelable.
 * @event {W4gRangeChangeEvent} w4g-range-change - The visitor showed more events.
 */
export class W4gEventList extends W4gFeedElement {
  static override properties: PropertyDeclarations = {
    from: {},
    to: {},
    limit: { type: Number },
    subscribe: {},
    images: { type: Boolean, reflect: true },
    filters: { type: Boolean, reflect: true },
    shown: { state: true },
    visitor: { state: true },
  };

  static override styles = [tokens, subscribeStyles, styles];

  /** First day shown (`YYYY-MM-DD`); default today in the display zone. */
  from?: string;

  /** Last day shown (`YYYY-MM-DD`, inclusive: `to="2026-12-31"` shows New Year's Eve); default a year after `from`. */
  to?: string;

  /** Events shown at first and added by each "Mehr anzeigen"; 0 shows all. Default 20. */
  limit = 20;

  /**
   * Offer "Abonnieren": the address of an iCalendar feed to subscribe to, or empty to derive
   * it from `src` (an `.ics` feed as it is; the server's `…/events.json` as `…/events.ics`
   * with this element's filters). Without it there is no button.
   */
  subscribe?: string;

  /**
   * Show each event's picture beside it (small, loaded lazily, in the widths and formats the
   * feed offers). Off by default: the list stays light; the details view always shows it.
   */
  images = false;

  /** Show the visitor filter bar (town, category, audience, search, accessible, free), kept in the page URL. */
  filters = false;

  /** Skipped or degraded feed entries of the last load (read-only). */
  get feedErrors(): FeedError[] {
    return this.feed.data?.feedErrors ?? [];
  }

  /** The occurrences currently matching (read-only). */
  get occurrences(): Occurrence[] {
    return this.feed.data?.occurrences ?? [];
  }

  private shown = 0;
  private visitor: VisitorFilters = {};

  private readonly feed = new FeedController(this, {
    window: (zone) => this.window(zone),
    visitor: () => this.visitor,
    details: () => import('../event-details/define.js'),
    jsonLd: (data) => data.occurrences.slice(0, this.shown),
  });
  private focusIndex = -1;
  /**
   * How many rows are rendered so far. A long list (a month of a busy region, `limit="0"`)
   * is rendered a first screenful first, then the rest in the next tasks, so that the first
   * events paint without waiting for a thousand rows below the fold. Once everything has been
   * rendered the cap is gone for the life of the element: later updates render at once.
   */
  private renderCap = FIRST_ROWS;
  private growing?: Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.filters) this.visitor = readUrlFilters(this.id);
    // Optional parts start loading with the feed, so that they are there when rows are.
    if (this.filters) this.filterBar.get();
    if (this.images) this.pictures.get();
  }

  /** The days shown as a half-open range: `to` is the last day shown, so the range ends the day after it. */
  private window(zone: string): { start: string; end: string } {
    const start = this.from && /^\d{4}-\d{2}-\d{2}/.test(this.from) ? this.from.slice(0, 10) : this.feed.today(zone);
    const end =
      this.to && /^\d{4}-\d{2}-\d{2}/.test(this.to) ? addDaysIso(this.to.slice(0, 10), 1) : addDaysIso(start, DEFAULT_HORIZON);
    return { start, end };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('limit') || this.shown === 0) this.shown = this.pageSize;
  }

  private get pageSize(): number {
    const n = Math.floor(Number(this.limit));
    return Number.isFinite(n) && n > 0 ? n : Infinity;
  }

  private readonly subscribePanel = new SubscribePanel(this);
  /** The pictures' markup (`<picture>`, allowed origins), loaded with `images`. */
  private readonly pictures = new LazyPart<typeof Pictures>(this, () => import('../../shared/images.js'), 'the pictures');
  /** The filter bar's code and styles, loaded with `filters`. */
  private readonly filterBar = new LazyPart<typeof FilterBar>(
    this,
    () =>
      Promise.all([import('../../shared/filter-bar.js'), import('../../shared/filter-styles.js')]).then(([bar, barStyles]) => {
        addStyles(this, barStyles.filterBarStyles);
        return bar;
      }),
    'the filter bar',
  );

  private get subscriptionUrl(): string | undefined {
    return subscriptionUrl(this.subscribe, this.events ? undefined : this.src, this);
  }

  override render(): TemplateResult {
    const data = this.feed.data;
    const occurrences = data?.occurrences ?? [];
    return this.feed.frame({
      before: html`${this.subscribePanel.render(this.subscriptionUrl, this.msg.subscribe, this.level + 1, this.language)}${
        this.filters ? this.renderFilters() : nothing
      }`,
      content: data && occurrences.length > 0 ? this.renderList(occurrences, data.zone) : nothing,
      empty: occurrences.length === 0,
      emptyText: this.msg.empty,
    });
  }

  private renderList(all: Occurrence[], zone: string): TemplateResult {
    const t = this.msg;
    const shownCount = Math.min(this.shown, all.length);
    const visible = all.slice(0, Math.min(shownCount, this.renderCap));
    if (visible.length < shownCount) this.growLater();
    else this.renderCap = Infinity;
    const start = this.window(zone).start;
    const groups = new Map<string, Occurrence[]>();
    for (const o of visible) {
      // An event that began before the first shown day (a running festival) is listed there.
      const day = localDate(o.start, zone) < start ? start : localDate(o.start, zone);
      const list = groups.get(day);
      if (list) list.push(o);
      else groups.set(day, [o]);
    }
    let index = 0;
    return html`<ul class="days" role="list">
        ${repeat(
          groups,
          ([day]) => day,
          ([day, list]) =>
            html`<li class="day" part="day">
              ${heading(this.level, 'day-heading', html`<time datetime=${day}>${formatShortDate(day, this.language)}</time>`, `day-${day}`)}
              <ul class="events" role="list" aria-labelledby=${`day-${day}`}>
                ${list.map((o) => this.renderEvent(o, index++))}
              </ul>
            </li>`,
        )}
      </ul>
      ${
        shownCount < all.length
          ? html`<div class="more">
              <button class="button" part="more-button" @click=${this.showMore}>${t.showMore}</button>
              <span>${t.shownOf(shownCount, all.length)}</span>
            </div>`
          : nothing
      }`;
  }

  private renderEvent(o: Occurrence, index: number): TemplateResult {
    const t = this.msg;
    const cancelled = o.status === 'cancelled';
    const multiDay = o.allDay ? o.end > addDaysIso(o.start, 1) : localDate(o.start, o.timeZone) !== localDate(o.end, o.timeZone);
    const organizer = this.organizerName(o);
    const meta = [o.town, o.location?.name, organizer].filter((v, i, a) => v && a.indexOf(v) === i);
    const picture = this.images
      ? this.pictures.get()?.eventPicture(o, {
          sizes: IMAGE_SIZES,
          imageOrigins: this.imageOrigins,
          className: 'event-image',
          part: 'event-image',
        })
      : undefined;
    return html`<li
      class="event ${cancelled ? 'is-cancelled' : ''} ${picture ? 'has-image' : ''}"
      part="event${cancelled ? ' event--cancelled' : ''}"
      data-key=${o.key}
    >
      <p class="event-time" part="event-time">
        <time datetime=${o.start}
          >${multiDay ? formatOccurrenceWhen(o, this.language) : formatOccurrenceTime(o, this.language)}</time
        >
      </p>
      ${heading(
        this.level + 1,
        'event-title',
        html`<a href=${this.feed.detailsHref(o)} data-index=${index} @click=${(e: MouseEvent) => this.feed.openDetails(e, o)}>
          <span class="title-text">${o.title || t.untitled}</span>${statusBadges(o, t, this.language)}
        </a>`,
      )}
      ${statusNote(o, t, this.language)}
      ${meta.length ? html`<p class="event-meta" part="event-meta">${meta.join(' · ')}</p>` : nothing} ${chips(o.categories)}
      ${picture ?? nothing}
    </li>`;
  }

  private organizerName(o: Occurrence): string | undefined {
    const association = o.organizerId ? this.feed.data?.associations.find((a) => a.id === o.organizerId) : undefined;
    return association?.name ?? o.organizer;
  }

  private renderFilters(): TemplateResult | typeof nothing {
    const bar = this.filterBar.get();
    if (!bar) return nothing;
    const { choice, filterBar, placeChoices } = bar;
    const t = this.msg.filters;
    const data = this.feed.data?.offered ?? [];
    const v = this.visitor;
    // The visitor can only narrow what the page set: a field the page fixed is not offered,
    // nor a choice the feed's dates say nothing about (unless the page URL already asks for it).
    const audiences = data.flatMap((o) => o.audience);
    return filterBar({
      label: t.label,
      all: t.all,
      reset: t.reset,
      fields: [
        ...placeChoices(t, { town: this.town, category: this.category }, data, v),
        !this.audience && (audiences.length > 0 || !!v.audience) && choice('audience', t.audience, audiences, v.audience),
        { kind: 'search', name: 'q', label: t.search, value: v.q ?? '' },
        !this.accessible &&
          (data.some((o) => o.accessibility.length > 0) || !!v.accessible) && {
            kind: 'checkbox',
            name: 'accessible',
            label: t.accessible,
            value: !!v.accessible,
          },
        !this.free &&
          (data.some((o) => o.free === true) || !!v.free) && { kind: 'checkbox', name: 'free', label: t.free, value: !!v.free },
      ],
      onChange: (name, value) => this.setVisitor({ [name]: value }),
      onReset: () => this.setVisitor({ town: '', category: '', audience: '', q: '', accessible: false, free: false }),
    });
  }

  private setVisitor(change: VisitorFilters): void {
    this.visitor = { ...this.visitor, ...change };
    this.shown = this.pageSize;
    writeUrlFilters(this.id, this.visitor);
  }

  /** Renders the next rows after the current frame has painted. */
  private growLater(): void {
    if (this.growing) return;
    this.growing = new Promise<void>((resolve) => {
      let done = false;
      const grow = (): void => {
        if (done) return;
        done = true;
        this.growing = undefined;
        this.renderCap *= 8;
        this.requestUpdate();
        resolve();
      };
      // In the frame after the one that paints the first rows; the timeout covers a hidden
      // tab, where frames do not come.
      requestAnimationFrame(() => requestAnimationFrame(grow));
      setTimeout(grow, 250);
    });
  }

  /** Resolves once every row is rendered, not only the first screenful, and the JSON-LD written. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.growing) {
      await this.growing;
      complete = (await super.getUpdateComplete()) && complete;
    }
    return complete;
  }

  private showMore(): void {
    this.focusIndex = this.shown;
    this.shown += this.pageSize;
    const { start, end } = this.window(this.feed.zoneFor(this.feed.data?.zone));
    this.dispatchEvent(new W4gRangeChangeEvent({ start, end: addDaysIso(end, -1) }));
  }

  protected override updated(): void {
    if (this.focusIndex >= 0) {
      // After "Mehr anzeigen" focus goes to the first new event, so keyboard users go on reading there.
      this.renderRoot.querySelector<HTMLElement>(`a[data-index="${this.focusIndex}"]`)?.focus();
      this.focusIndex = -1;
    }
  }
}
