import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/messages.js';
import type { FeedController } from './feed-controller.js';

/** The skeleton shown on first load (decorative; the status region says "loading"). */
export function skeleton(t: Messages, rows = 6): TemplateResult {
  return html`<div class="skeleton" part="skeleton">
    <p class="visually-hidden">${t.loading}</p>
    ${Array.from({ length: rows }, () => html`<div class="skeleton__bar" aria-hidden="true"></div>`)}
  </div>`;
}

/** `role="alert"` with a German (or English) reason and a retry button: no data at all. */
export function errorAlert(t: Messages, feed: FeedController): TemplateResult {
  const error = feed.error;
  return html`<div class="alert" role="alert" part="error">
    <p class="alert__title">${t.errorTitle}</p>
    <p>${error ? t.errorReason(error.kind, error.status) : ''}</p>
    <button class="button" part="retry-button" @click=${() => feed.retry()}>${t.retry}</button>
  </div>`;
}

/** Some sources failed: a small notice (and a retry) above the data that is still shown. */
export function staleNotice(t: Messages, feed: FeedController): TemplateResult | typeof nothing {
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
  if (state === 'error' && !data) return t.errorTitle;
  if (data?.failures.length) return data.stale ? t.staleNotice : t.partialNotice(data.failures.length);
  return data ? t.loaded(count) : undefined;
}
