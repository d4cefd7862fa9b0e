/**
 * The frame every data element draws around its content, in one order: what comes first
 * (a filter bar, the grid's header), the status region, the skeleton or loading text, the
 * alert with a retry when there is no data, the notice above old data, the content, the empty
 * slot, what comes last, and the details view.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/messages.js';
import type { FeedController } from './feed-controller.js';

export interface FrameParts {
  /** Above the status region: a filter bar, a header. */
  before?: unknown;
  /** The element's own content. */
  content: unknown;
  /** Below the empty slot. */
  after?: unknown;
  /** Whether the element has nothing to show (the empty slot appears once data is there). */
  empty: boolean;
  /** The empty slot's default text. */
  emptyText: string;
  /** First load: a skeleton of this many bars (default 6), or `'text'` for a line of text. */
  loading?: number | 'text';
}

export function frame(t: Messages, feed: FeedController, announcement: string, parts: FrameParts): TemplateResult {
  const state = feed.state;
  const data = feed.data;
  let loading: TemplateResult | typeof nothing = nothing;
  if (state === 'loading')
    loading = parts.loading === 'text' ? html`<p class="loading">${t.loading}</p>` : skeleton(t, parts.loading);
  return html`<div part="base" class="base" aria-busy=${state === 'loading' ? 'true' : 'false'}>
      ${parts.before ?? nothing}
      <div role="status" class="visually-hidden">${announcement}</div>
      ${loading} ${feed.failed ? errorAlert(t, feed) : data ? staleNotice(t, feed) : nothing} ${parts.content}
      <div part="empty" class="empty" ?hidden=${!(data && parts.empty && !feed.error)}>
        <slot name="empty"><p>${parts.emptyText}</p></slot>
      </div>
      ${parts.after ?? nothing}
    </div>
    ${feed.details?.render() ?? nothing}`;
}

/** The skeleton shown on first load (decorative; the status region says "loading"). */
function skeleton(t: Messages, rows = 6): TemplateResult {
  return html`<div class="skeleton" part="skeleton">
    <p class="visually-hidden">${t.loading}</p>
    ${Array.from({ length: rows }, () => html`<div class="skeleton__bar" aria-hidden="true"></div>`)}
  </div>`;
}

/**
 * `role="alert"` with a German (or English) reason and a retry button: no data for what the
 * element shows (a windowed feed's new month may fail while older months' data is kept).
 */
function errorAlert(t: Messages, feed: FeedController): TemplateResult {
  const error = feed.error;
  return html`<div class="alert" role="alert" part="error">
    <p class="alert__title">${t.errorTitle}</p>
    <p>${error ? t.errorReason(error.kind, error.status) : ''}</p>
    <button class="button" part="retry-button" @click=${() => feed.retry()}>${t.retry}</button>
  </div>`;
}

/** Some sources failed: a small notice (and a retry) above the data that is still shown. */
function staleNotice(t: Messages, feed: FeedController): TemplateResult | typeof nothing {
  const data = feed.data;
  const failed = data?.failures.length ?? 0;
  if (!data || !failed) return nothing;
  return html`<div class="notice" part="notice">
    <span>${data.stale ? t.staleNotice : t.partialNotice(failed)}</span>
    <button class="button" part="retry-button" @click=${() => feed.retry()}>${t.retry}</button>
  </div>`;
}

/** What the status region says for a state (undefined: keep the last announcement). */
export function announcementFor(t: Messages, feed: FeedController, count: number): string | undefined {
  const state = feed.state;
  const data = feed.data;
  if (state === 'loading') return t.loadingAnnouncement;
  if (state === 'refreshing') return undefined;
  if (feed.failed) return t.errorTitle;
  if (data?.failures.length) return data.stale ? t.staleNotice : t.partialNotice(data.failures.length);
  return data ? t.loaded(count) : undefined;
}
