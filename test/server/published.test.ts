/**
 * The published formats of issue 15: RSS 2.0 and Atom of upcoming dates (validated with
 * fast-xml-parser, plus the structure a feed reader relies on: required elements, RFC 822 and
 * RFC 3339 dates, stable GUIDs, escaped text, links) and the schema.org JSON-LD for open data
 * (events, status, place with address and geo, organizer, offers, the data licence).
 * "Today" is fixed by the server's clock; the data comes from an upstream feed the test serves.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { configFromEnv, ConfigError, resolveConfig } from '../../src/server/config.js';
import { request, start, type Running } from './helpers.js';

const NOW = new Date('2027-03-01T08:00:00Z');

const EVENTS = [
  {
    id: 'gottesdienst',
    title: 'Gottesdienst',
    start: '2027-03-07T10:00',
    end: '2027-03-07T11:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;BYDAY=SU;COUNT=4',
    town: 'Arnstein',
    location: { name: 'Dorfkirche', address: 'Kirchplatz 1, 06456 Arnstein', lat: 51.69, lon: 11.47 },
    categories: ['Kirche'],
    organizerId: 'kirchengemeinde-arnstein',
    free: true,
  },
  {
    id: 'gottesdienst',
    recurrenceId: '2027-03-14T10:00',
    title: 'Gottesdienst',
    start: '2027-03-14T10:00',
    end: '2027-03-14T11:00',
    timeZone: 'Europe/Berlin',
    status: 'cancelled',
    town: 'Arnstein',
    categories: ['Kirche'],
    organizerId: 'kirchengemeinde-arnstein',
  },
  {
    id: 'konzert',
    title: 'Konzert: „Rock & Roll“ <live>',
    start: '2027-03-20T19:30',
    end: '2027-03-20T21:30',
    timeZone: 'Europe/Berlin',
    town: 'Aschersleben',
    location: { name: 'Bestehornpark', address: 'Hinter dem Zoll 2, 06449 Aschersleben' },
    categories: ['Musik'],
    description: 'Mit <script>alert(1)</script> & Freunden.\n\nEinlass\u0007 ab 19 Uhr.',
    url: 'https://www.aschersleben.example/konzert',
    image: 'https://www.aschersleben.example/konzert.jpg',
    price: '5 €',
    organizer: 'Kulturverein Aschersleben',
  },
  {
    id: 'fest',
    title: 'Osterfest am See',
    start: '2027-03-27',
    end: '2027-03-29',
    town: 'Seeland',
    categories: ['Kultur'],
    accessibility: ['rollstuhlgerecht'],
  },
  {
    id: 'frueher',
    title: 'Schon vorbei',
    start: '2027-02-20T10:00',
    timeZone: 'Europe/Berlin',
    town: 'Seeland',
    categories: [],
  },
  {
    id: 'spaeter',
    title: 'Erst im Sommer',
    start: '2027-07-01T10:00',
    timeZone: 'Europe/Berlin',
    town: 'Seeland',
    categories: [],
  },
  {
    id: 'fruehsport',
    title: 'Frühsport',
    start: '2027-03-02T07:00',
    end: '2027-03-02T08:00',
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=DAILY;COUNT=150',
    town: 'Falkenstein/Harz',
    categories: ['Sport'],
  },
];

const ASSOCIATIONS = [
  { id: 'kirchengemeinde-arnstein', name: 'Ev. Kirchengemeinde Arnstein', town: 'Arnstein', categories: ['Kirche'] },
];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, jpath) => ['item', 'entry', 'category'].includes(name) || jpath === 'feed.link' || jpath === 'feed.entry.link',
});

const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface RssItem {
  title: string;
  link: string;
  description: string;
  guid: { '#text': string; '@isPermaLink': string };
  pubDate: string;
  category?: string[];
}

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: { '@rel': string; '@href': string }[];
  content: { '#text': string; '@type': string };
}

describe('RSS, Atom and JSON-LD of upcoming dates', () => {
  let s: Running;
  let configured: Running;
  let upstream: Server;
  let body = JSON.stringify({ timeZone: 'Europe/Berlin', title: 'Testregion', events: EVENTS, associations: ASSOCIATIONS });

  async function rebuilt(server: Running, etag: string | undefined): Promise<string> {
    await server.server.hub.refreshAll();
    for (let i = 0; i < 300; i++) {
      const now = (await request(`${server.url}/api/events.json`, { method: 'HEAD' })).headers.etag!;
      if (now !== etag) return now;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the feed was not rebuilt');
  }

  before(async () => {
    upstream = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/termine.json`;
    const base = { hub: { allowHosts: ['127.0.0.1'] }, sources: [{ id: 'test', url, refreshMinutes: 60 }] };
    s = await start({ now: () => NOW, config: base });
    configured = await start({
      now: () => NOW,
      config: {
        ...base,
        publicUrl: 'https://kalender.example.org/',
        feed: { pageUrl: 'https://www.example.org/termine/' },
        openData: {
          license: 'https://www.govdata.de/dl-de/by-2-0',
          licenseName: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
          publisher: 'Verbandsgemeinde Testregion',
        },
      },
    });
    await rebuilt(s, undefined);
    await rebuilt(configured, undefined);
  });
  after(async () => {
    await s.stop();
    await configured.stop();
    upstream.close();
  });

  async function rss(path = ''): Promise<{ channel: Record<string, unknown>; items: RssItem[]; text: string; etag: string }> {
    const res = await request(`${s.url}/api/events.rss${path}`);
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers['content-type'] ?? '', /^application\/rss\+xml; charset=utf-8/);
    assert.equal(XMLValidator.validate(res.text), true);
    const doc = parser.parse(res.text);
    assert.equal(doc.rss['@version'], '2.0');
    return { channel: doc.rss.channel, items: doc.rss.channel.item ?? [], text: res.text, etag: res.headers.etag! };
  }

  test('RSS 2.0: a valid channel of the next eight weeks, DIN 5008 titles, RFC 822 dates', async () => {
    const { channel, items } = await rss('?town=Arnstein,Seeland,Aschersleben');
    for (const element of ['title', 'link', 'description', 'lastBuildDate', 'language', 'copyright']) {
      assert.ok(channel[element], `channel/${element}`);
    }
    assert.equal(channel['title'], 'Wir4Gemeinsam – Veranstaltungen in Aschersleben, Arnstein, Falkenstein/Harz und Seeland');
    assert.equal(channel['description'], 'Termine vom 01.03.2027 bis 25.04.2027');
    assert.match(String(channel['lastBuildDate']), RFC822);
    assert.match(String(channel['copyright']), /CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)/);
    const self = channel['atom:link'] as { '@href': string; '@rel': string }[] | { '@href': string; '@rel': string };
    const selfLink = Array.isArray(self) ? self[0]! : self;
    assert.equal(selfLink['@rel'], 'self');
    assert.equal(selfLink['@href'], `${s.url}/api/events.rss?town=Arnstein%2CSeeland%2CAschersleben`);
    assert.deepEqual(
      items.map((i) => i.title),
      [
        'So., 07.03.2027, 10:00–11:00 Uhr · Gottesdienst',
        'So., 14.03.2027, 10:00–11:00 Uhr · Gottesdienst (abgesagt)',
        'Sa., 20.03.2027, 19:30–21:30 Uhr · Konzert: „Rock & Roll“ <live>',
        'So., 21.03.2027, 10:00–11:00 Uhr · Gottesdienst',
        'Sa., 27.03.2027 – So., 28.03.2027 · Osterfest am See',
        'So., 28.03.2027, 10:00–11:00 Uhr · Gottesdienst',
      ],
      'upcoming only (not February, not July), in order',
    );
    for (const item of items) {
      for (const element of ['title', 'link', 'description', 'guid', 'pubDate'] as const) assert.ok(item[element], element);
      assert.match(item.pubDate, RFC822);
      assert.ok(Number.isFinite(Date.parse(item.pubDate)));
      assert.equal(item.guid['@isPermaLink'], 'false');
      assert.ok(URL.canParse(item.link), item.link);
    }
    // Links: the event's own page, else the calendar page opened at the date.
    assert.equal(items[2]!.link, 'https://www.aschersleben.example/konzert');
    assert.equal(items[0]!.link, `${s.url}/#w4g-event=test:gottesdienst/2027-03-07T09:00:00Z`);
    assert.equal(items[0]!.guid['#text'], 'test:gottesdienst/2027-03-07T09:00:00Z');
    assert.deepEqual(items[0]!.category, ['Kirche']);
  });

  test('RSS text is escaped: markup from a feed stays text, invalid XML characters are dropped', async () => {
    const { items, text } = await rss('?q=Konzert');
    assert.equal(items.length, 1);
    assert.ok(!text.includes('<script>'), 'no raw markup in the XML');
    assert.ok(!text.includes('\u0007'));
    const html = items[0]!.description;
    // The description is HTML (as RSS readers take it) in which the feed's text is escaped.
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Freunden.'), html);
    assert.ok(!html.includes('<script>'));
    assert.match(html, /<strong>Wann:<\/strong> Sa\., 20\.03\.2027, 19:30–21:30 Uhr/);
    assert.match(html, /<strong>Wo:<\/strong> Bestehornpark, Hinter dem Zoll 2, 06449 Aschersleben<br>/);
    assert.match(html, /<strong>Veranstalter:<\/strong> Kulturverein Aschersleben/);
    assert.match(html, /<strong>Eintritt:<\/strong> 5 €/);
    assert.match(html, /<p>Einlass ab 19 Uhr\.<\/p>$/);
    assert.equal(items[0]!.title, 'Sa., 20.03.2027, 19:30–21:30 Uhr · Konzert: „Rock & Roll“ <live>');
  });

  test('RSS: at most 100 items; filters as on events.ics; GUIDs stable across filters and rebuilds; 304', async () => {
    const eightWeeks = await rss();
    assert.equal(eightWeeks.items.length, 55 + 6, 'the next eight weeks');
    const all = await rss('?start=2027-03-01&end=2027-09-01');
    assert.equal(all.items.length, 100, 'the daily series alone has 150 dates');
    const sport = await rss('?category=Sport&start=2027-03-01&end=2027-03-08');
    assert.deepEqual(
      sport.items.map((i) => i.guid['#text']),
      ['02', '03', '04', '05', '06', '07'].map((d) => `test:fruehsport/2027-03-${d}T06:00:00Z`),
    );
    const seeland = await rss('?town=Seeland');
    assert.deepEqual(
      seeland.items.map((i) => i.guid['#text']),
      ['test:fest/2027-03-27'],
    );
    const church = await rss('?organizer=kirchengemeinde-arnstein');
    const guids = church.items.map((i) => i.guid['#text']);
    assert.equal(guids.length, 4);
    assert.match(church.items[0]!.description, /<strong>Veranstalter:<\/strong> Ev\. Kirchengemeinde Arnstein/);

    const again = await request(`${s.url}/api/events.rss?organizer=kirchengemeinde-arnstein`, {
      headers: { 'If-None-Match': church.etag },
    });
    assert.equal(again.status, 304);

    const etag = (await request(`${s.url}/api/events.json`, { method: 'HEAD' })).headers.etag;
    body = JSON.stringify({
      timeZone: 'Europe/Berlin',
      title: 'Testregion',
      events: [...EVENTS, { ...EVENTS[0], id: 'andacht', title: 'Andacht', rrule: undefined, start: '2027-03-08T18:00' }],
      associations: ASSOCIATIONS,
    });
    await rebuilt(s, etag);
    const after = await rss('?organizer=kirchengemeinde-arnstein');
    assert.notEqual(after.etag, church.etag);
    const afterGuids = after.items.map((i) => i.guid['#text']);
    assert.deepEqual(
      afterGuids.filter((g) => !g.startsWith('test:andacht')),
      guids,
      'the old dates keep their GUIDs',
    );
    assert.equal(afterGuids.length, 5);

    // Back to the data the other tests expect.
    body = JSON.stringify({ timeZone: 'Europe/Berlin', title: 'Testregion', events: EVENTS, associations: ASSOCIATIONS });
    await rebuilt(s, (await request(`${s.url}/api/events.json`, { method: 'HEAD' })).headers.etag);
  });

  test('Atom: valid, required elements, RFC 3339 dates, urn:uuid ids that stay with the date', async () => {
    const res = await request(`${configured.url}/api/events.atom?town=Arnstein`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^application\/atom\+xml; charset=utf-8/);
    assert.equal(XMLValidator.validate(res.text), true);
    const feed = parser.parse(res.text).feed;
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    for (const element of ['id', 'title', 'updated', 'author', 'link', 'rights']) assert.ok(feed[element], element);
    assert.match(feed.updated, RFC3339);
    assert.equal(feed.author.name, 'Verbandsgemeinde Testregion');
    assert.match(feed.rights, /Datenlizenz Deutschland/);
    const links = feed.link as { '@rel': string; '@href': string }[];
    assert.equal(links.find((l) => l['@rel'] === 'self')!['@href'], 'https://kalender.example.org/api/events.atom?town=Arnstein');
    assert.equal(links.find((l) => l['@rel'] === 'alternate')!['@href'], 'https://www.example.org/termine/');
    const entries = feed.entry as AtomEntry[];
    assert.equal(entries.length, 4);
    for (const entry of entries) {
      assert.match(entry.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.match(entry.updated, RFC3339);
      assert.equal(entry.content['@type'], 'html');
      assert.ok(entry.title);
      const alternate = entry.link.find((l) => l['@rel'] === 'alternate')!;
      assert.match(alternate['@href'], /^https:\/\/www\.example\.org\/termine\/#w4g-event=test:gottesdienst\//);
    }
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'one id per date');
    // The same date has the same id in another view (another filter, the other server).
    const other = parser.parse((await request(`${s.url}/api/events.atom?category=Kirche`)).text).feed.entry as AtomEntry[];
    assert.deepEqual(
      other.slice(0, 4).map((e) => e.id),
      entries.map((e) => e.id),
    );
  });

  test('JSON-LD: schema.org Events with status, place, geo, organizer, offers and the data licence', async () => {
    const res = await request(`${s.url}/api/events.jsonld?town=Arnstein,Aschersleben`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^application\/ld\+json; charset=utf-8/);
    const feed = res.json;
    assert.equal(feed['@context'], 'https://schema.org');
    assert.equal(feed['@type'], 'DataFeed');
    assert.equal(feed.license, 'https://creativecommons.org/licenses/by/4.0/');
    assert.equal(feed.temporalCoverage, '2027-03-01/2028-02-29');
    assert.match(feed.dateModified, RFC3339);
    const events = feed.dataFeedElement as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(events.length, 5);
    for (const event of events) {
      assert.equal(event['@type'], 'Event');
      assert.equal(event.sdLicense, 'https://creativecommons.org/licenses/by/4.0/');
      assert.equal(event.sdPublisher['@type'], 'Organization');
      assert.ok(event['@id'] && event.name && event.startDate && event.eventStatus && event.url, JSON.stringify(event));
    }
    const [first, cancelled] = events;
    assert.equal(first!.eventStatus, 'https://schema.org/EventScheduled');
    assert.equal(cancelled!.eventStatus, 'https://schema.org/EventCancelled');
    assert.equal(first!.startDate, '2027-03-07T10:00:00+01:00');
    assert.deepEqual(first!.location, {
      '@type': 'Place',
      name: 'Dorfkirche',
      address: { '@type': 'PostalAddress', streetAddress: 'Kirchplatz 1', postalCode: '06456', addressLocality: 'Arnstein' },
      geo: { '@type': 'GeoCoordinates', latitude: 51.69, longitude: 11.47 },
    });
    assert.deepEqual(first!.organizer, { '@type': 'Organization', name: 'Ev. Kirchengemeinde Arnstein' });
    assert.deepEqual(first!.offers, {
      '@type': 'Offer',
      url: `${s.url}/#w4g-event=test:gottesdienst/2027-03-07T09:00:00Z`,
      price: 0,
      priceCurrency: 'EUR',
    });
    assert.equal(first!.url, `${s.url}/#w4g-event=test:gottesdienst/2027-03-07T09:00:00Z`);
    const concert = events.find((e) => e.name.startsWith('Konzert'))!;
    assert.deepEqual(concert.offers, {
      '@type': 'Offer',
      url: 'https://www.aschersleben.example/konzert',
      price: 5,
      priceCurrency: 'EUR',
    });
    assert.equal(concert.image, 'https://www.aschersleben.example/konzert.jpg');
    assert.equal(concert.url, 'https://www.aschersleben.example/konzert');
    // Stable ids: the same date keeps its @id in another view.
    const church = (await request(`${s.url}/api/events.jsonld?category=Kirche`)).json.dataFeedElement as { '@id': string }[];
    assert.equal(church[0]!['@id'], first!['@id']);
    const conditional = await request(`${s.url}/api/events.jsonld?town=Arnstein,Aschersleben`, {
      headers: { 'If-None-Match': res.headers.etag! },
    });
    assert.equal(conditional.status, 304);
  });

  test('JSON-LD takes the configured licence, publisher and addresses', async () => {
    const feed = (await request(`${configured.url}/api/events.jsonld?start=2027-03-20&end=2027-03-21`)).json;
    assert.equal(feed.license, 'https://www.govdata.de/dl-de/by-2-0');
    assert.deepEqual(feed.publisher, {
      '@type': 'Organization',
      name: 'Verbandsgemeinde Testregion',
      url: 'https://www.example.org/termine/',
    });
    assert.equal(feed['@id'], 'https://kalender.example.org/api/events.jsonld?start=2027-03-20&end=2027-03-21');
    assert.equal(feed.temporalCoverage, '2027-03-20/2027-03-20');
    const names = feed.dataFeedElement.map((e: { name: string }) => e.name);
    assert.deepEqual(names, ['Frühsport', 'Konzert: „Rock & Roll“ <live>']);
    assert.ok(feed.dataFeedElement.every((e: { sdLicense: string }) => e.sdLicense === 'https://www.govdata.de/dl-de/by-2-0'));
  });

  test('bad queries are German 400s on every format', async () => {
    for (const ext of ['rss', 'atom', 'jsonld']) {
      const res = await request(`${s.url}/api/events.${ext}?start=2027-03-01`);
      assert.equal(res.status, 400, ext);
      assert.match(res.json.error, /„start“ und „end“ zusammen/);
    }
  });

  test('the licence and the addresses are checked settings, also from the environment', () => {
    assert.equal(resolveConfig({}).openData.license, 'https://creativecommons.org/licenses/by/4.0/');
    assert.throws(() => resolveConfig({ openData: { license: '' } }), ConfigError);
    assert.throws(() => resolveConfig({ openData: { license: 'CC BY 4.0' } }), /openData\.license must be an http\(s\) URL/);
    assert.throws(() => resolveConfig({ feed: { pageUrl: 'javascript:alert(1)' } }), /feed\.pageUrl/);
    const config = resolveConfig(
      configFromEnv({
        W4G_DATA_LICENSE: 'https://creativecommons.org/publicdomain/zero/1.0/',
        W4G_DATA_LICENSE_NAME: 'CC0 1.0',
        W4G_PUBLIC_URL: 'https://kalender.example.org',
      }),
    );
    assert.equal(config.openData.license, 'https://creativecommons.org/publicdomain/zero/1.0/');
    assert.equal(config.openData.licenseName, 'CC0 1.0');
    assert.equal(config.publicUrl, 'https://kalender.example.org');
  });
});
