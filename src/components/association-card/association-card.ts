import { type PropertyDeclarations, html, nothing, type TemplateResult } from 'lit';
import {
  addDaysIso,
  describeMeeting,
  filterOccurrences,
  nextMeetings,
  formatOccurrenceWhen,
  mailtoUrl,
  safeUrl,
  telUrl,
  type Association,
  type Occurrence,
} from '../../core/index.js';
import { FeedController } from '../../shared/feed-controller.js';
import { W4gFeedElement } from '../../shared/feed-element.js';
import { chips } from '../../shared/chips.js';
import { heading } from '../../shared/heading.js';
import { AssociationRequestForm } from '../../shared/association-request.js';
import { allowedImage } from '../../shared/images.js';
import { hasStatus, statusText } from '../../shared/status.js';
import { tokens } from '../../shared/styles.js';
import { associationSubscriptionUrl } from '../../shared/association-subscription.js';
import { SubscribePanel, subscribeStyles, subscriptionUrl } from '../../shared/subscribe.js';
import { styles } from './association-card.styles.js';
import { associations as associationTexts } from '../../i18n/associations.js';
import type { AssociationMessages } from '../../i18n/messages.js';
import { partMessages } from '../../shared/localize.js';

/** How far ahead the next events are looked for, in days. */
const HORIZON = 366;

/**
 * One association of the region ("Verein"): name, logo, town, description, categories,
 * meeting place, contacts and its next events, which open the shared details view.
 *
 * @summary A card with an association's profile and its next events.
 * @tag w4g-association-card
 * @slot empty - Shown when the feed has no association with that id (default: "Verein nicht gefunden.").
 * @csspart base - The wrapper of everything.
 * @csspart skeleton - The placeholder while loading.
 * @csspart error - The error message with the retry button.
 * @csspart retry-button - The retry button.
 * @csspart notice - The notice shown above old data after a failed refresh.
 * @csspart empty - The wrapper of the empty slot.
 * @csspart card - The association's card.
 * @csspart logo - The logo image.
 * @csspart name - The heading with the association's name.
 * @csspart town - The town.
 * @csspart description - The description (plain text, line breaks kept).
 * @csspart categories - The list of category chips.
 * @csspart category - One category chip.
 * @csspart facts - Meetings, meeting place, address, website, e-mail and phone.
 * @csspart meetings - The standing meetings in words ("jeden 1. Mittwoch im Monat, 19:00 Uhr, Vereinsheim").
 * @csspart next-meetings - The next meeting dates.
 * @csspart wanted - "Mitglieder gesucht" / "Helfer gesucht" with their short texts.
 * @csspart wanted-badge - One of those labels.
 * @csspart request-button - "Änderung melden" (with `requests-action`).
 * @csspart request-form - Its form, while open.
 * @csspart events - The next events section.
 * @csspart events-heading - The heading "Nächste Termine".
 * @csspart event - One upcoming event.
 * @csspart event-time - Its date and time, e.g. "Sa., 12.12.2026, 19:30–21:30 Uhr".
 * @csspart event-link - The link that opens its details.
 * @csspart all-events-link - The "Alle Termine" link (only with `all-events-href`).
 * @csspart subscribe - The "Termine abonnieren" button and its panel (when the card's feed is a w4g server's, or with `subscribe`).
 * @csspart subscribe-button - The "Termine abonnieren" button.
 * @csspart subscribe-panel - The panel with the calendar's address and the instructions.
 * @csspart subscribe-title - The panel's heading.
 * @csspart subscribe-link - The webcal link that opens a calendar app.
 * @csspart subscribe-copy - The "Adresse kopieren" button.
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
 * @cssprop [--w4g-color-accent=#0b5394] - Links and focus.
 * @cssprop [--w4g-color-text=#1a1a1a] - Text.
 * @cssprop [--w4g-color-muted=#555] - Secondary text.
 * @cssprop [--w4g-color-background=#fff] - Background.
 * @cssprop [--w4g-color-surface=#f3f5f7] - The event rows.
 * @cssprop [--w4g-color-border=#c3c9d0] - Borders and chips.
 * @cssprop [--w4g-radius=0.375rem] - Corner radius.
 * @cssprop [--w4g-space-m=1rem] - Base spacing (also -xs, -s, -l).
 * @cssprop [--w4g-focus-ring=3px solid #1a73e8] - Focus outline.
 * @cssprop [--w4g-font-family=inherit] - Font; inherits the page's.
 * @cssprop [--w4g-association-card-logo-size=5rem] - Largest width and height of the logo.
 * @event {W4gLoadEvent} w4g-load - The feed arrived and is shown.
 * @event {W4gErrorEvent} w4g-error - The feed failed (stale: older data is still shown).
 * @event {W4gEventSelectEvent} w4g-event-select - The visitor opened one of the next events; cancelable.
 */
