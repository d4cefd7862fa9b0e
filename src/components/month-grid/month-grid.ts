import { type PropertyDeclarations, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  addDaysIso,
  addMonthsIso,
  dayInMonth,
  formatLongDate,
  formatMonthYear,
  formatOccurrenceTime,
  formatShortDate,
  isoWeek,
  monthGrid,
  occurrenceDays,
  weekdayNames,
  type FeedError,
  type Occurrence,
} from '../../core/index.js';
import { W4gDaySelectEvent, W4gRangeChangeEvent } from '../../shared/events.js';
import { FeedController } from '../../shared/feed-controller.js';
import { W4gFeedElement } from '../../shared/feed-element.js';
import { heading } from '../../shared/heading.js';
import { hasStatus, statusBadges, statusNote, statusText } from '../../shared/status.js';
import { tokens } from '../../shared/styles.js';
import { SubscribePanel, subscribeStyles, subscriptionUrl } from '../../shared/subscribe.js';
import { keyTarget } from './month-grid.keys.js';
import { printStyles, styles } from './month-grid.styles.js';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const NO_OCCURRENCES: readonly Occurrence[] = [];

interface Layout {
  occurrences: readonly Occurrence[];
  month: string;
  days: Map<string, Occurrence[]>;
  monthEvents: Occurrence[];
}

/**
 * A month calendar after the W3C APG date grid: a native table, one tab stop, arrow keys,
 * Home/End, PageUp/PageDown (Shift for years), Enter/Space to list a day's events.
 *
 * @summary A keyboard-accessible month calendar of feed events.
 * @tag w4g-month-grid
 * @slot empty - Shown under the grid when the month has no events (default: "Keine Termine gefunden.").
 * @csspart base - The wrapper of everything.
 * @csspart header - The heading and the navigation buttons.
 * @csspart month-heading - "Dezember 2026"; announced when it changes.
 * @csspart nav-button - The previous, next and today buttons.
 * @csspart table - The month table.
 * @csspart weekday - A column header.
 * @csspart week-number - A week number cell (with `week-numbers`).
 * @csspart day - A day cell; also `day--today`, `day--outside`, `day--selected`.
 * @csspart day-button - The button of a day.
 * @csspart event - An event in a day cell.
 * @csspart more-button - "+3 weitere".
 * @csspart day-panel - The list of the selected day's events under the grid.
 * @csspart error - The error message with the retry button.
 * @csspart retry-button - The retry button.
 * @csspart notice - The notice shown above old data after a failed refresh.
 * @csspart empty - The wrapper of the empty slot.
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
 * @cssprop [--w4g-color-accent=#0b5394] - Events, today and focus.
 * @cssprop [--w4g-color-today=#e6f0fa] - Background of today's cell.
 * @cssprop [--w4g-color-border=#c3c9d0] - Cell borders.
 * @cssprop [--w4g-month-grid-cell-height=6.5rem] - Height of a day cell.
 * @cssprop [--w4g-month-grid-event-background=var(--w4g-color-accent)] - Background of an event in a cell.
 * @cssprop [--w4g-month-grid-event-color=#fff] - Text colour of an event in a cell.
 * @event {W4gLoadEvent} w4g-load - Data arrived and is shown.
 * @event {W4gErrorEvent} w4g-error - A feed failed.
 * @event {W4gEventSelectEvent} w4g-event-select - The visitor opened an event; cancelable.
 * @event {W4gDaySelectEvent} w4g-day-select - The visitor chose a day.
 * @event {W4gRangeChangeEvent} w4g-range-change - The visitor moved to another month.
 */
export class W4gMonthGrid extends W4gFeedElement {
  static override properties: PropertyDeclarations = {
    month: { reflect: true },
    subscribe: {},
    weekNumbers: { attribute: 'week-numbers', type: Boolean },
    maxPerDay: { attribute: 'max-per-day', type: Number },
    selected: { reflect: true },
    focusDate: { state: true },
    printing: { state: true },
  };

  static override styles = [tokens, subscribeStyles, styles, printStyles];

