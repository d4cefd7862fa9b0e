/**
 * The form's clash hint ("Terminabstimmung"): once date, time and town are filled, the form
 * asks the server (`clashes-src`, GET /api/clashes) which published dates fall on the same
 * time nearby, and shows them politely below the place. Debounced; a newer question cancels
 * the older one; any failure only hides the hint: the form never waits for it or stops on it.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { formatOccurrenceTime, formatShortDate, localDate, type Clash, type Locale, type Occurrence } from '../../core/index.js';
import { OTHER_TOWN, type FormValues } from './event-form.fields.js';
import type { FormMessages } from './event-form.messages.js';

/** What the form reads of one clashing date the server names (GET /api/clashes: the core's `Clash`). */
export type ClashItem = Pick<Clash, 'key' | 'title' | 'start' | 'end' | 'allDay' | 'timeZone' | 'town'>;

/** Quiet time after the last keystroke before the server is asked, in ms. */
export const CLASH_DEBOUNCE_MS = 400;

/** The query for the values, or undefined while date, time (unless all-day) or town is missing. */
export function clashQuery(v: FormValues): string | undefined {
  const town = (v.town === OTHER_TOWN ? v.otherTown : v.town).trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.startDate) || !town) return undefined;
  const params = new URLSearchParams();
  if (v.allDay) {
    params.set('start', v.startDate);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v.endDate) && v.endDate > v.startDate) params.set('end', v.endDate);
  } else {
    if (!/^\d{2}:\d{2}$/.test(v.startTime)) return undefined;
    params.set('start', `${v.startDate}T${v.startTime}`);
    if (/^\d{2}:\d{2}$/.test(v.endTime)) {
      const end = `${v.endDate || v.startDate}T${v.endTime}`;
      if (end > params.get('start')!) params.set('end', end);
    }
  }
  params.set('town', town);
  return params.toString();
}

function isClash(value: unknown): value is ClashItem {
  const c = value as Record<string, unknown>;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c['title'] === 'string' &&
    typeof c['start'] === 'string' &&
    typeof c['end'] === 'string' &&
    typeof c['timeZone'] === 'string' &&
    typeof c['allDay'] === 'boolean' &&
    typeof c['key'] === 'string'
  );
}

export class ClashCheck implements ReactiveController {
  /** The clashes of the last answered question (empty: nothing to say). */
  clashes: ClashItem[] = [];
  private asked?: string;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  /** Asks again (after the quiet time) when the question changed; clears the hint when there is none. */
  update(src: string | undefined, values: FormValues): void {
    const query = src ? clashQuery(values) : undefined;
    const url = query ? `${src}${src!.includes('?') ? '&' : '?'}${query}` : undefined;
    if (url === this.asked) return;
    this.asked = url;
    clearTimeout(this.timer);
    this.abort?.abort();
    if (!url) {
      this.set([]);
      return;
    }
    this.timer = setTimeout(() => void this.ask(url), CLASH_DEBOUNCE_MS);
  }

  private async ask(url: string): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: abort.signal });
      const body = (await response.json()) as { clashes?: unknown };
      if (abort.signal.aborted) return;
      this.set(response.ok && Array.isArray(body.clashes) ? body.clashes.filter(isClash).slice(0, 5) : []);
    } catch {
      // No answer, no hint: the check is advice and never holds the form up.
      if (!abort.signal.aborted) this.set([]);
    }
  }

  private set(clashes: ClashItem[]): void {
    if (clashes.length === 0 && this.clashes.length === 0) return;
    this.clashes = clashes;
    this.host.requestUpdate();
  }
}

/** The hint: a polite live region that is always there (so screen readers hear it fill), never focused. */
export function clashHint(check: ClashCheck, t: FormMessages, locale: Locale): TemplateResult {
  const items = check.clashes.map((c) => {
    const day = formatShortDate(c.allDay ? c.start.slice(0, 10) : localDate(c.start, c.timeZone), locale);
    const time = formatOccurrenceTime(c as unknown as Occurrence, locale);
    return html`<li>${t.clash(day, c.town, c.title, time)}</li>`;
  });
  return html`<div class="clash-hint ${items.length ? 'clash-hint--shown' : ''}" part="clash-hint" aria-live="polite">
    ${
      items.length
        ? html`<p class="clash-hint__title">${t.clashTitle}</p>
            <ul>
              ${items}
            </ul>
            <p>${t.clashNote}</p>`
        : ''
    }
  </div>`;
}