export class W4gAssociationCard extends W4gFeedElement {
  static override properties: PropertyDeclarations = {
    association: { reflect: true },
    eventsSrc: { attribute: 'events-src' },
    limit: { type: Number },
    allEventsHref: { attribute: 'all-events-href' },
    subscribe: {},
    noSubscribe: { attribute: 'no-subscribe', type: Boolean },
    requestsAction: { attribute: 'requests-action' },
    noHeading: { attribute: 'no-heading', type: Boolean },
  };

  static override styles = [tokens, subscribeStyles, styles];

  /** The association's `id` in the feed. */
  association?: string;

  /** Feed(s) with the association's events (whitespace-separated URLs). Default: `src`. */
  eventsSrc?: string;

  /** How many upcoming events are shown. Default 3; 0 hides the section. */
  limit = 3;

  /** Where "Alle Termine" leads (e.g. a page with an event list filtered to this organizer); without it the link is hidden. */
  allEventsHref?: string;

  /**
   * The address of the association's iCalendar feed for "Termine abonnieren". Default: derived
   * when `events-src` or `src` is a w4g server's feed (`…/api/events.json`): that server's
   * `…/api/associations/<id>/events.ics`; otherwise the button is not shown.
   */
  subscribe?: string;

  /** Hide "Termine abonnieren". */
  noSubscribe = false;

  /**
   * The server's `/api/association-requests`: with it the card offers "Änderung melden", a small
   * form whose message goes to the town's editors. Without it the button is hidden.
   */
  requestsAction?: string;

  private readonly requests = new AssociationRequestForm(this, () => ({
    kind: 'change',
    association: this.association?.trim() ?? '',
    idPrefix: 'change',
  }));

  /** Leave out the name heading, when a surrounding dialog or page already names the association. */
  noHeading = false;

  /** The association shown, once the feed has loaded (read-only). */
  get associationData(): Association | undefined {
    const id = this.association?.trim();
    return id ? this.feed.data?.associations.find((a) => a.id === id) : undefined;
  }

  /**
   * The card's events come from `events-src` when it names another feed; otherwise from the
   * card's own feed, so that a feed with both associations and events is loaded and expanded once.
   */
  private readonly feed: FeedController = new FeedController(this, {
    window: (zone) => {
      const start = this.feed.today(zone);
      return { start, end: addDaysIso(start, HORIZON) };
    },
    windowed: false,
    details: () => import('../event-details/define.js'),
    eventsSource: () => this.separateEventsSrc,
    found: () => this.associationData !== undefined,
    announce: (state) => (state === 'empty' ? this.texts.notFound : this.associationData?.name),
  });

  private get separateEventsSrc(): string | undefined {
    const own = this.eventsSrc?.trim();
    return own && own !== this.src?.trim() && !this.events ? own : undefined;
  }

  private readonly subscribePanel = new SubscribePanel(this);

  private subscriptionUrl(a: Association): string | undefined {
    if (this.noSubscribe) return undefined;
    const given = this.subscribe?.trim();
    if (given) return subscriptionUrl(given, undefined, {});
    return associationSubscriptionUrl([this.eventsSrc ?? '', this.events ? '' : (this.src ?? '')], a.id);
  }

  private get pageSize(): number {
    const n = Math.floor(Number(this.limit));
    return Number.isFinite(n) && n > 0 ? n : 0;
  }

  /** The texts of the association elements in the element's language. */
  private get texts(): AssociationMessages {
    return partMessages('associations', associationTexts, this.language);
  }

  override render(): TemplateResult {
    const association = this.feed.state === 'loading' ? undefined : this.associationData;
    return this.feed.frame({
      loading: 5,
      content: association ? this.renderCard(association) : nothing,
      empty: !association,
      emptyText: this.texts.notFound,
    });
  }

  private renderCard(a: Association): TemplateResult {
    const t = this.texts;
    const logo = allowedImage(a.logo, a.source, this.imageOrigins);
    return html`<div class="card" part="card">
      <div class="header">
        ${
          logo
            ? html`<img
                class="logo"
                part="logo"
                src=${logo}
                alt=${a.logoAlt || t.logoAlt(a.name)}
                loading="lazy"
                decoding="async"
              />`
            : nothing
        }
        <div class="title">
          ${this.noHeading ? nothing : heading(this.level, 'name', a.name, 'name')}
          ${a.town ? html`<p class="town" part="town">${a.town}</p>` : nothing}
        </div>
      </div>
      ${this.renderWanted(a)} ${a.description ? html`<p class="description" part="description">${a.description}</p>` : nothing}
      ${chips(a.categories)} ${this.renderFacts(a)} ${this.pageSize > 0 ? this.renderEvents(a) : nothing}
      ${this.requests.render(this.requestsAction, this.texts)}
    </div>`;
  }

