/**
 * RSS 2.0 and Atom (RFC 4287) feeds of upcoming dates, for newsletters, other websites and
 * feed readers. One item per date: its title leads with the DIN 5008 date ("Sa., 14.06.2027,
 * 19:30–21:30 Uhr · Chorprobe"), its text is escaped HTML (each value escaped, then the whole
 * escaped once more as XML text), its link is the event's own web page or the calendar page
 * with a deep link, and its id (`guid`, Atom `id`) is the date's key: stable across rebuilds
 * and filters, so readers do not show a date twice.
 *
 * What an item says is one list of lines (`itemLines`); a new optional field of the model is
 * one more line there.
 */
import { createHash } from 'node:crypto';
import { formatOccurrenceWhen, safeUrl, statusWords, type Occurrence } from '../core/index.js';

/** Where links point and what the data may be used under: the same for every item of a view. */
export interface FeedLinks {
  /** The view's own absolute URL (RSS atom:link rel=self, Atom link rel=self and feed id). */
  self: string;
  /** The page that shows the calendar: the link of events without a web address of their own. */
  page: string;
  license: string;
  licenseName: string;
  publisher: string;
}

/** What a view of the feed is made from: RSS, Atom and the open-data JSON-LD (open-data.ts). */
export interface SyndicationInput {
  title: string;
  /** The build's modification time. */
  updated: Date;
  /** The window shown, `end` inclusive, for the channel's description. */
  window: { start: string; end: string };
  occurrences: readonly Occurrence[];
  /** The organizer's display name of a date (its association's name, else `organizer`). */
  organizerName: (o: Occurrence) => string | undefined;
  links: FeedLinks;
}

