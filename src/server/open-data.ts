/**
 * The published dates as schema.org `Event`s for open-data consumers (a state tourism
 * database, the DZT knowledge graph, a city app): one `DataFeed` whose elements are the core's
 * JSON-LD events (the writer the elements use for search engines), each completed with what a
 * data importer needs beside the event itself: a stable `@id`, the data licence (`sdLicense`)
 * and who publishes it (`sdPublisher`), as the ODTA domain specifications ask.
 *
 * A new optional field of the model belongs into the core's writer (src/core/feed/jsonld.ts),
 * so the elements' JSON-LD gets it too; `openDataEvent` adds only what concerns publishing.
 */
import { occurrenceToJsonLd, type Occurrence } from '../core/index.js';
import { itemLink, type FeedLinks, type SyndicationInput } from './syndication.js';

function publisher(links: FeedLinks, title: string): Record<string, unknown> {
  return { '@type': 'Organization', name: links.publisher || title, url: links.page };
}

/** What a data importer needs beside the event: its licence and its publisher. */
function openDataEvent(o: Occurrence, input: SyndicationInput): Record<string, unknown> {
  // Without a web page of its own, an event links to the calendar page opened at this date.
  const { '@context': _context, ...event } = occurrenceToJsonLd(o, {
    organizerName: input.organizerName(o),
    pageUrl: itemLink({ ...o, url: undefined }, input.links),
  });
  return {
    ...event,
    inLanguage: 'de',
    sdLicense: input.links.license,
    sdPublisher: publisher(input.links, input.title),
    sdDatePublished: input.updated.toISOString(),
  };
}

export function renderJsonLd(input: SyndicationInput): string {
  const { links } = input;
  const events = input.occurrences.map((o) => openDataEvent(o, input));
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'DataFeed',
    '@id': links.self,
    name: input.title,
    url: links.self,
    inLanguage: 'de',
    license: links.license,
    publisher: publisher(links, input.title),
    dateModified: input.updated.toISOString(),
    temporalCoverage: `${input.window.start}/${input.window.end}`,
    dataFeedElement: events,
  });
}
