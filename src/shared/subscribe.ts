/**
 * "Abonnieren" for the list and the grid (`subscribe` attribute): a disclosure with the
 * webcal link, the https address with a copy button, and short instructions for Google,
 * Outlook, Apple and Thunderbird. A subscribed calendar app fetches the iCalendar feed
 * itself and keeps it current; the element only shows its address.
 */
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { safeUrl } from '../core/index.js';
import type { Messages } from '../i18n/messages.js';
import { heading } from './heading.js';
import { controlBox } from './styles.js';

/** The page's filters that a subscription keeps (the server's events.ics takes the same names). */
export interface SubscriptionFilters {
  town?: string | undefined;
  category?: string | undefined;
  organizer?: string | undefined;
  audience?: string | undefined;
  q?: string | undefined;
  accessible?: boolean;
  free?: boolean;
}

/**
 * The iCalendar address to subscribe to: the `subscribe` attribute's URL, or, when it is
 * empty, one derived from the first `src`: an `.ics` feed as it is, the server's
 * `…/events.json` as `…/events.ics` with the page's filters. Undefined when there is none.
 */
export function subscriptionUrl(
  subscribe: string | undefined,
  src: string | undefined,
  filters: SubscriptionFilters,
  base = document.baseURI,
): string | undefined {
  if (subscribe === undefined) return undefined;
  const given = subscribe.trim();
  if (given) return safeUrl(resolve(given, base), 'link');
  const first = (src ?? '').split(/\s+/).find(Boolean);
  const url = first ? resolve(first, base) : undefined;
  if (!url) return undefined;
  const parsed = new URL(url);
  if (/\.ics$/i.test(parsed.pathname)) return safeUrl(url, 'link');
  if (!/\/events\.json$/i.test(parsed.pathname)) return undefined;
  parsed.pathname = parsed.pathname.replace(/\.json$/i, '.ics');
  for (const key of ['town', 'category', 'organizer', 'audience', 'q'] as const) {
    const value = filters[key]?.trim();
    if (value) parsed.searchParams.set(key, value);
  }
  if (filters.accessible) parsed.searchParams.set('accessible', '1');
  if (filters.free) parsed.searchParams.set('free', '1');
  return safeUrl(parsed.href, 'link');
}

/** A w4g server's feeds: `…/api/events.json`, `…/api/events.ics`, `…/api/associations.json`. */
const SERVER_FEED = /^(.*\/api\/)(?:events\.(?:json|ics)|associations\.json)$/i;

/**
 * The calendar of one association on the server its feed comes from
 * (`…/api/associations/<id>/events.ics`): derived from the first of `sources` (whitespace-separated
 * URLs) that is one of a w4g server's feeds. Undefined when none is.
 */
export function associationSubscriptionUrl(sources: string[], id: string, base = document.baseURI): string | undefined {
  for (const src of sources.flatMap((s) => s.split(/\s+/)).filter(Boolean)) {
    const url = resolve(src, base);
    const match = url ? SERVER_FEED.exec(new URL(url).pathname) : null;
    if (!url || !match) continue;
    const parsed = new URL(url);
    parsed.pathname = `${match[1]!}associations/${encodeURIComponent(id)}/events.ics`;
    parsed.search = '';
    parsed.hash = '';
    return safeUrl(parsed.href, 'link');
  }
  return undefined;
}

function resolve(url: string, base: string): string | undefined {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

/** `webcal://…`: calendar apps open it as a subscription (https underneath). */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//i, 'webcal://');
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** The button and its panel, with the open state and the copy result. */
export class SubscribePanel {
  private open = false;
  private copied = '';

  constructor(private readonly host: Host) {}

  /** The button and, when open, the panel; `level` is the panel heading's level. */
  render(url: string | undefined, t: Messages['subscribe'], level: number): TemplateResult | typeof nothing {
    if (!url) return nothing;
    return html`<div class="subscribe" part="subscribe">
      <button
        class="button"
        part="subscribe-button"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="subscribe-panel"
        @click=${this.toggle}
      >
        ${t.button}
      </button>
      <div
        id="subscribe-panel"
        class="subscribe-panel"
        part="subscribe-panel"
        role="region"
        aria-labelledby="subscribe-heading"
        ?hidden=${!this.open}
        @keydown=${this.onKeyDown}
      >
        ${heading(level, 'subscribe-title', t.title, 'subscribe-heading')}
        <p>${t.intro}</p>
        <p><a part="subscribe-link" href=${webcalUrl(url)}>${t.openApp}</a></p>
        <div class="subscribe-copy">
          <label for="subscribe-url">${t.urlLabel}</label>
          <input
            id="subscribe-url"
            type="url"
            readonly
            .value=${url}
            @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
          />
          <button class="button" part="subscribe-copy" type="button" @click=${() => void this.copy(url, t)}>${t.copy}</button>
        </div>
        <p role="status" class="subscribe-status">${this.copied}</p>
        ${t.apps.map(
          (app) =>
            html`<details class="subscribe-app">
              <summary>${app.name}</summary>
              <p>${app.steps}</p>
            </details>`,
        )}
      </div>
    </div>`;
  }

  private readonly toggle = (): void => {
    this.open = !this.open;
    this.copied = '';
    this.host.requestUpdate();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.open = false;
    this.host.requestUpdate();
    this.host.renderRoot.querySelector<HTMLElement>('[part="subscribe-button"]')?.focus();
  };

  private async copy(url: string, t: Messages['subscribe']): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copied = t.copied;
    } catch {
      // Without clipboard access (an insecure page, a refused permission) the field is selected instead.
      this.host.renderRoot.querySelector<HTMLInputElement>('#subscribe-url')?.select();
      this.copied = t.copyFailed;
    }
    this.host.requestUpdate();
  }
}

export const subscribeStyles = css`
  .subscribe {
    margin: 0 0 var(--_w4g-space-m);
  }

  .subscribe-panel {
    margin-top: var(--_w4g-space-s);
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    background: var(--_w4g-surface);
    border: 1px solid var(--_w4g-border);
    border-radius: var(--_w4g-radius);
  }

  .subscribe-panel[hidden] {
    display: none;
  }

  .subscribe-title {
    margin: 0 0 var(--_w4g-space-s);
    font-size: 1rem;
  }

  .subscribe-copy {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-xs) var(--_w4g-space-s);
    align-items: center;
  }

  .subscribe-copy label {
    flex-basis: 100%;
    font-weight: 600;
  }

  .subscribe-copy input {
    ${controlBox}
    flex: 1 1 14rem;
    min-width: 0;
  }

  .subscribe-status:empty {
    margin: 0;
  }

  .subscribe-app summary {
    cursor: pointer;
    min-height: 1.5rem;
    padding: var(--_w4g-space-xs) 0;
  }
`;
