/**
 * The bench's floor: a bare Lit template that shows the same month from the same JSON feed
 * as <w4g-event-list>/<w4g-month-grid>, with none of their work beyond fetching and
 * painting. The issue's target ("a bare Lit template reaches about 0.4x FullCalendar") is
 * measured with it instead of assumed.
 *
 * What it leaves out, so that it is a floor and not a competitor: recurrence (entries with
 * an `rrule` show only their first date), time zones (the feed's wall times are shown as
 * written), feed validation and reporting, URL allow-listing, details, JSON-LD, filters,
 * keyboard handling, live regions, theming. Day names and dates are written without Intl,
 * as ours are. One self-contained module (Lit inlined), built like the FullCalendar bundles.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';

interface FeedEvent {
  id: string;
  title: string;
  start: string;
  end?: string;
  town?: string;
  location?: { name?: string };
}

const WEEKDAYS = ['Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.', 'So.'];
const MAX_PER_DAY = 3;

/** Monday-first weekday (0 = Monday) of a `YYYY-MM-DD` date. */
function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (d + 6) % 7;
}

function heading(date: string): string {
  return `${WEEKDAYS[weekday(date)]}, ${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

function time(e: FeedEvent): string {
  return e.start.length > 10 ? `${e.start.slice(11, 16)} Uhr` : 'ganztägig';
}

/** Events by their `YYYY-MM-DD`, in feed order. */
function byDay(events: FeedEvent[]): Map<string, FeedEvent[]> {
  const days = new Map<string, FeedEvent[]>();
  for (const e of events) {
    const day = e.start.slice(0, 10);
    const list = days.get(day);
    if (list) list.push(e);
    else days.set(day, [e]);
  }
  return days;
}

class BenchBare extends LitElement {
  static override properties = {
    src: {},
    view: {},
    month: {},
    events: { state: true },
  };

  // Declared, not initialised as class fields: those would shadow Lit's reactive accessors.
  declare src: string;
  declare view: 'list' | 'grid';
  declare month: string;
  declare events: FeedEvent[] | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void fetch(this.src)
      .then((r) => r.json() as Promise<{ events: FeedEvent[] }>)
      .then((feed) => {
        const prefix = this.month;
        this.events = feed.events.filter((e) => e.start.startsWith(prefix)).sort((a, b) => (a.start < b.start ? -1 : 1));
      });
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.events) return html`<p aria-busy="true">Lädt …</p>`;
    return this.view === 'grid' ? this.renderGrid(this.events) : this.renderList(this.events);
  }

  private renderList(events: FeedEvent[]): TemplateResult {
    const days = byDay(events);
    return html`<div part="base">
      ${[...days].map(
        ([day, list]) =>
          html`<section>
            <h3>${heading(day)}</h3>
            <ul>
              ${list.map(
                (e) =>
                  html`<li part="event">
                    <span>${time(e)}</span>
                    <strong>${e.title}</strong>
                    <span>${e.town} · ${e.location?.name}</span>
                  </li>`,
              )}
            </ul>
          </section>`,
      )}
    </div>`;
  }

  private renderGrid(events: FeedEvent[]): TemplateResult {
    const days = byDay(events);
    const first = `${this.month}-01`;
    const lead = weekday(first);
    const start = Date.parse(`${first}T00:00:00Z`) - lead * 86_400_000;
    const weeks: string[][] = [];
    for (let w = 0; w < 6; w++) {
      const week: string[] = [];
      for (let d = 0; d < 7; d++) week.push(new Date(start + (w * 7 + d) * 86_400_000).toISOString().slice(0, 10));
      weeks.push(week);
    }
    return html`<table part="base">
      <thead>
        <tr>
          ${WEEKDAYS.map((d) => html`<th scope="col">${d}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${weeks.map(
          (week) =>
            html`<tr>
              ${week.map((day) => {
                const list = days.get(day) ?? [];
                return html`<td data-date=${day}>
                  <button>${Number(day.slice(8, 10))}</button>
                  ${list.slice(0, MAX_PER_DAY).map((e) => html`<div part="event">${time(e)} ${e.title}</div>`)}
                  ${list.length > MAX_PER_DAY ? html`<button>+${list.length - MAX_PER_DAY} weitere</button>` : nothing}
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('bench-bare', BenchBare);
