import { type PropertyDeclarations, html, nothing, type TemplateResult } from 'lit';
import {
  formatOccurrenceWhen,
  IMAGE_LICENSE_NAMES,
  IMAGE_LICENSE_URLS,
  mailtoUrl,
  occurrenceToIcs,
  safeUrl,
  telUrl,
  type Association,
  type Occurrence,
} from '../../core/index.js';
import { details } from '../../i18n/details.js';
import { partMessages } from '../../shared/localize.js';
import { deepLinkUrl } from '../../shared/deep-link.js';
import { eventPicture } from '../../shared/images.js';

/** The picture spans the dialog (at most about 40rem wide), on a phone the screen. */
const IMAGE_SIZES = '(min-width: 44rem) 40rem, 100vw';
import { dialogStyles } from '../../shared/dialog-styles.js';
import { ModalDialog } from '../../shared/modal-dialog.js';
import { statusBadges, hasStatus, statusNote } from '../../shared/status.js';
import { tokens } from '../../shared/styles.js';
import { W4gElement } from '../../shared/w4g-element.js';
import { styles } from './event-details.styles.js';

/**
 * The details of one occurrence in a modal dialog: description, place, organizer, audience,
 * accessibility, price, contact, link, image, "In meinen Kalender" and a deep link.
 * The list and the month grid open it; it can also be used on its own.
 *
 * @summary Details of one event date in an accessible modal dialog.
 * @tag w4g-event-details
 * @csspart dialog - The native dialog element.
 * @csspart title - The event's title.
 * @csspart close-button - The close button.
 * @csspart figure - The picture with its credit line.
 * @csspart image - The event image.
 * @csspart image-credit - The credit line under the picture: who made it, and its licence.
 * @csspart facts - The list of facts (when, where, who).
 * @csspart description - The description text.
 * @csspart actions - The row of links and buttons.
 * @csspart calendar-button - The "In meinen Kalender" button.
 */
export class W4gEventDetails extends W4gElement {
  static override properties: PropertyDeclarations = {
    occurrence: { attribute: false },
    association: { attribute: false },
    imageOrigins: { attribute: 'image-origins' },
  };

  static override styles = [tokens, dialogStyles, styles];

  /** The occurrence shown. */
  occurrence?: Occurrence;

  /** The organizing association, when the feed has one. */
  association?: Association;

  /** Extra origins (comma-separated) allowed to serve the image. */
  imageOrigins?: string;

  private readonly dialog = new ModalDialog(this, { onClose: () => this.dispatchEvent(new Event('close')) });

  /** Opens the dialog for an occurrence. */
  async show(occurrence: Occurrence, association?: Association): Promise<void> {
    this.occurrence = occurrence;
    this.association = association;
    await this.dialog.show('[part="title"]');
  }

  /** Closes the dialog; focus returns to where it was. */
  close(): void {
    this.dialog.close();
  }

  get open(): boolean {
    return this.dialog.open;
  }

  override render(): TemplateResult {
    const o = this.occurrence;
    return this.dialog.render(o ? this.renderContent(o) : nothing, 'title');
  }

  /** The picture (shared/images.ts: every width and format, its place reserved) and the credit line with the licence. */
  private renderImage(o: Occurrence, picture: TemplateResult): TemplateResult {
    const d = partMessages('details', details, this.language);
    const licenseUrl = o.imageLicense ? IMAGE_LICENSE_URLS[o.imageLicense] : undefined;
    const licenseName =
      o.imageLicense === 'calendar-only' ? d.imageCalendarOnly : o.imageLicense ? IMAGE_LICENSE_NAMES[o.imageLicense] : undefined;
    const credit = o.imageCredit?.trim();
    const license = licenseName
      ? licenseUrl
        ? html`<a href=${licenseUrl} rel="license noopener">${licenseName}</a>`
        : html`${licenseName}`
      : nothing;
    return html`<figure class="figure" part="figure">
      ${picture}
      ${
        credit || licenseName
          ? html`<figcaption class="credit" part="image-credit">
              ${credit ? d.imageCredit(credit) : `${d.imageLicense}:`}${credit && licenseName ? ', ' : licenseName ? ' ' : ''}${license}
            </figcaption>`
          : nothing
      }
    </figure>`;
  }

