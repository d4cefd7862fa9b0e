import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expandOccurrences, imageFeedFields, imageSrcset, occurrenceToJsonLd, parseJsonFeed } from '../../src/core/index.js';

const SOURCES = [
  { url: 'https://kalender.example/api/images/ab/480.webp', width: 480, type: 'image/webp' },
  { url: 'https://kalender.example/api/images/ab/480.jpg', width: 480, type: 'image/jpeg' },
  { url: 'https://kalender.example/api/images/ab/960.webp', width: 960, type: 'image/webp' },
  { url: 'https://kalender.example/api/images/ab/960.jpg', width: 960, type: 'image/jpeg' },
];

const imageObject = {
  url: 'https://kalender.example/api/images/ab/960.jpg',
  alt: 'Der Posaunenchor vor dem Altar',
  credit: 'Anna Muster',
  license: 'CC-BY-SA-4.0',
  width: 960,
  height: 640,
  sources: SOURCES,
};

function read(image: unknown, extra: Record<string, unknown> = {}) {
  return parseJsonFeed({ events: [{ id: 'k', title: 'Konzert', start: '2026-12-12T18:00:00', image, ...extra }] });
}

describe('the image object of the JSON feed', () => {
  test('is read with alt text, credit, licence, size and sources', () => {
    const { events, errors } = read(imageObject);
    assert.deepEqual(errors, []);
    const e = events[0]!;
    assert.equal(e.image, imageObject.url);
    assert.equal(e.imageAlt, imageObject.alt);
    assert.equal(e.imageCredit, 'Anna Muster');
    assert.equal(e.imageLicense, 'CC-BY-SA-4.0');
    assert.deepEqual([e.imageWidth, e.imageHeight], [960, 640]);
    assert.deepEqual(e.imageSources, SOURCES);
  });

  test('an older feed (a URL string and imageAlt) is read as before', () => {
    const { events, errors } = read('https://example.org/a.jpg', { imageAlt: 'Buden' });
    assert.deepEqual(errors, []);
    assert.equal(events[0]!.image, 'https://example.org/a.jpg');
    assert.equal(events[0]!.imageAlt, 'Buden');
    assert.equal(events[0]!.imageLicense, undefined);
  });

  test('relative URLs are resolved against the feed; unsafe ones, unknown licences and bad sizes are dropped with warnings', () => {
    const { events, errors } = parseJsonFeed(
      {
        events: [
          {
            id: 'k',
            title: 'Konzert',
            start: '2026-12-12',
            image: {
              url: '/bilder/k.jpg',
              license: 'alle Rechte vorbehalten',
              width: -3,
              height: 2.5,
              sources: [
                { url: 'javascript:alert(1)', width: 480, type: 'image/jpeg' },
                { url: 'k-480.webp', width: 480, type: 'image/webp' },
                { url: 'k.svg', width: 480, type: 'image/svg+xml' },
              ],
            },
          },
          { id: 'x', title: 'X', start: '2026-12-12', image: { url: 'data:image/png;base64,AA', alt: 'x' } },
        ],
      },
      { baseUrl: 'https://kalender.example/feed.json' },
    );
    const [k, x] = events;
    assert.equal(k!.image, 'https://kalender.example/bilder/k.jpg');
    assert.deepEqual(k!.imageSources, [{ url: 'https://kalender.example/k-480.webp', width: 480, type: 'image/webp' }]);
    assert.equal(k!.imageLicense, undefined);
    assert.equal(k!.imageWidth, undefined);
    assert.equal(x!.image, undefined);
    assert.equal(x!.imageAlt, undefined);
    assert.equal(errors.filter((e) => e.path?.endsWith('/image')).length, 5);
  });

  test('reaches every occurrence and is written back as the same object (with imageAlt for older readers)', () => {
    const { events } = read(imageObject);
    const [o] = expandOccurrences(events, { start: '2026-12-01', end: '2026-12-31', zone: 'Europe/Berlin' });
    assert.equal(o!.imageCredit, 'Anna Muster');
    assert.deepEqual(imageFeedFields(events[0]!), { image: imageObject, imageAlt: imageObject.alt });
    assert.deepEqual(imageFeedFields({ image: 'https://example.org/a.jpg' }), { image: 'https://example.org/a.jpg' });
    assert.deepEqual(read(imageFeedFields(events[0]!)['image']).events[0], events[0]);
  });

  test('srcset per type, narrowest first', () => {
    assert.equal(
      imageSrcset([...SOURCES].reverse(), 'image/webp'),
      'https://kalender.example/api/images/ab/480.webp 480w, https://kalender.example/api/images/ab/960.webp 960w',
    );
    assert.equal(imageSrcset(SOURCES, 'image/avif'), undefined);
  });
});

describe('the picture in JSON-LD', () => {
  const occurrence = (image: unknown, url?: string) => {
    const { events } = read(image, url ? { url } : {});
    return expandOccurrences(events, { start: '2026-12-01', end: '2026-12-31', zone: 'Europe/Berlin' })[0]!;
  };

  test('an ImageObject with licence, credit and where to acquire a licence', () => {
    const ld = occurrenceToJsonLd(occurrence(imageObject));
    assert.deepEqual(ld['image'], {
      '@type': 'ImageObject',
      url: imageObject.url,
      contentUrl: imageObject.url,
      width: 960,
      height: 640,
      caption: imageObject.alt,
      creditText: 'Anna Muster',
      creator: { '@type': 'Person', name: 'Anna Muster' },
      license: 'https://creativecommons.org/licenses/by-sa/4.0/',
      acquireLicensePage: 'https://creativecommons.org/licenses/by-sa/4.0/',
    });
  });

  test('"nur für diesen Kalender" links no licence; a licence is asked for on the event\'s page', () => {
    const ld = occurrenceToJsonLd(occurrence({ ...imageObject, license: 'calendar-only' }, 'https://verein.example/konzert'));
    const image = ld['image'] as Record<string, unknown>;
    assert.equal(image['license'], undefined);
    assert.equal(image['acquireLicensePage'], 'https://verein.example/konzert');
  });

  test('a URL alone stays a URL', () => {
    assert.equal(occurrenceToJsonLd(occurrence('https://example.org/a.jpg'))['image'], 'https://example.org/a.jpg');
  });
});
