/**
 * What the stories share: the frozen date, the sample feeds (stories/feeds, served at /feeds),
 * the stand-in URLs of .storybook/mock-fetch.ts, loaders, and the themed and dark pages.
 */
import { html } from 'lit';
import type { Decorator } from '@storybook/web-components-vite';
import { expandOccurrences, sharedFeedStore, type Association, type FeedResult, type Occurrence } from '../src/core/index.js';

/** "Today" in every story: Thursday, 3 December 2026, so that screenshots never change. */
export const TODAY = '2026-12-03';
/** The month every month grid shows. */
export const MONTH = '2026-12';
/** The day after the last one every list shows (a list shows 3–31 December 2026). */
export const TO = '2027-01-01';

/** The sample feeds, relative to iframe.html so that a Storybook in a sub-folder finds them too. */
export const FEEDS = {
  /** The whole region: 10 associations, 14 dates in December 2026 of every kind. */
  region: 'feeds/region.json',
  /** Weekly, fortnightly and monthly series with a left-out date, a moved and a cancelled one. */
  recurring: 'feeds/recurring.json',
  /** A parish's iCalendar feed: weekly service with EXDATE and RECURRENCE-ID, a cancelled vesper. */
  church: 'feeds/kirche.ics',
  allDay: 'feeds/all-day.json',
  multiDay: 'feeds/multi-day.json',
  /** Cancelled and postponed dates next to scheduled ones. */
  status: 'feeds/status.json',
  /** Dates in Berlin time, in New York time and as UTC instants. */
  zones: 'feeds/zones.json',
  /** A valid feed without events or associations. */
  empty: 'feeds/empty.json',
} as const;

/** A feed URL that never answers: the widget stays in its first load (`state="loading"`). */
export const NEVER_ANSWERS = '__story/never/feeds/region.json';

/** A feed URL that answers 404 Not Found: the alert with the retry button. */
export const NOT_FOUND = '__story/status/404/feeds/gibt-es-nicht.json';

/** The region feed at a URL that answers once and fails (503) on every later request. */
export function staleSrc(key: string): string {
  return `__story/stale/${key}/${FEEDS.region}`;
}

/**
 * Loader for a `staleSrc`: loads it before the story renders and marks the data as an hour
 * old, as the tests do. The widget's own load is then a refresh that fails, and it shows the
 * old data with the notice (`state="error"`, w4g-error with `stale: true`).
 */
export function loadThenFail(src: string): () => Promise<Record<string, never>> {
  return async () => {
    const store = sharedFeedStore();
    if (!store.peek(src)?.result) await store.load(src);
    const snapshot = store.peek(src);
    if (snapshot) snapshot.loadedAt = 0;
    return {};
  };
}

/** The region feed as parsed data, for the stories that set the `events` property. */
export async function regionFeed(): Promise<FeedResult> {
  const snapshot = await sharedFeedStore().load(FEEDS.region);
  if (!snapshot.result) throw new Error(`${FEEDS.region} has no data`);
  return snapshot.result;
}

/** A file under stories/feeds as an absolute URL on Storybook's own origin. */
export function localUrl(path: string): string {
  return new URL(path, document.baseURI).href;
}

export interface LoadedOccurrence {
  occurrence: Occurrence;
  association?: Association;
}

/**
 * One date of the region feed, as the list hands it to w4g-event-details: `eventId` and
 * optionally the local date, expanded in `zone` (the display zone, default Europe/Berlin).
 */
export async function regionOccurrence(eventId: string, date?: string, zone = 'Europe/Berlin'): Promise<LoadedOccurrence> {
  const feed = await regionFeed();
  const occurrence = expandOccurrences(feed.events, { start: TODAY, end: TO, zone }).find(
    (o) => o.eventId === eventId && (!date || o.recurrenceId.startsWith(date)),
  );
  if (!occurrence) throw new Error(`${FEEDS.region} has no date of ${eventId} ${date ?? ''}`);
  const association = occurrence.organizerId ? feed.associations.find((a) => a.id === occurrence.organizerId) : undefined;
  return association ? { occurrence, association } : { occurrence };
}

/**
 * A page with its own look: the public --w4g-* tokens set on an ancestor and ::part rules,
 * all from the page's stylesheet; nothing inside the elements is touched. Colours keep at
 * least 4.5:1 contrast.
 */
export const themedPage: Decorator = (story) =>
  html`<style>
      .w4g-story-themed {
        --w4g-color-accent: #7b2d26;
        --w4g-color-text: #2b2118;
        --w4g-color-muted: #5c4b3b;
        --w4g-color-background: #fffdf8;
        --w4g-color-surface: #f8efe0;
        --w4g-color-border: #b9a58a;
        --w4g-color-today: #f3dfc1;
        --w4g-radius: 0.75rem;
        --w4g-focus-ring: 3px solid #c05621;
        --w4g-font-family: Georgia, 'DejaVu Serif', 'Times New Roman', serif;
        --w4g-event-list-marker: #c05621;
        --w4g-event-list-day-size: 1.25rem;
        --w4g-month-grid-event-background: #7b2d26;
        --w4g-month-grid-cell-height: 7rem;
        --w4g-association-list-letter-size: 1.5rem;
        --w4g-association-card-logo-size: 4rem;
        --w4g-event-form-max-width: 48rem;
        background: #fffdf8;
        padding: 1rem;
      }
      .w4g-story-themed w4g-event-list::part(day-heading),
      .w4g-story-themed w4g-association-list::part(letter-heading) {
        text-transform: uppercase;
        letter-spacing: 0.06em;
        border-bottom: 2px solid #c05621;
      }
      .w4g-story-themed w4g-event-list::part(event),
      .w4g-story-themed w4g-association-card::part(card),
      .w4g-story-themed w4g-association-list::part(association) {
        box-shadow: 0 1px 4px rgb(43 33 24 / 0.2);
      }
      .w4g-story-themed w4g-event-list::part(category),
      .w4g-story-themed w4g-association-card::part(category),
      .w4g-story-themed w4g-association-list::part(category) {
        background: #7b2d26;
        border-color: #7b2d26;
        color: #fff;
      }
      .w4g-story-themed w4g-month-grid::part(month-heading),
      .w4g-story-themed w4g-event-details::part(title) {
        font-variant: small-caps;
      }
      .w4g-story-themed w4g-event-form::part(submit-button) {
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
    </style>
    <div class="w4g-story-themed">${story()}</div>`;

/** A dark page around elements with `theme="dark"`. */
export const darkPage: Decorator = (story) =>
  html`<style>
      .w4g-story-dark {
        background: #121416;
        color: #f1f3f4;
        color-scheme: dark;
        padding: 1rem;
      }
    </style>
    <div class="w4g-story-dark">${story()}</div>`;

/** The element's language and colour scheme as controls (the manifest only knows their types). */
export const commonArgTypes = {
  locale: { control: 'inline-radio', options: ['de', 'en'] },
  theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
} as const;