  private renderContent(o: Occurrence): TemplateResult {
    const t = this.msg;
    const d = partMessages('details', details, this.language);
    const image = eventPicture(o, { sizes: IMAGE_SIZES, imageOrigins: this.imageOrigins, className: 'image', part: 'image' });
    const website = safeUrl(o.url, 'link');
    const organizerName = this.association?.name ?? o.organizer;
    const organizerSite = safeUrl(this.association?.website, 'link');
    const place = [o.location?.name, o.location?.address].filter(Boolean);
    const contact = o.contact;
    return html`
      <div class="header">
        <h2 id="title" part="title" tabindex="-1">${o.title || t.untitled}</h2>
        <button class="button" part="close-button" @click=${this.close}>${d.close}</button>
      </div>
      <div class="content">
        ${hasStatus(o) ? html`<p class="status">${statusBadges(o, t, this.language)}</p>` : nothing}
        ${statusNote(o, t, this.language)} ${image ? this.renderImage(o, image) : nothing}
        <dl part="facts">
          <dt>${d.when}</dt>
          <dd><time datetime=${o.start}>${formatOccurrenceWhen(o, this.language)}</time></dd>
          ${
            place.length || o.town
              ? html`<dt>${d.place}</dt>
                  <dd>
                    ${place.join(', ')}${o.town && !place.join(' ').includes(o.town) ? html`${place.length ? html`<br />` : nothing}${o.town}` : nothing}
                  </dd>`
              : nothing
          }
          ${
            organizerName
              ? html`<dt>${d.organizer}</dt>
                  <dd>${organizerSite ? html`<a href=${organizerSite} rel="noopener">${organizerName}</a>` : organizerName}</dd>`
              : nothing
          }
          ${
            o.audience.length
              ? html`<dt>${d.audience}</dt>
                  <dd>${o.audience.join(', ')}</dd>`
              : nothing
          }
          ${
            o.accessibility.length
              ? html`<dt>${d.accessibility}</dt>
                  <dd>${o.accessibility.join(', ')}</dd>`
              : nothing
          }
          ${
            o.free || o.price
              ? html`<dt>${d.price}</dt>
                  <dd>${o.free ? d.free : o.price}</dd>`
              : nothing
          }
          ${
            o.categories.length
              ? html`<dt>${d.categories}</dt>
                  <dd>${o.categories.join(', ')}</dd>`
              : nothing
          }
          ${
            contact
              ? html`<dt>${d.contact}</dt>
                  <dd>${this.renderContact(contact)}</dd>`
              : nothing
          }
        </dl>
        ${o.description ? html`<p class="description" part="description">${o.description}</p>` : nothing}
        <div class="actions" part="actions">
          ${website ? html`<a class="button" href=${website} rel="noopener">${d.website}</a>` : nothing}
          <button class="button button--primary" part="calendar-button" aria-describedby="calendar-hint" @click=${this.download}>
            ${d.addToCalendar}
          </button>
          <a class="button" href=${deepLinkUrl(o.key)}>${d.link}</a>
        </div>
        <p class="hint" id="calendar-hint">${d.addToCalendarHint}</p>
      </div>
    `;
  }

  private renderContact(contact: NonNullable<Occurrence['contact']>): TemplateResult {
    const mail = mailtoUrl(contact.email);
    const tel = telUrl(contact.phone);
    const url = safeUrl(contact.url, 'link');
    const parts: (TemplateResult | string)[] = [];
    if (contact.name) parts.push(contact.name);
    if (mail) parts.push(html`<a href=${mail}>${contact.email}</a>`);
    if (tel) parts.push(html`<a href=${tel}>${contact.phone}</a>`);
    if (url) parts.push(html`<a href=${url} rel="noopener">${url}</a>`);
    return html`${parts.map((p, i) => html`${i ? html`<br />` : nothing}${p}`)}`;
  }

  private download(): void {
    const o = this.occurrence;
    if (!o) return;
    const blob = new Blob([occurrenceToIcs(o)], { type: 'text/calendar;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(o.title || 'termin').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}.ics`;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