  private renderFacts(a: Association): TemplateResult | typeof nothing {
    const t = this.texts;
    const website = safeUrl(a.website, 'link');
    const mail = mailtoUrl(a.email);
    const tel = telUrl(a.phone);
    if (!a.meetingPlace && !a.meetings?.length && !a.address && !website && !mail && !tel) return nothing;
    return html`<dl class="facts" part="facts">
      ${this.renderMeetings(a)}
      ${
        a.meetingPlace
          ? html`<dt>${t.meetingPlace}</dt>
              <dd>${a.meetingPlace}</dd>`
          : nothing
      }
      ${
        a.address
          ? html`<dt>${t.address}</dt>
              <dd>${a.address}</dd>`
          : nothing
      }
      ${
        website
          ? html`<dt>${t.website}</dt>
              <dd><a href=${website} rel="noopener">${displayUrl(website)}</a></dd>`
          : nothing
      }
      ${
        mail
          ? html`<dt>${t.email}</dt>
              <dd><a href=${mail}>${mail.slice('mailto:'.length)}</a></dd>`
          : nothing
      }
      ${
        tel
          ? html`<dt>${t.phone}</dt>
              <dd><a href=${tel}>${a.phone}</a></dd>`
          : nothing
      }
    </dl>`;
  }

  /** "Mitglieder gesucht: Tenor und Bass", "Helfer gesucht": a badge in words and the short text. */
  private renderWanted(a: Association): TemplateResult | typeof nothing {
    const t = this.texts;
    const items: [string, string | undefined][] = [];
    if (a.membersWanted) items.push([t.membersWanted, a.membersWantedText]);
    if (a.helpersWanted) items.push([t.helpersWanted, a.helpersWantedText]);
    if (!items.length) return nothing;
    return html`<ul class="wanted" part="wanted" role="list">
      ${items.map(
        ([label, text]) =>
          html`<li><span class="badge" part="wanted-badge">${label}</span>${text ? html` <span>${text}</span>` : nothing}</li>`,
      )}
    </ul>`;
  }

  /** Standing meetings in words ("jeden 1. Mittwoch im Monat, 19:00 Uhr, Vereinsheim") and the next dates. */
  private renderMeetings(a: Association): TemplateResult | typeof nothing {
    if (!a.meetings?.length) return nothing;
    const t = this.texts;
    const zone = a.meetings[0]!.timeZone ?? 'Europe/Berlin';
    const next = nextMeetings(a, this.feed.today(zone), 3, zone);
    return html`<dt>${t.meetings}</dt>
      <dd part="meetings">
        <ul role="list">
          ${a.meetings.map((m) => html`<li>${describeMeeting(m, this.language)}</li>`)}
        </ul>
      </dd>
      ${
        next.length
          ? html`<dt>${t.nextMeetings}</dt>
              <dd part="next-meetings">
                <ul role="list">
                  ${next.map((o) => html`<li><time datetime=${o.start}>${formatOccurrenceWhen(o, this.language)}</time></li>`)}
                </ul>
              </dd>`
          : nothing
      }`;
  }

  private nextEvents(a: Association): Occurrence[] | undefined {
    const all = this.separateEventsSrc ? this.feed.events.occurrences : this.feed.data?.unfiltered;
    if (!all) return undefined;
    // Feeds from elsewhere (a church's iCalendar) may name the organizer instead of its id.
    return filterOccurrences(all, { organizer: [a.id, a.name] }).slice(0, this.pageSize);
  }

  private renderEvents(a: Association): TemplateResult {
    const t = this.texts;
    const events = this.nextEvents(a);
    const failed = this.separateEventsSrc !== undefined && this.feed.events.failed;
    let body: TemplateResult;
    if (failed) {
      body = html`<p>
        ${t.eventsError}
        <button class="button" part="retry-button" @click=${() => this.feed.retry()}>${this.msg.retry}</button>
      </p>`;
    } else if (!events) {
      body = html`<p class="muted">${t.eventsLoading}</p>`;
    } else if (events.length === 0) {
      body = html`<p class="muted">${t.noEvents}</p>`;
    } else {
      body = html`<ul class="events" role="list">
        ${events.map(
          (o) =>
            html`<li class="event" part="event" data-key=${o.key}>
              <time class="event-time" part="event-time" datetime=${o.start}>${formatOccurrenceWhen(o, this.language)}</time>
              <a
                class="event-link"
                part="event-link"
                href=${this.feed.detailsHref(o)}
                @click=${(e: MouseEvent) => this.feed.openDetails(e, o)}
                >${o.title || this.msg.untitled}${hasStatus(o) ? ` (${statusText(o, this.msg, this.language)})` : nothing}</a
              >
            </li>`,
        )}
      </ul>`;
    }
    return html`<section class="next" part="events" aria-labelledby="events-heading">
      ${heading(this.noHeading ? this.level : this.level + 1, 'events-heading', t.nextEvents, 'events-heading')} ${body}
      ${
        this.allEventsHref
          ? html`<p class="all"><a part="all-events-link" href=${this.allEventsHref}>${t.allEvents}</a></p>`
          : nothing
      }
      ${this.subscribePanel.render(
        this.subscriptionUrl(a),
        t.subscribe,
        (this.noHeading ? this.level : this.level + 1) + 1,
        this.language,
      )}
    </section>`;
  }
}

/** "verein.example.org/kontakt" for a link text: the scheme and a bare trailing slash say nothing. */
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