  /** The month shown, `YYYY-MM`; default the current month. Follows the visitor's navigation. */
  month?: string;

  /**
   * Offer "Abonnieren": the address of an iCalendar feed to subscribe to, or empty to derive
   * it from `src` (an `.ics` feed as it is; the server's `…/events.json` as `…/events.ics`
   * with this element's filters). Without it there is no button.
   */
  subscribe?: string;

  /** Show ISO week numbers ("KW") in a first column. */
  weekNumbers = false;

  /** Events listed in a day cell before "+n weitere". Default 3. */
  maxPerDay = 3;

  /** The selected day (`YYYY-MM-DD`), whose events are listed under the grid. */
  selected?: string;

  /** Skipped or degraded feed entries of the last load (read-only). */
  get feedErrors(): FeedError[] {
    return this.feed.data?.feedErrors ?? [];
  }

  private focusDate?: string;

  private readonly feed = new FeedController(this, {
    window: (zone) => this.window(zone),
    details: () => import('../event-details/define.js'),
    jsonLd: () => this.layout().monthEvents,
  });
  /** The print listing is rendered only for printing: a month of a big feed is a lot of DOM. */
  private printing = false;
  private readonly beforePrint = (): void => {
    this.printing = true;
    // Printing starts right after this event: render now, not in the next microtask.
    this.performUpdate();
  };
  private readonly afterPrint = (): void => {
    this.printing = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.beforePrint);
    window.addEventListener('afterprint', this.afterPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.beforePrint);
    window.removeEventListener('afterprint', this.afterPrint);
  }
  private moveFocus = false;

  private get shownMonth(): string {
    if (this.month && MONTH_RE.test(this.month)) return this.month;
    return this.feed.today().slice(0, 7);
  }

  private window(_zone: string): { start: string; end: string } {
    const weeks = monthGrid(this.shownMonth);
    return { start: weeks[0]![0]!, end: addDaysIso(weeks[weeks.length - 1]![6]!, 1) };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const month = this.shownMonth;
    if (!this.focusDate || this.focusDate.slice(0, 7) !== month || changed.has('month')) {
      const today = this.feed.today();
      const keep = this.focusDate?.slice(0, 7) === month ? this.focusDate : undefined;
      this.focusDate = keep ?? (today.slice(0, 7) === month ? today : `${month}-01`);
    }
  }

  private layoutCache?: Layout;

  /**
   * Occurrences by the local dates they cover, and those touching the shown month. Render,
   * day selection and the JSON-LD all need them; they are computed once per data and month.
   */
  private layout(): Layout {
    const occurrences = this.feed.data?.occurrences ?? NO_OCCURRENCES;
    const month = this.shownMonth;
    const cached = this.layoutCache;
    if (cached && cached.occurrences === occurrences && cached.month === month) return cached;
    const days = new Map<string, Occurrence[]>();
    const monthEvents: Occurrence[] = [];
    for (const o of occurrences) {
      let inMonth = false;
      for (const day of occurrenceDays(o)) {
        const list = days.get(day);
        if (list) list.push(o);
        else days.set(day, [o]);
        if (day.startsWith(month)) inMonth = true;
      }
      if (inMonth) monthEvents.push(o);
    }
    this.layoutCache = { occurrences, month, days, monthEvents };
    return this.layoutCache;
  }

  private readonly subscribePanel = new SubscribePanel(this);

  private get subscriptionUrl(): string | undefined {
    return subscriptionUrl(this.subscribe, this.events ? undefined : this.src, this);
  }

  override render(): TemplateResult {
    const t = this.msg;
    const month = this.shownMonth;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const { days, monthEvents } = this.layout();
    return this.feed.frame({
      before: html`<div class="header" part="header">
          <div class="month-heading-wrap" aria-live="polite">
            ${heading(this.level, 'month-heading', formatMonthYear(y, m, this.language), 'heading')}
          </div>
          <button class="button" part="nav-button" aria-label=${t.previousMonth} @click=${() => this.goMonth(-1)}>
            <span aria-hidden="true">‹</span>
          </button>
          <button class="button" part="nav-button" @click=${this.goToday}>${t.today}</button>
          <button class="button" part="nav-button" aria-label=${t.nextMonth} @click=${() => this.goMonth(1)}>
            <span aria-hidden="true">›</span>
          </button>
        </div>
        ${this.subscribePanel.render(this.subscriptionUrl, t.subscribe, this.level + 1, this.language)}`,
      loading: 'text',
      content: this.renderTable(month, days, this.feed.today()),
      empty: monthEvents.length === 0,
      emptyText: t.empty,
      after: html`${this.renderPanel(days)} ${this.printing ? this.renderPrintListing(monthEvents) : nothing}`,
    });
  }

  private renderTable(month: string, days: Map<string, Occurrence[]>, today: string): TemplateResult {
    const t = this.msg;
    const short = weekdayNames(this.language, 'short');
    const long = weekdayNames(this.language, 'long');
    return html`<table class="grid" part="table" aria-labelledby="heading" @keydown=${this.onKeyDown}>
      <thead>
        <tr>
          ${
            this.weekNumbers
              ? html`<th scope="col" class="week-number-header" part="week-number-header">
                  <abbr title=${t.weekNumberLong}>${t.weekNumber}</abbr>
                </th>`
              : nothing
          }
          ${short.map(
            (name, i) =>
              html`<th scope="col" part="weekday">
                <span aria-hidden="true">${name}</span><span class="visually-hidden">${long[i]}</span>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${monthGrid(month).map(
          (week) =>
            html`<tr>
              ${
                this.weekNumbers
                  ? html`<th scope="row" class="week-number" part="week-number">
                      <span aria-hidden="true">${isoWeek(week[0]!)}</span
                      ><span class="visually-hidden">${t.weekNumberLong} ${isoWeek(week[0]!)}</span>
                    </th>`
                  : nothing
              }
              ${week.map((date) => this.renderDay(date, month, days.get(date) ?? [], today))}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderDay(date: string, month: string, events: Occurrence[], today: string): TemplateResult {
    const t = this.msg;
    const outside = !date.startsWith(month);
    const isToday = date === today;
    const selected = date === this.selected;
    const parts = ['day', isToday ? 'day--today' : '', outside ? 'day--outside' : '', selected ? 'day--selected' : '']
      .filter(Boolean)
      .join(' ');
    const limit = Math.max(0, Math.floor(Number(this.maxPerDay)) || 0);
    const shown = events.slice(0, limit);
    const hidden = events.length - shown.length;
    return html`<td
      class="${outside ? 'outside' : ''} ${isToday ? 'today' : ''} ${events.length ? 'has-events' : ''}"
      part=${parts}
      data-date=${date}
    >
      <button
        class="day-button"
        part="day-button"
        tabindex=${date === this.focusDate ? '0' : '-1'}
        aria-label=${t.dayLabel(formatLongDate(date, this.language), events.length)}
        aria-current=${isToday ? 'date' : nothing}
        aria-pressed=${selected ? 'true' : 'false'}
        @click=${() => this.select(date)}
      >
        <span class="day-number" aria-hidden="true">${Number(date.slice(8))}</span>
      </button>
      ${
        events.length
          ? html`<ul class="day-events" role="list">
              ${shown.map(
                (o) =>
                  html`<li>
                    <button
                      class="event-chip ${o.status === 'cancelled' ? 'is-cancelled' : ''}"
                      part="event"
                      tabindex="-1"
                      title=${o.title}
                      @click=${(e: Event) => this.feed.openDetails(e, o)}
                    >
                      <span class="title-text">${o.title || t.untitled}</span>${
                        hasStatus(o) ? html`<span class="visually-hidden"> (${statusText(o, t, this.language)})</span>` : nothing
                      }
                    </button>
                  </li>`,
              )}
              ${
                hidden > 0
                  ? html`<li>
                      <button class="more-chip" part="more-button" tabindex="-1" @click=${() => this.select(date, true)}>
                        ${t.moreEvents(hidden)}
                      </button>
                    </li>`
                  : nothing
              }
            </ul>`
          : nothing
      }
    </td>`;
  }

  private renderPanel(days: Map<string, Occurrence[]>): TemplateResult {
    const t = this.msg;
    const date = this.selected;
    const events = date ? (days.get(date) ?? []) : [];
    return html`<section class="day-panel" part="day-panel" aria-labelledby="panel-heading" ?hidden=${!date}>
      ${
        date
          ? html`${heading(this.level + 1, 'panel-heading', formatLongDate(date, this.language), 'panel-heading')}
            ${
              events.length
                ? html`<ul class="panel-events" role="list">
                    ${events.map(
                      (o) =>
                        html`<li class="panel-event ${o.status === 'cancelled' ? 'is-cancelled' : ''}" part="panel-event">
                          <span class="panel-time">${formatOccurrenceTime(o, this.language)}</span>
                          <a href=${this.feed.detailsHref(o)} @click=${(e: Event) => this.feed.openDetails(e, o)}
                            ><span class="title-text">${o.title || t.untitled}</span></a
                          >${statusBadges(o, t, this.language)} ${o.town ? html`<span> · ${o.town}</span>` : nothing}
                          ${statusNote(o, t, this.language)}
                        </li>`,
                    )}
                  </ul>`
                : html`<p>${t.dayPanelEmpty}</p>`
            }`
          : nothing
      }
    </section>`;
  }

  /** Printed instead of the table: a clean listing of the month. */
  private renderPrintListing(events: Occurrence[]): TemplateResult {
    return html`<div class="print-listing" aria-hidden="true">
      <dl>
        ${events.map(
          (o) =>
            html`<dt>${formatShortDate(o.start.slice(0, 10), this.language)}, ${formatOccurrenceTime(o, this.language)}</dt>
              <dd>
                ${o.title}${hasStatus(o) ? ` (${statusText(o, this.msg, this.language)})` : ''}${o.town ? ` – ${o.town}` : ''}
              </dd>`,
        )}
      </dl>
    </div>`;
  }

  private select(date: string, focusPanel = false): void {
    const changedMonth = !date.startsWith(this.shownMonth);
    this.selected = date;
    this.focusDate = date;
    if (changedMonth) {
      this.setMonth(date.slice(0, 7));
      // The chosen button belonged to the old month's grid: focus follows the day.
      if (!focusPanel) this.moveFocus = true;
    }
    const occurrences = this.layout().days.get(date) ?? [];
    this.dispatchEvent(new W4gDaySelectEvent({ date, occurrences }));
    this.feed.announce(`${formatLongDate(date, this.language)}: ${this.msg.eventCount(occurrences.length)}`);
    if (focusPanel) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel-events a')?.focus());
    }
  }

  private setMonth(month: string): void {
    if (month === this.shownMonth) return;
    this.month = month;
    const weeks = monthGrid(month);
    this.dispatchEvent(new W4gRangeChangeEvent({ start: weeks[0]![0]!, end: weeks[weeks.length - 1]![6]!, month }));
  }

  private goMonth(delta: number): void {
    const month = addMonthsIso(this.shownMonth, delta);
    this.focusDate = dayInMonth(month, Number((this.focusDate ?? '01').slice(8)) || 1);
    this.setMonth(month);
  }

  private goToday(): void {
    const today = this.feed.today();
    this.focusDate = today;
    this.setMonth(today.slice(0, 7));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const cell = (event.target as HTMLElement).closest('td');
    const from = cell?.dataset['date'];
    if (!from || !(event.target as HTMLElement).classList.contains('day-button')) return;
    const to = keyTarget(event.key, event.shiftKey, from);
    if (!to) return;
    event.preventDefault();
    this.focusDate = to;
    this.moveFocus = true;
    if (!to.startsWith(this.shownMonth)) this.setMonth(to.slice(0, 7));
  }

  protected override updated(): void {
    if (this.moveFocus) {
      this.moveFocus = false;
      this.renderRoot.querySelector<HTMLElement>(`td[data-date="${this.focusDate}"] .day-button`)?.focus();
    }
  }
}
