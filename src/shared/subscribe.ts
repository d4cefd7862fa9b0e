/**
 * "Abonnieren" for the list, the grid and the card (`subscribe` attribute): a disclosure with
 * the webcal link, the https address with a copy button, and short instructions for Google,
 * Outlook, Apple and Thunderbird. A subscribed calendar app fetches the iCalendar feed
 * itself and keeps it current; the element only shows its address.
 *
 * This module is the button and the (closed) panel, which the first paint shows; the panel's
 * content, texts and styles are `subscribe-panel.ts`, loaded when the button is first shown
 * (a chunk of its own in the script-tag bundle; `updateComplete` waits for it).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { safeUrl, type Locale } from '../core/index.js';
import { LazyPart } from './lazy-part.js';
import type { SubscribePanelContent } from './subscribe-panel.js';
import type { W4gElement } from './w4g-element.js';

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
  if (given) return safeUrl(resolveUrl(given, base), 'link');
  const first = (src ?? '').split(/\s+/).find(Boolean);
  const url = first ? resolveUrl(first, base) : undefined;
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

export function resolveUrl(url: string, base: string): string | undefined {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

/** The button and its panel, with the open state; the content comes from `subscribe-panel.ts`. */
export class SubscribePanel {
  private open = false;
  private readonly content: LazyPart<SubscribePanelContent>;

  constructor(private readonly host: W4gElement) {
    this.content = new LazyPart(
      host,
      () => import('./subscribe-panel.js').then((module) => new module.SubscribePanelContent(host)),
      'the subscribe panel',
    );
  }

  /** The button (labelled `label`) and, when open, the panel; `level` is the panel heading's level. */
  render(url: string | undefined, label: string, level: number, locale: Locale): TemplateResult | typeof nothing {
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
        ${label}
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
        ${this.content.get()?.render(url, locale, level) ?? nothing}
      </div>
    </div>`;
  }

  private readonly toggle = (): void => {
    this.open = !this.open;
    this.content.get()?.reset();
    this.host.requestUpdate();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.open = false;
    this.host.requestUpdate();
    this.host.renderRoot.querySelector<HTMLElement>('[part="subscribe-button"]')?.focus();
  };
}

/** The button's place and the closed panel; the open panel's styles come with its content. */
export const subscribeStyles = css`
  .subscribe {
    margin: 0 0 var(--_w4g-space-m);
  }

  .subscribe-panel[hidden] {
    display: none;
  }
`;
