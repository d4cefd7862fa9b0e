/**
 * The content of the "Abonnieren" panel (subscribe.ts): the webcal link, the address with a
 * copy button and the instructions per calendar app, with its texts in both languages and
 * its styles, which it adds to the element's shadow root when it is loaded.
 */
import { css, html, type TemplateResult } from 'lit';
import type { Locale } from '../core/index.js';
import type { SubscribeMessages } from '../i18n/messages.js';
import { subscribe } from '../i18n/subscribe.js';
import { partMessages } from './localize.js';
import { heading } from './heading.js';
import { addStyles } from './lazy-part.js';
import { controlBox } from './styles.js';
import type { W4gElement } from './w4g-element.js';

/** `webcal://…`: calendar apps open it as a subscription (https underneath). */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//i, 'webcal://');
}

export class SubscribePanelContent {
  private copied = '';

  constructor(private readonly host: W4gElement) {
    addStyles(host, panelStyles);
  }

  /** Forgets the last copy result (the panel was opened or closed). */
  reset(): void {
    this.copied = '';
  }

  render(url: string, locale: Locale, level: number): TemplateResult {
    const t = partMessages('subscribe', subscribe, locale);
    return html`${heading(level, 'subscribe-title', t.title, 'subscribe-heading')}
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
      )}`;
  }

  private async copy(url: string, t: SubscribeMessages): Promise<void> {
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

const panelStyles = css`
  .subscribe-panel {
    margin-top: var(--_w4g-space-s);
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    background: var(--_w4g-surface);
    border: 1px solid var(--_w4g-border);
    border-radius: var(--_w4g-radius);
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
