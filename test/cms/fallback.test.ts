/**
 * The shared PHP fallback (cms/php/FallbackRenderer.php) against the library's own core: the
 * same feeds must give the same dates, the same German and English date text and the same
 * schema.org JSON-LD as the web components, while PHP's default zone is America/New_York.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  addDaysIso,
  expandOccurrences,
  filterOccurrences,
  formatOccurrenceWhen,
  occurrencesToJsonLd,
  parseJsonFeed,
  type Locale,
} from '../../src/core/index.js';
import { fixture, HERE, ROOT, runPhp, SILVESTER_FEED, ZONE_FEED } from './helpers.js';

const RENDERER = join(ROOT, 'cms', 'php', 'FallbackRenderer.php');
const HARNESS = join(HERE, 'renderer-harness.php');
const REGION = readFileSync(join(ROOT, 'demo', 'feeds', 'region.json'), 'utf8');

interface ViewItem {
  id: string;
  title: string;
  url: string;
  when: string;
  datetime: string;
  place: string;
  status: string;
  statusLabel: string;
  recurring: boolean;
}

interface View {
  state: string;
  events: ViewItem[];
  series: ViewItem[];
  jsonLd: string;
  feedUrl: string;
  labels: Record<string, string>;
  today?: string;
  timeZone?: string;
}

interface Output {
  view: View;
  urls: string[];
  decoded: boolean[];
  attributes: Record<string, string | true>;
  options: Record<string, string | number>;
  safeUrls: (string | null)[];
}

interface Options {
  today?: string;
  from?: string;
  to?: string;
  town?: string;
  category?: string;
  organizer?: string;
  limit?: number;
  /** `de`, `en`, or a tag such as `en-GB` (the wrappers resolve it). */
  locale?: string;
  view?: string;
}

function render(
  feeds: { body: string; url: string }[],
  options: Options & { src?: string },
  extra: Record<string, unknown> = {},
): Promise<Output> {
  const src = options.src ?? feeds.map((f) => f.url).join(' ');
  return runPhp<Output>(HARNESS, { renderer: RENDERER, feeds, options: { ...options, src }, ...extra });
}

/** What the web component shows for the same feed: the core's occurrences, filters and formats. */
function coreExpectation(text: string, url: string, options: Options & { today: string; limit: number; locale: Locale }) {
  const feed = parseJsonFeed(text, { baseUrl: url });
  const zone = feed.timeZone ?? 'Europe/Berlin';
  const all = expandOccurrences(feed.events, { start: options.today, end: addDaysIso(options.today, 366), zone });
  const singles = filterOccurrences(all, options).filter((o) => !o.recurring);
  const shown = singles.slice(0, options.limit === 0 ? 100 : options.limit);
  const names = new Map(feed.associations.map((a) => [a.id, a.name]));
  return {
    entries: shown.map((o) => ({ title: o.title, when: formatOccurrenceWhen(o, options.locale), status: o.status })),
    jsonLd: occurrencesToJsonLd(shown, {
      organizerName: (o) => (o.organizerId ? names.get(o.organizerId) : undefined) ?? o.organizer,
    })['@graph'] as unknown[],
  };
}

function graph(view: View): Record<string, unknown>[] {
  if (!view.jsonLd) return [];
  const doc = JSON.parse(view.jsonLd) as { '@context': string; '@graph': Record<string, unknown>[] };
  assert.equal(doc['@context'], 'https://schema.org');
  return doc['@graph'];
}

async function compareWithCore(
  text: string,
  url: string,
  options: Options & { today: string; limit: number; locale: Locale },
): Promise<Output> {
  const out = await render([{ body: text, url }], options);
  const expected = coreExpectation(text, url, options);
  assert.ok(expected.entries.length > 0, 'the comparison needs events');
  // Overrides of single dates of a series are recurring for the core; the fallback lists them as dates.
  const singles = out.view.events.filter((e) => !e.recurring);
  assert.deepEqual(
    singles.map((e) => ({ title: e.title, when: e.when, status: e.status })),
    expected.entries,
  );
  const ld = graph(out.view).filter((e) => !('eventSchedule' in e));
  const singleNames = new Set(singles.map((e) => e.title));
  assert.deepEqual(
    ld.filter((e) => singleNames.has(e['name'] as string)),
    expected.jsonLd,
  );
  return out;
}

