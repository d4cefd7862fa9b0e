import { property } from 'lit/decorators.js';
import type { CalendarEvent, FeedResult } from '../core/index.js';
import { jsonLdWritten } from './jsonld.js';
import { W4gElement } from './w4g-element.js';

/** Attributes every element that shows feed data shares. */
export class W4gFeedElement extends W4gElement {
  /** One or more feed URLs (JSON or iCalendar), separated by whitespace. */
  @property() src?: string;

  /** Already-parsed data for integrators who fetch themselves: a FeedResult or a list of events. Takes precedence over `src`. */
  @property({ attribute: false }) events?: CalendarEvent[] | FeedResult;

  /** Only these towns (comma-separated; any of them). */
  @property() town?: string;

  /** Only these categories (comma-separated; any of them). */
  @property() category?: string;

  /** Only these organizers, by association id or name (comma-separated; any of them). */
  @property() organizer?: string;

  /** Only these audiences (comma-separated; any of them). */
  @property() audience?: string;

  /** Free-text search: every word must occur. */
  @property() q?: string;

  /** Only dates with accessibility facts (step-free access, induction loop…), e.g. for a "Barrierefrei unterwegs" page. */
  @property({ type: Boolean }) accessible = false;

  /** Only dates free of charge. */
  @property({ type: Boolean }) free = false;

  /** Display zone (IANA). Default: the feed's zone, else Europe/Berlin; never the visitor's computer zone. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** Today as `YYYY-MM-DD` in the display zone; set it to freeze the calendar (tests, print archives). */
  @property() today?: string;

  /** Level of the element's headings (2–6). Default 3. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Do not write schema.org JSON-LD for search engines into the page. */
  @property({ attribute: 'no-jsonld', type: Boolean }) noJsonld = false;

  /** Extra origins (comma-separated) allowed to serve event images; by default only the page's and the feed's own origin are, so no third party learns of a visit. */
  @property({ attribute: 'image-origins' }) imageOrigins?: string;

  /** Resolves after the render and the JSON-LD written after it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await jsonLdWritten(this);
    return complete;
  }

  protected get level(): number {
    const n = Math.round(Number(this.headingLevel));
    return Number.isFinite(n) ? Math.min(6, Math.max(2, n)) : 3;
  }
}
