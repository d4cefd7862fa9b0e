import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Association, Occurrence } from '../core/index.js';
import { claimDeepLink, deepLinkHash, deepLinkKey, setDeepLink } from './deep-link.js';
import { W4gEventSelectEvent } from './events.js';

/** What the opener needs of `<w4g-event-details>` (src/shared does not import components). */
interface DetailsView extends HTMLElement {
  show(occurrence: Occurrence, association?: Association): Promise<void>;
}

type Host = ReactiveControllerHost &
  HTMLElement & { renderRoot: HTMLElement | DocumentFragment; imageOrigins?: string; locale?: string; theme?: string };

/** The details view's parts, styleable from the page as `details-<part>` on the opening element. */
const DETAILS_PARTS = [
  'dialog',
  'title',
  'close-button',
  'figure',
  'image',
  'image-credit',
  'facts',
  'description',
  'actions',
  'calendar-button',
]
  .map((part) => `${part}: details-${part}`)
  .join(', ');

/**
 * Opens the shared details view for an occurrence: dispatches the cancelable
 * `w4g-event-select`, loads the details element on first use (`load`, a separate chunk,
 * given by the element), keeps the page URL's deep link in sync and opens a deep-linked
 * occurrence once data is there.
 */
export class DetailsOpener {
  private loaded = false;
  private loading?: Promise<unknown>;

  constructor(
    private readonly host: Host,
    private readonly load: () => Promise<unknown>,
  ) {}

  href(o: Occurrence): string {
    return deepLinkHash(o.key);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.loaded) return nothing;
    return html`<w4g-event-details
      exportparts=${DETAILS_PARTS}
      locale=${this.host.locale ?? nothing}
      theme=${this.host.theme ?? nothing}
      image-origins=${this.host.imageOrigins ?? nothing}
      @close=${() => setDeepLink(undefined)}
    ></w4g-event-details>`;
  }

  async open(event: Event | undefined, o: Occurrence, associations: readonly Association[] = []): Promise<void> {
    event?.preventDefault();
    const select = new W4gEventSelectEvent({ occurrence: o, key: o.key });
    this.host.dispatchEvent(select);
    if (select.defaultPrevented) return;
    if (!this.loaded) {
      this.loading ??= this.load();
      await this.loading;
      this.loaded = true;
      this.host.requestUpdate();
      await this.host.updateComplete;
    }
    const details = this.host.renderRoot.querySelector<DetailsView>('w4g-event-details');
    const association = o.organizerId ? associations.find((a) => a.id === o.organizerId) : undefined;
    // The link is set before the dialog shows: a close that comes while show() still settles
    // (Escape at once) then clears it, instead of a late set leaving it in the URL.
    setDeepLink(o.key);
    await details?.show(o, association);
  }

  /** Opens the occurrence named by `#w4g-event=…`, once per page. */
  openDeepLink(occurrences: readonly Occurrence[], associations: readonly Association[]): void {
    const key = deepLinkKey();
    if (!key) return;
    const o = occurrences.find((x) => x.key === key);
    if (o && claimDeepLink(key)) void this.open(undefined, o, associations);
  }
}