describe('shared fallback renderer (cms/php/FallbackRenderer.php)', () => {
  it('every PHP file of the wrappers and the harnesses passes php -l', async () => {
    const files = [join(ROOT, 'cms'), HERE].flatMap((dir) =>
      readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.php'))
        .map((f) => join(dir, f)),
    );
    assert.ok(files.length >= 12, `found ${files.length} PHP files`);
    for (const file of files) {
      const result = spawnSync('php', ['-l', file], { encoding: 'utf8' });
      assert.equal(result.status, 0, `${file}: ${result.stdout}${result.stderr}`);
    }
  });

  it('gives the same dates, German date text and JSON-LD as the core (test feed)', async () => {
    const out = await compareWithCore(fixture('w4g-test.json'), 'https://kalender.example.org/feeds/w4g-test.json', {
      today: '2026-12-01',
      limit: 20,
      locale: 'de',
    });
    assert.equal(out.view.state, 'ok');
    assert.equal(out.view.timeZone, 'Europe/Berlin');
    const konzert = out.view.events.find((e) => e.id === 'konzert')!;
    assert.equal(konzert.when, 'Sa., 12.12.2026, 19:30–21:30 Uhr');
    assert.equal(konzert.datetime, '2026-12-12T19:30:00+01:00');
    assert.equal(konzert.place, 'St. Stephani, Aschersleben');
    assert.equal(konzert.url, 'https://st-stephani.example.org/adventskonzert');
  });

  it('gives the same English date text as the core', async () => {
    const out = await compareWithCore(fixture('w4g-test.json'), 'https://kalender.example.org/feeds/w4g-test.json', {
      today: '2026-12-01',
      limit: 0,
      locale: 'en',
    });
    assert.equal(out.view.events.find((e) => e.id === 'konzert')!.when, 'Sat, 12 Dec 2026, 7:30 PM – 9:30 PM');
    assert.equal(out.view.labels['upcoming'], 'Upcoming events');
  });

  it('writes a picture as the core does: an ImageObject with license, creditText and acquireLicensePage', async () => {
    const url = 'https://kalender.example.org/api/events.json';
    const picture = (id: string, image: unknown, extra: Record<string, unknown> = {}) => ({
      id,
      title: `Bild ${id}`,
      start: `2027-05-${String(10 + Number(id.slice(1))).padStart(2, '0')}T15:00`,
      url: 'https://verein.example/fest',
      image,
      ...extra,
    });
    const feed = JSON.stringify({
      timeZone: 'Europe/Berlin',
      events: [
        picture('p1', {
          url: '/api/images/3f9c/1600.jpg',
          alt: 'Kinder tanzen im Park',
          credit: 'Anna Muster',
          license: 'CC-BY-4.0',
          width: 1600,
          height: 1067,
          sources: [{ url: '/api/images/3f9c/480.webp', width: 480, type: 'image/webp' }],
        }),
        picture('p2', { url: 'https://verein.example/b.jpg', credit: 'Foto: Verein', license: 'calendar-only', alt: 'Bühne' }),
        picture('p3', { url: 'https://verein.example/c.jpg', license: 'CC0-1.0' }),
        picture('p4', { url: 'https://verein.example/d.jpg', license: 'alle Rechte', width: 0, height: 10 }, { imageAlt: 'Alt' }),
        picture('p5', 'https://verein.example/e.jpg', { imageAlt: 'Ein Plakat' }),
        picture('p6', { url: 'javascript:alert(1)', credit: 'X', license: 'CC0-1.0' }),
        picture('p7', { url: 'https://verein.example/g.jpg', width: 800, height: 600, alt: ' ' }),
      ],
    });
    const out = await compareWithCore(feed, url, { today: '2027-05-01', limit: 0, locale: 'de' });
    const images = Object.fromEntries(graph(out.view).map((e) => [e['name'], e['image']]));
    assert.deepEqual(images['Bild p1'], {
      '@type': 'ImageObject',
      url: 'https://kalender.example.org/api/images/3f9c/1600.jpg',
      contentUrl: 'https://kalender.example.org/api/images/3f9c/1600.jpg',
      width: 1600,
      height: 1067,
      caption: 'Kinder tanzen im Park',
      creditText: 'Anna Muster',
      creator: { '@type': 'Person', name: 'Anna Muster' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      acquireLicensePage: 'https://creativecommons.org/licenses/by/4.0/',
    });
    // "nur für diesen Kalender": no licence to link; where to ask is the event's page.
    assert.equal((images['Bild p2'] as Record<string, unknown>)['license'], undefined);
    assert.equal((images['Bild p2'] as Record<string, unknown>)['acquireLicensePage'], 'https://verein.example/fest');
    assert.equal((images['Bild p3'] as Record<string, unknown>)['license'], 'https://creativecommons.org/publicdomain/zero/1.0/');
    assert.equal(images['Bild p4'], 'https://verein.example/d.jpg', 'an unknown licence and a bad size: the URL alone');
    assert.equal(images['Bild p5'], 'https://verein.example/e.jpg');
    assert.equal(images['Bild p6'], undefined);
    assert.equal((images['Bild p7'] as Record<string, unknown>)['width'], 800);
  });

  it('matches the core on the demo region feed (offsets, overrides, cancelled dates), with filters', async () => {
    const url = 'https://kalender.example.org/demo/feeds/region.json';
    await compareWithCore(REGION, url, { today: '2026-11-20', limit: 0, locale: 'de' });
    await compareWithCore(REGION, url, { today: '2026-11-20', limit: 0, locale: 'de', town: 'seeland, ARNSTEIN' });
    await compareWithCore(REGION, url, { today: '2026-11-20', limit: 0, locale: 'en', category: 'Kultur' });
    await compareWithCore(REGION, url, {
      today: '2027-03-01',
      limit: 0,
      locale: 'de',
      organizer: 'foerderverein-burg-falkenstein, Kulturkreis',
    });
  });

  it('lists from `from` up to and including `to`, as the element does', async () => {
    const url = 'https://kalender.example.org/silvester.json';
    const out = await render([{ body: SILVESTER_FEED, url }], {
      today: '2026-11-15',
      from: '2026-12-01',
      to: '2026-12-31',
      limit: 0,
    });
    assert.deepEqual(
      out.view.events.map((e) => e.title),
      ['Adventskonzert', 'Silvestermarkt', 'Silvesterparty'],
    );
    assert.equal(out.attributes['from'], '2026-12-01');
    assert.equal(out.attributes['to'], '2026-12-31');
    // The core's reading of the same range.
    const feed = parseJsonFeed(SILVESTER_FEED);
    const core = filterOccurrences(expandOccurrences(feed.events, { start: '2026-11-15', end: '2027-12-01' }), {
      from: '2026-12-01',
      to: '2026-12-31',
    });
    assert.deepEqual(
      core.map((o) => o.title),
      out.view.events.map((e) => e.title),
    );
    const grid = await render([{ body: SILVESTER_FEED, url }], { view: 'grid', from: '2026-12-01', to: '2026-12-31' });
    assert.equal(grid.attributes['to'], undefined, 'the month grid has no from/to');
  });

  it('computes every time in Europe/Berlin, whatever the server zone (New York here)', async () => {
    const url = 'https://kalender.example.org/zones.json';
    for (const locale of ['de', 'en'] as const) await compareWithCore(ZONE_FEED, url, { today: '2026-10-20', limit: 0, locale });
    const out = await render([{ body: ZONE_FEED, url }], { today: '2026-10-20', limit: 0 });
    const by = new Map(out.view.events.map((e) => [e.id, e]));
    assert.equal(by.get('utc-winter')!.when, 'Sa., 12.12.2026, 19:30–21:00 Uhr');
    assert.equal(by.get('utc-winter')!.datetime, '2026-12-12T19:30:00+01:00');
    assert.equal(by.get('local-summer')!.when, 'Sa., 03.07.2027, 10:00–12:00 Uhr');
    assert.equal(by.get('local-summer')!.datetime, '2027-07-03T10:00:00+02:00');
    assert.equal(by.get('new-york')!.when, 'Mo., 14.12.2026, 05:30 Uhr');
    assert.equal(by.get('night')!.when, 'Sa., 19.12.2026, 22:00 Uhr – So., 20.12.2026, 02:00 Uhr');
    assert.equal(by.get('midnight')!.when, 'Fr., 18.12.2026, 19:00–24:00 Uhr');
    assert.equal(by.get('allday')!.when, 'Fr., 04.12.2026 – So., 06.12.2026');
    assert.equal(by.get('dst-end')!.when, 'So., 25.10.2026, 01:30–04:00 Uhr');
    assert.equal(by.get('tokyo')!.when, 'Mo., 14.12.2026, 01:00–02:00 Uhr');
  });

  it('takes "today" in the display zone: 02:30 in Berlin is still yesterday in New York', async () => {
    const url = 'https://kalender.example.org/w4g-test.json';
    // 2026-12-12 02:30 in Berlin = 2026-12-11 20:30 in New York.
    const out = await render([{ body: fixture('w4g-test.json'), url }], { limit: 0 }, { now: '2026-12-12T01:30:00Z' });
    assert.equal(out.view.today, '2026-12-12');
    const titles = out.view.events.map((e) => e.title);
    assert.equal(titles[0], 'Lesung am Nachmittag');
    assert.ok(!titles.includes('Kabarettabend'), 'the event of 11.12. (Berlin) is over');
    const late = await render([{ body: fixture('w4g-test.json'), url }], { limit: 0 }, { now: '2026-12-11T22:59:00Z' });
    assert.equal(late.view.today, '2026-12-11');
    assert.ok(late.view.events.some((e) => e.title === 'Kabarettabend'));
  });

  it('lists a recurring series once with a "regelmäßig" note and its first date, and drops ended series', async () => {
    const url = 'https://kalender.example.org/region.json';
    const out = await render([{ body: REGION, url }], { today: '2026-11-20', limit: 5 });
    const lauftreff = out.view.series.find((e) => e.id === 'sv-lauftreff')!;
    assert.match(lauftreff.when, /^regelmäßig \(wöchentlich\), erster Termin: Sa\., 07\.11\.2026, 09:00–10:15 Uhr$/);
    assert.ok(out.view.series.some((e) => /^regelmäßig \(alle 2 Wochen\)/.test(e.when)));
    assert.equal(out.view.events.length, 5, 'limit applies to the dated list');
    const schedule = graph(out.view).find((e) => e['name'] === lauftreff.title && 'eventSchedule' in e)!;
    assert.deepEqual((schedule['eventSchedule'] as Record<string, unknown>)['repeatFrequency'], 'P1W');
    // The cancelled date of the series (an override) is listed as a date, marked.
    const all = await render([{ body: REGION, url }], { today: '2026-11-20', limit: 0 });
    const cancelled = all.view.events.find((e) => e.id === 'sv-lauftreff')!;
    assert.equal(cancelled.when, 'Sa., 02.01.2027, 09:00–10:15 Uhr');
    assert.equal(cancelled.statusLabel, 'Abgesagt');
    assert.equal(cancelled.recurring, true);

    const test = fixture('w4g-test.json');
    const active = await render([{ body: test, url }], { today: '2026-12-20' });
    assert.deepEqual(
      active.view.series.map((e) => e.id),
      ['gottesdienst'],
      'weekly, COUNT=13 from 4 Oct: still running',
    );
    const ended = await render([{ body: test, url }], { today: '2027-02-01' });
    assert.deepEqual(ended.view.series, [], 'COUNT=13 weekly from 4 Oct 2026 ended before February');
    const until = JSON.stringify({
      events: [
        { id: 'a', title: 'Bis März', start: '2026-11-06T18:00', rrule: 'FREQ=WEEKLY;UNTIL=20270326T225959Z' },
        { id: 'b', title: 'Ohne Ende', start: '2020-01-01T18:00', rrule: 'FREQ=MONTHLY;BYDAY=1MO' },
      ],
    });
    assert.deepEqual(
      (await render([{ body: until, url }], { today: '2027-03-26' })).view.series.map((e) => e.id),
      ['b', 'a'],
    );
    assert.deepEqual(
      (await render([{ body: until, url }], { today: '2027-03-28' })).view.series.map((e) => e.id),
      ['b'],
    );
  });

  it('reports missing, failed and empty feeds as states with German texts', async () => {
    const missing = await render([], { src: '' });
    assert.equal(missing.view.state, 'missing');
    assert.equal(missing.view.labels['missing'], 'Für diesen Kalender ist kein Veranstaltungs-Feed eingestellt.');
    const failed = await render([], { src: 'https://kalender.example.org/api/events.json' });
    assert.equal(failed.view.state, 'error');
    assert.equal(failed.view.feedUrl, 'https://kalender.example.org/api/events.json');
    assert.equal(failed.view.labels['error'], 'Die Termine konnten gerade nicht geladen werden.');
    const empty = await render([{ body: fixture('w4g-empty.json'), url: 'https://x.example/e.json' }], { today: '2026-12-01' });
    assert.equal(empty.view.state, 'empty');
    assert.equal(empty.view.labels['empty'], 'Keine Termine gefunden.');
    const relative = await render([], { src: 'feeds/region.json' });
    assert.equal(relative.view.state, 'error', 'a relative src is for the browser only');
    assert.equal(relative.view.feedUrl, '');
  });

  it('reads JSON feeds only: iCalendar, HTML pages and broken JSON are refused', async () => {
    const out = await render(
      [
        { body: fixture('kirche.ics'), url: 'https://x.example/k.ics' },
        { body: '<!doctype html><p>Wartung</p>', url: 'https://x.example/h' },
        { body: '{"events": [', url: 'https://x.example/b.json' },
        { body: '[1, 2]', url: 'https://x.example/l.json' },
        { body: '\uFEFF' + fixture('w4g-test.json'), url: 'https://x.example/bom.json' },
      ],
      { src: 'https://x.example/k.ics', today: '2026-12-01' },
    );
    assert.deepEqual(out.decoded, [false, false, false, false, true]);
  });

  it('keeps only http(s) URLs: javascript:, data:, vbscript: and control characters are refused', async () => {
    const out = await render(
      [],
      { src: '' },
      {
        safeUrls: [
          ['javascript:alert(1)'],
          [' javascript:alert(1)'],
          ['JaVaScRiPt:alert(1)'],
          ['java\tscript:alert(1)'],
          ['data:text/html,<script>alert(1)</script>'],
          ['vbscript:msgbox(1)'],
          ['https://example.org'],
          ['HTTPS://example.org/a?b=1&c=2#d'],
          ['konzert.png', 'https://k.example/feeds/a.json'],
          ['../bilder/b.jpg', 'https://k.example/feeds/a.json'],
          ['/x.json', 'https://k.example/feeds/a.json'],
          ['javascript:alert(1)', 'https://k.example/feeds/a.json'],
          ['//evil.example/x', 'https://k.example/'],
          ['http://'],
        ],
      },
    );
    assert.deepEqual(out.safeUrls, [
      null,
      null,
      null,
      null,
      null,
      null,
      'https://example.org/',
      'https://example.org/a?b=1&c=2#d',
      'https://k.example/feeds/konzert.png',
      'https://k.example/bilder/b.jpg',
      'https://k.example/x.json',
      null,
      'https://evil.example/x',
      null,
    ]);
  });

  it('normalizes the wrapper attributes and always sets no-jsonld', async () => {
    const out = await render(
      [],
      {
        src: '  https://a.example/f.json   javascript:alert(1)  /api/events.json  ',
        view: 'GRID',
        town: ' Arnstein ',
        limit: 500,
        locale: 'en-GB',
        today: '2026-02-30',
      },
      { siteUrl: 'https://www.example.org/' },
    );
    assert.deepEqual(out.urls, ['https://a.example/f.json', 'https://www.example.org/api/events.json']);
    assert.equal(out.options['view'], 'grid');
    assert.equal(out.options['limit'], 100);
    assert.equal(out.options['today'], '', 'not a date');
    assert.deepEqual(out.attributes, {
      src: 'https://a.example/f.json   javascript:alert(1)  /api/events.json',
      town: 'Arnstein',
      locale: 'en',
      'no-jsonld': true,
    });
  });

  it('writes JSON-LD that cannot close its script element', async () => {
    const out = await render([{ body: fixture('w4g-xss.json'), url: 'https://x.example/xss.json' }], { today: '2026-12-01' });
    assert.ok(out.view.jsonLd.length > 1000);
    assert.doesNotMatch(out.view.jsonLd, /[<>&]/);
    const events = graph(out.view);
    assert.ok(events.some((e) => String(e['name']).includes('</script><a href')));
    for (const e of events) {
      for (const key of ['url', 'image']) if (key in e) assert.match(String(e[key]), /^https?:\/\//);
    }
  });
});
