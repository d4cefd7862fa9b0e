import type { PropertyDeclarations } from 'lit';
import type { CalendarEvent, FeedResult } from '../core/index.js';
import { jsonLdWritten } from './jsonld.js';
import { W4gElement } from './w4g-element.js';

/** Attributes every element that shows feed data shares. */
export class W4gFeedElement extends W4gElement {
  static override properties: PropertyDeclarations = {
    src: {},
    events: { attribute: false },
    town: {},
    category: {},
    organizer: {},
    audience: {},
    q: {},
    accessible: { type: Boolean },
    free: { type: Boolean },
    timeZone: { attribute: 'time-zone' },
    today: {},
    headingLevel: { attribute: 'heading-level', type: Number },
    noJsonld: { attribute: 'no-jsonld', type: Boolean },
    imageOrigins: { attribute: 'image-origins' },
  };

  /** One or more feed URLs (JSON or iCalendar), separated by whitespace. */
  src?: string;

  /** Already-parsed data for integrators who fetch themselves: a FeedResult or a list of events. Takes precedence over `src`. */
  events?: CalendarEvent[] | FeedResult;

  /** Only these towns (comma-separated; any of them). */
  town?: string;

  /** Only these categories (comma-separated; any of them). */
  category?: string;

  /** Only these organizers, by association id or name (comma-separated; any of them). */
  organizer?: string;

  /** Only these audiences (comma-separated; any of them). */
  audience?: string;

  /** Free-text search: every word must occur. */
  q?: string;

  /** Only dates with accessibility facts (step-free access, induction loop…), e.g. for a "Barrierefrei unterwegs" page. */
  accessible = false;

  /** Only dates free of charge. */
  free = false;

  /** Display zone (IANA). Default: the feed's zone, else Europe/Berlin; never the visitor's computer zone. */
  timeZone?: string;

  /** Today as `YYYY-MM-DD` in the display zone; set it to freeze the calendar (tests, print archives). */
  today?: string;

  /** Level of the element's headings (2–6). Default 3. */
  headingLevel = 3;

  /** Do not write schema.org JSON-LD for search engines into the page. */
  noJsonld = false;

  /** Extra origins (comma-separated) allowed to serve event images; by default only the page's and the feed's own origin are, so no third party learns of a visit. */
  imageOrigins?: string;

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
