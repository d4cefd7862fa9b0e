import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { occurrencesToJsonLd, occurrenceToJsonLd, serializeJsonLd, type Occurrence } from '../../src/core/index.js';

function occ(fields: Partial<Occurrence> = {}): Occurrence {
  return {
    eventId: 'sommerfest',
    key: 'sommerfest/2026-07-10T14:00:00Z',
    recurrenceId: '2026-07-10T16:00:00+02:00',
    recurring: false,
    timeZone: 'Europe/Berlin',
    title: 'Sommerfest',
    start: '2026-07-10T16:00:00+02:00',
    end: '2026-07-10T22:00:00+02:00',
    allDay: false,
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
    ...fields,
  };
}

const full = occ({
  description: 'Musik, Kuchen und Spiele für Kinder.',
  url: 'https://verein.example/sommerfest',
  image: 'https://verein.example/fest.jpg',
  town: 'Aschersleben',
  location: { name: 'Bestehornpark', address: 'Hinter dem Zoll 2, 06449 Aschersleben', lat: 51.7508, lon: 11.4606 },
  organizer: 'Heimatverein',
  categories: ['Fest', 'Musik'],
  audience: ['Familien', 'Kinder'],
  accessibility: ['rollstuhlgerecht'],
  price: '5 €',
  free: false,
});