/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF): dropped. */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching the control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML content or an attribute value. */
export function xmlText(value: string): string {
  return value.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** `#w4g-event=<key>`, as the elements write deep links (shared/deep-link.ts). */
function deepLink(page: string, key: string): string {
  return `${page.split('#')[0]!}#w4g-event=${encodeURIComponent(key).replace(/%2F/g, '/').replace(/%3A/g, ':')}`;
}

/** The date's link: its own web page, else the calendar page opened at it. */
export function itemLink(o: Occurrence, links: FeedLinks): string {
  return safeUrl(o.url, 'link') ?? deepLink(links.page, o.key);
}

/** A URN that names the date for good (Atom ids must be IRIs): derived from its key only. */
export function itemUrn(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  // A name-based UUID layout (version 8, RFC 9562: custom), so the URN is a valid urn:uuid.
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function itemTitle(o: Occurrence): string {
  const words = statusWords(o, 'de');
  const status = words ? ` (${words})` : '';
  return `${formatOccurrenceWhen(o, 'de')} · ${o.title}${status}`;
}

function place(o: Occurrence): string | undefined {
  const parts = [o.location?.name, o.location?.address, o.town].map((p) => p?.trim()).filter((p): p is string => !!p);
  // "Bürgerhaus, Markt 1, 06463 Arnstein" already names the town.
  const unique = parts.filter((p, i) => !parts.slice(0, i).some((q) => q.includes(p)));
  return unique.length ? unique.join(', ') : undefined;
}

/** The lines of an item's text, in German: label and value, each value plain text. */
function itemLines(o: Occurrence, organizer: string | undefined): [string, string | undefined][] {
  const price = o.price?.trim() || (o.free ? 'frei' : undefined);
  return [
    ['Wann', formatOccurrenceWhen(o, 'de') + (statusWords(o, 'de') ? ` – ${statusWords(o, 'de')}` : '')],
    ['Wo', place(o)],
    ['Veranstalter', organizer],
    ['Eintritt', price],
    ['Barrierefreiheit', o.accessibility.join(', ') || undefined],
    ['Für', o.audience.join(', ') || undefined],
    ['Rubrik', o.categories.join(', ') || undefined],
  ];
}

/** The item's text as HTML (every value escaped): the facts, then the description's paragraphs. */
export function itemHtml(o: Occurrence, organizer: string | undefined): string {
  const facts = itemLines(o, organizer)
    .filter((line): line is [string, string] => !!line[1])
    .map(([label, value]) => `<strong>${xmlText(label)}:</strong> ${xmlText(value)}`)
    .join('<br>');
  const paragraphs = (o.description ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${xmlText(p).replace(/\n/g, '<br>')}</p>`);
  return [`<p>${facts}</p>`, ...paragraphs].join('');
}

/** `Wed, 02 Dec 2026 11:42:14 GMT`: RFC 822 (with four-digit year, as RFC 1123 and RSS 2.0 use). */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** `2026-12-02T11:42:14Z`: RFC 3339. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** When the item was last changed: the event's own date of change, else the feed's. */
function itemUpdated(o: Occurrence, feedUpdated: Date): Date {
  const updated = o.updated ? new Date(o.updated) : undefined;
  return updated && Number.isFinite(updated.getTime()) ? updated : feedUpdated;
}

function channelDescription(input: SyndicationInput): string {
  const { start, end } = input.window;
  const [sy, sm, sd] = start.split('-');
  const [ey, em, ed] = end.split('-');
  return `Termine vom ${sd}.${sm}.${sy} bis ${ed}.${em}.${ey}`;
}

function rights(links: FeedLinks): string {
  const who = links.publisher ? `${links.publisher}, ` : '';
  return `Daten: ${who}${links.licenseName || links.license} (${links.license})`;
}

export function renderRss(input: SyndicationInput): string {
  const { links } = input;
  const items = input.occurrences.map((o) => {
    const categories = o.categories.map((c) => `<category>${xmlText(c)}</category>`).join('');
    return (
      `<item><title>${xmlText(itemTitle(o))}</title><link>${xmlText(itemLink(o, links))}</link>` +
      `<description>${xmlText(itemHtml(o, input.organizerName(o)))}</description>${categories}` +
      `<guid isPermaLink="false">${xmlText(o.key)}</guid>` +
      `<pubDate>${rfc822(itemUpdated(o, input.updated))}</pubDate></item>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
    `<title>${xmlText(input.title)}</title><link>${xmlText(links.page)}</link>` +
    `<description>${xmlText(channelDescription(input))}</description><language>de-DE</language>` +
    `<copyright>${xmlText(rights(links))}</copyright>` +
    `<lastBuildDate>${rfc822(input.updated)}</lastBuildDate>` +
    `<atom:link href="${xmlText(links.self)}" rel="self" type="application/rss+xml"/>` +
    `${items.join('')}</channel></rss>\n`
  );
}

export function renderAtom(input: SyndicationInput): string {
  const { links } = input;
  const entries = input.occurrences.map((o) => {
    const categories = o.categories.map((c) => `<category term="${xmlText(c)}"/>`).join('');
    return (
      `<entry><id>${itemUrn(o.key)}</id><title>${xmlText(itemTitle(o))}</title>` +
      `<updated>${rfc3339(itemUpdated(o, input.updated))}</updated>` +
      `<link rel="alternate" type="text/html" href="${xmlText(itemLink(o, links))}"/>${categories}` +
      `<content type="html">${xmlText(itemHtml(o, input.organizerName(o)))}</content></entry>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-DE">` +
    `<id>${xmlText(links.self)}</id><title>${xmlText(input.title)}</title>` +
    `<subtitle>${xmlText(channelDescription(input))}</subtitle><updated>${rfc3339(input.updated)}</updated>` +
    `<author><name>${xmlText(links.publisher || input.title)}</name></author>` +
    `<rights>${xmlText(rights(links))}</rights>` +
    `<link rel="self" type="application/atom+xml" href="${xmlText(links.self)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlText(links.page)}"/>` +
    `${entries.join('')}</feed>\n`
  );
}