describe('occurrenceToJsonLd', () => {
  test('every field of a schema.org Event', () => {
    assert.deepEqual(occurrenceToJsonLd(full, { pageUrl: 'https://region.example/kalender' }), {
      '@context': 'https://schema.org',
      '@type': 'Event',
      '@id': 'https://region.example/kalender#sommerfest%2F2026-07-10T14%3A00%3A00Z',
      name: 'Sommerfest',
      startDate: '2026-07-10T16:00:00+02:00',
      endDate: '2026-07-10T22:00:00+02:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      description: 'Musik, Kuchen und Spiele für Kinder.',
      url: 'https://verein.example/sommerfest',
      image: 'https://verein.example/fest.jpg',
      location: {
        '@type': 'Place',
        name: 'Bestehornpark',
        address: {
          '@type': 'PostalAddress',
          streetAddress: 'Hinter dem Zoll 2',
          postalCode: '06449',
          addressLocality: 'Aschersleben',
        },
        geo: { '@type': 'GeoCoordinates', latitude: 51.7508, longitude: 11.4606 },
        amenityFeature: [{ '@type': 'LocationFeatureSpecification', name: 'rollstuhlgerecht', value: true }],
      },
      organizer: { '@type': 'Organization', name: 'Heimatverein' },
      keywords: 'Fest, Musik',
      audience: { '@type': 'Audience', audienceType: 'Familien, Kinder' },
      isAccessibleForFree: false,
      offers: { '@type': 'Offer', url: 'https://verein.example/sommerfest', price: 5, priceCurrency: 'EUR' },
    });
  });

  test('a minimal occurrence has no empty fields', () => {
    assert.deepEqual(occurrenceToJsonLd(occ()), {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Sommerfest',
      startDate: '2026-07-10T16:00:00+02:00',
      endDate: '2026-07-10T22:00:00+02:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    });
  });

  test('status mapping', () => {
    assert.equal(occurrenceToJsonLd(occ({ status: 'scheduled' }))['eventStatus'], 'https://schema.org/EventScheduled');
    assert.equal(occurrenceToJsonLd(occ({ status: 'cancelled' }))['eventStatus'], 'https://schema.org/EventCancelled');
    assert.equal(occurrenceToJsonLd(occ({ status: 'postponed' }))['eventStatus'], 'https://schema.org/EventPostponed');
  });

  test('all-day: dates, and the last day as endDate (schema.org dates are inclusive)', () => {
    const market = occurrenceToJsonLd(occ({ allDay: true, start: '2026-12-04', end: '2026-12-07' }));
    assert.equal(market['startDate'], '2026-12-04');
    assert.equal(market['endDate'], '2026-12-06');
    const oneDay = occurrenceToJsonLd(occ({ allDay: true, start: '2026-12-12', end: '2026-12-13' }));
    assert.equal(oneDay['endDate'], '2026-12-12');
  });

  test('address: structured when it looks like "Street 1, 06449 Town", else text; the town when there is none', () => {
    const other = occurrenceToJsonLd(occ({ location: { name: 'Marktplatz', address: 'vor dem Rathaus' } }));
    assert.deepEqual(other['location'], { '@type': 'Place', name: 'Marktplatz', address: 'vor dem Rathaus' });
    const townOnly = occurrenceToJsonLd(occ({ town: 'Staßfurt' }));
    assert.deepEqual(townOnly['location'], {
      '@type': 'Place',
      name: 'Staßfurt',
      address: { '@type': 'PostalAddress', addressLocality: 'Staßfurt' },
    });
  });

  test('prices: a number with EUR, else a description; free events cost 0', () => {
    const price = (p: string): unknown => occurrenceToJsonLd(occ({ price: p }))['offers'];
    assert.deepEqual(price('5,50 €'), { '@type': 'Offer', price: 5.5, priceCurrency: 'EUR' });
    assert.deepEqual(price('EUR 12'), { '@type': 'Offer', price: 12, priceCurrency: 'EUR' });
    assert.deepEqual(price('3,- €'), { '@type': 'Offer', price: 3, priceCurrency: 'EUR' });
    assert.deepEqual(price('5 €, ermäßigt 3 €'), { '@type': 'Offer', description: '5 €, ermäßigt 3 €' });
    assert.deepEqual(occurrenceToJsonLd(occ({ free: true }))['offers'], { '@type': 'Offer', price: 0, priceCurrency: 'EUR' });
    assert.equal(occurrenceToJsonLd(occ({ free: true }))['isAccessibleForFree'], true);
  });

  test('organizer from the options wins; page URL when the event has none; unsafe URLs are dropped', () => {
    const ld = occurrenceToJsonLd(occ({ organizer: 'x', url: 'javascript:alert(1)', image: 'data:image/png;base64,AA' }), {
      organizerName: 'Kulturverein Hecklingen',
      pageUrl: 'https://region.example/kalender',
    });
    assert.deepEqual(ld['organizer'], { '@type': 'Organization', name: 'Kulturverein Hecklingen' });
    assert.equal(ld['url'], 'https://region.example/kalender');
    assert.equal(ld['image'], undefined);
  });
});

describe('occurrencesToJsonLd', () => {
  test('one @graph with one @context', () => {
    const list = [full, occ({ key: 'b/1', title: 'Zweites', organizerId: 'kv' })];
    const ld = occurrencesToJsonLd(list, { organizerName: (o) => (o.organizerId === 'kv' ? 'Kulturverein' : undefined) });
    assert.equal(ld['@context'], 'https://schema.org');
    const graph = ld['@graph'] as Record<string, unknown>[];
    assert.equal(graph.length, 2);
    assert.ok(graph.every((node) => !('@context' in node) && node['@type'] === 'Event'));
    assert.deepEqual(graph[0]!['organizer'], { '@type': 'Organization', name: 'Heimatverein' });
    assert.deepEqual(graph[1]!['organizer'], { '@type': 'Organization', name: 'Kulturverein' });
  });
});

describe('serializeJsonLd', () => {
  test('a title cannot close the script element', () => {
    const ld = occurrencesToJsonLd([occ({ title: '</script><script>alert(1)</script>', description: 'a & b > c\u2028d\u2029' })]);
    const text = serializeJsonLd(ld);
    assert.ok(!/[<>&\u2028\u2029]/.test(text), text);
    assert.ok(text.includes('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e'));
    assert.deepEqual(JSON.parse(text), ld, 'still the same JSON');
  });

  test('plain values', () => {
    assert.equal(serializeJsonLd({ a: 'ä' }), '{"a":"ä"}');
    assert.equal(serializeJsonLd(undefined), 'null');
  });
});
